"""What a run's log says: each request once, and no warning for what went as planned."""

import io

import robot
from robot.api import ExecutionResult


def run(tmp_path, body: str, **options):
    suite = tmp_path / "suite.robot"
    suite.write_text(
        "*** Settings ***\nLibrary    ICWSLibrary.Simulator\nLibrary    ICWSLibrary\n\n"
        "*** Test Cases ***\nT\n    ${url}    Start ICWS Simulator\n"
        "    Connect To ICWS    agent1    1234    server=${url}\n" + body
    )
    console = io.StringIO()
    rc = robot.run(str(suite), outputdir=str(tmp_path), log="NONE", report="NONE",
                   stdout=console, stderr=console, **options)  # fmt: skip
    return rc, console.getvalue(), ExecutionResult(str(tmp_path / "output.xml"))


def test_each_request_is_logged_once_at_debug(tmp_path):
    rc, console, result = run(tmp_path, "    Get User Status\n", loglevel="DEBUG")
    assert rc == 0, console
    keyword = next(k for k in result.suite.tests[0].body if k.name == "Get User Status")
    lines = [
        m.message for m in keyword.body if m.type == "MESSAGE" and "user-statuses" in m.message
    ]
    assert len(lines) == 1, lines


def test_stopping_the_simulator_before_the_suite_ends_warns_nothing(tmp_path):
    rc, console, result = run(tmp_path, "    Stop ICWS Simulator\n")
    assert rc == 0, console
    assert "[ WARN ]" not in console
    assert not [m for m in result.errors.messages if m.level == "WARN"]


def test_secrets_in_a_call_icws_query_and_a_sip_password_stay_out_of_the_log(tmp_path):
    rc, console, result = run(
        tmp_path,
        "    Call ICWS    GET    /status/user-statuses/agent1?password=Qz-77-secret\n"
        "    Log On To Workstation    7001\n"
        "    ${station}    Get Station\n"
        "    Should Be Equal    ${station}[sipPassword]    ***\n",
        # At TRACE Robot itself logs every argument as written, this path included.
        loglevel="DEBUG",
    )
    assert rc == 0, console
    messages = [
        item.message for test in result.suite.tests for keyword in test.body
        for item in keyword.body if item.type == "MESSAGE"
    ]  # fmt: skip
    text = "\n".join(messages)
    assert "Qz-77-secret" not in text and "s1p-Secret-9" not in text
    assert "password=***" in text
    # Robot records each keyword's arguments as written, so the path is there as given.
