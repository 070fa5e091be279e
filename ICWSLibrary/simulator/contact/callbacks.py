"""The callback medium: a request to be called back, its attempts and dispositions
(CONTACT-CENTER.md 2.9). Kept by interaction id; routed like any other interaction."""

from __future__ import annotations

from dataclasses import dataclass

from ...protocol.messages import CALLBACK_MESSAGE
from ..scenario import User, Workgroup
from ..sessions import Session
from ..state import ServerState
from .actions import Actions, not_now
from .interaction import CALLBACK, Interaction, Interactions
from .lifecycle import Lifecycle
from .routing import Router

# [doc] Callback dispositions: Success 0, Failure 1, Retry 2.
SUCCESS, FAILURE, RETRY = 0, 1, 2
# [guess] How often a callback may be tried before a Retry ends it.
CALLBACK_MAX_ATTEMPTS = 3


@dataclass(eq=False)
class Callback:
    target: str
    name: str
    subject: str
    # The queue it was asked of, where a Retry puts it back wherever it was transferred.
    workgroup: Workgroup
    attempts: int = 0
    max_attempts: int = CALLBACK_MAX_ATTEMPTS
    # The id of the call placed to answer it, once the agent calls back.
    associated_call: str = ""


class Callbacks:
    def __init__(
        self,
        state: ServerState,
        interactions: Interactions,
        router: Router,
        actions: Actions,
        lifecycle: Lifecycle,
    ) -> None:
        self.state = state
        self.interactions = interactions
        self.router = router
        self.actions = actions
        self.callbacks: dict[str, Callback] = {}
        # Interaction id -> sessions watching the callback.
        self._watchers = state.watchers()
        lifecycle.on("removed", self._forget)

    def of(self, interaction: Interaction) -> Callback | None:
        return self.callbacks.get(interaction.id)

    def create(self, workgroup: Workgroup, target: str, subject: str, name: str) -> Interaction:
        interaction = self.interactions.new(CALLBACK, Eic_CallDirection="I", Eic_CallType="E")
        self.callbacks[interaction.id] = Callback(target, name, subject, workgroup)
        self.router.enter_queue(interaction, workgroup, Eic_RemoteAddress=target,
                                Eic_RemoteName=name or target, Eic_RemoteId=target)  # fmt: skip
        return interaction

    def message(self, interaction: Interaction) -> dict:
        callback = self.callbacks[interaction.id]
        return {
            "__type": CALLBACK_MESSAGE, "isDelta": False, "interactionId": interaction.id,
            "target": callback.target, "name": callback.name, "subject": callback.subject,
            "attempts": callback.attempts, "maxAttempts": callback.max_attempts,
            "associatedCallId": callback.associated_call, "snoozed": False,
        }  # fmt: skip

    def watch(self, session: Session, interaction: Interaction) -> dict:
        session.callback_watches.add(interaction.id)
        self._watchers.add(interaction.id, session)
        return self.message(interaction)

    def stop_watching(self, session: Session, interaction_id: str) -> None:
        session.callback_watches.discard(interaction_id)
        self._watchers.discard(interaction_id, session)

    def check_calling_back(self, interaction: Interaction, user: User) -> None:
        """Only the agent who has the callback connected calls its customer back."""
        if interaction.agent is not user or interaction.state not in ("C", "H"):
            raise not_now(interaction, user)

    def called_back(self, interaction: Interaction, call: Interaction) -> None:
        """[SDK] The call answering the callback is its associatedCallId, told to its
        watchers."""
        self.callbacks[interaction.id].associated_call = call.id
        self._tell(interaction)

    def _tell(self, interaction: Interaction) -> None:
        for session in self._watchers.of(interaction.id):
            self.state.deliver(session, {**self.message(interaction), "isDelta": True})

    def dispose(self, interaction: Interaction, user: User, disposition: int) -> None:
        """The agent says how the callback went; InvalidState when they cannot.

        [guess] Each disposition is an attempt. Success and Failure end the callback;
        Retry puts it back in the queue it was asked of (also after a transfer to a user)
        until it has used its attempts. [doc] The reference names no call back as a
        condition of a disposition, so one without a call back is taken.
        """
        self.check_calling_back(interaction, user)
        callback = self.callbacks[interaction.id]
        callback.attempts += 1
        self._tell(interaction)
        if disposition == RETRY and callback.attempts < callback.max_attempts:
            self.router.enter_queue(interaction, callback.workgroup, route=False)
            self.actions.released(user, from_acd=True)
            return
        self.actions.disconnect(interaction, by_agent=True)

    def _forget(self, interaction: Interaction) -> None:
        self.callbacks.pop(interaction.id, None)
        self._watchers.drop(interaction.id)
