"""Why a wait on the contact center failed: where the interaction is now, and, when an
embedded simulator serves the session, why each agent was or was not offered it.

Everything here runs after a wait has already failed, so a read that fails in turn only
leaves its part out: the wait's own failure is what the report must show.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..client import ICWSError, ICWSSession
from ..client.deadline import within
from ..client.interactions import state_name

WHERE_ATTRIBUTES = ("Eic_State", "Eic_WorkgroupName", "Eic_UserName")
# A wait ends by its timeout; saying why it failed may take this much longer at most (a
# read or two, milliseconds on a server that answers).
EXPLAIN_GRACE = 1.0
T = TypeVar("T")


def after_failure(read: Callable[[], T], fallback: T) -> T:
    """``read()``, given at most :data:`EXPLAIN_GRACE` seconds; ``fallback`` when it cannot
    answer in that time (or at all)."""
    with within(EXPLAIN_GRACE):
        try:
            return read()
        except ICWSError:
            return fallback


def where_is(session: ICWSSession, interaction_id: str) -> str:
    """`` Interaction N is Offering in workgroup Support's queue.`` as the server says it."""
    try:
        with within(EXPLAIN_GRACE):
            found = session.interactions.attributes(interaction_id, WHERE_ATTRIBUTES)
    except ICWSError as error:
        reason = (error.server_message or f"HTTP {error.status}") if error.status else str(error)
        return f" The server would not show interaction {interaction_id}: {reason}."
    where = f" Interaction {interaction_id} is {state_name(found['Eic_State'])}"
    if found["Eic_WorkgroupName"]:
        where += f" in workgroup {found['Eic_WorkgroupName']}'s queue"
    if found["Eic_UserName"]:
        where += f", with {found['Eic_UserName']}"
    return where + "."


def simulator_explains(
    session: ICWSSession,
    interaction_id: str | None = None,
    *,
    user_id: str | None = None,
    workgroup: str | None = None,
) -> str:
    """What the simulator serving the session says of an interaction's routing, or of the
    interactions waiting for ``user_id`` or in ``workgroup``; "" for any other server."""
    from ..simulator.server import running_at  # only a failing wait pays for the import

    simulator = running_at(session.address.base_url.removesuffix(session.address.prefix))
    if simulator is None:
        return ""
    try:
        if interaction_id is not None:
            lines = simulator.explain_routing(interaction_id)
        else:
            lines = simulator.explain_waiting(user_id, workgroup)
    except KeyError:
        return ""
    if not lines:
        return ""
    return "\nThe simulator's routing:\n- " + "\n- ".join(lines)
