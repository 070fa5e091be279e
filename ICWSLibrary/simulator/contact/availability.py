"""Who could take what, kept up to date per agent touched: the index routing and the
workgroup statistics read.

Per workgroup: the members logged on to a station, those also activated, and per routed
medium those ACD may offer an interaction of that medium now (the eligibility rule of
:meth:`.routing.Router.eligibility`). Something that happens to one agent (a status,
station or phone change, an interaction of theirs, their session ending) marks that agent
alone; an activation or configuration change marks everyone. Marked agents are looked at
again when the index is next read, so a change costs the agents it touched, not the size
of the center (with 1,000 agents in a workgroup, routing each call looked at all of them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..scenario import User, Workgroup
from ..sessions import Session
from ..state import ServerState
from ..statuses import Statuses
from .activations import Activations
from .interaction import CALL, CALLBACK, CHAT, GENERIC, Interactions

# The media ACD routes.
ROUTED_MEDIA = (CALL, CHAT, GENERIC, CALLBACK)


@dataclass
class Members:
    """Lower-case ids of a workgroup's members in each condition."""

    # Lower-case member id -> place in the workgroup's member list (ACD's tie-break).
    position: dict[str, int] = field(default_factory=dict)
    logged_in: set[str] = field(default_factory=set)
    activated: set[str] = field(default_factory=set)
    # Medium -> the members ACD may offer an interaction of that medium now.
    ready: dict[int, set[str]] = field(default_factory=lambda: {m: set() for m in ROUTED_MEDIA})
    # [doc] Members ACD could offer an interaction of some media to now: kept with the
    # rest, as statistics read it after every change.
    available: set[str] = field(default_factory=set)


class Availability:
    def __init__(
        self,
        state: ServerState,
        status: Statuses,
        interactions: Interactions,
        activations: Activations,
        eligibility: Callable[[User, Workgroup, int], Session | str],
    ) -> None:
        self.state = state
        self.scenario = state.scenario
        self._eligibility = eligibility
        self._activations = activations
        self._members: dict[str, Members] = {}
        self._workgroups_of: dict[str, list[Workgroup]] = {}
        self._dirty: set[str] = set()
        self._everyone_dirty = True
        # Registered before routing registers its own hooks, so that an agent is marked
        # before the routing a change causes reads the index.
        status.on_change(lambda user: self.touch(user.id))
        activations.on_change(self.touch_everyone)
        interactions.on_agent_change(self.touch)
        state.on_session_end(lambda session, _station: self.touch(session.user.id))

    def touch(self, user_id: str) -> None:
        self._dirty.add(user_id.lower())

    def touch_everyone(self) -> None:
        self._everyone_dirty = True

    def of(self, workgroup: Workgroup) -> Members:
        """The workgroup's members by condition, brought up to date."""
        if self._everyone_dirty:
            self._everyone_dirty = False
            self._dirty.clear()
            self._members.clear()
            self._workgroups_of.clear()
            for group in self.scenario.workgroups.values():
                members = self._members[group.id.lower()] = Members()
                for place, member in enumerate(group.members):
                    members.position.setdefault(member.lower(), place)
                    self._workgroups_of.setdefault(member.lower(), []).append(group)
                    self._place(group, member.lower(), members)
        elif self._dirty:
            dirty, self._dirty = self._dirty, set()
            for user_id in dirty:
                for group in self._workgroups_of.get(user_id, ()):
                    self._place(group, user_id, self._members[group.id.lower()])
        return self._members.get(workgroup.id.lower()) or Members()

    def _place(self, workgroup: Workgroup, user_id: str, members: Members) -> None:
        members.logged_in.discard(user_id)
        members.activated.discard(user_id)
        members.available.discard(user_id)
        for ready in members.ready.values():
            ready.discard(user_id)
        user = self.scenario.user(user_id)
        if user is None or not any(s.station for s in self.state.sessions.of_user(user_id)):
            return
        members.logged_in.add(user_id)
        if not self._activations.is_activated(workgroup, user):
            return
        members.activated.add(user_id)
        for medium, ready in members.ready.items():
            if isinstance(self._eligibility(user, workgroup, medium), Session):
                ready.add(user_id)
                members.available.add(user_id)
