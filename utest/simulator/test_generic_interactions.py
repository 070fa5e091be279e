"""Generic interactions honour the parameters createGenericInteractionParameters defines:
initialState (the SDK's InteractionState, not the Eic_State letters), interactionDirection,
the party types, remoteId and localLocation (FIDELITY-AUDIT I6; CONTACT-CENTER.md 2.1)."""

import pytest

from .helpers import Agent, error_of

ALERTING = "urn:inin.com:interactions:interactionAlertingMessage"
GENERIC = "urn:inin.com:interactions:createGenericInteractionParameters"
USER_QUEUE = {"queueType": 1, "queueName": "agent1"}
WORKGROUP_QUEUE = {"queueType": 2, "queueName": "Support"}


def create(agent, queue, **fields):
    return agent.call("POST", "/interactions", {"__type": GENERIC, "queueId": queue, **fields})


def test_the_audit_probe_is_created_connected_outgoing_with_its_remote_id(simulator):
    # The audit's probe answered Eic_State A, direction I, Eic_RemoteId "".
    agent = Agent(simulator.url, "agent1", "7001", media=(1, 4))
    created = create(agent, USER_QUEUE, initialState=2, interactionDirection=2,
                     remoteId="ext-42", remotePartyType=1)  # fmt: skip
    assert created.status_code == 201, created.text
    generic = created.json()["interactionId"]
    assert agent.state(generic) == "C"
    assert agent.attribute(generic, "Eic_CallDirection") == "O"
    assert agent.attribute(generic, "Eic_RemoteId") == "ext-42"
    assert agent.attribute(generic, "Eic_CallType") == "I"
    assert agent.attribute(generic, "Eic_UserName") == "agent1"
    status = agent.call("GET", "/status/user-statuses/agent1").json()
    assert status["onPhone"] is True
    # Connected from the start, it can be held and hung up as any connected object.
    assert agent.call("POST", f"/interactions/{generic}/hold", {"on": True}).status_code == 200


@pytest.mark.parametrize(
    ("initial_state", "letter"),
    [(None, "A"), (0, "A"), (1, "A"), (2, "C"), ("3", "H"), (5, "O"), (7, "R"), (9, "S")],
)
def test_a_users_generic_object_starts_in_the_state_asked_for(simulator, initial_state, letter):
    agent = Agent(simulator.url, "agent1", "7001", media=(1, 4))
    assert agent.call("PUT", "/messaging/subscriptions/interaction-alerting", {}).status_code == 204
    fields = {} if initial_state is None else {"initialState": initial_state}
    created = create(agent, USER_QUEUE, **fields)
    assert created.status_code == 201, created.text
    generic = created.json()["interactionId"]
    assert agent.state(generic) == letter
    assert agent.attribute(generic, "Eic_CallDirection") == "I", "incoming unless told"
    alerts = [m for m in agent.of_type(ALERTING) if m["alertingInteractionDetails"]]
    assert bool(alerts) == (letter == "A"), "only an Alerting object alerts"


def test_in_a_workgroup_queue_a_generic_object_waits_for_acd(simulator):
    agent = Agent(simulator.url, "agent1", "7001", media=(1, 4))
    created = create(agent, WORKGROUP_QUEUE, initialState=5, remoteId="web-7",
                     remotePartyType=2, localLocation="Portal")  # fmt: skip
    assert created.status_code == 201, created.text
    generic = created.json()["interactionId"]
    assert agent.state(generic) == "A", "offered, then routed to the only ready agent"
    assert agent.attribute(generic, "Eic_RemoteId") == "web-7"
    assert agent.attribute(generic, "Eic_CallType") == "E"
    # localLocation is taken, but shown in no attribute known: the station's number stays.
    assert agent.attribute(generic, "Eic_LocalAddress") == "7001"


def test_a_workgroup_generic_object_cannot_start_with_an_agent(simulator):
    agent = Agent(simulator.url, "agent1", "7001", media=(1, 4))
    refused = create(agent, WORKGROUP_QUEUE, initialState=2)
    assert refused.status_code == 400
    message = error_of(refused)["message"]
    assert "initialState" in message and "Offering" in message, message
    assert simulator.interactions() == [], "nothing created"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("initialState", 42),
        ("initialState", "Connected"),
        ("initialState", True),
        ("initialState", 10),  # disconnected from birth
        ("interactionDirection", 3),
        ("localPartyType", -1),
        ("remotePartyType", "x"),
        ("remoteId", {"id": 1}),
        ("localLocation", 7),
    ],
)
def test_a_parameter_outside_its_enum_is_refused_by_name(simulator, field, value):
    agent = Agent(simulator.url, "agent1", "7001", media=(1, 4))
    refused = create(agent, USER_QUEUE, **{field: value})
    assert refused.status_code == 400, refused.text
    assert field in error_of(refused)["message"]
    assert simulator.interactions() == []


SKILLED = {"skillsAttribute": "RequiredSkills"}


def test_a_deployments_handler_may_take_skills_from_a_custom_attribute(start_simulator):
    # [doc] A handler gives an interaction its skills (ACD Specify Interaction Skill); the
    # scenario names the attribute such a handler reads. agent1 has Hardware 60, agent2
    # none, and agent2 would be offered the object first.
    simulator = start_simulator(SKILLED)
    one = Agent(simulator.url, "agent1", "7001", media=(1, 4))
    Agent(simulator.url, "agent2", "7002", media=(1, 4))
    simulator.set_agent_idle("agent1", 0)
    simulator.set_agent_idle("agent2", 600)
    created = create(one, WORKGROUP_QUEUE, additionalAttributes={"requiredskills": "Hardware:50"})
    assert created.status_code == 201, created.text
    generic = created.json()["interactionId"]
    assert one.attribute(generic, "Eic_UserName") == "agent1"
    assert one.attribute(generic, "Eic_AcdSkillSet") == "Hardware"
    assert "agent2: lacks skill Hardware (has none, needs 50)." in simulator.explain_routing(
        generic
    )


def test_without_the_scenario_naming_it_the_attribute_is_only_an_attribute(simulator):
    Agent(simulator.url, "agent2", "7002", media=(1, 4))
    agent = Agent(simulator.url, "agent1", "7001", media=(1, 4))
    simulator.set_agent_idle("agent1", 0)
    simulator.set_agent_idle("agent2", 600)
    created = create(agent, WORKGROUP_QUEUE, additionalAttributes={"RequiredSkills": "Hardware:50"})
    generic = created.json()["interactionId"]
    assert agent.attribute(generic, "Eic_UserName") == "agent2"
    assert agent.attribute(generic, "Eic_AcdSkillSet") == ""


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("Hardware:lots", "Hardware:lots"),
        ("Juggling:10", "Juggling"),
        ("Hardware:150", "0 to 100"),
        (":50", "skill"),
    ],
)
def test_skills_a_handler_could_not_read_are_refused(start_simulator, value, says):
    simulator = start_simulator(SKILLED)
    agent = Agent(simulator.url, "agent1", "7001", media=(1, 4))
    refused = create(agent, WORKGROUP_QUEUE, additionalAttributes={"RequiredSkills": value})
    assert refused.status_code == 400, refused.text
    message = error_of(refused)["message"]
    assert "RequiredSkills" in message and says in message, message
    assert simulator.interactions() == []


def test_a_skills_attribute_must_be_a_name(start_simulator):
    from ICWSLibrary.simulator.scenario import ScenarioError, load_scenario

    assert load_scenario(SKILLED).skills_attribute == "RequiredSkills"
    with pytest.raises(ScenarioError, match="skillsAttribute"):
        load_scenario({"skillsAttribute": 7})
