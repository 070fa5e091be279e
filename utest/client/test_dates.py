import json
from datetime import date, datetime, time, timezone
from pathlib import Path

import pytest

from ICWSLibrary.client import format_datetime, parse_date, parse_datetime, parse_time

RECORDED = Path(__file__).resolve().parents[1] / "data" / "recorded"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20201029T082018Z", datetime(2020, 10, 29, 8, 20, 18, tzinfo=timezone.utc)),
        ("20201029T082018.123Z", datetime(2020, 10, 29, 8, 20, 18, 123000, timezone.utc)),
        ("2020-10-29T08:20:18Z", datetime(2020, 10, 29, 8, 20, 18, tzinfo=timezone.utc)),
        ("2020-10-29T08:20:18.5+02:00", datetime(2020, 10, 29, 6, 20, 18, 500000, timezone.utc)),
        ("20201029T082018", datetime(2020, 10, 29, 8, 20, 18, tzinfo=timezone.utc)),
    ],
)
def test_parse_datetime_compact_and_extended(text, expected):
    parsed = parse_datetime(text)
    assert parsed == expected
    assert parsed.tzinfo is not None


@pytest.mark.parametrize("text", ["", "yesterday", "2020-13-01T00:00:00Z", None, 20201029])
def test_parse_datetime_rejects_non_dates(text):
    with pytest.raises(ValueError, match="Not an ICWS date-time"):
        parse_datetime(text)


def test_parse_date_and_time():
    assert parse_date("20201029") == date(2020, 10, 29)
    assert parse_time("082018Z") == time(8, 20, 18, tzinfo=timezone.utc)
    assert parse_time("082018.25Z") == time(8, 20, 18, 250000, tzinfo=timezone.utc)
    with pytest.raises(ValueError):
        parse_time("0820Z")


def test_format_round_trips():
    value = datetime(2021, 7, 6, 19, 32, 29, 123000, tzinfo=timezone.utc)
    assert format_datetime(value) == "20210706T193229.123Z"
    assert format_datetime(value.replace(microsecond=0)) == "20210706T193229Z"
    assert parse_datetime(format_datetime(value)) == value


def test_every_date_in_the_recorded_user_status_message_parses():
    message = json.loads((RECORDED / "user-status-message.json").read_text())
    for status in message["userStatusList"]:
        for field in ("statusChanged", "onPhoneChanged"):
            assert parse_datetime(status[field]).tzinfo is not None
