"""Robot writes keyword arguments into output.xml as the data spells them, at every log
level: a password written in a suite would be in every report. The suites use variables."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SUITES = [*REPO.glob("atest/**/*.robot"), *REPO.glob("bench/suites/*.robot")]
CONNECT = re.compile(r"Connect To ICWS(?: {2,}|\t)+(\S+)(?: {2,}|\t)+(\S+)")


def test_no_suite_passes_a_literal_password():
    assert SUITES
    for suite in SUITES:
        for line in suite.read_text().splitlines():
            match = CONNECT.search(line)
            if match:
                password = match.group(2)
                assert password.startswith("${"), f"{suite.name}: {line.strip()}"
