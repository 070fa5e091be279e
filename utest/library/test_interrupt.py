"""Sessions are logged off when a run is stopped with Ctrl-C."""

import signal
import subprocess
import sys
import time

SUITE = """\
*** Settings ***
Library    ICWSLibrary    server={url}

*** Test Cases ***
Long Test With Sessions Open
    Connect To ICWS    kevin.glinski    1234
    Connect To ICWS    agent1    1234
    Sleep    60s
"""


def test_ctrl_c_logs_off_every_session(simulator, tmp_path):
    suite = tmp_path / "interrupted.robot"
    suite.write_text(SUITE.format(url=simulator.url))
    process = subprocess.Popen(
        [sys.executable, "-m", "robot", "--outputdir", str(tmp_path), str(suite)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while len(simulator.sessions()) < 2:
            assert time.monotonic() < deadline, "the suite never logged on"
            assert process.poll() is None, process.stdout.read()
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "Execution terminated by signal" in output, output
    assert process.returncode != 0
    assert simulator.sessions() == []
