"""ICWS date and time values.

ICWS sends UTC date-times as ``YYYYMMDDThhmmssZ`` or ``YYYYMMDDThhmmss.fffZ``, dates
as ``YYYYMMDD`` and times as ``hhmmssZ``; some servers and proxies use the extended
ISO form. All are parsed into timezone-aware values.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timezone

_COMPACT_TIME = re.compile(r"^(\d{2})(\d{2})(\d{2})(?:\.(\d{1,6}))?Z$")


def parse_datetime(value: str) -> datetime:
    """Parse an ICWS date-time (compact or extended ISO 8601) into an aware UTC datetime."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"Not an ICWS date-time: {value!r}")
    # Imported here: dateutil's parser costs ~9 ms at import, and many suites parse no date.
    from dateutil.parser import isoparse

    try:
        parsed = isoparse(value.strip())
    except ValueError as error:
        raise ValueError(f"Not an ICWS date-time: {value!r} ({error})") from None
    if parsed.tzinfo is None:
        # ICWS values are always UTC, even the rare ones sent without the 'Z'.
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed


def parse_date(value: str) -> date:
    """Parse an ICWS date (``YYYYMMDD`` or ``YYYY-MM-DD``)."""
    return parse_datetime(value).date()


def parse_time(value: str) -> time:
    """Parse an ICWS time of day (``hhmmssZ`` or ``hhmmss.fffZ``) into an aware UTC time."""
    match = _COMPACT_TIME.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"Not an ICWS time: {value!r}")
    hours, minutes, seconds, fraction = match.groups()
    micro = int((fraction or "0").ljust(6, "0"))
    return time(int(hours), int(minutes), int(seconds), micro, tzinfo=timezone.utc)


def format_datetime(value: datetime) -> str:
    """Format a datetime the way ICWS sends it (compact UTC, milliseconds only when set)."""
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc)
    text = value.strftime("%Y%m%dT%H%M%S")
    if value.microsecond:
        text += f".{value.microsecond // 1000:03d}"
    return text + "Z"


def readable_datetime(value) -> str:
    """An ICWS date-time for people: ``20140505T153146Z`` becomes ``2014-05-05 15:31:46 UTC``.

    A value that is not a date-time is shown as it is.
    """
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = parse_datetime(str(value))
        except (TypeError, ValueError):
            return str(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")
