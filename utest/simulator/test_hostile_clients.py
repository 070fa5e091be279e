"""Clients that send half a request, trickle a body or lie about its size."""

import json
import socket
import threading
import time

import requests

from ICWSLibrary.simulator import ICWSSimulator

HEAD = b"POST /icws/connection HTTP/1.1\r\nHost: x\r\nAccept-Language: en-us\r\n"


def read_all(sock: socket.socket) -> bytes:
    chunks = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def test_a_half_sent_request_is_answered_408_and_closed(simulator):
    simulator.request_timeout = 0.3
    with socket.create_connection(("127.0.0.1", simulator.port), timeout=5) as sock:
        sock.sendall(HEAD + b"Content-Length: 100\r\n\r\n{")
        answer = read_all(sock)
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert "did not arrive whole" in json.loads(answer.partition(b"\r\n\r\n")[2])["message"]


def test_half_sent_headers_time_out_too(simulator):
    simulator.request_timeout = 0.3
    with socket.create_connection(("127.0.0.1", simulator.port), timeout=5) as sock:
        sock.sendall(b"GET /icws/connection/version HTTP/1.1\r\nHost:")
        assert read_all(sock).startswith(b"HTTP/1.1 408 ")


def test_a_trickled_chunked_body_never_blocks_other_clients(simulator):
    with socket.create_connection(("127.0.0.1", simulator.port), timeout=5) as slow:
        slow.sendall(HEAD + b"Transfer-Encoding: chunked\r\n\r\n")
        for piece in (b"5\r\n", b"ab", b"c"):
            slow.sendall(piece)
            # Everyone else is still answered while the body dribbles in.
            response = requests.get(simulator.url + "/icws/connection/version", timeout=2)
            assert response.status_code == 200


def test_a_huge_declared_chunk_is_refused_without_waiting_for_it(simulator):
    with socket.create_connection(("127.0.0.1", simulator.port), timeout=5) as sock:
        sock.sendall(HEAD + b"Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFF\r\nab")
        answer = read_all(sock)
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:60]


def test_stop_returns_while_a_client_holds_a_half_sent_request():
    simulator = ICWSSimulator()
    simulator.start()
    sock = socket.create_connection(("127.0.0.1", simulator.port), timeout=5)
    try:
        sock.sendall(HEAD + b"Transfer-Encoding: chunked\r\n\r\n-6\r\nabcdef")
        stopper = threading.Thread(target=simulator.stop)
        stopper.start()
        stopper.join(10)
        assert not stopper.is_alive(), "stop() hung"
    finally:
        sock.close()
        simulator.stop()
    time.sleep(0)  # the port is closed: a new connection is refused
    try:
        socket.create_connection(("127.0.0.1", simulator.port), timeout=1).close()
        refused = False
    except OSError:
        refused = True
    assert refused
