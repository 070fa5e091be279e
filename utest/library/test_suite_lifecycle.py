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


STATISTICS_SUITE = """\
*** Settings ***
Library    ICWSLibrary    server={url}
Suite Setup    Connect To ICWS    supervisor    1234

*** Test Cases ***
Read A Statistic Once
    ${{value}} =    Get Statistic Value    TotalAgents    workgroup=Support
    Should Be Equal As Integers    ${{value}}    4

Read Another
    ${{value}} =    Get Statistic Value    TotalAgents    workgroup=Sales
    Should Be Equal As Integers    ${{value}}    4

Read None
    Log    nothing read here
"""


def test_a_statistic_no_test_reads_any_more_is_no_longer_watched(simulator, tmp_path):
    # One Get Statistic Value kept its key watched until the session ended: the server
    # recomputed it on every change for the rest of the suite. A test's end now lets go of
    # the keys it did not read; the next read watches again.
    watched = []
    statistics = simulator.model.statistics.statistics

    def workgroups(session):
        return sorted(key["parameterValueItems"][0]["value"]
                      for key, _value in (session.statistic_watch or {}).values())  # fmt: skip

    real = statistics.watch
    statistics.watch = lambda session, keys: (
        real(session, keys), watched.append(workgroups(session)))[0]  # fmt: skip
    stopped = []
    real_stop = statistics.stop
    statistics.stop = lambda session: stopped.append(session.user.id) or real_stop(session)
    rc, console = run_suite(tmp_path, STATISTICS_SUITE.format(url=simulator.url))
    assert rc == 0, console
    # Test 1 watches Support; test 2 adds Sales, and at its end Support (unread) goes (the
    # watch stops and Sales is watched again); at the end of test 3 nothing is read, so
    # the watch stops.
    assert watched == [["Support"], ["Sales", "Support"], ["Sales"]], watched
    assert stopped == ["supervisor"] * 2, stopped
