"""ICWS feature ``statistics``: watch statistic values and read them typed.

A statistic key is a statistic id (``inin.workgroup:InteractionsWaiting``) and its
parameter values, in the catalog's order: workgroup, then user, then interval. The session
watches every key it was asked about in one subscription (each PUT adds keys to it) and
keeps the last value told for each, from
``statisticValueMessage``; reads and waits look there, with no sleeps.
Sources: CONTACT-CENTER.md 2.6, SDK Statistics.js, [real] recorded messages.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from ..protocol.dates import parse_datetime
from ..protocol.messages import STATISTIC_VALUE
from ..protocol.names import did_you_mean
from ..protocol.statistics import (
    DOUBLE,
    DURATIONS,
    ERROR_NAMES,
    ERROR_VALUE_TYPE,
    INTEGER,
    INTERVAL_PARAMETER,
    KNOWN_STATISTICS,
    MALFORMED_KEY,
    PERCENTS,
    TIME_DURATION,
    TIMESTAMP,
    UNKNOWN_KEY,
    USER_PARAMETER,
    WORKGROUP_PARAMETER,
    key_spelling,
)
from .deadline import whole_wait
from .errors import ICWSError
from .messaging import good_entries

if TYPE_CHECKING:
    from .channel import MessageChannel

WORKGROUP, INTERVAL, USER = WORKGROUP_PARAMETER, INTERVAL_PARAMETER, USER_PARAMETER
VALUES_PATH = "/messaging/subscriptions/statistics/statistic-values"


@dataclass(frozen=True)
class StatisticKey:
    identifier: str
    parameters: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, statistic: str, workgroup=None, user_id=None, interval=None) -> StatisticKey:
        """A key from what a tester names: a statistic without its category is a
        workgroup statistic (``inin.agent:`` when a user is given)."""
        identifier = str(statistic).strip()
        if ":" not in identifier:
            identifier = ("inin.agent:" if user_id else "inin.workgroup:") + identifier
        parameters = []
        if workgroup:
            parameters.append((WORKGROUP, str(workgroup)))
        if user_id:
            parameters.append((USER, str(user_id)))
        if interval:
            parameters.append((INTERVAL, str(interval)))
        return cls(identifier, tuple(parameters))

    def as_json(self) -> dict:
        return {
            "statisticIdentifier": self.identifier,
            "parameterValueItems": [{"parameterTypeId": t, "value": v} for t, v in self.parameters],
        }

    @property
    def canonical(self) -> str:
        return key_spelling(self.as_json())

    def __str__(self) -> str:
        named = {WORKGROUP: "workgroup", INTERVAL: "interval", USER: "user"}
        given = ", ".join(f"{named.get(t, t)} {v}" for t, v in self.parameters)
        return f"{self.identifier} ({given})" if given else self.identifier


def typed_value(key: StatisticKey, value: Any) -> Any:
    """A told value as Python: int, float (percent), timedelta (durations), None (no
    data). An error value raises :class:`ICWSError` saying what is wrong with the key."""
    if value is None:
        return None
    if not isinstance(value, dict) or "value" not in value:
        raise ICWSError(f"The server told {key} as {value!r:.200}, which is not a statistic value.")
    kind = value.get("statisticValueType")
    raw = value["value"]
    if kind == ERROR_VALUE_TYPE or str(value.get("__type", "")).endswith("statisticErrorValue"):
        name = ERROR_NAMES.get(raw, "an error")
        raise ICWSError(
            f"The server answered {name} ({raw}) for statistic {key}.{_error_hint(key, raw)}"
        )
    try:
        if kind in DURATIONS:
            return timedelta(seconds=float(raw))
        if kind == TIME_DURATION:
            # [real] A time duration is told as the moment it started: how long since then.
            return datetime.now(timezone.utc) - parse_datetime(str(raw))
        if kind == TIMESTAMP:
            return parse_datetime(str(raw))
        if kind in PERCENTS or kind == DOUBLE:
            return float(raw)
        if kind == INTEGER:
            return int(raw)
    except (TypeError, ValueError) as error:
        raise ICWSError(f"The server told {key} as {value!r:.200}: {error}.") from None
    return raw


_KNOWN = {known.identifier.casefold(): known for known in KNOWN_STATISTICS}
_ARGUMENTS = {WORKGROUP: "workgroup=", INTERVAL: "interval= (such as CurrentShift)",
              USER: "user_id="}  # fmt: skip


def _error_hint(key: StatisticKey, error: Any) -> str:
    """What to check for a key a server refused, from the statistics the library knows."""
    known = _KNOWN.get(key.identifier.casefold())
    if error == UNKNOWN_KEY:
        if known is not None:
            return " Check the workgroup, user and interval names."
        names = {k.identifier: k.identifier for k in KNOWN_STATISTICS}
        names |= {k.identifier.split(":", 1)[1]: k.identifier for k in KNOWN_STATISTICS}
        return did_you_mean(key.identifier.split(":", 1)[-1], names, "statistic ids") or (
            " Check the statistic id and the workgroup, user and interval names."
        )
    if error == MALFORMED_KEY:
        if known is not None:
            needs = " and ".join(_ARGUMENTS[p] for p in known.parameters)
            return f" {known.identifier} takes {needs}."
        return (
            " Give the parameters the statistic takes: interval statistics need interval= "
            "(such as CurrentShift), agent statistics need workgroup=, user_id= and interval="
        )
    return ""


# The statistics one session watches at most: a server computes each key watched whenever
# anything changes, so the least recently read go first.
MAX_WATCHED_STATISTICS = 200


def _is_change(change) -> bool:
    return isinstance(change, dict) and isinstance(change.get("statisticKey"), dict)


class StatisticsAPI:
    def __init__(self, session, channel: MessageChannel):
        self._session = session
        # Keys watched, by canonical spelling, least recently read first; the last value
        # told for each.
        self.keys: OrderedDict[str, StatisticKey] = OrderedDict()
        self.told: dict[str, Any] = {}
        # time.monotonic() of each key's last read, so that keys nobody reads are let go.
        self.last_read: dict[str, float] = {}
        self.attach(channel)

    def attach(self, channel: MessageChannel) -> None:
        self.channel = channel
        channel.on(STATISTIC_VALUE, self._message)

    def _message(self, message: dict) -> None:
        told = dict(self.told)
        for change in good_entries(message, "statisticValueChanges", _is_change):
            canonical = key_spelling(change["statisticKey"])
            # A value of a key no longer watched (it raced the new watch) is not kept.
            if canonical in self.keys:
                told[canonical] = change.get("statisticValue")
        self.told = told

    def watch(self, key: StatisticKey) -> None:
        """Add the key to the session's statistic watch (once), dropping the keys read
        least lately beyond :data:`MAX_WATCHED_STATISTICS`.

        A PUT adds keys to the watch (as a vendor wrapper relies on), so only the new key
        is sent; letting keys go takes a DELETE and a PUT of those kept, which is right
        whether a server adds or replaces.
        """
        self.last_read[key.canonical] = time.monotonic()
        if key.canonical in self.keys:
            self.keys.move_to_end(key.canonical)
            return
        self.channel.start()
        before = OrderedDict(self.keys)
        self.keys[key.canonical] = key
        try:
            if len(self.keys) > MAX_WATCHED_STATISTICS:
                while len(self.keys) > MAX_WATCHED_STATISTICS:
                    self.keys.popitem(last=False)
                self._rewatch()
            else:
                self._session.call("PUT", VALUES_PATH, {"statisticKeys": [key.as_json()]})
        except ICWSError as error:
            self.keys = before
            raise error.in_context(f"Watching statistic {key} was refused") from None
        self.told = {canonical: v for canonical, v in self.told.items() if canonical in self.keys}

    def _rewatch(self) -> None:
        """Watch exactly :attr:`keys`: stop the watch, then PUT each key kept."""
        self._session.call("DELETE", VALUES_PATH)
        if self.keys:
            body = {"statisticKeys": [k.as_json() for k in self.keys.values()]}
            self._session.call("PUT", VALUES_PATH, body)

    def value(self, key: StatisticKey, timeout: float | None = None) -> Any:
        """The statistic's value, typed (see :func:`typed_value`), once the server told it."""
        self.watch(key)  # also marks it read lately
        seconds = self._session.timeout if timeout is None else timeout
        if not self.channel.wait_until(lambda: key.canonical in self.told, seconds):
            raise ICWSError(
                f"The server accepted the watch of statistic {key} but told no value within "
                f"{seconds:g} s."
            )
        return typed_value(key, self.told[key.canonical])

    @whole_wait(on_timeout=(False, None))
    def wait_until(self, key: StatisticKey, matches, timeout: float) -> tuple[bool, Any]:
        """Wait until ``matches(value)`` holds for the typed value; returns whether it did
        and the last value told. The first value's arrival counts against ``timeout``."""
        deadline = time.monotonic() + timeout
        self.value(key, timeout)

        def reached() -> bool:
            return matches(typed_value(key, self.told[key.canonical]))

        done = self.channel.wait_until(reached, max(0.0, deadline - time.monotonic()))
        return done, typed_value(key, self.told[key.canonical])

    def forget_unread_since(self, moment: float) -> int:
        """Stop watching the keys not read since ``moment`` (a ``time.monotonic()``);
        returns how many. A server recomputes every watched key on every change, so a key
        read once must not be watched for the rest of the session."""
        stale = [c for c in self.keys if self.last_read.get(c, float("-inf")) < moment]
        if not stale:
            return 0
        for canonical in stale:
            del self.keys[canonical]
            self.last_read.pop(canonical, None)
            self.told.pop(canonical, None)
        self._rewatch()
        return len(stale)

    def stop(self) -> None:
        if self.keys:
            self.keys.clear()
            self.last_read.clear()
            self._session.call("DELETE", VALUES_PATH)
