"""Fuzzing: whatever arrives, the simulator answers a JSON error (or a valid answer) and lives."""

import json
import socket

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ICWSLibrary.simulator import ICWSModel, Request

METHODS = st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "BREW"])
SEGMENTS = st.sampled_from(
    [
        "icws",
        "connection",
        "features",
        "version",
        "status",
        "user-statuses",
        "messaging",
        "messages",
        "subscriptions",
        "1234567",
        "agent1",
        "%00",
        "..",
        "",
        "ü",
        "{sessionId}",
    ]
)
PATHS = st.lists(SEGMENTS | st.text(max_size=12), max_size=6).map(
    lambda parts: "/" + "/".join(parts)
)
HEADER_NAMES = st.sampled_from(
    ["accept-language", "cookie", "inin-icws-csrf-token", "accept", "content-type", "x-junk"]
)
BODIES = st.one_of(
    st.binary(max_size=200),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
        ),
        max_leaves=10,
    ).map(lambda value: json.dumps(value).encode()),
)
MODEL = ICWSModel()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    METHODS,
    PATHS,
    st.text(max_size=30),
    st.dictionaries(HEADER_NAMES, st.text(max_size=40)),
    BODIES,
)
def test_model_answers_every_request_with_json(method, path, query, headers, body):
    response = MODEL.handle(Request(method, path, query, headers, body))
    assert 200 <= response.status < 600
    if response.stream is None and response.body:
        answer = json.loads(response.body)
        if response.status >= 400:
            assert isinstance(answer["message"], str) and answer["message"]
    assert response.status != 500, response.body


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(min_size=1, max_size=400))
def test_server_survives_random_bytes(simulator, data):
    with socket.create_connection(("127.0.0.1", simulator.port), timeout=5) as sock:
        sock.sendall(data + b"\r\n\r\n")
        sock.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    if answer:
        assert answer.startswith(b"HTTP/1.1 ")
        head, _, body = answer.partition(b"\r\n\r\n")
        if body and b"text/event-stream" not in head:
            json.loads(body.split(b"HTTP/1.1 ")[0])
    with socket.create_connection(("127.0.0.1", simulator.port), timeout=5) as sock:
        sock.sendall(
            b"GET /icws/connection/version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        assert sock.recv(65536).startswith(b"HTTP/1.1 200 OK")
