"""Who is activated in which workgroup, and who hears of it (activations 1).

[doc] A member must be activated in a workgroup for ACD to offer them its interactions
(CONTACT-CENTER 2.3). A change signals "eligibility changed" through ``on_change``, so
routing runs again without this module knowing of routing.
"""

from __future__ import annotations

from collections.abc import Callable

from ...protocol.messages import USER_ACTIVATION
from ..scenario import User, Workgroup
from ..state import ServerState


class Activations:
    def __init__(self, state: ServerState) -> None:
        self.state = state
        self.scenario = state.scenario
        # Lower-case workgroup id -> lower-case user id -> activated.
        self.by_workgroup: dict[str, dict[str, bool]] = {
            key: dict(workgroup.activations) for key, workgroup in self.scenario.workgroups.items()
        }
        self._changed: list[Callable[[], None]] = []

    def on_change(self, hook: Callable[[], None]) -> None:
        self._changed.append(hook)

    def eligibility_changed(self) -> None:
        """Who may take what may have changed for anyone (an activation, a workgroup's or a
        user's configuration): listeners look again."""
        for hook in self._changed:
            hook()

    def is_activated(self, workgroup: Workgroup, user: User) -> bool:
        return self.by_workgroup.get(workgroup.id.lower(), {}).get(user.id.lower(), False)

    def of_user(self, user: User) -> dict[str, bool]:
        return {
            workgroup.id: self.is_activated(workgroup, user)
            for workgroup in self.scenario.workgroups.values()
            if workgroup.has_member(user.id)
        }

    def set(self, workgroup: Workgroup, user: User, on: bool) -> None:
        key = user.id.lower()
        activations = self.by_workgroup.setdefault(workgroup.id.lower(), {})
        if activations.get(key) == on:
            return
        activations[key] = on
        # Activation watches are few and change rarely: the live sessions are looked over.
        for session in list(self.state.sessions.live.values()):
            for subscription_id, (watched, workgroups) in session.activation_watches.items():
                if watched == key and workgroup.id.lower() in workgroups:
                    self.state.deliver(session, {
                        "__type": USER_ACTIVATION, "isDelta": True,
                        "subscriptionId": subscription_id, "userId": user.id,
                        "activationsChanged": {workgroup.id: on},
                    })  # fmt: skip
        self.eligibility_changed()

    def workgroup_changed(self, workgroup: Workgroup) -> None:
        """A workgroup's configuration changed: new members start activated, members who
        left are forgotten."""
        activations = self.by_workgroup.setdefault(workgroup.id.lower(), {})
        members = {member.lower() for member in workgroup.members}
        for member in members:
            activations.setdefault(member, True)
        for member in set(activations) - members:
            del activations[member]
        self.eligibility_changed()

    def forget_workgroup(self, workgroup: Workgroup) -> None:
        self.by_workgroup.pop(workgroup.id.lower(), None)
