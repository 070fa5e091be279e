"""What a keyword costs, side by side with the floors, in one run.

Measures, as medians over interleaved rounds:
  1. raw requests.Session doing the HTTP of `User Status Should Be` (the floor);
  2. a Robot suite calling ICWSLibrary's `User Status Should Be` N times;
  3. the same suite written by hand with RequestsLibrary;
  4. a Robot suite calling a one-line Python keyword doing requests.Session.get (Robot's floor);
and prints the ratios 2/1, 2/3 and 2/4, the cost of `Connect To ICWS` + `Disconnect`,
library import times, the memory of a Robot run holding 50 sessions, the simulator's
requests per second against a bare standard-library server (1 and 8 keep-alive clients),
and the reaction latency of `Wait Until User Status Is`.

Run: python bench/keyword_cost.py [--rounds 5] [--n 300]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from ICWSLibrary import ICWSLibrary
from ICWSLibrary.simulator import ICWSSimulator

sys.path.insert(0, str(Path(__file__).parent))
from load import Connection  # noqa: E402
from reaction_latency import reaction_times  # noqa: E402

BENCH = Path(__file__).resolve().parent
USER, PASSWORD = "agent1", "1234"


def raw_requests(url: str, n: int) -> float:
    """The floor: the HTTP of User Status Should Be with a plain requests.Session."""
    http = requests.Session()
    logon = http.post(
        f"{url}/icws/connection",
        json={
            "__type": "urn:inin.com:connection:icAuthConnectionRequestSettings",
            "applicationName": "bench",
            "userID": USER,
            "password": PASSWORD,
        },
        headers={"Accept-Language": "en-us"},
    ).json()
    http.headers["ININ-ICWS-CSRF-Token"] = logon["csrfToken"]
    status_url = f"{url}/icws/{logon['sessionId']}/status/user-statuses/{USER}"
    started = time.perf_counter()
    for _ in range(n):
        assert http.get(status_url).json()["statusId"].casefold() == "available"
    seconds = (time.perf_counter() - started) / n
    http.delete(f"{url}/icws/{logon['sessionId']}/connection")
    return seconds


def robot_suite(suite: str, url: str, n: int, connects: int = 20) -> tuple[dict, int]:
    """Run a bench suite in its own robot process; returns its timings and max RSS (KiB)."""
    with tempfile.TemporaryDirectory() as folder:
        results = Path(folder) / "results.jsonl"
        command = [
            sys.executable, "-m", "robot", "--outputdir", folder, "--console", "none",
            "--variable", f"SERVER:{url}", "--variable", f"USER:{USER}",
            "--variable", f"PASSWORD:{PASSWORD}", "--variable", f"N:{n}",
            "--variable", f"CONNECTS:{connects}", str(BENCH / "suites" / suite),
        ]  # fmt: skip
        process = subprocess.Popen(command, env=dict(os.environ, BENCH_RESULTS=str(results)))
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise RuntimeError(f"{suite} failed (rc {process.returncode}); see robot output")
        timings = {}
        if results.exists():
            for line in results.read_text().splitlines():
                item = json.loads(line)
                timings[item["name"]] = item["seconds"]
        return timings, usage.ru_maxrss


def import_seconds(module: str, rounds: int) -> float:
    """Import time inside a Robot process, where Robot itself is already loaded."""
    code = (
        "import robot.api, robot.running, time; t = time.perf_counter(); "
        f"import {module}; print(time.perf_counter() - t)"
    )
    times = [
        float(subprocess.check_output([sys.executable, "-c", code], text=True))
        for _ in range(rounds)
    ]
    return statistics.median(times)


def requests_per_connect(url: str, simulator: ICWSSimulator) -> int:
    library = ICWSLibrary(server=url)
    before = simulator.model.requests_served
    library.connect_to_icws(USER, PASSWORD)
    library.disconnect()
    return simulator.model.requests_served - before


async def throughput(port: int, clients: int, requests_total: int) -> float:
    connections = [await Connection.open(port) for _ in range(clients)]

    async def worker(connection: Connection, count: int) -> None:
        for _ in range(count):
            status, _, _ = await connection.request("GET", "/icws/connection/version")
            assert status == 200

    started = time.perf_counter()
    await asyncio.gather(*(worker(c, requests_total // clients) for c in connections))
    seconds = time.perf_counter() - started
    for connection in connections:
        connection.close()
    return requests_total / seconds


def server_process(*command: str) -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen([sys.executable, *command], stdout=subprocess.PIPE, text=True)
    return process, int(process.stdout.readline().strip().rsplit(":", 1)[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--n", type=int, default=300, help="keyword calls per round")
    args = parser.parse_args()
    samples: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        samples.setdefault(name, []).append(value)

    with ICWSSimulator() as simulator:
        url = simulator.url
        for _ in range(args.rounds):
            add("raw", raw_requests(url, args.n))
            for suite in ("icwslibrary.robot", "requestslibrary.robot", "raw_keyword.robot"):
                timings, _ = robot_suite(suite, url, args.n)
                for name, seconds in timings.items():
                    add(name, seconds)
        _, rss = robot_suite("sessions50.robot", url, 0)
        per_connect = requests_per_connect(url, simulator)
        sse = sorted(reaction_times(url, "sse", 30))
        polling = sorted(reaction_times(url, "polling", 30))

    simulator_process, simulator_port = server_process("-m", "ICWSLibrary.simulator", "--port", "0")
    bare_process, bare_port = server_process(str(BENCH / "bare_server.py"))
    try:
        for _ in range(args.rounds):
            for clients in (1, 8):
                add(f"sim{clients}", asyncio.run(throughput(simulator_port, clients, 2000)))
                add(f"bare{clients}", asyncio.run(throughput(bare_port, clients, 2000)))
    finally:
        for process in (simulator_process, bare_process):
            process.terminate()
            process.wait(timeout=10)

    median = {name: statistics.median(values) for name, values in samples.items()}
    ms = {name: value * 1000 for name, value in median.items()}
    print(f"User Status Should Be, median of {args.rounds} rounds x {args.n} calls (ms per call):")
    print(f"  1 raw requests.Session loop            {ms['raw']:7.3f}")
    print(f"  2 ICWSLibrary User Status Should Be    {ms['icwslibrary']:7.3f}")
    print(f"  3 RequestsLibrary, written by hand     {ms['requestslibrary']:7.3f}")
    print(f"  4 one-line requests keyword            {ms['raw_keyword']:7.3f}")
    print(f"  ratio 2/1 {median['icwslibrary'] / median['raw']:.2f}   "
          f"2/3 {median['icwslibrary'] / median['requestslibrary']:.2f} (target <= 0.75)   "
          f"2/4 {median['icwslibrary'] / median['raw_keyword']:.2f} (target <= 1.15)")  # fmt: skip
    print(
        f"Connect To ICWS + Disconnect: {ms['connect_disconnect']:.2f} ms, {per_connect} requests"
    )
    print(f"Import in a Robot process: ICWSLibrary {import_seconds('ICWSLibrary', 5) * 1000:.0f} ms, "
          f"RequestsLibrary {import_seconds('RequestsLibrary', 5) * 1000:.0f} ms")  # fmt: skip
    print(f"Robot run holding 50 sessions: max RSS {rss / 1024:.1f} MiB")
    for clients in (1, 8):
        sim, bare = median[f"sim{clients}"], median[f"bare{clients}"]
        print(f"Simulator with {clients} keep-alive client(s): {sim:,.0f} req/s; bare stdlib "
              f"server {bare:,.0f} req/s; ratio {sim / bare:.2f} (target >= 0.8)")  # fmt: skip
    print(f"Wait Until User Status Is reaction: SSE median {statistics.median(sse) * 1000:.1f} ms, "
          f"polling median {statistics.median(polling) * 1000:.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
