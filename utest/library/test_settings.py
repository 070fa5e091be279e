"""Library settings as users write them: text from the command line, wrong values, paths."""

import io
import os
import re

import pytest
import robot

from ICWSLibrary import ICWSLibrary
from ICWSLibrary.client import ICWSError


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("True", True),
        ("true", True),
        ("YES", True),
        ("False", False),
        ("no", False),
        ("off", False),
        (True, True),
        (False, False),
    ],
)
def test_verify_words_are_booleans_not_paths(given, expected):
    assert ICWSLibrary(verify=given).verify is expected


def test_verify_takes_an_existing_file_or_folder(tmp_path):
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-")
    assert ICWSLibrary(verify=str(bundle)).verify == str(bundle)
    assert ICWSLibrary(verify=str(tmp_path)).verify == str(tmp_path)


@pytest.mark.parametrize("given", ["", "  ", "/no/such/ca.pem", "maybe"])
def test_anything_else_is_a_clear_error_at_import(given):
    with pytest.raises(ICWSError, match="verify"):
        ICWSLibrary(verify=given)


@pytest.mark.parametrize("given", ["-1", "0", "nan", "inf", "soon", "1e999"])
def test_bad_timeouts_are_named_at_import(given):
    with pytest.raises(ICWSError, match="timeout must be"):
        ICWSLibrary(timeout=given)


def test_record_into_a_folder_fails_at_import_and_writes_nothing(tmp_path):
    with pytest.raises(ICWSError, match="it is a folder"):
        ICWSLibrary(record=str(tmp_path))
    assert list(tmp_path.iterdir()) == [], "no stray .tmp beside the folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_record_into_an_unwritable_folder_fails_at_import(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(ICWSError, match="not a writable folder"):
        ICWSLibrary(record=str(locked / "r.json"))


def test_record_into_a_path_under_a_file_fails_at_import(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ICWSError, match="not a writable folder"):
        ICWSLibrary(record=str(blocker / "sub" / "r.json"))


SUITE = """\
*** Settings ***
Library    ICWSLibrary.Simulator
Library    ICWSLibrary    verify=${VERIFY}

*** Test Cases ***
Reusing An Alias Says So And Logs The Old Session Off
    ${url} =    Start ICWS Simulator
    ${first} =    Connect To ICWS    agent1    ${PW}    server=${url}    alias=agent
    ${second} =    Connect To ICWS    agent2    ${PW}    server=${url}    alias=agent
    ${sessions} =    Get Simulator Sessions
    Length Should Be    ${sessions}    1
    Should Be Equal    ${sessions}[0][sessionId]    ${second}
"""


def test_alias_reuse_warns_and_verify_from_the_command_line(tmp_path):
    suite = tmp_path / "alias.robot"
    suite.write_text(SUITE)
    console = io.StringIO()
    rc = robot.run(
        str(suite),
        outputdir=str(tmp_path),
        variable=["VERIFY:false", "PW:1234"],
        stdout=console,
        stderr=console,
    )
    assert rc == 0, console.getvalue()
    assert "Alias 'agent' named session" in console.getvalue()


WAIT_SUITE = """\
*** Settings ***
Library    ICWSLibrary.Simulator
Library    ICWSLibrary    wait_timeout=0.3s

*** Test Cases ***
The Import Sets How Long Waits Wait
    ${url} =    Start ICWS Simulator
    Connect To ICWS    agent1    ${PW}    server=${url}
    Run Keyword And Expect Error    No queueContentsMessage message arrived within 0.3 s.*
    ...    Wait For Message    queueContentsMessage
    Run Keyword And Expect Error    No queueContentsMessage message arrived within 0.1 s.*
    ...    Wait For Message    queueContentsMessage    timeout=0.1s
"""


def test_wait_timeout_on_import_is_every_wait_default(tmp_path):
    suite = tmp_path / "wait.robot"
    suite.write_text(WAIT_SUITE)
    console = io.StringIO()
    rc = robot.run(
        str(suite), outputdir=str(tmp_path), variable=["PW:1234"], stdout=console, stderr=console
    )
    assert rc == 0, console.getvalue()


def test_session_cache_names_sessions_by_alias_or_index(simulator):
    library = ICWSLibrary(server=simulator.url)
    library.connect_to_icws("agent1", "1234", alias="agent")
    library.connect_to_icws("agent2", "1234")
    assert library.sessions.labels == ["agent", "2"]
    assert library.sessions.current_alias == "2"
    assert library.sessions.named("agent").user_id == "agent1"
    assert library.sessions.named("2") is None, "an index is not an alias"
    with pytest.raises(ICWSError, match="Known sessions: agent, 2"):
        library.get_session("nobody")
    library.close()


def test_a_wait_that_times_out_says_readably_what_it_saw(simulator):
    from datetime import timedelta

    library = ICWSLibrary(server=simulator.url)
    library.connect_to_icws("agent1", "1234")
    with pytest.raises(AssertionError) as failure:
        library.wait_until_user_status_is(
            "Gone Home", user_id="agent2", timeout=timedelta(seconds=0.3)
        )
    text = str(failure.value)
    assert re.search(r"it is 'Available' \(changed \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)", text), (
        text
    )
    assert "userStatusMessage (snapshot) of agent2 'Available'" in text, text
    assert "{" not in text, "no raw JSON"
    library.close()


def test_no_raw_python_error_reaches_a_user(simulator):
    # TypeError, RecursionError and OverflowError reached users in these cases.
    from robot.api.types import Secret

    library = ICWSLibrary(server=simulator.url)
    library.connect_to_icws("agent1", "1234")
    try:
        answer = library.call_icws(
            "PUT", "/status/user-statuses/agent1", {"statusId": Secret("At Lunch")}
        )
        assert answer["requestId"], "a Secret in a body is sent as its value"
        with pytest.raises(ICWSError, match="positive time up to a day"):
            library.wait_for_message("x", timeout=10**30)
        with pytest.raises(ICWSError, match="nested too deeply"):
            library.call_icws("POST", "/licenses", "[" * 100_000 + "]" * 100_000)
        answer = library.call_icws(
            "GET", "/status/user-statuses/agent1?callback=http://x", expected_status="any"
        )
        assert answer["userId"] == "agent1", "a URL in the query is data"
    finally:
        library.log_off_all()
