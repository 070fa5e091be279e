"""The agent's side of workforce management (feature ``wfm``): the published schedule,
time-off requests and what decides them, and the versions a client watches.

[doc] (wfm 1) ``GET wfm/data?select=...&startUtc=&endUtc=``: the logged-on agent's data
for a range (today through a year from now if none); a schedule overlapping the range
comes back whole. ``POST wfm/time-off`` adds a request (201, the TimeOffRequest);
``PUT wfm/time-off/{id}`` changes it; ``timeOffRequestId``, ``cicUserName`` and the
submitted/reviewed fields are the server's; ``isPaidTime`` is the activity code's.
``PUT messaging/subscriptions/wfm-data/data-versions`` (200) tells a
``dataVersionsMessage``: first every version (isDelta false), then the versions that
moved. [SDK] Every property of WfmData is present (configuration may be null), each
versioned part with its ``__type`` and ``version``; enums are numbers.

[guess] ``GET wfm/scheduledatesrange`` (its version is not published) gives the published
weeks. What is not published, chosen to be plausible and marked so: a request
overlapping the agent's own pending or approved one, or on a blackout day, is denied (the
deny reasons exist for them); otherwise it waits (Pending, with the waitlist reason) when
its code is in no accrual plan, the plan's balance is short, a day's shared allotment is
used up, or auto-approval is off; else it is approved at once and its minutes leave the
plan's balance. A PUT with ``requestState`` Canceled cancels a pending request or an
approved one not yet begun; other changes are for pending requests; anything else is a
409. The server's part is only ever changed by the server or by a supervisor (here the
``Simulator Review Time Off Request`` control). Approved time off does not rewrite the
published schedule (Interaction Optimizer does that when it next publishes). Also
[guess]: a schedule interval's description is its code's name, ``namedScheduleId`` is
``Published``; notifications stay empty (their itemType and notificationType words are
not published); the error ids of the 409 and 416.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from ..protocol.dates import format_datetime, parse_datetime
from ..protocol.names import clipped
from ..protocol.workforce import (
    APPROVED,
    AUTO_APPROVE_DISABLED,
    CANCELED,
    COLLECTION_TYPES,
    DATA_VERSIONS_MESSAGE,
    DENIED,
    FULL_DAY,
    NOT_DENIED,
    NOT_ENOUGH_ACCRUED,
    NOT_ENOUGH_ALLOTMENT,
    NOT_IN_ACCRUAL_PLAN,
    NOT_WAITLISTED,
    ON_BLACKOUT_DAY,
    OVERLAPS_REQUEST,
    PARTIAL_DAY,
    PENDING,
    REQUEST_STATES,
    REQUEST_TYPES,
    SELECT_WORDS,
    VERSION_FIELDS,
)  # fmt: skip
from .errors import (
    ControlError,
    InvalidProperty,
    InvalidRepresentation,
    MissingProperty,
    NotFound,
    SimulatorError,
)
from .scenario.workforce import Accrual, ActivityCode, WfmAgent, Workforce
from .sessions import Session
from .state import ServerState

# [guess] Time-off codes: the activity types an agent may ask time off as.
TIME_OFF_TYPES = (6, 10)
# Parts of WfmData each agent has a version of; availability is shared by all agents.
PARTS = ("schedule", "timeOff", "accrual", "activityCodes", "statusMappings",
         "configuration", "notifications")  # fmt: skip
DAY = timedelta(days=1)
# [guess] The years a date may have, and the most days one full-day request may cover.
EARLIEST, LATEST = 1900, 9000
MOST_DAYS = 366
# The watchers' key under which every watching session is found too.
EVERY_AGENT = "*"


class Conflict(SimulatorError):
    def __init__(self, message: str) -> None:
        # [guess] The errorId of a 409 here is not published.
        super().__init__(409, "error.request.conflict", message)


@dataclass
class TimeOffRequest:
    id: str
    user_id: str
    request_type: int
    start: datetime
    end: datetime
    minutes: int
    code: ActivityCode
    description: str | None
    submitted: datetime
    state: int = PENDING
    waitlist: int = NOT_WAITLISTED
    deny: int = NOT_DENIED
    reviewer: str | None = None
    reviewed: datetime | None = None
    # The accrual plan its minutes came out of, while approved.
    charged: Accrual | None = None

    def days(self) -> list[date]:
        count = day_count(self.request_type, self.start, self.end)
        return [self.start.date() + DAY * n for n in range(count)]

    def minutes_by_day(self) -> dict[date, int]:
        days = self.days()
        share, rest = divmod(self.minutes, len(days))
        return {day: share + (1 if n < rest else 0) for n, day in enumerate(days)}

    def holds_time(self) -> bool:
        return self.state in (PENDING, APPROVED)

    def body(self) -> dict:
        body = {
            "requestType": self.request_type, "requestState": self.state,
            "lengthInMinutes": self.minutes, "description": self.description,
            "startUtc": format_datetime(self.start), "endUtc": format_datetime(self.end),
            "activityCodeId": self.code.id, "timeOffRequestId": self.id,
            "cicUserName": self.user_id, "isPaidTime": self.code.paid,
            "submittedUserId": self.user_id,
            "submittedDateTimeUtc": format_datetime(self.submitted),
            "waitlistReason": self.waitlist, "denyReason": self.deny,
        }  # fmt: skip
        if self.reviewed is not None:
            body["reviewedDateTimeUtc"] = format_datetime(self.reviewed)
        if self.reviewer:
            body["reviewerUserId"] = self.reviewer
        return body


class WorkforceService:
    def __init__(self, state: ServerState, config: Workforce | None) -> None:
        self.state = state
        self.config = config
        self.requests: dict[str, TimeOffRequest] = {}
        self._of_user: dict[str, list[TimeOffRequest]] = defaultdict(list)
        self._ids = itertools.count(1)
        self._versions: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(PARTS, 1))
        self._availability_version = self._told_availability = 1
        # Minutes of time off approved and waiting, of all agents, by day.
        self._approved: dict[date, int] = defaultdict(int)
        self._waiting: dict[date, int] = defaultdict(int)
        self._watchers = state.watchers()
        # Minutes left in each agent's accrual plans (the scenario's are where they start).
        self._balances: dict[tuple[str, str], int] = {}

    # -- time -------------------------------------------------------------------------------

    def now(self) -> datetime:
        """The server's time, as every time it writes: real time. ``Simulator Advance
        Time`` makes what happened older (statistics' moments move back), it does not
        move today, so the published weeks and a request's dates stay where they are."""
        return datetime.now(timezone.utc)

    def published(self) -> tuple[datetime, datetime]:
        """The published weeks: from the start of this week, as the agents' weeks start."""
        config = self._config()
        today = self.now().date()
        back = ((today.weekday() + 1) % 7 - config.start_day) % 7
        first = datetime.combine(today - DAY * back, datetime.min.time(), timezone.utc)
        return first, first + DAY * 7 * config.weeks

    # -- reading ----------------------------------------------------------------------------

    def agent(self, session: Session) -> WfmAgent:
        agent = self.config.agent(session.user.id) if self.config else None
        if agent is None:
            raise NotFound(
                f"{session.user.id} is not a workforce management agent: Interaction "
                "Optimizer schedules no such agent."
            )
        return agent

    def data(self, session: Session, select: str | None, start: str | None, end: str | None):
        agent = self.agent(session)
        words = [word.strip() for word in (select or "").split(",") if word.strip()]
        if not words:
            raise InvalidRepresentation(
                f"The query parameter select is required: any of {', '.join(SELECT_WORDS)}."
            )
        unknown = [word for word in words if word.lower() not in SELECT_WORDS]
        if unknown:
            raise InvalidRepresentation(
                f"select names {', '.join(unknown)}; the data are {', '.join(SELECT_WORDS)}."
            )
        wanted = {SELECT_WORDS[word.lower()] for word in words}
        now = self.now()
        first = _query_time(start, "startUtc") if start else _midnight(now)
        last = _query_time(end, "endUtc") if end else first + DAY * 365
        if last <= first:
            # [guess] The page lists a 416 and says no more.
            raise SimulatorError(
                416, "error.request.invalidRange",
                f"The range from {format_datetime(first)} to {format_datetime(last)} is empty.",
            )  # fmt: skip
        versions = self._versions[agent.user_id.lower()]
        parts: dict[str, Callable[[], dict]] = {
            "schedule": lambda: {"scheduleIntervals": self.schedule(agent, first, last)},
            "timeOff": lambda: {"items": [r.body() for r in self._overlapping(agent, first, last)]},
            "availability": lambda: {"items": self.availability(first, last)},
            "accrual": lambda: {"items": [self._accrual(agent, plan) for plan in agent.accruals]},
            "activityCodes": lambda: {
                "items": {c.id: _code_body(c) for c in self._config().codes.values() if c.active}
            },  # fmt: skip
            "statusMappings": lambda: {"items": dict(self._config().status_mappings)},
            "notifications": lambda: {"items": []},
        }
        answer: dict = {}
        for part, build in parts.items():
            version = self._availability_version if part == "availability" else versions[part]
            body = build() if part in wanted else _empty(part)
            answer[part] = {"__type": COLLECTION_TYPES[part], "version": version, **body}
        answer["configuration"] = (
            self._configuration(versions["configuration"]) if "configuration" in wanted else None
        )
        return answer

    def schedule(self, agent: WfmAgent, first: datetime, last: datetime) -> list[dict]:
        """Every day's shift that overlaps the range, whole, within the published weeks."""
        start, end = self.published()
        intervals = []
        day = start
        while day < end:
            worked = (day.weekday() + 1) % 7 in agent.days and agent.shift
            shift_start = day + timedelta(minutes=agent.shift[0].start) if worked else None
            shift_end = day + timedelta(minutes=agent.shift[-1].end) if worked else None
            if worked and shift_start < last and shift_end > first:  # type: ignore[operator]
                schedule_id = f"{agent.user_id}-{day:%Y%m%d}"
                for n, block in enumerate(agent.shift, 1):
                    intervals.append({
                        "activityType": block.code.activity_type,
                        "startTimeUtc": format_datetime(day + timedelta(minutes=block.start)),
                        "endTimeUtc": format_datetime(day + timedelta(minutes=block.end)),
                        "isPaidTime": block.code.paid, "isContiguousTime": True,
                        "description": block.code.name, "activityCodeId": block.code.id,
                        "isPlanned": True, "isExcused": False,
                        "scheduleIntervalId": f"{schedule_id}-{n}", "scheduleId": schedule_id,
                        "namedScheduleId": "Published",
                    })  # fmt: skip
            day += DAY
        return intervals

    def availability(self, first: datetime, last: datetime) -> list[dict]:
        config = self._config()
        start, end = self.published()
        items = []
        day = max(_midnight(first), start)
        while day < min(last, end):
            key = day.date()
            items.append({
                "date": format_datetime(day),
                "availableMinutes": max(0, config.daily_allotment - self._approved[key]),
                "waitlistMinutes": self._waiting[key], "isBlackout": key in config.blackout,
            })  # fmt: skip
            day += DAY
        return items

    def _overlapping(self, agent: WfmAgent, first: datetime, last: datetime):
        return [r for r in self._of_user[agent.user_id.lower()] if r.start < last and r.end > first]

    def _configuration(self, version: int) -> dict:
        config = self._config()
        return {
            "__type": COLLECTION_TYPES["configuration"], "version": version,
            "startDayOfWeek": config.start_day,
            "fullTimeEquivalentDayMinutes": config.day_minutes,
            "fullTimeEquivalentWeekMinutes": config.week_minutes,
            "minPartialDayTimeOffMinutes": config.partial_day[0],
            "maxPartialDayTimeOffMinutes": config.partial_day[1],
            "minFullDayTimeOffMinutes": config.full_day[0],
            "maxFullDayTimeOffMinutes": config.full_day[1],
            "enableShiftTrading": False, "activityTypeIDsThatCannotBeTraded": [],
        }  # fmt: skip

    def _accrual(self, agent: WfmAgent, plan: Accrual) -> dict:
        balance = self._balance(agent.user_id, plan)
        return {
            "name": plan.name, "codes": list(plan.codes), "agentCanSubmitTimeOff": plan.can_submit,
            "agentCanSeeAccrualBalance": plan.can_see_balance, "minutesAccrued": balance,
            "minutesToBeAccruedByEndDate": balance, "minutesToBeAccruedByEndOfYear": balance,
        }  # fmt: skip

    def _config(self) -> Workforce:
        assert self.config is not None  # every caller found an agent first
        return self.config

    # -- time-off requests ------------------------------------------------------------------

    def add(self, session: Session, body) -> TimeOffRequest:
        agent = self.agent(session)
        if not isinstance(body, dict):
            raise MissingProperty("requestType", "The body must be a timeOffRequest object.")
        fields = self._request_fields(body, {})
        request = TimeOffRequest(
            id=f"TOR-{next(self._ids):06d}", user_id=agent.user_id, **fields, submitted=self.now()
        )
        self._decide(agent, request)
        self._of_user[agent.user_id.lower()].append(request)
        self.requests[request.id] = request
        self._hold(request, +1)
        self._moved(agent.user_id, "timeOff", "accrual" if request.charged else None)
        return request

    def change(self, session: Session, request_id: str, body) -> None:
        agent = self.agent(session)
        request = self.requests.get(request_id)
        if request is None or request.user_id.lower() != agent.user_id.lower():
            raise NotFound(f"{agent.user_id} has no time-off request {request_id}.")
        if not isinstance(body, dict):
            raise MissingProperty("requestState", "The body must be a timeOffRequest object.")
        if body.get("requestState") == CANCELED:
            self._cancel(request)
            return
        if request.state != PENDING:
            raise Conflict(
                f"Time-off request {request.id} is {REQUEST_STATES[request.state]}: only a "
                "pending request can be changed (or canceled)."
            )
        current = {
            "requestType": request.request_type, "startUtc": request.start,
            "endUtc": request.end, "activityCodeId": request.code.id,
            "description": request.description,
        }  # fmt: skip
        if "startUtc" not in body and "endUtc" not in body:
            current["lengthInMinutes"] = request.minutes
        fields = self._request_fields(body, current)
        self._hold(request, -1)
        for name, value in fields.items():
            setattr(request, name, value)
        request.waitlist = request.deny = 0
        self._decide(agent, request)
        self._hold(request, +1)
        self._moved(agent.user_id, "timeOff", "accrual" if request.charged else None)

    def review(self, request_id: str, approve: bool, reviewer: str) -> TimeOffRequest:
        """A supervisor approves or denies a pending request (outside ICWS)."""
        request = self.requests.get(request_id)
        if request is None:
            raise ControlError(f"There is no time-off request {request_id!r}.")
        if request.state != PENDING:
            raise ControlError(
                f"Time-off request {request_id} is {REQUEST_STATES[request.state]}, not pending."
            )
        self._hold(request, -1)
        request.state = APPROVED if approve else DENIED
        request.reviewer, request.reviewed = reviewer, self.now()
        if approve:
            self._charge(request, self._plan(self._config().agent(request.user_id), request.code))
        self._hold(request, +1)
        self._moved(request.user_id, "timeOff", "accrual" if approve else None)
        return request

    def _cancel(self, request: TimeOffRequest) -> None:
        if request.state == APPROVED and request.start <= self.now():
            raise Conflict(f"Time-off request {request.id} has begun: it cannot be canceled.")
        if not request.holds_time():
            raise Conflict(
                f"Time-off request {request.id} is {REQUEST_STATES[request.state]}: it cannot "
                "be canceled."
            )
        self._hold(request, -1)
        request.state = CANCELED
        refunded = request.charged is not None
        if request.charged is not None:
            self._balances[request.user_id.lower(), request.charged.name] += request.minutes
            request.charged = None
        self._moved(request.user_id, "timeOff", "accrual" if refunded else None)

    def _request_fields(self, body: dict, current: dict) -> dict:
        merged = {**current, **{k: v for k, v in body.items() if v is not None or k == "description"}}  # fmt: skip
        for name in ("requestType", "startUtc", "endUtc", "activityCodeId"):
            if merged.get(name) in (None, ""):
                raise MissingProperty(name)
        kind = merged["requestType"]
        if kind not in REQUEST_TYPES:
            raise InvalidProperty(
                "requestType",
                f"requestType {kind!r} is not FullDay ({FULL_DAY}) or PartialDay ({PARTIAL_DAY}).",
            )
        start, end = (_body_time(merged, name) for name in ("startUtc", "endUtc"))
        if end <= start:
            raise InvalidProperty("endUtc", "endUtc must come after startUtc.")
        code = self._config().code(str(merged["activityCodeId"]))
        if code is None or not code.active or code.activity_type not in TIME_OFF_TYPES:
            usable = [c.id for c in self._config().codes.values()
                      if c.active and c.activity_type in TIME_OFF_TYPES]  # fmt: skip
            raise InvalidProperty(
                "activityCodeId",
                f"{clipped(repr(merged['activityCodeId']))} is not an active time-off activity "
                "code; those "
                f"are {', '.join(usable) or 'none'}.",
            )
        description = merged.get("description")
        if description is not None and not isinstance(description, str):
            raise InvalidProperty("description", "description must be text or null.")
        days = day_count(kind, start, end)
        if days > MOST_DAYS:
            raise InvalidProperty(
                "endUtc", f"A request covers at most {MOST_DAYS} days, not {days}."
            )
        config = self._config()
        if kind == PARTIAL_DAY:
            if start.date() != (end - timedelta(microseconds=1)).date():
                raise InvalidProperty("endUtc", "A partial-day request starts and ends on one day.")
            length = _length(merged, int((end - start).total_seconds() // 60))
            low, high = config.partial_day
        else:
            length = _length(merged, days * config.day_minutes)
            low, high = (limit * days for limit in config.full_day)
        if not low <= length <= high:
            raise InvalidProperty(
                "lengthInMinutes",
                f"A {REQUEST_TYPES[kind]} request of {days} day{'s' * (days > 1)} is "
                f"{low} to {high} minutes long, not {length}.",
            )
        return {"request_type": kind, "start": start, "end": end, "minutes": length,
                "code": code, "description": description}  # fmt: skip

    def _decide(self, agent: WfmAgent, request: TimeOffRequest) -> None:
        config = self._config()
        request.state = PENDING
        others = [r for r in self._of_user[agent.user_id.lower()] if r is not request]
        if any(r.holds_time() and r.start < request.end and r.end > request.start for r in others):
            request.state, request.deny = DENIED, OVERLAPS_REQUEST
            return
        if any(day in config.blackout for day in request.days()):
            request.state, request.deny = DENIED, ON_BLACKOUT_DAY
            return
        plan = self._plan(agent, request.code)
        if agent.accruals and plan is None:
            request.waitlist = NOT_IN_ACCRUAL_PLAN
        elif plan is not None and self._balance(agent.user_id, plan) < request.minutes:
            request.waitlist = NOT_ENOUGH_ACCRUED
        elif any(self._approved[day] + minutes > config.daily_allotment
                 for day, minutes in request.minutes_by_day().items()):  # fmt: skip
            request.waitlist = NOT_ENOUGH_ALLOTMENT
        elif not config.auto_approve:
            request.waitlist = AUTO_APPROVE_DISABLED
        else:
            request.state, request.reviewed = APPROVED, request.submitted
            self._charge(request, plan)

    def _balance(self, user_id: str, plan: Accrual) -> int:
        return self._balances.setdefault((user_id.lower(), plan.name), plan.minutes)

    def _charge(self, request: TimeOffRequest, plan: Accrual | None) -> None:
        """An approved request's minutes leave the plan its code is in."""
        if plan is not None:
            self._balances[request.user_id.lower(), plan.name] = (
                self._balance(request.user_id, plan) - request.minutes
            )
            request.charged = plan

    @staticmethod
    def _plan(agent: WfmAgent | None, code: ActivityCode) -> Accrual | None:
        plans = agent.accruals if agent else []
        return next((plan for plan in plans if code.id in plan.codes), None)

    def _hold(self, request: TimeOffRequest, sign: int) -> None:
        """Count (or stop counting) the request's minutes against each day's allotment."""
        if request.holds_time():
            tally = self._approved if request.state == APPROVED else self._waiting
            for day, minutes in request.minutes_by_day().items():
                tally[day] += sign * minutes
            self._availability_version += 1

    # -- versions ---------------------------------------------------------------------------

    def watch(self, session: Session) -> None:
        agent = self.agent(session)
        self._watchers.add(agent.user_id.lower(), session)
        self._watchers.add(EVERY_AGENT, session)
        versions = self._versions[agent.user_id.lower()]
        message = {VERSION_FIELDS[part]: versions[part] for part in VERSION_FIELDS
                   if part != "availability"}  # fmt: skip
        message["availabilityVersion"] = self._availability_version
        self.state.deliver(session, {"__type": DATA_VERSIONS_MESSAGE, "isDelta": False, **message})

    def stop(self, session: Session) -> None:
        self._watchers.forget(session)

    def _moved(self, user_id: str, *parts: str | None) -> None:
        """Tell the user's watchers the versions that moved, and every watcher the shared
        availability's when it moved."""
        versions = self._versions[user_id.lower()]
        told: dict[str, int] = {}
        for part in filter(None, parts):
            versions[part] += 1
            told[VERSION_FIELDS[part]] = versions[part]
        shared = {}
        if self._availability_version != self._told_availability:
            self._told_availability = self._availability_version
            shared = {"availabilityVersion": self._availability_version}
        mine = self._watchers.of(user_id.lower())
        for watcher in mine:
            self._tell(watcher, {**told, **shared})
        if shared:
            for watcher in self._watchers.of(EVERY_AGENT):
                if watcher not in mine:
                    self._tell(watcher, shared)

    def _tell(self, watcher: Session, versions: dict[str, int]) -> None:
        self.state.deliver(watcher, {"__type": DATA_VERSIONS_MESSAGE, "isDelta": True, **versions})


def day_count(kind: int, start: datetime, end: datetime) -> int:
    """The days a request takes: a partial day one; full days one per 24 hours begun."""
    return 1 if kind == PARTIAL_DAY else max(1, math.ceil((end - start) / DAY))


def _code_body(code: ActivityCode) -> dict:
    body = {
        "activityCodeId": code.id, "activityType": code.activity_type,
        "activityCodeName": code.name, "shortName": code.short_name, "isPaidTime": code.paid,
        "isActive": code.active,
    }  # fmt: skip
    if code.length is not None:
        body["lengthInMinutes"] = code.length
    return body


def _empty(part: str) -> dict:
    return {"scheduleIntervals": []} if part == "schedule" else {"items": {} if part in ("activityCodes", "statusMappings") else []}  # fmt: skip


def _midnight(moment: datetime) -> datetime:
    return datetime.combine(moment.date(), datetime.min.time(), timezone.utc)


def _query_time(text: str, name: str) -> datetime:
    try:
        return _in_years(parse_datetime(text))
    except ValueError:
        raise InvalidRepresentation(
            f"The query parameter {name} is not a date-time from {EARLIEST} to {LATEST}: "
            f"{clipped(repr(text))}."
        ) from None


def _body_time(body: dict, name: str) -> datetime:
    value = body[name]
    if isinstance(value, datetime):
        return value
    try:
        return _in_years(parse_datetime(value))
    except ValueError:
        raise InvalidProperty(
            name, f"{name} is not a date-time from {EARLIEST} to {LATEST}: {clipped(repr(value))}."
        ) from None


def _in_years(moment: datetime) -> datetime:
    """[guess] Dates a WFM server holds: far from the ends of the calendar, so that a range
    a year long (or a request's days) can be counted from any of them."""
    if not EARLIEST <= moment.year <= LATEST:
        raise ValueError(moment.year)
    return moment


def _length(body: dict, default: int) -> int:
    length = body.get("lengthInMinutes", default)
    if isinstance(length, bool) or not isinstance(length, int):
        raise InvalidProperty("lengthInMinutes", "lengthInMinutes must be a whole number.")
    return length
