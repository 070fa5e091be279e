"""Scenarios: what a simulated CIC server holds (:mod:`.model`), the checks of their
fields (:mod:`.checks`) and loading them from files (:mod:`.load`)."""

from .load import is_scenario_name, load_scenario, shipped_scenario, shipped_scenarios
from .model import (
    ExternalNumber,
    Host,
    Named,
    Scenario,
    ScenarioError,
    Station,
    User,
    Workgroup,
    WrapUpCode,
)

__all__ = [
    "ExternalNumber", "Host", "Named", "Scenario", "ScenarioError", "Station", "User",
    "Workgroup", "WrapUpCode", "is_scenario_name", "load_scenario", "shipped_scenario",
    "shipped_scenarios",
]  # fmt: skip
