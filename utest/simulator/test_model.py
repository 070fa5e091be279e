"""The ICWS model called directly, without HTTP: the rules that need no socket to prove."""

import json

import pytest

from ICWSLibrary.simulator import ICWSModel, Request
from ICWSLibrary.simulator import sessions as sessions_module
from ICWSLibrary.simulator.resources import connection as connection_module

IC_AUTH = "urn:inin.com:connection:icAuthConnectionRequestSettings"


def logon_request(body, **headers):
    return Request(
        "POST",
        "/icws/connection",
        headers={"Accept-Language": "en-us", **headers},
        body=json.dumps(body).encode(),
    )


def logon(model, user="agent1"):
    body = {"__type": IC_AUTH, "applicationName": "model", "userID": user, "password": "1234"}
    response = model.handle(logon_request(body))
    assert response.status == 201, response.body
    answer = json.loads(response.body)
    cookie = dict(response.headers)["Set-Cookie"].split(";")[0]
    return answer["sessionId"], {"ININ-ICWS-CSRF-Token": answer["csrfToken"], "Cookie": cookie}


def test_header_names_are_case_insensitive():
    model = ICWSModel()
    session_id, credentials = logon(model)
    shouted = {name.upper(): value for name, value in credentials.items()}
    response = model.handle(Request("GET", f"/icws/{session_id}/connection", headers=shouted))
    assert json.loads(response.body)["connectionState"] == 1


@pytest.mark.parametrize("name", ["applicationName", "userID", "password"])
def test_logon_property_of_the_wrong_type_is_an_invalid_property(name):
    body = {"__type": IC_AUTH, "applicationName": "x", "userID": "agent1", "password": "1234"}
    body[name] = 1234
    response = ICWSModel().handle(logon_request(body))
    assert response.status == 400
    error = json.loads(response.body)
    assert error["__type"] == "urn:inin.com:common:invalidPropertyError"
    assert error["errorId"] == "error.request.invalidRepresentation.invalidProperty"
    assert error["propertyName"] == name


def test_logon_body_that_is_not_json_says_where_it_broke():
    request = Request("POST", "/icws/connection", headers={"accept-language": "en-us"}, body=b"{")
    error = json.loads(ICWSModel().handle(request).body)
    assert error["errorId"] == "error.request.invalidRepresentation"
    assert "line 1 column 2" in error["message"]


def test_an_exception_in_a_handler_answers_json_500():
    model = ICWSModel()

    def broken(request):
        raise KeyError("bug")

    # The route table holds the resources' bound methods: swap the one for version.
    model._sessionless = [
        (method, pattern, broken if handler.__name__ == "version" else handler)
        for method, pattern, handler in model._sessionless
    ]
    response = model.handle(Request("GET", "/icws/connection/version"))
    assert response.status == 500
    assert ("Content-Type", "application/vnd.inin.icws+JSON; charset=utf-8") in response.headers
    error = json.loads(response.body)
    assert error["errorCode"] == -2147467259 and "KeyError('bug')" in error["message"]


def test_ended_sessions_are_remembered_up_to_a_bound(monkeypatch):
    monkeypatch.setattr(sessions_module, "ENDED_SESSIONS_KEPT", 2)
    model = ICWSModel()
    sessions = [logon(model) for _ in range(3)]
    for session_id, credentials in sessions:
        path = f"/icws/{session_id}/connection"
        assert model.handle(Request("DELETE", path, headers=credentials)).status == 200

    def state(session_id, credentials):
        response = model.handle(
            Request("GET", f"/icws/{session_id}/connection", headers=credentials)
        )
        return response.status, json.loads(response.body)

    status, oldest = state(*sessions[0])
    assert status == 401 and oldest["errorCode"] == 1, "forgotten: an unknown session"
    for session in sessions[1:]:
        assert state(*session) == (
            200,
            {
                "connectionState": 2,
                "reason": connection_module.LOGOFF_REASON,
                "shouldReconnect": False,
            },
        )


def test_disconnect_ends_every_session_of_the_user_and_counts_them():
    model = ICWSModel()
    first, second, other = logon(model, "agent5"), logon(model, "Agent5"), logon(model, "agent6")
    assert model.control.disconnect_user("AGENT5", "Maintenance.") == 2
    assert [s["userID"] for s in model.sessions()] == ["agent6"]
    for session_id, credentials in (first, second):
        path = f"/icws/{session_id}/messaging/messages"
        (message,) = json.loads(model.handle(Request("GET", path, headers=credentials)).body)
        assert message["reason"] == "Maintenance." and message["shouldReconnect"] is False
    assert model.control.disconnect_user("agent5", "again") == 0
    assert other[0] in {s["sessionId"] for s in model.sessions()}


def test_the_host_is_chosen_by_the_address_the_connection_arrived_on():
    model = ICWSModel(
        {
            "hosts": [
                {"address": "127.0.0.1", "accepting": False, "alternateHostList": ["127.0.0.2"]},
                {"address": "127.0.0.2", "name": "cic-b"},
            ]
        }
    )
    body = {"__type": IC_AUTH, "applicationName": "x", "userID": "agent1", "password": "1234"}
    refused = model.handle(logon_request(body))
    assert refused.status == 503
    request = logon_request(body)
    request.local_address = "127.0.0.2"
    accepted = model.handle(request)
    assert accepted.status == 201
    assert json.loads(accepted.body)["alternateHostList"] == ["cic-b"]
    assert model.sessions()[0]["host"] == "127.0.0.2"
