"""Statistics: read, assert and wait for workgroup and agent statistics."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from robot.api.deco import keyword
from robot.utils import secs_to_timestr, timestr_to_secs

from ..client import ICWSError
from ..client.statistics import StatisticKey
from ..protocol.names import counted
from .base import LibraryComponent


def describe(value: Any) -> str:
    if value is None:
        return "no data (null)"
    if isinstance(value, timedelta):
        return secs_to_timestr(value.total_seconds(), compact=True)
    if isinstance(value, float):
        return f"{value:g}%"
    return str(value)


def same_value(actual: Any, expected: Any, key: StatisticKey) -> bool:
    """Whether a told value is ``expected``, read as the statistic's own type: a count,
    a percent (``50`` or ``50%``), a duration (``90 s``, ``1 min 30 s``) or ``None``."""
    if expected is None or (isinstance(expected, str) and expected.strip().lower() in ("none", "")):
        return actual is None
    if actual is None:
        return False
    text = str(expected).strip()
    try:
        if isinstance(actual, timedelta):
            wanted = (
                expected
                if isinstance(expected, timedelta)
                else timedelta(seconds=timestr_to_secs(text))
            )
            return abs((actual - wanted).total_seconds()) < 0.001
        if isinstance(actual, float):
            return abs(actual - float(text.rstrip("%").strip())) < 0.001
        if isinstance(actual, int):
            return actual == int(text)
    except (TypeError, ValueError):
        raise ICWSError(
            f"Expected value {expected!r} cannot be compared with statistic {key}, whose value "
            f"is a {_kind(actual)} ({describe(actual)})."
        ) from None
    return str(actual) == text


def _kind(value: Any) -> str:
    if isinstance(value, timedelta):
        return "duration"
    return "percent" if isinstance(value, float) else "count" if isinstance(value, int) else "value"


class StatisticsKeywords(LibraryComponent):
    @keyword("Get Statistic Value")
    def get_statistic_value(
        self,
        statistic: str,
        workgroup: str | None = None,
        user_id: str | None = None,
        interval: str | None = None,
        timeout: timedelta | None = None,
    ) -> Any:
        """Returns the current value of a statistic, typed.

        ``statistic`` is a statistic id such as ``inin.workgroup:InteractionsWaiting``; a
        name without its category (``InteractionsWaiting``) is a workgroup statistic, or
        an agent statistic (``inin.agent:``) when ``user_id`` is given. Give the parameters
        the statistic takes: ``workgroup`` for workgroup statistics; also ``interval``
        (such as ``CurrentShift`` or ``CurrentPeriod``) for counters over a period; and
        ``user_id`` for agent statistics.

        The session watches the statistic from the first call and waits up to ``timeout``
        (default: the library's ``wait_timeout``) for the server to tell its value.
        Counts come back as integers, percents as numbers (``50.0``), durations as
        ``timedelta``, and ``None`` when the server has no data yet (an average of no
        interactions). A statistic the server does not know, or a key without the
        parameters it takes, fails saying so.

        Example:
        | ${waiting} = | Get Statistic Value | inin.workgroup:InteractionsWaiting | workgroup=Support |
        | ${entered} = | Get Statistic Value | InteractionsEntered | workgroup=Support | interval=CurrentShift |
        | ${answered} = | Get Statistic Value | InteractionsAnswered | workgroup=Support | interval=CurrentShift | user_id=agent1 |
        """
        key = StatisticKey.of(statistic, workgroup, user_id, interval)
        seconds = self.ctx.get_timeout(timeout)
        value = self.connected_session().statistics.value(key, seconds)
        self.info(f"Statistic {key} is {describe(value)}.")
        return value

    @keyword("Statistic Should Be")
    def statistic_should_be(
        self,
        statistic: str,
        expected: Any,
        workgroup: str | None = None,
        user_id: str | None = None,
        interval: str | None = None,
        message: str | None = None,
    ) -> None:
        """Fails unless the statistic's current value is ``expected``.

        The statistic and its parameters are named as in `Get Statistic Value`.
        ``expected`` is read as the statistic's type: a count (``2``), a percent (``50`` or
        ``50%``), a duration (``90 s``, ``1 minute 30 seconds``), or ``None`` for no data.
        ``message`` replaces the failure message. To wait for a value, use
        `Wait Until Statistic Is`.

        Example:
        | Statistic Should Be | inin.workgroup:TotalAgents | 4 | workgroup=Support |
        """
        key = StatisticKey.of(statistic, workgroup, user_id, interval)
        value = self.connected_session().statistics.value(key, self.ctx.get_timeout(None))
        self.fail_unless(
            same_value(value, expected, key),
            lambda: f"Statistic {key} is {describe(value)}, expected {expected}.",
            message,
        )
        self.info(f"Statistic {key} is {describe(value)}.")

    @keyword("Wait Until Statistic Is")
    def wait_until_statistic_is(
        self,
        statistic: str,
        expected: Any,
        workgroup: str | None = None,
        user_id: str | None = None,
        interval: str | None = None,
        timeout: timedelta | None = None,
        message: str | None = None,
    ) -> None:
        """Waits until the statistic's value is ``expected`` (as in `Statistic Should Be`).

        Reacts to the values the server tells as they change, with no sleeps; fails after
        ``timeout`` (default: the library's ``wait_timeout``) with the last value told.
        This is how a suite waits for routing without sleeping: for an agent to become
        available, or a queue to empty.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | Wait Until Statistic Is | AgentsLoggedIn | 1 | workgroup=Support | timeout=5s |
        """
        key = StatisticKey.of(statistic, workgroup, user_id, interval)
        seconds = self.ctx.get_timeout(timeout)
        reached, value = self.connected_session().statistics.wait_until(
            key, lambda value: same_value(value, expected, key), seconds
        )
        self.fail_unless(
            reached,
            lambda: (
                f"Statistic {key} was not {expected} within {seconds:g} s; the server last "
                f"told {describe(value)}."
            ),
            message,
        )
        self.info(f"Statistic {key} is {describe(value)}.")

    @keyword("Get Agents Available In Workgroup")
    def get_agents_available_in_workgroup(self, workgroup: str) -> int:
        """Returns how many agents of ``workgroup`` ACD could offer an interaction to now.

        That is the statistic ``inin.workgroup:NumberAvailableForACDInteractions``:
        members logged on to a station, activated, in a status that takes ACD
        interactions, and not busy.

        Example:
        | ${before} = | Get Agents Available In Workgroup | Support |
        """
        return self._count(
            "NumberAvailableForACDInteractions", workgroup, ("agent available", "agents available")
        )

    @keyword("Get Interactions Waiting In Workgroup")
    def get_interactions_waiting_in_workgroup(self, workgroup: str) -> int:
        """Returns how many interactions wait in ``workgroup``'s queue for an agent.

        That is the statistic ``inin.workgroup:InteractionsWaiting``.

        Example:
        | ${waiting} = | Get Interactions Waiting In Workgroup | Sales |
        """
        return self._count(
            "InteractionsWaiting", workgroup, ("interaction waiting", "interactions waiting")
        )

    def _count(self, statistic: str, workgroup: str, what: tuple[str, str]) -> int:
        key = StatisticKey.of(statistic, workgroup, None, None)
        value = self.connected_session().statistics.value(key, self.ctx.get_timeout(None))
        if value is None:
            raise ICWSError(f"The server has no data for statistic {key} yet.")
        self.info(f"Workgroup {workgroup} has {counted(value, *what)}.")
        return value
