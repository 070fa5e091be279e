"""How fast `Wait Until User Status Is` reacts, and what an idle session sends.

Prints, for SSE and for short polling: the median and 90th percentile time from a status
change on the server to the keyword returning, and the requests an idle session sends
per second. Run: python bench/reaction_latency.py [--rounds 50]
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time

from ICWSLibrary import ICWSLibrary
from ICWSLibrary.simulator import ICWSSimulator

STATUSES = ("At Lunch", "Available")


def reaction_times(url: str, mode: str, rounds: int) -> list[float]:
    library = ICWSLibrary(server=url, messaging=mode)
    library.connect_to_icws("agent1", "1234")
    watcher = ICWSLibrary(server=url, messaging=mode)
    watcher.connect_to_icws("agent2", "1234")
    watcher.wait_until_user_status_is("Available", user_id="agent1")
    times = []
    for index in range(rounds):
        status = STATUSES[index % 2]
        changed_at = []

        def change(status=status, changed_at=changed_at):
            changed_at.append(time.perf_counter())
            library.get_session().status.set_user_status("agent1", status)

        # The change happens while the watcher is already waiting.
        timer = threading.Timer(0.02, change)
        timer.start()
        watcher.wait_until_user_status_is(status, user_id="agent1")
        returned = time.perf_counter()
        timer.join()
        times.append(returned - changed_at[0])
    library.close()
    watcher.close()
    return times


def idle_requests_per_second(simulator: ICWSSimulator, mode: str, seconds: float) -> float:
    library = ICWSLibrary(server=simulator.url, messaging=mode)
    library.connect_to_icws("agent3", "1234")
    library.subscribe_to_user_statuses("agent3")
    before = simulator.model.requests_served
    time.sleep(seconds)
    sent = simulator.model.requests_served - before
    library.close()
    return sent / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--idle", type=float, default=3.0, help="seconds of idle measurement")
    args = parser.parse_args()
    with ICWSSimulator() as simulator:
        print(f"{'mode':8} {'median ms':>10} {'p90 ms':>8} {'idle req/s':>11}")
        for mode in ("sse", "polling"):
            times = sorted(reaction_times(simulator.url, mode, args.rounds))
            p90 = times[int(len(times) * 0.9) - 1]
            idle = idle_requests_per_second(simulator, mode, args.idle)
            print(
                f"{mode:8} {statistics.median(times) * 1000:10.1f} {p90 * 1000:8.1f} {idle:11.2f}"
            )


if __name__ == "__main__":
    main()
