"""Load the simulator: 200 clients connecting at once, then 500 sessions and 20,000 requests.

The simulator runs in its own process (as in a real CI run) and this script drives it
from asyncio clients over loopback. Prints the numbers; exits non-zero if any request
failed. Run: python bench/load.py [--sessions 500] [--requests 20000] [--clients 50]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import subprocess
import sys
import time

LOGON = (
    '{{"__type":"urn:inin.com:connection:icAuthConnectionRequestSettings",'
    '"applicationName":"load","userID":"{user}","password":"1234"}}'
)


class Connection:
    """One keep-alive HTTP/1.1 connection speaking just enough HTTP."""

    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> Connection:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        return cls(reader, writer)

    async def request(self, method: str, path: str, headers=(), body: bytes = b"") -> tuple:
        head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {len(body)}"]
        head += [f"{name}: {value}" for name, value in headers]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        status_line = await self.reader.readuntil(b"\r\n")
        raw_headers = await self.reader.readuntil(b"\r\n\r\n")
        length = int(re.search(rb"Content-Length: (\d+)", raw_headers).group(1))
        payload = await self.reader.readexactly(length)
        return int(status_line.split()[1]), raw_headers, payload

    def close(self) -> None:
        self.writer.close()


async def simultaneous_connects(port: int, clients: int) -> tuple[list[float], int]:
    async def one() -> tuple[float, bool]:
        started = time.perf_counter()
        connection = await Connection.open(port)
        connected = time.perf_counter() - started
        status, _, _ = await connection.request("GET", "/icws/connection/features")
        connection.close()
        return connected, status == 200

    results = await asyncio.gather(*(one() for _ in range(clients)))
    return [seconds for seconds, _ in results], sum(1 for _, ok in results if not ok)


async def logon(connection: Connection, user: str) -> tuple:
    status, headers, body = await connection.request(
        "POST",
        "/icws/connection",
        [("Accept-Language", "en-us")],
        LOGON.format(user=user).encode(),
    )
    if status != 201:
        raise RuntimeError(f"logon answered {status}: {body[:200]!r}")
    answer = json.loads(body)
    cookie = re.search(rb"Set-Cookie: (icws_\d+=[^;]+)", headers).group(1).decode()
    return answer["sessionId"], answer["csrfToken"], cookie, user


async def load(port: int, sessions: int, requests: int, clients: int) -> dict:
    connections = [await Connection.open(port) for _ in range(clients)]
    users = [f"agent{i % 8 + 1}" for i in range(sessions)]
    started = time.perf_counter()
    credentials = []
    for start in range(0, sessions, clients):
        batch = users[start : start + clients]
        credentials += await asyncio.gather(
            *(logon(connections[i], user) for i, user in enumerate(batch))
        )
    logon_seconds = time.perf_counter() - started
    errors = 0

    async def worker(index: int) -> None:
        nonlocal errors
        connection = connections[index]
        for n in range(index, requests, clients):
            session_id, token, cookie, user = credentials[n % len(credentials)]
            status, _, body = await connection.request(
                "GET",
                f"/icws/{session_id}/status/user-statuses/{user}",
                [("ININ-ICWS-CSRF-Token", token), ("Cookie", cookie)],
            )
            if status != 200 or json.loads(body)["userId"] != user:
                errors += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(clients)))
    seconds = time.perf_counter() - started
    for connection in connections:
        connection.close()
    return {"logon_seconds": logon_seconds, "seconds": seconds, "errors": errors}


def run_probed_suite(suite: str, probe: str, url: str, **popen) -> str:
    """Run a generated suite with its probe library in a quiet robot process; returns what
    the probe wrote to ${RESULTS}."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "Probe.py").write_text(probe)
        suite_file = folder / "bench.robot"
        suite_file.write_text(suite.replace("PROBE_LIBRARY", str(folder / "Probe.py")))
        results = folder / "results"
        subprocess.run(
            [sys.executable, "-m", "robot", "--output", "NONE", "--report", "NONE",
             "--log", "NONE", "--console", "none", "--variable", f"SERVER:{url}",
             "--variable", f"RESULTS:{results}", str(suite_file)],
            check=True,
            **popen,
        )  # fmt: skip
        return results.read_text()


def start_simulator() -> tuple[subprocess.Popen, str]:
    """The simulator in a process of its own, and its URL once it listens."""
    process = subprocess.Popen(
        [sys.executable, "-m", "ICWSLibrary.simulator", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    return process, process.stdout.readline().strip().rsplit(" ", 1)[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--connects", type=int, default=200)
    args = parser.parse_args()
    process, url = start_simulator()
    port = int(url.rsplit(":", 1)[1])
    try:
        connects, connect_errors = asyncio.run(simultaneous_connects(port, args.connects))
        print(
            f"{args.connects} clients connecting at once: slowest connect "
            f"{max(connects) * 1000:.1f} ms, median {statistics.median(connects) * 1000:.1f} ms, "
            f"{connect_errors} errors"
        )
        result = asyncio.run(load(port, args.sessions, args.requests, args.clients))
        print(
            f"{args.sessions} sessions logged on in {result['logon_seconds']:.2f} s; "
            f"{args.requests} requests from {args.clients} keep-alive clients in "
            f"{result['seconds']:.2f} s = {args.requests / result['seconds']:.0f} req/s, "
            f"{result['errors']} errors"
        )
        return 1 if connect_errors or result["errors"] else 0
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
