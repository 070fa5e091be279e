"""Threads, open files and memory of one Robot process holding many subscribed sessions.

Starts the simulator in its own process, then runs one robot process (soft open-file
limit 1,024, as on most desktops and CI runners) that logs on N sessions over SSE, each
subscribed to a user's status, changes that status once and waits until the last
session has seen it. Prints what the robot process held with all N streams open.

Run: python bench/many_streams.py [--sessions 1000]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from load import run_probed_suite, start_simulator  # noqa: E402

SUITE = """\
*** Settings ***
Library    ICWSLibrary    messaging=sse    timeout=60s
Library    {probe}

*** Test Cases ***
Many Subscribed Sessions
    FOR    ${{i}}    IN RANGE    {sessions}
        Connect To ICWS    agent${{{{ ${{i}} % 7 + 2 }}}}    1234    server=${{SERVER}}    alias=s${{i}}
        Subscribe To User Statuses    agent1
    END
    Connect To ICWS    agent1    1234    server=${{SERVER}}    alias=changer
    Set User Status    At Lunch
    Switch ICWS Session    s{last}
    Wait Until User Status Is    At Lunch    user_id=agent1    timeout=60s
    Sample    ${{RESULTS}}
    Switch ICWS Session    changer
    Set User Status    Available
    Disconnect All
"""

PROBE = """\
import json, os, threading

class Probe:
    def sample(self, path):
        with open("/proc/self/status") as status:
            fields = dict(line.split(":", 1) for line in status)
        sample = {"fds": len(os.listdir("/proc/self/fd")), "threads": threading.active_count(),
                  "rss_kib": int(fields["VmRSS"].split()[0]),
                  "hwm_kib": int(fields["VmHWM"].split()[0])}
        with open(path, "w") as out:
            out.write(json.dumps(sample))
"""


def desktop_limits() -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(1024, hard), hard))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=1000)
    args = parser.parse_args()
    simulator, url = start_simulator()
    try:
        suite = SUITE.format(probe="PROBE_LIBRARY", sessions=args.sessions, last=args.sessions - 1)
        sample = json.loads(run_probed_suite(suite, PROBE, url, preexec_fn=desktop_limits))
    finally:
        simulator.terminate()
        simulator.wait(timeout=10)
    print(
        f"{args.sessions} subscribed SSE sessions in one robot process (soft fd limit 1,024): "
        f"{sample['threads']} threads, {sample['fds']} open files, "
        f"RSS {sample['rss_kib'] / 1024:.1f} MiB (peak {sample['hwm_kib'] / 1024:.1f} MiB); "
        "the last session saw the change."
    )


if __name__ == "__main__":
    main()
