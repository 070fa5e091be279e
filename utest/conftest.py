"""Fixtures shared by the unit tests: a real simulator on a free port, always stopped.

The simulators here show an interaction action's effect at once (``actionDelay`` 0), so
that tests of the simulator's rules read the state right after the action; the shipped
scenarios' delay (as a real server has one) is tested where it matters, with the
scenario saying so."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCENARIOS = REPO / "ICWSLibrary" / "simulator" / "scenarios"
AT_ONCE = {"actionDelay": 0}


@pytest.fixture
def simulator():
    from ICWSLibrary.simulator.server import ICWSSimulator

    server = ICWSSimulator(scenario=AT_ONCE)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def start_simulator():
    """Start simulators with a given scenario; every one is stopped after the test."""
    from ICWSLibrary.simulator.server import ICWSSimulator

    started = []

    def start(scenario=None):
        if scenario is None or (isinstance(scenario, dict) and "actionDelay" not in scenario):
            scenario = {**AT_ONCE, **(scenario or {})}
        server = ICWSSimulator(scenario=scenario)
        started.append(server)
        server.start()
        return server

    try:
        yield start
    finally:
        for server in started:
            server.stop()
