"""What a keyword costs, beside the true floors, measured on equal terms.

Each round runs every measurement once, in a shuffled order, so that a slow moment of the
machine falls on a different measurement each round; the script prints min / median / max
over the rounds. Every HTTP figure does the same request: `User Status Should Be`'s GET of
one user's status on an authenticated session of the simulator.

Per call (ms):
  A  http.client keep-alive GET                        (the HTTP floor)
  B  requests.Session GET, trust_env=False            (configured as the library's own)
  C  Robot: an empty Python keyword                    (Robot's floor)
  D  Robot: a keyword doing one http.client GET        (the floor of an HTTP keyword)
  E  Robot: a keyword doing one requests.Session GET
  F  Robot: ICWSLibrary `User Status Should Be`
  G  Robot: the same check written with RequestsLibrary

Then: `Connect To ICWS` + `Disconnect`, import times, the memory of a robot run holding 50
sessions each with its own event stream, and the simulator's requests per second on the
authenticated request against a minimal asyncio server and a standard-library server.

Run: python bench/keyword_cost.py [--rounds 7] [--n 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests

from ICWSLibrary import ICWSLibrary
from ICWSLibrary.simulator import ICWSSimulator

sys.path.insert(0, str(Path(__file__).parent))
from load import Connection, logon  # noqa: E402

BENCH = Path(__file__).resolve().parent
USER, PASSWORD = "agent1", "1234"
SUITES = {
    "empty_keyword": "empty_keyword.robot",
    "httpclient_keyword": "httpclient_keyword.robot",
    "raw_keyword": "raw_keyword.robot",
    "icwslibrary": "icwslibrary.robot",
    "requestslibrary": "requestslibrary.robot",
}


def icws_logon(url: str) -> tuple[str, dict]:
    """A session by hand: its status path and the headers that authenticate it."""
    answer = requests.post(
        f"{url}/icws/connection",
        json={
            "__type": "urn:inin.com:connection:icAuthConnectionRequestSettings",
            "applicationName": "bench",
            "userID": USER,
            "password": PASSWORD,
        },
        headers={"Accept-Language": "en-us"},
        timeout=10,
    )
    body = answer.json()
    cookie = answer.headers["Set-Cookie"].split(";")[0]
    headers = {"ININ-ICWS-CSRF-Token": body["csrfToken"], "Cookie": cookie}
    return f"/icws/{body['sessionId']}/status/user-statuses/{USER}", headers


def httpclient_loop(url: str, n: int) -> float:
    path, headers = icws_logon(url)
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port)
    headers["Accept-Language"] = "en-us"
    started = time.perf_counter()
    for _ in range(n):
        connection.request("GET", path, headers=headers)
        assert json.loads(connection.getresponse().read())["statusId"] == "Available"
    seconds = (time.perf_counter() - started) / n
    connection.close()
    return seconds


def requests_loop(url: str, n: int) -> float:
    path, headers = icws_logon(url)
    http = requests.Session()
    http.trust_env = False  # as ICWSLibrary configures its own sessions
    http.headers.update(headers)
    http.headers["Accept-Language"] = "en-us"
    started = time.perf_counter()
    for _ in range(n):
        assert http.get(url + path).json()["statusId"] == "Available"
    seconds = (time.perf_counter() - started) / n
    http.close()
    return seconds


def robot_suite(suite: str, url: str, n: int, connects: int = 50) -> tuple[dict, int]:
    """Run a bench suite in its own robot process; returns its timings and max RSS (KiB)."""
    with tempfile.TemporaryDirectory() as folder:
        results = Path(folder) / "results.jsonl"
        command = [
            sys.executable, "-m", "robot", "--output", "NONE", "--report", "NONE",
            "--log", "NONE", "--console", "none",
            "--variable", f"SERVER:{url}", "--variable", f"USER:{USER}",
            "--variable", f"PASSWORD:{PASSWORD}", "--variable", f"N:{n}",
            "--variable", f"CONNECTS:{connects}", str(BENCH / "suites" / suite),
        ]  # fmt: skip
        process = subprocess.Popen(command, env=dict(CHILD_ENV, BENCH_RESULTS=str(results)))
        _, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"{suite} failed; run it with robot to see why")
        timings = {}
        if results.exists():
            for line in results.read_text().splitlines():
                item = json.loads(line)
                timings[item["name"]] = item["seconds"]
        return timings, usage.ru_maxrss


# Child processes may keep compiled bytecode: site-packages (RequestsLibrary) has it from
# the install, and an editable checkout must not pay for compiling on every import instead.
CHILD_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def import_seconds(module: str) -> float:
    """Import time inside a Robot process, where Robot itself is already loaded."""
    code = (
        "import robot.api, robot.running, time; t = time.perf_counter(); "
        f"import {module}; print(time.perf_counter() - t)"
    )
    output = subprocess.check_output([sys.executable, "-c", code], text=True, env=CHILD_ENV)
    return float(output)


def requests_per_connect(url: str, simulator: ICWSSimulator) -> int:
    library = ICWSLibrary(server=url)
    before = simulator.model.requests_served
    library.connect_to_icws(USER, PASSWORD)
    library.disconnect()
    return simulator.model.requests_served - before


async def throughput(port: int, clients: int, total: int, log_on: bool = True) -> float:
    """Authenticated status GETs per second from ``clients`` keep-alive connections.

    The floors answer any request, so they get the same request with made-up credentials.
    """
    connections = [await Connection.open(port) for _ in range(clients)]
    if log_on:
        sessions = [await logon(connection, USER) for connection in connections]
    else:
        sessions = [("1234567", "made-up-token", "icws_1234567=made-up", USER)] * clients

    async def worker(connection: Connection, session: tuple, count: int) -> None:
        session_id, token, cookie, user = session
        headers = [("ININ-ICWS-CSRF-Token", token), ("Cookie", cookie)]
        for _ in range(count):
            status, _, _ = await connection.request(
                "GET", f"/icws/{session_id}/status/user-statuses/{user}", headers
            )
            assert status == 200, status

    started = time.perf_counter()
    await asyncio.gather(
        *(worker(c, s, total // clients) for c, s in zip(connections, sessions, strict=True))
    )
    seconds = time.perf_counter() - started
    for connection in connections:
        connection.close()
    return total / seconds


def server_process(*command: str) -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen([sys.executable, *command], stdout=subprocess.PIPE, text=True)
    return process, int(process.stdout.readline().strip().rsplit(":", 1)[1])


def spread(values: list[float], scale: float = 1.0, digits: int = 3) -> str:
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{low * scale:.{digits}f} / {mid * scale:.{digits}f} / {high * scale:.{digits}f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--n", type=int, default=1000, help="calls per round")
    args = parser.parse_args()
    samples: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        samples.setdefault(name, []).append(value)

    with ICWSSimulator() as simulator:
        url = simulator.url
        jobs = {
            "httpclient": lambda: add("httpclient", httpclient_loop(url, args.n)),
            "requests": lambda: add("requests", requests_loop(url, args.n)),
        }
        for name, suite in SUITES.items():

            def run(suite=suite):
                for key, seconds in robot_suite(suite, url, args.n)[0].items():
                    add(key, seconds)

            jobs[name] = run
        for _ in range(args.rounds):
            order = list(jobs)
            random.shuffle(order)
            for name in order:
                jobs[name]()
        rss = [robot_suite("sessions50.robot", url, 0)[1] for _ in range(3)]
        per_connect = requests_per_connect(url, simulator)

    imports = {"ICWSLibrary": [], "RequestsLibrary": []}
    for module in imports:  # the first import writes the bytecode of a fresh checkout
        import_seconds(module)
    for _ in range(args.rounds):
        for module in random.sample(list(imports), len(imports)):
            imports[module].append(import_seconds(module))

    servers = {
        "simulator": server_process("-m", "ICWSLibrary.simulator", "--port", "0"),
        "minimal": server_process(str(BENCH / "minimal_server.py")),
        "stdlib": server_process(str(BENCH / "bare_server.py")),
    }
    try:
        for _ in range(args.rounds):
            runs = [(name, clients) for name in servers for clients in (1, 8)]
            random.shuffle(runs)
            for name, clients in runs:
                rate = asyncio.run(
                    throughput(servers[name][1], clients, 4000, log_on=name == "simulator")
                )
                add(f"{name}{clients}", rate)
    finally:
        for process, _ in servers.values():
            process.terminate()
            process.wait(timeout=10)

    median = {name: statistics.median(values) for name, values in samples.items()}
    print(f"Per call, min / median / max of {args.rounds} shuffled rounds x {args.n} calls (ms):")
    rows = [
        ("A", "http.client keep-alive GET (HTTP floor)", "httpclient"),
        ("B", "requests.Session GET, trust_env=False", "requests"),
        ("C", "Robot: empty Python keyword (Robot floor)", "empty_keyword"),
        ("D", "Robot: keyword doing one http.client GET", "httpclient_keyword"),
        ("E", "Robot: keyword doing one requests GET", "raw_keyword"),
        ("F", "Robot: ICWSLibrary User Status Should Be", "icwslibrary"),
        ("G", "Robot: RequestsLibrary, written by hand", "requestslibrary"),
    ]
    for letter, label, key in rows:
        print(f"  {letter} {label:44} {spread(samples[key], 1000)}")
    ratio = lambda a, b: median[a] / median[b]  # noqa: E731
    print(
        f"  medians: F/E {ratio('icwslibrary', 'raw_keyword'):.2f}   "
        f"F/G {ratio('icwslibrary', 'requestslibrary'):.2f}   "
        f"F/D {ratio('icwslibrary', 'httpclient_keyword'):.2f}   "
        f"F/B {ratio('icwslibrary', 'requests'):.2f}   "
        f"E-C (one requests GET inside Robot) "
        f"{(median['raw_keyword'] - median['empty_keyword']) * 1000:.3f} ms"
    )
    print(
        f"Connect To ICWS + Disconnect: {spread(samples['connect_disconnect'], 1000, 2)} ms, "
        f"{per_connect} requests"
    )
    print(
        f"Import in a Robot process (ms): ICWSLibrary {spread(imports['ICWSLibrary'], 1000, 0)}"
        f", RequestsLibrary {spread(imports['RequestsLibrary'], 1000, 0)}"
    )
    print(
        "Robot run holding 50 sessions, each with its own event stream: max RSS "
        f"{spread([kib / 1024 for kib in rss], 1, 1)} MiB"
    )
    for clients in (1, 8):
        sim = samples[f"simulator{clients}"]
        print(
            f"Authenticated status GETs, {clients} keep-alive client(s), req/s: simulator "
            f"{spread(sim, 1, 0)}; minimal asyncio server {spread(samples[f'minimal{clients}'], 1, 0)}"
            f"; stdlib server {spread(samples[f'stdlib{clients}'], 1, 0)}; simulator/minimal "
            f"{median[f'simulator{clients}'] / median[f'minimal{clients}']:.2f}"
        )


if __name__ == "__main__":
    main()
