"""The configuration store: the scenario's users, workgroups, stations, skills, roles and
wrap-up codes as ICWS configuration objects (:mod:`.objects`), read (:mod:`.reading`),
written (:mod:`.writing`) and watched (:mod:`.watching`). Refusals are
:class:`~.objects.ConfigurationError`, a :class:`~..errors.SimulatorError`."""

from .objects import (
    CONFIGURATION_ADMIN,
    ConfigurationError,
    ConfigurationWatch,
    configuration_id,
)
from .reading import Reading
from .watching import Watching
from .writing import Writing


class ConfigurationStore(Reading, Writing, Watching):
    """Every configuration operation over one scenario."""


__all__ = [
    "CONFIGURATION_ADMIN", "ConfigurationError", "ConfigurationStore", "ConfigurationWatch",
    "configuration_id",
]  # fmt: skip
