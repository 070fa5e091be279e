"""Who is logged on where: the ``session`` feature's subscriptions to the sessions of
users and stations, read as snapshots or waited on.

[doc] ``PUT messaging/subscriptions/session/sessions-stations {stationIds}`` and its
``urn:inin.com:session:sessionsMessage`` (``sessionsAdded``, ``sessionsRemoved``); the
sessions there before the subscription are told first. [guess] ``sessions-users
{userIds}`` alike, and the fields of a session (see the simulator's session watch).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .deadline import whole_wait
from .errors import ICWSError
from .messaging import good_entries

if TYPE_CHECKING:
    from .channel import MessageChannel

SESSIONS_MESSAGE = "urn:inin.com:session:sessionsMessage"
PATHS = {"user": ("/messaging/subscriptions/session/sessions-users", "userIds"),
         "station": ("/messaging/subscriptions/session/sessions-stations", "stationIds")}  # fmt: skip


def _is_session(item) -> bool:
    return isinstance(item, dict) and isinstance(item.get("sessionId"), (str, int))


class LogonAPI:
    def __init__(self, session, channel: MessageChannel) -> None:
        self._session = session
        # Session id -> the session as last told; how many snapshots came.
        self.known: dict[str, dict] = {}
        self.snapshots = 0
        self.attach(channel)

    def attach(self, channel: MessageChannel) -> None:
        self.channel = channel
        channel.on(SESSIONS_MESSAGE, self._message)

    def _message(self, message: dict) -> None:
        known = dict(self.known)
        for entry in good_entries(message, "sessionsAdded", _is_session):
            known[str(entry["sessionId"])] = entry
        for entry in good_entries(message, "sessionsRemoved", _is_session):
            known.pop(str(entry["sessionId"]), None)
        self.known = known
        if message.get("isDelta") is False:
            self.snapshots += 1

    def watch(self, kind: str, key: str, timeout: float) -> list[dict]:
        """Watch the sessions of one user or station (replacing that kind's watch) and
        return them once the server told the snapshot."""
        path, field = PATHS[kind]
        self.channel.start()
        before = self.snapshots
        try:
            self._session.call("PUT", path, {field: [str(key)]})
        except ICWSError as error:
            raise error.in_context(f"Watching the sessions of {kind} {key} was refused") from None
        if not self.channel.wait_until(lambda: self.snapshots > before, timeout):
            raise ICWSError(
                f"The server accepted the watch of {kind} {key}'s sessions but told none within "
                f"{timeout:g} s."
            )
        return self.of(kind, key)

    def of(self, kind: str, key: str) -> list[dict]:
        name = "userId" if kind == "user" else "stationId"
        return [e for e in self.known.values() if str(e.get(name, "")).casefold() == key.casefold()]

    @whole_wait(on_timeout=False)
    def wait_for_session(self, user_id: str, timeout: float) -> bool:
        if self.watch("user", user_id, timeout):
            return True
        return self.channel.wait_until(lambda: bool(self.of("user", user_id)), timeout)
