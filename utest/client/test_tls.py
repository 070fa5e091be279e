"""TLS: verification on by default, a clear error that says what to set, and both fixes."""

import shutil
import subprocess

import pytest

from ICWSLibrary.client import ICWSError, ICWSSession
from ICWSLibrary.simulator import ICWSSimulator

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def https_simulator(certificate):
    cert, key = certificate
    with ICWSSimulator(certfile=cert, keyfile=key) as server:
        yield server


def test_self_signed_certificate_is_refused_by_default_with_advice(https_simulator):
    assert https_simulator.url.startswith("https://127.0.0.1:")
    with pytest.raises(ICWSError) as error:
        ICWSSession(https_simulator.url).connect("agent1", "1234")
    message = str(error.value)
    assert f"TLS certificate of {https_simulator.url} could not be verified" in message
    assert "verify=/path/to/ca.pem" in message and "verify=False" in message


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_ca_bundle_or_verify_false_connects(https_simulator, certificate):
    cert, _ = certificate
    for verify in (str(cert), False):
        session = ICWSSession(https_simulator.url, verify=verify)
        session.connect("agent1", "1234")
        assert session.call("GET", "/status/user-statuses/agent1")["userId"] == "agent1"
        session.disconnect()


def test_a_scheme_that_does_not_match_the_port_fails_at_once_saying_so(certificate, simulator):
    # https:// to a plain-HTTP port waited out the whole timeout and said "read timeout".
    import time

    cert, key = certificate
    with ICWSSimulator(certfile=cert, keyfile=key) as https_only:
        for url, says in [
            (simulator.url.replace("http://", "https://"), "may not speak HTTPS on this port"),
            (https_only.url.replace("https://", "http://"), "try https://"),
        ]:
            started = time.monotonic()
            with pytest.raises(ICWSError, match=says):
                ICWSSession(url, timeout=5).connect("agent1", "1234")
            assert time.monotonic() - started < 2
