"""Consult transfer: the agent holds the caller, calls a third party, speaks to either or
both, then joins caller and third party (and leaves) or drops the consult call.

[doc] ``POST /interactions/{id}/consult {target | queueID}`` (interactions 6; queueID 13)
answers 201 ``{consultId, consultInteractionId}`` and a Location; ``.../consult/{consultId}
/change-audience {audience: {originalParty, consultedParty}}`` says whom the agent hears;
``.../conclude`` joins caller and consulted party; ``DELETE .../consult/{consultId}``
cancels it (CONTACT-CENTER.md 2.1). What happens to each party is not published: the
rules here are marked [guess]. A feature of its own: the core calls none of it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ...protocol.messages import CONSULT_MESSAGE
from ..errors import InvalidState
from ..scenario import User, Workgroup
from ..sessions import Session
from ..state import ServerState
from .actions import Actions, not_now
from .calls import Calls
from .interaction import DISCONNECTED, Interaction, Interactions
from .lifecycle import Lifecycle
from .routing import Router, hand_to

TALKING = frozenset("CH")


@dataclass(eq=False)
class Consult:
    id: str
    # The agent's call with the caller, and the agent's call to the consulted party.
    original: Interaction
    call: Interaction
    agent: User
    # Whom the agent hears: (the caller, the consulted party).
    audience: tuple[bool, bool] = (False, True)


class Consults:
    def __init__(
        self,
        state: ServerState,
        interactions: Interactions,
        router: Router,
        actions: Actions,
        calls: Calls,
        lifecycle: Lifecycle,
    ) -> None:
        self.state = state
        self.interactions = interactions
        self.router = router
        self.actions = actions
        self.calls = calls
        self._ids = itertools.count(1)
        self.consults: dict[str, Consult] = {}
        # Original interaction id -> its consult in progress.
        self.by_original: dict[str, Consult] = {}
        lifecycle.on("disconnected", self._ended)

    def of(self, original: Interaction, consult_id: str) -> Consult:
        consult = self.consults.get(consult_id)
        if consult is None or consult.original is not original:
            raise InvalidState(f"it has no consult {consult_id}")
        return consult

    def start(self, session: Session, original: Interaction, target: str) -> Consult:
        """Hold the caller and call ``target`` (a user, extension, workgroup or number)."""
        user = session.user
        if original.agent is not user or original.state not in TALKING:
            raise not_now(original, user)
        if original.id in self.by_original:
            raise InvalidState("a consult is already in progress on it")
        if not session.station:
            raise InvalidState("the session has no station to call from")
        if original.state == "C":
            self.interactions.set_state(original, "H")
        call = self.calls.make_call(session, target, None)
        # [real] Attribute names a real client watches; [guess] what each holds: the
        # consult call names the call it consults about, is flagged as a consult and names
        # whom it consults; the original names its consult call while the consult lasts.
        self.interactions.change(
            call, Eic_ConsultingCallId=original.id, Eic_IsConsult="1", Eic_Consultee=target
        )
        self.interactions.change(original, Eic_ConsultCallId=call.id)
        consult = Consult(str(next(self._ids)), original, call, user)
        self.consults[consult.id] = consult
        self.by_original[original.id] = consult
        return consult

    def change_audience(self, consult: Consult, caller: bool, consulted: bool) -> None:
        """[guess] The agent hears whom the audience names: a party not heard is held; a
        consult call not answered yet cannot be held, so only the caller changes."""
        self._check_open(consult)
        for interaction, heard in ((consult.original, caller), (consult.call, consulted)):
            if interaction.state == "C" and not heard:
                self.interactions.set_state(interaction, "H")
            elif interaction.state == "H" and heard:
                self.interactions.set_state(interaction, "C")
        consult.audience = (caller, consulted)
        self._tell(consult)

    def conclude(self, consult: Consult) -> None:
        """Join the caller and the consulted party; the agent leaves both calls.

        [guess] A consulted user who answered takes the caller's interaction connected;
        one still alerting (or a workgroup not yet answered) gets it as a blind transfer
        would give it; a number outside the server takes the caller away from it."""
        self._check_open(consult)
        original, call = consult.original, consult.call
        far = next(iter(call.others), None)
        previous, from_acd = original.agent, original.acd
        self._close(consult)
        if far is not None and far.agent is not None and far.state in TALKING:
            receiver = far.agent
            session = self.router.station_session(receiver)
            self.interactions.change(original, **hand_to(original, receiver, session))
            original.acd = False
            # Connected anew: the receiver's own connection segment (wrap-up) begins.
            self.actions.connect(original)
            self.actions.disconnect(call, by_agent=True)
            self.actions.update_on_phone(receiver)
            self.actions.released(previous, from_acd)
            return
        if far is not None and far.agent is not None:
            self.actions.disconnect(call, by_agent=True)
            self.actions.transfer(original, target_user=far.agent)
            return
        if far is not None and far.workgroup is not None:
            workgroup: Workgroup = far.workgroup
            self.actions.disconnect(call, by_agent=True)
            self.actions.transfer(original, target_workgroup=workgroup)
            return
        number = call.attributes.get("Eic_RemoteAddress")
        self.actions.disconnect(call, by_agent=True)
        self.actions.transfer(original, number=number)

    def cancel(self, consult: Consult) -> None:
        """Drop the consult call; the caller stays held for the agent."""
        self._close(consult)
        self.actions.disconnect(consult.call, by_agent=True)

    def _check_open(self, consult: Consult) -> None:
        if consult.call.state in DISCONNECTED or not consult.call.allocated:
            why = consult.call.attributes.get("Eic_CallStateString") or "it ended"
            raise InvalidState(f"the consult call has ended ({why})")
        if consult.original.state not in TALKING:
            raise not_now(consult.original)

    def _close(self, consult: Consult) -> None:
        self.consults.pop(consult.id, None)
        self.by_original.pop(consult.original.id, None)
        if consult.original.allocated:
            self.interactions.change(consult.original, Eic_ConsultCallId="")

    def _ended(self, interaction: Interaction) -> None:
        """[guess] The caller hanging up ends the consult (the consult call goes on as an
        ordinary call); the consult call ending leaves the caller held, the consult still
        named until the agent cancels or speaks to the caller."""
        consult = self.by_original.get(interaction.id)
        if consult is not None:
            self._close(consult)

    def _tell(self, consult: Consult) -> None:
        """[guess] A consultMessage to the agent's sessions after an audience change."""
        caller, consulted = consult.audience
        message = {
            "__type": CONSULT_MESSAGE, "isDelta": True, "consultId": consult.id,
            "interactionId": consult.original.id, "consultInteractionId": consult.call.id,
            "audience": {"originalParty": caller, "consultedParty": consulted},
        }  # fmt: skip
        for session in self.state.sessions.of_user(consult.agent.id):
            self.state.deliver(session, dict(message))
