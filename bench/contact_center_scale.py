"""What the simulated contact center costs as it grows: agents, workgroups, waiting calls.

Each center has N agents spread over W workgroups, every agent logged on to a station of
their own, Available and licensed for ACD; K calls wait in the first workgroup once every
agent is busy. One supervisor session watches every workgroup statistic of the first
workgroup, as a wallboard does. Measured, each over shuffled rounds (a fresh center per
round, the measurements of a round in shuffled order), min / median / max:

- get:      one GET of a user's status, in process, while statistics are watched;
- route:    a new inbound call routed to an agent (in process);
- cycle:    place -> alert -> pickup -> disconnect, pickup and disconnect over HTTP;
            cycles per second;
- status:   a status change of a connected agent, with K calls waiting;
- hangup:   the caller of a connected agent hangs up (with calls waiting, routing then
            offers the oldest to that agent), K waiting;
- users:    GET configuration/users?select=* of all N users, in process;
- memory:   bytes per agent (logged on, with a station) and per waiting interaction.

Then the issue's targets as ratios of medians in this one run.

Run: python bench/contact_center_scale.py [--agents 10 100 1000 3000] [--workgroups 1 10 100]
        [--waiting 0 100 300] [--rounds 3]
"""

from __future__ import annotations

import argparse
import gc
import http.client
import json
import random
import statistics
import time
import tracemalloc
from urllib.parse import urlsplit

from ICWSLibrary.protocol.statistics import KNOWN_STATISTICS
from ICWSLibrary.simulator.model import ICWSModel, Request
from ICWSLibrary.simulator.scenario import load_scenario
from ICWSLibrary.simulator.server import ICWSSimulator

LICENSES = ["I3_ACCESS_CLIENT", "I3_ACCESS_ACD", "I3_LICENSE_BASIC_STATION"]
IC_AUTH = "urn:inin.com:connection:icAuthConnectionRequestSettings"
WORKSTATION = "urn:inin.com:connection:workstationSettings"


class Center:
    """A simulated center and the credentials of every session in it."""

    def __init__(self, agents: int, workgroups: int):
        users = [
            {"id": f"a{n}", "password": "x", "licenses": LICENSES, "rights": ["stationLogon"]}
            for n in range(agents)
        ]
        users.append(
            {"id": "boss", "password": "x", "licenses": LICENSES, "rights": ["configurationAdmin"]}
        )
        groups = [
            {"id": f"wg{g}", "members": [f"a{n}" for n in range(g, agents, workgroups)],
             "supervisors": ["boss"]}
            for g in range(workgroups)
        ]  # fmt: skip
        stations = [{"id": f"s{n}", "extension": str(10_000 + n)} for n in range(agents)]
        # Actions take effect at once: this measures what the model costs, not a delay.
        scenario = {"users": users, "workgroups": groups, "stations": stations,
                    "disconnectedLinger": 0, "actionDelay": 0,
                    "licenses": {name: agents + 1 for name in LICENSES}}  # fmt: skip
        self.model = ICWSModel(load_scenario(scenario))
        self.sessions: dict[str, tuple[str, dict]] = {}
        self.users_returned = 0
        for n in range(agents):
            self.sessions[f"a{n}"] = self.log_on(f"a{n}")
            self.ask(f"a{n}", "PUT", "/connection/station", {
                "__type": WORKSTATION, "workstation": f"s{n}", "supportedMediaTypes": [1],
                "readyForInteractions": True,
            })  # fmt: skip
        self.sessions["boss"] = self.log_on("boss")
        keys = [
            {"statisticIdentifier": known.identifier, "parameterValueItems": [
                {"parameterTypeId": p, "value": {"ININ.People.WorkgroupStats:Workgroup": "wg0",
                                                 "ININ.Queue:Interval": "CurrentShift",
                                                 "ININ.People.AgentStats:User": "a0"}[p]}
                for p in known.parameters]}
            for known in KNOWN_STATISTICS
        ]  # fmt: skip
        self.ask("boss", "PUT", "/messaging/subscriptions/statistics/statistic-values",
                 {"statisticKeys": keys})  # fmt: skip

    def log_on(self, user: str) -> tuple[str, dict]:
        body = {"__type": IC_AUTH, "applicationName": "bench", "userID": user, "password": "x"}
        response = self.model.handle(Request("POST", "/icws/connection", body=json.dumps(body)
                                             .encode(), headers={"accept-language": "en-us"}))  # fmt: skip
        assert response.status == 201, response.body
        answer = json.loads(response.body)
        cookie = dict(response.headers)["Set-Cookie"].split(";")[0]
        return answer["sessionId"], {"inin-icws-csrf-token": answer["csrfToken"], "cookie": cookie}

    def ask(self, user: str, method: str, path: str, body=None, query: str = ""):
        session_id, headers = self.sessions[user]
        data = b"" if body is None else json.dumps(body).encode()
        response = self.model.handle(
            Request(method, f"/icws/{session_id}{path}", query, dict(headers), data)
        )
        assert response.status < 300, (method, path, response.status, response.body)
        self.model.state.sessions.live[session_id].messages.clear()
        return response

    def holder(self, interaction_id: str) -> str:
        return self.model.contact.interactions[interaction_id].agent.id

    def place(self) -> str:
        return self.model.control.place_inbound_call("wg0", "+3170000000", "Caller")

    def pick_up(self, interaction_id: str) -> None:
        self.ask(self.holder(interaction_id), "POST", f"/interactions/{interaction_id}/pickup")

    def fill(self, waiting: int) -> None:
        """Every agent of wg0 on a call, then ``waiting`` calls behind them."""
        members = len(self.model.scenario.workgroup("wg0").members)
        for _ in range(members):
            self.pick_up(self.place())
        for _ in range(waiting):
            self.place()

    def close(self) -> None:
        self.model.close()


def timed(action, *args) -> float:
    started = time.perf_counter()
    action(*args)
    return time.perf_counter() - started


def measure_get(center: Center, times: int) -> list[float]:
    return [timed(lambda: center.ask("boss", "GET", "/status/user-statuses/a0"))
            for _ in range(times)]  # fmt: skip


def measure_route(center: Center, times: int) -> list[float]:
    found = []
    for _ in range(times):
        call: list[str] = []
        found.append(timed(lambda into: into.append(center.place()), call))
        assert center.model.contact.interactions[call[0]].state == "A"
        center.model.control.hang_up(call[0])
    return found


def measure_cycles(center: Center, times: int) -> list[float]:
    """Cycles per second, one figure per batch of ``times`` cycles, over HTTP."""
    simulator = ICWSSimulator(center.model.scenario)
    simulator.model, simulator.scenario = center.model, center.model.scenario
    url = urlsplit(simulator.start())
    connection = http.client.HTTPConnection(url.hostname, url.port)
    try:

        def post(user: str, path: str) -> None:
            session_id, headers = center.sessions[user]
            connection.request("POST", f"/icws/{session_id}{path}", b"", headers)
            answer = connection.getresponse()
            answer.read()
            assert answer.status < 300, (path, answer.status)

        started = time.perf_counter()
        for _ in range(times):
            call = center.place()
            agent = center.holder(call)
            post(agent, f"/interactions/{call}/pickup")
            post(agent, f"/interactions/{call}/disconnect")
        return [times / (time.perf_counter() - started)]
    finally:
        connection.close()
        simulator.stop()


def measure_status(center: Center, times: int) -> list[float]:
    found = []
    for number in range(times):
        status = "At Lunch" if number % 2 == 0 else "Available"
        found.append(timed(center.model.control.set_user_status, "a0", status))
    center.model.control.set_user_status("a0", "Available")
    return found


def measure_hangup(center: Center, times: int) -> list[float]:
    a0 = center.model.scenario.user("a0")

    def held_by_a0(state: str) -> str | None:
        with center.model.state.lock:  # the clock thread removes lingering interactions
            held = center.model.contact.registry.of_agent(a0)
            return next((i.id for i in held if i.state == state), None)

    found = []
    for _ in range(times):
        connected = held_by_a0("C")

        # Timed: the hang-up alone, which with calls waiting routes the oldest to a0.
        found.append(timed(center.model.control.hang_up, connected))
        following = held_by_a0("A")
        if following is not None:
            center.pick_up(following)
        call = center.place()  # the backlog stays K, or a0 gets a call again
        if held_by_a0("C") is None:
            center.pick_up(call)
    return found


def measure_users(center: Center, times: int) -> list[float]:
    found = [timed(center.ask, "boss", "GET", "/configuration/users", None, "select=*")
             for _ in range(times)]  # fmt: skip
    answer = center.ask("boss", "GET", "/configuration/users", None, "select=*")
    center.users_returned = len(json.loads(answer.body)["items"])
    return found


def memory(agents: int, interactions: int) -> tuple[float, float]:
    """Bytes per agent of a built center, and per interaction waiting in it."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    center = Center(agents, 1)
    built = tracemalloc.get_traced_memory()[0]
    center.model.control.set_user_status("a0", "At Lunch")
    for n in range(1, agents):
        center.model.control.set_user_status(f"a{n}", "At Lunch")
    middle = tracemalloc.get_traced_memory()[0]
    for _ in range(interactions):
        center.place()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    center.close()
    return (built - before) / agents, (after - middle) / interactions


def figure(values: list[float], scale: float = 1000.0, digits: int = 2) -> str:
    found = [v * scale for v in values]
    return (
        f"{min(found):.{digits}f} / {statistics.median(found):.{digits}f} / {max(found):.{digits}f}"
    )


def median(results: dict, key) -> float:
    return statistics.median(results[key])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, nargs="+", default=[10, 100, 1000, 3000])
    parser.add_argument("--workgroups", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--waiting", type=int, nargs="+", default=[0, 100, 300])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--times", type=int, default=20, help="measurements per round")
    args = parser.parse_args()
    results: dict[tuple, list[float]] = {}
    returned: dict[int, int] = {}  # users a read of all users returned, per N
    centers = [
        (n, w, k) for n in args.agents for w in args.workgroups for k in args.waiting
        if w <= n and (w == 1 or k == 0) and (k == 0 or n >= 100 or n == max(args.agents))
    ] * args.rounds  # fmt: skip
    random.shuffle(centers)
    for agents, workgroups, waiting in centers:
        center = Center(agents, workgroups)
        try:
            plan = [("route", measure_route)]
            if workgroups == 1 and waiting == 0:
                plan += [("get", measure_get), ("users", measure_users),
                         ("cycle", measure_cycles)]  # fmt: skip
            random.shuffle(plan)
            for name, measure in plan:
                key = (name, agents, workgroups, 0)
                results.setdefault(key, []).extend(measure(center, args.times))
            if center.users_returned:
                returned[agents] = center.users_returned
            if workgroups == 1:
                center.fill(waiting)
                for name, measure in random.sample(
                    [("status", measure_status), ("hangup", measure_hangup)], 2
                ):
                    key = (name, agents, 1, waiting)
                    results.setdefault(key, []).extend(measure(center, args.times))
        finally:
            center.close()

    def table(name: str, title: str, scale: float = 1000.0) -> None:
        rows = sorted(key for key in results if key[0] == name)
        if not rows:
            return
        print(f"\n{title}")
        print(f"{'agents':>7} {'workgroups':>10} {'waiting':>8}   min / median / max")
        for key in rows:
            print(f"{key[1]:>7} {key[2]:>10} {key[3]:>8}   {figure(results[key], scale)}")

    table("get", "GET of a user status with statistics watched, ms")
    table("route", "routing one inbound call, ms")
    table("cycle", "place -> alert -> pickup -> disconnect over HTTP, cycles/s", 1.0)
    table("status", "status change of a connected agent, ms")
    table("hangup", "hang-up of a connected call (the next waiting call then alerts), ms")
    table("users", "GET configuration/users?select=* by an administrator, ms")
    print("  users returned: " + ", ".join(f"N={n}: {c}" for n, c in sorted(returned.items())))
    small = min(args.agents)
    per_agent, per_interaction = memory(small if small >= 100 else 100, 300)
    print(f"\nmemory: {per_agent / 1024:.1f} KiB per agent (logged on, with a station), "
          f"{per_interaction / 1024:.1f} KiB per waiting interaction")  # fmt: skip

    print("\ntargets, ratios of medians in this run:")
    big, few = max(args.agents), min(args.agents)
    thousand = 1000 if 1000 in args.agents else big
    checks = []
    if ("get", big, 1, 0) in results:
        checks.append((f"GET with statistics watched, N={big} / N={few}",
                       median(results, ("get", big, 1, 0)) / median(results, ("get", few, 1, 0)),
                       "at most 2"))  # fmt: skip
    if ("cycle", thousand, 1, 0) in results:
        checks.append((f"cycles/s, N={thousand} / N={few}",
                       median(results, ("cycle", thousand, 1, 0))
                       / median(results, ("cycle", few, 1, 0)), "at least 0.5"))  # fmt: skip
    most = max(args.waiting)
    for name in ("status", "hangup"):
        for agents in args.agents:
            if (name, agents, 1, most) in results and (name, agents, 1, 0) in results:
                checks.append((f"{name}, N={agents}, {most} waiting / none",
                               median(results, (name, agents, 1, most))
                               / median(results, (name, agents, 1, 0)), "at most 3"))  # fmt: skip
    if ("users", big, 1, 0) in results and big in returned:
        per_user = {n: median(results, ("users", n, 1, 0)) / returned[n] for n in returned}
        checks.append((f"users read, cost per user returned, N={big} / N={few}",
                       per_user[big] / per_user[few], "about 1 (linear) or less"))  # fmt: skip
    for what, ratio, target in checks:
        print(f"  {what:<48} {ratio:8.2f}   target {target}")


if __name__ == "__main__":
    main()
