"""The simulated server's state, and the one place that fans change events out."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

from ..protocol.errors import CONNECTION_DOWN, CONNECTION_UP
from ..protocol.messages import CONNECTION_STATE_CHANGED
from .clock import Clock
from .scenario import Scenario
from .sessions import Session, SessionStore, StreamHub
from .wire import now_compact

# [guess] The reason text of a session ended for being idle.
IDLE_REASON = "The session timed out after a period of inactivity."


K = TypeVar("K", bound=Hashable)


class Watchers(Generic[K]):
    """Sessions watching something, by what they watch (a user, an interaction): a change
    is told to its watchers alone, never by walking every live session. A session that
    ends stops watching (see :meth:`ServerState.watchers`)."""

    def __init__(self) -> None:
        self._by_key: dict[K, dict[str, Session]] = {}
        self._keys_of: dict[str, set[K]] = {}

    def add(self, key: K, session: Session) -> None:
        self._by_key.setdefault(key, {})[session.id] = session
        self._keys_of.setdefault(session.id, set()).add(key)

    def discard(self, key: K, session: Session) -> None:
        watching = self._by_key.get(key, {})
        watching.pop(session.id, None)
        if not watching:
            self._by_key.pop(key, None)
        keys = self._keys_of.get(session.id, set())
        keys.discard(key)
        if not keys:
            self._keys_of.pop(session.id, None)

    def of(self, key: K) -> list[Session]:
        return list(self._by_key.get(key, {}).values())

    def drop(self, key: K) -> None:
        """Nobody watches ``key`` any more (the interaction is gone)."""
        for session_id in self._by_key.pop(key, {}):
            keys = self._keys_of.get(session_id, set())
            keys.discard(key)
            if not keys:
                self._keys_of.pop(session_id, None)

    def forget(self, session: Session) -> None:
        """``session`` watches nothing any more."""
        for key in list(self._keys_of.get(session.id, ())):
            self.discard(key, session)


class ServerState(StreamHub):
    """What one simulated CIC server knows: its scenario, sessions and users' statuses.

    The resources (``resources/``) read and change it; every message caused by a change
    goes out through :meth:`deliver`, to the sessions each feature finds in its own index
    of who watches what (never by walking every live session on every change).
    """

    def __init__(self, scenario: Scenario):
        super().__init__()
        self.scenario = scenario
        self.sessions = SessionStore()
        self._end_hooks: list[Callable[[Session, dict | None], None]] = []
        self._start_hooks: list[Callable[[Session], None]] = []
        self._station_hooks: list[Callable[[Session, dict | None], None]] = []
        self._settle_hooks: list[Callable[[], None]] = []
        self._changing_depth = 0
        # Whether the model may have changed since it last settled: reads do not settle.
        self._unsettled = False
        self.request_ids = itertools.count(1000)
        # Timed events (alert timeouts, far ends answering) run as changes, like requests.
        self.clock = Clock(self.changing)
        self.statuses = {s["statusId"].casefold(): s for s in scenario.statuses}
        self.user_status: dict[str, dict] = {}
        for user in scenario.users.values():
            self.add_user(user)

    def add_user(self, user) -> None:
        """Start keeping the status of a user (of the scenario, or created since)."""
        now = now_compact()
        self.user_status[user.id.lower()] = {
            "statusId": user.status_id,
            "notes": user.notes,
            "statusChanged": user.status_changed or now,
            "onPhone": user.on_phone,
            "onPhoneChanged": user.on_phone_changed or now,
        }

    @property
    def lock(self):
        return self._lock

    @contextmanager
    def changing(self, read_only: bool = False) -> Iterator[None]:
        """Hold the lock while the model changes; once the outermost change is done, run
        the settle hooks (statistics compare what they last told and tell what moved).

        ``read_only``: a read (a GET) changes nothing that statistics count, so it does not
        settle; with a wallboard watching a 3,000-agent center, settling after every read
        made each GET cost 3 s. A session ending meanwhile still counts as a change.
        """
        with self._lock:
            self._changing_depth += 1
            self._unsettled = self._unsettled or not read_only
            try:
                yield
            finally:
                self._changing_depth -= 1
                if self._changing_depth == 0 and self._unsettled:
                    self._unsettled = False
                    for hook in self._settle_hooks:
                        hook()

    def on_settle(self, hook: Callable[[], None]) -> None:
        """Call ``hook()`` after every request, timed event or control call that may have
        changed the model."""
        self._settle_hooks.append(hook)

    def watchers(self) -> Watchers:
        """A new index of who watches what, which forgets each session that ends."""
        index: Watchers = Watchers()
        self.on_session_end(lambda session, _station: index.forget(session))
        return index

    def on_session_start(self, hook: Callable[[Session], None]) -> None:
        """Call ``hook(session)`` whenever a user logs on."""
        self._start_hooks.append(hook)

    def session_started(self, session: Session) -> None:
        for hook in self._start_hooks:
            hook(session)

    def on_station_change(self, hook: Callable[[Session, dict | None], None]) -> None:
        """Call ``hook(session, the station it had)`` whenever a session's station changes."""
        self._station_hooks.append(hook)

    def station_changed(self, session: Session, previous: dict | None) -> None:
        for hook in self._station_hooks:
            hook(session, previous)

    def on_session_end(self, hook: Callable[[Session, dict | None], None]) -> None:
        """Call ``hook(session, station it had)`` whenever a session ends, for any reason."""
        self._end_hooks.append(hook)

    def end_session(self, session: Session, reason: str, should_reconnect: bool = False) -> None:
        self._unsettled = True
        station = session.station
        self.sessions.end(session, reason, should_reconnect)
        for hook in self._end_hooks:
            hook(session, station)

    def end_user_sessions(self, user_id: str, reason: str, should_reconnect: bool = False) -> int:
        """End every live session of a user, telling each why; returns how many.

        [doc] ``shouldReconnect`` tells the client whether to log on again (true after a
        server restart, false when the user logged on elsewhere).
        """
        ended = self.sessions.of_user(user_id)
        for session in ended:
            self.deliver(
                session,
                {
                    "__type": CONNECTION_STATE_CHANGED,
                    "isDelta": True,
                    "previousConnectionState": CONNECTION_UP,
                    "newConnectionState": CONNECTION_DOWN,
                    "reason": reason,
                    "shouldReconnect": should_reconnect,
                },
            )
            self.end_session(session, reason, should_reconnect)
        return len(ended)

    def expire_if_idle(self, session: Session) -> None:
        """End a session left idle longer than the scenario allows.

        [doc] A session "will eventually expire" when idle (getting-started); no timeout is
        published, so the scenario sets one. [guess] An open event stream keeps a session
        in use, as a connected client is not idle.
        """
        limit = self.scenario.session_idle_timeout
        if limit is None or session.listeners or session.ended:
            return
        if time.monotonic() - session.last_used > limit:
            self.end_session(session, IDLE_REASON, should_reconnect=True)
