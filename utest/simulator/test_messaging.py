"""The simulator's messaging: short polling, event streams and subscriptions."""

import json
import select
import socket
import time

import pytest
import requests

from ICWSLibrary.client import ICWSSession

from .helpers import RawSession, error_of

STATUS = "urn:inin.com:status:userStatusMessage"


def open_stream(simulator, session: RawSession) -> socket.socket:
    """An event stream on a raw socket; returns it after the response headers."""
    sock = socket.create_connection(("127.0.0.1", simulator.port), timeout=10)
    sock.sendall(
        f"GET /icws/{session.id}/messaging/messages HTTP/1.1\r\nHost: x\r\n"
        f"Accept: text/event-stream\r\nCookie: {session.cookie}\r\n\r\n".encode()
    )
    head = b""
    while b"\r\n\r\n" not in head:
        head += sock.recv(1)
    assert head.startswith(b"HTTP/1.1 200 OK")
    assert b"Content-Type: text/event-stream" in head
    return sock


def read_events(sock: socket.socket, count: int, timeout: float = 10) -> list:
    """Read until ``count`` data events arrived; returns (messages, comment lines)."""
    buffer, deadline = b"", time.monotonic() + timeout
    while buffer.count(b"data: ") < count or not buffer.endswith(b"\n\n"):
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"only got {buffer!r}"
        ready, _, _ = select.select([sock], [], [], remaining)
        if ready:
            chunk = sock.recv(65536)
            if not chunk:
                break
            buffer += chunk
    lines = buffer.decode().split("\n")
    return [json.loads(line[6:]) for line in lines if line.startswith("data: ")], [
        line for line in lines if line.startswith(":")
    ]


def test_stream_carries_snapshot_then_deltas_and_pings(simulator):
    simulator.ping_interval = 0.05
    session = RawSession(simulator.url, "agent1")
    sock = open_stream(simulator, session)
    try:
        put = session.request(
            "PUT", "/messaging/subscriptions/status/user-statuses", json={"userIds": ["agent2"]}
        )
        assert put.status_code == 200
        simulator.set_user_status("agent2", "At Lunch")
        messages, comments = read_events(sock, 2)
        assert [(m["__type"], m["isDelta"]) for m in messages] == [(STATUS, False), (STATUS, True)]
        assert messages[1]["userStatusList"][0]["statusId"] == "At Lunch"
        # Nothing else is queued, so what arrives next can only be a keep-alive comment.
        _, comments = read_events(sock, 0, timeout=2)
        assert ":ping" in comments
    finally:
        sock.close()


def test_messages_queued_before_the_stream_opens_are_sent_first(simulator):
    session = RawSession(simulator.url, "agent1")
    session.request(
        "PUT", "/messaging/subscriptions/status/user-statuses", json={"userIds": ["agent1"]}
    )
    sock = open_stream(simulator, session)
    try:
        messages, _ = read_events(sock, 1)
        assert messages[0]["isDelta"] is False
    finally:
        sock.close()


def test_stream_ends_with_the_session(simulator):
    session = RawSession(simulator.url, "agent4")
    sock = open_stream(simulator, session)
    try:
        simulator.disconnect_session("agent4", "Bye.")
        messages, _ = read_events(sock, 1)
        assert messages[0]["reason"] == "Bye."
        sock.settimeout(5)
        assert sock.recv(10) == b"", "the server closes the stream after the last message"
    finally:
        sock.close()


def test_subscriptions_need_user_ids_and_stop_with_204(simulator):
    session = RawSession(simulator.url, "agent1")
    bad = session.request("PUT", "/messaging/subscriptions/status/user-statuses", json={})
    assert bad.status_code == 400 and error_of(bad)["propertyName"] == "userIds"
    path = "/messaging/subscriptions/status/user-statuses"
    assert session.request("PUT", path, json={"userIds": ["agent1"]}).status_code == 200
    assert session.request("DELETE", path).status_code == 204
    session.messages()
    simulator.set_user_status("agent1", "At Lunch")
    assert session.messages() == []


def test_catalog_and_user_access_subscriptions_start_with_snapshots(simulator):
    session = RawSession(simulator.url, "agent1", language="de-de")
    session.request("PUT", "/messaging/subscriptions/status/status-messages", json={})
    session.request(
        "PUT",
        "/messaging/subscriptions/status/status-messages-user-access",
        json={"userIds": ["agent1"]},
    )
    catalog, access = session.messages()
    # The SDK's StatusMessagesMessage and StatusMessagesUserAccessMessage shapes.
    assert catalog["isDelta"] is False
    assert "Mittagspause" in {s["messageText"] for s in catalog["statusMessagesAdded"]}
    assert catalog["statusMessagesChanged"] == [] and catalog["statusMessagesRemoved"] == []
    change = access["statusMessagesUserAccessChanges"][0]
    assert change["userId"] == "agent1" and "Available" in change["statusMessagesAdded"]


@pytest.mark.parametrize(
    ("user_ids", "status", "error_id"),
    [
        (["agent1", "nobody.here"], 404, "error.request.notFound"),
        ([], 400, "error.request.invalidRepresentation.invalidProperty"),
    ],
)
def test_status_subscriptions_refuse_unknown_users_and_empty_lists(
    simulator, user_ids, status, error_id
):
    session = RawSession(simulator.url, "agent1")
    for name in ("user-statuses", "status-messages-user-access"):
        response = session.request(
            "PUT", f"/messaging/subscriptions/status/{name}", json={"userIds": user_ids}
        )
        assert (response.status_code, response.json()["errorId"]) == (status, error_id)


def test_a_status_delta_carries_only_what_changed(simulator):
    session = RawSession(simulator.url, "agent1")
    session.request(
        "PUT", "/messaging/subscriptions/status/user-statuses", json={"userIds": ["agent2"]}
    )
    session.messages()  # the snapshot
    simulator.set_user_status("agent2", "At Lunch")
    (delta,) = session.messages()
    (status,) = delta["userStatusList"]
    assert delta["isDelta"] is True
    assert set(status) == {"userId", "statusId", "statusChanged"}
    simulator.set_user_status("agent2", "At Lunch", notes="Back at 2")
    (status,) = session.messages()[0]["userStatusList"]
    assert status["notes"] == "Back at 2" and "onPhone" not in status


def test_servers_with_messaging_1_answer_streams_with_json(start_simulator):
    server = start_simulator({"features": {"connection": 11, "messaging": 1, "status": 2}})
    session = RawSession(server.url, "agent1")
    response = session.request(
        "GET", "/messaging/messages", headers={"Accept": "text/event-stream"}
    )
    assert response.json() == []
    client = ICWSSession(server.url)
    client.connect("agent1", "1234")
    client.channel.start()
    assert client.channel.mode.value == "polling" and not client.channel.streaming
    client.disconnect()


def test_two_hundred_sessions_each_with_a_stream(simulator):
    """Issue 4: 200 sessions with an SSE stream each are served without errors."""
    sessions = [RawSession(simulator.url, f"agent{i % 8 + 1}") for i in range(200)]
    streams = [open_stream(simulator, session) for session in sessions]
    try:
        for session in sessions:
            response = session.request(
                "PUT",
                "/messaging/subscriptions/status/user-statuses",
                json={"userIds": ["kevin.glinski"]},
            )
            assert response.status_code == 200
        simulator.set_user_status("kevin.glinski", "At Lunch")
        for sock in streams:
            messages, _ = read_events(sock, 2)
            assert messages[-1]["userStatusList"][0]["statusId"] == "At Lunch"
        assert len(simulator.sessions()) == 200
        assert requests.get(simulator.url + "/icws/connection/features").status_code == 200
    finally:
        for sock in streams:
            sock.close()
