"""No password, CSRF token or session cookie reaches Robot's outputs, even at TRACE."""

import io
import textwrap

import pytest
import robot

from ICWSLibrary.simulator.model import session_cookie

PASSWORD = "Zx9-distinct-Pw"

SUITE = """\
*** Settings ***
Library    ICWSLibrary    server={url}
Library    RequestsLibrary

*** Variables ***
${{PASSWORD: Secret}}    %{{ICWS_TEST_PASSWORD}}

*** Test Cases ***
Everyday Keywords
    Connect To ICWS    qa.secret    ${{PASSWORD}}    alias=qa
    Get Session Info
    Connection State Should Be Up
    Get Feature Versions
    Call ICWS    GET    /status/user-statuses/qa.secret
    Call ICWS    GET    /status/user-statuses/nobody    expected_status=404
    Set User Status    At Lunch
    Get ICWS Requests Session    requests_alias=icws
    GET On Session    icws    /connection
    Disconnect

Failures Carry No Secret
    Connect To ICWS    qa.secret    ${{PASSWORD}}
    Run Keyword And Expect Error    *    Call ICWS    GET    /status/user-statuses/nobody
    Run Keyword And Expect Error    *    Connect To ICWS    qa.secret    wrong-password
"""


@pytest.fixture
def secret_simulator(start_simulator):
    users = [{"id": "qa.secret", "password": PASSWORD, "displayName": "QA Secret"}]
    return start_simulator({"users": users})


def test_no_secret_in_output_log_or_console_at_trace(secret_simulator, tmp_path, monkeypatch):
    if not hasattr(pytest.importorskip("robot.api.types"), "Secret"):
        pytest.skip("Secret needs Robot Framework 7.4")
    monkeypatch.setenv("ICWS_TEST_PASSWORD", PASSWORD)
    suite = tmp_path / "secrets.robot"
    suite.write_text(textwrap.dedent(SUITE.format(url=secret_simulator.url)))
    console = io.StringIO()
    rc = robot.run(
        str(suite), outputdir=str(tmp_path), loglevel="TRACE", stdout=console, stderr=console
    )
    outputs = {
        "output.xml": (tmp_path / "output.xml").read_text(),
        "log.html": (tmp_path / "log.html").read_text(),
        "console": console.getvalue(),
    }
    assert rc == 0, outputs["console"]

    model = secret_simulator.model
    sessions = list(model.state.sessions.live.values()) + list(model.state.sessions.ended.values())
    assert len(sessions) == 2
    secrets = {PASSWORD}
    for session in sessions:
        secrets |= {session.token, session.cookie}
        assert session_cookie(f"icws_{session.id}={session.cookie}", session.id) == session.cookie
    for name, text in outputs.items():
        for secret in secrets:
            assert secret not in text, f"a secret leaked into {name}"
    # Passwords written in suite data land in output.xml as data: the suites use variables.
    assert "${PASSWORD}" in outputs["output.xml"]
    # The run did log real detail, so the check above was not vacuous.
    assert "/status/user-statuses/qa.secret" in outputs["output.xml"]
    assert "ININ-ICWS-CSRF-Token" in outputs["output.xml"]
