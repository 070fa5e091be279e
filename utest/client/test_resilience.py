"""Retries, timeouts and reconnection."""

import socket
import threading

import pytest

from ICWSLibrary.client import ICWSError, ICWSSession


def test_auto_reconnect_logs_on_again_once_and_repeats_the_request(simulator):
    session = ICWSSession(simulator.url, auto_reconnect=True)
    first = session.connect("agent1", "1234")
    session.status.subscribe(["agent2"])
    simulator.disconnect_session("agent1", "Service restarted.")
    status = session.call("GET", "/status/user-statuses/agent1")
    assert status["userId"] == "agent1"
    assert session.session_id != first and session.reconnects == 1
    assert [s["sessionId"] for s in simulator.sessions()] == [session.session_id]
    assert session.status.subscribed == ["agent2"], "subscriptions are renewed"
    session.disconnect()


def test_without_auto_reconnect_a_lost_session_fails(simulator):
    session = ICWSSession(simulator.url)
    session.connect("agent1", "1234")
    simulator.disconnect_session("agent1")
    with pytest.raises(ICWSError, match="has expired or was disconnected"):
        session.call("GET", "/status/user-statuses/agent1")
    assert session.reconnects == 0


class FlakyServer:
    """Accepts connections and drops the first ``drops`` of them without answering."""

    def __init__(self, target_port: int, drops: int):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.target_port, self.drops, self.accepted = target_port, drops, 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.accepted += 1
            if self.accepted <= self.drops:
                client.recv(65536)
                client.close()
                continue
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pipe, args=(a, b), daemon=True).start()

    def close(self):
        self.listener.close()


def _pipe(source, sink):
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        sink.close()


@pytest.mark.parametrize(("drops", "succeeds"), [(2, True), (3, False)])
def test_gets_are_retried_twice_on_dropped_connections(simulator, drops, succeeds):
    flaky = FlakyServer(simulator.port, drops)
    try:
        session = ICWSSession(f"http://127.0.0.1:{flaky.port}")
        if succeeds:
            assert session.features()["connection"] >= 11
        else:
            with pytest.raises(ICWSError, match="Could not reach"):
                session.features()
        assert flaky.accepted == 3
    finally:
        flaky.close()


def test_posts_are_never_retried(simulator):
    flaky = FlakyServer(simulator.port, 1)
    try:
        with pytest.raises(ICWSError, match="Could not reach"):
            ICWSSession(f"http://127.0.0.1:{flaky.port}").connect("agent1", "1234")
        assert flaky.accepted == 1
    finally:
        flaky.close()


def test_connect_and_read_timeouts_are_separate():
    silent = socket.create_server(("127.0.0.1", 0))
    try:
        port = silent.getsockname()[1]
        session = ICWSSession(f"http://127.0.0.1:{port}", timeout=0.3, connect_timeout=5)
        assert session.http is not None
        with pytest.raises(
            ICWSError, match=r"did not answer GET /icws/connection/features within 0.3 s"
        ):
            session.features()
    finally:
        silent.close()
