"""How fast `Wait Until User Status Is` and `Wait Until Interaction State Is` react, and
what an idle session sends.

A watcher session waits for a user's status while another session changes it at a random
moment of the wait (0 to --spread seconds into it), so a poller's phase cannot flatter
the figure. Likewise an agent on a call waits for it to be disconnected while the caller
hangs up at a random moment. Rounds of both modes are interleaved. Prints min / median / max of the time
from the change on the server to the keyword returning, and the requests per second an
idle subscribed session sends. Run: python bench/reaction_latency.py [--rounds 40]
"""

from __future__ import annotations

import argparse
import random
import statistics
import threading
import time

from ICWSLibrary import ICWSLibrary
from ICWSLibrary.simulator import ICWSSimulator

STATUSES = ("At Lunch", "Available")


class Watcher:
    """A session waiting for a user's status, which the server changes meanwhile."""

    def __init__(self, simulator: ICWSSimulator, mode: str, user: str):
        self.simulator, self.user = simulator, user
        self.library = ICWSLibrary(server=simulator.url, messaging=mode)
        self.library.connect_to_icws("agent2", "1234")
        self.library.wait_until_user_status_is("Available", user_id=user)
        self.rounds = 0

    def one_round(self, delay: float) -> float:
        status = STATUSES[self.rounds % 2]
        self.rounds += 1
        changed_at = []

        def change() -> None:
            # The clock starts as the server applies the change (in this process).
            changed_at.append(time.perf_counter())
            self.simulator.set_user_status(self.user, status)

        timer = threading.Timer(delay, change)
        timer.start()
        self.library.wait_until_user_status_is(status, user_id=self.user, timeout="30s")
        returned = time.perf_counter()
        timer.join()
        return returned - changed_at[0]

    def close(self) -> None:
        self.library.close()


class CallWatcher:
    """An agent with a connected call, waiting for it to end; the caller hangs up."""

    def __init__(
        self, simulator: ICWSSimulator, mode: str, user: str, station: str, workgroup: str
    ):
        self.simulator, self.workgroup = simulator, workgroup
        self.library = ICWSLibrary(server=simulator.url, messaging=mode)
        self.library.connect_to_icws(user, "1234")
        self.library.log_on_to_workstation(station)

    def one_round(self, delay: float) -> float:
        call = self.simulator.place_inbound_call(self.workgroup)
        self.library.pick_up_interaction(call)
        self.library.wait_until_interaction_state_is(call, "Connected")
        hung_up_at = []

        def hang_up() -> None:
            hung_up_at.append(time.perf_counter())
            self.simulator.hang_up(call)

        timer = threading.Timer(delay, hang_up)
        timer.start()
        self.library.wait_until_interaction_state_is(call, "Disconnected", timeout="30s")
        returned = time.perf_counter()
        timer.join()
        self.simulator.advance_time(10)  # the call leaves its queues
        return returned - hung_up_at[0]

    def close(self) -> None:
        self.library.close()


def report(title: str, times: dict[str, list[float]], idle: dict[str, float] | None = None) -> None:
    print(title)
    print(
        f"{'mode':8} {'min ms':>8} {'median ms':>10} {'max ms':>8}"
        + (f" {'idle req/s':>11}" if idle else "")
    )
    for mode, values in times.items():
        print(
            f"{mode:8} {min(values) * 1000:8.1f} {statistics.median(values) * 1000:10.1f} "
            f"{max(values) * 1000:8.1f}" + (f" {idle[mode]:11.2f}" if idle else "")
        )


def measure(watchers: dict, rounds: int, spread: float) -> dict[str, list[float]]:
    """Interleaved rounds, in shuffled order, each changing at a random point of the wait."""
    times: dict[str, list[float]] = {mode: [] for mode in watchers}
    for _ in range(rounds):
        for mode in random.sample(list(watchers), len(watchers)):
            times[mode].append(watchers[mode].one_round(random.uniform(0.0, spread)))
    for watcher in watchers.values():
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
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--spread", type=float, default=2.0, help="latest change, in s")
    parser.add_argument("--idle", type=float, default=3.0, help="seconds of idle measurement")
    args = parser.parse_args()
    with ICWSSimulator() as simulator:
        # Each mode watches its own user, so one mode's change never ends the other's wait.
        statuses = measure(
            {"sse": Watcher(simulator, "sse", "agent5"),
             "polling": Watcher(simulator, "polling", "agent6")},
            args.rounds, args.spread,
        )  # fmt: skip
        idle = {mode: idle_requests_per_second(simulator, mode, args.idle) for mode in statuses}
        calls = measure(
            {"sse": CallWatcher(simulator, "sse", "agent1", "7001", "Support"),
             "polling": CallWatcher(simulator, "polling", "agent7", "7007", "Sales")},
            args.rounds, args.spread,
        )  # fmt: skip
    spread = f"0-{args.spread:g} s into the wait, {args.rounds} rounds each, interleaved"
    report(f"Wait Until User Status Is: the status changes {spread}:", statuses, idle)
    report(f"Wait Until Interaction State Is: the caller hangs up {spread}:", calls)


if __name__ == "__main__":
    main()
