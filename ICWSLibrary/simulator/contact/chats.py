"""The chat medium: members, transcript, and who hears of them (CONTACT-CENTER.md 2.9).

A chat is an interaction routed like any other; this module keeps what only chats have,
by interaction id, joins the agent who connects and removes the party who leaves
(lifecycle hooks). [SDK] Interactions.Chat.js: ``chatMembersMessage`` carries
``membersAdded``, ``membersChanged`` and ``membersRemoved``, each member with ``isTyping``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...protocol.messages import CHAT_CONTENTS, CHAT_MEMBERS
from ..errors import InvalidState
from ..scenario import User, Workgroup
from ..sessions import Session
from ..state import ServerState
from ..wire import now_compact
from .interaction import CHAT, DISCONNECTED, Interaction, Interactions
from .lifecycle import Lifecycle
from .routing import Router

# [doc] ChatMemberType: CurrentUser 2 (the member a message is sent to), Internal 3,
# External 4; ChatMessageType Text 0.
CURRENT_USER, INTERNAL, EXTERNAL = 2, 3, 4
TEXT_MESSAGE = 0


@dataclass(eq=False)
class ChatParty:
    """A member of a chat: a user (by id) or a party outside the server (no user id)."""

    display_name: str
    user_id: str = ""
    is_typing: bool = False

    def as_member(self, interaction_id: str, viewer: User | None) -> dict:
        if not self.user_id:
            kind = EXTERNAL
        elif viewer is not None and viewer.id.lower() == self.user_id.lower():
            kind = CURRENT_USER
        else:
            kind = INTERNAL
        return {"chatMemberType": kind, "displayName": self.display_name,
                "interactionId": interaction_id, "userId": self.user_id,
                "isTyping": self.is_typing}  # fmt: skip


@dataclass(eq=False)
class Chat:
    members: list[ChatParty] = field(default_factory=list)
    # (party, text, timestamp) in the order written.
    transcript: list[tuple[ChatParty, str, str]] = field(default_factory=list)

    def member(self, user: User) -> ChatParty | None:
        return next((p for p in self.members if p.user_id.lower() == user.id.lower()), None)


class Chats:
    def __init__(
        self, state: ServerState, interactions: Interactions, router: Router, lifecycle: Lifecycle
    ) -> None:
        self.state = state
        self.interactions = interactions
        self.router = router
        # Interaction id -> its chat.
        self.chats: dict[str, Chat] = {}
        # Interaction id -> sessions watching the chat.
        self._watchers = state.watchers()
        lifecycle.on("connected", self._agent_joins)
        lifecycle.on("ending", self._party_leaves)
        lifecycle.on("removed", self._forget)

    def of(self, interaction: Interaction) -> Chat | None:
        return self.chats.get(interaction.id)

    def start(
        self, first: ChatParty, workgroup: Workgroup | None = None, user: User | None = None
    ) -> Interaction:
        """A chat from ``first`` (a user, or a visitor outside the server) to a workgroup,
        routed by ACD to an agent whose station takes chats, or to one user directly."""
        attributes = {"Eic_RemoteName": first.display_name,
                      "Eic_RemoteAddress": first.user_id or first.display_name}  # fmt: skip
        if workgroup is not None:
            interaction = self.interactions.new(CHAT, Eic_CallDirection="I", Eic_CallType="E")
            self.chats[interaction.id] = Chat([first])
            self.router.enter_queue(
                interaction, workgroup, Eic_RemoteName=attributes["Eic_RemoteName"],
                Eic_RemoteAddress=attributes["Eic_RemoteAddress"], Eic_RemoteId=first.user_id,
            )  # fmt: skip
            return interaction
        assert user is not None
        interaction = self.interactions.new(
            CHAT, Eic_CallDirection="I", Eic_CallType="I", **attributes
        )
        self.chats[interaction.id] = Chat([first])
        self.router.alert(interaction, user, self.router.station_session(user), acd=False)
        return interaction

    def _agent_joins(self, interaction: Interaction) -> None:
        chat, user = self.chats.get(interaction.id), interaction.agent
        if chat is None or user is None or chat.member(user) is not None:
            return
        party = ChatParty(user.display_name, user.id)
        chat.members.append(party)
        self._tell_members(interaction, added=party)

    def _party_leaves(self, interaction: Interaction, by_agent: bool) -> None:
        """[SDK] The agent leaving is a removal; [guess] so is the remote party hanging up."""
        chat = self.chats.get(interaction.id)
        if chat is None:
            return
        user = interaction.agent if by_agent else None
        party = chat.member(user) if user is not None else chat.members[0]
        if party is not None and party in chat.members:
            chat.members.remove(party)
            self._tell_members(interaction, removed=party)

    def write(
        self, interaction: Interaction, party: ChatParty, text: str, clear_typing: bool = True
    ) -> None:
        """Add a message to the chat's transcript; InvalidState when it has ended."""
        chat = self.chats[interaction.id]
        self._check_open(interaction)
        if party not in chat.members:
            chat.members.append(party)
            self._tell_members(interaction, added=party)
        line = (party, text, now_compact())
        chat.transcript.append(line)
        self._tell(interaction, CHAT_CONTENTS, "messagesAdded",
                   lambda viewer: [chat_text(interaction, line, viewer)])  # fmt: skip
        if clear_typing:
            self.set_typing(interaction, party, False)

    def set_typing(self, interaction: Interaction, party: ChatParty, typing: bool) -> None:
        """[SDK] The typing indicator: the member's isTyping, told as a change."""
        self._check_open(interaction)
        if party.is_typing != typing:
            party.is_typing = typing
            self._tell_members(interaction, changed=party)

    @staticmethod
    def _check_open(interaction: Interaction) -> None:
        if interaction.state in DISCONNECTED or not interaction.allocated:
            raise InvalidState("the chat has ended")

    def _tell_members(self, interaction: Interaction, added=None, changed=None, removed=None):
        """One chatMembersMessage delta, with its three lists (required) told to each
        watcher as that watcher sees the members."""
        for session in self._watchers.of(interaction.id):
            lists = {
                name: [party.as_member(interaction.id, session.user)] if party else []
                for name, party in (("membersAdded", added), ("membersChanged", changed),
                                    ("membersRemoved", removed))
            }  # fmt: skip
            self.state.deliver(session, {"__type": CHAT_MEMBERS, "isDelta": True,
                                         "interactionId": interaction.id, **lists})  # fmt: skip

    def watch(self, session: Session, interaction: Interaction) -> list[dict]:
        """Start a chat watch; its first messages: every member, and the transcript."""
        chat = self.chats[interaction.id]
        session.chat_watches.add(interaction.id)
        self._watchers.add(interaction.id, session)
        viewer = session.user
        return [
            {"__type": CHAT_MEMBERS, "isDelta": False, "interactionId": interaction.id,
             "membersAdded": [p.as_member(interaction.id, viewer) for p in chat.members],
             "membersChanged": [], "membersRemoved": []},
            {"__type": CHAT_CONTENTS, "isDelta": False, "interactionId": interaction.id,
             "messagesAdded": [chat_text(interaction, line, viewer) for line in chat.transcript]},
        ]  # fmt: skip

    def stop_watching(self, session: Session, interaction_id: str) -> None:
        session.chat_watches.discard(interaction_id)
        self._watchers.discard(interaction_id, session)

    def _tell(self, interaction: Interaction, kind: str, field_name: str, items) -> None:
        for session in self._watchers.of(interaction.id):
            self.state.deliver(session, {"__type": kind, "isDelta": True,
                                         "interactionId": interaction.id,
                                         field_name: items(session.user)})  # fmt: skip

    def _forget(self, interaction: Interaction) -> None:
        self.chats.pop(interaction.id, None)
        self._watchers.drop(interaction.id)


def chat_text(interaction: Interaction, line: tuple[ChatParty, str, str], viewer) -> dict:
    party, text, timestamp = line
    return {"chatMember": party.as_member(interaction.id, viewer), "text": text,
            "timestamp": timestamp, "messageType": TEXT_MESSAGE}  # fmt: skip
