"""Simulated statistics: values derived from the contact center, pushed when they move
(CONTACT-CENTER.md 2.6)."""

import pytest

from .helpers import Agent, error_of

VALUES = "/messaging/subscriptions/statistics/statistic-values"
VALUE_MESSAGE = "urn:inin.com:statistics:statisticValueMessage"
WORKGROUP = "ININ.People.WorkgroupStats:Workgroup"
INTERVAL = "ININ.Queue:Interval"
USER = "ININ.People.AgentStats:User"
CALL = "urn:inin.com:interactions:createCallParameters"


def key(statistic, workgroup="Support", interval=None, user=None):
    # [real] An agent key is workgroup, user, interval (a vendor sample's agent dashboard
    # reads the user at parameterValueItems[1]).
    items = [{"parameterTypeId": WORKGROUP, "value": workgroup}]
    if user:
        items.append({"parameterTypeId": USER, "value": user})
    if interval:
        items.append({"parameterTypeId": INTERVAL, "value": interval})
    return {"statisticIdentifier": statistic, "parameterValueItems": items}


class Supervisor(Agent):
    def __init__(self, url, *keys):
        super().__init__(url, "supervisor")
        self.keys = list(keys)
        response = self.call("PUT", VALUES, {"statisticKeys": self.keys})
        assert response.status_code == 200, response.text

    def changes(self):
        """Each value told since the last call, by statistic id, in order."""
        found = []
        for message in self.of_type(VALUE_MESSAGE):
            assert message["isDelta"] is True
            for change in message["statisticValueChanges"]:
                found.append(
                    (change["statisticKey"]["statisticIdentifier"], change["statisticValue"])
                )
        return found


def value_of(change):
    return None if change is None else change["value"]


def test_the_first_message_tells_every_watched_value_typed(simulator):
    Agent(simulator.url, "agent1", "7001")
    boss = Supervisor(
        simulator.url,
        key("inin.workgroup:NumberAvailableForACDInteractions"),
        key("inin.workgroup:PercentAvailable"),
        key("inin.workgroup:AverageWaitTime", interval="CurrentShift"),
    )
    (available, first), (percent, second), (wait, third) = boss.changes()
    assert available.endswith("NumberAvailableForACDInteractions")
    assert first == {"__type": "urn:inin.com:statistics:statisticIntValue", "value": 1,
                     "statisticValueType": 0}  # fmt: skip
    assert second == {"__type": "urn:inin.com:statistics:statisticPercentValue", "value": 100.0,
                      "statisticValueType": 9}  # fmt: skip
    # Nothing answered yet: no data, as a real server says with null.
    assert third is None


def test_agents_logged_in_activated_and_available_follow_the_model(simulator):
    names = ("AgentsLoggedIn", "AgentsLoggedInAndActivated", "NumberAvailableForACDInteractions")
    boss = Supervisor(simulator.url, *(key(f"inin.workgroup:{n}") for n in names))
    assert [value_of(v) for _, v in boss.changes()] == [0, 0, 0]
    agent = Agent(simulator.url, "agent1", "7001")
    assert [value_of(v) for _, v in boss.changes()] == [1, 1, 1]
    # Deactivated in Support: still logged in, no longer activated or available.
    answer = agent.call("PUT", "/activations/users/agent1", {"activations": {"Support": False}})
    assert answer.status_code == 200, answer.text
    assert [(n.split(":")[1], value_of(v)) for n, v in boss.changes()] == [
        ("AgentsLoggedInAndActivated", 0), ("NumberAvailableForACDInteractions", 0),
    ]  # fmt: skip


def test_only_values_that_moved_are_told_again(simulator):
    boss = Supervisor(simulator.url, key("inin.workgroup:InteractionsWaiting"),
                      key("inin.workgroup:TotalAgents"))  # fmt: skip
    boss.changes()
    simulator.place_inbound_call("Support", "3175550100")
    assert boss.changes() == [
        ("inin.workgroup:InteractionsWaiting",
         {"__type": "urn:inin.com:statistics:statisticIntValue", "value": 1, "statisticValueType": 0}),
    ]  # fmt: skip
    boss.call("GET", "/connection")
    assert boss.changes() == []


def test_interval_counters_count_entered_answered_abandoned_and_completed(simulator):
    names = ("Entered", "Answered", "Abandoned", "Completed")
    boss = Supervisor(
        simulator.url,
        *(key(f"inin.workgroup:Interactions{n}", interval="CurrentShift") for n in names),
        key("inin.agent:InteractionsAnswered", interval="CurrentShift", user="agent1"),
        key("inin.workgroup:AverageWaitTime", interval="CurrentPeriod"),
    )
    boss.changes()
    # Abandoned: the caller hangs up while waiting, no agent being logged on.
    abandoned = simulator.place_inbound_call("Support", "3175550100")
    simulator.hang_up(abandoned)
    agent = Agent(simulator.url, "agent1", "7001")
    answered = simulator.place_inbound_call("Support", "3175550101")
    simulator.advance_time(4)
    assert agent.call("POST", f"/interactions/{answered}/pickup").status_code == 200
    simulator.hang_up(answered)
    last = {}
    for name, value in boss.changes():
        last[name.split(":")[0][5:] + ":" + name.split(":")[1]] = value_of(value)
    assert last == {
        "workgroup:InteractionsEntered": 2, "workgroup:InteractionsAnswered": 1,
        "workgroup:InteractionsAbandoned": 1, "workgroup:InteractionsCompleted": 1,
        "agent:InteractionsAnswered": 1, "workgroup:AverageWaitTime": pytest.approx(4, abs=0.5),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("statistic_key", "error"),
    [
        (key("inin.workgroup:NoSuchStatistic"), 2),
        (key("inin.workgroup:InteractionsWaiting", workgroup="Nowhere"), 2),
        (key("inin.workgroup:InteractionsEntered", interval="LastYear"), 2),
        (key("inin.agent:InteractionsAnswered", interval="CurrentShift", user="nobody"), 2),
        # Parameters missing, or not in the catalog's order.
        (key("inin.workgroup:InteractionsEntered"), 1),
        ({"statisticIdentifier": "inin.workgroup:InteractionsEntered", "parameterValueItems": [
            {"parameterTypeId": INTERVAL, "value": "CurrentShift"},
            {"parameterTypeId": WORKGROUP, "value": "Support"}]}, 1),
        ({"statisticIdentifier": "inin.workgroup:InteractionsWaiting"}, 1),
    ],
)  # fmt: skip
def test_bad_keys_are_told_as_error_values_not_http_errors(simulator, statistic_key, error):
    boss = Supervisor(simulator.url, statistic_key)
    [(_, value)] = boss.changes()
    assert value == {"__type": "urn:inin.com:statistics:statisticErrorValue", "value": error,
                     "statisticValueType": 12}  # fmt: skip


def test_a_put_adds_keys_and_a_delete_stops_the_messages(simulator):
    # [inferred] A vendor wrapper PUTs workgroup keys, then agent keys, to the same
    # resource and reads both: a second PUT adds to the watch.
    boss = Supervisor(simulator.url, key("inin.workgroup:InteractionsWaiting"))
    boss.changes()
    sales = key("inin.workgroup:InteractionsWaiting", "Sales")
    response = boss.call("PUT", VALUES, {"statisticKeys": [sales]})
    assert response.status_code == 200  # [doc] as the sibling subscriptions answer
    [(_, value)] = boss.changes()
    simulator.place_inbound_call("Support")
    assert boss.changes() == [("inin.workgroup:InteractionsWaiting", boss_value(1))]
    assert boss.call("DELETE", VALUES).status_code == 204
    simulator.place_inbound_call("Sales")
    simulator.place_inbound_call("Support")
    assert boss.changes() == []
    response = boss.call("PUT", VALUES, {"keys": []})
    assert response.status_code == 400 and error_of(response)["propertyName"] == "statisticKeys"


def test_the_catalog_names_each_statistic_and_its_ordered_parameters(simulator):
    boss = Agent(simulator.url, "supervisor")
    response = boss.call("PUT", "/messaging/subscriptions/statistics/statistic-catalog", {})
    assert response.status_code == 200 and response.json() == {"clientStateIsFresh": False}
    [catalog] = boss.of_type("urn:inin.com:statistics:statisticCatalogMessage")
    definitions = {
        d["statisticIdentifier"]: d
        for category in catalog["statisticCategoryList"]
        for d in category["statisticDefinitions"]
    }
    entered = definitions["inin.workgroup:InteractionsEntered"]
    assert entered["requiredParametersDefinitions"][0]["orderedParameterTypeList"] == [
        WORKGROUP, INTERVAL,
    ]  # fmt: skip
    answered = definitions["inin.agent:InteractionsAnswered"]
    assert answered["requiredParametersDefinitions"][0]["orderedParameterTypeList"] == [
        WORKGROUP, USER, INTERVAL,
    ]  # fmt: skip
    assert (
        definitions["inin.workgroup:PercentAvailable"]["statisticDefinitionData"]["valueType"] == 9
    )
    assert {p["parameterTypeId"] for p in catalog["parameterTypeDefinitions"]} == {
        WORKGROUP, INTERVAL, USER,
    }  # fmt: skip
    # A client holding the current catalog is told so, and sent none.
    tag = catalog["statisticCatalogCacheTag"]
    again = boss.call("PUT", "/messaging/subscriptions/statistics/statistic-catalog",
                      {"statisticCatalogCacheTag": tag})  # fmt: skip
    assert again.json() == {"clientStateIsFresh": True}
    assert boss.of_type("urn:inin.com:statistics:statisticCatalogMessage") == []


def test_parameter_values_list_workgroups_and_intervals(simulator):
    boss = Agent(simulator.url, "supervisor")
    path = "/statistics/statistic-parameter-values/queries"
    workgroups = boss.call("POST", path, {"parameterTypeId": WORKGROUP}).json()["parameterValues"]
    assert {item["value"] for item in workgroups} == {"Support", "Sales"}
    intervals = boss.call("POST", path, {"parameterTypeId": INTERVAL}).json()["parameterValues"]
    assert [item["value"] for item in intervals] == ["CurrentShift", "CurrentPeriod"]
    unknown = boss.call("POST", path, {"parameterTypeId": "ININ.Nothing"})
    assert unknown.status_code == 400 and error_of(unknown)["propertyName"] == "parameterTypeId"


def test_a_put_that_adds_keys_tells_only_the_new_ones(simulator):
    # Telling every key again made a session reading 1,000 statistics receive 500,500
    # values; a key PUT again is still watched once.
    waiting = key("inin.workgroup:InteractionsWaiting")
    boss = Supervisor(simulator.url, waiting)
    assert [name for name, _ in boss.changes()] == ["inin.workgroup:InteractionsWaiting"]
    agents = key("inin.workgroup:TotalAgents")
    assert boss.call("PUT", VALUES, {"statisticKeys": [waiting, agents]}).status_code == 200
    assert [name for name, _ in boss.changes()] == ["inin.workgroup:TotalAgents"]
    simulator.place_inbound_call("Support")
    assert boss.changes() == [("inin.workgroup:InteractionsWaiting", boss_value(1))]


def boss_value(number):
    return {"__type": "urn:inin.com:statistics:statisticIntValue", "value": number,
            "statisticValueType": 0}  # fmt: skip


def test_a_session_may_watch_only_so_many_statistics(simulator):
    from ICWSLibrary.simulator.statistics import MAX_WATCHED_KEYS

    boss = Agent(simulator.url, "supervisor")
    many = [key("inin.workgroup:TotalAgents", f"Group{n}") for n in range(MAX_WATCHED_KEYS + 1)]
    answer = boss.call("PUT", VALUES, {"statisticKeys": many})
    assert answer.status_code == 400
    assert f"at most {MAX_WATCHED_KEYS}" in error_of(answer)["message"]
    assert boss.call("PUT", VALUES, {"statisticKeys": many[:-1]}).status_code == 200
    # Keys add up: one more than the bound, in two PUTs, is refused as well.
    answer = boss.call("PUT", VALUES, {"statisticKeys": many[-1:]})
    assert answer.status_code == 400
    assert boss.call("PUT", VALUES, {"statisticKeys": many[:1]}).status_code == 200


def test_longest_available_is_told_as_the_moment_and_follows_the_clock(simulator):
    # [real] "LongestAvailable": {"__type": "urn:inin.com:statistics:
    # statisticTimeDurationValue", "value": "20160622T102319Z", "statisticValueType": 5}.
    from datetime import datetime, timezone

    boss = Supervisor(simulator.url, key("inin.workgroup:LongestAvailable"),
                      key("inin.workgroup:LongestWaitTime"))  # fmt: skip
    assert [v for _, v in boss.changes()] == [None, None]  # nobody available, nothing waiting
    Agent(simulator.url, "agent1", "7001", media=(2,))  # available for chats only
    [(name, value)] = boss.changes()
    assert name == "inin.workgroup:LongestAvailable"
    assert value["__type"] == "urn:inin.com:statistics:statisticTimeDurationValue"
    assert value["statisticValueType"] == 5

    def age(moment):
        since = datetime.strptime(moment, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
        return (datetime.now(timezone.utc) - since).total_seconds()

    before = age(value["value"])
    simulator.place_inbound_call("Support")  # waits: agent1's station takes no calls
    simulator.advance_time(120)
    told = dict(boss.changes())
    assert age(told["inin.workgroup:LongestAvailable"]["value"]) >= before + 119
    assert 119 <= age(told["inin.workgroup:LongestWaitTime"]["value"]) <= 125


def _age(moment):
    from datetime import datetime, timezone

    since = datetime.strptime(moment, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    return (datetime.now(timezone.utc) - since).total_seconds()


def test_talk_and_hold_times_follow_the_clock(simulator):
    # [real] Dashboards watch these: workgroup LongestOnHoldTime, OnInboundACDInteractions,
    # Longest{In,Out}boundACDInteraction (moments, null for no data), AverageTalkTime and
    # AverageHoldTime; agent AverageTalkTime, AverageHoldTime, InteractionsEntered,
    # LongestTalkTime and NonACDInteractions (seconds, type 6, or counts).
    shift = {"interval": "CurrentShift"}
    agent1 = {"interval": "CurrentShift", "user": "agent1"}
    boss = Supervisor(
        simulator.url,
        key("inin.workgroup:OnInboundACDInteractions"),
        key("inin.workgroup:LongestOnHoldTime"),
        key("inin.workgroup:LongestInboundACDInteraction"),
        key("inin.workgroup:LongestOutboundACDInteraction"),
        key("inin.workgroup:AverageTalkTime", **shift),
        key("inin.workgroup:AverageHoldTime", **shift),
        key("inin.agent:AverageTalkTime", **agent1),
        key("inin.agent:AverageHoldTime", **agent1),
        key("inin.agent:LongestTalkTime", **agent1),
        key("inin.agent:InteractionsEntered", **agent1),
        key("inin.agent:NonACDInteractions", **agent1),
    )

    def told():
        return {name.replace("inin.", ""): value for name, value in boss.changes()}

    assert told() == {
        "workgroup:OnInboundACDInteractions": boss_value(0),
        "workgroup:LongestOnHoldTime": None, "workgroup:LongestInboundACDInteraction": None,
        "workgroup:LongestOutboundACDInteraction": None, "workgroup:AverageTalkTime": None,
        "workgroup:AverageHoldTime": None, "agent:AverageTalkTime": None,
        "agent:AverageHoldTime": None, "agent:LongestTalkTime": None,
        "agent:InteractionsEntered": boss_value(0), "agent:NonACDInteractions": boss_value(0),
    }  # fmt: skip
    agent = Agent(simulator.url, "agent1", "7001")
    call = simulator.place_inbound_call("Support", "3175550100")
    assert agent.call("POST", f"/interactions/{call}/pickup").status_code == 200
    now = told()
    assert value_of(now["workgroup:OnInboundACDInteractions"]) == 1
    assert value_of(now["agent:InteractionsEntered"]) == 1
    connected = now["workgroup:LongestInboundACDInteraction"]
    assert connected["statisticValueType"] == 5 and _age(connected["value"]) < 5
    simulator.advance_time(10)
    assert agent.call("POST", f"/interactions/{call}/hold", {"on": True}).status_code == 200
    held = told()["workgroup:LongestOnHoldTime"]
    assert held["__type"] == "urn:inin.com:statistics:statisticTimeDurationValue"
    simulator.advance_time(5)
    assert 4 <= _age(held["value"]) - _age(connected["value"]) + 15 <= 16
    assert agent.call("POST", f"/interactions/{call}/hold", {"on": False}).status_code == 200
    assert told()["workgroup:LongestOnHoldTime"] is None
    simulator.advance_time(20)
    simulator.hang_up(call)
    after = told()
    duration = {"__type": "urn:inin.com:statistics:statisticDurationValue",
                "statisticValueType": 6}  # fmt: skip
    for name, seconds in (("workgroup:AverageTalkTime", 30), ("workgroup:AverageHoldTime", 5),
                          ("agent:AverageTalkTime", 30), ("agent:AverageHoldTime", 5),
                          ("agent:LongestTalkTime", 30)):  # fmt: skip
        assert {k: v for k, v in after[name].items() if k != "value"} == duration, name
        assert after[name]["value"] == pytest.approx(seconds, abs=1), name
    assert value_of(after["workgroup:OnInboundACDInteractions"]) == 0
    assert after["workgroup:LongestInboundACDInteraction"] is None
    # A call of the agent's own is not ACD: counted as such, and no talk time of Support.
    own = agent.call("POST", "/interactions", {"__type": CALL, "target": "3175550199"})
    assert own.status_code == 201, own.text
    simulator.advance_time(60)  # the far end answers
    assert {name: value_of(v) for name, v in told().items()} == {"agent:NonACDInteractions": 1}
