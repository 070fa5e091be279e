"""The configuration client, used from Python without Robot: pages, filters, rights, and
the answers a server (or a proxy) should not give."""

import pytest

from ICWSLibrary.client import ICWSError, ICWSSession
from ICWSLibrary.client.configuration import ConfigurationAPI, property_at


@pytest.fixture
def agent(simulator):
    with ICWSSession(simulator.url, timeout=5) as session:
        session.connect("agent1", "1234")
        yield session


def test_an_object_comes_with_the_properties_asked_for(agent):
    found = agent.configuration.get("workgroups", "Sales", ["wrapUpCodes", "isWrapUpActive"])
    assert found["configurationId"]["id"] == "Sales" and found["isWrapUpActive"] is True
    assert agent.configuration.workgroup_wrap_up_codes("sales") == [
        "Sale", "No Sale", "Callback Requested"
    ]  # fmt: skip
    assert agent.configuration.workgroup_members("Support") == [
        "agent1", "agent2", "agent3", "agent4"
    ]  # fmt: skip
    assert agent.configuration.user_workgroups("agent5") == ["Sales"]
    assert agent.configuration.user_skills("agent2") == {
        "English": {"proficiency": 60, "desireToUse": 50},
        "Spanish": {"proficiency": 90, "desireToUse": 80},
    }


def test_an_unknown_object_is_refused_in_context(agent):
    with pytest.raises(ICWSError) as caught:
        agent.configuration.get("workgroups", "Nowhere")
    message = str(caught.value)
    assert message.startswith("Reading workgroups object 'Nowhere' was refused: ")
    assert caught.value.status == 404 and "error.request.notFound" in message


def test_admin_reads_are_refused_to_an_agent_and_lists_come_back_empty(agent):
    with pytest.raises(ICWSError) as caught:
        agent.configuration.get("users", "agent1", rights_filter="admin")
    assert caught.value.status == 403
    assert agent.configuration.list("users", ["extension"], rights_filter="admin") == []


@pytest.mark.parametrize(
    ("call", "says"),
    [
        (
            lambda c: c.get("users", "agent1", rights_filter="owner"),
            "view, admin, loggedInUser, not 'owner'",
        ),
        (lambda c: c.list("users/agent1"), "ICWS type name such as users"),
        (lambda c: c.list(""), "ICWS type name such as users"),
    ],
)
def test_bad_arguments_fail_before_any_request(agent, simulator, call, says):
    served = simulator.model.requests_served
    with pytest.raises(ICWSError, match=says):
        call(agent.configuration)
    assert simulator.model.requests_served == served


def test_a_long_list_is_read_page_by_page(start_simulator):
    users = [{"id": f"u{n:03d}", "password": "1234"} for n in range(450)]
    simulator = start_simulator({"users": users})
    with ICWSSession(simulator.url, timeout=5) as session:
        session.connect("u000", "1234")
        served = simulator.model.requests_served
        found = session.configuration.list("users", ["extension"])
        assert [item["configurationId"]["id"] for item in found] == [
            f"u{n:03d}" for n in range(450)
        ]
        assert simulator.model.requests_served - served == 3  # 200 + 200 + 50
        # Without properties the server answers every item at once.
        served = simulator.model.requests_served
        assert len(session.configuration.list("users")) == 450
        assert simulator.model.requests_served - served == 1
        some = session.configuration.list("users", ["extension"], where="configurationId.id sw u04")
        assert len(some) == 10


class FakeServer:
    """Answers every list read with the same page: a server or proxy that ignores Range."""

    user_id = "agent1"

    def __init__(self, answer):
        self.answer = answer
        self.calls = 0

    def call(self, method, path, body=None, **options):
        self.calls += 1
        return self.answer


def test_a_server_that_ignores_range_is_read_once_more_and_not_forever():
    items = [{"configurationId": {"id": f"u{n}"}} for n in range(200)]
    server = FakeServer({"items": items})
    found = ConfigurationAPI(server).list("users", ["extension"])
    assert len(found) == 200 and server.calls == 2


@pytest.mark.parametrize("answer", [None, [], {"item": []}, {"items": "all"}, "<html>"])
def test_a_list_that_is_not_items_is_a_clear_error(answer):
    with pytest.raises(ICWSError, match=r"The list of users objects came back as .*\"items\""):
        ConfigurationAPI(FakeServer(answer)).list("users")


def test_an_object_without_a_configuration_id_is_a_clear_error():
    with pytest.raises(ICWSError, match="not as an object with a configurationId"):
        ConfigurationAPI(FakeServer({"extension": "1"})).get("users", "agent1")


def test_dotted_paths_walk_objects_and_lists():
    item = {"licenseProperties": {"mediaLevel": 3}, "members": [{"id": "agent1"}]}
    assert property_at(item, "licenseProperties.mediaLevel") == 3
    assert property_at(item, "members.0.id") == "agent1"
    for path, missing in (
        ("members.1.id", "members.1"),
        ("extension", "extension"),
        ("licenseProperties.mediaLevel.x", "licenseProperties.mediaLevel.x"),
    ):
        with pytest.raises(KeyError) as caught:
            property_at(item, path)
        assert caught.value.args[0] == missing


@pytest.mark.parametrize("messaging", ["sse", "polling"])
def test_a_wrap_up_code_goes_to_the_last_segment_and_ends_after_call_work(simulator, messaging):
    with ICWSSession(simulator.url, messaging=messaging, timeout=5) as agent:
        agent.connect("agent5", "1234")
        agent.station.log_on("workstation", "7005")
        call_id = simulator.place_inbound_call("Sales", "3175550100", "Caller")
        agent.interactions.act(call_id, "pickup", verb="pick up")
        simulator.hang_up(call_id)
        assert agent.status.user_status("agent5")["statusId"] == "Follow Up"
        with pytest.raises(ICWSError) as caught:
            agent.interactions.assign_wrap_up(call_id, "Resolved")
        assert "'agent5' could not assign wrap-up code 'Resolved' to interaction" in str(
            caught.value
        )
        assert "its codes: Sale, No Sale, Callback Requested" in str(caught.value)
        assert agent.interactions.assign_wrap_up(call_id, "No Sale") == 1
        assert agent.status.user_status("agent5")["statusId"] == "Available"


def test_an_interaction_without_segments_says_why_it_takes_no_code(simulator):
    with ICWSSession(simulator.url, timeout=5) as agent:
        agent.connect("agent1", "1234")
        call_id = agent.interactions.create_generic("Support", "Web", {})
        with pytest.raises(ICWSError, match="has no wrap-up segment .* through a workgroup"):
            agent.interactions.assign_wrap_up(call_id, "Resolved")
