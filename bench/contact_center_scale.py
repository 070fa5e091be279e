"""What one change costs the simulated contact center as it grows.

Builds a center of A agents in one workgroup (all Available, licensed for ACD, none on a
station, so every waiting call stays waiting) with B calls already waiting, then times,
in process, a new inbound call and an unrelated status change: each re-runs ACD routing.
Rounds of every size run in shuffled order; min / median / max in milliseconds. Flat rows
down a column mean a change costs the same whatever the backlog.

Run: python bench/contact_center_scale.py [--agents 100 1000] [--backlog 0 300 900]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from ICWSLibrary.simulator.model import ICWSModel
from ICWSLibrary.simulator.scenario import load_scenario

LICENSES = ["I3_ACCESS_CLIENT", "I3_ACCESS_ACD", "I3_LICENSE_BASIC_STATION"]


def center(agents: int, backlog: int) -> ICWSModel:
    users = [{"id": f"a{n}", "password": "x", "licenses": LICENSES} for n in range(agents)]
    model = ICWSModel(load_scenario({
        "users": users,
        "workgroups": [{"id": "Support", "members": [user["id"] for user in users]}],
    }))  # fmt: skip
    for _ in range(backlog):
        model.place_inbound_call("Support")
    return model


def one_round(agents: int, backlog: int, changes: int) -> tuple[list[float], list[float]]:
    model = center(agents, backlog)
    try:
        calls, statuses = [], []
        for number in range(changes):
            started = time.perf_counter()
            model.place_inbound_call("Support")
            calls.append(time.perf_counter() - started)
            started = time.perf_counter()
            model.set_user_status("a0", "At Lunch" if number % 2 == 0 else "Available")
            statuses.append(time.perf_counter() - started)
        return calls, statuses
    finally:
        model.close()


def figure(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return f"{min(ms):.2f} / {statistics.median(ms):.2f} / {max(ms):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--backlog", type=int, nargs="+", default=[0, 300, 900])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--changes", type=int, default=20)
    args = parser.parse_args()
    sizes = [(a, b) for a in args.agents for b in args.backlog] * args.rounds
    random.shuffle(sizes)
    results: dict[tuple[int, int], tuple[list[float], list[float]]] = {}
    for size in sizes:
        calls, statuses = one_round(*size, args.changes)
        known = results.setdefault(size, ([], []))
        known[0].extend(calls)
        known[1].extend(statuses)
    print("ms per change, min / median / max over all rounds")
    print(f"{'agents':>7} {'waiting':>8}  {'new inbound call':>24}  {'status change':>24}")
    for size in sorted(results):
        calls, statuses = results[size]
        print(f"{size[0]:>7} {size[1]:>8}  {figure(calls):>24}  {figure(statuses):>24}")


if __name__ == "__main__":
    main()
