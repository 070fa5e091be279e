"""The sessions of a suite, by index and alias."""

from __future__ import annotations

from robot.utils import ConnectionCache

from ..client import ICWSError, ICWSSession
from ..client.connection import EndedSession


class SessionCache(ConnectionCache):
    """``robot.utils.ConnectionCache`` with the alias questions the keywords ask, in public.

    Holds :class:`ICWSSession` objects, and :class:`EndedSession` records in place of
    sessions that have ended (see :meth:`retire_ended`).
    """

    def __init__(self) -> None:
        super().__init__("No ICWS session: use Connect To ICWS first.")

    def get(self, alias: str | None = None) -> ICWSSession | EndedSession:
        """The session named by alias or index, or the current one; a clear error if none."""
        try:
            return self.get_connection(alias)
        except RuntimeError as error:
            raise ICWSError(
                f"{error} Known sessions: {', '.join(self.labels) or 'none'}."
            ) from None

    def named(self, alias: str) -> ICWSSession | EndedSession | None:
        """The session an alias names, or None (an index is not an alias here)."""
        index = self._aliases.get(alias)
        return None if index is None else self.get_connection(index)

    def alias_of(self, index: int | None) -> str | None:
        """The alias of the session at ``index``, or the index as text if it has none."""
        if index is None:
            return None
        for alias, alias_index in self._aliases.items():
            if alias_index == index:
                return alias
        return str(index)

    @property
    def current_alias(self) -> str | None:
        return self.alias_of(self.current_index)

    @property
    def labels(self) -> list[str]:
        """Every session's alias, or its index where it has none, in order."""
        return [self.alias_of(index) for index in range(1, len(self) + 1)]

    def retire_ended(self) -> None:
        """Keep only a small record of each session that has ended (see EndedSession)."""
        for index, session in enumerate(self._connections):
            if isinstance(session, ICWSSession) and not session.connected:
                if session.auto_reconnect:
                    continue  # it may yet log on again
                session.close()
                record = session.ended()
                if self.current is session:
                    self.current = record
                self._connections[index] = record
