"""Chats: start one, write, wait for the other party, read the transcript."""

from __future__ import annotations

from datetime import timedelta

from robot.api.deco import keyword

from .base import LibraryComponent
from .explain import after_failure


class ChatKeywords(LibraryComponent):
    @keyword("Create Chat")
    def create_chat(self, target: str) -> str:
        """Starts a chat with ``target`` and returns its interaction id.

        ``target`` is a workgroup (the chat waits in its queue until ACD offers it to an
        agent whose station takes chats: `Log On To Workstation` with ``media=chat``) or a
        user, whom it alerts directly. The session's user is the chat's first member.

        Example:
        | ${chat} = | Create Chat | Support |
        | Send Chat Message | ${chat} | Hello, is anyone there? |
        """
        interaction_id = self.connected_session().chats.create(target)
        self.info(f"Started chat {interaction_id} with {target}.")
        return interaction_id

    @keyword("Send Chat Message")
    def send_chat_message(self, interaction_id: str, text: str) -> None:
        """Writes ``text`` to the chat as the session's user.

        The user must be a member: the one who started it, or the agent who picked it
        up. Fails when the chat has ended.

        Example:
        | ${chat} = | Create Chat | Support |
        | Send Chat Message | ${chat} | I need help with my order. |
        """
        self.connected_session().chats.send(interaction_id, text)
        self.info(f"Wrote {len(text)} characters to chat {interaction_id}.")

    @keyword("Wait For Chat Message")
    def wait_for_chat_message(
        self, interaction_id: str, contains: str | None = None, timeout: timedelta | None = None
    ) -> dict:
        """Waits for a message another member writes to the chat and returns it.

        Messages the session's own user wrote are passed over; with ``contains``, so are
        messages without that text (compared without regard to case). Each message is
        returned once, so the next call waits for the next one; a message written before
        the first wait counts. The result is a dictionary with ``from`` (the member's
        display name), ``userId`` (empty for a party outside the server), ``memberType``
        (``Internal`` or ``External``), ``text`` and ``timestamp``. Fails after ``timeout``
        (default: the library's ``wait_timeout``), listing what was written meanwhile.

        Example:
        | ${chat} = | Create Chat | Support |
        | Simulator Send Chat Message | ${chat} | Hello from outside | name=Pat |
        | ${message} = | Wait For Chat Message | ${chat} | contains=hello | timeout=5s |
        | Should Be Equal | ${message}[from] | Pat |
        """
        session = self.connected_session()
        seconds = self.ctx.get_timeout(timeout)
        message = session.chats.wait_for_message(interaction_id, contains, seconds)
        if message is None:
            written = after_failure(lambda: session.chats.transcript(interaction_id), None)
            wanted = f" containing {contains!r}" if contains else ""
            raise AssertionError(
                f"No new message{wanted} from another member of chat {interaction_id} within "
                f"{seconds:g} s. " + _transcript_tail(written)
            )
        self.info(f"{message['from']} wrote to chat {interaction_id}: {message['text']!r}.")
        return message

    @keyword("Get Chat Transcript")
    def get_chat_transcript(self, interaction_id: str) -> list:
        """Returns every message of the chat so far, oldest first.

        Each message is a dictionary as `Wait For Chat Message` returns; the session's
        own messages have ``memberType`` ``Current User``.

        Example:
        | ${chat} = | Create Chat | Support |
        | Send Chat Message | ${chat} | First line |
        | ${transcript} = | Get Chat Transcript | ${chat} |
        | Should Be Equal | ${transcript}[0][text] | First line |
        """
        transcript = self.connected_session().chats.transcript(interaction_id)
        self.info(f"Chat {interaction_id} has {len(transcript)} messages.")
        return transcript


# A failure shows the end of a transcript, not all of it: a long chat made a 2 MB message.
SHOWN_LINES, SHOWN_CHARACTERS = 10, 200


def _transcript_tail(written: list[dict] | None) -> str:
    if written is None:
        return "The transcript did not arrive in time."
    if not written:
        return "The transcript: nothing."
    lines = [
        f"{line['from']}: {line['text'][:SHOWN_CHARACTERS]!r}"
        + ("..." if len(line["text"]) > SHOWN_CHARACTERS else "")
        for line in written[-SHOWN_LINES:]
    ]
    earlier = len(written) - len(lines)
    return (f"The transcript ({earlier} earlier lines left out): " if earlier else
            "The transcript: ") + "; ".join(lines) + "."  # fmt: skip
