"""A supervisor listens to, coaches or joins an agent's call: the queue rights a
supervisor holds on the interactions of their workgroups (issue 26; contact/monitoring.py)."""

import pytest

from .helpers import Agent, error_of


@pytest.fixture
def connected(simulator):
    """agent1 connected to a caller in Support; the supervisor on station 7009."""
    agent = Agent(simulator.url, "agent1", "7001")
    boss = Agent(simulator.url, "supervisor", "7009")
    call_id = simulator.place_inbound_call("Support", "3175550100", "Pat Caller")
    assert agent.call("POST", f"/interactions/{call_id}/pickup").status_code == 200
    simulator.advance_time(1)
    assert agent.state(call_id) == "C"
    return agent, boss, call_id


def monitor(who, call_id, mode, on=True):
    return who.call("POST", f"/interactions/{call_id}/{mode}", {"on": on})


def legs(simulator, user):
    return [i for i in simulator.interactions() if i["user"] == user and i["state"] == "C"]


@pytest.mark.parametrize("mode", ["listen", "coach", "join"])
def test_a_supervisor_monitors_an_agents_call_on_a_call_of_their_own(simulator, connected, mode):
    agent, boss, call_id = connected
    answer = monitor(boss, call_id, mode)
    assert answer.status_code == 200, answer.text
    simulator.advance_time(1)
    assert boss.attribute(call_id, "Eic_Monitors") == "supervisor"
    (leg,) = legs(simulator, "supervisor")
    assert simulator.control().monitors(call_id) == [
        {"user": "supervisor", "mode": mode, "interactionId": leg["interactionId"]}
    ]
    assert leg["attributes"]["Eic_RemoteName"] == agent.attribute(call_id, "Eic_LocalName")
    # [real] names a real client watches: the supervisor's call names the one it monitors.
    assert leg["attributes"]["Eic_MonitoredObjectId"] == call_id
    assert agent.state(call_id) == "C", "the agent's call goes on"
    status = boss.call("GET", "/status/user-statuses/supervisor").json()
    assert status["onPhone"] is True
    # Stopping ends the supervisor's call and clears the monitors.
    assert monitor(boss, call_id, mode, on=False).status_code == 200
    simulator.advance_time(1)
    assert boss.attribute(call_id, "Eic_Monitors") == ""
    assert legs(simulator, "supervisor") == []
    assert simulator.control().monitors(call_id) == []


def test_listening_then_coaching_changes_the_mode_of_the_same_call(simulator, connected):
    _agent, boss, call_id = connected
    monitor(boss, call_id, "listen")
    simulator.advance_time(1)
    (first,) = legs(simulator, "supervisor")
    assert monitor(boss, call_id, "coach").status_code == 200
    simulator.advance_time(1)
    (second,) = legs(simulator, "supervisor")
    assert second["interactionId"] == first["interactionId"]
    assert [m["mode"] for m in simulator.control().monitors(call_id)] == ["coach"]


def test_the_supervisors_call_ends_with_the_agents(simulator, connected):
    agent, boss, call_id = connected
    monitor(boss, call_id, "listen")
    simulator.advance_time(1)
    (leg,) = legs(simulator, "supervisor")
    assert agent.call("POST", f"/interactions/{call_id}/disconnect").status_code == 200
    simulator.advance_time(1)
    assert boss.state(leg["interactionId"]) == "E"
    assert boss.attribute(call_id, "Eic_Monitors") == ""


def test_hanging_up_the_supervisors_call_stops_monitoring(simulator, connected):
    agent, boss, call_id = connected
    monitor(boss, call_id, "coach")
    simulator.advance_time(1)
    (leg,) = legs(simulator, "supervisor")
    assert boss.call("POST", f"/interactions/{leg['interactionId']}/disconnect").status_code == 200
    simulator.advance_time(1)
    assert boss.attribute(call_id, "Eic_Monitors") == ""
    assert agent.state(call_id) == "C"


@pytest.mark.parametrize("mode", ["listen", "coach", "join"])
def test_only_a_supervisor_of_the_workgroup_may_monitor(simulator, connected, mode):
    _agent, _boss, call_id = connected
    member = Agent(simulator.url, "agent2", "7002")
    refused = monitor(member, call_id, mode)
    assert refused.status_code == 403
    assert f"no queue rights to {mode}" in error_of(refused)["message"]
    stranger = Agent(simulator.url, "agent5", "7005")  # Sales, not Support
    assert monitor(stranger, call_id, mode).status_code == 403


def test_monitoring_needs_a_connected_call_of_someone_else_and_a_station(simulator, connected):
    agent, boss, call_id = connected
    own = monitor(agent, call_id, "listen")
    assert own.status_code == 400 and "own" in error_of(own)["message"]
    waiting = simulator.place_inbound_call("Support")  # agent1 busy: it waits or alerts
    refused = monitor(boss, waiting, "listen")
    assert refused.status_code == 400, refused.text
    assert "it is" in error_of(refused)["message"]
    stationless = Agent(simulator.url, "supervisor")
    boss.call("DELETE", "/connection/station")
    refused = monitor(stationless, call_id, "listen")
    assert refused.status_code == 400
    assert "station" in error_of(refused)["message"]
    assert monitor(boss, call_id, "listen", on="yes").status_code == 400
    assert boss.call("POST", f"/interactions/{call_id}/listen", {}).status_code == 400


def test_a_supervisory_monitor_is_listed_apart(simulator, connected):
    # As record takes {on, supervisor}: a supervisor's monitor goes in Eic_MonitorsSupv.
    _agent, boss, call_id = connected
    answer = boss.call("POST", f"/interactions/{call_id}/listen", {"on": True, "supervisor": True})
    assert answer.status_code == 200, answer.text
    simulator.advance_time(1)
    assert boss.attribute(call_id, "Eic_MonitorsSupv") == "supervisor"
    assert boss.attribute(call_id, "Eic_Monitors") == ""
    bad = boss.call("POST", f"/interactions/{call_id}/coach", {"on": True, "supervisor": "no"})
    assert bad.status_code == 400
