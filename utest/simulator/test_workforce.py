"""The agent's side of workforce management (wfm) on the simulator: the published weeks,
the schedule, time-off requests and what decides them, and the data versions a client
watches. [doc] GET wfm/data (select, startUtc, endUtc), POST and PUT wfm/time-off; [SDK]
the bodies (Wfm.js)."""

from datetime import datetime, timedelta, timezone

import pytest

from ICWSLibrary.protocol.dates import format_datetime, parse_datetime
from ICWSLibrary.simulator.scenario import ScenarioError, load_scenario

from .helpers import RawSession, error_of

VERSIONS = "urn:inin.com:wfm:dataVersionsMessage"
DAY = timedelta(days=1)


def dates_range(session):
    answer = session.request("GET", "/wfm/scheduledatesrange")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return parse_datetime(body["scheduleStartTimeUTC"]), parse_datetime(body["scheduleEndTimeUTC"])


def data(session, select, start=None, end=None):
    params = {"select": select}
    if start:
        params["startUtc"] = format_datetime(start)
    if end:
        params["endUtc"] = format_datetime(end)
    answer = session.request("GET", "/wfm/data", params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def next_monday(session):
    """Monday of next week: in the published weeks and always in the future."""
    first, _ = dates_range(session)
    return first + 8 * DAY


def ask(session, code="VAC", start=None, end=None, kind=3, **more):
    body = {"requestType": kind, "activityCodeId": code, "startUtc": format_datetime(start),
            "endUtc": format_datetime(end or start + DAY), **more}  # fmt: skip
    return session.request("POST", "/wfm/time-off", json=body)


def asked(session, *args, **kwargs):
    answer = ask(session, *args, **kwargs)
    assert answer.status_code == 201, answer.text
    return answer.json()


def requests_of(session):
    return {r["timeOffRequestId"]: r for r in data(session, "time-off")["timeOff"]["items"]}


def of_type(session, kind=VERSIONS):
    return [m for m in session.messages() if m["__type"] == kind]


def test_the_published_weeks_start_on_the_agents_first_day_of_the_week(simulator):
    first, last = dates_range(RawSession(simulator.url, "agent1"))
    now = datetime.now(timezone.utc)
    assert first.weekday() == 6 and (first.hour, first.minute) == (0, 0)  # a Sunday
    assert first <= now < first + 7 * DAY
    assert last - first == 28 * DAY


def test_the_schedule_has_every_worked_day_whole_and_nothing_else(simulator):
    agent = RawSession(simulator.url, "agent1")
    monday = next_monday(agent)
    # From Monday noon to Tuesday 10:00: both days come back whole.
    body = data(agent, "schedule", monday + 12 * timedelta(hours=1), monday + DAY + 10 * timedelta(hours=1))  # fmt: skip
    schedule = body["schedule"]
    assert schedule["__type"] == "urn:inin.com:wfm:versionedScheduleIntervalCollection"
    intervals = schedule["scheduleIntervals"]
    assert {i["scheduleId"] for i in intervals} == {
        f"agent1-{monday:%Y%m%d}",
        f"agent1-{monday + DAY:%Y%m%d}",
    }
    monday_shift = [i for i in intervals if i["scheduleId"].endswith(f"{monday:%Y%m%d}")]
    assert [(i["activityType"], i["activityCodeId"]) for i in monday_shift] == [
        (4, "WRK"), (1, "BRK"), (4, "WRK"), (2, "LUN"), (4, "WRK"), (1, "BRK"), (4, "WRK"),
    ]  # fmt: skip
    assert monday_shift[0]["startTimeUtc"] == format_datetime(monday + timedelta(hours=9))
    assert monday_shift[-1]["endTimeUtc"] == format_datetime(monday + timedelta(hours=17.5))
    lunch = monday_shift[3]
    assert lunch["isPaidTime"] is False and lunch["description"] == "Lunch"
    # The weekend is not worked.
    weekend = data(agent, "schedule", monday - 2 * DAY, monday)
    assert weekend["schedule"]["scheduleIntervals"] == []


def test_every_part_comes_back_and_only_the_selected_ones_are_filled(simulator):
    body = data(RawSession(simulator.url, "agent1"), "activity-codes,status-mappings")
    assert set(body) == {"schedule", "timeOff", "availability", "accrual", "activityCodes",
                         "statusMappings", "configuration", "notifications"}  # fmt: skip
    assert body["schedule"]["scheduleIntervals"] == [] and body["timeOff"]["items"] == []
    assert all(isinstance(part["version"], int) for part in body.values() if part)
    assert body["configuration"] is None
    codes = body["activityCodes"]["items"]
    assert codes["VAC"] == {
        "activityCodeId": "VAC", "activityType": 10, "activityCodeName": "Vacation",
        "shortName": "VAC", "isPaidTime": True, "isActive": True,
    }  # fmt: skip
    assert codes["BRK"]["lengthInMinutes"] == 15
    assert body["statusMappings"]["items"]["At Lunch"] == 2
    config = data(RawSession(simulator.url, "agent1"), "configuration")["configuration"]
    assert config["__type"] == "urn:inin.com:wfm:agentConfiguration"
    assert config["startDayOfWeek"] == 0 and config["fullTimeEquivalentDayMinutes"] == 480


@pytest.mark.parametrize(
    ("params", "status", "says"),
    [
        ({}, 400, "select is required"),
        ({"select": "schedule,trades"}, 400, "trades"),
        ({"select": "schedule", "startUtc": "yesterday"}, 400, "startUtc"),
        (
            {"select": "schedule", "startUtc": "20300102T000000Z", "endUtc": "20300101T000000Z"},
            416,
            "empty",
        ),  # fmt: skip
    ],
)
def test_a_bad_data_query_is_refused_saying_why(simulator, params, status, says):
    answer = RawSession(simulator.url, "agent1").request("GET", "/wfm/data", params=params)
    assert answer.status_code == status
    assert says in error_of(answer)["message"]


def test_a_user_without_a_schedule_is_not_an_agent(simulator):
    answer = RawSession(simulator.url, "supervisor").request("GET", "/wfm/scheduledatesrange")
    assert answer.status_code == 404
    assert "not a workforce management agent" in error_of(answer)["message"]


def test_a_vacation_within_the_balance_is_approved_and_charged(simulator):
    agent = RawSession(simulator.url, "agent1")
    monday = next_monday(agent)
    made = asked(agent, "VAC", monday, monday + 2 * DAY, description="Family")
    assert made["requestState"] == 5 and made["waitlistReason"] == 0 and made["denyReason"] == 0
    assert made["lengthInMinutes"] == 960 and made["isPaidTime"] is True
    assert made["cicUserName"] == "agent1" and made["submittedUserId"] == "agent1"
    assert made["description"] == "Family" and made["timeOffRequestId"]
    assert requests_of(agent)[made["timeOffRequestId"]] == made
    (plan,) = data(agent, "accrual")["accrual"]["items"]
    assert plan["minutesAccrued"] == 2400 - 960 and plan["codes"] == ["VAC"]


def test_a_code_outside_the_accrual_plan_waits_for_a_supervisor(simulator):
    agent = RawSession(simulator.url, "agent1")
    monday = next_monday(agent)
    made = asked(agent, "SCK", monday)
    assert (made["requestState"], made["waitlistReason"]) == (3, 2)
    reviewed = simulator.control("review time off").review_time_off(
        made["timeOffRequestId"], True, "supervisor"
    )
    assert reviewed["requestState"] == 5 and reviewed["reviewerUserId"] == "supervisor"
    assert requests_of(agent)[made["timeOffRequestId"]]["reviewedDateTimeUtc"]


def test_more_than_the_balance_waits(simulator):
    agent = RawSession(simulator.url, "agent1")
    monday = next_monday(agent)
    made = asked(agent, "VAC", monday, monday + 6 * DAY)  # 2,880 minutes of 2,400
    assert (made["requestState"], made["waitlistReason"]) == (3, 4)


def test_overlapping_an_own_request_is_denied(simulator):
    agent = RawSession(simulator.url, "agent2")
    monday = next_monday(agent)
    asked(agent, "VAC", monday, monday + 2 * DAY)
    again = asked(agent, "SCK", monday + DAY)
    assert (again["requestState"], again["denyReason"]) == (7, 5)


def test_a_full_day_uses_up_the_shared_allotment(simulator):
    agents = [RawSession(simulator.url, f"agent{n}") for n in (2, 3, 4)]
    monday = next_monday(agents[0])
    states = [asked(agent, "VAC", monday) for agent in agents]
    assert [(s["requestState"], s["waitlistReason"]) for s in states] == [(5, 0), (5, 0), (3, 5)]
    (day,) = data(agents[0], "availability", monday, monday + DAY)["availability"]["items"]
    assert day == {"date": format_datetime(monday), "availableMinutes": 0,
                   "waitlistMinutes": 480, "isBlackout": False}  # fmt: skip


def test_blackout_days_and_no_auto_approval(start_simulator):
    probe = load_scenario()
    monday = datetime.now(timezone.utc).date() + timedelta(days=14)
    workforce = {
        **_default_workforce(probe), "autoApprove": False,
        "blackoutDates": [monday.isoformat()],
    }  # fmt: skip
    agent = RawSession(start_simulator({"workforce": workforce}).url, "agent2")
    start = datetime.combine(monday, datetime.min.time(), timezone.utc)
    denied = asked(agent, "VAC", start)
    assert (denied["requestState"], denied["denyReason"]) == (7, 3)
    waiting = asked(agent, "VAC", start + DAY)
    assert (waiting["requestState"], waiting["waitlistReason"]) == (3, 3)


@pytest.mark.parametrize(
    ("change", "field", "says"),
    [
        ({"activityCodeId": "WRK"}, "activityCodeId", "VAC, SCK"),
        ({"activityCodeId": None}, "activityCodeId", "missing"),
        ({"requestType": 4}, "requestType", "FullDay (3)"),
        ({"kind": 5}, "endUtc", "one day"),
        ({"kind": 5, "hours": 1, "lengthInMinutes": 10}, "lengthInMinutes", "30 to 480"),
        ({"hours": -1}, "endUtc", "after startUtc"),
        ({"lengthInMinutes": 100}, "lengthInMinutes", "480 to 480"),
    ],
)
def test_a_bad_request_is_refused_naming_the_property(simulator, change, field, says):
    agent = RawSession(simulator.url, "agent1")
    monday = next_monday(agent) + timedelta(hours=9)
    hours = change.pop("hours", 24)
    body = {"requestType": change.pop("kind", 3), "activityCodeId": "VAC",
            "startUtc": format_datetime(monday),
            "endUtc": format_datetime(monday + timedelta(hours=hours)), **change}  # fmt: skip
    answer = agent.request("POST", "/wfm/time-off", json={k: v for k, v in body.items() if v is not None})  # fmt: skip
    assert answer.status_code == 400, answer.text
    error = error_of(answer)
    assert error["propertyName"] == field and says in error["message"]
    assert requests_of(agent) == {}


def test_a_partial_day_is_as_long_as_asked(simulator):
    agent = RawSession(simulator.url, "agent1")
    start = next_monday(agent) + timedelta(hours=13)
    made = asked(agent, "VAC", start, start + timedelta(hours=2), kind=5)
    assert made["lengthInMinutes"] == 120 and made["requestType"] == 5


def test_canceling_gives_the_minutes_back_and_a_decided_request_stays_decided(simulator):
    agent = RawSession(simulator.url, "agent1")
    monday = next_monday(agent)
    made = asked(agent, "VAC", monday)
    path = f"/wfm/time-off/{made['timeOffRequestId']}"
    changed = agent.request("PUT", path, json={"description": "moved"})
    assert changed.status_code == 409 and "Approved" in error_of(changed)["message"]
    canceled = agent.request("PUT", path, json={"requestState": 13})
    assert canceled.status_code == 204, canceled.text
    assert requests_of(agent)[made["timeOffRequestId"]]["requestState"] == 13
    assert data(agent, "accrual")["accrual"]["items"][0]["minutesAccrued"] == 2400
    again = agent.request("PUT", path, json={"requestState": 13})
    assert again.status_code == 409
    other = RawSession(simulator.url, "agent2").request("PUT", path, json={"requestState": 13})
    assert other.status_code == 404


def test_a_pending_request_can_be_changed_and_is_decided_again(simulator):
    agent = RawSession(simulator.url, "agent1")
    monday = next_monday(agent)
    made = asked(agent, "SCK", monday)
    path = f"/wfm/time-off/{made['timeOffRequestId']}"
    answer = agent.request("PUT", path, json={"activityCodeId": "VAC", "description": "flu"})
    assert answer.status_code == 204, answer.text
    now = requests_of(agent)[made["timeOffRequestId"]]
    assert (now["activityCodeId"], now["requestState"], now["description"]) == ("VAC", 5, "flu")


def test_watchers_hear_the_versions_that_moved(simulator):
    agent = RawSession(simulator.url, "agent1")
    subscription = "/messaging/subscriptions/wfm-data/data-versions"
    assert agent.request("PUT", subscription).status_code == 200
    (first,) = of_type(agent)
    assert first["isDelta"] is False
    assert set(first) >= {"scheduleVersion", "timeOffRequestVersion", "accrualVersion",
                          "availabilityVersion", "activityCodesVersion"}  # fmt: skip
    monday = next_monday(agent)
    asked(agent, "VAC", monday)
    (moved,) = of_type(agent)
    assert moved["isDelta"] is True
    assert moved["timeOffRequestVersion"] == first["timeOffRequestVersion"] + 1
    assert moved["accrualVersion"] == first["accrualVersion"] + 1
    assert "scheduleVersion" not in moved
    # Another agent's request moves only the shared availability.
    asked(RawSession(simulator.url, "agent2"), "VAC", monday + DAY)
    (shared,) = of_type(agent)
    assert set(shared) == {"__type", "isDelta", "availabilityVersion"}
    assert agent.request("DELETE", subscription).status_code == 204
    asked(agent, "VAC", monday + 2 * DAY)
    assert of_type(agent) == []


def _default_workforce(scenario):
    import json
    from pathlib import Path

    import ICWSLibrary.simulator as package

    default = Path(package.__file__).parent / "scenarios" / "default.json"
    return json.loads(default.read_text())["workforce"]


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"colour": "red"}, "unknown key 'colour'"),
        ({"statusMappings": {"Napping": "Break"}}, "'Napping'"),
        ({"statusMappings": {"At Lunch": "Siesta"}}, "'Siesta' is not one of"),
        ({"agents": [{"user": "nobody"}]}, "'nobody'"),
        (
            {
                "agents": [
                    {
                        "user": "agent1",
                        "shift": [{"from": "9:00", "to": "10:00", "activity": "Work"}],
                    }
                ]
            },
            "HH:MM",
        ),  # fmt: skip
        (
            {
                "agents": [
                    {
                        "user": "agent1",
                        "shift": [{"from": "09:00", "to": "10:00", "activity": "Nap"}],
                    }
                ]
            },
            "'Nap'",
        ),  # fmt: skip
        (
            {
                "agents": [
                    {
                        "user": "agent1",
                        "shift": [
                            {"from": "09:00", "to": "12:00", "activity": "Work"},
                            {"from": "11:00", "to": "13:00", "activity": "Work"},
                        ],
                    }
                ]
            },
            "in order",
        ),  # fmt: skip
        ({"agents": [{"user": "agent1", "days": ["Funday"]}]}, "'Funday'"),
        ({"blackoutDates": ["24.12.2026"]}, "YYYY-MM-DD"),
        ({"startDayOfWeek": "Someday"}, "startDayOfWeek"),
    ],
)
def test_a_bad_workforce_section_names_the_problem(change, says):
    workforce = {**_default_workforce(None), **change}
    with pytest.raises(ScenarioError) as raised:
        load_scenario({"workforce": workforce})
    assert says in str(raised.value)


def test_a_scenario_of_its_own_users_has_no_workforce_and_does_not_list_wfm():
    scenario = load_scenario({"users": [{"id": "solo", "password": "1"}]})
    assert scenario.workforce is None and "wfm" not in scenario.features
    assert load_scenario().features["wfm"] == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"startUtc": "20260101T000000Z", "endUtc": "99990101T000000Z"}, "endUtc"),
        ({"startUtc": "99991231T000000Z", "endUtc": "99991231T120000Z"}, "startUtc"),
        ({"requestType": "3"}, "requestType"),
        ({"lengthInMinutes": 10**30}, "lengthInMinutes"),
        ({"activityCodeId": "X" * 5000}, "activityCodeId"),
    ],
)
def test_hostile_requests_are_refused_quickly_and_briefly(simulator, body, field):
    agent = RawSession(simulator.url, "agent1")
    monday = next_monday(agent)
    request = {"requestType": 3, "activityCodeId": "VAC", "startUtc": format_datetime(monday),
               "endUtc": format_datetime(monday + DAY), **body}  # fmt: skip
    answer = agent.request("POST", "/wfm/time-off", json=request, timeout=5)
    assert answer.status_code == 400, answer.text
    error = error_of(answer)
    assert error["propertyName"] == field and len(error["message"]) < 300


def test_a_data_range_at_the_end_of_time_is_refused_not_a_crash(simulator):
    agent = RawSession(simulator.url, "agent1")
    for params in ({"startUtc": "99991231T000000Z"}, {"endUtc": "00010101T000000Z"}):
        answer = agent.request("GET", "/wfm/data", params={"select": "schedule", **params})
        assert answer.status_code == 400, answer.text
        assert "Utc" in error_of(answer)["message"]


def test_the_review_control_refuses_what_it_cannot_do(simulator):
    from ICWSLibrary.simulator.errors import ControlError

    agent = RawSession(simulator.url, "agent1")
    made = asked(agent, "VAC", next_monday(agent))  # approved at once
    controls = simulator.control("review time off")
    with pytest.raises(ControlError, match="is Approved, not pending"):
        controls.review_time_off(made["timeOffRequestId"], False, "supervisor")
    with pytest.raises(ControlError, match="no time-off request 'TOR-9'"):
        controls.review_time_off("TOR-9", True, "supervisor")
    with pytest.raises(ControlError, match="no user 'nobody'"):
        controls.review_time_off(made["timeOffRequestId"], True, "nobody")


def test_a_whole_request_put_back_canceled_cancels_it(simulator):
    agent = RawSession(simulator.url, "agent1")
    made = asked(agent, "SCK", next_monday(agent))
    whole = {**requests_of(agent)[made["timeOffRequestId"]], "requestState": 13}
    answer = agent.request("PUT", f"/wfm/time-off/{made['timeOffRequestId']}", json=whole)
    assert answer.status_code == 204, answer.text
    assert requests_of(agent)[made["timeOffRequestId"]]["requestState"] == 13


def test_time_off_that_has_begun_cannot_be_canceled(simulator):
    agent = RawSession(simulator.url, "agent1")
    today = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    made = asked(agent, "VAC", today)  # all of today: begun at midnight
    assert made["requestState"] == 5, made
    answer = agent.request("PUT", f"/wfm/time-off/{made['timeOffRequestId']}",
                           json={"requestState": 13})  # fmt: skip
    assert answer.status_code == 409 and "has begun" in error_of(answer)["message"]


def test_advancing_the_simulator_clock_does_not_move_today(simulator):
    agent = RawSession(simulator.url, "agent1")
    before = dates_range(agent)
    simulator.control("advance time").advance_time(7 * 24 * 3600)
    assert dates_range(agent) == before
