"""What agents do to interactions: pick up, hold, mute, send digits, disconnect, transfer.

A refusal is raised as :class:`~..errors.InvalidState` with the reason; the HTTP resource
says which action it refused. What follows a connection or a disconnection for media and
wrap-up is announced on the lifecycle, not called from here.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import InvalidState
from ..scenario import User, Workgroup
from ..sessions import Session
from ..state import ServerState
from ..statuses import Statuses
from ..wire import now_compact
from .interaction import DISCONNECTED, STATE_TEXT, Interaction, Interactions
from .lifecycle import Lifecycle
from .routing import Router, hand_to

# What an action does, once the server has answered it (see resources/interactions.py).
Effect = Callable[[], None]
# [doc] stationSetting of a remote number.
REMOTE_NUMBER = 3


def not_now(interaction: Interaction, user: User | None = None) -> InvalidState:
    """The refusal of an action the interaction's state does not allow: "it is Held", and
    whose it is when that is not ``user``'s."""
    text = STATE_TEXT.get(interaction.state, interaction.state or "not set")
    holder = interaction.agent
    if user is not None and holder is not None and holder is not user:
        text += f" for {holder.id}"
    return InvalidState(f"it is {text}")


class Actions:
    def __init__(
        self,
        state: ServerState,
        status: Statuses,
        interactions: Interactions,
        router: Router,
        lifecycle: Lifecycle,
    ) -> None:
        self.state = state
        self.status = status
        self.scenario = state.scenario
        self.interactions = interactions
        self.router = router
        self.lifecycle = lifecycle
        # Features that answer a pick up of their own states (a parked call): each hook
        # returns the effect, or None when the interaction is none of its business.
        self.pickup_hooks: list[Callable[[Session, Interaction], Effect | None]] = []

    def pick_up(self, session: Session, interaction: Interaction) -> Effect:
        """Answer an interaction alerting this user, waiting in a workgroup queue they are a
        member of, or held by them; a supervisor's pick up takes it over from its agent.
        Refused at once (InvalidState) when it cannot be; the effect follows."""
        for hook in self.pickup_hooks:
            effect = hook(session, interaction)
            if effect is not None:
                return effect
        user = session.user
        state = interaction.state
        if state == "A" and interaction.agent is user:
            return lambda: self._answer(session, interaction, "A")
        if state == "O" and interaction.workgroup and interaction.workgroup.has_member(user.id):
            # [doc] Interactions in a workgroup queue "can be picked up by its member agents".
            return lambda: self._answer(session, interaction, "O")
        if state in ("C", "H") and interaction.agent is user:
            return lambda: self._retrieve(interaction, user)
        if (
            state in ("A", "C", "H")
            and interaction.workgroup is not None
            and interaction.workgroup.has_supervisor(user.id)
        ):
            # [guess] A supervisor's pick up takes the interaction over from its agent.
            return lambda: self._take_over(session, interaction)
        raise not_now(interaction, user)

    def _answer(self, session: Session, interaction: Interaction, was: str) -> None:
        user = session.user
        if interaction.state != was or interaction.agent not in (None, user):
            return  # it changed meanwhile (the caller hung up, ACD offered it elsewhere)
        if was == "O":
            self.interactions.change(interaction, **hand_to(interaction, user, session))
        else:
            self.interactions.stop_alerting(interaction)
        station = session.station or {}
        if station.get("stationSetting") == REMOTE_NUMBER:
            # [real] The vendor's QA: on a remote-number station the interaction "will still
            # be alerting at this point, since the remote end hasn't picked up".
            far_phone = self.scenario.external_number(str(station.get("remoteNumber", "")))
            interaction.cancel_timer()
            self.router.after(far_phone.after, interaction,
                              lambda: self._far_phone_answers(interaction, user),
                              f"{user.id}'s phone answered {interaction.id}")  # fmt: skip
            return
        self.connect(interaction)

    def _far_phone_answers(self, interaction: Interaction, user: User) -> None:
        if interaction.agent is user and interaction.state in ("A", "O"):
            self.connect(interaction)

    def _retrieve(self, interaction: Interaction, user: User) -> None:
        if interaction.agent is user and interaction.state == "H":
            self.interactions.set_state(interaction, "C")

    def _take_over(self, session: Session, interaction: Interaction) -> None:
        previous = interaction.agent
        self.interactions.stop_alerting(interaction)
        interaction.cancel_timer()
        user = session.user
        self.interactions.change(interaction, **hand_to(interaction, user, session))
        if interaction.state != "C":
            self.connect(interaction)
        self.released(previous, from_acd=interaction.acd)
        self.update_on_phone(user)

    def connect(self, interaction: Interaction) -> None:
        """The interaction is answered: Connected, and its other parties with it."""
        interaction.cancel_timer()
        now = now_compact()
        extra: dict[str, str] = {}
        for attributes in self.lifecycle.emit("connecting", interaction):
            extra.update(attributes or {})
        self.interactions.set_state(
            interaction, "C", Eic_ConnectTime=now, Eic_AnswerTime=now, **extra
        )
        self.update_on_phone(interaction.agent)
        self.lifecycle.emit("connected", interaction)
        for other in interaction.others:
            if other.state in ("S", "R", "A"):
                self.interactions.stop_alerting(other)
                self.connect(other)

    def hold(self, interaction: Interaction, on: bool) -> Effect:
        before, after = ("C", "H") if on else ("H", "C")
        if interaction.state != before:
            raise not_now(interaction)

        def effect() -> None:
            if interaction.state == before:
                self.interactions.set_state(interaction, after)

        return effect

    def mute(self, interaction: Interaction, on: bool) -> Effect:
        if interaction.state not in ("C", "H"):
            raise not_now(interaction)

        def effect() -> None:
            if interaction.state in ("C", "H"):
                # [guess] the value form
                self.interactions.change(interaction, Eic_Muted="1" if on else "0")

        return effect

    def send_digits(self, interaction: Interaction, digits: str) -> Effect:
        if interaction.state != "C":
            raise not_now(interaction)
        return lambda: interaction.digits.append(digits)

    def disconnect(self, interaction: Interaction, by_agent: bool, why: str = "") -> None:
        """[doc] Hung up by the local party: I; by the remote party: E. The interaction
        lingers in its queues, then leaves them. A party leaving a conversation of three or
        more leaves the rest talking; the last other party of a call is hung up on."""
        if interaction.state in DISCONNECTED or not interaction.allocated:
            return
        self.lifecycle.emit("ending", interaction, by_agent)
        self.interactions.stop_alerting(interaction)
        text = {"Eic_CallStateString": f"Disconnected ({why})"} if why else {}
        self.interactions.set_state(
            interaction, "I" if by_agent else "E", Eic_TerminationTime=now_compact(), **text
        )
        if not any(self.lifecycle.emit("disconnected", interaction)):
            self.linger(interaction)
        self.released(interaction.agent, from_acd=interaction.acd)
        parties = interaction.parties
        if parties is not None:
            parties.members.remove(interaction)
            interaction.parties = None
            if len(parties.members) < 2:
                for other in list(parties.members):
                    self.disconnect(other, by_agent=False)

    def linger(self, interaction: Interaction) -> None:
        self.router.after(self.scenario.disconnected_linger, interaction,
                          lambda: self.remove(interaction), f"{interaction.id} left its queues")  # fmt: skip

    def remove(self, interaction: Interaction) -> None:
        """The interaction leaves every queue and is deallocated."""
        self.interactions.remove(interaction)
        self.lifecycle.emit("removed", interaction)

    def transfer(
        self,
        interaction: Interaction,
        target_user: User | None = None,
        target_workgroup: Workgroup | None = None,
        number: str | None = None,
    ) -> None:
        """Blind transfer: to a user (alerting), a workgroup (queued and routed) or a
        number outside the server (the interaction leaves it)."""
        if interaction.state not in ("A", "C", "H") or not interaction.allocated:
            return  # it ended meanwhile
        previous, from_acd = interaction.agent, interaction.acd
        self.interactions.stop_alerting(interaction)
        interaction.cancel_timer()
        interaction.agent, interaction.station = None, None
        if target_workgroup is not None:
            self.router.enter_queue(interaction, target_workgroup, route=False)
        elif target_user is not None:
            interaction.workgroup = None
            self.router.alert(
                interaction, target_user, self.router.station_session(target_user), acd=False
            )
        else:
            interaction.workgroup = None
            self.interactions.change(interaction, Eic_RemoteAddress=number)
            self.remove(interaction)
        self.released(previous, from_acd)

    def released(self, user: User | None, from_acd: bool) -> None:
        """An agent done with an interaction: on the phone no more.

        [doc] "Availability is only reset when an agent disconnects from an ACD
        interaction, or when follow-up time expires. Available time is not reset when an
        agent is off-hook for non-ACD purposes": idle from now after an ACD interaction,
        unless after-call work follows (its end resets it).
        """
        if user is not None:
            if from_acd and not self.router.in_after_call_work(user):
                self.router.reset_idle(user)
            self.update_on_phone(user)
        self.router.route_waiting()

    def update_on_phone(self, user: User | None) -> None:
        """[doc] A user's onPhone follows their connected and held interactions."""
        if user is None:
            return
        on = any(i.state in ("C", "H") for i in self.interactions.of_agent(user))
        state = self.state.user_status[user.id.lower()]
        if state["onPhone"] != on:
            before = self.status.user_status(user)
            state["onPhone"], state["onPhoneChanged"] = on, now_compact()
            self.status.tell_watchers(user, before)
