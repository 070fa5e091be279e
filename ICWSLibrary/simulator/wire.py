"""Requests and responses as the simulator's core sees them: plain values, no I/O."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..protocol.http import JSON_TYPE

NO_CACHE = "no-cache, no-store, must-revalidate"
WWW_AUTHENTICATE = 'ICWS realm="ICWS" location="/ICWS/connection"'


@dataclass
class Request:
    method: str
    path: str
    query: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    # The address the connection arrived on: it tells the hosts of a switchover pair apart.
    local_address: str = "127.0.0.1"

    def __post_init__(self):
        # HTTP header names are case-insensitive; the server already passes lower-case names,
        # so only requests built by hand (model tests, replay) pay for the copy.
        if not all(name.islower() for name in self.headers):
            self.headers = {name.lower(): value for name, value in self.headers.items()}

    def json(self) -> Any:
        """The body as JSON, or None when it is empty or not JSON."""
        try:
            return json.loads(self.body) if self.body else None
        except ValueError:
            return None


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    # Set for a server-sent-events answer: the session whose messages the stream carries.
    stream: Any = None


class Backend(Protocol):
    """What the HTTP server needs of what answers: the live model or a replay."""

    requests_served: int

    def handle(self, request: Request) -> Response: ...
    def open_stream(self, session, listener) -> None: ...
    def close_stream(self, session, listener) -> None: ...
    def drain(self, session) -> tuple[list[dict], bool]: ...
    def sessions(self) -> list[dict]: ...
    def end_session_of(self, path: str, reason: str) -> None: ...
    def close(self) -> None: ...


def json_response(status: int, value: Any = None, headers=()) -> Response:
    body = b"" if value is None else json.dumps(value, separators=(",", ":")).encode("utf-8")
    return Response(
        status, body, [("Content-Type", JSON_TYPE), ("Cache-Control", NO_CACHE)] + list(headers)
    )


def error_response(status: int, error_id: str, message: str, code: int | None = None, **extra):
    body: dict[str, Any] = {"errorId": error_id, "message": message}
    if code is not None:
        body["errorCode"] = code
    body.update(extra)
    headers = [("WWW-Authenticate", WWW_AUTHENTICATE)] if status == 401 else []
    return json_response(status, body, headers)


def now_compact() -> str:
    """The server's clock as ICWS writes it: ``20141017T171525Z``."""
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
