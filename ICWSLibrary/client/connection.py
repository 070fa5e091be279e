"""The values of the ICWS connection resource, and what stays of an ended session."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from .address import ServerAddress


class ConnectionState(Enum):
    """ICWS ``connectionState``: the numbers are the wire values."""

    NONE = 0
    UP = 1
    DOWN = 2

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class ConnectionStatus:
    state: ConnectionState
    reason: str | None = None
    should_reconnect: bool | None = None

    def describe(self) -> str:
        text = f"'{self.state}'"
        if self.reason:
            text += f", reason {self.reason!r}"
        if self.should_reconnect is not None:
            text += f", shouldReconnect {self.should_reconnect}"
        return text


@dataclass(frozen=True)
class EndedSession:
    """What stays of a session that has ended: what its keywords can still report.

    A long suite opens thousands of sessions; keeping each one whole (its message queue,
    caches and HTTP state) would grow the test process by kilobytes a test.
    """

    session_id: str | None
    user_id: str | None
    address: ServerAddress
    initial_address: ServerAddress
    application_name: str
    ended_reason: str | None
    logon_info: dict[str, Any]
    connected: bool = False
    auto_reconnect: bool = False

    def connection_state(self) -> ConnectionStatus:
        return ConnectionStatus(ConnectionState.DOWN, self.ended_reason, None)

    def disconnect(self) -> bool:
        return False

    def close(self) -> None:
        pass
