"""Fault injection: each kind answers as announced, then the server is healthy again."""

import time

import pytest
import requests

from ICWSLibrary.simulator import ScenarioError, load_scenario

FEATURES = "/icws/connection/features"


@pytest.mark.parametrize(
    ("kind", "status", "content_type"),
    [
        ("error", 500, "application/vnd.inin.icws+JSON; charset=utf-8"),
        ("html", 502, "text/html; charset=utf-8"),
        ("not-json", 200, "text/plain"),
        ("empty", 200, "application/vnd.inin.icws+JSON"),
        ("truncated", 200, "application/vnd.inin.icws+JSON; charset=utf-8"),
    ],
)
def test_answer_faults_then_recovery(simulator, kind, status, content_type):
    simulator.inject_fault(kind)
    response = requests.get(simulator.url + FEATURES)
    assert response.status_code == status
    assert response.headers["Content-Type"] == content_type
    if kind == "truncated":
        with pytest.raises(ValueError):
            response.json()
    assert requests.get(simulator.url + FEATURES).json()["featureInfoList"]


def test_drop_closes_without_answer(simulator):
    simulator.inject_fault("drop")
    with requests.Session() as http:
        http.mount("http://", requests.adapters.HTTPAdapter(max_retries=0))
        with pytest.raises(requests.ConnectionError):
            http.get(simulator.url + FEATURES)
    assert requests.get(simulator.url + FEATURES).status_code == 200


def test_latency_and_path_filter_and_count(simulator):
    simulator.inject_fault("latency", count=2, path="/version", seconds=0.3)
    started = time.monotonic()
    assert requests.get(simulator.url + FEATURES).status_code == 200
    assert time.monotonic() - started < 0.25, "other paths are not slowed"
    for _ in range(2):
        started = time.monotonic()
        assert requests.get(simulator.url + "/icws/connection/version").status_code == 200
        assert time.monotonic() - started >= 0.29
    started = time.monotonic()
    requests.get(simulator.url + "/icws/connection/version")
    assert time.monotonic() - started < 0.25, "the count is used up"


def test_count_zero_lasts_until_cleared(simulator):
    simulator.inject_fault("error", count=0)
    assert [requests.get(simulator.url + FEATURES).status_code for _ in range(3)] == [500] * 3
    simulator.clear_faults()
    assert requests.get(simulator.url + FEATURES).status_code == 200


def test_scenario_faults_apply_from_the_start(start_simulator):
    server = start_simulator({"faults": [{"kind": "html", "count": 1}]})
    assert requests.get(server.url + FEATURES).status_code == 502
    assert requests.get(server.url + FEATURES).status_code == 200
    with pytest.raises(ScenarioError, match="a fault needs a 'kind'"):
        load_scenario({"faults": [{"kind": "meteor"}]})
