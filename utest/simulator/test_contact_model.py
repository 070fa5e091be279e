"""The contact center's structure, proven in process: the declared state transitions,
N-party conversations, the lifecycle that media listen to, and indexes that always agree
with a scan of the whole model."""

import json
import random

import pytest

from ICWSLibrary.simulator.contact import CALL, TRANSITIONS
from ICWSLibrary.simulator.contact.interaction import link
from ICWSLibrary.simulator.model import ICWSModel, Request
from ICWSLibrary.simulator.scenario import load_scenario

IC_AUTH = "urn:inin.com:connection:icAuthConnectionRequestSettings"
WORKSTATION = "urn:inin.com:connection:workstationSettings"


class Desk:
    """Sessions of the default scenario, driven through ICWSModel.handle."""

    def __init__(self, model: ICWSModel):
        self.model = model
        self.sessions: dict[str, tuple[str, dict]] = {}

    def log_on(self, user: str) -> None:
        body = {"__type": IC_AUTH, "applicationName": "t", "userID": user, "password": "1234"}
        answer = self.model.handle(Request("POST", "/icws/connection", body=json.dumps(body)
                                           .encode(), headers={"accept-language": "en-us"}))  # fmt: skip
        assert answer.status == 201, answer.body
        token = json.loads(answer.body)["csrfToken"]
        cookie = dict(answer.headers)["Set-Cookie"].split(";")[0]
        self.sessions[user] = (json.loads(answer.body)["sessionId"],
                               {"inin-icws-csrf-token": token, "cookie": cookie})  # fmt: skip

    def ask(self, user: str, method: str, path: str, body=None):
        session_id, headers = self.sessions[user]
        data = b"" if body is None else json.dumps(body).encode()
        return self.model.handle(Request(method, f"/icws/{session_id}{path}", "", headers, data))

    def station(self, user: str, station: str | None, ready: bool = True) -> None:
        if station is None:
            self.ask(user, "DELETE", "/connection/station")
            return
        body = {"__type": WORKSTATION, "workstation": station, "supportedMediaTypes": [1],
                "readyForInteractions": ready}  # fmt: skip
        assert self.ask(user, "PUT", "/connection/station", body).status == 200


@pytest.fixture
def model():
    model = ICWSModel(load_scenario({"actionDelay": 0}))
    yield model
    model.close()


def test_a_state_change_the_table_does_not_declare_is_a_simulator_defect(model):
    call = model.contact.find(model.control.place_inbound_call("Support"))
    model.control.hang_up(call.id)
    assert TRANSITIONS[call.state] == frozenset(), "a disconnected call is final"
    with pytest.raises(RuntimeError, match="cannot go from state 'E' to 'C'"):
        model.contact.registry.set_state(call, "C")


def test_every_declared_state_is_reachable_and_has_a_text():
    from ICWSLibrary.simulator.contact import STATE_TEXT

    reached = set(TRANSITIONS[""])
    for _ in TRANSITIONS:
        reached |= {after for before in reached for after in TRANSITIONS[before]}
    assert reached == set(TRANSITIONS) - {""}
    assert set(STATE_TEXT) == reached


def test_a_party_leaving_a_conversation_of_three_leaves_the_others_talking(model):
    registry, actions = model.contact.registry, model.contact.actions
    parties = [registry.new(CALL) for _ in range(3)]
    for interaction in parties:
        registry.set_state(interaction, "O")
        registry.set_state(interaction, "C")
    link(*parties)
    actions.disconnect(parties[0], by_agent=True)
    assert [p.state for p in parties] == ["I", "C", "C"]
    assert parties[1].others == [parties[2]]
    # Down to two: one hanging up hangs up on the other, as a call does.
    actions.disconnect(parties[1], by_agent=False)
    assert [p.state for p in parties] == ["I", "E", "E"]


def test_media_and_features_hear_an_interaction_s_life_from_the_lifecycle(model):
    heard = []
    lifecycle = model.contact.lifecycle
    for event in ("entered", "connecting", "connected", "ending", "disconnected", "removed"):
        lifecycle.on(event, lambda *args, event=event: heard.append(event))
    desk = Desk(model)
    desk.log_on("agent1")
    desk.station("agent1", "7001")
    call_id = model.control.place_inbound_call("Support")
    assert desk.ask("agent1", "POST", f"/interactions/{call_id}/pickup").status == 200
    assert desk.ask("agent1", "POST", f"/interactions/{call_id}/disconnect").status == 200
    model.control.advance_time(model.scenario.disconnected_linger)
    assert heard == ["entered", "connecting", "connected", "ending", "disconnected", "removed"]
    with pytest.raises(ValueError, match="No lifecycle event 'answered'; known: entered"):
        lifecycle.on("answered", print)


def test_the_indexes_agree_with_a_scan_of_the_whole_model_through_random_changes(model):
    # Routing and statistics read indexes kept per agent touched and per interaction
    # changed. After each of 400 random changes, every index is compared with what a scan
    # of the whole model finds.
    desk = Desk(model)
    agents = [f"agent{n}" for n in range(1, 9)]
    stations = {agent: str(7000 + n) for n, agent in enumerate(agents, 1)}
    for agent in agents:
        desk.log_on(agent)
    contact, registry = model.contact, model.contact.registry
    scenario = model.scenario
    chance = random.Random(25)
    holds = []

    def some_interaction(states):
        found = [i for i in contact.interactions.values() if i.state in states and i.agent]
        return chance.choice(found) if found else None

    def change():
        what = chance.randrange(12)
        agent = chance.choice(agents)
        if what in (0, 1):
            desk.station(agent, chance.choice([stations[agent], None]), chance.random() < 0.8)
        elif what in (2, 3):
            status = chance.choice(["Available", "At Lunch", "Available, No ACD"])
            model.control.set_user_status(agent, status)
        elif what == 4:
            group = chance.choice(["Support", "Sales"])
            on = chance.random() < 0.7
            workgroup, user = scenario.workgroup(group), scenario.user(agent)
            if workgroup.has_member(agent):
                with model.state.changing():
                    contact.set_activation(workgroup, user, on)
        elif what == 5:
            model.control.place_inbound_call(chance.choice(["Support", "Sales"]))
        elif what == 6 and (alerting := some_interaction("A")) is not None:
            desk.ask(alerting.agent.id, "POST", f"/interactions/{alerting.id}/pickup")
        elif what == 7 and (connected := some_interaction("C")) is not None:
            desk.ask(connected.agent.id, "POST", f"/interactions/{connected.id}/disconnect")
        elif what == 8 and contact.interactions:
            # The caller hangs up: waiting, alerting or connected.
            model.control.hang_up(chance.choice(list(contact.interactions)))
        elif what == 9:
            model.control.advance_time(chance.choice([1, 5, 16]))
        elif what >= 10 and (talking := some_interaction("CH")) is not None:
            on = talking.state == "C"
            path = f"/interactions/{talking.id}/hold"
            holds.append(desk.ask(talking.agent.id, "POST", path, {"on": on}).status)

    for _ in range(400):
        change()
        with model.state.changing(read_only=True):
            live = list(contact.interactions.values())
            by_agent = {}
            for interaction in live:
                if interaction.agent is not None:
                    by_agent.setdefault(interaction.agent.id.lower(), set()).add(interaction.id)
            assert {k: set(v) for k, v in registry.by_agent.items()} == by_agent
            waiting = {i.id for i in live if i.is_waiting()}
            assert {i for held in registry.waiting.values() for i in held} == waiting
            counts = {}
            for interaction in live:
                if interaction.workgroup is not None:
                    key = (interaction.workgroup.id.lower(), interaction.state)
                    counts[key] = counts.get(key, 0) + 1
            assert {k: v for k, v in registry.counts.items() if v} == counts
            on_hold = {(i.workgroup.id.lower(), i.id) for i in live
                       if i.workgroup is not None and i.state == "H"}  # fmt: skip
            talk = contact.talk
            assert {(g, i) for g, held in talk.on_hold.items() for i in held} == on_hold
            engaged = {
                (i.workgroup.id.lower(), i.attributes.get("Eic_CallDirection"), i.id)
                for i in live
                if i.acd and i.workgroup is not None and i.agent and i.state in "CH"
            }
            assert {(g, d, i) for (g, d), e in talk.engaged.items() for i in e} == engaged
            for workgroup in scenario.workgroups.values():
                members = contact.availability.of(workgroup)
                for medium, ready in members.ready.items():
                    scanned = {
                        m.lower() for m in workgroup.members
                        if contact.eligible_session(scenario.user(m), workgroup, medium)
                    }  # fmt: skip
                    assert ready == scanned, (workgroup.id, medium)
                logged_in = {
                    m.lower() for m in workgroup.members
                    if any(s.station for s in model.state.sessions.of_user(m))
                }  # fmt: skip
                assert members.logged_in == logged_in
                activated = {
                    m for m in logged_in
                    if contact.is_activated(workgroup, scenario.user(m))
                }  # fmt: skip
                assert members.activated == activated

    assert holds.count(200) >= 5, holds  # holds and unholds did happen


def test_stopping_one_queue_watch_keeps_another_of_the_same_queue_told(model):
    desk = Desk(model)
    desk.log_on("supervisor")
    body = {"queueIds": [{"queueType": 2, "queueName": "Support"}],
            "attributeNames": ["Eic_State"]}  # fmt: skip
    for subscription in ("first", "second"):
        path = f"/messaging/subscriptions/queues/{subscription}"
        assert desk.ask("supervisor", "PUT", path, body).status == 200
    assert desk.ask("supervisor", "DELETE", "/messaging/subscriptions/queues/first").status == 204
    session = model.state.sessions.live[desk.sessions["supervisor"][0]]
    session.messages.clear()
    model.control.place_inbound_call("Support")
    told = [m.get("subscriptionId") for m in session.messages if "interactionsAdded" in m]
    assert told == ["second"]
