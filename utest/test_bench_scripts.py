"""The benchmark scripts still run (small sizes; numbers are printed, never asserted)."""

import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def run(script, *args):
    result = subprocess.run(
        [sys.executable, str(BENCH / script), *args], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_load_script_serves_everything_without_errors():
    output = run("load.py", "--sessions", "40", "--requests", "2000", "--clients", "20")
    assert re.search(r"200 clients connecting at once: .* 0 errors", output)
    assert re.search(r"2000 requests from 20 keep-alive clients .* req/s, 0 errors", output)


def test_reaction_latency_script_reports_both_modes():
    output = run("reaction_latency.py", "--rounds", "4", "--idle", "0.3")
    assert re.search(r"^sse\s+[\d.]+\s+[\d.]+\s+[\d.]+$", output, re.MULTILINE)
    assert re.search(r"^polling\s+[\d.]+\s+[\d.]+\s+[\d.]+$", output, re.MULTILINE)


def test_keyword_cost_script_prints_every_figure():
    output = run("keyword_cost.py", "--rounds", "1", "--n", "10")
    for figure in (
        r"ratio 2/1 [\d.]+ +2/3 [\d.]+ .* 2/4 [\d.]+",
        r"Connect To ICWS \+ Disconnect: [\d.]+ ms, 2 requests",
        r"max RSS [\d.]+ MiB",
        r"Simulator with 8 keep-alive client\(s\): [\d,]+ req/s",
    ):
        assert re.search(figure, output), figure
