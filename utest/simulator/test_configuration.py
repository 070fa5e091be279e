"""The simulated configuration store: select, where, rightsFilter and Range as the
reference describes them, writes by administrators, configuration subscriptions, and the
wrap-up rules of after-call work (CONTACT-CENTER.md 2.3-2.5)."""

import json

import pytest

from ICWSLibrary.simulator.scenario import ScenarioError, load_scenario

from .helpers import RawSession, error_of
from .test_contact_center import Agent

WORKGROUPS_MESSAGE = "urn:inin.com:configuration.people:workgroupsMessage"
USER_STATUS = "urn:inin.com:status:userStatusMessage"


def get(session, path, **params):
    headers = params.pop("headers", {})
    return session.request("GET", f"/configuration/{path}", params=params, headers=headers)


def ids(response):
    assert response.status_code == 200, response.text
    return [item["configurationId"]["id"] for item in response.json()["items"]]


# -- reading -----------------------------------------------------------------------------


def test_a_workgroup_answers_only_the_selected_properties(simulator):
    agent = RawSession(simulator.url, "agent1")
    response = get(agent, "workgroups/Support", select="members,queueType", rightsFilter="view")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"configurationId", "members", "queueType"}
    assert body["configurationId"] == {
        "id": "Support", "displayName": "Support", "uri": "/configuration/workgroups/Support"
    }  # fmt: skip
    assert [m["id"] for m in body["members"]] == ["agent1", "agent2", "agent3", "agent4"]
    assert body["members"][0]["uri"] == "/configuration/users/agent1"
    assert body["queueType"] == 5  # ACD


def test_without_select_only_the_configuration_id_comes_back(simulator):
    agent = RawSession(simulator.url, "agent1")
    body = get(agent, "users/agent1", rightsFilter="view").json()
    assert list(body) == ["configurationId"]


def test_star_selects_every_property_and_nulls_are_left_out(simulator):
    agent = RawSession(simulator.url, "agent1")
    kevin = get(agent, "users/kevin.glinski", select="*", rightsFilter="view").json()
    # Kevin has no default workstation: the null property is not answered at all.
    assert "defaultWorkstation" not in kevin and kevin["extension"] == "1000"
    agent1 = get(agent, "users/agent1", select="*", rightsFilter="view").json()
    assert agent1["defaultWorkstation"]["id"] == "7001"
    assert agent1["licenseProperties"]["mediaLevel"] == 1
    assert agent1["licenseProperties"]["hasClientAccess"] is True
    assert [w["id"] for w in agent1["workgroups"]] == ["Support"]
    skills = {s["id"]["id"]: s["proficiency"] for s in agent1["skills"]["effectiveValue"]}
    assert skills == {"English": 80, "Hardware": 60}


def test_a_workgroup_name_with_a_space_has_an_escaped_uri(start_simulator):
    scenario = {"workgroups": [{"id": "AVP Sales", "members": ["agent1"]}]}
    simulator = start_simulator(scenario)
    agent = RawSession(simulator.url, "agent1")
    body = get(agent, "users/agent1", select="workgroups", rightsFilter="view").json()
    # [real] as a recorded body has it
    assert body["workgroups"] == [
        {
            "id": "AVP Sales",
            "displayName": "AVP Sales",
            "uri": "/configuration/workgroups/AVP%20Sales",
        }
    ]


def test_an_unknown_object_is_404_and_an_unknown_property_is_400_naming_the_known(simulator):
    agent = RawSession(simulator.url, "agent1")
    missing = get(agent, "workgroups/Nowhere", rightsFilter="view")
    assert missing.status_code == 404
    assert "Nowhere" in error_of(missing)["message"]
    wrong = get(agent, "workgroups/Support", select="memberz", rightsFilter="view")
    assert wrong.status_code == 400
    assert "memberz" in error_of(wrong)["message"] and "members" in error_of(wrong)["message"]


def test_rights_filter_admin_is_the_default_and_needs_the_right(simulator):
    agent = RawSession(simulator.url, "agent1")
    # [doc] rightsFilter defaults to admin: an agent who forgets view gets 403.
    refused = get(agent, "workgroups/Support", select="members")
    assert refused.status_code == 403
    assert error_of(refused)["errorId"] == "error.request.accessDenied"
    assert get(agent, "workgroups/Support", rightsFilter="ADMIN").status_code == 403
    admin = RawSession(simulator.url, "administrator")
    assert get(admin, "workgroups/Support", select="members").status_code == 200
    # A list lists no 403: the admin filter leaves an agent an empty list.
    assert ids(get(agent, "workgroups", rightsFilter="admin")) == []
    assert ids(get(admin, "workgroups")) == ["Sales", "Support"]
    bad = get(agent, "workgroups", rightsFilter="owner")
    assert bad.status_code == 400 and "rightsFilter" in error_of(bad)["message"]


def test_lists_sort_by_display_name_and_answer_items(simulator):
    agent = RawSession(simulator.url, "agent1")
    response = get(agent, "wrap-up-codes", select="digits,label", rightsFilter="view")
    assert ids(response) == ["Callback Requested", "Escalated", "No Sale", "Resolved", "Sale"]
    first = response.json()["items"][0]
    assert first["digits"] == "3" and first["label"] == {"defaultValue": "Callback Requested"}
    assert ids(get(agent, "stations", rightsFilter="view"))[:2] == ["7001", "7002"]
    assert ids(get(agent, "skills", rightsFilter="view")) == [
        "Billing", "English", "Hardware", "Spanish"
    ]  # fmt: skip
    assert ids(get(agent, "roles", rightsFilter="view")) == ["Administrator", "Agent", "Supervisor"]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("configurationId.id eq agent1", ["agent1"]),
        ("configurationId.id EQ AGENT1", ["agent1"]),
        ("configurationId.id sw agent", [f"agent{n}" for n in range(1, 9)]),
        ("configurationId.displayName ct glin", ["kevin.glinski"]),
        ("configurationId.id sw agent, extension eq 1003", ["agent3"]),
        ("extension sw 10, configurationId.id ct 8", ["agent8"]),
        ("configurationId.id eq nobody", []),
    ],
)
def test_where_keeps_the_items_meeting_every_condition(simulator, where, expected):
    agent = RawSession(simulator.url, "agent1")
    assert ids(get(agent, "users", where=where, rightsFilter="view")) == expected


@pytest.mark.parametrize(
    ("where", "says"),
    [
        ("password eq 1234", "not supported for password"),
        ("configurationId.id like agent", "is not 'property eq|sw|ct value'"),
        ("agent1", "is not 'property eq|sw|ct value'"),
    ],
)
def test_a_where_the_server_cannot_answer_is_400_saying_why(simulator, where, says):
    agent = RawSession(simulator.url, "agent1")
    response = get(agent, "users", where=where, rightsFilter="view")
    assert response.status_code == 400 and says in error_of(response)["message"]


def test_range_pages_a_list_with_properties_and_caps_it_at_200(start_simulator):
    users = [{"id": f"u{n:03d}", "password": "1234"} for n in range(450)]
    simulator = start_simulator({"users": users})
    session = RawSession(simulator.url, "u000")

    def page(header=None, **params):
        headers = {"Range": header} if header else {}
        return ids(get(session, "users", rightsFilter="view", headers=headers, **params))

    assert page(select="extension") == [f"u{n:03d}" for n in range(200)]  # [doc] at most 200
    assert page("items=200-399", select="extension") == [f"u{n:03d}" for n in range(200, 400)]
    assert page("items=400-599", select="extension") == [f"u{n:03d}" for n in range(400, 450)]
    assert page("items=10-12", select="extension") == ["u010", "u011", "u012"]
    # [doc] Without properties, every item, whatever the Range.
    assert len(page("items=0-9")) == 450
    bad = get(session, "users", rightsFilter="view", headers={"Range": "rows=1-2"})
    assert bad.status_code == 400 and "items=first-last" in error_of(bad)["message"]


# -- writing -----------------------------------------------------------------------------


def test_an_administrator_creates_updates_and_deletes_a_workgroup(simulator):
    admin = RawSession(simulator.url, "administrator")
    body = {
        "configurationId": {"id": "Billing"},
        "extension": "2003",
        "members": [{"id": "agent3"}, "agent4"],
        "isWrapUpActive": True,
        "wrapUpCodes": ["Resolved"],
    }
    created = admin.request("POST", "/configuration/workgroups", json=body)
    assert created.status_code == 201, created.text
    # [doc] Configuration.UpdateOperationResult {id, uri, licenseProblems}.
    assert created.json() == {
        "id": "Billing",
        "uri": "/configuration/workgroups/Billing",
        "licenseProblems": [],
    }
    read = get(admin, "workgroups/billing", select="members,extension,isWrapUpActive").json()
    assert [m["id"] for m in read["members"]] == ["agent3", "agent4"]
    assert read["extension"] == "2003" and read["isWrapUpActive"] is True
    # The new workgroup routes: its members start activated.
    agent = Agent(simulator.url, "agent3", "7003")
    call_id = simulator.place_inbound_call("Billing", "3175550100", "Caller")
    assert agent.state(call_id) == "A"
    updated = admin.request("PUT", "/configuration/workgroups/Billing", json={"extension": "2009"})
    assert updated.status_code == 200
    assert get(admin, "workgroups/Billing", select="extension").json()["extension"] == "2009"
    deleted = admin.request("DELETE", "/configuration/workgroups/Billing")
    assert deleted.status_code == 204
    assert get(admin, "workgroups/Billing").status_code == 404


def test_an_administrator_changes_a_users_workgroups_and_skills(simulator):
    admin = RawSession(simulator.url, "administrator")
    change = {
        "workgroups": ["Support", "Sales"],
        "skills": [{"id": {"id": "Spanish"}, "proficiency": 40, "desireToUse": 10}],
    }
    response = admin.request("PUT", "/configuration/users/agent1", json=change)
    assert response.status_code == 200, response.text
    sales = get(admin, "workgroups/Sales", select="members").json()
    assert "agent1" in [m["id"] for m in sales["members"]]
    user = get(admin, "users/agent1", select="skills", actualValues="true").json()
    assert [(s["id"]["id"], s["proficiency"]) for s in user["skills"]["actualValue"]] == [
        ("Spanish", 40)
    ]


@pytest.mark.parametrize(
    ("path", "body", "says"),
    [
        ("workgroups", {"extension": "1"}, "configurationId.id is required"),
        ("workgroups", {"configurationId": {"id": "Support"}}, "already exists"),
        ("workgroups", {"configurationId": "X", "members": ["nobody"]}, "no known user"),
        ("workgroups", {"configurationId": "X", "wrapUpCodes": ["Nope"]}, "no known wrap-up"),
        ("workgroups", {"configurationId": "X", "wrapUpStatus": "Nope"}, "no known status"),
        ("workgroups", {"configurationId": "X", "isActive": "yes"}, "true or false"),
        ("workgroups", {"configurationId": "X", "colour": "red"}, "property colour"),
        ("users", {"configurationId": "u", "skills": [{"id": "Juggling"}]}, "known skill"),
    ],
)
def test_a_bad_write_is_400_saying_why_and_changes_nothing(simulator, path, body, says):
    admin = RawSession(simulator.url, "administrator")
    before = ids(get(admin, path))
    response = admin.request("POST", f"/configuration/{path}", json=body)
    assert response.status_code == 400 and says in error_of(response)["message"]
    assert ids(get(admin, path)) == before


def test_writes_by_a_user_without_the_right_are_403(simulator):
    supervisor = RawSession(simulator.url, "supervisor")
    for method, path in (
        ("POST", "/configuration/users"),
        ("PUT", "/configuration/workgroups/Support"),
        ("DELETE", "/configuration/users/agent1"),
    ):
        response = supervisor.request(method, path, json={"configurationId": {"id": "x"}})
        assert response.status_code == 403, (method, path)
    assert ids(get(supervisor, "users", where="configurationId.id eq agent1", rightsFilter="view"))


def test_deleting_a_user_ends_their_sessions_and_membership(simulator):
    admin = RawSession(simulator.url, "administrator")
    agent = RawSession(simulator.url, "agent2")
    assert admin.request("DELETE", "/configuration/users/agent2").status_code == 204
    assert agent.request("GET", "/status/user-statuses/agent2").status_code == 401
    members = get(admin, "workgroups/Support", select="members").json()["members"]
    assert "agent2" not in [m["id"] for m in members]


# -- subscriptions -----------------------------------------------------------------------


def test_a_configuration_subscription_hears_added_changed_and_removed(simulator):
    agent = RawSession(simulator.url, "agent1")
    admin = RawSession(simulator.url, "administrator")
    body = {"configurationIds": ["*"], "properties": ["extension"], "rightsFilter": "view"}
    response = agent.request(
        "PUT", "/messaging/subscriptions/configuration/workgroups/w", json=body
    )
    assert response.status_code == 200, response.text
    (first,) = agent.messages()
    assert first["__type"] == WORKGROUPS_MESSAGE and first["isDelta"] is False
    assert {item["configurationId"]["id"]: item["extension"] for item in first["added"]} == {
        "Support": "2001", "Sales": "2002"
    }  # fmt: skip
    admin.request("POST", "/configuration/workgroups", json={"configurationId": {"id": "New"}})
    admin.request("PUT", "/configuration/workgroups/Sales", json={"extension": "2222"})
    # A change to a property not subscribed to is not news.
    admin.request("PUT", "/configuration/workgroups/Support", json={"hasQueue": False})
    admin.request("DELETE", "/configuration/workgroups/New")
    added, changed, removed = agent.messages()
    assert [i["configurationId"]["id"] for i in added["added"]] == ["New"]
    assert "extension" not in added["added"][0]  # nulls are left out
    assert changed["changed"] == [
        {"configurationId": first["added"][1]["configurationId"], "extension": "2222"}
    ]
    assert removed["removed"] == ["New"]  # [doc] String[]
    stop = agent.request("DELETE", "/messaging/subscriptions/configuration/workgroups/w")
    assert stop.status_code == 204
    admin.request("PUT", "/configuration/workgroups/Sales", json={"extension": "2002"})
    assert agent.messages() == []


def test_a_subscription_needs_ids_properties_and_rights_filter(simulator):
    agent = RawSession(simulator.url, "agent1")
    for missing in ("configurationIds", "properties", "rightsFilter"):
        body = {"configurationIds": ["*"], "properties": ["extension"], "rightsFilter": "view"}
        del body[missing]
        response = agent.request("PUT", "/messaging/subscriptions/configuration/users/u", json=body)
        assert response.status_code == 400 and error_of(response)["propertyName"] == missing


# -- wrap-up -----------------------------------------------------------------------------


def answered_sales_call(simulator, agent):
    call_id = simulator.place_inbound_call("Sales", "3175550100", "Caller")
    assert agent.call("POST", f"/interactions/{call_id}/pickup").status_code == 200
    return call_id


def status_of(session, user):
    return session.request("GET", f"/status/user-statuses/{user}").json()["statusId"]


def assignment(call_id, code, segment=1, user="agent5"):
    return {"code": code, "segmentId": segment, "time": "20261123T120000Z", "user": user,
            "sourceInteractionId": call_id}  # fmt: skip


def test_after_call_work_lasts_until_a_code_is_assigned(simulator):
    agent = Agent(simulator.url, "agent5", "7005")
    call_id = answered_sales_call(simulator, agent)
    assert agent.attribute(call_id, "Eic_WrapupConnectionSegments") == "1"
    simulator.hang_up(call_id)
    assert status_of(agent, "agent5") == "Follow Up"
    # The interaction waits in the agent's queue for its wrap-up code.
    simulator.advance_time(10)
    assert agent.state(call_id) == "E"
    response = agent.call("POST", f"/interactions/{call_id}/wrap-up-assignments",
                          assignment(call_id, "sale"))  # fmt: skip
    assert response.status_code == 201, response.text
    assert status_of(agent, "agent5") == "Available"
    assert agent.attribute(call_id, "Eic_WrapUpCode") == "Sale"
    simulator.advance_time(3)
    assert agent.call("GET", f"/interactions/{call_id}").status_code == 404


def test_after_call_work_ends_by_itself_after_the_timeout(simulator):
    agent = Agent(simulator.url, "agent5", "7005")
    agent.request("PUT", "/messaging/subscriptions/status/user-statuses",
                  json={"userIds": ["agent5"]})  # fmt: skip
    call_id = answered_sales_call(simulator, agent)
    agent.call("POST", f"/interactions/{call_id}/disconnect")
    simulator.advance_time(29)
    assert status_of(agent, "agent5") == "Follow Up"
    simulator.advance_time(2)
    assert status_of(agent, "agent5") == "Available"
    seen = [m["statusId"] for m in agent.messages() if m["__type"] == USER_STATUS
            for m in m.get("userStatusList", [])]  # fmt: skip
    assert seen[-2:] == ["Follow Up", "Available"]


def test_an_agent_who_chooses_another_status_keeps_it_when_after_call_work_ends(simulator):
    agent = Agent(simulator.url, "agent5", "7005")
    call_id = answered_sales_call(simulator, agent)
    simulator.hang_up(call_id)
    agent.request("PUT", "/status/user-statuses/agent5", json={"statusId": "At Lunch"})
    simulator.advance_time(31)
    assert status_of(agent, "agent5") == "At Lunch"


def test_a_workgroup_without_wrap_up_puts_nobody_in_after_call_work(simulator):
    agent = Agent(simulator.url, "agent1", "7001")
    call_id = simulator.place_inbound_call("Support", "3175550100", "Caller")
    agent.call("POST", f"/interactions/{call_id}/pickup")
    simulator.hang_up(call_id)
    assert status_of(agent, "agent1") == "Available"
    # Its codes may still be assigned.
    response = agent.call("POST", f"/interactions/{call_id}/wrap-up-assignments",
                          assignment(call_id, "Resolved", user="agent1"))  # fmt: skip
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"code": "Resolved"}, "not a wrap-up code of workgroup Sales; its codes: Sale, No Sale"),
        ({"segmentId": 2}, "has no segment 2"),
        ({"segmentId": "1"}, "segmentId must be a number"),
        ({"user": "nobody"}, "no user 'nobody'"),
        ({"time": None}, "time is missing"),
        ({"code": ""}, "code is missing"),
    ],
)
def test_a_wrap_up_assignment_that_does_not_apply_is_400(simulator, change, says):
    agent = Agent(simulator.url, "agent5", "7005")
    call_id = answered_sales_call(simulator, agent)
    simulator.hang_up(call_id)
    body = {**assignment(call_id, "Sale"), **change}
    response = agent.call("POST", f"/interactions/{call_id}/wrap-up-assignments", body)
    assert response.status_code == 400 and says in error_of(response)["message"]
    assert status_of(agent, "agent5") == "Follow Up"


def test_an_interaction_not_routed_through_a_workgroup_takes_no_code(simulator):
    agent = Agent(simulator.url, "agent1", "7001")
    call = agent.call(
        "POST",
        "/interactions",
        {"__type": "urn:inin.com:interactions:createCallParameters", "target": "3175550100"},
    )
    call_id = call.json()["interactionId"]
    response = agent.call("POST", f"/interactions/{call_id}/wrap-up-assignments",
                          assignment(call_id, "Resolved", user="agent1"))  # fmt: skip
    assert response.status_code == 400
    assert "not connected to an agent through a workgroup" in error_of(response)["message"]


# -- scenario ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scenario", "says"),
    [
        ({"skills": [{"id": "Juggling"}]}, "skill 'English', which is not in 'skills'"),
        ({"wrapUpCodes": [{"id": "X", "category": "Nope"}]}, "is not a wrap-up category"),
        ({"workgroups": [{"id": "W", "wrapUpCodes": ["Nope"]}]}, "names unknown ids: Nope"),
        ({"workgroups": [{"id": "W", "wrapUpStatus": "Napping"}]}, "wrapUpStatus"),
        ({"workgroups": [{"id": "W", "isWrapUpActive": "yes"}]}, "true or false"),
        ({"users": [{"id": "u", "password": "p", "skills": {"English": {"proficiency": 101}}}]},
         "from 0 to 100"),
        ({"users": [{"id": "u", "password": "p", "mediaLevel": 4}]}, "0, 1, 2 or 3"),
        ({"users": [{"id": "u", "password": "p", "roles": ["King"]}]}, "unknown ids: King"),
        ({"roles": [{"name": "x"}]}, "unknown key 'name'"),
    ],
)  # fmt: skip
def test_scenario_configuration_mistakes_are_named(scenario, says):
    with pytest.raises(ScenarioError, match=None) as raised:
        load_scenario(scenario)
    assert says in str(raised.value)


def test_every_writable_property_is_a_field_of_the_scenario_object(simulator):
    """Writes set the scenario object's field named like the property in snake case: a
    property without its field would be set on the side and change nothing."""
    import dataclasses

    from ICWSLibrary.simulator.configuration.objects import _snake_case
    from ICWSLibrary.simulator.scenario import User, Workgroup

    store = simulator.model.configuration.store
    for kind, cls, extra in (("users", User, {"displayName"}), ("workgroups", Workgroup, set())):
        fields = {f.name for f in dataclasses.fields(cls)}
        names = set(store.types[kind].writable) - {"workgroups"} | extra
        assert {_snake_case(name) for name in names} <= fields, kind


@pytest.mark.parametrize("seconds", [10**400, 1e10, -5, True], ids=["huge", "1e10", "-5", "true"])
def test_an_administrator_cannot_set_a_timeout_out_of_range(simulator, seconds):
    import json as json_module

    admin = RawSession(simulator.url, "administrator")
    answer = admin.request(
        "PUT", "/configuration/workgroups/Sales",
        data=json_module.dumps({"wrapUpTimeout": seconds}),
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    assert answer.status_code == 400, answer.text
    assert "wrapUpTimeout" in answer.json()["message"]
    assert get(admin, "workgroups/Sales", select="wrapUpTimeout").status_code == 200


@pytest.mark.parametrize("wanted", ["items=0-" + "9" * 5000, "items=5-2"], ids=["huge", "reversed"])
def test_a_range_that_is_no_range_is_a_400(simulator, wanted):
    admin = RawSession(simulator.url, "administrator")
    answer = admin.request(
        "GET", "/configuration/users", params={"select": "extension"}, headers={"Range": wanted}
    )
    assert answer.status_code == 400, answer.text[:200]
    assert len(answer.text) < 1000, "the refusal does not echo a huge header"


def test_a_user_an_administrator_creates_logs_on_only_once_given_a_password(simulator):
    from .helpers import logon

    admin = RawSession(simulator.url, "administrator")
    created = admin.request(
        "POST", "/configuration/users", json={"configurationId": {"id": "qa.new"}}
    )
    assert created.status_code == 201, created.text
    assert logon(simulator.url, "qa.new", "").status_code == 400, "no password, no logon"
    assert (
        admin.request("PUT", "/configuration/users/qa.new", json={"password": ""}).status_code
        == 400
    )
    changed = admin.request("PUT", "/configuration/users/qa.new", json={"password": "N3w-pass"})
    assert changed.status_code == 200, changed.text
    assert logon(simulator.url, "qa.new", "N3w-pass").status_code == 201
    read = get(admin, "users/qa.new", select="*").json()
    assert "N3w-pass" not in json.dumps(read), "a password is never read back"


def test_reads_refuse_what_selects_or_matches_nothing_and_writes_count_a_member_once(simulator):
    admin = RawSession(simulator.url, "administrator")
    unclosed = admin.request(
        "GET", "/configuration/users", params={"where": "extension eq '1001", "select": "extension"}
    )
    assert unclosed.status_code == 400 and "unclosed quote" in unclosed.json()["message"]
    inside_text = get(admin, "users/agent1", select="extension.foo.bar")
    assert inside_text.status_code == 400 and "extension" in inside_text.json()["message"]
    assert get(admin, "users/agent1", select="licenseProperties.mediaLevel").status_code == 200
    created = admin.request("POST", "/configuration/workgroups", json={
        "configurationId": {"id": "Dup"}, "members": ["agent3", "agent3", "AGENT3"]})  # fmt: skip
    assert created.status_code == 201
    members = get(admin, "workgroups/Dup", select="members").json()["members"]
    assert [m["id"] for m in members] == ["agent3"]


def test_additional_licenses_are_the_add_ons_with_their_allocation_uri(start_simulator):
    # [real] A user body lists add-ons only (the client access and ACD licences are
    # hasClientAccess and mediaLevel), each with a display name and a uri.
    simulator = start_simulator({"users": [{
        "id": "recorded", "password": "1234", "rights": ["configurationAdmin"],
        "licenses": ["I3_ACCESS_CLIENT", "I3_ACCESS_ACD", "I3_ACCESS_RECORDER"],
    }], "workgroups": []})  # fmt: skip
    session = RawSession(simulator.url, "recorded")
    body = get(session, "users/recorded", select="licenseProperties").json()
    assert body["licenseProperties"]["additionalLicenses"] == [{
        "id": "I3_ACCESS_RECORDER", "displayName": "Interaction Recorder Access",
        "uri": "/configuration/license-allocations/I3_ACCESS_RECORDER",
    }]  # fmt: skip


def test_order_by_sorts_a_list_by_a_property_either_way(simulator):
    # [doc] "To order in descending order use: orderBy=configurationId.id desc"; it was
    # ignored (ascending came back).
    agent = RawSession(simulator.url, "agent1")
    view = {"rightsFilter": "view", "where": "configurationId.id sw agent"}
    ascending = ids(get(agent, "users", **view))
    descending = ids(get(agent, "users", orderBy="configurationId.id desc", **view))
    assert descending == sorted(ascending, key=str.casefold, reverse=True) != ascending
    by_extension = ids(get(agent, "users", orderBy="extension asc", **view))
    assert by_extension[0] == "agent1"
    refused = get(agent, "users", orderBy="favouriteColour desc", **view)
    assert refused.status_code == 400
    assert error_of(refused)["propertyName"] == "orderBy"


def test_logged_in_user_reads_ones_own_configuration(simulator):
    # [real] The vendor's example reads its own user with rightsFilter=loggedInUser; it
    # was a 400 here.
    agent = RawSession(simulator.url, "agent1")
    own = get(agent, "users/agent1", select="extension", rightsFilter="loggedInUser")
    assert own.status_code == 200 and own.json()["extension"] == "1001"
    assert ids(get(agent, "users", rightsFilter="loggedInUser")) == ["agent1"]
    other = get(agent, "users/agent2", rightsFilter="loggedInUser")
    assert other.status_code == 403


def test_empty_collections_are_left_out_and_inheritable_ones_answer_the_values_asked(simulator):
    # [real] A user without workgroups has no workgroups key; roles is an inheritable
    # collection, {"effectiveValue": [...]} without the switches; the actualValues and
    # inheritedValues switches choose which values come back.
    admin = RawSession(simulator.url, "administrator")
    body = get(admin, "users/administrator", select="*").json()
    assert "workgroups" not in body and "skills" not in body
    assert body["roles"] == {"effectiveValue": [
        {"id": "Administrator", "displayName": "Administrator",
         "uri": "/configuration/roles/Administrator"}
    ]}  # fmt: skip
    both = get(admin, "users/administrator", select="roles", actualValues="true").json()
    assert set(both["roles"]) == {"actualValue", "effectiveValue"}
    own = get(admin, "users/agent1", select="skills", actualValues="true",
              inheritedValues="false").json()  # fmt: skip
    assert set(own["skills"]) == {"actualValue"}
    refused = get(admin, "users/agent1", select="skills", actualValues="maybe")
    assert refused.status_code == 400 and error_of(refused)["propertyName"] == "actualValues"


def test_select_takes_the_properties_a_real_user_and_workgroup_have(start_simulator):
    # [real] A vendor example selects extension,skills,workgroups,statusText,cost,
    # mailboxProperties.emailAddress,personalInformationProperties.notes; a real user body
    # has "statusText": "On Vacation" and "cost": 0; a queue-statistics client subscribes
    # to workgroups with isCallbackEnabled and isAcdEmailRoutingActive.
    simulator = start_simulator({"users": [
        {"id": "hphan", "password": "1234", "displayName": "Huy Phan", "extension": "2222",
         "firstName": "Huy", "lastName": "Phan", "email": "hphan@example.com",
         "department": "Sales", "title": "Lead", "statusText": "On Vacation"},
        {"id": "plain", "password": "1234"},
    ], "workgroups": [{"id": "Sales", "members": ["hphan"]}]})  # fmt: skip
    me = RawSession(simulator.url, "hphan")
    select = ("extension,skills,workgroups,statusText,cost,mailboxProperties.emailAddress,"
              "personalInformationProperties.notes,personalInformationProperties.surname")  # fmt: skip
    body = get(me, "users/hphan", select=select, rightsFilter="view").json()
    assert body["statusText"] == "On Vacation" and body["cost"] == 0
    # A dotted path answers that part alone; a null part is left out.
    assert body["mailboxProperties"] == {"emailAddress": "hphan@example.com"}
    assert body["personalInformationProperties"] == {"surname": "Phan"}
    whole = get(me, "users/hphan", select="personalInformationProperties", rightsFilter="view")
    assert whole.json()["personalInformationProperties"] == {
        "givenName": "Huy", "surname": "Phan", "emailAddress": "hphan@example.com",
        "departmentName": "Sales", "title": "Lead",
    }  # fmt: skip
    # Real properties the simulator holds no value for are null: not answered, not refused.
    plain = get(me, "users/plain", select="statusText,outboundAni,mailboxProperties",
                rightsFilter="view").json()  # fmt: skip
    assert list(plain) == ["configurationId"]
    group = get(me, "workgroups/Sales", rightsFilter="view",
                select="hasQueue,isActive,isWrapUpActive,isCallbackEnabled,isAcdEmailRoutingActive")  # fmt: skip
    assert group.status_code == 200, group.text
    assert group.json()["isCallbackEnabled"] is True
    assert group.json()["isAcdEmailRoutingActive"] is False
    wrong = get(me, "users/hphan", select="statusTxt", rightsFilter="view")
    assert wrong.status_code == 400 and "statusText" in error_of(wrong)["message"]


@pytest.mark.parametrize(
    ("kind", "item", "sdk_only"),
    [
        # [SDK] Configuration.People.js: properties each type has that the simulator
        # holds no value for; selecting them is no error, and as nulls they are left out.
        ("users", "agent1", "parkedCallTimeout,preferredLanguage,alias,vniStation,location"),
        ("workgroups", "Support", "callServiceLevelTarget,onHoldMusic,recordAll,wrapUpPrompt"),
        ("skills", "English", "userAssignments,workgroupAssignments,notes"),
        ("roles", "Agent", "users,workgroups,securityRights,passwordPolicies"),
        ("wrap-up-codes", "Resolved", "customAttributes,accessControlGroupAssignment"),
        ("wrap-up-categories", "Outcome", "isSuccessfulInteraction,recordStatus"),
        # [SDK] Configuration.Hardware.js Station.
        ("stations", "7001", "machineName,identificationAddress,ringSet,lineKeys,active"),
    ],
)
def test_select_takes_every_property_the_sdk_types_have(simulator, kind, item, sdk_only):
    admin = RawSession(simulator.url, "administrator")
    answer = get(admin, f"{kind}/{item}", select=sdk_only)
    assert answer.status_code == 200, answer.text
    assert list(answer.json()) == ["configurationId"]
    wrong = get(admin, f"{kind}/{item}", select="noSuchProperty")
    assert wrong.status_code == 400
    assert "noSuchProperty" in error_of(wrong)["message"]


def test_a_station_type_is_the_sdk_enum_number(simulator):
    # [SDK] StationType: StandAlonePhone 0, Workstation 1, StandAloneFaxMachine 2,
    # RemoteStation 3, UnifiedMessaging 4 (it was answered as the word "workstation").
    admin = RawSession(simulator.url, "administrator")
    body = get(admin, "stations/7001", select="stationType").json()
    assert body["stationType"] == 1
