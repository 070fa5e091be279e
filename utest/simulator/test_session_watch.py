"""Who is logged on where: the session feature's subscriptions to users' and stations'
sessions, with the sessions already there told first and each removal's reason."""

from .helpers import Agent, RawSession

SESSIONS = "urn:inin.com:session:sessionsMessage"


def told(session):
    return [(m["isDelta"], [(s["userId"], s["stationId"]) for s in m["sessionsAdded"]],
             [(s["userId"], s.get("reason", "")) for s in m["sessionsRemoved"]])
            for m in session.messages() if m["__type"] == SESSIONS]  # fmt: skip


def test_a_users_sessions_are_told_as_they_come_and_go(simulator):
    boss = RawSession(simulator.url, "supervisor")
    first = Agent(simulator.url, "agent1", "7001")
    path = "/messaging/subscriptions/session/sessions-users"
    assert boss.request("PUT", path, json={"userIds": ["agent1"]}).status_code == 200
    assert told(boss) == [(False, [("agent1", "7001")], [])]
    second = RawSession(simulator.url, "agent1")
    assert told(boss) == [(True, [("agent1", "")], [])]
    second.request("DELETE", "/connection")
    [(delta, added, removed)] = told(boss)
    assert removed == [("agent1", "The session was logged off by the client.")]
    assert boss.request("DELETE", path).status_code == 204
    first.request("DELETE", "/connection")
    assert told(boss) == []


def test_a_station_tells_who_logs_on_to_it_and_off(simulator):
    boss = RawSession(simulator.url, "supervisor")
    path = "/messaging/subscriptions/session/sessions-stations"
    assert boss.request("PUT", path, json={"stationIds": ["7002"]}).status_code == 200
    assert told(boss) == [(False, [], [])]
    agent = Agent(simulator.url, "agent2", "7002")
    assert told(boss) == [(True, [("agent2", "7002")], [])]
    agent.request("DELETE", "/connection/station")
    [(_, _, removed)] = told(boss)
    assert removed == [("agent2", "station logoff")]
    missing = boss.request("PUT", path, json={})
    assert missing.status_code == 400


def test_a_layout_subscription_names_the_layouts_the_server_lacks(simulator):
    # [guess] The scenario has no layouts: a layout subscription is refused naming them.
    from .helpers import RawSession, error_of

    me = RawSession(simulator.url, "supervisor")
    path = "/messaging/subscriptions/session/sessions-layouts"
    refused = me.request("PUT", path, json={"layoutIds": ["Floor 2"]})
    assert refused.status_code == 400
    assert "Floor 2" in error_of(refused)["message"]
    assert me.request("PUT", path, json={}).status_code == 400
    assert me.request("DELETE", path).status_code == 204
