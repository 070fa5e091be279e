"""Workforce management, the agent's side: the schedule and time-off requests."""

from __future__ import annotations

from datetime import datetime, timedelta

from robot.api.deco import keyword

from ..client.workforce import moment, whole_days
from ..protocol.dates import format_datetime, readable_datetime
from .base import LibraryComponent


def _when(value: datetime) -> str:
    return readable_datetime(format_datetime(value))


class WorkforceKeywords(LibraryComponent):
    @keyword("Get Schedule Dates Range")
    def get_schedule_dates_range(self) -> tuple[datetime, datetime]:
        """Returns when the agent's published schedule starts and ends, as two
        timezone-aware UTC ``datetime`` values.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | ${first} | ${last} = | Get Schedule Dates Range |
        | Should Be True | $first < $last |
        """
        first, last = self.connected_session().workforce.dates_range()
        self.info(f"The schedule is published from {_when(first)} to {_when(last)}.")
        return first, last

    @keyword("Get Schedule")
    def get_schedule(
        self, start: datetime | None = None, end: datetime | None = None
    ) -> list[dict]:
        """Returns the agent's scheduled activities overlapping ``start`` to ``end`` (dates
        or date-times in UTC; default: today through a year from now), each day's whole,
        in time order.

        Each activity is a dictionary with the server's fields: ``activityType`` (``ACD``,
        ``Break``, ``Meal``, ...), ``activityCodeId``, ``description``, ``startTimeUtc``
        and ``endTimeUtc`` (``datetime``), ``isPaidTime``, ``scheduleId``.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | ${first} | ${last} = | Get Schedule Dates Range |
        | ${day} = | Get Schedule | ${{$first + datetime.timedelta(days=8)}} | ${{$first + datetime.timedelta(days=9)}} |
        | Should Be Equal | ${day}[0][activityType] | ACD |
        """
        session = self.connected_session()
        intervals = session.workforce.schedule(start, end)
        days = len({i.get("scheduleId") for i in intervals})
        self.info(
            f"{session.user_id} has {len(intervals)} scheduled activit"
            f"{'y' if len(intervals) == 1 else 'ies'} on {days} day{'' if days == 1 else 's'}."
        )
        return intervals

    @keyword("Scheduled Activity Should Be")
    def scheduled_activity_should_be(
        self, at: datetime, activity: str, message: str | None = None
    ) -> None:
        """Fails unless the agent's schedule at ``at`` (a UTC date-time) is ``activity``:
        an activity type (``Break``, ``Meal``, ``ACD``, ...), or an activity code's id or
        description, without regard to case. ``NONE``: nothing is scheduled then.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | ${first} | ${last} = | Get Schedule Dates Range |
        | ${monday} = | Set Variable | ${{$first + datetime.timedelta(days=8)}} |
        | Scheduled Activity Should Be | ${{$monday + datetime.timedelta(hours=13, minutes=10)}} | Meal |
        | Scheduled Activity Should Be | ${{$monday + datetime.timedelta(hours=20)}} | NONE |
        """
        when = moment(at, "at")
        session = self.connected_session()
        now = session.workforce.scheduled_at(when)
        names = (
            {
                str(now.get(k, "")).casefold()
                for k in ("activityType", "activityCodeId", "description")
            }  # fmt: skip
            if now
            else {"none"}
        )
        shown = (
            f"{now.get('description')} ({now.get('activityType')}, code {now.get('activityCodeId')}, "
            f"{_when(now['startTimeUtc'])} to {_when(now['endTimeUtc'])})"
            if now
            else "nothing"
        )
        self.fail_unless(
            activity.casefold() in names,
            lambda: f"{session.user_id} is scheduled for {shown} at {_when(when)}, not {activity}.",
            message,
        )
        self.info(f"{session.user_id} is scheduled for {shown} at {_when(when)}.")

    @keyword("Request Time Off")
    def request_time_off(
        self,
        activity: str,
        start: datetime,
        end: datetime | None = None,
        full_day: bool = True,
        minutes: int | None = None,
        description: str | None = None,
    ) -> str:
        """Asks for time off as ``activity`` (a time-off activity code's id or name) and
        returns the request's id; the server decides at once or leaves it pending.

        Full days (the default) run from the date of ``start`` through the date of ``end``
        (default: ``start``), whole days. With ``full_day=False`` it is part of a day, from
        the date-time ``start`` to ``end``. ``minutes`` is the time counted (default: the
        server's day for full days, the span for a part of a day).

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | ${first} | ${last} = | Get Schedule Dates Range |
        | ${id} = | Request Time Off | Vacation | ${{$first + datetime.timedelta(days=8)}} | description=Family |
        | Time Off Request Should Be | ${id} | Approved |
        """
        session = self.connected_session()
        if full_day:
            first, last = whole_days(start, end)
        elif end is None:
            raise ValueError("A time-off request for part of a day needs its end.")
        else:
            first, last = moment(start, "start"), moment(end, "end")
        made = session.workforce.ask(activity, first, last, full_day, minutes, description)
        self.info(
            f"{session.user_id} asked for {activity} from {_when(first)} to {_when(last)}: "
            f"{made.get('requestState')} (request {made['timeOffRequestId']})."
        )
        return str(made["timeOffRequestId"])

    @keyword("Get Time Off Request")
    def get_time_off_request(self, request_id: str) -> dict:
        """Returns the time-off request as the server has it: ``requestState``
        (``Pending``, ``Approved``, ``Denied``, ``Canceled``), ``requestType``,
        ``activityCodeId``, ``startUtc``, ``endUtc``, ``lengthInMinutes``, ``isPaidTime``,
        ``waitlistReason``, ``denyReason``, ``description`` and who submitted and reviewed it.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | ${first} | ${last} = | Get Schedule Dates Range |
        | ${id} = | Request Time Off | Sick | ${{$first + datetime.timedelta(days=8)}} |
        | ${request} = | Get Time Off Request | ${id} |
        | Should Be Equal | ${request}[waitlistReason] | ActivityCodeNotPartOfAccrualPlan |
        """
        request = self.connected_session().workforce.time_off_request(request_id)
        self.info(f"Time-off request {request_id} is {request.get('requestState')}.")
        return request

    @keyword("Get Time Off Requests")
    def get_time_off_requests(
        self, start: datetime | None = None, end: datetime | None = None
    ) -> list:
        """Returns the agent's time-off requests overlapping ``start`` to ``end`` (default:
        today through a year from now), each as `Get Time Off Request` returns it.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | ${requests} = | Get Time Off Requests |
        | Should Be Empty | ${requests} |
        """
        session = self.connected_session()
        found = session.workforce.time_off_requests(start, end)
        self.info(f"{session.user_id} has {len(found)} time-off request{'' if len(found) == 1 else 's'}.")  # fmt: skip
        return found

    @keyword("Time Off Request Should Be")
    def time_off_request_should_be(
        self, request_id: str, state: str, message: str | None = None
    ) -> None:
        """Fails unless the time-off request's state is ``state`` (``Pending``,
        ``Approved``, ``Denied`` or ``Canceled``, without regard to case); the failure
        says why a request waits or was denied.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | ${first} | ${last} = | Get Schedule Dates Range |
        | ${id} = | Request Time Off | Vacation | ${{$first + datetime.timedelta(days=8)}} |
        | Time Off Request Should Be | ${id} | Approved |
        """
        request = self.connected_session().workforce.time_off_request(request_id)
        now = str(request.get("requestState"))
        self.fail_unless(
            now.casefold() == state.casefold(),
            lambda: f"Time-off request {request_id} is {now}{_reason(request)}, not {state}.",
            message,
        )
        self.info(f"Time-off request {request_id} is {now}.")

    @keyword("Wait Until Time Off Request Is")
    def wait_until_time_off_request_is(
        self, request_id: str, state: str, timeout: timedelta | None = None
    ) -> None:
        """Waits until the time-off request's state is ``state`` (a supervisor decides a
        pending one), for at most ``timeout`` (default: the library's ``wait_timeout``).

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | ${first} | ${last} = | Get Schedule Dates Range |
        | ${id} = | Request Time Off | Sick | ${{$first + datetime.timedelta(days=8)}} |
        | Simulator Review Time Off Request | ${id} | approve=True |
        | Wait Until Time Off Request Is | ${id} | Approved | timeout=5s |
        """
        seconds = self.ctx.get_timeout(timeout)
        workforce = self.connected_session().workforce
        if workforce.wait_for_state(request_id, state, timeout=seconds) is None:
            request = workforce.time_off_request(request_id)
            raise AssertionError(
                f"Time-off request {request_id} was still {request.get('requestState')}"
                f"{_reason(request)} after {seconds:g} s, not {state}."
            )
        self.info(f"Time-off request {request_id} is {state}.")

    @keyword("Cancel Time Off Request")
    def cancel_time_off_request(self, request_id: str) -> None:
        """Cancels the agent's pending time-off request, or an approved one not yet begun.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | ${first} | ${last} = | Get Schedule Dates Range |
        | ${id} = | Request Time Off | Vacation | ${{$first + datetime.timedelta(days=8)}} |
        | Cancel Time Off Request | ${id} |
        | Time Off Request Should Be | ${id} | Canceled |
        """
        self.connected_session().workforce.cancel(request_id)
        self.info(f"Time-off request {request_id} is canceled.")

    @keyword("Get Status Activity Types")
    def get_status_activity_types(self) -> dict:
        """Returns what each status counts as in the schedule: status id -> activity type
        (``Meal``, ``Break``, ``ACD``, ...), as workforce management maps them.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | ${types} = | Get Status Activity Types |
        | Should Be Equal | ${types}[At Lunch] | Meal |
        """
        mappings = self.connected_session().workforce.status_mappings()
        self.info(f"{len(mappings)} statuses map to activity types.")
        return mappings


def _reason(request: dict) -> str:
    if request.get("requestState") == "Denied":
        return f" ({request.get('denyReason')})"
    waitlist = request.get("waitlistReason")
    if request.get("requestState") == "Pending" and waitlist not in (None, "NotWaitlisted"):
        return f" ({waitlist})"
    return ""
