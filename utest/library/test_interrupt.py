"""Sessions are logged off when a run is stopped with Ctrl-C."""

import signal
import subprocess
import sys
import threading
import time

SUITE = """\
*** Settings ***
Library    ICWSLibrary    server={url}

*** Test Cases ***
Long Test With Sessions Open
    Connect To ICWS    kevin.glinski    1234
    Connect To ICWS    agent1    1234
    Log To Console    SESSIONS OPEN
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
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    try:
        # Both logons must have finished in the client, not only on the server: a signal
        # that lands while a logon answer is still on its way ends the keyword before the
        # client knows the session, and nothing could log that one off.
        deadline = time.monotonic() + 30
        while not any("SESSIONS OPEN" in line for line in lines):
            assert time.monotonic() < deadline, "the suite never logged on"
            assert process.poll() is None, "".join(lines)
            time.sleep(0.05)
        assert len(simulator.sessions()) == 2
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        reader.join(timeout=10)
        output = "".join(lines)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "Execution terminated by signal" in output, output
    assert process.returncode != 0
    assert simulator.sessions() == []
