"""The ICWS simulator: a faithful stand-in for a CIC server's ICWS API.

``ICWSSimulator`` runs it in-process; ``icws-simulator`` runs it from the command line;
``ICWSLibrary.Simulator`` controls it from Robot Framework.
"""

from .model import ICWSModel
from .scenario import Scenario, ScenarioError, load_scenario
from .server import ICWSSimulator
from .wire import Request, Response

__all__ = [
    "ICWSModel",
    "ICWSSimulator",
    "Request",
    "Response",
    "Scenario",
    "ScenarioError",
    "load_scenario",
]
