"""The acceptance suites' variables: each one documented, and a logon refused because one
was left at the simulator's password says which to set."""

import io
import json
import re
from pathlib import Path

import robot

REPO = Path(__file__).resolve().parents[1]


def suite_variables() -> set[str]:
    names = set()
    for path in [*REPO.glob("atest/**/*.robot"), *REPO.glob("resources/*.resource")]:
        names |= set(re.findall(r"\$\{(ICWS_[A-Z_]+)\}", path.read_text("utf-8")))
    return names


def test_every_variable_the_suites_read_is_in_the_readme_table():
    readme = (REPO / "README.md").read_text("utf-8")
    table = dict(re.findall(r"^\| `(ICWS_[A-Z_]+)` \| (.*?) \|", readme, re.M))
    missing = sorted(suite_variables() - set(table))
    assert len(suite_variables()) > 30
    assert missing == [], f"README's variable table lacks {missing}"


def test_a_logon_refused_with_a_defaulted_password_names_the_variable(
    tmp_path, start_simulator, monkeypatch
):
    scenario = tmp_path / "lab.json"
    scenario.write_text(json.dumps({"users": [{"id": "qa.agent", "password": "lab-secret"}]}))
    simulator = start_simulator(str(scenario))
    monkeypatch.delenv("ICWS_AGENT_PASSWORD", raising=False)
    monkeypatch.setenv("ICWS_OTHER_PASSWORD", "1234")  # set, if wrongly: no hint
    suite = tmp_path / "lab.robot"
    suite.write_text(
        f"""*** Settings ***
Library    {REPO / "resources" / "PabotAccounts.py"}
Library    ICWSLibrary    server={simulator.url}
Suite Setup    Keep Passwords Secret    ICWS_AGENT_PASSWORD    ICWS_OTHER_PASSWORD

*** Variables ***
${{ICWS_AGENT_PASSWORD}}    %{{ICWS_AGENT_PASSWORD=1234}}
${{ICWS_OTHER_PASSWORD}}    %{{ICWS_OTHER_PASSWORD=1234}}

*** Test Cases ***
Defaulted
    Connect To ICWS    qa.agent    ${{ICWS_AGENT_PASSWORD}}
Set In The Environment
    Connect To ICWS    qa.agent    ${{ICWS_OTHER_PASSWORD}}
"""
    )
    console = io.StringIO()
    robot.run(str(suite), outputdir=str(tmp_path), stdout=console, stderr=console)
    text = console.getvalue()
    assert "set the environment variable ICWS_AGENT_PASSWORD" in text, text
    assert "ICWS_OTHER_PASSWORD to" not in text, text
