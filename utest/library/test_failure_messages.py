"""Failures that explain themselves: what was expected, what came back, what was meant."""

import re

import pytest

from ICWSLibrary import ICWSLibrary
from ICWSLibrary.client import ICWSError


def agent1(simulator, wait_timeout: str, media: str | None):
    """agent1's library, on station 7001 taking ``media`` (none: on no station); logged off
    after the test."""
    library = ICWSLibrary(server=simulator.url, wait_timeout=wait_timeout)
    library.connect_to_icws("agent1", "1234")
    try:
        if media:
            library.log_on_to_workstation("7001", media=media)
        yield library
    finally:
        library.log_off_all()


@pytest.fixture
def agent(simulator):
    yield from agent1(simulator, "1s", "call")


def picked_up_call(simulator, library) -> str:
    call_id = simulator.place_inbound_call("Support", "3175550100", "Pat")
    library.pick_up_interaction(call_id)
    return call_id


def test_a_transfer_to_a_misspelt_target_fails_naming_the_one_meant(simulator, agent):
    call_id = picked_up_call(simulator, agent)
    with pytest.raises(ICWSError) as failure:
        agent.transfer_interaction(call_id, "Salse")
    message = str(failure.value)
    assert message.startswith(f"'agent1' could not transfer interaction {call_id} to Salse: ")
    assert "workgroup:Sales" in message
    assert agent.get_interaction_state(call_id) == "Connected"


def test_a_refusal_says_the_reason_once_and_in_order(simulator, agent):
    call_id = picked_up_call(simulator, agent)
    with pytest.raises(ICWSError) as failure:
        agent.transfer_interaction(call_id, "workgroup:Billing")
    message = str(failure.value)
    reason = "There is no workgroup queue named 'Billing'"
    assert message.startswith(
        f"'agent1' could not transfer interaction {call_id} to workgroup:Billing: {reason}. ("
    )
    assert message.count(reason) == 1
    assert re.search(
        r"\(POST /icws/\d+/interactions/\d+/blind-transfer on .* answered HTTP 400", message
    )


def test_configuration_property_should_be_shows_the_id_it_compared(agent):
    with pytest.raises(AssertionError) as failure:
        agent.configuration_property_should_be("workgroups", "Sales", "wrapUpStatus", "Lunch")
    message = str(failure.value)
    assert message == (
        "Expected wrapUpStatus of workgroups object 'Sales' to be 'Lunch', but it is 'Follow Up'."
    )


def test_an_unknown_status_names_the_nearest_known_ones(agent):
    with pytest.raises(ICWSError, match=r"Nearest known statuses: At Lunch\."):
        agent.set_user_status("At Lnch")
    with pytest.raises(AssertionError, match=r"Nearest known statuses: At Lunch\."):
        agent.user_status_should_be("At Lnch")


def test_an_unknown_statistic_names_the_nearest_known_ids(agent):
    with pytest.raises(ICWSError) as failure:
        agent.get_statistic_value("InteractionWaiting", workgroup="Support")
    assert "Nearest known statistic ids: inin.workgroup:InteractionsWaiting" in str(failure.value)


def test_a_statistic_without_its_parameters_says_which_it_takes(agent):
    with pytest.raises(ICWSError) as failure:
        agent.get_statistic_value("InteractionsAnswered", workgroup="Support")
    assert str(failure.value).endswith(
        "inin.workgroup:InteractionsAnswered takes workgroup= and interval= (such as CurrentShift)."
    )


def test_an_unknown_configuration_type_or_object_names_the_nearest(agent):
    with pytest.raises(ICWSError, match=r"Nearest known configuration types: workgroups\."):
        agent.get_configuration_object("workgroup", "Support")
    with pytest.raises(ICWSError, match=r"Nearest known configuration types: workgroups\."):
        agent.get_configuration_objects("workgroup")
    with pytest.raises(ICWSError, match=r"Nearest known users: agent1"):
        agent.get_configuration_object("users", "agnet1")


def test_an_unknown_user_names_the_nearest_users(agent):
    with pytest.raises(ICWSError, match=r"Nearest known users: agent1"):
        agent.get_user_status("agnet1")


@pytest.fixture
def idle_agent(simulator):
    """agent1, logged on with no station: ACD can offer it nothing."""
    yield from agent1(simulator, "0.3s", None)


def test_a_wait_for_alerting_says_why_the_simulator_offered_the_user_nothing(simulator, idle_agent):
    call_id = simulator.place_inbound_call("Support")
    with pytest.raises(AssertionError) as failure:
        idle_agent.wait_for_alerting_interaction()
    message = str(failure.value)
    assert message.startswith("No interaction alerted 'agent1' within 0.3 s.")
    assert f"Interaction {call_id} is Offering in workgroup Support's queue" in message
    assert "ACD offered it to nobody yet" in message
    assert "agent1: logged on to no station." in message
    assert "agent2" not in message, "only the waiting user's reason"


def test_a_wait_for_a_state_says_where_the_interaction_is_and_why(simulator, idle_agent):
    idle_agent.set_user_status("At Lunch")
    call_id = simulator.place_inbound_call("Support")
    with pytest.raises(AssertionError) as failure:
        idle_agent.wait_until_interaction_state_is(call_id, "Connected")
    message = str(failure.value)
    assert message.startswith(
        f"Interaction {call_id} was not Connected within 0.3 s. Interaction {call_id} is "
        "Offering in workgroup Support's queue."
    )
    assert "agent1: status 'At Lunch' does not take ACD interactions." in message
    assert "agent2: not logged on." in message


def test_a_wait_on_a_queue_lists_the_routing_of_what_waits_there(simulator, idle_agent):
    simulator.place_inbound_call("Sales")
    with pytest.raises(AssertionError) as failure:
        idle_agent.wait_until_interaction_appears_in_queue("Sales", Eic_RemoteName="Nobody")
    assert "The simulator's routing:" in str(failure.value)


@pytest.fixture
def chat_agent(simulator):
    """agent1 on station 7001, taking chats only."""
    yield from agent1(simulator, "10s", "chat")


def test_the_routing_explains_each_reason_in_turn(simulator, chat_agent):
    from ICWSLibrary.simulator.library import Simulator

    call_id = simulator.place_inbound_call("Support")
    controls = Simulator()
    controls._running.append(simulator)
    lines = controls.simulator_explain_routing(call_id)
    assert "agent1: the station does not take call interactions." in lines
    chat_agent.log_on_to_workstation("7001", ready=False)
    assert "agent1: the station is not ready for interactions." in (
        controls.simulator_explain_routing(call_id)
    )
    chat_agent.log_on_to_workstation("7001")
    lines = controls.simulator_explain_routing(call_id)
    assert any(line.startswith("agent1: has it (Alerting)") for line in lines)
    assert "ACD offered it to agent1." in lines[0]


def test_logged_in_is_explained_when_a_session_alone_is_not_enough(idle_agent):
    with pytest.raises(AssertionError) as failure:
        idle_agent.user_should_be_logged_in()
    assert str(failure.value) == (
        "Expected 'agent1' to be logged in, but they are not. A user is logged in when logged "
        "on to a station, not by an ICWS session: use Log On To Workstation first."
    )


@pytest.mark.parametrize(
    ("slow_path", "wait"),
    [
        ("/subscriptions/queues", lambda lib, sim: lib.wait_until_interaction_appears_in_queue(
            "Support", timeout="1s")),
        ("/subscriptions/queues", lambda lib, sim: lib.wait_until_queue_is_empty(
            "Support", timeout="1s")),
        ("/subscriptions/queues", lambda lib, sim: lib.wait_for_alerting_interaction(
            timeout="1s")),
        ("/subscriptions/interactions/", lambda lib, sim: lib.wait_until_interaction_state_is(
            sim.place_inbound_call("Support"), "Connected", timeout="1s")),
        ("/chat", lambda lib, sim: lib.wait_for_chat_message(
            sim.place_inbound_chat("Support"), timeout="1s")),
        ("/subscriptions/status/", lambda lib, sim: lib.wait_until_user_status_is(
            "At Lunch", timeout="1s")),
    ],
    ids=["appears", "empty", "alerting", "state", "chat", "status"],
)  # fmt: skip
def test_a_wait_ends_by_its_timeout_when_the_server_is_slow(simulator, idle_agent, slow_path, wait):
    # Setting up the watch waited up to the request timeout (10 s) on its own, and the
    # state was read before and after: timeout=2s failed after 8 or 10 s.
    import time

    simulator.place_inbound_call("Support")
    simulator.inject_fault("latency", count=0, path=slow_path, seconds=4)
    started = time.monotonic()
    try:
        with pytest.raises((AssertionError, ICWSError)) as failure:
            wait(idle_agent, simulator)
        took = time.monotonic() - started
    finally:
        simulator.clear_faults()
    assert took < 2.2, f"took {took:.1f} s: {failure.value}"
    assert "within 1 s" in str(failure.value)


def test_a_failed_chat_wait_shows_the_end_of_a_long_transcript(simulator, chat_agent):
    chat = simulator.place_inbound_chat("Support", "Pat")
    chat_agent.pick_up_interaction(chat)
    for number in range(40):
        simulator.write_chat(chat, f"line {number} " + "x" * 5000)
    with pytest.raises(AssertionError) as failure:
        chat_agent.wait_for_chat_message(chat, contains="never", timeout="0.3s")
    message = str(failure.value)
    assert len(message) < 4000, len(message)
    assert "(30 earlier lines left out)" in message and "line 39" in message


def test_a_missing_capability_says_what_the_interaction_allows(simulator, agent):
    call_id = picked_up_call(simulator, agent)
    agent.interaction_should_have_capability(call_id, "Hold")
    with pytest.raises(AssertionError) as failure:
        agent.interaction_should_have_capability(call_id, "pickup")
    assert str(failure.value) == (
        f"Expected interaction {call_id} to allow pickup, but its Eic_Capabilities 373887 "
        "allow consult, disconnect, hold, listen, messaging, mute, park, record, transfer, "
        "join, conference, coach, secure recording pause."
    )
    agent.interaction_should_have_capability(call_id, "SecureRecordingPause")
    agent.interaction_should_have_capability(call_id, "secure-recording pause")
    with pytest.raises(ICWSError, match="Unknown interaction capability 'answer': use one of "
                       "consult, disconnect, hold, listen, messaging"):  # fmt: skip
        agent.interaction_should_have_capability(call_id, "answer")


def test_an_action_whose_interaction_is_already_gone_has_taken_effect(simulator, agent):
    # A replay delivered the disconnection and the deallocation at once: the wait found
    # the interaction gone ({}), which the keyword took for "not shown" and failed 10 s on.
    call_id = picked_up_call(simulator, agent)
    session = agent.get_session()
    session.interactions.wait_until_shown = lambda *args, **kwargs: {}
    agent.disconnect_interaction(call_id)
    session.interactions.wait_until_shown = lambda *args, **kwargs: None
    with pytest.raises(AssertionError, match="still was not disconnected 1 s later"):
        agent.disconnect_interaction(call_id)
