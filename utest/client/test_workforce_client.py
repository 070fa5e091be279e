"""The workforce (wfm) client: what it reads back is named and typed, a date argument in
any usual spelling is UTC, and an answer it cannot use is an error saying what came back."""

from datetime import date, datetime, timedelta, timezone

import pytest

from ICWSLibrary.client import ICWSError, ICWSSession
from ICWSLibrary.client.workforce import WorkforceAPI, moment, readable


class Canned:
    """A session whose every call answers the same body."""

    user_id = "agent1"

    def __init__(self, answer):
        self.answer = answer

    def call(self, method, path, body=None, params=None):
        return self.answer


class Channel:
    def on(self, kind, handler):
        pass


def test_enums_are_named_and_times_typed_unknown_ones_kept_as_sent():
    shown = readable({"requestState": 5, "waitlistReason": 99, "activityType": 2,
                      "startUtc": "20261207T090000Z", "endUtc": "not a time"})  # fmt: skip
    assert shown["requestState"] == "Approved" and shown["activityType"] == "Meal"
    assert shown["waitlistReason"] == "99" and shown["endUtc"] == "not a time"
    assert shown["startUtc"] == datetime(2026, 12, 7, 9, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "given",
    ["2026-12-07 09:30", "2026-12-07T09:30:00Z", "20261207T093000Z", "2026-12-07T10:30+01:00",
     datetime(2026, 12, 7, 9, 30), datetime(2026, 12, 7, 10, 30, tzinfo=timezone(timedelta(hours=1)))],
)  # fmt: skip
def test_a_moment_in_any_usual_spelling_is_the_same_utc_time(given):
    at = moment(given, "start")
    assert at == datetime(2026, 12, 7, 9, 30, tzinfo=timezone.utc)
    assert at.utcoffset() == timedelta(0)  # shown in messages as UTC, so it must be


def test_a_date_is_its_midnight_and_nonsense_is_refused_by_name():
    assert moment(date(2026, 12, 7), "start") == datetime(2026, 12, 7, tzinfo=timezone.utc)
    with pytest.raises(ICWSError, match="end 'next tuesday' is not a date"):
        moment("next tuesday", "end")


@pytest.mark.parametrize(
    ("answer", "says"),
    [
        ("<html>proxy</html>", "not an object"),
        ({"schedule": {"version": 1}}, "no schedule.scheduleIntervals"),
        ({}, "no schedule.scheduleIntervals"),
    ],
)
def test_an_unusable_data_answer_says_what_came_back(answer, says):
    api = WorkforceAPI(Canned(answer), Channel())
    with pytest.raises(ICWSError, match=says):
        api.schedule(None, None)


def test_an_unusable_dates_range_says_what_came_back():
    api = WorkforceAPI(Canned({"scheduleStartTimeUTC": "soon"}), Channel())
    with pytest.raises(ICWSError, match="no readable start and end"):
        api.dates_range()


def test_a_request_is_read_back_by_id_and_one_named_without_an_id_is_an_error(simulator):
    with ICWSSession(simulator.url) as agent:
        agent.connect("agent1", "1234")
        first, _ = agent.workforce.dates_range()
        made = agent.workforce.ask("vacation", first + timedelta(days=8),
                                   first + timedelta(days=9), True, None, None)  # fmt: skip
        assert made["activityCodeId"] == "VAC" and made["requestState"] == "Approved"
        # Read back by id, within the range it was made for.
        assert agent.workforce.time_off_request(made["timeOffRequestId"]) == made
        with pytest.raises(ICWSError, match="no time-off request TOR-999999 for agent1 from today"):
            agent.workforce.time_off_request("TOR-999999")
    api = WorkforceAPI(Canned({"requestState": 3}), Channel())
    api.code_id = lambda activity: "VAC"  # type: ignore[method-assign]
    with pytest.raises(ICWSError, match="named none"):
        api.ask("Vacation", first, first + timedelta(days=1), True, None, None)


class Server:
    """A session answering as a WFM server whose agent's day is 450 minutes; it keeps
    what was sent."""

    user_id = "agent1"

    def __init__(self):
        self.sent = []

    def call(self, method, path, body=None, params=None):
        self.sent.append((method, path, body))
        select = (params or {}).get("select")
        if select == "configuration":
            return {"configuration": {"fullTimeEquivalentDayMinutes": 450}}
        if select == "activity-codes":
            return {"activityCodes": {"items": {"VAC": {"activityCodeName": "Vacation"}}}}
        if select == "time-off":
            return {"timeOff": {"items": [{"timeOffRequestId": "T1", "requestState": 3,
                                           "description": "kept"}]}}  # fmt: skip
        return {**(body or {}), "timeOffRequestId": "T1"}


def test_the_length_is_always_said_and_a_cancel_sends_the_whole_request():
    server = Server()
    api = WorkforceAPI(server, Channel())
    monday = datetime(2026, 12, 7, tzinfo=timezone.utc)
    api.ask("Vacation", monday, monday + timedelta(days=2), True, None, None)
    api.ask("vac", monday + timedelta(hours=13), monday + timedelta(hours=14, minutes=30), False, None, None)  # fmt: skip
    posted = [body for method, _, body in server.sent if method == "POST"]
    assert [(b["requestType"], b["lengthInMinutes"]) for b in posted] == [(3, 900), (5, 90)]
    assert posted[0]["endUtc"] == "20261209T000000Z"
    api.cancel("T1")
    ((_, path, body),) = [sent for sent in server.sent if sent[0] == "PUT"]
    assert path == "/wfm/time-off/T1"
    assert body == {"timeOffRequestId": "T1", "requestState": 13, "description": "kept"}


def test_whole_days_run_from_the_first_midnight_to_the_one_after_the_last_day():
    from ICWSLibrary.client.workforce import whole_days

    utc = timezone.utc
    assert whole_days("2026-12-07 15:00", "2026-12-08") == (
        datetime(2026, 12, 7, tzinfo=utc), datetime(2026, 12, 9, tzinfo=utc))  # fmt: skip
    assert whole_days(date(2026, 12, 7)) == (
        datetime(2026, 12, 7, tzinfo=utc), datetime(2026, 12, 8, tzinfo=utc))  # fmt: skip


def test_the_interval_scheduled_at_a_moment(simulator):
    with ICWSSession(simulator.url) as agent:
        agent.connect("agent1", "1234")
        first, _ = agent.workforce.dates_range()
        monday = first + timedelta(days=8)
        lunch = agent.workforce.scheduled_at(monday + timedelta(hours=13, minutes=10))
        assert (lunch["activityType"], lunch["activityCodeId"]) == ("Meal", "LUN")
        assert agent.workforce.scheduled_at(monday + timedelta(hours=13, minutes=30))["activityType"] == "ACD"  # fmt: skip
        assert agent.workforce.scheduled_at(monday + timedelta(hours=20)) is None
