"""Chats: start one, write to it, wait for what others write, read its transcript.

Watching a chat (``messaging/subscriptions/interactions/{id}/chat``) brings its members
and the transcript so far, then each member and message added; the view is kept from
``chatMembersMessage`` and ``chatContentsMessage``. Sources: CONTACT-CENTER.md 2.8,
SDK Interactions.Chat.js.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..protocol.messages import CHAT_CONTENTS, CHAT_MEMBERS
from .address import path_segment
from .deadline import DeadlineReached, clamp, whole_wait
from .errors import ICWSError
from .interactions import create_interaction
from .messaging import good_entries

if TYPE_CHECKING:
    from .channel import MessageChannel

CREATE_CHAT = "urn:inin.com:interactions.chat:createChatParameters"
# [doc] ChatMemberType.
MEMBER_TYPES = {0: "None", 1: "System", 2: "Current User", 3: "Internal", 4: "External"}
CURRENT_USER = 2


class ChatView:
    """What a chat watch has seen: the members and every message, in order."""

    def __init__(self) -> None:
        self.members: dict[str, dict] = {}
        self.transcript: list[dict] = []
        self.ready = False
        # How many messages of the transcript waits have already gone past.
        self.read_up_to = 0

    def apply(self, message: dict) -> None:
        if message.get("__type") == CHAT_MEMBERS:
            members = dict(self.members)
            for member in (message.get("membersAdded") or []) + (
                message.get("membersChanged") or []
            ):
                members[_member_key(member)] = member
            for member in message.get("membersRemoved") or []:
                members.pop(_member_key(member), None)
            self.members = members
            return
        added = [
            chat_line(item) for item in good_entries(message, "messagesAdded", _is_chat_message)
        ]
        if message.get("isDelta") is False:
            self.transcript = added
            self.ready = True
        else:
            # In place: copying the whole transcript per message made a long chat quadratic.
            # Readers index up to the length they saw, so an append never disturbs them.
            self.transcript.extend(added)


def _is_chat_message(item) -> bool:
    return isinstance(item, dict) and isinstance(item.get("chatMember") or {}, dict)


def chat_line(item: dict) -> dict:
    """A message as tests read it: who wrote it and what."""
    member = item.get("chatMember") or {}
    return {
        "from": member.get("displayName", ""),
        "userId": member.get("userId", ""),
        "memberType": MEMBER_TYPES.get(
            member.get("chatMemberType"), str(member.get("chatMemberType"))
        ),
        "text": item.get("text", ""),
        "timestamp": item.get("timestamp", ""),
    }


def _member_key(member: Any) -> str:
    if not isinstance(member, dict):
        return str(member)
    return f"{member.get('userId')}|{member.get('displayName')}".casefold()


class ChatAPI:
    def __init__(self, session, channel: MessageChannel):
        self._session = session
        self.views: dict[str, ChatView] = {}
        self.attach(channel)

    def attach(self, channel: MessageChannel) -> None:
        self.channel = channel
        channel.on(CHAT_CONTENTS, self._message)
        channel.on(CHAT_MEMBERS, self._message)

    def _message(self, message: dict) -> None:
        view = self.views.get(str(message.get("interactionId")))
        if view is not None:
            view.apply(message)

    def create(self, target: str) -> str:
        body = {"__type": CREATE_CHAT, "target": str(target)}
        return create_interaction(
            self._session, body,
            f"The chat of '{self._session.user_id}' with {target} was refused", "a chat",
        )  # fmt: skip

    def send(self, interaction_id: str, text: str) -> None:
        body = {"text": str(text), "clearTypingIndicator": True}
        path = f"/interactions/{path_segment(interaction_id)}/chat/messages"
        try:
            self._session.call("POST", path, body)
        except ICWSError as error:
            raise error.in_context(
                f"'{self._session.user_id}' could not write to chat {interaction_id}"
            ) from None

    def watch(self, interaction_id: str) -> ChatView:
        """Watch the chat (once per session); returns its view once the transcript came."""
        key = str(interaction_id)
        view = self.views.get(key)
        if view is not None:
            return view
        view = self.views[key] = ChatView()
        self.channel.start()
        path = f"/messaging/subscriptions/interactions/{path_segment(key)}/chat"
        try:
            self._session.call("PUT", path)
        except ICWSError as error:
            del self.views[key]
            raise error.in_context(f"Watching chat {key} was refused") from None
        if not self.channel.wait_until(lambda: view.ready, self._session.timeout):
            if clamp(self._session.timeout) < self._session.timeout:
                raise DeadlineReached(f"Chat {key} sent no transcript in time.")
            raise ICWSError(
                f"The server accepted the watch of chat {key} but sent no transcript within "
                f"{self._session.timeout:g} s."
            )
        return view

    def transcript(self, interaction_id: str) -> list[dict]:
        return [dict(line) for line in self.watch(interaction_id).transcript]

    @whole_wait(on_timeout=None)
    def wait_for_message(self, interaction_id: str, contains: str | None, timeout: float):
        """The next message another member wrote (containing ``contains``, if given) that
        no wait returned before; None at the timeout. Messages the session's own user
        wrote are passed over."""
        view = self.watch(interaction_id)
        own = str(self._session.user_id or "").casefold()
        found: list[dict] = []

        def arrived() -> bool:
            for index in range(view.read_up_to, len(view.transcript)):
                line = view.transcript[index]
                if line["memberType"] == MEMBER_TYPES[CURRENT_USER] or (
                    line["userId"] and line["userId"].casefold() == own
                ):
                    continue
                if contains is None or contains.casefold() in line["text"].casefold():
                    view.read_up_to = index + 1
                    found.append(dict(line))
                    return True
            return False

        return found[0] if self.channel.wait_until(arrived, timeout) else None
