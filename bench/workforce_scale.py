"""What workforce management (wfm) costs on the simulator as the center and the requests
grow, in process (ICWSModel.handle, no HTTP), min / median / max over shuffled rounds
(a fresh model each round):

- data:     GET wfm/data with every part selected, for one agent, no requests held;
- range:    GET wfm/scheduledatesrange;
- ask:      POST wfm/time-off of a part of a day, while H requests are held;
- held:     GET wfm/data?select=time-off,availability with H requests of that agent held.

Run: python bench/workforce_scale.py [--agents 10 1000] [--held 0 300] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from datetime import timedelta

from ICWSLibrary.protocol.dates import format_datetime, parse_datetime
from ICWSLibrary.simulator.model import ICWSModel, Request

IC_AUTH = "urn:inin.com:connection:icAuthConnectionRequestSettings"
EVERY_PART = "schedule,time-off,accrual,availability,activity-codes,status-mappings,configuration,notifications"  # fmt: skip
SHIFT = [
    {"from": "09:00", "to": "12:00", "activity": "Work"},
    {"from": "12:00", "to": "12:30", "activity": "Lunch"},
    {"from": "12:30", "to": "17:00", "activity": "Work"},
]


class Center:
    def __init__(self, agents: int):
        users = [{"id": f"a{n}", "password": "x"} for n in range(agents)]
        codes = [
            {"id": "WRK", "name": "Work", "type": "ACD"},
            {"id": "LUN", "name": "Lunch", "type": "Meal", "paid": False},
            {"id": "VAC", "name": "Vacation", "type": "Vacation"},
        ]
        self.model = ICWSModel({
            "users": users, "features": {"connection": 11, "messaging": 2, "wfm": 1},
            "workforce": {"activityCodes": codes, "autoApprove": True,
                          "dailyAllotmentMinutes": 500000,
                          "agents": [{"user": u["id"], "shift": SHIFT} for u in users]},
        })  # fmt: skip
        body = json.dumps({"__type": IC_AUTH, "applicationName": "bench", "userID": "a0",
                           "password": "x"}).encode()  # fmt: skip
        answer = self.model.handle(
            Request("POST", "/icws/connection", "", {"accept-language": "en-us"}, body)
        )
        logon = json.loads(answer.body)
        cookie = next(v for k, v in answer.headers if k.lower() == "set-cookie").split(";")[0]
        self.prefix = f"/icws/{logon['sessionId']}"
        self.headers = {"ININ-ICWS-CSRF-Token": logon["csrfToken"], "Cookie": cookie}
        first = json.loads(self.call("GET", "/wfm/scheduledatesrange").body)
        self.first = parse_datetime(first["scheduleStartTimeUTC"])
        self.asked = 0

    def call(self, method: str, path: str, query: str = "", body: dict | None = None):
        raw = json.dumps(body).encode() if body is not None else b""
        answer = self.model.handle(Request(method, self.prefix + path, query, self.headers, raw))
        if answer.status >= 300:
            raise RuntimeError(f"{method} {path}: {answer.status} {answer.body[:200]!r}")
        return answer

    def ask(self) -> None:
        """A part of a day, each on its own half hour of the published weeks."""
        self.asked += 1
        day = self.first + timedelta(days=8 + self.asked // 16 % 19)
        start = day + timedelta(hours=9, minutes=30 * (self.asked % 16))
        self.call("POST", "/wfm/time-off", body={
            "requestType": 5, "activityCodeId": "VAC", "startUtc": format_datetime(start),
            "endUtc": format_datetime(start + timedelta(minutes=30)), "lengthInMinutes": 30,
        })  # fmt: skip


def timed(action, repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        action()
    return (time.perf_counter() - start) / repeat * 1e3


def measure(agents: int, held: int, repeat: int) -> dict[str, float]:
    center = Center(agents)
    for _ in range(held):
        center.ask()
    figures = {
        "data": lambda: timed(
            lambda: center.call("GET", "/wfm/data", f"select={EVERY_PART}"), repeat
        ),  # fmt: skip
        "range": lambda: timed(lambda: center.call("GET", "/wfm/scheduledatesrange"), repeat),
        "held": lambda: timed(
            lambda: center.call("GET", "/wfm/data", "select=time-off,availability"), repeat
        ),  # fmt: skip
        "ask": lambda: timed(center.ask, repeat),
    }
    reads = ["data", "range", "held"]
    random.shuffle(reads)
    order = [*reads, "ask"]  # the asks last: they add to the requests held
    return {name: figures[name]() for name in order}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, nargs="+", default=[10, 1000])
    parser.add_argument("--held", type=int, nargs="+", default=[0, 300])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=100)
    options = parser.parse_args()
    cases = [(a, h) for a in options.agents for h in options.held]
    results: dict[tuple[int, int], list[dict[str, float]]] = {case: [] for case in cases}
    for _ in range(options.rounds):
        for case in random.sample(cases, len(cases)):
            results[case].append(measure(*case, options.repeat))
    print("ms per request, min / median / max over", options.rounds, "rounds")
    print(f"{'agents':>7} {'held':>5}  " + "  ".join(f"{n:>20}" for n in ("data", "range", "ask", "held")))  # fmt: skip
    for case in cases:
        cells = []
        for name in ("data", "range", "ask", "held"):
            values = [r[name] for r in results[case]]
            cells.append(f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}")
        print(f"{case[0]:>7} {case[1]:>5}  " + "  ".join(f"{c:>20}" for c in cells))


if __name__ == "__main__":
    main()
