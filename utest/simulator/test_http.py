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
    response = session.request("GET", "/activations/users/agent1")
    assert response.status_code == 501
    assert error_of(response)["message"] == (
        "The ICWS simulator does not simulate GET /icws/{sessionId}/activations/users/{userId}."
    )
    # Credentials are checked first, as on a real server.
    assert session.request("GET", "/activations/users/agent1", token=None).status_code == 401


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
