import json
from datetime import datetime, timezone
from pathlib import Path

from ICWSLibrary.client.status import parse_user_status, same_status, until_body

RECORDED = Path(__file__).resolve().parents[1] / "data" / "recorded"


def test_recorded_user_status_message_parses_to_aware_datetimes():
    message = json.loads((RECORDED / "user-status-message.json").read_text())
    statuses = [parse_user_status(raw) for raw in message["userStatusList"]]
    admin = next(s for s in statuses if s["userId"] == "Administrator")
    assert admin["statusChanged"] == datetime(2021, 7, 6, 19, 32, 29, tzinfo=timezone.utc)
    assert admin["onPhoneChanged"] == datetime(2021, 7, 2, 1, 16, 36, tzinfo=timezone.utc)
    assert admin["stations"] == ["1234"] and admin["loggedIn"] is True
    assert same_status(admin["statusId"], "Do Not Disturb")
    assert all(s["statusChanged"].tzinfo is not None for s in statuses)


def test_until_is_parsed_and_the_raw_body_left_alone():
    raw = {
        "statusId": "On Vacation",
        "until": {"untilDateTime": "20261224T090000.500Z", "hasDate": True, "hasTime": True},
    }
    parsed = parse_user_status(raw)
    assert parsed["until"]["untilDateTime"] == datetime(
        2026, 12, 24, 9, 0, 0, 500000, tzinfo=timezone.utc
    )
    assert raw["until"]["untilDateTime"] == "20261224T090000.500Z"


def test_same_status_ignores_case_only():
    assert same_status("Available, No ACD", "available, no acd")
    assert not same_status("Available", "Available, No ACD")
    assert not same_status("At Lunch", "AtLunch")


def test_until_body_is_compact_utc():
    body = until_body(datetime(2026, 12, 24, 9, 0, tzinfo=timezone.utc))
    assert body == {"untilDateTime": "20261224T090000Z", "hasDate": True, "hasTime": True}


def test_until_flags_follow_the_catalog_entry():
    when = datetime(2026, 12, 24, 9, 0, tzinfo=timezone.utc)
    vacation = {"statusId": "On Vacation", "canHaveDate": True, "canHaveTime": False}
    assert until_body(when, vacation)["hasDate"] is True
    assert until_body(when, vacation)["hasTime"] is False
    assert until_body(when, None) == until_body(when)  # unknown status: both, as before
