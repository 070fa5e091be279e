"""Feature ``licenses``: acquiring and releasing licenses from per-license pools.

[doc] (licenses 1, SDK Licenses.js, CONTACT-CENTER.md 2.7): acquiring a license already
held has no effect; a license that does not exist is only "not acquired", not an HTTP
error; each result says why with a ``licenseStatus``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ...protocol.messages import LICENSE_MESSAGE
from ..errors import MissingProperty
from ..scenario import User
from ..sessions import Session
from ..state import ServerState
from ..wire import Request, Response, json_response

# [doc] licenseStatus values.
AVAILABLE, NOT_ASSIGNED, UNAVAILABLE, UNKNOWN = 2, 3, 4, 9
CLIENT_ACCESS = "I3_ACCESS_CLIENT"


class LicenseResource:
    def __init__(self, state: ServerState):
        self.state = state
        self.scenario = state.scenario
        self._changed: list[Callable[[User], None]] = []
        state.on_session_end(lambda session, station: session.licenses.clear())

    def on_change(self, hook: Callable[[User], None]) -> None:
        """Call ``hook(user)`` after the licences a session of ``user`` holds change."""
        self._changed.append(hook)

    def _tell(self, session: Session) -> None:
        for hook in self._changed:
            hook(session.user)

    def routes(self) -> list:
        licenses = re.compile(r"^licenses$")
        subscription = re.compile(r"^messaging/subscriptions/licenses$")
        return [
            ("POST", licenses, self.acquire, True),
            ("PUT", licenses, self.replace, True),
            ("DELETE", licenses, self.release_all, True),
            ("PUT", subscription, self.subscribe, True),
            ("DELETE", subscription, self.unsubscribe, True),
        ]

    def acquire(self, request: Request, session: Session) -> Response:
        names = _license_list(request)
        if names is None:
            raise MissingProperty("licenseList")
        results = [self.take(session, n) for n in names]
        return json_response(200, {"licenseOperationResultList": results})

    def replace(self, request: Request, session: Session) -> Response:
        names = _license_list(request)
        if names is None:
            raise MissingProperty("licenseList")
        wanted = {name.upper() for name in names}
        session.licenses = {name for name in session.licenses if name.upper() in wanted}
        results = [self.take(session, n) for n in names]
        self._tell(session)
        return json_response(200, {"licenseOperationResultList": results})

    def release_all(self, request: Request, session: Session) -> Response:
        session.licenses.clear()
        self._tell(session)
        return json_response(200)  # [guess] the SDK lists only error answers

    def take(self, session: Session, name: str) -> dict:
        """Acquire one license for a session; the result as the server reports it."""
        result = {"licenseName": name, "isAvailable": False, "licenseStatus": UNKNOWN}
        pool = _find(self.scenario.licenses, name)
        if pool is None:
            result["errorDetails"] = f"The license {name} does not exist."
            return result
        if name in session.licenses:
            result.update(isAvailable=True, licenseStatus=AVAILABLE)
            return result
        if not any(held.upper() == pool.upper() for held in session.user.licenses):
            result.update(licenseStatus=NOT_ASSIGNED,
                          errorDetails=f"The license {pool} is not assigned to {session.user.id}.")  # fmt: skip
            return result
        if self.in_use(pool) >= self.scenario.licenses[pool]:
            result.update(licenseStatus=UNAVAILABLE,
                          errorDetails=f"All {self.scenario.licenses[pool]} {pool} licenses are in use.")  # fmt: skip
            return result
        session.licenses.add(pool)
        self._tell(session)
        result.update(licenseName=pool, isAvailable=True, licenseStatus=AVAILABLE)
        return result

    def in_use(self, name: str) -> int:
        return sum(1 for s in self.state.sessions.live.values() if name in s.licenses)

    def subscribe(self, request: Request, session: Session) -> Response:
        names = _license_list(request)
        if names is None:
            raise MissingProperty("licenseList")
        session.license_subscription = {name.upper() for name in names}
        assigned = {name.upper() for name in session.user.licenses}
        self.state.deliver(
            session,
            {
                "__type": LICENSE_MESSAGE,
                "isDelta": False,
                "licenseAssignedStatusList": [
                    {"name": name, "isAssigned": name.upper() in assigned} for name in names
                ],
            },
        )
        return json_response(200)

    def unsubscribe(self, request: Request, session: Session) -> Response:
        session.license_subscription = None
        return json_response(204)


def _license_list(request: Request) -> list[str] | None:
    body = request.json()
    names = body.get("licenseList") if isinstance(body, dict) else None
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        return None
    return names


def _find(pools: dict[str, int], name: str) -> str | None:
    """License names compare without regard to case; the pool's spelling wins."""
    for pool in pools:
        if pool.upper() == name.upper():
            return pool
    return None
