"""The status part of the client against the simulator."""

import pytest

from ICWSLibrary.client import ICWSError, ICWSSession

from .test_session import counted


@pytest.fixture
def agent(simulator):
    session = ICWSSession(simulator.url)
    session.connect("agent1", "1234")
    try:
        yield session
    finally:
        session.disconnect()


@pytest.mark.parametrize(("mode", "requests_made"), [("polling", ["PUT", "GET"]), ("sse", ["PUT"])])
def test_status_change_is_one_request_plus_what_the_completion_needs(
    simulator, mode, requests_made
):
    agent = ICWSSession(simulator.url, messaging=mode)
    agent.connect("agent1", "1234")
    agent.channel.start()
    seen = counted(agent)
    completion = agent.status.set_user_status("agent1", "At Lunch", notes="1 pm")
    assert [r.request.method for r in seen] == requests_made
    assert agent.channel.streaming is (mode == "sse")
    assert completion["__type"] == "urn:inin.com:messaging:asyncOperationCompletedMessage"
    status = agent.status.user_status("agent1")
    assert status["statusId"] == "At Lunch" and status["notes"] == "1 pm"
    agent.disconnect()
    assert not agent.channel.streaming


def test_refusals_carry_the_server_reason(agent):
    with pytest.raises(ICWSError, match="does not exist") as error:
        agent.status.set_user_status("agent1", "Teleporting")
    assert error.value.error_id == "error.status.invalidStatus"
    with pytest.raises(ICWSError, match="cannot be selected by agent1"):
        agent.status.set_user_status("agent1", "Working at Home")
    with pytest.raises(ICWSError) as error:
        agent.status.set_user_status("agent2", "At Lunch")
    assert error.value.status == 403
    with pytest.raises(ICWSError) as error:
        agent.status.set_user_status("ghost", "At Lunch")
    assert error.value.status == 400, "the PUT documents no 404 (FIDELITY-AUDIT D15)"


def test_messages_that_arrive_while_waiting_are_kept(agent):
    agent.messages.put_all([{"__type": "urn:inin.com:status:userStatusMessage", "isDelta": True}])
    agent.status.set_user_status("agent1", "Available")
    kept = agent.messages.peek()
    assert [m["__type"] for m in kept] == ["urn:inin.com:status:userStatusMessage"]


def test_catalog_is_fetched_once(agent):
    seen = counted(agent)
    assert agent.status.status_message("at lunch")["statusId"] == "At Lunch"
    assert agent.status.status_message("Teleporting") is None
    agent.status.catalog()
    assert len(seen) == 1


class FakeChannel:
    """Delivers by hand what a server would send; records what was started."""

    def __init__(self):
        self.handlers = {}

    def on(self, message_type, handler):
        self.handlers.setdefault(message_type, []).append(handler)

    def deliver(self, message):
        for handler in self.handlers.get(message["__type"], []):
            handler(message)

    def start(self):
        pass


class FakeCaller:
    address = "http://cic1:8018"

    def __init__(self):
        self.sent = []

    def call(self, method, path, body=None):
        self.sent.append((method, path, body))


STATUS_TYPE = "urn:inin.com:status:userStatusMessage"


def status_message(is_delta, *statuses):
    return {"__type": STATUS_TYPE, "isDelta": is_delta, "userStatusList": list(statuses)}


def test_a_snapshot_replaces_the_view_and_deltas_merge_into_it():
    from ICWSLibrary.client.status import StatusAPI

    channel = FakeChannel()
    status = StatusAPI(FakeCaller(), channel)
    channel.deliver(status_message(False, {"userId": "a", "statusId": "Available"},
                                   {"userId": "b", "statusId": "At Lunch"}))  # fmt: skip
    channel.deliver(status_message(True, {"userId": "B", "statusId": "Gone Home"}))
    assert status.user_statuses["b"]["statusId"] == "Gone Home"
    channel.deliver(status_message(False, {"userId": "c", "statusId": "Available"}))
    assert list(status.user_statuses) == ["c"], "a new snapshot replaces, never merges"


def test_unsubscribe_and_resubscribe_clear_what_an_earlier_subscription_said():
    from ICWSLibrary.client.status import StatusAPI

    channel = FakeChannel()
    status = StatusAPI(FakeCaller(), channel)
    status.subscribe(["a"])
    channel.deliver(status_message(False, {"userId": "a", "statusId": "At Lunch"}))
    status.subscribe(["b"])
    # Until the new snapshot arrives, the old 'At Lunch' of 'a' must not satisfy a wait.
    assert status.user_statuses == {}
    channel.deliver(status_message(False, {"userId": "a", "statusId": "Available"},
                                   {"userId": "b", "statusId": "Available"}))  # fmt: skip
    status.unsubscribe()
    assert status.user_statuses == {} and status.subscribed == []


@pytest.mark.parametrize("errors", ["async", "sync"])
def test_a_refused_status_reads_the_same_whether_refused_at_once_or_later(start_simulator, errors):
    from ICWSLibrary.client import ICWSError, ICWSSession

    server = start_simulator({"statusErrors": errors})
    session = ICWSSession(server.url)
    session.connect("agent1", "1234")
    with pytest.raises(
        ICWSError, match="The server refused to set the status of 'agent1' to 'Teleporting'"
    ) as error:
        session.status.set_user_status("agent1", "Teleporting")
    assert error.value.error_id == "error.status.invalidStatus"
    with pytest.raises(ICWSError, match="refused to set the status of 'no.such.user'.*HTTP 400"):
        session.status.set_user_status("no.such.user", "Available")
    session.disconnect()


def test_a_status_change_completes_on_a_server_that_streams_no_backlog(start_simulator):
    from ICWSLibrary.client import ICWSSession

    server = start_simulator({"streamBacklog": False})
    session = ICWSSession(server.url, messaging="sse")
    session.connect("agent1", "1234")
    completion = session.status.set_user_status("agent1", "At Lunch", timeout=5)
    assert completion["requestId"]
    session.disconnect()
