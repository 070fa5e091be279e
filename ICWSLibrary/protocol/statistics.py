"""Statistic keys and values as ICWS spells them, for the client and the simulator.

[doc] A key is ``{statisticIdentifier, parameterValueItems: [{parameterTypeId, value}]}``
with the parameters in the catalog's order: [real] a workgroup, then a user, then an
interval (a vendor sample's agent dashboard sends ``inin.agent:`` keys so and reads the
user at ``parameterValueItems[1]``; CONTACT-CENTER.md 2.6).
"""

from __future__ import annotations

from typing import Any, NamedTuple

WORKGROUP_PARAMETER = "ININ.People.WorkgroupStats:Workgroup"
INTERVAL_PARAMETER = "ININ.Queue:Interval"
USER_PARAMETER = "ININ.People.AgentStats:User"
# [doc] statisticValueType Error, and the values of statisticErrorValue.
ERROR_VALUE_TYPE = 12
MALFORMED_KEY, UNKNOWN_KEY = 1, 2
ERROR_NAMES = {
    MALFORMED_KEY: "MalformedStatisticKey", UNKNOWN_KEY: "UnknownStatisticKey",
    3: "StatisticProviderTooBusy", 99: "Other",
}  # fmt: skip


# [doc] statisticValueType groups: Int 0, Double 1, String 2, Bool 3, Timestamp 4,
# TimeDuration 5 (the moment it started), Duration, FutureDuration and FiniteDuration 6-8
# (seconds), Percent 9 and WeightedPercent 11.
INTEGER, DOUBLE, STRING, BOOL, TIMESTAMP, TIME_DURATION = 0, 1, 2, 3, 4, 5
DURATIONS = (6, 7, 8)
PERCENTS = (9, 11)
# The value types of the statistics the simulator computes.
INT, DURATION, PERCENT = INTEGER, DURATIONS[0], PERCENTS[0]
VALUE_TYPE_NAMES = {
    INT: "count", DURATION: "duration", PERCENT: "percent", TIME_DURATION: "elapsed",
}  # fmt: skip


class KnownStatistic(NamedTuple):
    identifier: str
    display: str
    value_type: int
    parameters: tuple[str, ...]


_NOW = (WORKGROUP_PARAMETER,)
_PERIOD = (WORKGROUP_PARAMETER, INTERVAL_PARAMETER)
_AGENT = (WORKGROUP_PARAMETER, USER_PARAMETER, INTERVAL_PARAMETER)
# The statistics the simulator computes (a real server has many more): the client names the
# nearest of them for an id a server does not know, and the library's documentation lists them.
KNOWN_STATISTICS = tuple(
    KnownStatistic(*entry)
    for entry in (
        ("inin.workgroup:TotalAgents", "Total Agents", INT, _NOW),
        ("inin.workgroup:AgentsLoggedIn", "Agents Logged In", INT, _NOW),
        ("inin.workgroup:AgentsLoggedInAndActivated", "Agents Logged In and Activated", INT,
         _NOW),
        ("inin.workgroup:NumberAvailableForACDInteractions",
         "Number Available for ACD Interactions", INT, _NOW),
        ("inin.workgroup:NotAvailable", "Not Available", INT, _NOW),
        ("inin.workgroup:PercentAvailable", "Percent Available", PERCENT, _NOW),
        ("inin.workgroup:InteractionsWaiting", "Interactions Waiting", INT, _NOW),
        ("inin.workgroup:InteractionsConnected", "Interactions Connected", INT, _NOW),
        ("inin.workgroup:InteractionsOnHold", "Interactions On Hold", INT, _NOW),
        # [real] Told as the moment it began: {"__type": "...statisticTimeDurationValue",
        # "value": "20160622T102319Z", "statisticValueType": 5}; null for no data.
        ("inin.workgroup:LongestAvailable", "Longest Available", TIME_DURATION, _NOW),
        ("inin.workgroup:LongestWaitTime", "Longest Wait Time", TIME_DURATION, _NOW),
        # [real] Watched by dashboards; null (no data) when nothing is on hold, or no
        # agent is on an inbound or outbound ACD interaction.
        ("inin.workgroup:LongestOnHoldTime", "Longest On Hold Time", TIME_DURATION, _NOW),
        ("inin.workgroup:LongestInboundACDInteraction", "Longest Inbound ACD Interaction",
         TIME_DURATION, _NOW),
        ("inin.workgroup:LongestOutboundACDInteraction", "Longest Outbound ACD Interaction",
         TIME_DURATION, _NOW),
        ("inin.workgroup:OnInboundACDInteractions", "On Inbound ACD Interactions", INT, _NOW),
        ("inin.workgroup:InteractionsEntered", "Interactions Entered", INT, _PERIOD),
        ("inin.workgroup:InteractionsAnswered", "Interactions Answered", INT, _PERIOD),
        ("inin.workgroup:InteractionsAbandoned", "Interactions Abandoned", INT, _PERIOD),
        ("inin.workgroup:InteractionsCompleted", "Interactions Completed", INT, _PERIOD),
        ("inin.workgroup:AverageWaitTime", "Average Wait Time", DURATION, _PERIOD),
        ("inin.workgroup:AverageTalkTime", "Average Talk Time", DURATION, _PERIOD),
        ("inin.workgroup:AverageHoldTime", "Average Hold Time", DURATION, _PERIOD),
        ("inin.agent:InteractionsEntered", "Interactions Entered", INT, _AGENT),
        ("inin.agent:InteractionsAnswered", "Interactions Answered", INT, _AGENT),
        # [real] A vendor sample's agent dashboard reads these as type 6 (seconds).
        ("inin.agent:AverageTalkTime", "Average Talk Time", DURATION, _AGENT),
        ("inin.agent:AverageHoldTime", "Average Hold Time", DURATION, _AGENT),
        ("inin.agent:LongestTalkTime", "Longest Talk Time", DURATION, _AGENT),
        ("inin.agent:NonACDInteractions", "Non-ACD Interactions", INT, _AGENT),
    )
)  # fmt: skip


def key_spelling(key: Any) -> str:
    """One spelling of a statistic key, whatever the case it was given in, so that a key
    a server echoes is found among those asked for."""
    if not isinstance(key, dict):
        return repr(key)
    parts = [str(key.get("statisticIdentifier"))]
    items = key.get("parameterValueItems")
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            parts.append(f"{item.get('parameterTypeId')}={item.get('value')}")
        else:
            parts.append(repr(item))
    return "|".join(parts).casefold()
