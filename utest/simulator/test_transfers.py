"""Multi-party calls on the simulator: consult transfer (hold the caller, call a third
party, speak to either or both, then join them or drop the consult call)."""

from .helpers import Agent, error_of

CONSULT_MESSAGE = "urn:inin.com:interactions:consultMessage"


def connected_call(simulator, agent, workgroup="Support"):
    call_id = simulator.place_inbound_call(workgroup, "3175550100")
    assert agent.state(call_id) == "A"
    assert agent.call("POST", f"/interactions/{call_id}/pickup").status_code == 200
    assert agent.state(call_id) == "C"
    return call_id


def start_consult(agent, call_id, **body):
    answer = agent.call("POST", f"/interactions/{call_id}/consult", body)
    assert answer.status_code == 201, answer.text
    found = answer.json()
    assert answer.headers["Location"].endswith(
        f"/interactions/{call_id}/consult/{found['consultId']}"
    )
    return found["consultId"], found["consultInteractionId"]


def the_other_leg(simulator, consult_call, user):
    """The consulted user's interaction of the consult call."""
    [leg] = [i for i in simulator.interactions()
             if i["user"] == user and i["interactionId"] != consult_call]  # fmt: skip
    return leg["interactionId"]


def test_a_consult_to_a_user_holds_the_caller_and_completes_to_the_consulted_agent(simulator):
    agent = Agent(simulator.url, "agent1", "7001")
    consulted = Agent(simulator.url, "agent2", "7002", ready=False)
    call_id = connected_call(simulator, agent)
    consult_id, consult_call = start_consult(agent, call_id, target="agent2")
    assert agent.state(call_id) == "H"
    assert agent.attribute(consult_call, "Eic_ConsultingCallId") == call_id
    leg = the_other_leg(simulator, consult_call, "agent2")
    assert consulted.state(leg) == "A"
    assert consulted.call("POST", f"/interactions/{leg}/pickup").status_code == 200
    assert agent.state(consult_call) == "C"
    # Speak to both: the caller is taken off hold, and the agent is told.
    agent.messages()
    both = {"audience": {"originalParty": True, "consultedParty": True}}
    path = f"/interactions/{call_id}/consult/{consult_id}"
    assert agent.call("POST", path + "/change-audience", both).status_code == 200
    assert (agent.state(call_id), agent.state(consult_call)) == ("C", "C")
    [told] = agent.of_type(CONSULT_MESSAGE)
    assert told["audience"] == {"originalParty": True, "consultedParty": True}
    assert told["consultInteractionId"] == consult_call
    # Speak to the caller alone: the consulted party is held.
    caller_only = {"audience": {"originalParty": True, "consultedParty": False}}
    assert agent.call("POST", path + "/change-audience", caller_only).status_code == 200
    assert agent.state(consult_call) == "H"
    assert agent.call("POST", path + "/conclude").status_code == 200
    # The caller now talks to agent2; the agent's parts have ended.
    assert consulted.state(call_id) == "C"
    assert consulted.attribute(call_id, "Eic_UserName") == "agent2"
    # The transfer ends agent1's connection segment; agent2's begins.
    assert consulted.attribute(call_id, "Eic_WrapupConnectionSegments") == "1|2"
    assert agent.state(consult_call) == "I"
    assert [i["user"] for i in simulator.interactions() if i["interactionId"] == call_id] == [
        "agent2"
    ]
    gone = agent.call("POST", path + "/conclude")
    assert gone.status_code == 400 and "no consult" in error_of(gone)["message"]


def test_consult_attributes_link_the_two_calls_while_the_consult_lasts(simulator):
    # [real] A real client watches Eic_ConsultCallId, Eic_ConsultingCallId, Eic_IsConsult
    # and Eic_Consultee (the values' forms are [guess]).
    agent = Agent(simulator.url, "agent1", "7001")
    Agent(simulator.url, "agent2", "7002", ready=False)
    call_id = connected_call(simulator, agent)
    consult_id, consult_call = start_consult(agent, call_id, target="agent2")
    assert agent.attribute(call_id, "Eic_ConsultCallId") == consult_call
    assert agent.attribute(consult_call, "Eic_ConsultingCallId") == call_id
    assert agent.attribute(consult_call, "Eic_IsConsult") == "1"
    assert agent.attribute(consult_call, "Eic_Consultee") == "agent2"
    assert agent.attribute(call_id, "Eic_IsConsult") == ""
    assert agent.call("DELETE", f"/interactions/{call_id}/consult/{consult_id}").ok
    assert agent.attribute(call_id, "Eic_ConsultCallId") == "", "no consult any more"


def test_a_cancelled_consult_drops_the_consult_call_and_keeps_the_caller_held(simulator):
    agent = Agent(simulator.url, "agent1", "7001")
    Agent(simulator.url, "agent2", "7002", ready=False)
    call_id = connected_call(simulator, agent)
    consult_id, consult_call = start_consult(agent, call_id, target="agent2")
    leg = the_other_leg(simulator, consult_call, "agent2")
    path = f"/interactions/{call_id}/consult/{consult_id}"
    assert agent.call("DELETE", path).status_code == 200
    assert agent.state(consult_call) == "I"
    assert agent.state(call_id) == "H"
    assert [i["state"] for i in simulator.interactions() if i["interactionId"] == leg] == ["E"]
    # The agent takes the caller back.
    assert agent.call("POST", f"/interactions/{call_id}/pickup").status_code == 200
    assert agent.state(call_id) == "C"


def test_a_consult_to_a_workgroup_queues_and_completes_to_whoever_answers(simulator):
    agent = Agent(simulator.url, "agent1", "7001")
    call_id = connected_call(simulator, agent)
    consult_id, consult_call = start_consult(
        agent, call_id, queueID={"queueType": 2, "queueName": "Sales"}
    )
    [leg] = [i for i in simulator.interactions() if i["workgroup"] == "Sales"]
    assert leg["state"] == "O"
    sales = Agent(simulator.url, "agent5", "7005")  # a Sales member becomes available
    assert sales.state(leg["interactionId"]) == "A"
    assert sales.call("POST", f"/interactions/{leg['interactionId']}/pickup").ok
    path = f"/interactions/{call_id}/consult/{consult_id}"
    assert agent.call("POST", path + "/conclude").status_code == 200
    assert sales.state(call_id) == "C"
    assert sales.attribute(call_id, "Eic_UserName") == "agent5"


def test_a_consult_to_a_busy_number_ends_and_says_why(start_simulator):
    simulator = start_simulator({"externalNumbers": {"*": {"after": 3},
                                                     "5550111": {"behaviour": "busy"}}})  # fmt: skip
    agent = Agent(simulator.url, "agent1", "7001")
    call_id = connected_call(simulator, agent)
    consult_id, consult_call = start_consult(agent, call_id, target="5550111")
    simulator.advance_time(1)
    assert agent.state(consult_call) == "E"
    path = f"/interactions/{call_id}/consult/{consult_id}"
    refused = agent.call("POST", path + "/conclude")
    assert refused.status_code == 400
    assert "Busy" in error_of(refused)["message"], error_of(refused)
    assert agent.call("DELETE", path).status_code == 200
    assert agent.state(call_id) == "H"


def test_consult_refusals_say_why(simulator):
    agent = Agent(simulator.url, "agent1", "7001")
    other = Agent(simulator.url, "agent2", "7002", ready=False)
    call_id = simulator.place_inbound_call("Support", "3175550100")
    # Not connected yet.
    early = agent.call("POST", f"/interactions/{call_id}/consult", {"target": "agent2"})
    assert early.status_code == 400 and "Alerting" in error_of(early)["message"]
    assert agent.call("POST", f"/interactions/{call_id}/pickup").ok
    both = agent.call("POST", f"/interactions/{call_id}/consult",
                      {"target": "agent2", "queueID": {"queueType": 2, "queueName": "Sales"}})  # fmt: skip
    assert both.status_code == 400 and error_of(both)["propertyName"] == "target"
    consult_id, _ = start_consult(agent, call_id, target="agent2")
    again = agent.call("POST", f"/interactions/{call_id}/consult", {"target": "agent2"})
    assert again.status_code == 400 and "already" in error_of(again)["message"]
    # Another user may not steer this agent's consult.
    path = f"/interactions/{call_id}/consult/{consult_id}/conclude"
    assert other.call("POST", path).status_code in (400, 403)
    bad = agent.call("POST", f"/interactions/{call_id}/consult/{consult_id}/change-audience",
                     {"audience": {"originalParty": "yes", "consultedParty": True}})  # fmt: skip
    assert bad.status_code == 400
    assert error_of(bad)["propertyName"] == "audience.originalParty"


def test_a_parked_call_waits_on_a_users_queue_for_a_pick_up(simulator):
    agent = Agent(simulator.url, "agent1", "7001")
    other = Agent(simulator.url, "agent2", "7002", ready=False)
    call_id = connected_call(simulator, agent)
    assert agent.call("POST", f"/interactions/{call_id}/park", {"target": "agent2"}).ok
    assert other.state(call_id) == "P"
    assert other.attribute(call_id, "Eic_UserName") == "agent2"
    # Parked calls may be picked up, or hung up.
    capabilities = int(other.attribute(call_id, "Eic_Capabilities"))
    assert capabilities == 256 | 2, "pick up or hang up"
    assert other.call("POST", f"/interactions/{call_id}/pickup").status_code == 200
    assert other.state(call_id) == "C"
    assert other.attribute(call_id, "Eic_UserName") == "agent2"


def test_an_unanswered_park_returns_to_the_parker_after_the_park_timeout(start_simulator):
    simulator = start_simulator({"parkTimeout": 45})
    agent = Agent(simulator.url, "agent1", "7001")
    call_id = connected_call(simulator, agent)
    assert agent.call("POST", f"/interactions/{call_id}/park").ok
    assert agent.state(call_id) == "P"
    simulator.advance_time(44)
    assert agent.state(call_id) == "P"
    simulator.advance_time(2)
    assert agent.state(call_id) == "A"
    assert agent.call("POST", f"/interactions/{call_id}/pickup").ok
    assert agent.state(call_id) == "C"
    # Only a connected or held call parks.
    refused = agent.call("POST", f"/interactions/{call_id}/park", {"target": "nobody"})
    assert refused.status_code == 400 and error_of(refused)["propertyName"] == "target"


def test_a_caller_sent_to_voicemail_leaves_a_message(start_simulator):
    simulator = start_simulator({"voicemailLength": 8})
    agent = Agent(simulator.url, "agent1", "7001")
    control = simulator.control()
    call_id = connected_call(simulator, agent)
    path = f"/interactions/{call_id}/transfer-to-voicemail"
    assert agent.call("POST", path, {"target": "agent2"}).ok
    [seen] = [i for i in simulator.interactions() if i["interactionId"] == call_id]
    assert (seen["state"], seen["user"]) == ("M", "agent2")
    assert control.voicemail_count("agent2") == 0
    simulator.advance_time(9)
    assert control.voicemail_count("agent2") == 1
    assert [i["state"] for i in simulator.interactions() if i["interactionId"] == call_id] == ["E"]
    # An alerting call goes to the agent's own voice mail; a connected one does not.
    second = simulator.place_inbound_call("Support", "3175550101")
    assert agent.state(second) == "A"
    assert agent.call("POST", f"/interactions/{second}/send-to-voicemail").ok
    simulator.advance_time(9)
    assert control.voicemail_count("agent1") == 1
    third = connected_call(simulator, agent)
    refused = agent.call("POST", f"/interactions/{third}/send-to-voicemail")
    assert refused.status_code == 400 and "Connected" in error_of(refused)["message"]


def test_the_far_party_answers_when_the_test_says(start_simulator):
    simulator = start_simulator({"externalNumbers": {"5550122": {"behaviour": "no answer",
                                                                 "after": 20}}})  # fmt: skip
    agent = Agent(simulator.url, "agent1", "7001")
    call_id = agent.call("POST", "/interactions", {
        "__type": "urn:inin.com:interactions:createCallParameters", "target": "5550122",
    }).json()["interactionId"]  # fmt: skip
    simulator.advance_time(1)
    assert agent.state(call_id) == "C"
    simulator.control().answer(call_id)
    simulator.advance_time(30)
    assert agent.state(call_id) == "C"  # answered: no longer ends unanswered


CALL = "urn:inin.com:interactions:createCallParameters"


def outbound(simulator, agent, number):
    call_id = agent.call("POST", "/interactions", {"__type": CALL, "target": number}).json()[
        "interactionId"
    ]
    simulator.advance_time(2)
    assert agent.state(call_id) == "C"
    return call_id


def test_a_three_way_conference_keeps_talking_when_one_party_leaves(simulator):
    agent = Agent(simulator.url, "agent1", "7001")
    first = connected_call(simulator, agent)
    assert agent.call("POST", f"/interactions/{first}/hold", {"on": True}).ok
    second = outbound(simulator, agent, "3175550177")
    answer = agent.call("POST", "/interactions/conferences", {"interactions": [first, second]})
    assert answer.status_code == 201, answer.text
    conference = answer.json()["conferenceId"]
    assert answer.headers["Location"].endswith(f"/interactions/conferences/{conference}")
    for member in (first, second):
        assert agent.state(member) == "C"  # the held party joins, talking
        assert agent.attribute(member, "Eic_ConferenceId") == conference
    invited = agent.call("POST", f"/interactions/conferences/{conference}/invite-party",
                         {"target": "3175550188"})  # fmt: skip
    assert invited.status_code == 201, invited.text
    third = invited.json()["interactionId"]
    simulator.advance_time(2)
    assert agent.attribute(first, "Eic_ConferenceMembers") == f"{first},{second},{third}"
    # Queue watches name the conference of each member.
    agent.watch_queue("agent1", kind=1, sub="mine")
    [snapshot] = [m for m in agent.messages() if m.get("subscriptionId") == "mine"]
    parents = {i["interactionId"]: i.get("conferenceParentId")
               for i in snapshot["interactionsAdded"]}  # fmt: skip
    assert parents == {first: conference, second: conference, third: conference}
    # One party leaves: the others keep talking, still in conference.
    simulator.hang_up(second)
    assert (agent.state(first), agent.state(third)) == ("C", "C")
    assert agent.attribute(first, "Eic_ConferenceMembers") == f"{first},{third}"
    # Hold is per party.
    assert agent.call("POST", f"/interactions/{third}/hold", {"on": True}).ok
    assert (agent.state(first), agent.state(third)) == ("C", "H")
    # Down to one party, the conference ends.
    simulator.hang_up(third)
    assert agent.attribute(first, "Eic_ConferenceId") == ""
    assert agent.state(first) == "C"


def test_a_conference_needs_two_of_the_users_connected_calls(simulator):
    agent = Agent(simulator.url, "agent1", "7001")
    first = connected_call(simulator, agent)
    alone = agent.call("POST", "/interactions/conferences", {"interactions": [first]})
    assert alone.status_code == 400 and "at least two" in error_of(alone)["message"]
    ringing = simulator.place_inbound_call("Support", "3175550101")
    both = agent.call("POST", "/interactions/conferences", {"interactions": [first, ringing]})
    assert both.status_code == 400 and "it is Offering" in error_of(both)["message"]
    missing = agent.call("POST", "/interactions/conferences/999/invite-party", {"target": "1"})
    assert missing.status_code == 404


def test_a_consulted_user_who_is_busy_or_does_not_answer(start_simulator):
    simulator = start_simulator({"users": [
        {"id": "agent1", "password": "1234", "rights": ["stationLogon"],
         "licenses": ["I3_ACCESS_CLIENT", "I3_ACCESS_ACD", "I3_LICENSE_BASIC_STATION"]},
        {"id": "busy", "password": "1234", "whenCalled": "busy"},
        {"id": "silent", "password": "1234", "whenCalled": "no answer"},
    ], "workgroups": [{"id": "Support", "members": ["agent1"]}]})  # fmt: skip
    agent = Agent(simulator.url, "agent1", "7001")
    call_id = connected_call(simulator, agent)
    consult_id, consult_call = start_consult(agent, call_id, target="busy")
    simulator.advance_time(1)
    assert agent.attribute(consult_call, "Eic_CallStateString") == "Disconnected (Busy)"
    path = f"/interactions/{call_id}/consult/{consult_id}"
    refused = agent.call("POST", path + "/conclude")
    assert refused.status_code == 400 and "Busy" in error_of(refused)["message"]
    assert agent.call("DELETE", path).ok
    consult_id, consult_call = start_consult(agent, call_id, target="silent")
    simulator.advance_time(16)
    assert agent.attribute(consult_call, "Eic_CallStateString") == "Disconnected (No Answer)"
    assert agent.state(call_id) == "H"


def test_when_called_must_be_a_known_behaviour():
    import pytest

    from ICWSLibrary.simulator.scenario import ScenarioError, load_scenario

    with pytest.raises(ScenarioError, match="'whenCalled' of user x must be one of"):
        load_scenario({"users": [{"id": "x", "password": "1", "whenCalled": "sometimes"}]})
