"""The client against the simulator over real HTTP."""

import logging
import re

import pytest

from ICWSLibrary.client import ConnectionState, ICWSError, ICWSSession, parse_datetime

from ..conftest import SCENARIOS

USER, PASSWORD = "kevin.glinski", "1234"


def counted(session: ICWSSession) -> list:
    """Record every response the session receives."""
    seen = []
    session.http.hooks["response"].append(lambda response, **_: seen.append(response))
    return seen


def test_connect_sends_one_request_and_caches_features_and_version(simulator):
    session = ICWSSession(simulator.url)
    requests_seen = counted(session)
    session_id = session.connect(USER, PASSWORD)
    assert re.fullmatch(r"\d{7,10}", session_id)
    assert len(requests_seen) == 1
    assert "include=features%2Cversion" in requests_seen[0].request.url
    assert requests_seen[0].request.headers["Accept-Language"] == "en-us"
    assert session.features()["connection"] >= 11
    assert session.server_version()["majorVersion"]
    assert len(requests_seen) == 1, "features and version must come from the logon answer"
    assert session.logon_info["userDisplayName"] == "Kevin Glinski"
    assert "csrfToken" not in session.logon_info
    session.disconnect()


def test_credentials_are_sent_and_masked_in_reprs(simulator):
    with ICWSSession(simulator.url) as session:
        session.connect(USER, PASSWORD)
        headers = session.http.credentials.headers
        assert headers["Cookie"].startswith(f"icws_{session.session_id}=")
        assert headers["ININ-ICWS-CSRF-Token"]
        shown = repr(dict(headers))
        assert headers["ININ-ICWS-CSRF-Token"] not in shown
        assert headers["Cookie"] not in shown
        assert session.call("GET", f"/status/user-statuses/{USER}")["userId"] == USER


def test_connection_state_up_then_down_after_logoff(simulator):
    session = ICWSSession(simulator.url)
    assert session.connection_state().state is ConnectionState.NONE
    session.connect(USER, PASSWORD)
    assert session.connection_state().state is ConnectionState.UP
    assert session.disconnect() is True
    assert session.connection_state().state is ConnectionState.DOWN
    assert session.disconnect() is False


def test_bad_credentials_fail_with_the_server_error_and_no_secret(simulator):
    session = ICWSSession(simulator.url)
    with pytest.raises(ICWSError) as error:
        session.connect(USER, "not-the-password")
    assert error.value.status == 400
    assert error.value.error_id == "error.request.connection.authenticationFailure"
    assert error.value.error_code == -2147221503
    assert "The authentication process failed." in str(error.value)
    assert "not-the-password" not in str(error.value)
    assert not session.connected


def test_server_side_disconnect_makes_the_next_call_fail_clearly(simulator):
    session = ICWSSession(simulator.url)
    session.connect(USER, PASSWORD)
    simulator.disconnect_session(USER, reason="Logged on elsewhere.")
    with pytest.raises(ICWSError) as error:
        session.call("GET", f"/status/user-statuses/{USER}")
    assert error.value.session_lost
    assert "has expired or was disconnected" in str(error.value)
    assert not session.connected
    status = session.connection_state()
    assert status.state is ConnectionState.DOWN
    assert status.reason == "Logged on elsewhere."
    assert session.disconnect() is False


def test_switchover_follows_alternates_one_request_per_host(start_simulator):
    server = start_simulator(SCENARIOS / "switchover.json")
    first = server.url
    session = ICWSSession(first)
    requests_seen = counted(session)
    session.connect(USER, PASSWORD)
    hosts = [re.match(r"http://([^:/]+)", r.request.url).group(1) for r in requests_seen]
    assert hosts == ["127.0.0.1", "127.0.0.3", "127.0.0.2"]
    assert session.address.host == "127.0.0.2"
    assert session.address.port == session.initial_address.port
    assert session.call("GET", f"/status/user-statuses/{USER}")["userId"] == USER
    session.disconnect()


def test_switchover_is_bounded(start_simulator):
    server = start_simulator(SCENARIOS / "switchover.json")
    session = ICWSSession(server.url, max_hops=1)
    with pytest.raises(ICWSError, match="stopped after 1 switchover hops"):
        session.connect(USER, PASSWORD)


def test_switchover_loop_stops_and_reports_each_host(start_simulator):
    server = start_simulator(SCENARIOS / "switchover-loop.json")
    session = ICWSSession(server.url)
    requests_seen = counted(session)
    with pytest.raises(ICWSError) as error:
        session.connect(USER, PASSWORD)
    assert len(requests_seen) == 2
    message = str(error.value)
    assert message.startswith(f"No CIC server accepted the logon of user '{USER}'")
    assert "127.0.0.1" in message and "127.0.0.2" in message
    assert "error.server.notAcceptingConnections" in message


def test_call_expected_status_and_error_details(simulator):
    with ICWSSession(simulator.url) as session:
        session.connect(USER, PASSWORD)
        with pytest.raises(ICWSError) as error:
            session.call("GET", "/status/user-statuses/no.such.user")
        assert error.value.status == 404
        assert "answered HTTP 404" in str(error.value) and "expected 2xx" in str(error.value)
        body = session.call("GET", "/status/user-statuses/no.such.user", expected_status=404)
        assert body["message"]
        assert session.call("GET", "/status/user-statuses/x", expected_status="400, 404")
        with pytest.raises(ICWSError, match="expected 200"):
            session.call("GET", "/status/user-statuses/x", expected_status=200)


def test_server_time_parses(simulator):
    value = parse_datetime(ICWSSession(simulator.url).server_time())
    assert value.tzinfo is not None


def test_debug_log_shows_exchanges_without_secrets(simulator, caplog):
    caplog.set_level(logging.DEBUG, logger="ICWSLibrary.client")
    session = ICWSSession(simulator.url)
    session.connect(USER, PASSWORD)
    token = session.http.credentials.headers["ININ-ICWS-CSRF-Token"]
    cookie = str(session.http.credentials.headers["Cookie"]).split("=", 1)[1]
    session.call("GET", f"/status/user-statuses/{USER}")
    session.disconnect()
    text = caplog.text
    assert "POST http://" in text and "/icws/connection" in text and "-> 201" in text
    assert f"/status/user-statuses/{USER} -> 200" in text
    assert '"password": "***"' in text
    assert f'"password": "{PASSWORD}"' not in text
    for secret in (token, cookie):
        assert secret not in text
