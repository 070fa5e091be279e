"""Workforce management (feature ``wfm``), the agent's side: the published weeks, the
schedule, activity codes and time-off requests, read as the server has them.

[doc] (wfm 1) ``GET /wfm/data?select=...&startUtc=&endUtc=`` answers a WfmData whose
selected parts are filled (a schedule overlapping the range comes back whole);
``POST /wfm/time-off`` adds a TimeOffRequest (201, the request); ``PUT
/wfm/time-off/{id}`` changes it; ``PUT /messaging/subscriptions/wfm-data/data-versions``
tells a ``dataVersionsMessage`` whenever a part's version moves. [SDK] The bodies and
enums (Wfm.js); ``GET /wfm/scheduledatesrange`` (its feature version is not published).

[guess] A full-day request runs from the first day's midnight (UTC) to the midnight after
the last day; its ``lengthInMinutes`` is the agent's full-time day (configuration
``fullTimeEquivalentDayMinutes``) for each day unless given. A cancel PUTs the whole
request as the server sent it with ``requestState`` Canceled.

What comes back keeps the ICWS field names, with enums as their names (``Approved``,
``Vacation``) and date-times as timezone-aware UTC ``datetime`` values.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date, datetime, time, timedelta, timezone
from time import monotonic
from typing import TYPE_CHECKING, Any

from ..protocol.dates import format_datetime, parse_datetime
from ..protocol.workforce import (
    ACTIVITY_TYPES,
    CANCELED,
    DATA_VERSIONS_MESSAGE,
    DENY_REASONS,
    FULL_DAY,
    PARTIAL_DAY,
    REQUEST_STATES,
    REQUEST_TYPES,
    WAITLIST_REASONS,
    name_in,
)  # fmt: skip
from .deadline import whole_wait
from .errors import ICWSError

if TYPE_CHECKING:
    from .channel import MessageChannel

DATA = "/wfm/data"
TIME_OFF = "/wfm/time-off"
VERSIONS = "/messaging/subscriptions/wfm-data/data-versions"
# Fields holding an enum, and the table that names its numbers.
ENUM_FIELDS = {
    "requestType": REQUEST_TYPES, "requestState": REQUEST_STATES,
    "waitlistReason": WAITLIST_REASONS, "denyReason": DENY_REASONS,
    "activityType": ACTIVITY_TYPES,
}  # fmt: skip
TIME_FIELDS = (
    "startUtc", "endUtc", "submittedDateTimeUtc", "reviewedDateTimeUtc", "startTimeUtc",
    "endTimeUtc",
)  # fmt: skip
# How far around a request the library looks for it again when the caller gives no range.
_AROUND = timedelta(days=1)


def readable(body: dict) -> dict:
    """A wfm body as keywords return it: enums named, date-times as ``datetime``."""
    shown = dict(body)
    for name, table in ENUM_FIELDS.items():
        if name in shown:
            shown[name] = name_in(table, shown[name])
    for name in TIME_FIELDS:
        if isinstance(shown.get(name), str):
            with suppress(ValueError):  # else shown as the server wrote it
                shown[name] = parse_datetime(shown[name])
    return shown


def moment(value: Any, name: str) -> datetime:
    """A keyword's date or date-time argument as an aware UTC ``datetime``."""
    if isinstance(value, datetime):
        return (
            value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)
        )
    if isinstance(value, date):
        return datetime.combine(value, time(), timezone.utc)
    try:
        return parse_datetime(str(value)).astimezone(timezone.utc)
    except ValueError:
        raise ICWSError(
            f"{name} {str(value)[:40]!r} is not a date or date-time such as 2026-12-07 or "
            "2026-12-07 13:00 (UTC)."
        ) from None


def _moments(start: Any, end: Any) -> tuple[datetime | None, datetime | None]:
    """A range's ends as UTC ``datetime`` values; None leaves an end to the server."""
    return (None if start is None else moment(start, "start"),
            None if end is None else moment(end, "end"))  # fmt: skip


def whole_days(first_day: Any, last_day: Any = None) -> tuple[datetime, datetime]:
    """[guess] The span of full-day time off: from the first day's midnight (UTC) to the
    midnight after the last day (default: the first)."""
    start = moment(first_day, "start").replace(hour=0, minute=0, second=0, microsecond=0)
    last = start if last_day is None else moment(last_day, "end")
    return start, last.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)


class WorkforceAPI:
    def __init__(self, session, channel: MessageChannel) -> None:
        self._session = session
        # Request id -> (start, end) of requests this session made, to read them back.
        self._spans: dict[str, tuple[datetime, datetime]] = {}
        self._watching = False
        self.changes = 0
        self.attach(channel)

    def attach(self, channel: MessageChannel) -> None:
        self.channel = channel
        channel.on(DATA_VERSIONS_MESSAGE, self._versions_moved)

    def _versions_moved(self, message: dict) -> None:
        self.changes += 1

    def _call(self, method: str, path: str, body=None, params=None, doing: str = "") -> Any:
        try:
            return self._session.call(method, path, body, params=params)
        except ICWSError as error:
            raise error.in_context(f"{doing} was refused") from None

    # -- reading ----------------------------------------------------------------------------

    def dates_range(self) -> tuple[datetime, datetime]:
        answer = self._call("GET", "/wfm/scheduledatesrange", doing="Reading the schedule's dates")
        try:
            return (parse_datetime(answer["scheduleStartTimeUTC"]),
                    parse_datetime(answer["scheduleEndTimeUTC"]))  # fmt: skip
        except (TypeError, KeyError, ValueError):
            raise ICWSError(
                f"The server's schedule dates range has no readable start and end: {answer!r:.200}"
            ) from None

    def data(self, select: str, start: datetime | None = None, end: datetime | None = None) -> dict:
        params = {"select": select}
        if start is not None:
            params["startUtc"] = format_datetime(start)
        if end is not None:
            params["endUtc"] = format_datetime(end)
        answer = self._call("GET", DATA, params=params, doing=f"Reading the WFM data ({select})")
        if not isinstance(answer, dict):
            raise ICWSError(f"The server's WFM data is not an object: {answer!r:.200}")
        return answer

    def _items(self, answer: dict, part: str, field: str = "items") -> Any:
        items = (answer.get(part) or {}).get(field)
        if items is None:
            raise ICWSError(f"The server's WFM data has no {part}.{field}: {answer!r:.200}")
        return items

    def schedule(self, start: Any = None, end: Any = None) -> list[dict]:
        """The scheduled intervals overlapping ``start`` to ``end`` (dates or date-times;
        default: the server's, today through a year from now), in time order."""
        answer = self.data("schedule", *_moments(start, end))
        intervals = self._items(answer, "schedule", "scheduleIntervals")
        return sorted((readable(i) for i in intervals if isinstance(i, dict)),
                      key=lambda i: str(i.get("startTimeUtc", "")))  # fmt: skip

    def scheduled_at(self, at: Any) -> dict | None:
        """The interval scheduled at the moment ``at``; None when nothing is."""
        when = moment(at, "at")
        return next(
            (i for i in self.schedule(when - _AROUND, when + _AROUND)
             if isinstance(i.get("startTimeUtc"), datetime)
             and isinstance(i.get("endTimeUtc"), datetime)
             and i["startTimeUtc"] <= when < i["endTimeUtc"]),
            None,
        )  # fmt: skip

    def activity_codes(self) -> dict[str, dict]:
        """Active activity codes by id."""
        codes = self._items(self.data("activity-codes"), "activityCodes")
        if not isinstance(codes, dict):
            raise ICWSError(f"The server's activity codes are not a map: {codes!r:.200}")
        return {str(code_id): readable(info) for code_id, info in codes.items()}

    def status_mappings(self) -> dict[str, str]:
        mappings = self._items(self.data("status-mappings"), "statusMappings")
        return {str(status): name_in(ACTIVITY_TYPES, kind) for status, kind in dict(mappings).items()}  # fmt: skip

    def code_id(self, activity: str) -> str:
        """The id of an activity code given by id or name (without regard to case)."""
        codes = self.activity_codes()
        folded = activity.casefold()
        for code_id, info in codes.items():
            if folded in (code_id.casefold(), str(info.get("activityCodeName", "")).casefold()):
                return code_id
        names = ", ".join(f"{info.get('activityCodeName')} ({i})" for i, info in codes.items())
        raise ICWSError(
            f"There is no activity code {activity!r}; the server has {names or 'none'}."
        )

    def time_off_requests(self, start: Any = None, end: Any = None) -> list[dict]:
        return [readable(item) for item in self._requests_as_sent(*_moments(start, end))]

    def _requests_as_sent(self, start: datetime | None, end: datetime | None) -> list[dict]:
        items = self._items(self.data("time-off", start, end), "timeOff")
        return [item for item in items if isinstance(item, dict)]

    def time_off_request(self, request_id: str) -> dict:
        return readable(self._request_as_sent(request_id))

    def _request_as_sent(self, request_id: str) -> dict:
        span = self._spans.get(request_id)
        start, end = (span[0] - _AROUND, span[1] + _AROUND) if span else (None, None)
        for request in self._requests_as_sent(start, end):
            if str(request.get("timeOffRequestId")) == request_id:
                return request
        raise ICWSError(
            f"The server has no time-off request {request_id} for {self._session.user_id}"
            + ("." if span else " from today through a year from now.")
        )

    # -- changing ---------------------------------------------------------------------------

    def ask(
        self,
        activity: str,
        start: datetime,
        end: datetime,
        full_day: bool,
        minutes: int | None,
        description: str | None,
    ) -> dict:
        body: dict[str, Any] = {
            "requestType": FULL_DAY if full_day else PARTIAL_DAY,
            "activityCodeId": self.code_id(activity),
            "startUtc": format_datetime(start), "endUtc": format_datetime(end),
        }  # fmt: skip
        if minutes is None and full_day:
            # Said whenever known, as a server may not work it out: the agent's full-time
            # day (from the agent's configuration) for each day.
            day = self._day_minutes()
            minutes = None if day is None else day * round((end - start) / timedelta(days=1))
        elif minutes is None:
            minutes = int((end - start) / timedelta(minutes=1))
        if minutes is not None:
            body["lengthInMinutes"] = int(minutes)
        if description is not None:
            body["description"] = description
        answer = self._call("POST", TIME_OFF, body, doing=f"Asking for time off as {activity}")
        if not isinstance(answer, dict) or not answer.get("timeOffRequestId"):
            raise ICWSError(f"The server made a time-off request but named none: {answer!r:.200}")
        self._spans[str(answer["timeOffRequestId"])] = (start, end)
        return readable(answer)

    def cancel(self, request_id: str) -> None:
        # The whole request as the server sent it, only its state changed: what a PUT of
        # a part would leave unsaid is not published.
        body = {**self._request_as_sent(request_id), "requestState": CANCELED}
        self._call("PUT", f"{TIME_OFF}/{request_id}", body,
                   doing=f"Canceling time-off request {request_id}")  # fmt: skip

    def _day_minutes(self) -> int | None:
        config = self.data("configuration").get("configuration")
        minutes = config.get("fullTimeEquivalentDayMinutes") if isinstance(config, dict) else None
        return minutes if isinstance(minutes, int) and not isinstance(minutes, bool) else None

    # -- waiting ----------------------------------------------------------------------------

    @whole_wait(on_timeout=None)
    def wait_for_state(self, request_id: str, state: str, timeout: float) -> dict | None:
        """The request once its state is ``state`` (read again whenever the server says
        its versions moved, and at least every second); None at the timeout."""
        if not self._watching:
            self.channel.start()
            self._call("PUT", VERSIONS, doing="Watching the WFM data versions")
            self._watching = True
        end = monotonic() + timeout
        while True:
            seen = self.changes
            request = self.time_off_request(request_id)
            if str(request.get("requestState")).casefold() == state.casefold():
                return request
            left = end - monotonic()
            if left <= 0:
                return None
            self.channel.wait_until(lambda seen=seen: self.changes > seen, min(1.0, left))
