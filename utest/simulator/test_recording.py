"""Recording on the simulator: the policy, an agent's own recording, secure pause on the
clock, and the recording a call leaves (its spans, export, tags and attributes)."""

import requests

from .helpers import Agent, error_of

CALL = "urn:inin.com:interactions:createCallParameters"


def connected_call(simulator, agent, workgroup="Support"):
    call_id = simulator.place_inbound_call(workgroup, "3175550100")
    assert agent.call("POST", f"/interactions/{call_id}/pickup").status_code == 200
    return call_id


def export_of(simulator, agent, recording_id):
    answer = agent.call("GET", f"/recordings/{recording_id}/export-uri")
    assert answer.status_code == 200, answer.text
    uri = answer.json()["uri"]
    assert uri.startswith("/recording-exports/")  # resolved against the server's address
    return requests.get(simulator.url + uri).json()


def test_the_workgroup_policy_records_its_calls_and_the_export_lacks_the_paused_span(simulator):
    agent = Agent(simulator.url, "agent1", "7001")
    call_id = connected_call(simulator, agent)
    recording_id = agent.attribute(call_id, "Eic_IRRecordingId")
    assert recording_id
    simulator.advance_time(10)
    pause = f"/interactions/{call_id}/secure-pause"
    assert agent.call("POST", pause, {"securePauseType": 2, "duration": 20}).status_code == 200
    assert agent.attribute(call_id, "Eic_SecureRecordingPauseStartTime")
    simulator.advance_time(21)  # the pause ends by itself
    assert agent.attribute(call_id, "Eic_SecureRecordingPauseStartTime") == ""
    simulator.advance_time(5)
    simulator.hang_up(call_id)
    manifest = export_of(simulator, agent, recording_id)
    spans = [(round(s["start"]), round(s["end"])) for s in manifest["segments"]]
    assert spans == [(0, 10), (30, 36)]
    assert manifest["interactionId"] == call_id


def test_a_repeated_secure_pause_never_passes_the_maximum(start_simulator):
    simulator = start_simulator({"securePauseTimeout": 40, "securePauseMaximum": 60})
    agent = Agent(simulator.url, "agent1", "7001")
    call_id = connected_call(simulator, agent)
    pause = f"/interactions/{call_id}/secure-pause"
    assert agent.call("POST", pause, {"securePauseType": 0}).ok
    simulator.advance_time(30)
    assert agent.call("POST", pause, {"securePauseType": 0}).ok  # would end at 70
    simulator.advance_time(31)  # 61 s since the pause began
    assert agent.attribute(call_id, "Eic_SecureRecordingPauseStartTime") == ""
    # An infinite pause lasts until resumed.
    assert agent.call("POST", pause, {"securePauseType": 1}).ok
    simulator.advance_time(600)
    assert agent.attribute(call_id, "Eic_SecureRecordingPauseStartTime")
    assert agent.call("POST", pause, {"securePauseType": 3}).ok
    assert agent.attribute(call_id, "Eic_SecureRecordingPauseStartTime") == ""
    bad = agent.call("POST", pause, {"securePauseType": 2})
    assert bad.status_code == 400 and error_of(bad)["propertyName"] == "duration"


def test_an_agent_records_their_own_call_with_the_right_to(simulator):
    agent = Agent(simulator.url, "agent5", "7005")
    call_id = connected_call(simulator, agent, "Sales")  # Sales records no calls
    assert agent.attribute(call_id, "Eic_IRRecordingId") == ""
    record = f"/interactions/{call_id}/record"
    assert agent.call("POST", record, {"on": True, "supervisor": False}).status_code == 200
    assert agent.attribute(call_id, "Eic_Recorders") == "agent5"
    recording_id = agent.attribute(call_id, "Eic_IRRecordingId")
    assert agent.call("POST", record, {"on": False}).ok
    assert agent.attribute(call_id, "Eic_Recorders") == ""
    simulator.hang_up(call_id)
    tags = f"/recordings/{recording_id}/tags"
    assert agent.call("PUT", tags, {"tags": ["complaint", "billing"]}).status_code == 204
    assert agent.call("GET", tags).json() == {"tags": ["complaint", "billing"]}
    attributes = f"/recordings/{recording_id}/attributes"
    assert agent.call("PUT", attributes, {"attributes": {"Case": "42"}}).status_code == 204
    assert agent.call("GET", attributes).json() == {"attributes": {"Case": "42"}}
    assert agent.call("GET", "/recordings/nothing/tags").status_code == 404


def test_recording_needs_the_recorder_right(start_simulator):
    licenses = ["I3_ACCESS_CLIENT", "I3_ACCESS_ACD", "I3_LICENSE_BASIC_STATION"]
    simulator = start_simulator({"users": [{"id": "plain", "password": "1234",
                                            "rights": ["stationLogon"], "licenses": licenses}],
                                 "stations": [{"id": "7100"}],
                                 "workgroups": [{"id": "Team", "members": ["plain"]}]})  # fmt: skip
    agent = Agent(simulator.url, "plain", "7100")
    call_id = connected_call(simulator, agent, "Team")
    refused = agent.call("POST", f"/interactions/{call_id}/record", {"on": True})
    assert refused.status_code == 403
    assert "canRecordInteractions" in error_of(refused)["message"]
    pause = agent.call("POST", f"/interactions/{call_id}/secure-pause", {"securePauseType": 0})
    assert pause.status_code == 403


def test_a_users_policy_records_all_their_calls(start_simulator):
    # The user's recordCalls was documented but not read from the scenario.
    licenses = ["I3_ACCESS_CLIENT", "I3_ACCESS_ACD", "I3_LICENSE_BASIC_STATION"]
    simulator = start_simulator({"users": [{"id": "rec", "password": "1234", "recordCalls": True,
                                            "rights": ["stationLogon"], "licenses": licenses}],
                                 "stations": [{"id": "7100"}],
                                 "workgroups": [{"id": "Team", "members": ["rec"]}]})  # fmt: skip
    agent = Agent(simulator.url, "rec", "7100")
    call_id = connected_call(simulator, agent, "Team")
    assert agent.attribute(call_id, "Eic_IRRecordingId")


def test_a_timed_secure_pause_says_when_the_recording_resumes(simulator):
    # [real] Desktops watch Eic_RecordingsAutoResumeTime beside the pause's start time.
    from datetime import datetime, timezone

    agent = Agent(simulator.url, "agent1", "7001")
    call_id = connected_call(simulator, agent)
    pause = f"/interactions/{call_id}/secure-pause"
    assert agent.call("POST", pause, {"securePauseType": 2, "duration": 120}).ok

    def moment(name):
        text = agent.attribute(call_id, name)
        return datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)

    gap = moment("Eic_RecordingsAutoResumeTime") - moment("Eic_SecureRecordingPauseStartTime")
    assert 119 <= gap.total_seconds() <= 121
    assert agent.call("POST", pause, {"securePauseType": 1}).ok  # infinite: no resume time
    assert agent.attribute(call_id, "Eic_RecordingsAutoResumeTime") == ""
    assert agent.call("POST", pause, {"securePauseType": 2, "duration": 30}).ok
    assert agent.attribute(call_id, "Eic_RecordingsAutoResumeTime")
    simulator.advance_time(31)
    assert agent.attribute(call_id, "Eic_RecordingsAutoResumeTime") == ""
