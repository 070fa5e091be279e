"""Calls an agent makes: intercom calls to users and workgroups, calls to numbers outside
the server (which answer, stay busy or ring as the scenario says)."""

from __future__ import annotations

from ..scenario import Workgroup
from ..scenario.model import ALERT_TIMEOUT
from ..sessions import Session
from ..state import ServerState
from .actions import Actions
from .interaction import CALL, Interaction, Interactions, link
from .routing import Router, hand_to

# [guess] Seconds from creating an outbound call ("Initializing") to dialling it, and from
# dialling to the network taking it (Connected, or Proceeding with call analysis).
DIAL_DELAY = 0.2


class Calls:
    def __init__(
        self, state: ServerState, interactions: Interactions, router: Router, actions: Actions
    ) -> None:
        self.scenario = state.scenario
        self.interactions = interactions
        self.router = router
        self.actions = actions

    def make_call(self, session: Session, target: str, workgroup: Workgroup | None) -> Interaction:
        """An outbound call from the session's station: System, Proceeding, then the far
        end's answer; an intercom call alerts the user or workgroup it reaches."""
        caller = session.user
        callee = self.scenario.user_at(target)
        group = None if callee else self.scenario.workgroup(target)
        interaction = self.interactions.new(
            CALL,
            Eic_CallDirection="O",
            Eic_CallType="I" if (callee or group) else "E",
            Eic_RemoteAddress=target,
            Eic_RemoteName=(callee.display_name if callee else group.id if group else target),
            Eic_WorkgroupName=workgroup.id if workgroup else "",
            Eic_RemoteTn=target,  # [guess] the number dialled
        )
        # [real] Desktops match Eic_Recorders against Eic_UserName on one's own calls.
        for name, value in hand_to(interaction, caller, session).items():
            interaction.attributes.set(name, value)
        if callee or group:
            self.interactions.set_state(interaction, "S")
            here = caller.extension or caller.id
            if callee and callee.when_called == "busy":
                # [guess] A busy phone: the call ends so, and the user is not alerted.
                self.router.after(DIAL_DELAY, interaction,
                                  lambda: self.actions.disconnect(interaction, by_agent=False,
                                                                  why="Busy"),
                                  f"{callee.id} was busy for call {interaction.id}")  # fmt: skip
                return interaction
            if callee:
                other = self.interactions.new(
                    CALL, Eic_CallDirection="I", Eic_CallType="I", Eic_RemoteAddress=here,
                    Eic_RemoteName=caller.display_name,
                )  # fmt: skip
                link(interaction, other)
                self.router.alert(other, callee, self.router.station_session(callee), acd=False)
                if callee.when_called == "no answer":
                    # [guess] It rings for a station's alert timeout, then ends unanswered.
                    self.router.after(ALERT_TIMEOUT, other,
                                      lambda: self._unanswered_intercom(interaction, other),
                                      f"{callee.id} did not answer call {interaction.id}")  # fmt: skip
            else:
                assert group is not None
                other = self.router.place_inbound(
                    group, here, caller.display_name, Eic_CallType="I"
                )
                link(interaction, other)
            self.router.after(DIAL_DELAY, interaction, lambda: self._proceed(interaction),
                              f"intercom call {interaction.id} dialled")  # fmt: skip
            return interaction
        # [doc] Eic_CallStateString: "Initializing" (CIC formats the number and looks for a
        # line), then "Dialing"; then "Proceeding" only with call analysis on, otherwise
        # "Connected means the same as Proceeding".
        self.interactions.set_state(interaction, "S", Eic_CallStateString="Initializing")
        far_end = self.scenario.external_number(target)

        def taken() -> None:
            if interaction.state != "S":
                return
            if far_end.behaviour == "busy":
                # [guess] The state string says why it ended.
                self.actions.disconnect(interaction, by_agent=False, why="Busy")
                return
            if caller.call_analysis:
                self.interactions.set_state(interaction, "R")
            else:
                self.actions.connect(interaction)
            if far_end.behaviour == "answer":
                self.router.after(far_end.after, interaction,
                                  lambda: self._far_end_answers(interaction),
                                  f"the far end of call {interaction.id} answered")  # fmt: skip
            else:
                self.router.after(far_end.after, interaction,
                                  lambda: self._not_answered(interaction),
                                  f"nobody answered call {interaction.id}")  # fmt: skip

        def dialling() -> None:
            if interaction.state == "S":
                self.interactions.set_state(interaction, "S", Eic_CallStateString="Dialing")
                self.router.after(DIAL_DELAY / 2, interaction, taken,
                                  f"call {interaction.id} taken by the network")  # fmt: skip

        self.router.after(DIAL_DELAY / 2, interaction, dialling, f"call {interaction.id} dialled")
        return interaction

    def _proceed(self, interaction: Interaction) -> None:
        if interaction.state == "S":
            self.interactions.set_state(interaction, "R")

    def _far_end_answers(self, interaction: Interaction) -> None:
        if interaction.state == "R":
            self.actions.connect(interaction)

    def _unanswered_intercom(self, interaction: Interaction, other: Interaction) -> None:
        if other.state == "A":
            self.interactions.stop_alerting(other)
            self.actions.disconnect(interaction, by_agent=False, why="No Answer")

    def _not_answered(self, interaction: Interaction) -> None:
        """[guess] A far end that rings unanswered: the call ends, saying so."""
        if interaction.state in ("R", "C"):
            self.actions.disconnect(interaction, by_agent=False, why="No Answer")
