"""The Robot keywords of ICWSLibrary.Simulator, called from Python."""

import io
import re

import pytest
import requests
import robot

from ICWSLibrary import Simulator
from ICWSLibrary.client import ICWSError, ICWSSession


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


def test_stop_all_stops_every_simulator(library):
    urls = [library.start_icws_simulator(), library.start_icws_simulator(alias="b")]
    library.stop_all_icws_simulators()
    for url in urls:
        with pytest.raises(requests.ConnectionError):
            requests.get(url + "/icws/connection/features", timeout=2)
    with pytest.raises(AssertionError, match="use Start ICWS Simulator first"):
        library.get_simulator_sessions()


def test_set_simulator_host_accepting_keyword(library):
    library.start_icws_simulator()
    library.set_simulator_host_accepting("127.0.0.1", False)
    with pytest.raises(ICWSError) as error:
        ICWSSession(library._current().url).connect("agent1", "1234")
    assert error.value.status == 503
    with pytest.raises(AssertionError, match="no host '10.9.9.9'"):
        library.set_simulator_host_accepting("10.9.9.9", True)


INIT_SUITE = """\
*** Settings ***
Library           ICWSLibrary.Simulator
Suite Setup       Start ICWS Simulator    alias=main
"""

CHILD_SUITE = """\
*** Settings ***
Library    ICWSLibrary.Simulator
Library    Collections

*** Test Cases ***
Child Suite Controls The Simulator That __init__ Started
    ${sessions} =    Get Simulator Sessions
    Length Should Be    ${sessions}    0
    Set Simulator Host Accepting    127.0.0.1    False
    Stop ICWS Simulator    alias=main
"""

LEFTOVER_SUITE = """\
*** Settings ***
Library    ICWSLibrary.Simulator
Library    OperatingSystem

*** Test Cases ***
Leave One Running For Robot To Stop
    ${url} =    Start ICWS Simulator
    Create File    ${OUTPUT_DIR}/url.txt    ${url}
"""


def test_child_suites_share_the_simulator_that_init_started_and_robot_stops_it(tmp_path):
    suites = tmp_path / "suites"
    suites.mkdir()
    (suites / "__init__.robot").write_text(INIT_SUITE)
    (suites / "child.robot").write_text(CHILD_SUITE)
    (suites / "leftover.robot").write_text(LEFTOVER_SUITE)
    console = io.StringIO()
    rc = robot.run(
        str(suites), outputdir=str(tmp_path), stdout=console, stderr=console, console="dotted"
    )
    assert rc == 0, console.getvalue()
    url = (tmp_path / "url.txt").read_text()
    with pytest.raises(requests.ConnectionError):
        requests.get(url + "/icws/connection/features", timeout=2)


def test_every_keyword_has_a_description_and_an_example_table():
    from robot.libdoc import LibraryDocumentation

    documented = LibraryDocumentation("ICWSLibrary.Simulator")
    names = {kw.name for kw in documented.keywords}
    assert {
        "Start ICWS Simulator",
        "Stop ICWS Simulator",
        "Stop All ICWS Simulators",
        "Get Simulator Sessions",
        "Simulator Disconnect Session",
        "Set Simulator Host Accepting",
    } <= names
    for kw in documented.keywords:
        description, _, example = kw.doc.partition("Example")
        assert description.strip(), kw.name
        row = rf"^\|(?:[^\n]*\|)? {re.escape(kw.name)} \|"  # the keyword in a table cell
        assert re.search(row, example, re.M), kw.name


def test_get_simulator_requests_lists_what_clients_sent(library):
    url = library.start_icws_simulator()
    session = ICWSSession(url)
    session.connect("agent1", "1234")
    session.call("GET", "/status/user-statuses/agent1")
    seen = library.get_simulator_requests("/status/")
    assert seen == [
        {
            "method": "GET",
            "path": f"/icws/{session.session_id}/status/user-statuses/agent1",
            "status": 200,
        }
    ]
    assert library.get_simulator_requests()[0] == {
        "method": "POST",
        "path": "/icws/connection",
        "status": 201,
    }
    session.disconnect()
