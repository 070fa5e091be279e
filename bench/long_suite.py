"""Open files, threads and memory of one Robot process over a long suite.

Generates a suite of N tests, runs it in one robot process against a simulator in
another process, and prints what the robot process holds every K tests: open file
descriptors, threads and resident memory. Flat columns mean nothing leaks. Shapes:

- ``status`` (default): each test `Connect To ICWS` / `User Status Should Be` /
  `Subscribe To User Statuses` / `Disconnect`, the nightly-regression shape;
- ``contact-center``: each test creates an interaction in a workgroup, waits for it to
  alert the agent, picks it up, holds it and hangs up; ``--session suite`` keeps one agent
  session for the whole suite, ``--session test`` logs on and off in each test.

Run: python bench/long_suite.py [--tests 2000] [--every 250] [--messaging sse]
     python bench/long_suite.py --shape contact-center --session suite --tests 3000
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from load import run_probed_suite, start_simulator  # noqa: E402

SUITE = """\
*** Settings ***
Library    ICWSLibrary    messaging={messaging}
Library    {probe}
{setup}
Test Teardown    Sample Every    {every}    ${{RESULTS}}

*** Test Cases ***
{tests}
"""
TEST = """\
Test {index}
    Connect To ICWS    agent{user}    1234    server=${{SERVER}}
    User Status Should Be    Available
    Subscribe To User Statuses    agent{user}
    Disconnect
"""
# Robot's own growth over as many tests of four keywords: the floor beside the figures.
FLOOR_TEST = """\
Test {index}
    Log    agent{user}
    Log    agent{user}
    Log    agent{user}
    Log    agent{user}
"""

# One agent and its station for the whole suite, or one per test.
AGENT_LOGON = """\
    Connect To ICWS    agent1    1234    server=${{SERVER}}
    Log On To Workstation    7001    media=call, generic
"""
CALL_FLOW = """\
    ${{id}}    Create Generic Interaction    Support    remote_name=Caller {index}
    ${{alerting}}    Wait For Alerting Interaction    timeout=10s
    Should Be Equal    ${{alerting}}    ${{id}}
    Pick Up Interaction    ${{id}}
    Hold Interaction    ${{id}}
    Interaction State Should Be    ${{id}}    Held
    Disconnect Interaction    ${{id}}
"""
SESSION_SUITE_SETUP = (
    "Suite Setup    Run Keywords    Connect To ICWS    agent1    1234    "
    "server=${SERVER}    AND    Log On To Workstation    7001    media=call, generic"
)
CONTACT_TESTS = {
    "suite": "Test {index}\n" + CALL_FLOW,
    "test": "Test {index}\n" + AGENT_LOGON + CALL_FLOW + "    Disconnect\n",
}

PROBE = """\
import json, os, threading

class Probe:
    ROBOT_LIBRARY_SCOPE = "GLOBAL"
    count = 0

    def sample_every(self, every, path):
        Probe.count += 1
        if Probe.count == 1 or Probe.count % int(every) == 0:
            with open("/proc/self/status") as status:
                rss = next(int(l.split()[1]) for l in status if l.startswith("VmRSS:"))
            sample = {"tests": Probe.count, "fds": len(os.listdir("/proc/self/fd")),
                      "threads": threading.active_count(), "rss_kib": rss}
            with open(path, "a") as out:
                out.write(json.dumps(sample) + "\\n")
"""


def run_suite(template: str, args, url: str, setup: str = "") -> list[dict]:
    tests = "\n".join(template.format(index=i, user=i % 8 + 1) for i in range(args.tests))
    suite = SUITE.format(
        messaging=args.messaging, probe="PROBE_LIBRARY", every=args.every, tests=tests,
        setup=setup,
    )  # fmt: skip
    output = run_probed_suite(suite, PROBE, url)
    return [json.loads(line) for line in output.splitlines()]


def growth(samples: list[dict]) -> str:
    first, last = samples[0], samples[-1]
    return (
        f"{last['fds'] - first['fds']:+d} fds, {last['threads'] - first['threads']:+d} threads, "
        f"{(last['rss_kib'] - first['rss_kib']) / 1024:+.1f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tests", type=int, default=2000)
    parser.add_argument("--every", type=int, default=250)
    parser.add_argument("--messaging", default="sse", choices=("sse", "polling"))
    parser.add_argument("--shape", default="status", choices=("status", "contact-center"))
    parser.add_argument("--session", default="suite", choices=("suite", "test"))
    args = parser.parse_args()
    simulator, url = start_simulator()
    try:
        if args.shape == "status":
            shape = "Connect / User Status Should Be / Subscribe / Disconnect"
            samples = run_suite(TEST, args, url)
        else:
            shape = f"create / alert / pick up / hold / hang up, a session per {args.session}"
            setup = SESSION_SUITE_SETUP if args.session == "suite" else ""
            samples = run_suite(CONTACT_TESTS[args.session], args, url, setup)
        floor = run_suite(FLOOR_TEST, args, url)
    finally:
        simulator.terminate()
        simulator.wait(timeout=10)
    print(f"{args.tests} tests ({shape}), messaging={args.messaging}, one robot process:")
    print(f"{'tests':>6} {'open fds':>9} {'threads':>8} {'RSS MiB':>8}")
    for sample in samples:
        print(
            f"{sample['tests']:6} {sample['fds']:9} {sample['threads']:8} "
            f"{sample['rss_kib'] / 1024:8.1f}"
        )
    print(f"growth from test 1 to {samples[-1]['tests']}: {growth(samples)}")
    print(f"Robot's own growth over as many tests of four Log keywords: {growth(floor)}")


if __name__ == "__main__":
    main()
