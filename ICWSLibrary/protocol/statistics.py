"""Statistic keys and values as ICWS spells them, for the client and the simulator.

[doc] A key is ``{statisticIdentifier, parameterValueItems: [{parameterTypeId, value}]}``
with the parameters in the catalog's order; [real] clients pass a workgroup, then an
interval, then a user.
"""

from __future__ import annotations

from typing import Any

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
