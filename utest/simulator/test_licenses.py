"""Licenses: pools, assignment, and how each refusal is reported (SDK licenseStatus)."""

from .helpers import RawSession, error_of

SCENARIO = {
    "licenses": {"I3_ACCESS_CLIENT": 1, "I3_ACCESS_ACD": 5},
    "users": [
        {"id": "a", "password": "1234", "rights": ["stationLogon"],
         "licenses": ["I3_ACCESS_CLIENT", "I3_ACCESS_ACD"]},
        {"id": "b", "password": "1234", "rights": ["stationLogon"], "licenses": ["I3_ACCESS_CLIENT"]},
    ],
}  # fmt: skip


def results(response):
    assert response.status_code == 200, response.text
    return {r["licenseName"]: r for r in response.json()["licenseOperationResultList"]}


def test_acquire_reports_each_license_and_never_fails_the_request(start_simulator):
    server = start_simulator(SCENARIO)
    a = RawSession(server.url, "a")
    got = results(
        a.request("POST", "/licenses", json={"licenseList": ["i3_access_acd", "NO_SUCH"]})
    )
    assert (
        got["I3_ACCESS_ACD"]["isAvailable"] is True and got["I3_ACCESS_ACD"]["licenseStatus"] == 2
    )
    assert got["NO_SUCH"]["isAvailable"] is False and got["NO_SUCH"]["licenseStatus"] == 9
    again = results(a.request("POST", "/licenses", json={"licenseList": ["I3_ACCESS_ACD"]}))
    assert again["I3_ACCESS_ACD"]["isAvailable"] is True, "acquiring twice has no effect"


def test_not_assigned_and_exhausted_pools_are_said_apart(start_simulator):
    server = start_simulator(SCENARIO)
    a, b = RawSession(server.url, "a"), RawSession(server.url, "b")
    assert (
        results(b.request("POST", "/licenses", json={"licenseList": ["I3_ACCESS_ACD"]}))[
            "I3_ACCESS_ACD"
        ]["licenseStatus"]
        == 3
    )
    results(a.request("POST", "/licenses", json={"licenseList": ["I3_ACCESS_CLIENT"]}))
    exhausted = results(b.request("POST", "/licenses", json={"licenseList": ["I3_ACCESS_CLIENT"]}))
    assert exhausted["I3_ACCESS_CLIENT"]["licenseStatus"] == 4
    # Without its Client Access license, b cannot log on to a station either.
    station = {"__type": "urn:inin.com:connection:workstationSettings", "workstation": "7001"}
    refused = b.request("PUT", "/connection/station", json=station)
    assert refused.status_code == 400
    assert (
        error_of(refused)["message"]
        == "The following licenses were not available: I3_ACCESS_CLIENT"
    )
    a.request("DELETE", "/licenses")  # releases all: the pool has room again
    assert b.request("PUT", "/connection/station", json=station).status_code == 200


def test_a_session_that_ends_gives_its_licenses_back(start_simulator):
    server = start_simulator(SCENARIO)
    a, b = RawSession(server.url, "a"), RawSession(server.url, "b")
    results(a.request("POST", "/licenses", json={"licenseList": ["I3_ACCESS_CLIENT"]}))
    a.request("DELETE", "/connection")
    got = results(b.request("POST", "/licenses", json={"licenseList": ["I3_ACCESS_CLIENT"]}))
    assert got["I3_ACCESS_CLIENT"]["isAvailable"] is True


def test_replace_keeps_only_the_listed_licenses_and_the_subscription_says_what_is_assigned(
    start_simulator,
):
    server = start_simulator(SCENARIO)
    a = RawSession(server.url, "a")
    results(
        a.request("POST", "/licenses", json={"licenseList": ["I3_ACCESS_CLIENT", "I3_ACCESS_ACD"]})
    )
    results(a.request("PUT", "/licenses", json={"licenseList": ["I3_ACCESS_ACD"]}))
    b = RawSession(server.url, "b")
    assert results(b.request("POST", "/licenses", json={"licenseList": ["I3_ACCESS_CLIENT"]}))[
        "I3_ACCESS_CLIENT"
    ]["isAvailable"], "a released it by not listing it"
    a.request(
        "PUT", "/messaging/subscriptions/licenses", json={"licenseList": ["I3_ACCESS_ACD", "X"]}
    )
    (message,) = a.messages()
    assert message["licenseAssignedStatusList"] == [
        {"name": "I3_ACCESS_ACD", "isAssigned": True},
        {"name": "X", "isAssigned": False},
    ]
    bad = a.request("POST", "/licenses", json={"licenses": []})
    assert bad.status_code == 400 and error_of(bad)["propertyName"] == "licenseList"


def test_the_licenses_feature_is_advertised(simulator):
    # Acquiring, replacing, releasing and watching licences are simulated: a client that
    # asks the feature list first must find them (it answered 400 for the feature).
    import requests

    answer = requests.get(f"{simulator.url}/icws/connection/features/licenses")
    assert answer.status_code == 200, answer.text
    assert answer.json()["featureId"] == "licenses" and answer.json()["version"] >= 1
