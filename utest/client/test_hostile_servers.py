"""The client against servers that redirect, echo, trickle, flood or close on purpose."""

import json
import time

import pytest
import requests

from ICWSLibrary.client import ICWSError, ICWSSession

from ..hostile import COOKIE_VALUE, CSRF_TOKEN, HostileServer, answer, logon_answer

PASSWORD = "p4ss-w0rd!"


def logged_on(server: HostileServer, **settings) -> ICWSSession:
    session = ICWSSession(server.url, **settings)
    session.connect("agent1", PASSWORD)
    return session


def carries_credentials(request) -> bool:
    return CSRF_TOKEN in str(request.headers) or COOKIE_VALUE in str(request.headers)


def test_the_stream_never_follows_a_redirect_to_another_host():
    with HostileServer(lambda r, c: answer(c, 200, [])) as elsewhere:

        def behave(request, connection):
            if request.method == "POST":
                return logon_answer(connection)
            location = elsewhere.url + request.path
            answer(connection, 302, b"", {"Location": location})

        with HostileServer(behave) as server:
            session = logged_on(server, messaging="sse")
            with pytest.raises(ICWSError, match=f"redirected to {elsewhere.url}"):
                session.channel.start()
            session.close()
        assert elsewhere.seen == [], "nothing, and no credential, may reach the other host"


def test_requests_session_keeps_credentials_on_its_origin():
    with HostileServer(lambda r, c: answer(c, 200, {})) as elsewhere:

        def behave(request, connection):
            if request.method == "POST":
                return logon_answer(connection)
            if request.path.endswith("/bounce"):
                return answer(connection, 302, b"", {"Location": elsewhere.url + "/x"})
            answer(connection, 200, {})

        with HostileServer(behave) as server:
            session = logged_on(server)
            http = session.http
            assert http.get(f"{server.url}/icws/4242/connection").ok
            assert carries_credentials(server.seen[-1])
            http.get(f"{elsewhere.url}/absolute")  # an absolute URL to another host
            http.get(f"{server.url}/icws/4242/bounce")  # a redirect to another host
            session.close()
        assert [r.path for r in elsewhere.seen] == ["/absolute", "/x"]
        assert not any(carries_credentials(r) for r in elsewhere.seen)


def test_a_password_echoed_in_an_error_body_is_masked():
    def behave(request, connection):
        echoed = request.body.decode()
        answer(connection, 400, {"errorId": "error.x", "message": f"bad request: {echoed}"})

    with HostileServer(behave) as server:
        session = ICWSSession(server.url)
        with pytest.raises(ICWSError) as error:
            session.connect("agent1", PASSWORD)
    assert PASSWORD not in str(error.value)
    assert PASSWORD not in (error.value.server_message or "")
    assert "***" in str(error.value)


def test_a_session_id_that_is_not_a_number_is_refused():
    with HostileServer(lambda r, c: logon_answer(c, session_id="../../x")) as server:
        session = ICWSSession(server.url)
        with pytest.raises(ICWSError, match="session id that is not a number"):
            session.connect("agent1", PASSWORD)
    assert session.session_id is None


def test_a_stream_closed_after_its_headers_is_reopened_with_pauses_then_given_up(monkeypatch):
    from ICWSLibrary.client import streams

    monkeypatch.setattr(streams, "RECONNECT_PAUSES", (0.05, 0.1, 0.2))

    def behave(request, connection):
        if request.method == "POST":
            return logon_answer(connection)
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n")
        return False  # and close

    with HostileServer(behave) as server:
        session = logged_on(server, messaging="sse")
        session.channel.start()
        with pytest.raises(ICWSError, match="failed 4 times in a row"):
            session.channel.wait_until(lambda: False, 10)
        streams_opened = [r for r in server.seen if r.method == "GET"]
        assert len(streams_opened) == 4
        assert not session.connected
        session.close()


def trickling(head: bytes, byte: bytes):
    """A server that sends ``head``, then ``byte`` every 0.3 s for 30 s."""

    def behave(request, connection):
        if request.method == "POST":
            return logon_answer(connection)
        connection.sendall(head)
        for _ in range(100):
            time.sleep(0.3)
            connection.sendall(byte)

    return behave


@pytest.mark.parametrize(
    ("head", "byte", "bound"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", b" ", 5),
        # One header byte every 0.3 s kept a request with timeout=1 going for 30 s: each
        # read came within the read timeout.
        (b"HTTP/1.1 200 OK\r\nX-Slow: ", b"x", 2.5),
    ],
    ids=["body", "headers"],
)
def test_timeout_bounds_the_whole_request_not_each_read(head, byte, bound):
    with HostileServer(trickling(head, byte)) as server:
        session = logged_on(server, timeout=1)
        started = time.monotonic()
        with pytest.raises(ICWSError, match="did not finish answering .* within 1 s"):
            session.call("GET", "/connection")
        elapsed = time.monotonic() - started
        gets = [r for r in server.seen if r.method == "GET"]
    assert len(gets) == 1, "a slow answer is not retried"
    assert elapsed < bound, f"held for {elapsed:.1f} s"


def test_an_answer_past_the_size_limit_fails_clearly():
    def flood(request, connection):
        if request.method == "POST":
            return logon_answer(connection)
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n")
        try:
            for _ in range(100):
                connection.sendall(b"[" * 65536)
        except OSError:
            pass
        return False

    with HostileServer(flood) as server:
        session = logged_on(server, max_response_bytes=1_000_000)
        with pytest.raises(ICWSError, match="more than 1,000,000 bytes"):
            session.call("GET", "/connection")


def test_a_malformed_polled_message_costs_only_itself():
    # A malformed entry costs only itself too: the rest of its message still counts.
    status = "urn:inin.com:status:userStatusMessage"
    messages = [
        {
            "__type": status,
            "isDelta": True,
            "userStatusList": [7, {"userId": "a", "statusId": "Gone"}],
        },
        "not a message",
        {"__type": "urn:inin.com:test:good"},
    ]

    def behave(request, connection):
        if request.method == "POST":
            return logon_answer(connection)
        answer(connection, 200, messages, {"Content-Type": "application/json"})

    with HostileServer(behave) as server:
        session = logged_on(server, messaging="polling")
        session.channel.fetch()
        assert [m["__type"] for m in session.messages.peek()] == [status, "urn:inin.com:test:good"]
        assert session.status.user_statuses["a"]["statusId"] == "Gone"


@pytest.mark.parametrize("method", ["", " ", "GE T", "G\r\nX"])
def test_an_empty_or_malformed_method_is_refused_before_sending(method):
    with HostileServer(lambda r, c: logon_answer(c)) as server:
        session = logged_on(server)
        with pytest.raises(ICWSError, match="HTTP method must be a word"):
            session.call(method, "/connection")
        assert [r.method for r in server.seen] == ["POST"]


def test_disconnect_is_immediate_when_the_stream_never_opened():
    def behave(request, connection):
        if request.method == "POST":
            return logon_answer(connection)
        if request.method == "DELETE":
            return answer(connection, 204)
        time.sleep(30)  # the stream request is never answered

    with HostileServer(behave) as server:
        session = logged_on(server, messaging="sse", timeout=0.5)
        with pytest.raises(ICWSError, match="did not open"):
            session.channel.start()
        started = time.monotonic()
        assert session.disconnect() is True
        assert time.monotonic() - started < 2
        assert not session.channel.streaming


def test_requests_session_close_leaves_the_shared_pool_usable(simulator):
    first = ICWSSession(simulator.url)
    first.connect("agent1", "1234")
    first.http.close()  # RequestsLibrary's Delete All Sessions does this
    second = ICWSSession(simulator.url)
    second.connect("agent2", "1234")
    assert second.call("GET", "/connection")["connectionState"] == 1
    for session in (first, second):
        session.disconnect()
    assert isinstance(first.http, requests.Session)


def test_a_load_balancer_affinity_cookie_comes_back_beside_the_session_cookie():
    def behave(request, connection):
        if request.method == "POST":
            body = {"sessionId": "4242", "csrfToken": CSRF_TOKEN, "userID": "agent1"}
            lines = [
                "HTTP/1.1 201 Created",
                "Content-Type: application/json",
                f"Content-Length: {len(json.dumps(body))}",
                "Set-Cookie: affinity=node-7; Path=/",
                f"Set-Cookie: icws_4242={COOKIE_VALUE}|languageId=en-us; Path=/icws/4242",
            ]
            connection.sendall(("\r\n".join(lines) + "\r\n\r\n" + json.dumps(body)).encode())
            return
        answer(connection, 200, {})

    with HostileServer(behave) as server:
        session = logged_on(server)
        session.call("GET", "/connection")
        cookie = server.seen[-1].headers["cookie"]
        assert "affinity=node-7" in cookie
        assert f"icws_4242={COOKIE_VALUE}" in cookie
        assert cookie.count("icws_") == 1, "the session cookie is sent once, by hand"
        session.close()
