"""Statistics, chats and callbacks from Python without Robot: typed values, one watch for
every key, waits that react to messages, over SSE and polling."""

from datetime import timedelta

import pytest

from ICWSLibrary.client import ICWSError, ICWSSession
from ICWSLibrary.client.statistics import StatisticKey, typed_value

WAITING = StatisticKey.of("InteractionsWaiting", workgroup="Support")


@pytest.fixture(params=["sse", "polling"])
def supervisor(simulator, request):
    with ICWSSession(simulator.url, timeout=5, messaging=request.param) as session:
        session.connect("supervisor", "1234")
        yield session


@pytest.mark.parametrize(
    ("value", "typed"),
    [
        ({"__type": "urn:inin.com:statistics:statisticIntValue", "value": 2,
          "statisticValueType": 0}, 2),
        ({"__type": "urn:inin.com:statistics:statisticPercentValue", "value": 37.5,
          "statisticValueType": 9}, 37.5),
        ({"__type": "urn:inin.com:statistics:statisticDurationValue", "value": 90,
          "statisticValueType": 6}, timedelta(seconds=90)),
        (None, None),
    ],
)  # fmt: skip
def test_values_come_back_typed(value, typed):
    assert typed_value(WAITING, value) == typed


def test_a_time_duration_counts_from_the_moment_told():
    # [real] LongestAvailable was told as the moment it began.
    told = {"__type": "urn:inin.com:statistics:statisticTimeDurationValue",
            "value": "20160622T102319Z", "statisticValueType": 5}  # fmt: skip
    assert typed_value(WAITING, told) > timedelta(days=365)


@pytest.mark.parametrize(
    ("value", "says"),
    [
        (
            {"value": 2, "statisticValueType": 12},
            r"UnknownStatisticKey \(2\) for statistic "
            r"inin.workgroup:InteractionsWaiting \(workgroup Support\). Check the workgroup, "
            r"user and interval names",
        ),
        (
            {"value": 1, "statisticValueType": 12},
            r"MalformedStatisticKey \(1\).*InteractionsWaiting takes workgroup=\.",
        ),
        ({"value": "many", "statisticValueType": 0}, "told .* as .*many"),
        ("garbage", "not a statistic value"),
    ],
)
def test_error_and_malformed_values_say_what_is_wrong(value, says):
    with pytest.raises(ICWSError, match=says):
        typed_value(WAITING, value)


def test_a_key_names_its_category_from_the_parameters_given():
    assert StatisticKey.of(
        "InteractionsAnswered", "Support", "agent1", "CurrentShift"
    ).as_json() == {
        "statisticIdentifier": "inin.agent:InteractionsAnswered",
        "parameterValueItems": [
            {"parameterTypeId": "ININ.People.WorkgroupStats:Workgroup", "value": "Support"},
            {"parameterTypeId": "ININ.People.AgentStats:User", "value": "agent1"},
            {"parameterTypeId": "ININ.Queue:Interval", "value": "CurrentShift"},
        ],
    }
    assert (
        StatisticKey.of("inin.queue:InteractionCount").identifier == "inin.queue:InteractionCount"
    )


def test_each_key_is_put_once_and_waits_follow_the_values(supervisor, simulator):
    assert supervisor.statistics.value(WAITING) == 0
    logged_in = StatisticKey.of("AgentsLoggedIn", workgroup="Support")
    puts = []
    real_call = supervisor.call
    supervisor.call = lambda method, path, body=None, **kw: (
        puts.append(body) if method == "PUT" and "statistic-values" in path else None,
        real_call(method, path, body, **kw),
    )[1]
    try:
        assert supervisor.statistics.value(logged_in) == 0
    finally:
        del supervisor.call
    # A PUT adds to the watch: the earlier key is not sent again.
    assert [[k["statisticIdentifier"] for k in body["statisticKeys"]] for body in puts] == [
        ["inin.workgroup:AgentsLoggedIn"]
    ]
    watches = simulator.requests_seen("statistic-values")
    assert len(watches) == 2
    simulator.place_inbound_call("Support")
    simulator.place_inbound_call("Support")
    reached, value = supervisor.statistics.wait_until(WAITING, lambda v: v == 2, 5)
    assert reached and value == 2
    # Asking again sends nothing: the value is the one last told.
    assert supervisor.statistics.value(WAITING) == 2
    assert len(simulator.requests_seen("statistic-values")) == 2
    reached, value = supervisor.statistics.wait_until(logged_in, lambda v: v == 1, 0.3)
    assert (reached, value) == (False, 0)


def test_a_chat_transcript_and_messages_from_others(supervisor, simulator):
    chat = supervisor.chats.create("Support")
    supervisor.chats.send(chat, "Hello?")
    simulator.write_chat(chat, "Hi, I am Pat", "Pat")
    simulator.write_chat(chat, "Any news?", "Pat")
    # Own messages are passed over; each message is returned once.
    first = supervisor.chats.wait_for_message(chat, None, 5)
    assert (first["from"], first["text"], first["memberType"]) == (
        "Pat",
        "Hi, I am Pat",
        "External",
    )
    assert supervisor.chats.wait_for_message(chat, "news", 5)["text"] == "Any news?"
    assert supervisor.chats.wait_for_message(chat, None, 0.3) is None
    transcript = supervisor.chats.transcript(chat)
    assert [(line["from"], line["text"]) for line in transcript] == [
        ("Sam Supervisor", "Hello?"), ("Pat", "Hi, I am Pat"), ("Pat", "Any news?"),
    ]  # fmt: skip
    assert transcript[0]["memberType"] == "Current User"


def test_a_callback_is_read_as_it_stands_after_each_disposition(supervisor, simulator):
    with ICWSSession(simulator.url, timeout=5) as agent:
        agent.connect("agent1", "1234")
        agent.station.log_on("workstation", "7001", media=["callback"])
        callback = supervisor.callbacks.create("3175550100", "Support", "Billing", "Pat")
        assert supervisor.callbacks.get(callback)["attempts"] == 0
        agent.interactions.act(callback, "pickup", verb="pick up")
        agent.callbacks.dispose(callback, 2)
        # Read at once after the disposition: never the value from before it.
        assert supervisor.callbacks.get(callback)["attempts"] == 1
        with pytest.raises(ICWSError, match="could not set the disposition of callback"):
            supervisor.callbacks.dispose(callback, 0)


def test_a_wait_ends_within_its_timeout_even_when_the_first_value_is_late(supervisor, simulator):
    import threading
    import time

    statistics = simulator.model.statistics.statistics
    tell_now = statistics.watch

    def tell_late(session, keys):
        def later():
            with simulator.model.state.changing():
                tell_now(session, keys)

        threading.Timer(0.4, later).start()

    statistics.watch = tell_late
    started = time.monotonic()
    reached, value = supervisor.statistics.wait_until(WAITING, lambda v: v == 99, 0.6)
    spent = time.monotonic() - started
    assert (reached, value) == (False, 0)
    # The first value came at 0.4 s; the wait still ends at 0.6 s, not 0.4 + 0.6.
    assert spent < 0.9, spent


def test_a_session_watches_only_the_statistics_read_lately(simulator):
    # A supervisor reading 1,000 statistics once re-sent every key read so far with each
    # new one and kept every value told: the watch is now bounded, least recently read
    # keys dropped first.
    from ICWSLibrary.client.statistics import MAX_WATCHED_STATISTICS, StatisticKey

    session = ICWSSession(simulator.url)
    session.connect("supervisor", "1234")
    try:
        first = StatisticKey.of("TotalAgents", "Support")
        session.statistics.value(first, 5)
        for number in range(MAX_WATCHED_STATISTICS + 50):
            session.statistics.watch(StatisticKey.of("TotalAgents", f"Group{number}"))
            if number % 100 == 0:
                session.statistics.value(first, 5)  # read lately: kept
        assert len(session.statistics.keys) == MAX_WATCHED_STATISTICS
        assert first.canonical in session.statistics.keys
        assert set(session.statistics.told) <= set(session.statistics.keys)
        assert session.statistics.value(first, 5) == 4
    finally:
        session.disconnect()


def test_an_agent_calls_a_callback_back_at_its_own_number(supervisor, simulator):
    with ICWSSession(simulator.url, timeout=5) as agent:
        agent.connect("agent1", "1234")
        agent.station.log_on("workstation", "7001", media=["call", "callback"])
        callback = supervisor.callbacks.create("3175550100", "Support", "Billing", "Pat")
        agent.interactions.act(callback, "pickup", verb="pick up")
        call = agent.callbacks.call_back(callback)
        [seen] = [i for i in simulator.interactions() if i["interactionId"] == call]
        assert seen["attributes"]["Eic_RemoteAddress"] == "3175550100"
        assert supervisor.callbacks.get(callback)["associatedCallId"] == call
        with pytest.raises(ICWSError, match=f"could not call back callback {callback}"):
            supervisor.callbacks.call_back(callback)
