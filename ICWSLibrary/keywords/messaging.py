"""The messaging channel: subscriptions, messages, and waiting for things to happen."""

from __future__ import annotations

from datetime import timedelta

from robot.api.deco import keyword

from ..client import ConnectionState, ICWSError
from ..client.messaging import MAX_KEPT_MESSAGES, of_type
from ..protocol.dates import readable_datetime
from ..protocol.names import counted
from .base import LibraryComponent


def _summarize(messages: list[dict], limit: int = 10) -> str:
    """What arrived, for people: one line per message, its type and what it says."""
    if not messages:
        return "none"
    shown = [_describe(message) for message in messages[:limit]]
    more = f" (and {len(messages) - limit} more)" if len(messages) > limit else ""
    return f"{len(messages)}: " + "; ".join(shown) + more


def _describe(message: dict) -> str:
    kind = str(message.get("__type", "message")).rsplit(":", 1)[-1]
    if message.get("isDelta") is not None:
        kind += " (delta)" if message["isDelta"] else " (snapshot)"
    statuses = message.get("userStatusList")
    if isinstance(statuses, list):
        facts = [
            f"{s.get('userId')} '{s.get('statusId')}'" for s in statuses if isinstance(s, dict)
        ]
        return f"{kind} of {', '.join(facts) or 'no user'}"
    facts = []
    for key, value in message.items():
        if key in ("__type", "isDelta"):
            continue
        if isinstance(value, (dict, list)):
            value = counted(len(value), "item") if isinstance(value, list) else "{...}"
        facts.append(f"{key}={value}")
    return f"{kind}" + (f" ({', '.join(facts)})" if facts else "")


class MessagingKeywords(LibraryComponent):
    @keyword("Subscribe To User Statuses")
    def subscribe_to_user_statuses(self, *user_ids: str) -> None:
        """Starts watching the statuses of ``user_ids`` through the messaging channel.

        Adds them to the users already watched. The server first sends a full snapshot
        of their statuses, then a message each time one changes; read them with
        `Get Messages` or `Wait For Message`, or use `Wait Until User Status Is`, which
        subscribes by itself.

        Example:
        | Subscribe To User Statuses | agent1 | agent2 |
        | ${message} = | Wait For Message | userStatusMessage |
        """
        if not user_ids:
            raise ICWSError("Subscribe To User Statuses needs at least one user id.")
        watched = self.connected_session().status.subscribe(list(user_ids))
        self.info(f"Watching the statuses of {', '.join(watched)}.")

    @keyword("Unsubscribe From User Statuses")
    def unsubscribe_from_user_statuses(self) -> None:
        """Stops watching user statuses.

        Example:
        | Unsubscribe From User Statuses |
        """
        self.connected_session().status.unsubscribe()
        self.info("No longer watching user statuses.")

    @keyword("Get Messages")
    def get_messages(self, message_type: str | None = None) -> list:
        """Returns and removes the messages that have arrived, oldest first.

        ``message_type`` keeps only messages of that ICWS ``__type``, given in full
        (``urn:inin.com:status:userStatusMessage``) or by its last part
        (``userStatusMessage``); other messages stay for later.

        Example:
        | Subscribe To User Statuses | agent1 |
        | Wait Until User Status Is | Available | user_id=agent1 |
        | ${messages} = | Get Messages | userStatusMessage |
        | Length Should Be | ${messages} | 1 |
        """
        session = self.connected_session()
        session.channel.fetch()
        messages = session.messages.take(of_type(message_type))
        self.info(
            f"{counted(len(messages), 'message')}{' of type ' + message_type if message_type else ''}."
        )
        return messages

    @keyword("Wait For Message")
    def wait_for_message(self, message_type: str, timeout: timedelta | None = None) -> dict:
        """Waits until a message of ``message_type`` arrives, removes it and returns it.

        ``message_type`` is the ICWS ``__type`` in full or by its last part. A message that
        already arrived is returned at once. Fails after ``timeout`` (default: the library's ``wait_timeout``), listing the messages
        that did arrive, or at once when the session is disconnected.

        Example:
        | Subscribe To User Statuses | agent1 |
        | ${snapshot} = | Wait For Message | userStatusMessage | timeout=5s |
        | Should Be Equal | ${snapshot}[isDelta] | ${False} |
        """
        session = self.connected_session()
        seconds = self.ctx.get_timeout(timeout)
        message = session.channel.wait_for(of_type(message_type), seconds)
        if message is None:
            raise AssertionError(
                f"No {message_type} message arrived within {seconds:g} s. "
                f"Messages that did arrive: {_summarize(session.messages.peek())}."
                + (
                    f" ({counted(session.messages.dropped, 'older message')} went unread and "
                    f"were let go: a session keeps the newest {MAX_KEPT_MESSAGES:,}.)"
                    if session.messages.dropped
                    else ""
                )
            )
        self.info(f"Received {message.get('__type')}.")
        return message

    @keyword("Wait Until User Status Is")
    def wait_until_user_status_is(
        self,
        status: str,
        user_id: str | None = None,
        timeout: timedelta | None = None,
    ) -> None:
        """Waits until ``user_id`` (default: the session's user) has ``status``.

        Subscribes to the user's status as needed and reacts to the server's messages, with
        no fixed sleeps. Status ids compare without regard to case. Fails after ``timeout``
        with the status the user has and the messages that arrived.

        Examples:
        | Wait Until User Status Is | Available | user_id=agent1 |
        | Set User Status | At Lunch |
        | Wait Until User Status Is | At Lunch | timeout=30s |
        """
        session = self.connected_session()
        user = user_id or session.user_id
        seconds = self.ctx.get_timeout(timeout)
        if session.status.wait_until_status(user, status, seconds) is None:
            self.show_timeline_on_failure()
            current = session.status.user_statuses.get(user.lower(), {})
            raise AssertionError(
                f"The status of '{user}' did not become '{status}' within {seconds:g} s: it "
                f"is '{current.get('statusId', 'unknown')}' "
                f"(changed {readable_datetime(current.get('statusChanged', 'at an unknown time'))}). "
                f"Messages that arrived: {_summarize(session.messages.peek())}."
            )
        self.info(f"Status of '{user}' is '{status}'.")

    @keyword("Wait Until Connection State Is")
    def wait_until_connection_state_is(
        self, state: ConnectionState, timeout: timedelta | None = None
    ) -> None:
        """Waits until the current session's connection is ``up`` or ``down``.

        Waiting for ``down`` reacts to the server's connection state message (or to the
        channel's 401) as soon as it arrives, as when the server ends the session because
        the same user logged on elsewhere. Fails after ``timeout`` with the state the
        server reports.

        Example:
        | Simulator Disconnect Session | kevin.glinski | after=0.2s |
        | Wait Until Connection State Is | down | timeout=5s |
        """
        session = self.session()
        seconds = self.ctx.get_timeout(timeout)
        if state is ConnectionState.DOWN:
            reached = session.channel.wait_until_down(seconds) if session.connected else True
        else:
            reached = self.ctx.connection_status().state is state
        if not reached:
            status = self.ctx.connection_status()
            raise AssertionError(
                f"The connection of session {session.session_id} did not become '{state}' "
                f"within {seconds:g} s: it is {status.describe()}."
            )
        self.info(f"Connection of session {session.session_id} is '{state}'.")
