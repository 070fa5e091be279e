"""The interactions, queues and activations client, used from Python without Robot."""

import pytest

from ICWSLibrary.client import ICWSError, ICWSSession
from ICWSLibrary.client.interactions import QueueView, queue_type, state_letters, state_name


@pytest.mark.parametrize(
    ("given", "letters"),
    [("C", "C"), ("c", "C"), ("Connected", "C"), ("held", "H"), ("On Hold", "H"),
     ("Disconnected", "IE"), ("internally disconnected", "I"), ("E", "E"), ("Offering", "O")],
)  # fmt: skip
def test_states_are_given_by_letter_or_name(given, letters):
    assert state_letters(given) == letters


def test_an_unknown_state_names_the_known_ones():
    with pytest.raises(
        ICWSError, match=r"Unknown interaction state 'Ringing twice'.*Alerting \(A\)"
    ):
        state_letters("Ringing twice")


def test_state_names():
    assert [state_name(x) for x in ("A", "i", "", None, "Q")] == [
        "Alerting", "Internally Disconnected", "None", "None", "Q"
    ]  # fmt: skip


def test_queue_types():
    assert [queue_type(x) for x in ("workgroup", "USER", "3", 0)] == [2, 1, 3, 0]
    with pytest.raises(ICWSError, match="Unknown queue type 'agent'"):
        queue_type("agent")


def test_a_queue_view_follows_snapshot_and_deltas():
    view = QueueView("q", 2, "Support")
    view.apply({"isDelta": False, "interactionsAdded": [
        {"interactionId": "1", "attributes": {"Eic_State": "O", "Eic_RemoteName": "Pat"}}]})  # fmt: skip
    assert view.ready and view.state_of("1") == "O"
    view.apply({"isDelta": True, "interactionsChanged": [
        {"interactionId": "1", "attributes": {"Eic_State": "A"}}]})  # fmt: skip
    assert view.interactions["1"] == {"Eic_State": "A", "Eic_RemoteName": "Pat"}
    view.apply({"isDelta": True, "interactionsAdded": [{"interactionId": "2", "attributes": {}}],
                "interactionsRemoved": ["1"]})  # fmt: skip
    assert list(view.interactions) == ["2"]
    view.apply({"isDelta": False, "interactionsAdded": []})
    assert view.interactions == {}


@pytest.fixture(params=["sse", "polling"])
def agent(request, simulator):
    with ICWSSession(simulator.url, messaging=request.param, timeout=5) as session:
        session.connect("agent1", "1234")
        yield session


def test_make_call_without_a_station_says_to_log_on_first(agent):
    with pytest.raises(ICWSError) as caught:
        agent.interactions.make_call("3175550100")
    assert str(caught.value).startswith(
        "'agent1' cannot call 3175550100: the session has no station connection; use Log On "
        "To Workstation first (POST /icws/"
    )
    assert caught.value.status == 400


def test_alerts_and_queue_arrivals_are_each_returned_once(agent, simulator):
    agent.station.log_on("workstation", "7001")
    first = simulator.place_inbound_call("Support", "3175550100", "Pat")
    assert agent.interactions.wait_for_alerting(5) == first
    assert agent.interactions.wait_for_alerting(0.2) is None
    assert agent.interactions.wait_until_in_queue("Support", "workgroup", 5) == first
    assert agent.interactions.wait_until_in_queue("Support", "workgroup", 0.2) is None
    agent.interactions.act(first, "pickup", verb="pick up")
    second = simulator.place_inbound_call("Support", "5550100", "Lee")
    found = agent.interactions.wait_until_in_queue(
        "Support", "workgroup", 5, {"eic_remotename": "lee"}
    )
    assert found == second


def test_a_wait_for_a_state_fails_when_the_interaction_goes_away(agent, simulator):
    agent.station.log_on("workstation", "7001")
    call = simulator.place_inbound_call("Support")
    agent.interactions.act(call, "pickup", verb="pick up")
    assert agent.interactions.wait_until_state(call, "Connected", 5) == (True, "C")
    simulator.hang_up(call)
    assert agent.interactions.wait_until_state(call, "disconnected", 5) == (True, "E")
    simulator.advance_time(10)
    with pytest.raises(
        ICWSError, match=f"Interaction {call} ended .* last Externally Disconnected"
    ):
        agent.interactions.wait_until_state(call, "Connected", 5)


def test_a_wait_for_a_state_that_never_comes_reports_the_last_one(agent, simulator):
    call = simulator.place_inbound_call("Support")
    assert agent.interactions.wait_until_state(call, "Connected", 0.3) == (False, "O")


def test_transfers_name_workgroups_with_a_prefix(agent, simulator):
    agent.station.log_on("workstation", "7001")
    call = simulator.place_inbound_call("Support")
    agent.interactions.act(call, "pickup", verb="pick up")
    agent.interactions.transfer(call, "workgroup:Sales")
    assert simulator.interactions()[0]["workgroup"] == "Sales"


def test_refusals_say_what_was_refused_and_why(agent):
    with pytest.raises(
        ICWSError, match=r"'agent1' could not hold interaction 42: The interaction 42 was not found"
    ):
        agent.interactions.act("42", "hold", {"on": True}, verb="hold")
    with pytest.raises(
        ICWSError,
        match=r"Deactivating 'agent2' in workgroup Support was refused: The user agent1 may not",
    ):
        agent.activations.set("agent2", "Support", False)
    with pytest.raises(ICWSError, match=r"Watching the workgroup queue Nowhere was refused"):
        agent.interactions.watch_queue("Nowhere")
    assert "robot-workgroup-nowhere" not in agent.interactions.queues


def test_activations_read_and_change(agent):
    assert agent.activations.of_user("agent1") == {"Support": True}
    assert agent.activations.set("agent1", "Support", False) == {"Support": False}
    assert agent.activations.of_workgroup("Support")["agent1"] is False


def test_queues_whose_names_differ_only_beyond_ascii_have_watches_of_their_own(start_simulator):
    # Every non-Latin name once made the same watch, as did "Sales EU" and "Sales-EU".
    names = ["Продажи", "営業", "Sales EU", "Sales-EU"]
    simulator = start_simulator(
        {"workgroups": [{"id": name, "members": ["agent1"]} for name in names]}
    )
    session = ICWSSession(simulator.url)
    session.connect("agent1", "1234")
    try:
        call = simulator.place_inbound_call("Продажи")
        other = simulator.place_inbound_call("Sales EU")
        seen = {name: list(session.interactions.watch_queue(name).interactions) for name in names}
        assert seen == {"Продажи": [call], "営業": [], "Sales EU": [other], "Sales-EU": []}
        assert session.interactions.wait_until_queue_empty("営業", "workgroup", 0.2) is not None
        assert session.interactions.wait_until_queue_empty("Продажи", "workgroup", 0.2) is None
    finally:
        session.disconnect()


def test_a_malformed_queue_entry_costs_only_itself():
    view = QueueView("q", 2, "Support")
    view.apply({"__type": "urn:inin.com:queues:queueContentsMessage", "isDelta": False,
                "interactionsAdded": [{"attributes": {}}, {"interactionId": "1", "attributes": "O"},
                                      {"interactionId": "2", "attributes": {"Eic_State": "O"}}],
                "interactionsRemoved": [None, {"x": 1}]})  # fmt: skip
    assert view.interactions == {"2": {"Eic_State": "O"}} and view.ready


@pytest.mark.parametrize("name", ["", " ", "Eic_State,Eic_RemoteName"])
def test_an_attribute_name_that_is_empty_or_has_a_comma_is_refused(agent, simulator, name):
    call = simulator.place_inbound_call("Support")
    with pytest.raises(ICWSError, match="attribute name must not be empty or hold a comma"):
        agent.interactions.attributes(call, [name])
