"""Statistics derived from the contact center: the catalog, values, and who hears of them.

A statistic key names a statistic and its parameter values, in the order the catalog
gives (``ININ.People.WorkgroupStats:Workgroup``, then ``ININ.People.AgentStats:User``,
then ``ININ.Queue:Interval``). Values are computed from the model each time it settles
(after every request, timed event or control call), and each watching session is told only
the values that moved. Sources: CONTACT-CENTER.md 2.6; SDK Statistics.js; [real] a
client's recorded ``statisticValueMessage`` (``isDelta`` true, null for "no data").
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ..protocol.messages import STATISTIC_CATALOG, STATISTIC_VALUE
from ..protocol.statistics import (
    DURATION,
    ERROR_VALUE_TYPE,
    INT,
    INTERVAL_PARAMETER,
    KNOWN_STATISTICS,
    MALFORMED_KEY,
    PERCENT,
    TIME_DURATION,
    UNKNOWN_KEY,
    USER_PARAMETER,
    WORKGROUP_PARAMETER,
    key_spelling,
)
from .contact import ContactCenter
from .scenario import Workgroup
from .sessions import Session

WORKGROUP, INTERVAL, USER = WORKGROUP_PARAMETER, INTERVAL_PARAMETER, USER_PARAMETER
# [real] Interval values clients ask for. Both count from the server's start here.
INTERVALS = ("CurrentShift", "CurrentPeriod")
# [doc] StatisticUnits: None 0, Seconds 2, Percent 5.
VALUE_TYPES = {
    INT: ("urn:inin.com:statistics:statisticIntValue", 0),
    TIME_DURATION: ("urn:inin.com:statistics:statisticTimeDurationValue", 2),
    DURATION: ("urn:inin.com:statistics:statisticDurationValue", 2),
    PERCENT: ("urn:inin.com:statistics:statisticPercentValue", 5),
}
# [guess] How many keys one session may watch: far more than a wallboard shows, and few
# enough that one session cannot make every other request slow (each settle computes them).
MAX_WATCHED_KEYS = 2000
CATALOG_TAG = "icws-simulator-1"


@dataclass(frozen=True)
class Definition:
    identifier: str
    display: str
    value_type: int
    parameters: tuple[str, ...]
    # (statistics, workgroup, user id or "") -> the value, or None for "no data".
    compute: Callable


class Statistics:
    """The statistics of one simulated server."""

    def __init__(self, contact: ContactCenter):
        self.contact = contact
        self.scenario = contact.scenario
        self.state = contact.state
        self.definitions = {d.identifier.casefold(): d for d in _definitions()}
        # The simulator clock's time at the start: availability counts from it.
        self.started = self.state.clock.now()
        # Sessions with a statistic watch: settling looks at these alone.
        self.watching: dict[str, Session] = {}
        self.state.on_settle(self.settle)

    # -- values -----------------------------------------------------------------------------

    def value(self, key: dict) -> dict | None:
        """The wire value of a statistic key: typed, an error value, or None (no data)."""
        identifier = key.get("statisticIdentifier") if isinstance(key, dict) else None
        items = key.get("parameterValueItems") if isinstance(key, dict) else None
        if not isinstance(identifier, str) or not isinstance(items, list):
            return _error(MALFORMED_KEY)
        definition = self.definitions.get(identifier.casefold())
        if definition is None:
            return _error(UNKNOWN_KEY)
        # [doc] "All of the parameter types ... must be used ... in the same order".
        types = [item.get("parameterTypeId") if isinstance(item, dict) else None for item in items]
        if [str(t).casefold() for t in types] != [p.casefold() for p in definition.parameters]:
            return _error(MALFORMED_KEY)
        values = {
            p: str(item.get("value") or "")
            for p, item in zip(definition.parameters, items, strict=True)
        }
        workgroup = self.scenario.workgroup(values[WORKGROUP])
        user_id = values.get(USER, "")
        # [guess] A workgroup, user or interval the server does not know is an unknown key.
        if workgroup is None or (USER in values and self.scenario.user(user_id) is None):
            return _error(UNKNOWN_KEY)
        if INTERVAL in values and values[INTERVAL].casefold() not in {
            i.casefold() for i in INTERVALS
        }:
            return _error(UNKNOWN_KEY)
        number = definition.compute(self, workgroup, user_id.lower())
        if number is None:
            return None
        kind, _ = VALUE_TYPES[definition.value_type]
        return {"__type": kind, "value": number, "statisticValueType": definition.value_type}

    def moment(self, clock_time: float) -> str:
        """A time of the simulator's clock as the wall-clock moment ICWS writes
        (``20160622T102319Z``): advancing the clock moves it back as time passing would."""
        wall = time.time() - (self.state.clock.now() - clock_time)
        return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(wall))

    def logged_in(self, workgroup: Workgroup) -> set[str]:
        """The members logged on to a station."""
        return self.contact.availability.of(workgroup).logged_in

    def activated(self, workgroup: Workgroup) -> set[str]:
        return self.contact.availability.of(workgroup).activated

    def available(self, workgroup: Workgroup) -> set[str]:
        return self.contact.availability.of(workgroup).available

    def in_queue(self, workgroup: Workgroup, states: str) -> int:
        counts = self.contact.registry.counts
        return sum(counts[workgroup.id.lower(), state] for state in states)

    def tally(self, event: str, workgroup: Workgroup, user_id: str = "") -> int:
        return self.contact.tallies[event, workgroup.id.lower(), user_id]

    # -- subscriptions ----------------------------------------------------------------------

    def watch(self, session, keys: list[dict]) -> None:
        """Add ``keys`` to the session's watch and tell the value of each key it did not
        have; the first PUT tells them all (an empty list still answers one message).

        [inferred] A PUT adds keys: a vendor wrapper PUTs workgroup keys, then agent keys,
        to the same resource and reads both (FIDELITY-AUDIT S2); a DELETE stops them all.
        """
        first = session.statistic_watch is None
        watch = session.statistic_watch = session.statistic_watch or {}
        self.watching[session.id] = session
        changes = []
        for key in keys:
            canonical = key_spelling(key)
            if canonical in watch:
                continue
            value = self.value(key)
            watch[canonical] = (key, value)
            changes.append({"statisticKey": key, "statisticValue": value})
        if changes or first:
            self.state.deliver(session, {"__type": STATISTIC_VALUE, "isDelta": True,
                                         "statisticValueChanges": changes})  # fmt: skip

    def would_watch(self, session, keys: list[dict]) -> int:
        """How many keys the session would watch after adding ``keys``."""
        watch = session.statistic_watch or {}
        return len(watch.keys() | {key_spelling(key) for key in keys})

    def stop(self, session) -> None:
        session.statistic_watch = None
        self.watching.pop(session.id, None)

    def settle(self) -> None:
        """Tell each watching session the values that changed since it was last told."""
        self._tell_changes({})

    def _tell_changes(self, computed: dict) -> None:
        for session in list(self.watching.values()):
            watch = session.statistic_watch
            if session.ended or not watch:
                self.watching.pop(session.id, None)
                continue
            changes = []
            for canonical, (key, told) in watch.items():
                if canonical not in computed:
                    computed[canonical] = self.value(key)
                value = computed[canonical]
                if value != told:
                    watch[canonical] = (key, value)
                    changes.append({"statisticKey": key, "statisticValue": value})
            if changes:
                self.state.deliver(session, {"__type": STATISTIC_VALUE, "isDelta": True,
                                             "statisticValueChanges": changes})  # fmt: skip

    # -- the catalog and parameter values ---------------------------------------------------

    def catalog_message(self) -> dict:
        categories: dict[str, list[dict]] = {}
        for definition in self.definitions.values():
            category = definition.identifier.split(":", 1)[0]
            categories.setdefault(category, []).append(_definition_contract(definition))
        return {
            "__type": STATISTIC_CATALOG,
            "isDelta": False,
            "statisticCatalogCacheTag": CATALOG_TAG,
            "statisticCategoryList": [
                {
                    "statisticCategoryId": category,
                    "displayString": CATEGORY_NAMES[category],
                    "description": CATEGORY_NAMES[category],
                    "statisticDefinitions": items,
                    "accessControlRights": [],
                    "licenses": [],
                }
                for category, items in categories.items()
            ],  # fmt: skip
            "parameterTypeDefinitions": [
                {
                    "parameterTypeId": type_id,
                    "displayString": name,
                    "description": name,
                    "accessControlLists": [],
                    "preserveOrder": False,
                }
                for type_id, name in PARAMETER_NAMES.items()
            ],  # fmt: skip
        }

    def parameter_values(self, parameter_type: str) -> list[dict] | None:
        """The values a parameter type takes; None for a type the catalog does not use."""
        folded = parameter_type.casefold()
        if folded == WORKGROUP.casefold():
            names = [w.id for w in self.scenario.workgroups.values()]
        elif folded == USER.casefold():
            names = [u.id for u in self.scenario.users.values()]
        elif folded == INTERVAL.casefold():
            names = list(INTERVALS)
        else:
            return None
        return [{"value": n, "displayString": n, "description": n} for n in names]


CATEGORY_NAMES = {"inin.workgroup": "Workgroup Statistics", "inin.agent": "Agent Statistics"}
PARAMETER_NAMES = {WORKGROUP: "Workgroup", INTERVAL: "Interval", USER: "User"}


def _definitions() -> list[Definition]:
    def percent_available(stats: Statistics, wg, _user):
        activated = len(stats.activated(wg))
        # [guess] Of the agents logged in and activated.
        return round(100.0 * len(stats.available(wg)) / activated, 2) if activated else 0.0

    def average_wait(stats: Statistics, wg, _user):
        answered = stats.tally("answered", wg)
        waited = stats.contact.tallies_kept.waited[wg.id.lower()]
        return round(waited / answered, 3) if answered else None

    def longest_available(stats: Statistics, wg, _user):
        """The moment the longest-available member became available (never having had
        an ACD interaction counts as since the server started)."""
        ready = stats.available(wg)
        if not ready:
            return None
        idle = stats.contact.idle_since
        started = stats.started
        return stats.moment(min(idle.get(user_id, started) for user_id in ready))

    def longest_wait(stats: Statistics, wg, _user):
        """[guess] As LongestAvailable: the moment the longest-waiting interaction queued."""
        waiting = [
            interaction.queued_at
            for (group, _media), held in stats.contact.registry.waiting.items()
            if group == wg.id.lower()
            for interaction in held.values()
            if interaction.queued_at is not None
        ]
        return stats.moment(min(waiting)) if waiting else None

    def longest(times_of):
        """A moment statistic: when the longest-running of ``times_of(stats, group)``
        began, or None."""

        def compute(stats: Statistics, wg, _user):
            since = stats.contact.talk.longest_since(times_of(stats.contact.talk, wg.id.lower()))
            return None if since is None else stats.moment(since)

        return compute

    def average(sums: str):
        def compute(stats: Statistics, wg, user):
            talk = stats.contact.talk
            return talk.average(getattr(talk, sums), wg.id.lower(), user)

        return compute

    def longest_talk(stats: Statistics, wg, user):
        return stats.contact.talk.longest_talk.get((wg.id.lower(), user))

    w, a = "inin.workgroup:", "inin.agent:"
    compute = {
        w + "LongestOnHoldTime": longest(lambda talk, group: talk.on_hold[group]),
        w + "LongestInboundACDInteraction": longest(lambda talk, g: talk.engaged[g, "I"]),
        w + "LongestOutboundACDInteraction": longest(lambda talk, g: talk.engaged[g, "O"]),
        w + "OnInboundACDInteractions": lambda s, wg, u: len(
            s.contact.talk.engaged[wg.id.lower(), "I"]
        ),
        w + "AverageTalkTime": average("talked"),
        w + "AverageHoldTime": average("held"),
        a + "InteractionsEntered": lambda s, wg, u: s.contact.talk.offered[wg.id.lower(), u],
        a + "AverageTalkTime": average("talked"),
        a + "AverageHoldTime": average("held"),
        a + "LongestTalkTime": longest_talk,
        a + "NonACDInteractions": lambda s, wg, u: s.contact.talk.non_acd[u],
        w + "LongestAvailable": longest_available,
        w + "LongestWaitTime": longest_wait,
        w + "TotalAgents": lambda s, wg, u: len(wg.members),
        w + "AgentsLoggedIn": lambda s, wg, u: len(s.logged_in(wg)),
        w + "AgentsLoggedInAndActivated": lambda s, wg, u: len(s.activated(wg)),
        w + "NumberAvailableForACDInteractions": lambda s, wg, u: len(s.available(wg)),
        w + "NotAvailable": lambda s, wg, u: len(s.activated(wg)) - len(s.available(wg)),
        w + "PercentAvailable": percent_available,
        w + "InteractionsWaiting": lambda s, wg, u: s.in_queue(wg, "O"),
        w + "InteractionsConnected": lambda s, wg, u: s.in_queue(wg, "C"),
        w + "InteractionsOnHold": lambda s, wg, u: s.in_queue(wg, "H"),
        w + "InteractionsEntered": lambda s, wg, u: s.tally("entered", wg),
        w + "InteractionsAnswered": lambda s, wg, u: s.tally("answered", wg),
        w + "InteractionsAbandoned": lambda s, wg, u: s.tally("abandoned", wg),
        w + "InteractionsCompleted": lambda s, wg, u: s.tally("completed", wg),
        w + "AverageWaitTime": average_wait,
        a + "InteractionsAnswered": lambda s, wg, u: s.tally("answered", wg, u),
    }
    return [Definition(*known, compute[known.identifier]) for known in KNOWN_STATISTICS]


def _definition_contract(definition: Definition) -> dict:
    _, units = VALUE_TYPES[definition.value_type]
    return {
        "statisticIdentifier": definition.identifier,
        "displayString": definition.display,
        "description": definition.display,
        "unitsDisplayString": {0: "", 2: "seconds", 5: "%"}[units],
        "requiredParametersDefinitions": [
            {"orderedParameterTypeList": list(definition.parameters), "shouldBeSuppressed": False}
        ],
        "statisticDefinitionData": {
            "precision": 2 if definition.value_type == PERCENT else 0,
            "units": units,
            "valueType": definition.value_type,
        },
        "statisticDefinitionFlags": [],
        "drillDowns": [],
    }


def _error(code: int) -> dict:
    return {"__type": "urn:inin.com:statistics:statisticErrorValue", "value": code,
            "statisticValueType": ERROR_VALUE_TYPE}  # fmt: skip
