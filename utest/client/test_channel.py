"""The messaging channel of the client against the simulator, in both modes."""

import threading
import time

import pytest

from ICWSLibrary.client import ICWSError, ICWSSession
from ICWSLibrary.client.messaging import of_type
from ICWSLibrary.client.streams import StreamReader


def open_streams():
    """Streams the process's one reader holds open (every session's, in every test)."""
    return StreamReader.shared().streams


def stream_threads():
    """The client's threads that read streams (not the simulator's, nor the one request
    watchdog of the process)."""
    return [
        t
        for t in threading.enumerate()
        if t.name.startswith("icws-") and "simulator" not in t.name and "watchdog" not in t.name
    ]


@pytest.fixture(params=["sse", "polling"])
def agent(request, simulator):
    session = ICWSSession(simulator.url, messaging=request.param)
    session.connect("agent1", "1234")
    try:
        yield session
    finally:
        session.close()


def test_auto_mode_streams_when_the_server_has_messaging_2(simulator):
    session = ICWSSession(simulator.url)
    session.connect("agent1", "1234")
    before = open_streams()
    session.channel.start()
    assert session.channel.mode.value == "sse" and open_streams() == before + 1
    assert [t.name for t in stream_threads()] == ["icws-streams"]
    session.disconnect()
    assert open_streams() == before


def test_snapshot_and_deltas_build_the_watched_statuses(agent, simulator):
    agent.status.subscribe(["agent2", "agent3"])
    assert agent.channel.wait_until(lambda: len(agent.status.user_statuses) == 2, 5)
    simulator.set_user_status("agent3", "Gone Home")
    assert agent.channel.wait_until(
        lambda: agent.status.user_statuses["agent3"]["statusId"] == "Gone Home", 5
    )
    assert agent.status.user_statuses["agent2"]["statusId"] == "Available"
    agent.status.subscribe(["agent4"])  # replaces the subscription: a new snapshot
    assert agent.channel.wait_until(lambda: "agent4" in agent.status.user_statuses, 5)
    assert agent.status.subscribed == ["agent2", "agent3", "agent4"]


def test_server_side_disconnect_ends_a_wait_at_once(agent, simulator):
    simulator.later(0.2, simulator.disconnect_session, "agent1", "Logged on elsewhere.")
    started = time.monotonic()
    with pytest.raises(ICWSError, match="disconnected by the server: Logged on elsewhere"):
        agent.wait_for_message(of_type("queueContentsMessage"), timeout=20)
    assert time.monotonic() - started < 5
    assert not agent.connected


def test_wait_until_down_and_the_reader_ends_by_itself(agent, simulator):
    agent.channel.start()
    simulator.later(0.1, simulator.disconnect_session, "agent1", "Shift over.")
    assert agent.channel.wait_until_down(5) is True
    assert agent.ended_reason == "disconnected by the server: Shift over."
    deadline = time.monotonic() + 5
    while agent.channel.streaming and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not agent.channel.streaming


def test_timeout_returns_none_and_keeps_what_arrived(agent):
    agent.status.subscribe(["agent2"])
    assert agent.wait_for_message(of_type("queueContentsMessage"), timeout=0.3) is None
    assert [m["__type"] for m in agent.messages.peek()] == ["urn:inin.com:status:userStatusMessage"]


def test_stream_reader_reconnects_after_the_stream_is_cut(simulator):
    session = ICWSSession(simulator.url, messaging="sse")
    session.connect("agent1", "1234")
    session.status.subscribe(["agent2"])
    assert session.channel.wait_until(lambda: "agent2" in session.status.user_statuses, 5)
    deadline = time.monotonic() + 5
    while simulator.cut_streams() == 0:  # the reader's stream may still be opening
        assert time.monotonic() < deadline
        time.sleep(0.01)
    simulator.set_user_status("agent2", "Gone Home")  # queued while no stream is open
    assert session.channel.wait_until(
        lambda: session.status.user_statuses["agent2"]["statusId"] == "Gone Home", 10
    )
    assert session.channel.streaming and session.connected
    session.disconnect()


def test_stream_reader_retries_a_refused_first_connection(simulator):
    simulator.inject_fault("drop", count=1, path="/messaging/messages")
    session = ICWSSession(simulator.url, messaging="sse")
    session.connect("agent1", "1234")
    session.channel.start()
    assert session.channel.streaming
    session.status.set_user_status("agent1", "At Lunch")  # completes through the stream
    session.disconnect()
    assert not session.channel.streaming
