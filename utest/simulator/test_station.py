"""Station logon as a real CIC answers it (FIDELITY-AUDIT D7 to D10)."""

import pytest

from .helpers import RawSession, error_of

WORKSTATION = "urn:inin.com:connection:workstationSettings"
REMOTE_NUMBER = "urn:inin.com:connection:remoteNumberSettings"
STATION_MESSAGE = "urn:inin.com:connection:stationConnectionStateChangeMessage"


def put_station(session, **body):
    return session.request("PUT", "/connection/station", json=body)


@pytest.mark.parametrize(
    ("body", "status", "error_id", "property_name"),
    [
        ({"__type": WORKSTATION, "workstation": "nosuchstation"}, 400, "-2147221496", None),
        ({"__type": WORKSTATION}, 400, "error.request.invalidRepresentation.missingProperty", "workstation"),
        ({"__type": "urn:inin.com:connection:bogusSettings", "workstation": "7001"}, 400,
         "error.request.invalidRepresentation.invalidProperty", "__type"),
        ({"__type": REMOTE_NUMBER}, 400, "error.request.invalidRepresentation.missingProperty", "remoteNumber"),
        ({"__type": REMOTE_NUMBER, "remoteNumber": "call me"}, 400,
         "error.request.invalidRepresentation.invalidProperty", "remoteNumber"),
        ({"workstation": "7001"}, 400, "error.request.invalidRepresentation.missingProperty", "__type"),
    ],
)  # fmt: skip
def test_bad_station_logons_are_refused(simulator, body, status, error_id, property_name):
    response = session_of(simulator).request("PUT", "/connection/station", json=body)
    assert response.status_code == status
    assert error_of(response)["errorId"] == error_id
    assert error_of(response).get("propertyName") == property_name


def session_of(simulator, user="agent1"):
    return RawSession(simulator.url, user)


def test_a_station_logon_answers_with_its_location_and_station_information(simulator):
    session = session_of(simulator)
    response = put_station(session, __type=WORKSTATION, workstation="7002",
                           supportedMediaTypes=[1, 2], readyForInteractions=False)  # fmt: skip
    assert response.status_code == 200
    assert response.headers["Location"] == f"/icws/{session.id}/connection/station"
    station = session.request("GET", "/connection/station").json()
    assert station == {
        "id": "7002",
        "extension": "7002",
        "stationSetting": 1,
        "allowedMediaTypes": [1, 2],
        "readyForInteractions": False,
    }


def test_a_station_held_by_another_user_is_refused_and_a_user_without_the_right_too(
    start_simulator,
):
    server = start_simulator({"users": [
        {"id": "a", "password": "1234", "rights": ["stationLogon"], "licenses": ["I3_ACCESS_CLIENT"]},
        {"id": "b", "password": "1234", "rights": ["stationLogon"], "licenses": ["I3_ACCESS_CLIENT"]},
        {"id": "c", "password": "1234", "licenses": ["I3_ACCESS_CLIENT"]},
    ]})  # fmt: skip
    first, second, third = (RawSession(server.url, user) for user in "abc")
    assert put_station(first, __type=WORKSTATION, workstation="7001").status_code == 200
    taken = put_station(second, __type=WORKSTATION, workstation="7001")
    assert taken.status_code == 400 and "in use by a" in error_of(taken)["message"]
    forbidden = put_station(third, __type=WORKSTATION, workstation="7003")
    assert forbidden.status_code == 403
    assert error_of(forbidden)["message"] == "You are not allowed to log on to this station."
    assert (
        put_station(second, __type=REMOTE_NUMBER, remoteNumber="+1 317 555 0100").status_code == 200
    )


def test_station_changes_reach_status_watchers_and_the_station_subscription(simulator):
    agent, supervisor = session_of(simulator, "agent4"), session_of(simulator, "supervisor")
    supervisor.request(
        "PUT", "/messaging/subscriptions/status/user-statuses", json={"userIds": ["agent4"]}
    )
    agent.request("PUT", "/messaging/subscriptions/connection/station")
    supervisor.messages(), agent.messages()
    put_station(agent, __type=WORKSTATION, workstation="7004")
    (delta,) = supervisor.messages()
    (status,) = delta["userStatusList"]
    assert delta["isDelta"] is True
    assert status["stations"] == ["7004"] and status["loggedIn"] is True
    assert "notes" not in status and "icServers" not in status, "a delta carries what changed"
    (station_message,) = agent.messages()
    assert station_message["__type"] == STATION_MESSAGE
    assert station_message["newStationInfo"]["id"] == "7004"
    agent.request("DELETE", "/connection")  # logoff removes the station
    (gone,) = supervisor.messages()
    assert (
        gone["userStatusList"][0]["stations"] == []
        and gone["userStatusList"][0]["loggedIn"] is False
    )


def test_logon_includes_the_default_workstation(start_simulator):
    from .helpers import logon

    server = start_simulator(
        {"users": [{"id": "d", "password": "p", "defaultWorkstation": "7005"}]}
    )
    body = logon(
        server.url, "d", password="p", include="default-workstation,effective-station"
    ).json()
    assert body["defaultWorkstationId"] == "7005"
    assert body["effectiveStation"]["stationId"]["id"] == "7005"
