"""`robot --dryrun atest` is clean: no ERROR line, every test passes the dry run."""

import io
from pathlib import Path

import robot

ATEST = Path(__file__).resolve().parents[1] / "atest"


def test_a_dry_run_of_the_acceptance_suites_is_clean(tmp_path):
    console = io.StringIO()
    rc = robot.run(
        str(ATEST), dryrun=True, outputdir=str(tmp_path), output="NONE", report="NONE",
        log="NONE", stdout=console, stderr=console,
    )  # fmt: skip
    assert "[ ERROR ]" not in console.getvalue(), console.getvalue()
    assert rc == 0, console.getvalue()
