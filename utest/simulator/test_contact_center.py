"""The simulated contact center: ACD routing rules, the interaction state machine, and
the shapes of the messages every subscriber gets (CONTACT-CENTER.md 2.1, 2.3, 2.9)."""

import pytest

from ICWSLibrary.simulator.scenario import ScenarioError, load_scenario

from .helpers import Agent, error_of

QUEUE_CONTENTS = "urn:inin.com:queues:queueContentsMessage"
ALERTING = "urn:inin.com:interactions:interactionAlertingMessage"
CHANGED = "urn:inin.com:interactions:interactionChangedMessage"
DEALLOCATED = "urn:inin.com:interactions:interactionDeallocatedMessage"
USER_STATUS = "urn:inin.com:status:userStatusMessage"
ACTIVATION = "urn:inin.com:activations:userActivationMessage"
CALL = "urn:inin.com:interactions:createCallParameters"
GENERIC = "urn:inin.com:interactions:createGenericInteractionParameters"


def test_an_inbound_call_alerts_the_eligible_agent_and_every_watcher_sees_it(simulator):
    agent = Agent(simulator.url, "agent1", "7001")
    boss = Agent(simulator.url, "supervisor")
    boss.watch_queue("Support")
    assert agent.call("PUT", "/messaging/subscriptions/interaction-alerting", {}).status_code == 204
    first = boss.of_type(QUEUE_CONTENTS)
    assert first == [{"__type": QUEUE_CONTENTS, "isDelta": False, "subscriptionId": "q",
                      "interactionsAdded": [], "interactionsChanged": [],
                      "interactionsRemoved": []}]  # fmt: skip
    call_id = simulator.place_inbound_call("Support", "3175550100", "Pat Caller")
    assert call_id.isdigit()
    added, changed = boss.of_type(QUEUE_CONTENTS)
    assert added["isDelta"] is True and added["interactionsAdded"] == [
        {"interactionId": call_id, "attributes": {"Eic_State": "O", "Eic_RemoteName": "Pat Caller"}}
    ]
    # A delta carries the changed attributes only.
    assert changed["interactionsChanged"] == [
        {"interactionId": call_id, "attributes": {"Eic_State": "A"}}
    ]
    snapshot, alert = agent.of_type(ALERTING)
    # [doc] The first message of the subscription: isDelta false, nothing alerting then.
    assert (snapshot["isDelta"], snapshot["alertingInteractionDetails"]) == (False, [])
    detail = alert["alertingInteractionDetails"][0]
    assert (detail["interactionId"], detail["alertType"], detail["alertAction"]) == (call_id, 5, 1)
    assert detail["name"] == "Pat Caller" and detail["address"] == "3175550100"
    assert agent.attribute(call_id, "Eic_WorkgroupName") == "Support"
    assert agent.attribute(call_id, "eic_userNAME") == "agent1"  # names ignore case


def test_a_call_waits_offering_while_nobody_is_eligible_then_routes(simulator):
    call_id = simulator.place_inbound_call("Support", "3175550100", "Caller")
    agent = Agent(simulator.url, "agent2")
    assert agent.state(call_id) == "O"
    agent.log_on("7002", ready=False)
    assert agent.state(call_id) == "O"
    agent.log_on("7002", ready=True)
    assert agent.state(call_id) == "A"


def test_an_agent_who_becomes_ready_gets_the_call_of_their_own_queue_behind_older_ones(
    simulator,
):
    # Routing offers, of each queue, as many of its oldest calls as agents are ready for
    # it: older calls in a queue nobody can serve must not hide a newer one that can be.
    older = [simulator.place_inbound_call("Support") for _ in range(3)]
    newer = simulator.place_inbound_call("Sales")
    Agent(simulator.url, "agent5", "7005")  # Sales only
    states = {i["interactionId"]: i["state"] for i in simulator.interactions()}
    assert states[newer] == "A"
    assert [states[call] for call in older] == ["O", "O", "O"]


@pytest.mark.parametrize(
    ("user", "why"),
    [("agent5", "not a member"), ("kevin.glinski", "not a member")],
)
def test_non_members_are_never_alerted(simulator, user, why):
    Agent(simulator.url, user, "7005")
    call_id = simulator.place_inbound_call("Support")
    assert simulator.interactions()[0]["state"] == "O", why
    assert simulator.interactions()[0]["interactionId"] == call_id


def test_agents_in_a_non_acd_status_or_busy_are_skipped(simulator):
    agent = Agent(simulator.url, "agent1", "7001")
    simulator.set_user_status("agent1", "Available, No ACD")
    first = simulator.place_inbound_call("Support")
    assert agent.state(first) == "O"
    simulator.set_user_status("agent1", "Available")
    assert agent.state(first) == "A"
    second = simulator.place_inbound_call("Support")
    assert agent.state(second) == "O", "one interaction at a time"
    assert agent.call("POST", f"/interactions/{first}/disconnect").status_code == 200
    assert agent.state(second) == "A"


def test_a_deactivated_agent_is_not_alerted_until_activated_again(simulator):
    agent = Agent(simulator.url, "agent1", "7001")
    watch = {"userId": "agent1", "workgroupIds": ["Support"]}
    assert (
        agent.call("PUT", "/messaging/subscriptions/activations/users/a", watch).status_code == 200
    )
    response = agent.call("PUT", "/activations/users/agent1", {"activations": {"Support": False}})
    assert response.status_code == 200
    assert response.json() == {"userId": "agent1", "activations": {"Support": False}}
    call_id = simulator.place_inbound_call("Support")
    assert agent.state(call_id) == "O"
    agent.call("PUT", "/activations/users/agent1", {"activations": {"Support": True}})
    assert agent.state(call_id) == "A"
    messages = agent.of_type(ACTIVATION)
    assert [m["activationsChanged"] for m in messages] == [
        {"Support": True},
        {"Support": False},
        {"Support": True},
    ]
    assert [m["isDelta"] for m in messages] == [False, True, True]
    everyone = agent.call("GET", "/activations/workgroups/Support").json()
    assert everyone == {"workgroupId": "Support", "activations": {
        "agent1": True, "agent2": True, "agent3": True, "agent4": True}}  # fmt: skip


def test_activation_rights_and_refusals(simulator):
    agent = Agent(simulator.url, "agent1")
    other = agent.call("PUT", "/activations/users/agent2", {"activations": {"Support": False}})
    assert other.status_code == 403
    not_member = agent.call("PUT", "/activations/users/agent1", {"activations": {"Sales": False}})
    assert not_member.status_code == 400
    assert agent.call("PUT", "/activations/users/agent1", {}).status_code == 400
    assert agent.call("GET", "/activations/workgroups/Nowhere").status_code == 404
    boss = Agent(simulator.url, "supervisor")
    changed = boss.call(
        "PUT", "/activations/workgroups/Support", {"activations": {"agent2": False}}
    )
    assert changed.status_code == 200 and changed.json()["activations"]["agent2"] is False


def test_the_longest_idle_agent_gets_the_next_call(simulator):
    one = Agent(simulator.url, "agent1", "7001")
    two = Agent(simulator.url, "agent2", "7002")
    first = simulator.place_inbound_call("Support")
    alerted = (
        one if one.state(first) == "A" and simulator.interactions()[0]["user"] == "agent1" else two
    )
    alerted.call("POST", f"/interactions/{first}/pickup")
    alerted.call("POST", f"/interactions/{first}/disconnect")
    second = simulator.place_inbound_call("Support")
    users = {i["interactionId"]: i["user"] for i in simulator.interactions()}
    assert users[second] != users[first]


def test_no_answer_sets_the_no_answer_status_and_routes_to_the_next_agent(simulator):
    one = Agent(simulator.url, "agent1", "7001")
    Agent(simulator.url, "agent2", "7002")
    one.call("PUT", "/messaging/subscriptions/status/user-statuses", {"userIds": ["agent1"]})
    one.call("PUT", "/messaging/subscriptions/interaction-alerting", {})
    call_id = simulator.place_inbound_call("Support")
    first_agent = simulator.interactions()[0]["user"]
    simulator.advance_time(14)
    assert simulator.interactions()[0]["user"] == first_agent
    simulator.advance_time(1.5)
    now = simulator.interactions()[0]
    assert now["state"] == "A" and now["user"] not in (None, first_agent)
    status = one.call("GET", f"/status/user-statuses/{first_agent}").json()
    assert status["statusId"] == "ACD - Agent Not Answering"
    if first_agent == "agent1":
        deltas = [m for m in one.of_type(ALERTING) if m["isDelta"]]
        actions = [m["alertingInteractionDetails"][0]["alertAction"] for m in deltas]
        assert actions == [1, 2]
    assert call_id == now["interactionId"]


def test_pickup_hold_mute_digits_disconnect_and_the_linger(simulator):
    agent = Agent(simulator.url, "agent1", "7001")
    agent.call("PUT", "/messaging/subscriptions/status/user-statuses", {"userIds": ["agent1"]})
    call_id = simulator.place_inbound_call("Support", "3175550100")
    agent.call("PUT", f"/messaging/subscriptions/interactions/{call_id}",
               {"attributeNames": ["Eic_State"]})  # fmt: skip
    agent.watch_queue("agent1", kind=1, names=["Eic_State"])
    agent.messages()
    steps = [("pickup", None, "C"), ("hold", {"on": True}, "H"), ("hold", {"on": False}, "C"),
             ("mute", {"on": True}, "C"), ("send-digits", {"dtmfDigits": "12#"}, "C"),
             ("disconnect", None, "I")]  # fmt: skip
    for action, body, state in steps:
        response = agent.call("POST", f"/interactions/{call_id}/{action}", body)
        assert response.status_code == 200, (action, response.text)
        assert agent.state(call_id) == state, action
    assert agent.attribute(call_id, "Eic_Muted") == "1"
    assert simulator.interactions()[0]["digitsSent"] == "12#"
    messages = agent.messages()
    states = [m["attributes"]["Eic_State"] for m in messages if m["__type"] == CHANGED]
    assert states == ["C", "H", "C", "I"]
    on_phone = [s["onPhone"] for m in messages if m["__type"] == USER_STATUS
                for s in m["userStatusList"] if "onPhone" in s]  # fmt: skip
    assert on_phone == [True, False]
    simulator.advance_time(2.5)
    after = agent.messages()
    assert {"__type": DEALLOCATED, "isDelta": True, "interactionID": call_id} in after
    removed = [m for m in after if m["__type"] == QUEUE_CONTENTS]
    assert removed[0]["interactionsRemoved"] == [call_id]
    assert agent.call("GET", f"/interactions/{call_id}").status_code == 404


def test_the_remote_party_hanging_up_is_externally_disconnected(simulator):
    agent = Agent(simulator.url, "agent1", "7001")
    call_id = simulator.place_inbound_call("Support")
    agent.call("POST", f"/interactions/{call_id}/pickup")
    simulator.hang_up(call_id)
    assert agent.state(call_id) == "E"
    # [doc] As a CIC client shows it.
    assert agent.attribute(call_id, "Eic_CallStateString") == "Disconnected (Remote Disconnect)"


def test_blind_transfers_to_a_user_a_workgroup_and_outside(simulator):
    one = Agent(simulator.url, "agent1", "7001")
    Agent(simulator.url, "agent5", "7005")
    call_id = simulator.place_inbound_call("Support")
    one.call("POST", f"/interactions/{call_id}/pickup")
    for body in ({}, {"target": "1005", "queueID": {"queueType": 2, "queueName": "Sales"}}):
        assert one.call("POST", f"/interactions/{call_id}/blind-transfer", body).status_code == 400
    sales = {"queueID": {"queueType": 2, "queueName": "Sales"}}
    assert one.call("POST", f"/interactions/{call_id}/blind-transfer", sales).status_code == 200
    moved = simulator.interactions()[0]
    assert (moved["workgroup"], moved["user"], moved["state"]) == ("Sales", "agent5", "A")
    assert one.call("GET", f"/interactions/{call_id}").status_code == 403
    second = simulator.place_inbound_call("Support")
    one.call("POST", f"/interactions/{second}/pickup")
    assert (
        one.call("POST", f"/interactions/{second}/blind-transfer", {"target": "1005"}).status_code
        == 200
    )
    to_user = [i for i in simulator.interactions() if i["interactionId"] == second][0]
    assert (to_user["user"], to_user["workgroup"], to_user["state"]) == ("agent5", None, "A")
    third = simulator.place_inbound_call("Support")
    one.call("POST", f"/interactions/{third}/pickup")
    one.call("POST", f"/interactions/{third}/blind-transfer", {"target": "3175550199"})
    assert third not in {i["interactionId"] for i in simulator.interactions()}


def test_an_outbound_call_initializes_dials_and_connects_as_on_cic(start_simulator):
    simulator = start_simulator({
        "externalNumbers": {"*": {"after": 3}, "5550111": {"behaviour": "busy"},
                            "5550122": {"behaviour": "no answer", "after": 20}},
    })  # fmt: skip
    agent = Agent(simulator.url, "agent1")
    refused = agent.call("POST", "/interactions", {"__type": CALL, "target": "5550100"})
    assert refused.status_code == 400 and error_of(refused)["errorId"] == "-2147221496"
    agent.log_on("7001")
    created = agent.call("POST", "/interactions", {"__type": CALL, "target": "5550100"})
    assert created.status_code == 201
    call_id = created.json()["interactionId"]
    assert created.headers["Location"].endswith(f"/interactions/{call_id}")

    def where(interaction_id):
        return agent.state(interaction_id), agent.attribute(interaction_id, "Eic_CallStateString")

    # [doc] Initializing, then Dialing; without call analysis Connected once dialled
    # ("Connected means the same as Proceeding").
    assert where(call_id) == ("S", "Initializing")
    assert agent.attribute(call_id, "Eic_CallDirection") == "O"
    simulator.advance_time(0.1)
    assert where(call_id) == ("S", "Dialing")
    simulator.advance_time(0.1)
    assert where(call_id) == ("C", "Connected")
    agent.call("POST", f"/interactions/{call_id}/disconnect")
    busy = agent.call("POST", "/interactions", {"__type": CALL, "target": "5550111"}).json()
    simulator.advance_time(0.3)
    assert where(busy["interactionId"]) == ("E", "Disconnected (Busy)")
    silent = agent.call("POST", "/interactions", {"__type": CALL, "target": "5550122"}).json()
    simulator.advance_time(19)
    assert where(silent["interactionId"]) == ("C", "Connected")
    simulator.advance_time(2)
    assert where(silent["interactionId"]) == ("E", "Disconnected (No Answer)")


def test_with_call_analysis_a_call_proceeds_until_the_far_end_answers(start_simulator):
    simulator = start_simulator({"externalNumbers": {"*": {"after": 3}}})
    simulator.scenario.user("agent1").call_analysis = True
    agent = Agent(simulator.url, "agent1", "7001")
    call_id = agent.call("POST", "/interactions", {"__type": CALL, "target": "5550100"}).json()[
        "interactionId"
    ]
    simulator.advance_time(0.3)
    assert agent.state(call_id) == "R"
    assert agent.attribute(call_id, "Eic_CallStateString") == "Proceeding"
    simulator.advance_time(3)
    assert agent.state(call_id) == "C"


def test_an_intercom_call_alerts_the_user_and_connects_both_sides(simulator):
    caller = Agent(simulator.url, "agent1", "7001")
    callee = Agent(simulator.url, "agent2", "7002")
    call_id = caller.call("POST", "/interactions", {"__type": CALL, "target": "1002"}).json()[
        "interactionId"
    ]
    (other,) = [i for i in simulator.interactions() if i["interactionId"] != call_id]
    assert (other["user"], other["state"]) == ("agent2", "A")
    assert callee.attribute(other["interactionId"], "Eic_CallType") == "I"
    callee.call("POST", f"/interactions/{other['interactionId']}/pickup")
    assert caller.state(call_id) == "C" and callee.state(other["interactionId"]) == "C"
    caller.call("POST", f"/interactions/{call_id}/disconnect")
    assert caller.state(call_id) == "I" and callee.state(other["interactionId"]) == "E"


def test_generic_interactions_route_only_to_stations_taking_generic_media(simulator):
    Agent(simulator.url, "agent1", "7001", media=(1,))
    generic = Agent(simulator.url, "agent2", "7002", media=(1, 4))
    body = {"__type": GENERIC, "queueId": {"queueType": 2, "queueName": "Support"},
            "remoteName": "Web form", "additionalAttributes": {"Case": "42"}}  # fmt: skip
    created = generic.call("POST", "/interactions", body)
    assert created.status_code == 201
    call_id = created.json()["interactionId"]
    assert simulator.interactions()[0]["user"] == "agent2"
    assert generic.attribute(call_id, "case") == "42"
    assert generic.attribute(call_id, "Eic_RemoteName") == "Web form"


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/interactions", {"__type": "urn:inin.com:interactions:bogus"}, 400),
        ("/interactions", {"target": "1"}, 400),
        ("/interactions", {"__type": GENERIC, "queueId": {"queueType": 2, "queueName": "Nope"}}, 400),
        ("/interactions", {"__type": "urn:inin.com:interactions.chat:createChatParameters"}, 400),
        ("/interactions", {"__type": "urn:inin.com:interactions.email:createEmailParameters"}, 501),
        ("/interactions/999/pickup", None, 404),
        ("/messaging/subscriptions/queues/x", {"queueIds": [], "attributeNames": ["Eic_State"]}, 400),
        ("/messaging/subscriptions/queues/x", {"queueIds": [{"queueType": 2, "queueName": "Support"}]}, 400),
        ("/messaging/subscriptions/queues/x",
         {"queueIds": [{"queueType": 7, "queueName": "Support"}], "attributeNames": ["a"]}, 400),
    ],
)  # fmt: skip
def test_bad_requests_get_the_documented_errors(simulator, path, body, status):
    agent = Agent(simulator.url, "agent1")
    method = "PUT" if "subscriptions" in path else "POST"
    response = agent.call(method, path, body)
    assert response.status_code == status, response.text
    assert error_of(response)["message"]


def test_acting_needs_the_interaction_in_ones_queues(simulator):
    Agent(simulator.url, "agent1", "7001")
    stranger = Agent(simulator.url, "agent5")
    call_id = simulator.place_inbound_call("Support")
    assert stranger.call("POST", f"/interactions/{call_id}/pickup").status_code == 403
    # [doc] Another agent's interaction: a member without queue rights on it gets 403.
    member = Agent(simulator.url, "agent3")
    refused = member.call("POST", f"/interactions/{call_id}/hold", {"on": True})
    assert refused.status_code == 403 and "queue rights" in error_of(refused)["message"]


def test_a_member_may_pick_up_a_waiting_interaction_from_the_workgroup_queue(simulator):
    call_id = simulator.place_inbound_call("Support")
    member = Agent(simulator.url, "agent3")
    # A pickup needs a station that takes the medium, as making a call does.
    refused = member.call("POST", f"/interactions/{call_id}/pickup")
    assert refused.status_code == 400 and "station" in error_of(refused)["message"]
    member.log_on("7003", media=(2,), ready=False)
    refused = member.call("POST", f"/interactions/{call_id}/pickup")
    assert refused.status_code == 400 and "takes call interactions" in error_of(refused)["message"]
    member.log_on("7003", media=(1,), ready=False)  # not ready: ACD offers it nothing
    assert member.call("POST", f"/interactions/{call_id}/pickup").status_code == 200
    assert member.state(call_id) == "C"


def test_an_alerted_agent_logging_off_sends_the_interaction_back(simulator):
    one = Agent(simulator.url, "agent1", "7001")
    call_id = simulator.place_inbound_call("Support")
    assert one.state(call_id) == "A"
    one.request("DELETE", "/connection")
    assert simulator.interactions()[0]["state"] == "O"


@pytest.mark.parametrize(
    ("workgroups", "complaint"),
    [
        ([{"id": "X", "members": ["nobody"]}], "who is not a user"),
        ([{"id": "X", "alertTimeout": -1}], "alertTimeout"),
        ([{"id": "X", "members": ["agent1"], "activations": {"agent2": True}}], "non-members"),
        ([{"id": "X", "noAnswerStatus": "Asleep"}], "noAnswerStatus"),
        ([{"id": "X", "queue": "ACD"}], "unknown key 'queue'"),
        ([{"members": []}], "needs an 'id'"),
    ],
)
def test_bad_workgroups_are_named(workgroups, complaint):
    with pytest.raises(ScenarioError, match=complaint):
        load_scenario({"workgroups": workgroups})


def test_bad_external_numbers_are_named():
    with pytest.raises(ScenarioError, match="behaviour"):
        load_scenario({"externalNumbers": {"555": {"behaviour": "rings forever"}}})
    with pytest.raises(ScenarioError, match="externalNumbers"):
        load_scenario({"externalNumbers": ["555"]})


def test_a_scenario_with_its_own_users_has_no_default_workgroups():
    scenario = load_scenario({"users": [{"id": "solo", "password": "x"}]})
    assert scenario.workgroups == {}


def test_an_agent_who_transfers_to_a_workgroup_is_offered_it_last(start_simulator):
    # Both agents in both workgroups: the transferred call goes to the one idle longer,
    # not back to the agent who has only just let go of it.
    both = {"members": ["agent1", "agent2"]}
    simulator = start_simulator({"workgroups": [
        {"id": "Support", "extension": "2001", **both},
        {"id": "Sales", "extension": "2002", **both},
    ]})  # fmt: skip
    one, two = Agent(simulator.url, "agent1", "7001"), Agent(simulator.url, "agent2", "7002")
    call_id = simulator.place_inbound_call("Support")
    assert simulator.interactions()[0]["user"] == "agent1"
    assert one.call("POST", f"/interactions/{call_id}/pickup").status_code == 200
    queue = {"queueID": {"queueType": 2, "queueName": "Sales"}}
    assert one.call("POST", f"/interactions/{call_id}/blind-transfer", queue).status_code == 200
    assert two.state(call_id) == "A"
    assert simulator.interactions()[0]["user"] == "agent2"


def test_a_transfer_to_a_target_nobody_has_is_refused_naming_the_nearest(simulator):
    # A typo ("Salse") must not make the call vanish as if it went outside the server.
    one = Agent(simulator.url, "agent1", "7001")
    call_id = simulator.place_inbound_call("Support")
    one.call("POST", f"/interactions/{call_id}/pickup")
    answer = one.call("POST", f"/interactions/{call_id}/blind-transfer", {"target": "Salse"})
    assert answer.status_code == 400
    error = error_of(answer)
    assert error["errorId"] == "error.request.invalidRepresentation.invalidProperty"
    assert "Salse" in error["message"] and "workgroup:Sales" in error["message"]
    assert one.state(call_id) == "C", "the refused transfer left the call with the agent"
    # Dial strings of any usual shape are numbers outside the server.
    for number in ("+1 (317) 555-0199", "sip:pat@example.com", "tel:3175550199"):
        call_id = simulator.place_inbound_call("Support")
        one.call("POST", f"/interactions/{call_id}/pickup")
        answer = one.call("POST", f"/interactions/{call_id}/blind-transfer", {"target": number})
        assert answer.status_code == 200, number


def test_advancing_time_runs_the_events_that_events_schedule_within_it(start_simulator):
    # Dialling (0.1 s) schedules the network taking the call (0.1 s later), which schedules
    # "answer after 3 s": 3.5 s covers all three, as a clock would.
    simulator = start_simulator({"externalNumbers": {"*": {"after": 3}}})
    agent = Agent(simulator.url, "agent1")
    agent.log_on("7001")
    created = agent.call("POST", "/interactions", {"__type": CALL, "target": "5550100"})
    call_id = created.json()["interactionId"]
    ran = simulator.advance_time(3.5)
    assert agent.state(call_id) == "C"
    assert [line.split(": ", 1)[1] for line in ran] == [
        f"call {call_id} dialled",
        f"call {call_id} taken by the network",
        f"the far end of call {call_id} answered",
    ]
    # Each at its own time: dialled at about 0.1 s, taken at 0.2 s, answered 3 s after.
    (dialled, taken, answered) = (float(line.split(" s: ")[0]) for line in ran)
    assert 0 <= dialled <= taken <= 0.2 and answered - taken == pytest.approx(3, abs=0.05)
    assert simulator.advance_time(1) == []


def test_control_actions_given_a_delay_run_on_the_simulated_clock(simulator):
    call_id = simulator.place_inbound_call("Support")
    simulator.later(60, simulator.hang_up, call_id, what=f"{call_id} hung up")
    assert simulator.advance_time(59.9) == []
    assert [line.split(": ", 1)[1] for line in simulator.advance_time(0.2)] == [
        f"{call_id} hung up"
    ]
    assert [i["state"] for i in simulator.interactions()] == ["E"]


def test_a_reset_returns_to_the_scenario_on_the_same_port(simulator):
    url = simulator.url
    agent = Agent(simulator.url, "agent1", "7001")
    agent.call("PUT", "/status/user-statuses/agent1", {"statusId": "At Lunch"})
    simulator.place_inbound_call("Support")
    simulator.later(5, simulator.hang_up, "1000000001", what="a leftover")
    simulator.reset()
    assert simulator.url == url
    assert agent.call("GET", "/status/user-statuses/agent1").status_code == 401
    assert simulator.interactions() == [] and simulator.sessions() == []
    again = Agent(simulator.url, "agent1")
    status = again.call("GET", "/status/user-statuses/agent1").json()
    assert status["statusId"] == "Available"
    assert simulator.advance_time(10) == [], "the old clock's events are gone"
    assert simulator.place_inbound_call("Support") == "1000000001"


@pytest.mark.parametrize("queue_type", [[2], {"type": 2}], ids=["list", "object"])
def test_a_queue_type_that_is_no_number_is_a_400_everywhere(simulator, queue_type):
    agent = Agent(simulator.url, "agent1", "7001")
    queue = {"queueType": queue_type, "queueName": "Support"}
    call_id = simulator.place_inbound_call("Support")
    agent.call("POST", f"/interactions/{call_id}/pickup")
    for method, path, body in [
        ("POST", "/interactions", {"__type": GENERIC, "queueId": queue}),
        ("POST", "/interactions", {"__type": "urn:inin.com:interactions:createCallbackParameters",
                                   "target": "317", "targetQueue": queue, "subject": "x"}),
        ("PUT", "/messaging/subscriptions/queues/q", {"queueIds": [queue],
                                                      "attributeNames": ["Eic_State"]}),
        ("POST", f"/interactions/{call_id}/blind-transfer", {"queueID": queue}),
    ]:  # fmt: skip
        answer = agent.call(method, path, body)
        assert answer.status_code == 400, (path, answer.text)
        assert "queueType" in error_of(answer)["message"]
    assert agent.state(call_id) == "C", "nothing half-changed"


def test_routing_a_call_costs_the_same_whatever_the_backlog(monkeypatch):
    # ACD re-checked every member for every waiting call on each change: with 900 calls
    # waiting a new call cost 86 ms and an unrelated status change 164 ms, growing with the
    # backlog. Counted in eligibility checks, not seconds, so the test cannot flake.
    from ICWSLibrary.simulator.contact.routing import Router
    from ICWSLibrary.simulator.model import ICWSModel

    users = [{"id": f"a{n}", "password": "x", "licenses": ["I3_ACCESS_ACD"]} for n in range(20)]
    model = ICWSModel(load_scenario(
        {"users": users, "workgroups": [{"id": "Support", "members": [u["id"] for u in users]}]}
    ))  # fmt: skip
    checks = []
    real = Router.eligibility
    monkeypatch.setattr(
        Router, "eligibility", lambda *args, **kw: checks.append(1) or real(*args, **kw)
    )
    try:
        cost = {}
        for backlog in (10, 500):
            while len(model.contact.interactions) < backlog:
                model.control.place_inbound_call("Support")
            checks.clear()
            model.control.place_inbound_call("Support")
            model.control.set_user_status("a1", "At Lunch")
            cost[backlog] = len(checks)
        assert cost[500] == cost[10] <= 2 * 2 * len(users)
    finally:
        model.close()


def test_what_one_session_may_hold_is_bounded(simulator):
    # 5,000 watches of one queue cost every later call 35 ms and 3.6 MB; a client that
    # never reads made the server keep every message for it.
    from ICWSLibrary.simulator.sessions import MAX_UNDELIVERED, MAX_WATCHES

    agent = Agent(simulator.url, "supervisor")
    body = {"queueIds": [{"queueType": 2, "queueName": "Support"}], "attributeNames": ["Eic_State"]}
    for number in range(MAX_WATCHES):
        path = f"/messaging/subscriptions/queues/w{number}"
        assert agent.call("PUT", path, body).status_code == 200
    refused = agent.call("PUT", "/messaging/subscriptions/queues/one-more", body)
    assert refused.status_code == 400 and str(MAX_WATCHES) in error_of(refused)["message"]
    assert agent.call("PUT", "/messaging/subscriptions/queues/w0", body).status_code == 200
    session = next(iter(simulator.model.state.sessions.live.values()))
    assert session.messages.maxlen == MAX_UNDELIVERED


def test_a_queue_type_given_as_digits_in_a_string_is_taken(simulator):
    # [real] The vendor's own Mac client sends queueType as the string "1".
    agent = Agent(simulator.url, "agent1", "7001")
    body = {
        "queueIds": [{"queueType": "1", "queueName": "agent1"}],
        "attributeNames": ["Eic_State"],
    }
    assert agent.call("PUT", "/messaging/subscriptions/queues/mine", body).status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [("PUT", "/interactions/conferences/2000000001"),
     ("PUT", "/messaging/subscriptions/interactions/agent-assistance")],
)  # fmt: skip
def test_an_operation_not_simulated_answers_501_not_a_missing_interaction(simulator, method, path):
    agent = Agent(simulator.url, "agent1")
    answer = agent.call(method, path, {})
    assert answer.status_code == 501, answer.text
    assert error_of(answer)["errorId"] == "simulator.notSimulated"


def test_a_personal_call_does_not_make_an_agent_just_available(simulator):
    # [doc] "Available time is not reset when an agent is off-hook for non-ACD purposes."
    one = Agent(simulator.url, "agent1", "7001")
    Agent(simulator.url, "agent2", "7002")
    simulator.set_agent_idle("agent1", 600)
    simulator.set_agent_idle("agent2", 60)
    personal = one.call("POST", "/interactions", {"__type": CALL, "target": "3175550199"})
    personal_id = personal.json()["interactionId"]
    one.call("POST", f"/interactions/{personal_id}/disconnect")
    call_id = simulator.place_inbound_call("Support")
    routed = next(i for i in simulator.interactions() if i["interactionId"] == call_id)
    assert routed["user"] == "agent1", "still the longest idle after a personal call"


def test_finishing_an_acd_call_makes_the_agent_the_most_recently_idle(simulator):
    one = Agent(simulator.url, "agent1", "7001")
    Agent(simulator.url, "agent2", "7002")
    simulator.set_agent_idle("agent1", 600)
    simulator.set_agent_idle("agent2", 60)
    first = simulator.place_inbound_call("Support")
    one.call("POST", f"/interactions/{first}/pickup")
    one.call("POST", f"/interactions/{first}/disconnect")
    second = simulator.place_inbound_call("Support")
    routed = next(i for i in simulator.interactions() if i["interactionId"] == second)
    assert routed["user"] == "agent2"


def test_a_watch_started_during_an_alert_learns_of_it_at_once(simulator):
    # [doc] "the first message will be sent with isDelta false to indicate the message is
    # providing the initial data": a watch started while a call alerts used to hear nothing.
    agent = Agent(simulator.url, "agent1", "7001")
    call_id = simulator.place_inbound_call("Support")
    assert agent.call("PUT", "/messaging/subscriptions/interaction-alerting", {}).status_code == 204
    (snapshot,) = agent.of_type(ALERTING)
    assert snapshot["isDelta"] is False
    assert [d["interactionId"] for d in snapshot["alertingInteractionDetails"]] == [call_id]
    watch = {"attributeNames": ["Eic_State", "Eic_WorkgroupName"]}
    assert (
        agent.call("PUT", f"/messaging/subscriptions/interactions/{call_id}", watch).status_code
        == 204
    )
    (first,) = agent.of_type(CHANGED)
    assert first == {"__type": CHANGED, "isDelta": False, "interactionID": call_id,
                     "attributes": {"Eic_State": "A", "Eic_WorkgroupName": "Support"}}  # fmt: skip


def test_call_state_strings_say_what_a_cic_client_shows(simulator):
    # [doc] The vendor's "Understanding an interaction's state": ACD texts name the agent.
    one = Agent(simulator.url, "agent1", "7001")
    two = Agent(simulator.url, "agent2", "7002")
    simulator.set_user_status("agent2", "At Lunch")
    call_id = simulator.place_inbound_call("Support")

    def text():
        return one.attribute(call_id, "Eic_CallStateString")

    assert text() == "ACD \u2013 Alerting: Agent 1"
    simulator.advance_time(15)  # not answered: back to the queue
    assert text() == "ACD \u2013 Wait Agent -> Last Attempted: Agent 1"
    simulator.set_user_status("agent2", "Available")
    assert text() == "ACD \u2013 Alerting: Agent 2"
    assert two.call("POST", f"/interactions/{call_id}/pickup").status_code == 200
    assert text() == "ACD \u2013 Assigned: Agent 2"
    assert two.call("POST", f"/interactions/{call_id}/disconnect").status_code == 200
    assert text() == "Disconnected (Local Disconnect)"
    waiting = simulator.place_inbound_call("Sales")
    boss = Agent(simulator.url, "supervisor")
    assert boss.attribute(waiting, "Eic_CallStateString") == "ACD \u2013 Wait Agent"


def test_capabilities_say_what_the_holder_may_do_now(simulator):
    # [real] The enum's bits: consult 1, disconnect 2, hold 4, listen 8, messaging 16,
    # mute 32, park 64, pickup 256, record 1024, transfer 4096, join 8192,
    # conference 32768, coach 65536, secure recording pause 262144.
    agent = Agent(simulator.url, "agent1", "7001", media=(1, 4))
    call_id = simulator.place_inbound_call("Support")

    def capabilities(interaction_id=call_id):
        return int(agent.attribute(interaction_id, "Eic_Capabilities"))

    assert capabilities() == 256 | 2 | 4096 | 16, "pick up, hang up, transfer, voice mail"
    agent.call("POST", f"/interactions/{call_id}/pickup")
    connected = 2 | 4 | 4096 | 32 | 1024 | 262144 | 1 | 32768 | 64 | 16 | 8 | 65536 | 8192
    assert capabilities() == connected
    agent.call("POST", f"/interactions/{call_id}/hold", {"on": True})
    assert capabilities() == connected | 256
    agent.call("POST", f"/interactions/{call_id}/disconnect")
    assert capabilities() == 0
    # A generic object is no call: no mute, recording, voice mail or supervision.
    generic = agent.call("POST", "/interactions", {
        "__type": "urn:inin.com:interactions:createGenericInteractionParameters",
        "queueId": {"queueType": 1, "queueName": "agent1"}, "initialState": 2,
    }).json()["interactionId"]  # fmt: skip
    assert capabilities(generic) == 2 | 4 | 4096


def test_an_interaction_says_which_call_and_station_it_is(simulator):
    agent = Agent(simulator.url, "agent1", "7001")
    call_id = simulator.place_inbound_call("Support", "3175550100")
    key = agent.attribute(call_id, "Eic_CallIdKey")
    assert key.startswith(call_id) and len(key) == len(call_id) + 8 and key[-8:].isdigit()
    assert agent.attribute(call_id, "Eic_StationName") == "7001"
    assert agent.attribute(call_id, "Eic_LocalAddress") == "7001"
    assert agent.attribute(call_id, "Eic_RemoteTn") == "3175550100"
    outbound = agent.call("POST", "/interactions", {
        "__type": "urn:inin.com:interactions:createCallParameters", "target": "3175550199",
    }).json()["interactionId"]  # fmt: skip
    assert agent.attribute(outbound, "Eic_UserName") == "agent1"
    assert agent.attribute(outbound, "Eic_RemoteTn") == "3175550199"


def test_on_another_agent_s_call_only_a_supervisor_acts_and_only_as_queue_rights_allow(
    simulator,
):
    agent = Agent(simulator.url, "agent1", "7001", media=(1, 4))  # calls and generic objects
    call_id = simulator.place_inbound_call("Support")
    agent.call("POST", f"/interactions/{call_id}/pickup")
    member = Agent(simulator.url, "agent2", "7002")
    creator = Agent(simulator.url, "kevin.glinski")
    boss = Agent(simulator.url, "supervisor", "7009")
    for who in (member, boss):
        for action, body in (("hold", {"on": True}), ("mute", {"on": True}),
                             ("send-digits", {"dtmfDigits": "1"}),
                             ("blind-transfer", {"target": "agent2"})):  # fmt: skip
            refused = who.call("POST", f"/interactions/{call_id}/{action}", body)
            assert refused.status_code == 403, (who.id, action, refused.text)
    message = error_of(member.call("POST", f"/interactions/{call_id}/disconnect"))["message"]
    assert message == (
        f"The user agent2 has no queue rights to disconnect interaction {call_id}, which is "
        "agent1's: only a supervisor of its workgroup holds queue rights on it."
    )
    generic = creator.call("POST", "/interactions", {
        "__type": "urn:inin.com:interactions:createGenericInteractionParameters",
        "queueId": {"queueType": 2, "queueName": "Support"},
    }).json()["interactionId"]  # fmt: skip
    assert agent.state(generic) == "O"  # agent1 is busy
    # The supervisor's pick up takes the call over; the agent is off the phone.
    assert boss.call("POST", f"/interactions/{call_id}/pickup").status_code == 200
    assert boss.attribute(call_id, "Eic_UserName") == "supervisor"
    assert boss.state(call_id) == "C"
    status = agent.call("GET", "/status/user-statuses/agent1").json()
    assert status["onPhone"] is False
    assert agent.state(generic) == "A", "free again, agent1 gets the waiting interaction"
    assert boss.call("POST", f"/interactions/{generic}/disconnect").status_code == 200
    assert agent.state(generic) == "I"


def test_acd_offers_a_call_only_to_an_agent_with_the_skills_it_requires(simulator):
    # Default scenario: agent1 English 80, Hardware 60; agent2 English 60, Spanish 90.
    one = Agent(simulator.url, "agent1", "7001")
    two = Agent(simulator.url, "agent2", "7002")
    # agent2 longest idle: offered first, were it not for the skill it lacks (an agent
    # whose idle time was never set counts as idle longest of all, so agent1's is set).
    simulator.set_agent_idle("agent1", 0)
    simulator.set_agent_idle("agent2", 600)
    control = simulator.control()
    call_id = control.place_inbound_call("Support", skills={"Hardware": 50})
    assert one.state(call_id) == "A" and one.attribute(call_id, "Eic_UserName") == "agent1"
    assert "agent2: lacks skill Hardware (has none, needs 50)." in simulator.explain_routing(
        call_id
    )
    # Too little proficiency: nobody can take it; it waits while others are routed.
    one.call("POST", f"/interactions/{call_id}/disconnect")
    expert = control.place_inbound_call("Support", skills={"hardware": 70})
    plain = simulator.place_inbound_call("Support")
    assert two.state(expert) == "O"
    assert two.state(plain) == "A", "the agent passed over stays ready for the next call"
    lines = simulator.explain_routing(expert)
    assert "agent1: lacks skill Hardware (has 60, needs 70)." in lines
    with pytest.raises(KeyError, match="requires skill 'Juggling', which is not a skill"):
        control.place_inbound_call("Support", skills={"Juggling": 10})


def test_an_interaction_names_the_skills_acd_requires_for_it(simulator):
    # [doc] "the caller requests an English speaking agent, which sets the Eic_AcdSkillSet
    # attribute to English" (Interaction Tracker help, tracking_acd_skillset.htm).
    agent = Agent(simulator.url, "agent1", "7001")
    control = simulator.control()
    skilled = control.place_inbound_call("Support", skills={"English": 50})
    assert agent.attribute(skilled, "Eic_AcdSkillSet") == "English"
    plain = control.place_inbound_call("Support")
    assert agent.attribute(plain, "Eic_AcdSkillSet") == ""


def test_a_workgroup_may_require_skills_of_every_interaction_it_queues():
    from ICWSLibrary.simulator.model import ICWSModel

    from .test_contact_model import Desk

    licenses = ["I3_ACCESS_CLIENT", "I3_ACCESS_ACD"]
    model = ICWSModel(load_scenario({
        "skills": [{"id": "Hardware"}],
        "users": [{"id": name, "password": "1234", "licenses": licenses,
                   "rights": ["stationLogon"], "skills": {"Hardware": {"proficiency": level}}}
                  for name, level in (("novice", 30), ("expert", 40))],
        "stations": [{"id": "s1", "extension": "1"}, {"id": "s2", "extension": "2"}],
        "licenses": {name: 2 for name in licenses},
        "workgroups": [{"id": "Desk", "members": ["novice", "expert"],
                        "requiredSkills": {"Hardware": 40}}],
    }))  # fmt: skip
    try:
        desk = Desk(model)
        for user, station in (("novice", "s1"), ("expert", "s2")):
            desk.log_on(user)
            desk.station(user, station)
        model.control.set_agent_idle("novice", 600)  # longest idle, but not skilled enough
        call = model.contact.find(model.control.place_inbound_call("Desk"))
        assert call.state == "A" and call.agent.id == "expert"
        lines = model.control.explain_routing(call.id)
        assert "novice: lacks skill Hardware (has 30, needs 40)." in lines
    finally:
        model.close()
    with pytest.raises(
        ScenarioError, match="proficiency workgroup Desk requires in skill Hardware"
    ):
        load_scenario({"skills": [{"id": "Hardware"}], "users": [],
                       "workgroups": [{"id": "Desk", "requiredSkills": {"Hardware": 101}}]})  # fmt: skip


def test_an_action_is_answered_before_its_effect_shows(start_simulator):
    # [real] The vendor's QA waits after pickup and disconnect: a server answers first.
    simulator = start_simulator({"actionDelay": 0.5})
    agent = Agent(simulator.url, "agent1", "7001")
    call_id = simulator.place_inbound_call("Support")
    assert agent.call("POST", f"/interactions/{call_id}/pickup").status_code == 200
    assert agent.state(call_id) == "A", "answered, not yet connected"
    simulator.advance_time(0.5)
    assert agent.state(call_id) == "C"
    assert agent.call("POST", f"/interactions/{call_id}/hold", {"on": True}).status_code == 200
    assert agent.call("POST", f"/interactions/{call_id}/disconnect").status_code == 200
    assert agent.state(call_id) == "C"
    simulator.advance_time(0.5)
    assert agent.state(call_id) == "I", "held, then disconnected, in the order asked"
    # A refusal is answered at once, as before.
    refused = agent.call("POST", f"/interactions/{call_id}/hold", {"on": True})
    assert refused.status_code == 400


def test_a_remote_number_station_connects_when_that_phone_answers(start_simulator):
    simulator = start_simulator({"externalNumbers": {"3175550123": {"after": 4}}})
    agent = Agent(simulator.url, "agent1")
    body = {"__type": "urn:inin.com:connection:remoteNumberSettings",
            "remoteNumber": "3175550123", "supportedMediaTypes": [1]}  # fmt: skip
    assert agent.call("PUT", "/connection/station", body).status_code == 200
    call_id = simulator.place_inbound_call("Support")
    assert agent.call("POST", f"/interactions/{call_id}/pickup").status_code == 200
    # [real] It "will still be alerting at this point, since the remote end hasn't
    # picked up".
    assert agent.state(call_id) == "A"
    simulator.advance_time(4)
    assert agent.state(call_id) == "C"


def test_an_exhausted_acd_licence_pool_leaves_the_agent_out(start_simulator):
    # With a pool of one, two agents rang at once: ACD looked at the licences assigned,
    # not at those the agents' sessions hold.
    simulator = start_simulator({"licenses": {"I3_ACCESS_CLIENT": 10, "I3_ACCESS_ACD": 1,
                                              "I3_LICENSE_BASIC_STATION": 10}})  # fmt: skip
    one = Agent(simulator.url, "agent1", "7001")  # takes the pool's only ACD licence
    Agent(simulator.url, "agent2", "7002")
    calls = [simulator.place_inbound_call("Support") for _ in range(2)]
    states = {i["interactionId"]: (i["state"], i["user"]) for i in simulator.interactions()}
    assert states[calls[0]] == ("A", "agent1")
    assert states[calls[1]] == ("O", None)
    assert "agent2: holds no I3_ACCESS_ACD licence (none was free in the pool at station " \
        "logon, or it was released)." in simulator.explain_routing(calls[1])  # fmt: skip
    # Released, the licence leaves agent1 out too; agent2 acquires it and gets the call.
    assert one.call("DELETE", "/licenses").status_code == 200
    two = Agent(simulator.url, "agent2")
    taken = two.call("POST", "/licenses", {"licenseList": ["I3_ACCESS_ACD"]}).json()
    assert taken["licenseOperationResultList"][0]["isAvailable"] is True
    states = {i["interactionId"]: (i["state"], i["user"]) for i in simulator.interactions()}
    assert states[calls[1]] == ("A", "agent2")


def test_the_acd_licence_covers_the_media_of_its_level(start_simulator):
    # [real] A user's licence says its media level and the media it covers.
    simulator = start_simulator({"users": [
        {"id": "caller", "password": "1234", "mediaLevel": 1, "mediaTypes": [1],
         "licenses": ["I3_ACCESS_CLIENT", "I3_ACCESS_ACD"], "rights": ["stationLogon"]},
        {"id": "nobody", "password": "1234", "mediaLevel": 0,
         "licenses": ["I3_ACCESS_CLIENT", "I3_ACCESS_ACD"], "rights": ["stationLogon"]},
    ], "workgroups": [{"id": "Desk", "members": ["caller", "nobody"]}],
       "stations": [{"id": "s1", "extension": "1"}, {"id": "s2", "extension": "2"}]})  # fmt: skip
    Agent(simulator.url, "caller", "s1", media=(1, 2))
    Agent(simulator.url, "nobody", "s2", media=(1, 2))
    chat = simulator.place_inbound_chat("Desk")
    lines = simulator.explain_routing(chat)
    assert "caller: the ACD licence covers no chat interactions (media level 1: call)." in lines
    assert "nobody: licensed for no ACD media (mediaLevel 0)." in lines
    call = simulator.place_inbound_call("Desk")
    assert {i["interactionId"]: i["user"] for i in simulator.interactions()}[call] == "caller"
    body = Agent(simulator.url, "caller").call(
        "GET", "/configuration/users/caller", params={"select": "licenseProperties",
                                                     "rightsFilter": "view"},
    ).json()  # fmt: skip
    assert body["licenseProperties"]["mediaTypes"] == [1]
    with pytest.raises(ScenarioError, match="media level 1 of x covers at most 1 media"):
        load_scenario({"users": [{"id": "x", "password": "1", "mediaTypes": [1, 2]}]})
