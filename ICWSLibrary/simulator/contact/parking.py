"""Park: the agent puts a call on a user's queue (their own by default), where anyone who
sees it may pick it up; unanswered, it returns to whoever parked it after the park
timeout, on the simulator's clock.

[doc] ``POST /interactions/{id}/park``; ``Eic_State`` ``P`` is Parked (CONTACT-CENTER.md
2.1). [guess] the body ``{target}`` naming the user (the parker's own queue without it),
the timeout (scenario ``parkTimeout``) and the return alerting the parker. A feature of its
own: it answers the pick up of a parked call through the actions' pick-up hook.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..scenario import User
from ..sessions import Session
from ..state import ServerState
from .actions import Actions, Effect, not_now
from .interaction import Interaction, Interactions
from .lifecycle import Lifecycle
from .routing import Router, hand_to


@dataclass(eq=False)
class Parked:
    parker: User
    target: User


class Parking:
    def __init__(
        self,
        state: ServerState,
        interactions: Interactions,
        router: Router,
        actions: Actions,
        lifecycle: Lifecycle,
    ) -> None:
        self.scenario = state.scenario
        self.interactions = interactions
        self.router = router
        self.actions = actions
        # Interaction id -> who parked it where, while it is parked.
        self.parked: dict[str, Parked] = {}
        actions.pickup_hooks.append(self._pick_up)
        lifecycle.on("removed", lambda interaction: self.parked.pop(interaction.id, None))

    def park(self, session: Session, interaction: Interaction, target: User | None) -> Effect:
        user = session.user
        if interaction.agent is not user or interaction.state not in ("C", "H"):
            raise not_now(interaction, user)
        where = target or user

        def effect() -> None:
            if interaction.agent is not user or interaction.state not in ("C", "H"):
                return
            from_acd = interaction.acd
            self.parked[interaction.id] = Parked(user, where)
            self.interactions.set_state(interaction, "P", **hand_to(interaction, where, None))
            self.router.after(self.scenario.park_timeout, interaction,
                              lambda: self._back_to_parker(interaction),
                              f"parked {interaction.id} returned to {user.id}")  # fmt: skip
            self.actions.released(user, from_acd)

        return effect

    def _back_to_parker(self, interaction: Interaction) -> None:
        found = self.parked.pop(interaction.id, None)
        if found is None or interaction.state != "P":
            return
        parker = found.parker
        self.router.alert(interaction, parker, self.router.station_session(parker), acd=False)

    def _pick_up(self, session: Session, interaction: Interaction) -> Effect | None:
        """[guess] A parked call is picked up by the user whose queue holds it, its parker,
        or a member of its workgroup: connected to them."""
        found = self.parked.get(interaction.id)
        if found is None or interaction.state != "P":
            return None
        user = session.user
        group = interaction.workgroup
        if user not in (found.target, found.parker) and not (group and group.has_member(user.id)):
            raise not_now(interaction, user)

        def effect() -> None:
            if interaction.state != "P":
                return
            self.parked.pop(interaction.id, None)
            interaction.cancel_timer()
            self.interactions.change(interaction, **hand_to(interaction, user, session))
            self.actions.connect(interaction)

        return effect
