"""Who is logged on where: the ``session`` feature's subscriptions to the sessions of
users and of stations.

[doc] ``PUT messaging/subscriptions/session/sessions-stations {stationIds}`` (session 1)
replaces the stations watched and answers 200; its message
``urn:inin.com:session:sessionsMessage`` tells ``sessionsAdded`` and ``sessionsRemoved``:
sessions that existed before the subscription are told too; a user changing stations is
a removal for the old station and an addition for the new. [guess] The users'
subscription takes ``{userIds}`` alike; the fields of a session (``sessionId``,
``userId``, ``userDisplayName``, ``applicationName``, ``machineName``, ``stationId``,
``creationTime``) and of a removal (with its ``reason``: a logoff, a second logon taking
over, an idle timeout). Layout subscriptions are not simulated (no layouts).
"""

from __future__ import annotations

from .sessions import Session
from .state import ServerState

SESSIONS_MESSAGE = "urn:inin.com:session:sessionsMessage"


def session_entry(session: Session, station: dict | None = None) -> dict:
    station = station if station is not None else session.station
    return {
        "sessionId": session.id, "userId": session.user.id,
        "userDisplayName": session.user.display_name,
        "applicationName": session.application, "machineName": session.host,
        "stationId": str(station.get("id", "")) if station else "",
        "creationTime": session.created,
    }  # fmt: skip


class SessionWatch:
    def __init__(self, state: ServerState) -> None:
        self.state = state
        # ("user" | "station", lower-case id) -> sessions watching it.
        self._watchers = state.watchers()
        # Session id -> the keys it watches, per kind.
        self._watched: dict[str, dict[str, set[str]]] = {}
        state.on_session_start(self._started)
        state.on_station_change(self._station_changed)
        state.on_session_end(self._ended)

    def watch(self, session: Session, kind: str, ids: list[str]) -> None:
        """Watch exactly these users' or stations' sessions; told first of those now."""
        keys = {i.lower() for i in ids}
        mine = self._watched.setdefault(session.id, {})
        for old in mine.get(kind, set()) - keys:
            self._watchers.discard((kind, old), session)
        for key in keys:
            self._watchers.add((kind, key), session)
        mine[kind] = keys
        if kind == "user":
            now = [session_entry(other) for key in sorted(keys)
                   for other in self.state.sessions.of_user(key)]  # fmt: skip
        else:
            # Station subscriptions are rare: a scan of the live sessions, once.
            now = [
                session_entry(other) for other in self.state.sessions.live.values()
                if not other.ended and self._key(kind, other) in keys
            ]  # fmt: skip
        self.state.deliver(session, {"__type": SESSIONS_MESSAGE, "isDelta": False,
                                     "sessionsAdded": now, "sessionsRemoved": []})  # fmt: skip

    def stop(self, session: Session, kind: str) -> None:
        for key in self._watched.get(session.id, {}).pop(kind, set()):
            self._watchers.discard((kind, key), session)

    @staticmethod
    def _key(kind: str, session: Session) -> str | None:
        if kind == "user":
            return session.user.id.lower()
        return str(session.station.get("id", "")).lower() if session.station else None

    def _tell(self, key: tuple[str, str], added: list[dict], removed: list[dict]) -> None:
        for watcher in self._watchers.of(key):
            self.state.deliver(watcher, {"__type": SESSIONS_MESSAGE, "isDelta": True,
                                         "sessionsAdded": added, "sessionsRemoved": removed})  # fmt: skip

    def _started(self, session: Session) -> None:
        self._tell(("user", session.user.id.lower()), [session_entry(session)], [])

    def _station_changed(self, session: Session, previous: dict | None) -> None:
        if previous:
            removed = {**session_entry(session, previous), "reason": "station logoff"}
            self._tell(("station", str(previous.get("id", "")).lower()), [], [removed])
        if session.station:
            key = ("station", str(session.station.get("id", "")).lower())
            self._tell(key, [session_entry(session)], [])

    def _ended(self, session: Session, station: dict | None) -> None:
        self._watched.pop(session.id, None)
        removed = {**session_entry(session, station), "reason": session.reason or ""}
        self._tell(("user", session.user.id.lower()), [], [removed])
        if station:
            self._tell(("station", str(station.get("id", "")).lower()), [], [removed])
