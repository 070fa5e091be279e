"""What the client does when something other than a healthy ICWS server answers.

A tiny canned HTTP server stands in for a misbehaving proxy or a wrong service; the
simulator-based tests cover real ICWS behaviour.
"""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ICWSLibrary.client import ICWSError, ICWSSession

CANNED = {
    "/icws/connection/version": (
        502,
        "text/html",
        b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
    ),
    "/icws/connection/features": (200, "application/vnd.inin.icws+JSON", b'{"featureInfoList": [ '),
    "/icws/connection/server-info": (200, "text/plain", b"It works!"),
    "/icws/connection/server-time": (
        200,
        "application/json",
        b'{"serverUtcTime": "20201029T082018Z"}',
    ),
}


class CannedHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        if self.path.startswith("/slow"):
            time.sleep(1.0)
        if self.path.startswith("/icws/connection?") or self.path == "/icws/connection":
            status, ctype, body = 201, "application/json", json.dumps({"userID": "x"}).encode()
        else:
            status, ctype, body = CANNED.get(self.path.split("?")[0], (404, "text/plain", b"nope"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_DELETE = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def canned_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), CannedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_html_error_page_from_a_proxy_is_named_not_dumped(canned_server):
    with pytest.raises(ICWSError) as error:
        ICWSSession(canned_server).server_version()
    message = str(error.value)
    assert "GET /icws/connection/version" in message
    assert "502" in message and "'502 Bad Gateway'" in message
    assert error.value.status == 502


def test_truncated_json_says_so(canned_server):
    with pytest.raises(ICWSError, match="not valid JSON") as error:
        ICWSSession(canned_server).features()
    assert canned_server in str(error.value)


def test_plain_text_success_is_not_taken_for_icws(canned_server):
    with pytest.raises(ICWSError, match="text/plain body, not ICWS JSON.*It works!"):
        ICWSSession(canned_server).call("GET", "/icws/connection/server-info")


def test_logon_answer_without_credentials_is_rejected(canned_server):
    session = ICWSSession(canned_server)
    with pytest.raises(ICWSError, match="without a session id or CSRF token"):
        session.connect("agent1", "secret")
    assert not session.connected


def test_connection_refused_names_the_server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ICWSError) as error:
        ICWSSession(f"http://127.0.0.1:{port}").connect("agent1", "secret")
    message = str(error.value)
    assert f"Could not reach http://127.0.0.1:{port}" in message
    assert "refused" in message.lower()
    assert "secret" not in message


def test_read_timeout_names_the_request_and_the_timeout(canned_server):
    session = ICWSSession(canned_server, timeout=0.2)
    with pytest.raises(ICWSError, match=r"did not answer GET /slow within 0.2 s"):
        session.send("GET", canned_server + "/slow")


def test_unknown_host_is_a_clear_error():
    with pytest.raises(ICWSError, match="Could not reach http://no-such-host.invalid:8018"):
        ICWSSession("http://no-such-host.invalid:8018", timeout=2).features()


def test_session_paths_need_a_session(canned_server):
    with pytest.raises(ICWSError, match="connect first"):
        ICWSSession(canned_server).call("GET", "/status/status-messages")
    with pytest.raises(ICWSError, match="not a URL"):
        ICWSSession(canned_server).call("GET", "http://elsewhere/icws/connection")


def test_an_alternate_host_no_url_can_hold_is_a_clear_error():
    # A 300-character host in a 503's alternateHostList raised urllib3's LocationParseError.
    from ICWSLibrary.simulator.server import ICWSSimulator

    scenario = {"hosts": [{"address": "127.0.0.1", "accepting": False,
                           "alternateHostList": ["a" * 300]}]}  # fmt: skip
    with (
        ICWSSimulator(scenario) as simulator,
        pytest.raises(ICWSError, match="No CIC server accepted the logon"),
    ):
        ICWSSession(simulator.url, timeout=2).connect("agent1", "1234")
