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
