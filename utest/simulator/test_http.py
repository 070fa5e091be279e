"""The simulator's HTTP layer: routing errors, malformed requests, the vendor curl examples."""

import json
import re
import shutil
import socket
import subprocess
import sys

import pytest
import requests

from .helpers import RawSession, error_of


def raw_exchange(simulator, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", simulator.port), timeout=5) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def test_unknown_paths_answer_json_404(simulator):
    for path in ("/", "/favicon.ico", "/icws/nothing", "/icws/connection/nothing"):
        response = requests.get(simulator.url + path)
        assert response.status_code == 404, path
        assert error_of(response)["errorId"] == "error.request.notFound"


def test_real_operation_not_simulated_answers_501_naming_it(simulator):
    session = RawSession(simulator.url)
    response = session.request("GET", "/configuration/account-codes/7")
    assert response.status_code == 501
    assert error_of(response)["message"] == (
        "The ICWS simulator does not simulate GET /icws/{sessionId}/configuration/account-codes/{id}."
    )
    # Credentials are checked first, as on a real server.
    assert session.request("GET", "/configuration/account-codes/7", token=None).status_code == 401


def test_wrong_method_on_a_known_path_is_405(simulator):
    session = RawSession(simulator.url)
    response = session.request("POST", "/status/status-messages")
    assert response.status_code == 405
    assert error_of(response)["errorId"] == "error.request.accessDenied.httpMethodNotAllowed"


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GARBAGE\r\n\r\n", 400),
        (b"GET /icws/connection/features HTTP/1.1\r\nBadHeader\r\n\r\n", 400),
        (b"POST /icws/connection HTTP/1.1\r\nContent-Length: nope\r\n\r\n", 400),
        (b"GET / HTTP/1.1\r\nX-Big: " + b"a" * 70000 + b"\r\n\r\n", 431),
    ],
)
def test_malformed_http_gets_a_json_error_and_the_server_keeps_serving(
    simulator, request_bytes, status
):
    answer = raw_exchange(simulator, request_bytes)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(f"HTTP/1.1 {status} ".encode())
    assert json.loads(body)["message"]
    assert requests.get(simulator.url + "/icws/connection/features").status_code == 200


def test_chunked_request_body_is_read(simulator):
    body = json.dumps(
        {
            "__type": "urn:inin.com:connection:icAuthConnectionRequestSettings",
            "applicationName": "chunked",
            "userID": "agent2",
            "password": "1234",
        }
    ).encode()
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    answer = raw_exchange(
        simulator,
        b"POST /icws/connection HTTP/1.1\r\nHost: x\r\nAccept-Language: en-us\r\n"
        b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunked,
    )
    assert answer.startswith(b"HTTP/1.1 201 ")


def test_keep_alive_serves_many_requests_on_one_connection(simulator):
    request = b"GET /icws/connection/version HTTP/1.1\r\nHost: x\r\n\r\n"
    with socket.create_connection(("127.0.0.1", simulator.port), timeout=5) as sock:
        sock.sendall(request * 3)  # pipelined
        received = b""
        while received.count(b"HTTP/1.1 200 OK") < 3:
            received += sock.recv(65536)
    assert received.count(b"productPatchDisplayString") == 3


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_vendor_getting_started_curl_examples_work_verbatim(simulator):
    def curl(*args):
        result = subprocess.run(
            ["curl", "-s", "-i", *args], capture_output=True, text=True, timeout=10, check=True
        )
        head, _, body = result.stdout.replace("\r\n", "\n").partition("\n\n")
        return head, body

    _, body = curl(f"{simulator.url}/icws/connection/features")
    assert {"featureId": "status", "version": 2} in json.loads(body)["featureInfoList"]

    logon_body = (
        '{"__type":"urn:inin.com:connection:icAuthConnectionRequestSettings",'
        '"applicationName":"Example","userID":"kevin.glinski","password":"1234"}'
    )
    head, body = curl(
        f"{simulator.url}/icws/connection", "-H", "Accept-Language:en-us", "-d", logon_body
    )
    answer = json.loads(body)
    session_id, token = answer["sessionId"], answer["csrfToken"]
    guid = re.search(rf"icws_{session_id}=([0-9a-f-]+)", head).group(1)

    # The vendor example sends a bare guid and echoes Path= in the Cookie header.
    _, body = curl(
        f"{simulator.url}/icws/{session_id}/status/user-statuses/kevin.glinski",
        "-H",
        f"ININ-ICWS-CSRF-Token:{token}",
        "-H",
        f"cookie:icws_{session_id}={guid}; Path=/icws/{session_id}",
    )
    status = json.loads(body)
    assert status["userId"] == "kevin.glinski"
    assert status["statusId"] == "Available, No ACD"


def test_cli_prints_its_url_serves_and_stops_cleanly():
    process = subprocess.Popen(
        [sys.executable, "-m", "ICWSLibrary.simulator", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline().strip()
        match = re.fullmatch(r"ICWS simulator listening on (http://127\.0\.0\.1:\d+)", line)
        assert match, line
        assert requests.get(match.group(1) + "/icws/connection/features").status_code == 200
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0


def test_cli_rejects_a_bad_scenario_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    result = subprocess.run(
        [sys.executable, "-m", "ICWSLibrary.simulator", "--port", "0", "--scenario", str(bad)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert f"Scenario file {bad} is not valid JSON" in result.stderr


LOGON_BODY = json.dumps(
    {
        "__type": "urn:inin.com:connection:icAuthConnectionRequestSettings",
        "applicationName": "raw",
        "userID": "agent2",
        "password": "1234",
    }
).encode()
LOGON_HEAD = b"POST /icws/connection HTTP/1.1\r\nHost: x\r\nAccept-Language: en-us\r\n"


@pytest.mark.parametrize("size", [b"-6", b"0x6", b"+6", b"zz", b""])
def test_bad_chunk_sizes_are_400_and_never_hang_the_server(simulator, size):
    answer = raw_exchange(
        simulator,
        LOGON_HEAD + b"Transfer-Encoding: chunked\r\n\r\n" + size + b"\r\nabcdef\r\n0\r\n\r\n",
    )
    assert answer.startswith(b"HTTP/1.1 400 ")
    assert "chunked" in json.loads(answer.partition(b"\r\n\r\n")[2])["message"]
    assert requests.get(simulator.url + "/icws/connection/features", timeout=5).ok


def test_chunked_body_with_trailer_fields_leaves_the_next_request_intact(simulator):
    chunked = b"%x\r\n%s\r\n0\r\nX-Checksum: 1\r\n\r\n" % (len(LOGON_BODY), LOGON_BODY)
    follow_up = b"GET /icws/connection/version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    answer = raw_exchange(
        simulator, LOGON_HEAD + b"Transfer-Encoding: chunked\r\n\r\n" + chunked + follow_up
    )
    assert answer.startswith(b"HTTP/1.1 201 ")
    assert b"HTTP/1.1 200 OK" in answer and b"productPatchDisplayString" in answer


@pytest.mark.parametrize("length", [b"+5", b" 5_0", b"-1", b""])
def test_content_length_must_be_plain_digits(simulator, length):
    answer = raw_exchange(simulator, LOGON_HEAD + b"Content-Length: " + length + b"\r\n\r\n{}")
    assert answer.startswith(b"HTTP/1.1 400 ")
    assert "Content-Length" in json.loads(answer.partition(b"\r\n\r\n")[2])["message"]


def test_expect_100_continue_is_answered_before_the_body(simulator):
    head = LOGON_HEAD + b"Expect: 100-continue\r\nContent-Length: %d\r\n\r\n" % len(LOGON_BODY)
    with socket.create_connection(("127.0.0.1", simulator.port), timeout=5) as sock:
        sock.sendall(head)
        assert sock.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(LOGON_BODY)
        assert sock.recv(65536).startswith(b"HTTP/1.1 201 ")


def test_a_failure_outside_the_model_still_answers_json_500(simulator):
    def broken_hook(request, response):
        raise RuntimeError("hook failed")

    simulator.on_request = broken_hook
    response = requests.get(simulator.url + "/icws/connection/version", timeout=5)
    assert response.status_code == 500
    assert error_of(response)["errorCode"] == -2147467259
    simulator.on_request = None
    assert requests.get(simulator.url + "/icws/connection/version", timeout=5).ok


def test_cli_verbose_logs_each_request_without_credentials():
    process = subprocess.Popen(
        [sys.executable, "-m", "ICWSLibrary.simulator", "--port", "0", "--verbose"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = process.stdout.readline().strip().rsplit(" ", 1)[1]
        session = RawSession(url, "agent4")
        assert session.request("GET", "/connection").status_code == 200
        assert process.stderr.readline().strip() == "127.0.0.1 POST /icws/connection -> 201"
        line = process.stderr.readline().strip()
        assert line == f"127.0.0.1 GET /icws/{session.id}/connection -> 200"
        assert session.token not in line and "icws_" not in line
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
