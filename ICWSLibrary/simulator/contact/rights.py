"""Who may act on an interaction another agent has: queue rights.

[doc] A CIC refuses an action on another user's interaction without the queue rights for
it (403). [guess] The rights modelled: a workgroup's supervisors hold the supervisor's
queue rights on its interactions (listen, coach, join, disconnect, pick up), and nobody
else holds any on an interaction an agent has; an interaction waiting in a queue is its
members' to pick up or disconnect.
"""

from __future__ import annotations

from ..errors import Forbidden
from ..scenario import User
from .interaction import Interaction

# The actions a workgroup's supervisor may take on an interaction another agent has.
SUPERVISOR_ACTIONS = frozenset({"pickup", "disconnect", "listen", "coach", "join"})


def check_may_act(user: User, interaction: Interaction, action: str) -> None:
    """Forbidden (403) when ``user`` may not ``action`` the interaction: it is another
    agent's (alerting, connected or held) and ``user`` lacks the queue right."""
    holder = interaction.agent
    if holder is None or holder is user or interaction.state not in ("A", "C", "H"):
        return
    workgroup = interaction.workgroup
    if action in SUPERVISOR_ACTIONS and workgroup is not None and workgroup.has_supervisor(user.id):
        return
    if workgroup is not None and workgroup.has_supervisor(user.id):
        may = " or ".join(sorted(SUPERVISOR_ACTIONS))
        why = f"a supervisor of workgroup {workgroup.id} may only {may} it"
    else:
        why = "only a supervisor of its workgroup holds queue rights on it"
    raise Forbidden(
        f"The user {user.id} has no queue rights to {action} interaction {interaction.id}, "
        f"which is {holder.id}'s: {why}."
    )
