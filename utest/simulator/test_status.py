"""The simulator's status rules (PROTOCOL.md section 6)."""

import pytest
import requests

from .helpers import RawSession, error_of

ASYNC = "urn:inin.com:messaging:asyncOperationCompletedMessage"


def completion(session, request_id):
    messages = [m for m in session.messages() if m["__type"] == ASYNC]
    assert [m["requestId"] for m in messages] == [request_id]
    return messages[0]


def test_setting_own_status_is_asynchronous_and_completes(simulator):
    session = RawSession(simulator.url, "agent1")
    before = session.request("GET", "/status/user-statuses/agent1").json()
    response = session.request(
        "PUT", "/status/user-statuses/agent1", json={"statusId": "at lunch", "notes": "Back at 1"}
    )
    assert response.status_code == 202
    request_id = response.json()["requestId"]
    assert "error" not in completion(session, request_id)
    after = session.request("GET", "/status/user-statuses/agent1").json()
    assert after["statusId"] == "At Lunch", "the catalog's spelling is kept"
    assert after["notes"] == "Back at 1"
    assert after["statusChanged"] >= before["statusChanged"]


@pytest.mark.parametrize(
    ("status", "error_id"),
    [
        ("Teleporting", "error.status.invalidStatus"),
        ("Working at Home", "error.status.notSelectable"),
    ],
)
def test_refused_changes_complete_with_an_error(simulator, status, error_id):
    session = RawSession(simulator.url, "agent2")
    response = session.request("PUT", "/status/user-statuses/agent2", json={"statusId": status})
    assert response.status_code == 202
    message = completion(session, response.json()["requestId"])
    assert message["error"]["errorId"] == error_id
    assert status in message["error"]["message"]
    unchanged = session.request("GET", "/status/user-statuses/agent2").json()
    assert unchanged["statusId"] == "Available"


def test_agents_read_others_but_set_only_their_own(simulator):
    agent = RawSession(simulator.url, "agent3")
    assert agent.request("GET", "/status/user-statuses/agent4").status_code == 200
    response = agent.request("PUT", "/status/user-statuses/agent4", json={"statusId": "At Lunch"})
    assert response.status_code == 403
    assert "agent4" in error_of(response)["message"]
    supervisor = RawSession(simulator.url, "supervisor")
    response = supervisor.request(
        "PUT", "/status/user-statuses/agent4", json={"statusId": "At Lunch"}
    )
    assert response.status_code == 202


def test_unknown_user_and_missing_status_id(simulator):
    session = RawSession(simulator.url, "supervisor")
    assert session.request("GET", "/status/user-statuses/ghost").status_code == 404
    put = session.request("PUT", "/status/user-statuses/ghost", json={"statusId": "Available"})
    assert put.status_code == 400, "the PUT documents no 404 (FIDELITY-AUDIT D15)"
    bad = session.request("PUT", "/status/user-statuses/agent5", json={"notes": "x"})
    assert bad.status_code == 400 and error_of(bad)["propertyName"] == "statusId"


def test_catalog_is_localized_by_the_session_language(simulator):
    english = RawSession(simulator.url, "agent6").request("GET", "/status/status-messages")
    german = RawSession(simulator.url, "agent7", language="de-de").request(
        "GET", "/status/status-messages"
    )
    by_id = {s["statusId"]: s for s in english.json()["statusMessageList"]}
    german_by_id = {s["statusId"]: s for s in german.json()["statusMessageList"]}
    assert by_id["At Lunch"]["messageText"] == "At Lunch"
    assert german_by_id["At Lunch"]["messageText"] == "Mittagspause"
    expected = {
        "Available",
        "Available, No ACD",
        "Away from desk",
        "At Lunch",
        # [real] spelled so by real servers (recorded/user-status-message.json)
        "Do Not disturb",
        "Follow Up",
        "Gone Home",
        "In a Meeting",
        "On Vacation",
        "Out of the Office",
    }
    assert expected <= set(by_id)
    assert by_id["Available"]["isAcdStatus"] and by_id["Do Not disturb"]["isDoNotDisturbStatus"]
    assert by_id["On Vacation"]["canHaveDate"]


def test_user_access_lists_selectable_statuses(simulator):
    session = RawSession(simulator.url, "agent1")
    agent = session.request("GET", "/status/status-messages-user-access/agent1").json()
    assert agent["userId"] == "agent1"
    assert "Available" in agent["statusMessages"]
    assert "Working at Home" not in agent["statusMessages"]
    kevin = session.request("GET", "/status/status-messages-user-access/kevin.glinski").json()
    assert "Working at Home" in kevin["statusMessages"]
    assert "ACD - Agent Not Answering" not in kevin["statusMessages"]


def test_control_set_user_status_and_station_login(simulator):
    session = RawSession(simulator.url, "agent8")
    simulator.set_user_status("agent8", "do not disturb")
    status = session.request("GET", "/status/user-statuses/agent8").json()
    assert status["statusId"] == "Do Not disturb" and status["loggedIn"] is False
    station = {"__type": "urn:inin.com:connection:workstationSettings", "workstation": "7001"}
    assert session.request("PUT", "/connection/station", json=station).status_code == 200
    status = session.request("GET", "/status/user-statuses/agent8").json()
    assert status["loggedIn"] is True and status["stations"] == ["7001"]
    with pytest.raises(KeyError, match="no status 'Flying'"):
        simulator.set_user_status("agent8", "Flying")


@pytest.mark.parametrize(
    ("until", "property_name"),
    [("garbage", "until"), ({"hasDate": True, "hasTime": True}, "until.untilDateTime"),
     ({"untilDateTime": "not a date", "hasDate": True, "hasTime": False}, "until.untilDateTime")],
)  # fmt: skip
def test_until_is_validated(simulator, until, property_name):
    session = RawSession(simulator.url, "agent5")
    put = session.request(
        "PUT", "/status/user-statuses/agent5", json={"statusId": "On Vacation", "until": until}
    )
    assert put.status_code == 400 and error_of(put)["propertyName"] == property_name


def test_until_is_kept_only_by_statuses_that_can_have_a_date_or_time(simulator):
    session = RawSession(simulator.url, "agent6")
    until = {"untilDateTime": "20261224T090000Z", "hasDate": True, "hasTime": False}
    for status_id, kept in (("On Vacation", True), ("Available", False)):
        session.request(
            "PUT", "/status/user-statuses/agent6", json={"statusId": status_id, "until": until}
        )
        status = session.request("GET", "/status/user-statuses/agent6").json()
        assert ("until" in status) is kept, status_id


def test_a_configuration_write_by_an_agent_is_refused_with_403(simulator):
    session = RawSession(simulator.url, "agent1")
    response = session.request(
        "POST", "/configuration/users", json={"configurationId": {"id": "x"}}
    )
    assert (
        response.status_code == 403
        and error_of(response)["errorId"] == "error.request.accessDenied"
    )
    # The same right guards types the simulator does not write.
    response = session.request("POST", "/configuration/skills", json={"configurationId": "x"})
    assert response.status_code == 403


def test_401_texts_are_the_real_servers(simulator):
    session = RawSession(simulator.url, "agent1")
    no_token = session.request("GET", "/connection", token=False)
    assert error_of(no_token)["message"] == (
        "An authentication token was expected in the request, but not found."
    )
    unknown = requests.get(f"{simulator.url}/icws/123456789/connection")
    assert error_of(unknown)["message"] == "This request requires a session ID!"


def test_an_unsupported_language_falls_back_to_one_the_server_has(simulator):
    session = RawSession(simulator.url, "agent2", language="fr-fr")
    assert "languageId=en-us" in session.set_cookie
