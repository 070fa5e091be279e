"""Faults the simulator injects on demand, so tests can prove the client copes.

Each fault applies to the next ``count`` requests whose path contains ``path`` (all
requests when ``path`` is empty); ``count`` 0 means until cleared.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import Enum

from ..protocol.errors import INTERNAL_ERROR_CODE
from .wire import Response, error_response

PROXY_ERROR_PAGE = (
    b"<!DOCTYPE html><html><head><title>502 Proxy Error</title></head><body>"
    b"<h1>Proxy Error</h1><p>The proxy server received an invalid response from an upstream "
    b"server.</p></body></html>"
)


class FaultKind(Enum):
    LATENCY = "latency"  # answer after `seconds`
    ERROR = "error"  # HTTP 500 with an ICWS error body
    DROP = "drop"  # close the connection without answering
    TRUNCATED = "truncated"  # the real answer's JSON body cut in half
    NOT_JSON = "not-json"  # 200 with a plain-text body
    EMPTY = "empty"  # 200 with no body at all
    HTML = "html"  # 502 with a proxy's HTML error page
    KILL_SESSION = "kill-session"  # the server ends the session before answering


@dataclass
class Fault:
    kind: FaultKind
    count: int = 1
    path: str = ""
    seconds: float = 1.0

    def __post_init__(self):
        # Checked here, so faults from scenarios, keywords and code all get the same rules.
        self.kind = FaultKind(self.kind)
        if isinstance(self.count, bool) or not isinstance(self.count, int) or self.count < 0:
            raise ValueError(
                f"A fault's count must be 0 (until cleared) or more, not {self.count!r}."
            )
        if not isinstance(self.seconds, (int, float)) or not 0 <= self.seconds <= 3600:
            raise ValueError(f"A fault's seconds must be 0 to 3600, not {self.seconds!r}.")

    def matches(self, path: str) -> bool:
        return not self.path or self.path.lower() in path.lower()


class FaultPlan:
    """The faults still to inject, consumed in the order they were added."""

    def __init__(self, faults=()):
        self._faults: list[Fault] = list(faults)
        self._lock = threading.Lock()

    @classmethod
    def from_scenario(cls, items) -> FaultPlan:
        return cls(
            Fault(
                FaultKind(item["kind"]),
                item.get("count", 1),
                str(item.get("path", "")),
                item.get("seconds", 1.0),
            )
            for item in items or []
        )

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def take(self, path: str) -> Fault | None:
        """The fault for this request, if any, counting it as used."""
        if not self._faults:  # the common case, without the lock
            return None
        with self._lock:
            for fault in self._faults:
                if fault.matches(path):
                    if fault.count == 1:
                        self._faults.remove(fault)
                    elif fault.count > 1:
                        fault.count -= 1
                    return fault
        return None


def faulty_response(fault: Fault, real: Response | None) -> Response:
    """The answer a fault gives in place of (or made from) the real one."""
    if fault.kind is FaultKind.ERROR:
        return error_response(
            500, "error.server.internal", "An injected server fault occurred.", INTERNAL_ERROR_CODE
        )
    if fault.kind is FaultKind.HTML:
        return Response(502, PROXY_ERROR_PAGE, [("Content-Type", "text/html; charset=utf-8")])
    if fault.kind is FaultKind.NOT_JSON:
        return Response(200, b"Service temporarily overloaded", [("Content-Type", "text/plain")])
    if fault.kind is FaultKind.EMPTY:
        return Response(200, b"", [("Content-Type", "application/vnd.inin.icws+JSON")])
    if fault.kind is FaultKind.TRUNCATED and real is not None:
        cut = real.body[: max(1, len(real.body) // 2)]
        return Response(real.status, cut, real.headers)
    assert real is not None, f"a {fault.kind.value} fault answers with the real response"
    return real
