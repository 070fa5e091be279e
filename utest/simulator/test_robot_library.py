"""The Robot keywords of ICWSLibrary.Simulator, called from Python."""

import pytest
import requests

from ICWSLibrary import Simulator
from ICWSLibrary.client import ICWSSession


@pytest.fixture
def library():
    keywords = Simulator()
    try:
        yield keywords
    finally:
        keywords.close()


def test_start_control_and_stop(library):
    url = library.start_icws_simulator()
    session = ICWSSession(url)
    session.connect("agent1", "1234")
    sessions = library.get_simulator_sessions()
    assert [s["userID"] for s in sessions] == ["agent1"]
    assert library.simulator_disconnect_session("agent1", reason="Bye") == 1
    with pytest.raises(AssertionError, match="has no live session"):
        library.simulator_disconnect_session("agent1")
    library.simulator_set_user_status("agent1", "At Lunch")
    with pytest.raises(AssertionError, match="no status"):
        library.simulator_set_user_status("agent1", "Flying")
    library.stop_icws_simulator()
    with pytest.raises(requests.ConnectionError):
        requests.get(url + "/icws/connection/features", timeout=2)


def test_several_simulators_by_alias_and_close_stops_all(library):
    first = library.start_icws_simulator(alias="one")
    second = library.start_icws_simulator(alias="two")
    assert first != second
    library.stop_icws_simulator("one")
    assert requests.get(second + "/icws/connection/features").status_code == 200
    library.close()
    with pytest.raises(requests.ConnectionError):
        requests.get(second + "/icws/connection/features", timeout=2)


def test_keywords_without_a_simulator_say_so(library):
    with pytest.raises(AssertionError, match="use Start ICWS Simulator first"):
        library.get_simulator_sessions()


def test_stopping_a_simulator_makes_the_previous_one_current_again(library):
    first = library.start_icws_simulator(alias="main")
    library.start_icws_simulator(alias="extra")
    library.stop_icws_simulator("extra")
    ICWSSession(first).connect("agent1", "1234")
    assert [s["userID"] for s in library.get_simulator_sessions()] == ["agent1"]
    with pytest.raises(AssertionError, match="No running ICWS simulator has alias 'extra'"):
        library.stop_icws_simulator("extra")
