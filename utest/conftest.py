"""Fixtures shared by the unit tests: a real simulator on a free port, always stopped."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCENARIOS = REPO / "ICWSLibrary" / "simulator" / "scenarios"


@pytest.fixture
def simulator():
    from ICWSLibrary.simulator.server import ICWSSimulator

    server = ICWSSimulator()
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
        server = ICWSSimulator(scenario=scenario)
        started.append(server)
        server.start()
        return server

    try:
        yield start
    finally:
        for server in started:
            server.stop()
