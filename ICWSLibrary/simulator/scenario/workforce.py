"""The scenario's ``workforce`` section: what Interaction Optimizer (the WFM server) knows
of the agents: activity codes, each agent's weekly shift, time-off rules and accruals.

Read here, used by :mod:`..workforce`. Times of day are UTC; the schedule repeats every
week from the start of the current week (today), so suites never rot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...protocol.workforce import ACTIVITY_TYPES, DAYS_OF_WEEK, number_in
from .checks import _flag, _known_keys, _objects, _strings
from .model import ScenarioError, User

WORKFORCE_KEYS = frozenset(
    (
        "activityCodes", "statusMappings", "startDayOfWeek", "dayMinutes", "weekMinutes",
        "minPartialDayMinutes", "maxPartialDayMinutes", "minFullDayMinutes",
        "maxFullDayMinutes", "scheduleWeeks", "autoApprove", "dailyAllotmentMinutes",
        "blackoutDates", "agents",
    )
)  # fmt: skip
CODE_KEYS = frozenset(("id", "name", "shortName", "type", "paid", "active", "lengthInMinutes"))
AGENT_KEYS = frozenset(("user", "days", "shift", "accruals"))
BLOCK_KEYS = frozenset(("from", "to", "activity"))
ACCRUAL_KEYS = frozenset(("name", "codes", "minutes", "canSubmit", "canSeeBalance"))
_TIME_OF_DAY = re.compile(r"^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$")


@dataclass(frozen=True)
class ActivityCode:
    id: str
    name: str
    short_name: str
    activity_type: int
    paid: bool = True
    active: bool = True
    length: int | None = None


@dataclass(frozen=True)
class ShiftBlock:
    """One activity of a day's shift, in minutes after midnight UTC."""

    start: int
    end: int
    code: ActivityCode


@dataclass(frozen=True)
class Accrual:
    name: str
    codes: tuple[str, ...]
    minutes: int
    can_submit: bool = True
    can_see_balance: bool = True


@dataclass(frozen=True)
class WfmAgent:
    user_id: str
    # DayOfWeek numbers (Sunday 0) the shift is worked.
    days: frozenset[int]
    shift: tuple[ShiftBlock, ...]
    accruals: list[Accrual] = field(default_factory=list)


@dataclass
class Workforce:
    codes: dict[str, ActivityCode]
    status_mappings: dict[str, int]
    agents: dict[str, WfmAgent]
    start_day: int = 0
    day_minutes: int = 480
    week_minutes: int = 2400
    partial_day: tuple[int, int] = (30, 480)
    full_day: tuple[int, int] = (480, 480)
    weeks: int = 4
    auto_approve: bool = False
    daily_allotment: int = 960
    blackout: frozenset[date] = frozenset()

    def agent(self, user_id: str) -> WfmAgent | None:
        return self.agents.get(user_id.lower())

    def code(self, code_id: str) -> ActivityCode | None:
        return self.codes.get(str(code_id).lower())


def read_workforce(
    given: Any, users: dict[str, User], statuses: list[dict], origin: str
) -> Workforce | None:
    if given is None:
        return None
    if not isinstance(given, dict):
        raise ScenarioError(f"Scenario {origin}: 'workforce' must be an object.")
    _known_keys(given, WORKFORCE_KEYS, "workforce", origin)
    codes = {code.id.lower(): code for code in map(_code_reader(origin), _objects(given, "activityCodes", origin))}  # fmt: skip
    if not codes:
        raise ScenarioError(f"Scenario {origin}: 'workforce' needs 'activityCodes'.")
    known_statuses = {s["statusId"].casefold(): s["statusId"] for s in statuses}
    mappings = {}
    for status_id, type_name in dict(given.get("statusMappings", {})).items():
        if status_id.casefold() not in known_statuses:
            raise ScenarioError(
                f"Scenario {origin}: 'statusMappings' names status {status_id!r}, which the "
                "status catalog lacks."
            )
        mappings[known_statuses[status_id.casefold()]] = _activity_type(type_name, origin)
    agents = {}
    for item in _objects(given, "agents", origin):
        agent = _agent(item, users, codes, origin)
        agents[agent.user_id.lower()] = agent
    limits = {
        key: _minutes(given, key, default, origin)
        for key, default in (
            ("minPartialDayMinutes", 30), ("maxPartialDayMinutes", 480),
            ("minFullDayMinutes", 480), ("maxFullDayMinutes", 480),
        )
    }  # fmt: skip
    start_day = number_in(DAYS_OF_WEEK, str(given.get("startDayOfWeek", "Sunday")))
    if start_day is None:
        raise ScenarioError(
            f"Scenario {origin}: 'startDayOfWeek' must be a day's name, not "
            f"{given['startDayOfWeek']!r}."
        )
    weeks = _minutes(given, "scheduleWeeks", 4, origin)
    if not 1 <= weeks <= 52:
        raise ScenarioError(f"Scenario {origin}: 'scheduleWeeks' must be from 1 to 52.")
    return Workforce(
        codes=codes,
        status_mappings=mappings,
        agents=agents,
        start_day=start_day,
        day_minutes=_minutes(given, "dayMinutes", 480, origin),
        week_minutes=_minutes(given, "weekMinutes", 2400, origin),
        partial_day=(limits["minPartialDayMinutes"], limits["maxPartialDayMinutes"]),
        full_day=(limits["minFullDayMinutes"], limits["maxFullDayMinutes"]),
        weeks=weeks,
        auto_approve=_flag(given, "autoApprove", False, " of workforce", origin),
        daily_allotment=_minutes(given, "dailyAllotmentMinutes", 960, origin),
        blackout=frozenset(_dates(given, origin)),
    )


def _code_reader(origin: str):
    def read(item: dict[str, Any]) -> ActivityCode:
        where = f"activity code {item.get('id', '?')}"
        _known_keys(item, CODE_KEYS, where, origin)
        if not item.get("id") or not item.get("name"):
            raise ScenarioError(f"Scenario {origin}: every activity code needs 'id' and 'name'.")
        length = item.get("lengthInMinutes")
        return ActivityCode(
            id=str(item["id"]),
            name=str(item["name"]),
            short_name=str(item.get("shortName", str(item["name"])[:3].upper())),
            activity_type=_activity_type(item.get("type", "Unknown"), origin),
            paid=_flag(item, "paid", True, f" of {where}", origin),
            active=_flag(item, "active", True, f" of {where}", origin),
            length=None if length is None else _minutes(item, "lengthInMinutes", 0, origin),
        )

    return read


def _agent(item: dict, users: dict[str, User], codes: dict[str, ActivityCode], origin: str):
    user = users.get(str(item.get("user", "")).lower())
    if user is None:
        raise ScenarioError(
            f"Scenario {origin}: every workforce agent needs a 'user' of the scenario, not "
            f"{item.get('user')!r}."
        )
    where = f"workforce agent {user.id}"
    _known_keys(item, AGENT_KEYS, where, origin)
    days = set()
    for name in _strings(item, "days", origin) or ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]:  # fmt: skip
        number = number_in(DAYS_OF_WEEK, name)
        if number is None:
            raise ScenarioError(f"Scenario {origin}: {where} works on {name!r}, not a day.")
        days.add(number)
    shift: list[ShiftBlock] = []
    for block in _objects(item, "shift", origin):
        _known_keys(block, BLOCK_KEYS, f"the shift of {where}", origin)
        start, end = _time_of_day(block, "from", where, origin), _time_of_day(block, "to", where, origin)  # fmt: skip
        code = codes.get(str(block.get("activity", "")).lower()) or next(
            (
                c
                for c in codes.values()
                if c.name.casefold() == str(block.get("activity")).casefold()
            ),
            None,
        )
        if code is None:
            raise ScenarioError(
                f"Scenario {origin}: the shift of {where} names activity "
                f"{block.get('activity')!r}; the activity codes are "
                f"{', '.join(c.name for c in codes.values())}."
            )
        if end <= start or (shift and start < shift[-1].end):
            raise ScenarioError(
                f"Scenario {origin}: the shift of {where} must list its activities in order, "
                f"each ending after it starts (the one from {block['from']} does not)."
            )
        shift.append(ShiftBlock(start, end, code))
    accruals = []
    for plan in _objects(item, "accruals", origin):
        _known_keys(plan, ACCRUAL_KEYS, f"an accrual of {where}", origin)
        plan_codes = _strings(plan, "codes", origin) or []
        unknown = [c for c in plan_codes if c.lower() not in codes]
        if unknown or not plan.get("name"):
            raise ScenarioError(
                f"Scenario {origin}: an accrual of {where} needs a 'name' and 'codes' of "
                f"activity codes (unknown: {', '.join(unknown) or 'none'})."
            )
        accruals.append(
            Accrual(
                name=str(plan["name"]),
                codes=tuple(codes[c.lower()].id for c in plan_codes),
                minutes=_minutes(plan, "minutes", 0, origin),
                can_submit=_flag(plan, "canSubmit", True, f" of {where}", origin),
                can_see_balance=_flag(plan, "canSeeBalance", True, f" of {where}", origin),
            )
        )
    return WfmAgent(user.id, frozenset(days), tuple(shift), accruals)


def _activity_type(name: Any, origin: str) -> int:
    number = number_in(ACTIVITY_TYPES, str(name))
    if number is None:
        raise ScenarioError(
            f"Scenario {origin}: activity type {name!r} is not one of "
            f"{', '.join(ACTIVITY_TYPES.values())}."
        )
    return number


def _minutes(item: dict[str, Any], key: str, default: int, origin: str) -> int:
    value = item.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 527040:
        raise ScenarioError(f"Scenario {origin}: '{key}' must be a whole number from 0 to a year.")
    return value


def _time_of_day(block: dict, key: str, where: str, origin: str) -> int:
    match = _TIME_OF_DAY.match(str(block.get(key, "")))
    if match is None:
        raise ScenarioError(
            f"Scenario {origin}: '{key}' in the shift of {where} must be a time of day as "
            f"HH:MM (UTC), not {block.get(key)!r}."
        )
    hours, minutes = (match[1], match[2]) if match[1] else (match[3], match[4])
    return int(hours) * 60 + int(minutes)


def _dates(given: dict, origin: str) -> list[date]:
    found = []
    for text in _strings(given, "blackoutDates", origin) or []:
        try:
            found.append(date.fromisoformat(text))
        except ValueError:
            raise ScenarioError(
                f"Scenario {origin}: blackout date {text!r} must be written YYYY-MM-DD."
            ) from None
    return found
