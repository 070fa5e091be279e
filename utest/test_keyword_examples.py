"""Every keyword's documentation example runs as written against the default scenario.

Each example becomes one test. The suite logs on as kevin.glinski first (the "current
session" the examples assume) and gives the variables the examples use: ${PASSWORD},
${SERVER}, ${CERTFILE}, ${KEYFILE} and ${RECORDING}. Every test gets a fresh simulator
on the same port, so no example sees what another changed. Rows that show a setting in a
table (``| [Teardown] | X |``, ``| Suite Teardown | X |``) run X.
"""

import io
import re
import socket
from pathlib import Path

import robot
from robot.libdoc import LibraryDocumentation

REPO = Path(__file__).resolve().parents[1]
SETTING_CELLS = ("[Teardown]", "[Setup]", "Suite Teardown", "Suite Setup", "Test Teardown")


def example_rows(doc: str) -> list[str]:
    parts = re.split(r"\n(?:Examples?:)\s*\n", doc, maxsplit=1)
    rows = []
    for line in parts[1].splitlines() if len(parts) == 2 else []:
        line = line.strip()
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if cells[0] in SETTING_CELLS:
            cells = cells[1:]
        rows.append("    ".join(cell or "${EMPTY}" for cell in cells))
    return rows


def suite_text(port: int) -> str:
    text = f"""*** Settings ***
Library    Collections
Library    RequestsLibrary
Library    ICWSLibrary.Simulator
Library    ICWSLibrary    server=http://127.0.0.1:{port}
Test Setup    Fresh Simulator
Test Teardown    Run Keywords    Run Keyword And Ignore Error    Disconnect All
...    AND    Stop All ICWS Simulators

*** Variables ***
${{PASSWORD}}     1234
${{SERVER}}       http://127.0.0.1:{port}
${{CERTFILE}}     {REPO}/atest/tls/simulator-cert.pem
${{KEYFILE}}      {REPO}/atest/tls/simulator-key.pem
${{RECORDING}}    {REPO}/resources/recordings/atest.json

*** Test Cases ***
"""
    for library in ("ICWSLibrary", "ICWSLibrary.Simulator"):
        for kw in LibraryDocumentation(library).keywords:
            rows = example_rows(kw.doc)
            assert rows, f"{kw.name} has no example"
            text += f"Example Of {kw.name}\n" + "".join(f"    {row}\n" for row in rows) + "\n"
    return (
        text
        + f"""*** Keywords ***
Fresh Simulator
    Stop All ICWS Simulators
    Start ICWS Simulator    port={port}
    Connect To ICWS    kevin.glinski    ${{PASSWORD}}
"""
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_every_keyword_example_runs_as_written(tmp_path):
    suite = tmp_path / "examples.robot"
    suite.write_text(suite_text(free_port()))
    console = io.StringIO()
    rc = robot.run(
        str(suite), outputdir=str(tmp_path), output="output.xml", report="NONE", log="NONE",
        console="verbose", stdout=console, stderr=console,
    )  # fmt: skip
    failures = re.findall(r"^(Example Of .*?)\s+\| FAIL \|\n(.*)$", console.getvalue(), re.M)
    assert rc == 0 and not failures, "\n".join(f"{name}: {why}" for name, why in failures)
