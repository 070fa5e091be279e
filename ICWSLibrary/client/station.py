"""The session's station connection (feature ``connection``): log on, off, and readiness."""

from __future__ import annotations

from typing import Any, Protocol

from ..protocol.errors import NO_STATION_ERROR_ID
from ..protocol.interactions import MEDIA_TYPES
from .errors import ICWSError
from .redact import redact_json

WORKSTATION = "urn:inin.com:connection:workstationSettings"
REMOTE_WORKSTATION = "urn:inin.com:connection:remoteWorkstationSettings"
REMOTE_NUMBER = "urn:inin.com:connection:remoteNumberSettings"
# [doc] stationSetting values, and the __type that logs on to each.
KINDS = {0: "none", 1: "workstation", 2: "remote workstation", 3: "remote number"}
TYPES = {"workstation": WORKSTATION, "remote workstation": REMOTE_WORKSTATION,
         "remote number": REMOTE_NUMBER}  # fmt: skip
MEDIA = MEDIA_TYPES


class Caller(Protocol):
    user_id: str | None

    def call(
        self, method: str, path: str, body: Any = None, *, expected_status: Any = None
    ) -> Any: ...


def media_numbers(media) -> list[int]:
    """Media as the server numbers them, from names or numbers, a list or comma text."""
    if media is None:
        return [MEDIA["call"]]
    items = media.replace(",", " ").split() if isinstance(media, str) else list(media)
    numbers = []
    for item in items:
        text = str(item).strip().lower().replace(" ", "").replace("_", "")
        number = int(text) if text.isdigit() else MEDIA.get(text)
        if number not in MEDIA.values():
            raise ICWSError(
                f"Unknown media {item!r}: use {', '.join(MEDIA)} (or their numbers 1 to 9)."
            )
        numbers.append(number)
    return numbers


class StationAPI:
    def __init__(self, session: Caller):
        self._session = session

    def log_on(
        self,
        kind: str,
        station: str | None = None,
        *,
        remote_number: str | None = None,
        persistent: bool = False,
        media=None,
        ready: bool = True,
    ) -> None:
        """Log the session on to a station; the server's refusal, in its words, if any."""
        body: dict[str, Any] = {
            "__type": TYPES[kind],
            "supportedMediaTypes": media_numbers(media),
            "readyForInteractions": bool(ready),
        }
        if station is not None:
            body["workstation"] = str(station)
        if remote_number is not None:
            body["remoteNumber"] = str(remote_number)
        if kind == "remote number":
            body["persistentConnection"] = bool(persistent)
        what = station if station is not None else remote_number
        try:
            self._session.call("PUT", "/connection/station", body)
        except ICWSError as error:
            raise error.in_context(
                f"The station logon of '{self._session.user_id}' to {kind} {what} was refused"
            ) from None

    def log_off(self) -> None:
        self._session.call("DELETE", "/connection/station")

    def current(self) -> dict:
        """The server's station information plus ``kind``; ``{"kind": "none"}`` without one."""
        answer = self._session.call("GET", "/connection/station", expected_status=[200, 400])
        if not isinstance(answer, dict) or answer.get("errorId") == NO_STATION_ERROR_ID:
            return {"kind": "none"}
        if "errorId" in answer:
            raise ICWSError(f"The station connection could not be read: {answer}.", status=400)
        # A SIP password is a secret: what a test gets back, Robot logs.
        return dict(redact_json(answer), kind=KINDS.get(answer.get("stationSetting"), "none"))

    def set_ready(self, ready: bool = True, media=None) -> dict:
        """Log on again to the same station with new readiness (and media)."""
        station = self.current()
        if station["kind"] == "none":
            raise ICWSError(
                f"'{self._session.user_id}' is not logged on to a station: log on first."
            )
        kind = station["kind"]
        self.log_on(
            kind,
            None if kind == "remote number" else station["id"],
            remote_number=station.get("remoteNumber")
            or (station["id"] if kind == "remote number" else None),
            media=media if media is not None else station.get("allowedMediaTypes"),
            ready=ready,
        )
        return self.current()
