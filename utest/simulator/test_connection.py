"""The connection resource of the simulator, over HTTP."""

import json
import re
from pathlib import Path

import pytest
import requests

from .helpers import IC_AUTH, RawSession, error_of, logon

RECORDED = Path(__file__).resolve().parents[1] / "data" / "recorded"


def test_logon_answers_201_with_credentials_in_body_and_headers(simulator):
    response = logon(simulator.url)
    assert response.status_code == 201
    body = response.json()
    assert re.fullmatch(r"\d{7,10}", body["sessionId"])
    assert body["userID"] == "kevin.glinski"
    assert body["userDisplayName"] == "Kevin Glinski"
    assert body["icServer"] and body["alternateHostList"]
    assert body["csrfToken"]
    headers = response.headers
    assert headers["Content-Type"] == "application/vnd.inin.icws+JSON; charset=utf-8"
    assert headers["Cache-Control"] == "no-cache, no-store, must-revalidate"
    assert headers["ININ-ICWS-Session-ID"] == body["sessionId"]
    assert headers["ININ-ICWS-CSRF-Token"] == body["csrfToken"]
    assert headers["Location"] == f"/icws/{body['sessionId']}/connection"
    assert re.fullmatch(
        rf"icws_{body['sessionId']}=[0-9a-f-]{{36}}\|languageId=en-us; "
        rf"Path=/icws/{body['sessionId']}; HttpOnly",
        headers["Set-Cookie"],
    )
    assert "version" not in body and "features" not in body


def test_logon_include_adds_version_features_and_time(simulator):
    body = logon(simulator.url, include="version,features,server-time").json()
    assert body["version"]["majorVersion"] == "17"
    assert {"featureId": "connection", "version": 11} in body["features"]
    assert re.fullmatch(r"\d{8}T\d{6}Z", body["serverTimeInfo"]["serverUtcTime"])


def test_wrong_password_and_unknown_user_answer_the_recorded_400(simulator):
    recorded = json.loads((RECORDED / "connection-400-authentication-failure.json").read_text())
    for user, password in (("kevin.glinski", "wrong"), ("nobody", "1234")):
        response = logon(simulator.url, user, password)
        assert response.status_code == 400
        assert response.json() == recorded


@pytest.mark.parametrize(
    ("body", "property_name"),
    [
        ({"applicationName": "x", "userID": "agent1", "password": "1234"}, "__type"),
        ({"__type": IC_AUTH, "applicationName": "x", "userID": "agent1"}, "password"),
        ({"__type": IC_AUTH, "applicationName": "x", "password": "1234"}, "userID"),
    ],
)
def test_logon_with_a_missing_property_names_it(simulator, body, property_name):
    response = requests.post(
        f"{simulator.url}/icws/connection", json=body, headers={"Accept-Language": "en-us"}
    )
    assert response.status_code == 400
    error = error_of(response)
    assert error["propertyName"] == property_name
    assert error["__type"] == "urn:inin.com:common:missingPropertyError"


def test_logon_needs_accept_language_and_json(simulator):
    body = {"__type": IC_AUTH, "applicationName": "x", "userID": "agent1", "password": "1234"}
    response = requests.post(f"{simulator.url}/icws/connection", json=body)
    assert response.status_code == 400
    assert error_of(response)["propertyName"] == "Accept-Language"
    response = requests.post(
        f"{simulator.url}/icws/connection", data=b"{not json", headers={"Accept-Language": "en"}
    )
    assert response.status_code == 400
    assert "not valid JSON" in error_of(response)["message"]


def test_logon_accepts_any_request_content_type(simulator):
    body = json.dumps(
        {"__type": IC_AUTH, "applicationName": "x", "userID": "agent1", "password": "1234"}
    )
    for content_type in ("application/x-www-form-urlencoded", "text/plain", None):
        headers = {"Accept-Language": "en-us"}
        if content_type:
            headers["Content-Type"] = content_type
        response = requests.post(f"{simulator.url}/icws/connection", data=body, headers=headers)
        assert response.status_code == 201, content_type


def test_other_logon_types_fail_authentication_and_unknown_types_are_invalid(simulator):
    url = f"{simulator.url}/icws/connection"
    headers = {"Accept-Language": "en-us"}
    sso = {
        "__type": "urn:inin.com:connection:singleSignOnTokenConnectionRequestSettings",
        "applicationName": "x",
        "singleSignOnToken": "t",
    }
    assert requests.post(url, json=sso, headers=headers).json()["errorCode"] == -2147221503
    bogus = dict(sso, __type="urn:inin.com:connection:windowsAuthSettings")
    response = requests.post(url, json=bogus, headers=headers)
    assert response.status_code == 400
    assert error_of(response)["errorId"] == "error.request.invalidRepresentation.invalidProperty"


def test_connection_state_up_then_down_after_logoff_and_second_logoff_is_401(simulator):
    session = RawSession(simulator.url)
    assert session.request("GET", "/connection").json()["connectionState"] == 1
    assert session.request("DELETE", "/connection").status_code == 200
    state = session.request("GET", "/connection").json()
    assert state["connectionState"] == 2
    assert state["reason"] and state["shouldReconnect"] is False
    second = session.request("DELETE", "/connection")
    assert second.status_code == 401
    assert error_of(second)["errorCode"] == -2147221499
    assert session.request("GET", "/status/user-statuses/agent1").status_code == 401


@pytest.mark.parametrize(
    ("token", "cookie", "code"),
    [
        (None, True, 2),
        ("bm90IHRoZSB0b2tlbg==", True, 2),
        (True, None, 4),
        (True, "icws_1=00000000-0000-0000-0000-000000000000", 4),
    ],
)
def test_bad_credentials_answer_401_with_www_authenticate(simulator, token, cookie, code):
    session = RawSession(simulator.url)
    response = session.request("GET", "/connection", token=token, cookie=cookie)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'ICWS realm="ICWS" location="/ICWS/connection"'
    assert error_of(response)["errorCode"] == code


def test_unknown_session_id_is_401_code_1(simulator):
    response = requests.get(f"{simulator.url}/icws/123456789/connection")
    assert response.status_code == 401
    assert error_of(response)["errorCode"] == 1


@pytest.mark.parametrize(
    "shape",
    [
        "{cookie}",
        "{set_cookie}",
        "theme=dark; {cookie}; other=1",
        "{bare}; Path=/icws/{id}",
    ],
)
def test_cookie_shapes_real_clients_send(simulator, shape):
    session = RawSession(simulator.url)
    bare = session.cookie.split("|")[0]
    header = shape.format(
        cookie=session.cookie, set_cookie=session.set_cookie, bare=bare, id=session.id
    )
    response = session.request("GET", "/connection", cookie=header)
    assert response.status_code == 200, header


def test_messages_need_only_the_cookie(simulator):
    session = RawSession(simulator.url)
    assert session.request("GET", "/messaging/messages", token=None).json() == []
    assert session.request("GET", "/messaging/messages", cookie=None).status_code == 401


def test_server_side_disconnect_queues_a_message_then_ends_the_session(simulator):
    session = RawSession(simulator.url, "agent3")
    assert simulator.disconnect_session("agent3", reason="Logged on elsewhere.") == 1
    assert simulator.sessions() == []
    message = session.messages()[0]
    assert message["__type"] == "urn:inin.com:connection:connectionStateChangeMessage"
    assert message["newConnectionState"] == 2 and message["reason"] == "Logged on elsewhere."
    assert session.request("GET", "/messaging/messages").status_code == 401
    state = session.request("GET", "/connection").json()
    assert state == {
        "connectionState": 2,
        "reason": "Logged on elsewhere.",
        "shouldReconnect": False,
    }


def test_single_session_per_user_scenario_ends_the_first_session(start_simulator):
    server = start_simulator({"singleSessionPerUser": True})
    first = RawSession(server.url, "agent1")
    RawSession(server.url, "agent1")
    assert len(server.sessions()) == 1
    assert first.request("GET", "/connection").json()["connectionState"] == 2


def test_sessionless_information(simulator):
    features = requests.get(f"{simulator.url}/icws/connection/features").json()["featureInfoList"]
    ids = {item["featureId"] for item in features}
    # Only the features the simulator answers (FIDELITY-AUDIT D5), at versions that exist
    # together on a real server: CIC 2017 R3 brought connection 11.
    assert ids == {
        "connection", "messaging", "status", "interactions", "queues", "activations",
        "configuration", "statistics", "licenses", "directories", "session", "wfm",
    }  # fmt: skip
    # [doc] Lookups and directory subscriptions are directories 4 (speed dials are 10,
    # simulated but not advertised); the session subscriptions are session 1; the agent's
    # data and time off are wfm 1 (trades, wfm 4, are not simulated).
    versions = {item["featureId"]: item["version"] for item in features}
    assert (versions["directories"], versions["session"], versions["wfm"]) == (4, 1, 1)
    one = requests.get(f"{simulator.url}/icws/connection/features/messaging")
    assert one.json() == {"featureId": "messaging", "version": 2}
    unknown = requests.get(f"{simulator.url}/icws/connection/features/teleport")
    assert unknown.status_code == 400 and "teleport" in error_of(unknown)["message"]
    version = requests.get(f"{simulator.url}/icws/connection/version").json()
    assert version["productPatchDisplayString"] == "CIC 2017 R3 Patch1"
    assert all(isinstance(value, str) for value in version.values())
    time = requests.get(f"{simulator.url}/icws/connection/server-time").json()
    assert re.fullmatch(r"\d{8}T\d{6}Z", time["serverUtcTime"])


def test_switchover_hosts_refuse_with_their_alternates(start_simulator):
    server = start_simulator("switchover")
    recorded = json.loads((RECORDED / "connection-503-not-accepting.json").read_text())
    refused = logon(server.urls["127.0.0.1"])
    assert refused.status_code == 503
    assert set(refused.json()) == set(recorded)
    assert refused.json()["alternateHostList"] == ["127.0.0.3", "127.0.0.2"]
    assert logon(server.urls["127.0.0.3"]).json()["errorId"] == "error.server.unavailable"
    assert logon(server.urls["127.0.0.2"]).status_code == 201
    server.set_host_accepting("127.0.0.1", True)
    assert logon(server.urls["127.0.0.1"]).status_code == 201


def test_a_session_belongs_to_the_host_that_accepted_it(start_simulator):
    server = start_simulator("switchover")
    session = RawSession(server.urls["127.0.0.2"], "agent1")
    assert session.request("GET", "/status/user-statuses/agent1").status_code == 200
    session.url = server.urls["127.0.0.3"]  # the other host of the pair
    assert session.request("GET", "/status/user-statuses/agent1").status_code == 401


def test_server_info_has_the_sdk_shape(simulator):
    info = requests.get(
        simulator.url + "/icws/connection/server-info",
        headers={"Accept-Language": "de-DE,en;q=0.5"},
    ).json()
    assert {"languageID": "en-us", "languageDisplayName": "English (United States)"} in info[
        "languages"
    ]
    assert info["acceptLanguage"] == "de-de"
    assert info["authentication"] == {"allowIcAuth": True, "identityProviders": []}


def test_heartbeat_and_a_disconnect_that_asks_to_reconnect(simulator):
    session = RawSession(simulator.url, "agent3")
    assert session.request("POST", "/messaging/heartbeat").status_code == 200
    simulator.disconnect_session("agent3", "ICWS restarted.", should_reconnect=True)
    (message,) = session.messages()
    assert message["shouldReconnect"] is True
    state = session.request("GET", "/connection").json()
    assert (state["connectionState"], state["shouldReconnect"]) == (2, True)


AUTH_TOKEN = "urn:inin.com:connection:authTokenConnectionRequestSettings"
SEED = "6f0b2f61-4a52-4c3e-9c55-1b1f0c3e8d0a"


def _token_logon(url, session, token, seed=SEED):
    body = {
        "__type": AUTH_TOKEN,
        "applicationName": "second window",
        "authTokenSeed": seed,
        "authToken": token,
        "authTokenSourceSession": session.id,
    }
    return requests.post(f"{url}/icws/connection", json=body, headers={"Accept-Language": "en-us"})


def test_a_unique_auth_token_logs_the_same_user_on_once(simulator):
    session = RawSession(simulator.url, "agent1")
    response = session.request(
        "POST", "/connection/unique-auth-token", json={"authTokenSeed": SEED}
    )
    assert response.status_code == 200
    token = response.json()["authToken"]
    assert isinstance(token, str) and token
    second = _token_logon(simulator.url, session, token)
    assert second.status_code == 201, second.text
    assert second.json()["userID"] == "agent1"
    assert second.json()["sessionId"] != session.id
    # [doc] "may be used to create a new session only once"
    again = _token_logon(simulator.url, session, token)
    assert (again.status_code, again.json()["errorCode"]) == (400, -2147221503)


def test_a_unique_auth_token_needs_its_seed_and_expires_after_seven_seconds(simulator):
    session = RawSession(simulator.url, "agent1")
    mint = lambda: session.request(  # noqa: E731
        "POST", "/connection/unique-auth-token", json={"authTokenSeed": SEED}
    ).json()["authToken"]
    assert _token_logon(simulator.url, session, mint(), seed="another").status_code == 400
    token = mint()
    simulator.advance_time(7.5)
    assert _token_logon(simulator.url, session, token).status_code == 400
    missing = session.request("POST", "/connection/unique-auth-token", json={})
    assert missing.status_code == 400
    assert "authTokenSeed" in error_of(missing)["message"]


def test_switchover_status_of_a_standalone_server(simulator):
    session = RawSession(simulator.url, "agent1")
    response = session.request("GET", "/connection/switchover-status")
    assert response.status_code == 200
    assert response.json() == {"isSwitchoverActive": False, "primaryHost": "cicsim"}


def test_switchover_status_names_the_pair(start_simulator):
    server = start_simulator("switchover")
    session = RawSession(server.urls["127.0.0.2"], "agent1")
    status = session.request("GET", "/connection/switchover-status").json()
    assert status["isSwitchoverActive"] is True
    assert status["primaryHost"] == "cic-primary"
    assert status["backupHost"] == "cic-backup"
    assert status["backupVersion"].startswith("CIC ")
    assert status["subsystemsDown"] == []


def test_system_languages_as_a_2015_client_reads_them(start_simulator):
    server = start_simulator({"languages": ["en-us", "fr-fr"]})
    session = RawSession(server.url, "agent1")
    response = session.request("GET", "/configuration/system/languages")
    assert response.status_code == 200
    languages = response.json()["languages"]
    assert [entry["language"]["id"] for entry in languages] == ["en-US", "fr-FR"]
    assert languages[0]["language"]["displayName"] == "English (United States)"
