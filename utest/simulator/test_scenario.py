import pytest

from ICWSLibrary.simulator import ScenarioError, load_scenario


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
    expected = "activations statistics configuration connection directories interactions"
    expected += " licenses messaging queues session status wfm"
    assert set(expected.split()) <= set(scenario.features)


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

    from ..conftest import SCENARIOS

    server = start_simulator(SCENARIOS / "older-server.toml")
    session = ICWSSession(server.url)
    session.connect("qa.agent", "lab-password")
    session.status.subscribe(["qa.agent"])
    assert session.channel.mode.value == "polling"
    assert session.channel.wait_until(lambda: "qa.agent" in session.channel.user_statuses, 5)
    assert server.scenario.user("qa.supervisor").may("setOthersStatus")
    session.disconnect()
