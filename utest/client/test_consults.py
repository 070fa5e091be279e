"""The consult transfer client: the session remembers each consult by the original
interaction, and every refusal says what was asked and the server's reason."""

import pytest

from ICWSLibrary.client import ICWSError, ICWSSession


@pytest.fixture
def agents(simulator):
    with ICWSSession(simulator.url, timeout=5) as agent, ICWSSession(simulator.url) as other:
        agent.connect("agent1", "1234")
        agent.station.log_on("workstation", "7001")
        other.connect("agent2", "1234")
        other.station.log_on("workstation", "7002", ready=False)
        yield agent, other


def test_a_consult_is_named_by_its_original_interaction(simulator, agents):
    agent, other = agents
    call = simulator.place_inbound_call("Support", "3175550100")
    agent.interactions.act(call, "pickup", verb="pick up")
    with pytest.raises(ICWSError, match=f"started no consult on interaction {call}"):
        agent.consults.conclude(call)
    consult_call = agent.consults.start(call, "agent2")
    assert agent.consults.consult_of(call)[1] == consult_call
    assert agent.interactions.state(call) == "H"
    agent.consults.change_audience(call, caller=True, consulted=False)
    assert agent.interactions.state(call) == "C"
    agent.consults.cancel(call)
    assert call not in agent.consults.consults
    assert agent.interactions.state(consult_call) == "I"


def test_a_refused_consult_says_what_and_why(simulator, agents):
    agent, _ = agents
    call = simulator.place_inbound_call("Support", "3175550100")  # alerting, not connected
    with pytest.raises(ICWSError) as refused:
        agent.consults.start(call, "agent2")
    message = str(refused.value)
    assert message.startswith(f"'agent1' could not consult agent2 about interaction {call}")
    assert "Alerting" in message and refused.value.status == 400


def test_conference_parties_follow_the_members_the_server_names(simulator, agents):
    agent, _ = agents
    first = agent.interactions.make_call("3175550100")
    second = agent.interactions.make_call("3175550101")
    simulator.advance_time(2)
    conference = agent.conferences.create([first, second])
    third = agent.conferences.invite(conference, "3175550102")
    simulator.advance_time(2)
    parties = agent.conferences.parties(conference)
    assert [p["interactionId"] for p in parties] == [first, second, third]
    assert {p["state"] for p in parties} == {"Connected"}
    simulator.hang_up(second)
    assert [p["interactionId"] for p in agent.conferences.parties(conference)] == [first, third]
    # A session that did not make it learns the members from any one of them.
    agent.conferences.members[conference] = [third]
    assert len(agent.conferences.parties(conference)) == 2
    with pytest.raises(ICWSError, match="could not invite 1 to conference 42"):
        agent.conferences.invite("42", "1")
