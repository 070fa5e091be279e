import json

import pytest

from ICWSLibrary.simulator import ICWSSimulator, ScenarioError, load_scenario

from ..conftest import SCENARIOS
from .helpers import RawSession, logon

try:
    from robot.api.types import Secret  # noqa: F401  Robot Framework 7.4 and newer

    SECRET_SUPPORTED = True
except ImportError:
    SECRET_SUPPORTED = False


def test_default_scenario_has_the_documented_users_and_features():
    scenario = load_scenario()
    kevin = scenario.user("Kevin.Glinski")
    assert kevin.display_name == "Kevin Glinski" and kevin.password == "1234"
    assert kevin.status_id == "Available, No ACD"
    for user in [f"agent{i}" for i in range(1, 9)] + ["supervisor"]:
        assert scenario.user(user).password == "1234"
    assert scenario.user("supervisor").may("setOthersStatus")
    assert not scenario.user("agent1").may("setOthersStatus")
    assert scenario.features["connection"] >= 11 and scenario.features["messaging"] >= 2
    assert set(scenario.features) == {
        "connection", "messaging", "status", "interactions", "queues", "activations",
        "configuration", "statistics", "licenses", "directories", "session", "wfm",
    }  # fmt: skip
    # Every default agent has a published schedule; the supervisor is no WFM agent.
    assert all(scenario.workforce.agent(f"agent{i}") for i in range(1, 9))
    assert scenario.workforce.agent("supervisor") is None
    support, sales = scenario.workgroup("support"), scenario.workgroup("2002")
    assert list(support.members) == ["agent1", "agent2", "agent3", "agent4"]
    assert list(sales.members) == ["agent5", "agent6", "agent7", "agent8"]
    assert list(support.supervisors) == list(sales.supervisors) == ["supervisor"]
    assert all(support.activations.values()) and all(sales.activations.values())
    assert not support.is_wrap_up_active and sales.is_wrap_up_active
    assert sales.wrap_up_codes == ["Sale", "No Sale", "Callback Requested"]
    assert (sales.wrap_up_status, sales.wrap_up_timeout) == ("Follow Up", 30.0)
    assert scenario.user("agent1").skills == {"English": (80, 70), "Hardware": (60, 50)}
    assert scenario.user("administrator").may("configurationAdmin")
    assert not any(scenario.user(u).may("configurationAdmin") for u in ("agent1", "supervisor"))
    assert scenario.version["productReleaseDisplayString"] == "CIC 2017 R3"
    assert [s.id for s in scenario.stations.values()] == [str(n) for n in range(7001, 7011)]
    assert all(
        scenario.user(u).may("stationLogon") for u in ("kevin.glinski", "agent1", "supervisor")
    )
    assert (
        not scenario.user("visitor").may("stationLogon") and not scenario.user("trainee").licenses
    )


def test_toml_scenario_replaces_top_level_keys(tmp_path):
    path = tmp_path / "lab.toml"
    path.write_text(
        'icServer = "lab1"\n'
        "[features]\nconnection = 3\nstatus = 1\n\n"
        '[[users]]\nid = "qa"\npassword = "pw"\ndisplayName = "QA"\n'
    )
    scenario = load_scenario(path)
    assert scenario.ic_server == "lab1"
    assert scenario.features == {"connection": 3, "status": 1}
    assert list(scenario.users) == ["qa"]
    assert scenario.statuses, "keys the file does not name keep their defaults"


@pytest.mark.parametrize(
    ("name", "text", "complaint"),
    [
        ("broken.json", "{", "is not valid JSON"),
        ("broken.toml", "a = ", "is not valid TOML"),
        ("list.json", "[]", "must hold an object"),
        ("nohost.json", '{"hosts": []}', "has no hosts"),
        ("nopw.json", '{"users": [{"id": "x"}]}', "needs 'id' and 'password'"),
        ("badfeature.json", '{"features": {"x": "one"}}', "is malformed"),
    ],
)
def test_bad_scenarios_name_the_file_and_the_problem(tmp_path, name, text, complaint):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ScenarioError, match=complaint) as error:
        load_scenario(path)
    assert name in str(error.value)


def test_missing_scenario_file():
    with pytest.raises(ScenarioError, match="Cannot read scenario file"):
        load_scenario("/no/such/scenario.json")


def test_shipped_toml_scenario_makes_clients_poll(start_simulator):
    from ICWSLibrary.client import ICWSSession

    server = start_simulator(SCENARIOS / "older-server.toml")
    session = ICWSSession(server.url)
    session.connect("qa.agent", "lab-password")
    session.status.subscribe(["qa.agent"])
    assert session.channel.mode.value == "polling"
    assert session.channel.wait_until(lambda: "qa.agent" in session.status.user_statuses, 5)
    assert server.scenario.user("qa.supervisor").may("setOthersStatus")
    session.disconnect()


@pytest.mark.parametrize(
    ("data", "complaint"),
    [
        ({"users": [{"id": "a", "password": "p", "rights": "setOthersStatus"}]}, "'rights' of a"),
        ({"users": [{"id": "a", "password": "p", "allowedStatuses": "Available"}]}, "'allowed"),
        ({"users": {"id": "a"}}, "'users' must be a list of objects"),
        ({"hosts": [{"name": "cic"}]}, "every host needs an 'address'"),
        ({"hosts": [{"address": "127.0.0.1", "accepting": "false"}]}, "'accepting' must be"),
        ({"hosts": [{"address": "127.0.0.1", "alternateHostList": "b"}]}, "'alternateHostList'"),
    ],
)
def test_values_of_the_wrong_shape_are_refused_not_misread(tmp_path, data, complaint):
    path = tmp_path / "shape.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ScenarioError, match=complaint) as error:
        load_scenario(path)
    assert "shape.json" in str(error.value)


def test_can_set_others_status_is_another_spelling_of_the_right():
    scenario = load_scenario(
        {"users": [{"id": "lead", "password": "p", "rights": ["canSetOthersStatus"]}]}
    )
    assert scenario.user("lead").may("setOthersStatus")


def test_a_simulator_leaves_the_scenario_object_it_was_given_unchanged():
    scenario = load_scenario(SCENARIOS / "switchover.json")
    with ICWSSimulator(scenario, host="127.0.0.5") as simulator:
        simulator.set_host_accepting("127.0.0.3", True)
        assert simulator.scenario.hosts[0].address == "127.0.0.5"
    assert scenario.hosts[0].address == "127.0.0.1"
    assert scenario.host("127.0.0.3").accepting is False


def test_the_loop_scenario_refuses_on_both_hosts_naming_each_other(start_simulator):
    server = start_simulator(SCENARIOS / "switchover-loop.json")
    assert server.url == server.urls["127.0.0.1"]
    first, second = logon(server.urls["127.0.0.1"]), logon(server.urls["127.0.0.2"])
    assert (first.status_code, second.status_code) == (503, 503)
    assert first.json()["alternateHostList"] == ["127.0.0.2"]
    assert second.json()["alternateHostList"] == ["127.0.0.1"]


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"singleSesionPerUser": True}, "unknown key 'singleSesionPerUser' in the scenario"),
        ({"users": [{"id": "a", "password": "p", "displayname": "A"}]}, "'displayname' in user a"),
        ({"hosts": [{"address": "127.0.0.1", "acepting": True}]}, "'acepting' in host 127.0.0.1"),
        ({"faults": [{"kind": "drop", "cuont": 2}]}, "'cuont' in a fault"),
        ({"sessionIdleTimeout": -5}, "'sessionIdleTimeout' must be a number"),
        ({"sessionIdleTimeout": 0}, "'sessionIdleTimeout' must be a number"),
        ({"sessionIdleTimeout": float("nan")}, "'sessionIdleTimeout' must be a number"),
        ({"sessionIdleTimeout": 10**400}, "'sessionIdleTimeout' must be a number"),
    ],
)
def test_misspelt_or_wrong_keys_are_named(data, named):
    with pytest.raises(ScenarioError, match=named):
        load_scenario(data)


@pytest.mark.parametrize("count", [-1, "x"])
def test_a_fault_count_below_zero_is_refused(count):
    with pytest.raises((ScenarioError, ValueError), match="count"):
        ICWSSimulator({"faults": [{"kind": "drop", "count": count}]})


def test_idle_sessions_expire_and_say_so(start_simulator):
    import time

    server = start_simulator({"sessionIdleTimeout": 0.3})
    idle, busy = RawSession(server.url, "agent1"), RawSession(server.url, "agent2")
    for _ in range(4):
        time.sleep(0.1)
        assert busy.request("GET", "/connection").status_code == 200
    state = idle.request("GET", "/connection").json()
    assert (state["connectionState"], state["shouldReconnect"]) == (2, True)
    assert "inactivity" in state["reason"]
    assert idle.request("GET", "/status/user-statuses/agent1").status_code == 401
    assert [s["userID"] for s in server.sessions()] == ["agent2"]


def test_shipped_scenarios_load_by_name_and_are_listed():
    from ICWSLibrary.simulator.scenario import shipped_scenarios

    names = shipped_scenarios()
    assert {"default", "switchover", "switchover-loop", "older-server"} <= set(names)
    assert all(names.values()), "every shipped scenario says what it is"
    assert load_scenario("switchover").host("127.0.0.2").accepting
    with pytest.raises(ScenarioError, match="shipped: default, older-server"):
        load_scenario("no-such-scenario")


def test_cli_lists_scenarios_and_says_its_version():
    import subprocess
    import sys

    from ICWSLibrary.version import __version__

    listed = subprocess.run(
        [sys.executable, "-m", "ICWSLibrary.simulator", "--list-scenarios"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert listed.stdout.split()[0] == "default" and "switchover-loop" in listed.stdout
    version = subprocess.run(
        [sys.executable, "-m", "ICWSLibrary.simulator", "--version"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert version.stdout.strip() == f"icws-simulator {__version__}"


def test_every_scenario_key_is_documented():
    from pathlib import Path

    from ICWSLibrary.simulator.scenario import load as module
    from ICWSLibrary.simulator.scenario.workforce import WORKFORCE_KEYS

    text = (Path(__file__).resolve().parents[2] / "docs" / "scenarios.md").read_text()
    keys = module.SCENARIO_KEYS | module.USER_KEYS | module.HOST_KEYS | module.WORKGROUP_KEYS
    keys |= WORKFORCE_KEYS
    missing = sorted(key for key in keys if f"`{key}`" not in text)
    assert missing == [], f"docs/scenarios.md does not describe {missing}"


def test_the_example_suite_printed_by_the_cli_runs_as_printed(tmp_path):
    import io
    import subprocess
    import sys

    import robot

    suite = tmp_path / "first.robot"
    printed = subprocess.run(
        [sys.executable, "-m", "ICWSLibrary.simulator", "--example"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    suite.write_text(printed.stdout)
    console = io.StringIO()
    rc = robot.run(
        str(suite), outputdir=str(tmp_path), loglevel="TRACE", stdout=console, stderr=console
    )
    assert rc == 0, console.getvalue()
    if SECRET_SUPPORTED:
        # At TRACE Robot logs every argument: the password shows unless it is a Secret.
        outputs = (tmp_path / "output.xml").read_text(), (tmp_path / "log.html").read_text()
        assert all("'1234'" not in text for text in outputs), "the password was logged"
        assert "Secret(value=" in outputs[0], "the suite did log its arguments"


def test_the_example_suite_keeps_a_plain_password_where_robot_has_no_secret(monkeypatch):
    from ICWSLibrary import examples

    assert ("${PASSWORD: Secret}" in examples.first_suite()) is SECRET_SUPPORTED
    monkeypatch.setattr(examples, "Secret", None)
    assert "${PASSWORD: Secret}" not in examples.first_suite()
    assert "${PASSWORD}    %{ICWS_PASSWORD=1234}" in examples.first_suite()


def test_the_example_suite_runs_against_a_server_given_as_its_tip_says(tmp_path, simulator):
    import io
    import re

    import robot

    from ICWSLibrary.examples import first_suite

    text = first_suite()
    tip = re.search(r"robot --variable (\w+):https://your-cic:8019 first_suite\.robot", text)
    assert tip, "the suite's documentation says how to aim it at a server"
    suite = tmp_path / "first_suite.robot"
    suite.write_text(text)
    console = io.StringIO()
    rc = robot.run(
        str(suite), variable=[f"{tip.group(1)}:{simulator.url}"], outputdir=str(tmp_path),
        stdout=console, stderr=console,
    )  # fmt: skip
    assert rc == 0, console.getvalue()
    logons = simulator.requests_seen("/icws/connection")
    assert [r["method"] for r in logons].count("POST") == 3, "each test logged on to that server"


def test_a_status_entry_with_an_unknown_key_is_an_error_naming_it():
    # A misplaced TOML table once swallowed a station list into a status.
    with pytest.raises(ScenarioError, match=r"unknown key 'stations' in status Lunch Break"):
        load_scenario({"statuses": [{"statusId": "Lunch Break", "stations": [{"id": "7001"}]}]})
    with pytest.raises(ScenarioError, match=r"isAcdStatus.*true or false"):
        load_scenario({"extraStatuses": [{"statusId": "Coaching", "isAcdStatus": "yes"}]})
    with pytest.raises(ScenarioError, match=r"status 'At Lunch' twice"):
        load_scenario({"extraStatuses": [{"statusId": "at lunch"}]})


def test_a_status_given_without_flags_answers_every_flag_false(start_simulator):
    from .helpers import Agent

    simulator = start_simulator({"extraStatuses": [{"statusId": "Coaching"}]})
    agent = Agent(simulator.url, "agent1")
    catalog = agent.call("GET", "/status/status-messages").json()["statusMessageList"]
    (coaching,) = [s for s in catalog if s["statusId"] == "Coaching"]
    flags = [key for key in coaching if key.startswith(("is", "can"))]
    assert sorted(flags) == sorted(STATUS_FLAGS)
    assert not any(coaching[flag] for flag in flags)
    assert coaching["messageText"] == "Coaching"


def test_extra_statuses_join_the_default_catalog():
    scenario = load_scenario(
        {"extraStatuses": [{"statusId": "Coaching", "isSelectableStatus": True}]}
    )
    default = load_scenario()
    ids = [s["statusId"] for s in scenario.statuses]
    assert ids == [s["statusId"] for s in default.statuses] + ["Coaching"]


STATUS_FLAGS = (
    "canHaveDate", "canHaveTime", "isDoNotDisturbStatus", "isSelectableStatus",
    "isPersistentStatus", "isForwardStatus", "isAfterCallWorkStatus", "isAcdStatus",
    "isAllowFollowUpStatus",
)  # fmt: skip


def test_the_default_scenario_description_names_every_user():
    from ICWSLibrary.simulator.scenario import shipped_scenarios

    scenario = load_scenario()
    description = shipped_scenarios()["default"]
    unnamed = [
        user.id for user in scenario.users.values()
        if user.id not in description and not user.id.startswith("agent")
    ]  # fmt: skip
    assert unnamed == [] and "agent1 to agent8" in description


@pytest.mark.parametrize("seconds", [1e10, float("inf"), float("nan"), -1, "15"])
def test_a_timeout_that_is_no_number_of_seconds_in_range_is_refused(seconds):
    workgroup = {"id": "Support", "members": ["agent1"], "alertTimeout": seconds}
    with pytest.raises(ScenarioError, match=r"'alertTimeout' of workgroup Support must be"):
        load_scenario({"workgroups": [workgroup]})


@pytest.mark.parametrize("password", [None, "", True, ["1234"]])
def test_a_password_that_is_no_text_is_refused(password):
    # null once became the password "None".
    with pytest.raises(ScenarioError, match=r"password of user qa.agent must be text"):
        load_scenario({"users": [{"id": "qa.agent", "password": password}]})


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        ("binary.json", bytes(range(256)) * 10, "is not UTF-8 text, so not JSON"),
        ("binary.toml", bytes(range(256)) * 10, "is not UTF-8 text, so not TOML"),
    ],
)
def test_a_deep_or_binary_scenario_or_recording_is_named_not_a_traceback(
    tmp_path, name, content, says
):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ScenarioError) as failure:
        load_scenario(path)
    assert str(path) in str(failure.value) and says in str(failure.value)
    if name.endswith(".json"):
        with pytest.raises(ValueError) as failure:
            ICWSSimulator(replay=path)
        assert str(path) in str(failure.value)
        assert says.replace(", so not JSON", "") in str(failure.value)


def test_a_users_personal_information_must_be_text():
    with pytest.raises(ScenarioError, match="'email' of user x must be text"):
        load_scenario({"users": [{"id": "x", "password": "1", "email": ["a@b"]}]})
