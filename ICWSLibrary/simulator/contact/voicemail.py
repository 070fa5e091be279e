"""Voice mail: an agent sends a caller to a user's voice mail (their own by default), or
an alerting call to their own; the call leaves the agent, is Messaging while the caller
speaks, then ends, and the user has one more voice mail message.

[doc] ``POST /interactions/{id}/transfer-to-voicemail`` and ``.../send-to-voicemail``;
``Eic_State`` ``M`` is Messaging (voice mail) (CONTACT-CENTER.md 2.1). [guess] the body
``{target}`` of a transfer, how long the caller speaks (scenario ``voicemailLength``) and
that each call leaves one message. A feature of its own.
"""

from __future__ import annotations

from collections import Counter

from ..scenario import User
from ..state import ServerState
from .actions import Actions, Effect, not_now
from .interaction import Interaction, Interactions
from .routing import Router, hand_to


class Voicemail:
    def __init__(
        self, state: ServerState, interactions: Interactions, router: Router, actions: Actions
    ) -> None:
        self.scenario = state.scenario
        self.interactions = interactions
        self.router = router
        self.actions = actions
        # Lower-case user id -> voice mail messages left for them.
        self.messages: Counter[str] = Counter()

    def transfer(self, user: User, interaction: Interaction, target: User | None) -> Effect:
        """A connected or held caller leaves a message for ``target`` (``user``'s own)."""
        if interaction.agent is not user or interaction.state not in ("C", "H"):
            raise not_now(interaction, user)
        return lambda: self._to_voicemail(interaction, user, target or user, ("C", "H"))

    def send(self, user: User, interaction: Interaction) -> Effect:
        """An interaction alerting ``user`` goes to their own voice mail."""
        if interaction.agent is not user or interaction.state != "A":
            raise not_now(interaction, user)
        return lambda: self._to_voicemail(interaction, user, user, ("A",))

    def _to_voicemail(self, interaction: Interaction, agent: User, owner: User, was) -> None:
        if interaction.agent is not agent or interaction.state not in was:
            return
        from_acd = interaction.acd
        self.interactions.stop_alerting(interaction)
        interaction.cancel_timer()
        interaction.workgroup = None
        self.interactions.set_state(interaction, "M", **hand_to(interaction, owner, None))
        self.actions.released(agent, from_acd)
        self.router.after(self.scenario.voicemail_length, interaction,
                          lambda: self._message_left(interaction, owner),
                          f"a voice mail for {owner.id} left by {interaction.id}")  # fmt: skip

    def _message_left(self, interaction: Interaction, owner: User) -> None:
        if interaction.state == "M":
            self.messages[owner.id.lower()] += 1
            self.actions.disconnect(interaction, by_agent=False)

    def count(self, user: User) -> int:
        return self.messages[user.id.lower()]
