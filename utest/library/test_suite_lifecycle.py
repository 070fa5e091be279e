"""The Robot library run by Robot Framework itself: sessions end with the suite."""

import io
import textwrap
import threading

import robot

SUITE = """\
*** Settings ***
Library    ICWSLibrary    server={url}

*** Test Cases ***
Leave Two Sessions Open
    Connect To ICWS    kevin.glinski    1234    alias=first
    Connect To ICWS    agent1    1234    alias=second
    Wait Until User Status Is    Available    timeout=5s

Fail With A Session Open
    Connect To ICWS    agent2    1234
    Fail    Deliberate failure
"""


def run_suite(tmp_path, text, **options):
    suite = tmp_path / "suite.robot"
    suite.write_text(textwrap.dedent(text))
    stdout = io.StringIO()
    rc = robot.run(str(suite), outputdir=str(tmp_path), stdout=stdout, stderr=stdout, **options)
    return rc, stdout.getvalue()


def test_sessions_left_open_are_logged_off_when_the_suite_ends(simulator, tmp_path):
    rc, console = run_suite(tmp_path, SUITE.format(url=simulator.url), loglevel="TRACE")
    assert rc == 1, console  # the deliberate failure
    assert simulator.sessions() == []
    readers = [t.name for t in threading.enumerate() if t.name.startswith("icws-messages-")]
    assert readers == [], "no messaging reader may outlive the suite"


def test_keywords_have_documentation_with_an_example():
    from robot.libdoc import LibraryDocumentation

    for name in ("ICWSLibrary", "ICWSLibrary.Simulator"):
        library = LibraryDocumentation(name)
        assert library.keywords, name
        for kw in library.keywords:
            assert kw.doc.strip(), f"{name}: {kw.name} has no documentation"
            assert "Example" in kw.doc, f"{name}: {kw.name} has no example"
