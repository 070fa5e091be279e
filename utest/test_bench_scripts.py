"""The benchmark scripts still run (small sizes; numbers are printed, never asserted)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


def run(script, *args):
    result = subprocess.run(
        [sys.executable, str(BENCH / script), *args], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_load_script_serves_everything_without_errors():
    output = run("load.py", "--sessions", "40", "--requests", "2000", "--clients", "20")
    assert re.search(r"200 clients connecting at once: .* 0 errors", output)
    assert re.search(r"2000 requests from 20 keep-alive clients .* req/s, 0 errors", output)


def test_reaction_latency_script_reports_both_modes():
    output = run("reaction_latency.py", "--rounds", "3", "--spread", "0.3", "--idle", "0.3")
    statuses, calls = output.split("Wait Until Interaction State Is")
    for mode in ("sse", "polling"):
        assert re.search(rf"^{mode}\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+$", statuses, re.M), mode
        assert re.search(rf"^{mode}\s+[\d.]+\s+[\d.]+\s+[\d.]+$", calls, re.M), mode


def test_keyword_cost_script_prints_every_figure():
    output = run("keyword_cost.py", "--rounds", "1", "--n", "10")
    number = r"[\d.]+ / [\d.]+ / [\d.]+"
    for figure in (
        rf"A http.client keep-alive GET .* {number}",
        rf"C Robot: empty Python keyword .* {number}",
        rf"F Robot: ICWSLibrary User Status Should Be +{number}",
        r"medians: F/E [\d.]+ +F/G [\d.]+ +F/D [\d.]+ +F/B [\d.]+",
        rf"Connect To ICWS \+ Disconnect: {number} ms, 2 requests",
        rf"its own event stream: max RSS {number} MiB",
        r"8 keep-alive client\(s\), req/s: simulator [\d /]+; minimal asyncio server",
    ):
        assert re.search(figure, output), figure


@pytest.mark.parametrize(
    "shape", [[], ["--shape", "contact-center"], ["--shape", "contact-center", "--session", "test"]]
)
def test_long_suite_script_prints_flat_columns(shape):
    output = run("long_suite.py", "--tests", "20", "--every", "10", *shape)
    assert re.search(r"^\s+20\s+\d+\s+\d+\s+[\d.]+$", output, re.M)
    assert "growth from test 1 to 20" in output


def test_many_streams_script_reports_threads_and_memory():
    output = run("many_streams.py", "--sessions", "20")
    assert re.search(r"20 subscribed SSE sessions .*: \d+ threads, \d+ open files, RSS", output)


def test_contact_center_scale_script_prints_every_table_and_target():
    output = run("contact_center_scale.py", "--agents", "10", "20", "--workgroups", "1", "2",
                 "--waiting", "0", "5", "--rounds", "1", "--times", "2")  # fmt: skip
    number = r"[\d.]+ / [\d.]+ / [\d.]+"
    for title in ("GET of a user status", "routing one inbound call", "cycles/s",
                  "status change", "hang-up of a connected call", "configuration/users"):  # fmt: skip
        assert title in output, title
    assert re.search(rf"^\s+20\s+1\s+5\s+{number}$", output, re.M)
    assert re.search(r"[\d.]+ KiB per agent .* [\d.]+ KiB per waiting interaction", output)
    assert len(re.findall(r"^  \S.* +[\d.]+ +target ", output, re.M)) >= 4


def test_workforce_scale_script_prints_every_figure():
    output = run("workforce_scale.py", "--agents", "5", "--held", "0", "3", "--rounds", "1",
                 "--repeat", "2")  # fmt: skip
    row = r"\s+" + r"\s+".join([r"[\d.]+ / [\d.]+ / [\d.]+"] * 4) + "$"
    assert re.search(rf"^\s+5\s+0{row}", output, re.M), output
    assert re.search(rf"^\s+5\s+3{row}", output, re.M), output
