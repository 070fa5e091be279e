"""The station connection (feature ``connection``): logon to a workstation, a remote
workstation or a remote number, its refusals, and who hears of it (FIDELITY-AUDIT D7-D10)."""

from __future__ import annotations

import re

from ...protocol.errors import NO_STATION_ERROR_ID
from ...protocol.interactions import ACD_LICENSE
from ...protocol.interactions import MEDIA_TYPES as SUPPORTED_MEDIA
from ...protocol.messages import STATION_CONNECTION_CHANGED
from ..errors import InvalidProperty, MissingProperty, SimulatorError
from ..sessions import Session
from ..state import ServerState
from ..statuses import Statuses
from ..wire import (
    Request,
    Response,
    json_response,
)
from .licenses import CLIENT_ACCESS, LicenseResource

RIGHT_TO_LOG_ON_TO_STATIONS = "stationLogon"
# [doc] stationSetting: 0 none, 1 workstation, 2 remote workstation, 3 remote number.
SETTINGS = {
    "workstationSettings": 1,
    "remoteWorkstationSettings": 2,
    "remoteNumberSettings": 3,
}
# [doc] SDK supportedMediaType numbers.
MEDIA_TYPES = set(SUPPORTED_MEDIA.values())
NO_STATION = {"id": "", "extension": "", "stationSetting": 0}
_DIGITS = re.compile(r"^\+?[0-9][0-9 ()./-]*$")


class StationResource:
    def __init__(self, state: ServerState, status: Statuses, licenses: LicenseResource):
        self.state = state
        self.status = status
        self.licenses = licenses
        self.scenario = state.scenario
        state.on_session_end(self._session_ended)

    def routes(self) -> list:
        station = re.compile(r"^connection/station$")
        subscription = re.compile(r"^messaging/subscriptions/connection/station$")
        return [
            ("GET", station, self.get_station, True),
            ("PUT", station, self.put_station, True),
            ("DELETE", station, self.delete_station, True),
            ("PUT", subscription, self.subscribe, True),
            ("DELETE", subscription, self.unsubscribe, True),
        ]

    def get_station(self, request: Request, session: Session) -> Response:
        if session.station is None:
            # [real] 400 with errorId "-2147221496" when the session has no station.
            raise SimulatorError(400, NO_STATION_ERROR_ID, "The session has no station connection.")
        return json_response(200, session.station)

    def put_station(self, request: Request, session: Session) -> Response:
        body = request.json()
        if not isinstance(body, dict) or not body.get("__type"):
            raise MissingProperty("__type")
        kind = str(body["__type"]).rsplit(":", 1)[-1]
        setting = SETTINGS.get(kind)
        if setting is None:
            raise InvalidProperty(
                "__type", f"The value of __type is not a station type: {body['__type']}."
            )
        self._check_media(body)
        if setting == 3:
            number = body.get("remoteNumber")
            if not number:
                raise MissingProperty("remoteNumber")
            if not isinstance(number, str) or not _DIGITS.match(number):
                raise InvalidProperty(
                    "remoteNumber", f"The remote number {number!r} is not a number."
                )
            station = {
                "id": number,
                "extension": number,
                "stationSetting": 3,
                "remoteNumber": number,
            }
        else:
            station_id = body.get("workstation")
            if not station_id:
                raise MissingProperty("workstation")
            configured = self.scenario.station(str(station_id))
            if configured is None:
                # [real] ruby-ic's StationNotFoundError: 400 with this errorId.
                raise SimulatorError(
                    400, NO_STATION_ERROR_ID, f"The station {station_id} was not found."
                )
            station = {
                "id": configured.id,
                "extension": configured.extension,
                "stationSetting": setting,
                **configured.sip,
            }
            if setting == 2 and body.get("remoteNumber"):
                station["remoteNumber"] = str(body["remoteNumber"])
        if not session.user.may(RIGHT_TO_LOG_ON_TO_STATIONS):
            # [real] the vendor QA's text; [guess] status and errorId.
            raise SimulatorError(
                403, "error.request.accessDenied", "You are not allowed to log on to this station."
            )
        holder = self._holder(str(station["id"]), session)
        if holder is not None:
            # [doc] licenseStatus StationAlreadyInUseByAnotherUser; [guess] status and errorId.
            raise SimulatorError(
                400,
                "error.station.inUse",
                f"The station {station['id']} is in use by {holder.user.id}.",
            )
        if CLIENT_ACCESS not in session.licenses:
            # [doc] "Either the user or the station must have a Client Access license";
            # [real] the vendor QA's text; [guess] status and errorId.
            taken = self.licenses.take(session, CLIENT_ACCESS)
            if not taken["isAvailable"]:
                raise SimulatorError(
                    400,
                    "error.license.notAvailable",
                    f"The following licenses were not available: {CLIENT_ACCESS}",
                )
        if ACD_LICENSE in session.user.licenses and ACD_LICENSE not in session.licenses:
            # [guess] A CIC client acquires the ACD licence assigned to its user as it logs
            # on; from a pool in use to its end, the agent stays out of ACD routing.
            self.licenses.take(session, ACD_LICENSE)
        station["allowedMediaTypes"] = list(body.get("supportedMediaTypes") or [1])
        station["readyForInteractions"] = bool(body.get("readyForInteractions", True))
        self._change(session, station)
        # [real] real clients read this Location (ruby-ic session.rb).
        location = [("Location", f"/icws/{session.id}/connection/station")]
        return json_response(200, None, location)

    def delete_station(self, request: Request, session: Session) -> Response:
        self._change(session, None)
        return json_response(200)

    def subscribe(self, request: Request, session: Session) -> Response:
        # [doc] "A subscription can be created even if there is no current station."
        session.station_subscription = True
        self.state.deliver(
            session,
            {
                "__type": STATION_CONNECTION_CHANGED,
                "isDelta": False,
                "newStationInfo": session.station or NO_STATION,
            },
        )
        return json_response(200)

    def unsubscribe(self, request: Request, session: Session) -> Response:
        session.station_subscription = False
        return json_response(204)

    # -- the rules -------------------------------------------------------------------------

    @staticmethod
    def _check_media(body: dict) -> None:
        media = body.get("supportedMediaTypes")
        if media is None:
            return None
        if not isinstance(media, list) or not all(m in MEDIA_TYPES for m in media):
            raise InvalidProperty(
                "supportedMediaTypes",
                f"supportedMediaTypes must list media numbers 1 to 9: {media!r}.",
            )
        return None

    def _holder(self, station_id: str, session: Session) -> Session | None:
        """Another user's live session on this station, if any."""
        for other in self.state.sessions.live.values():
            station = other.station
            if (
                station
                and other.user is not session.user
                and station["stationSetting"] != 3
                and station["id"].lower() == station_id.lower()
            ):
                return other
        return None

    def _change(self, session: Session, station: dict | None) -> None:
        """Set a session's station and tell everyone who listens (FIDELITY-AUDIT D10)."""
        before = self.status.user_status(session.user)
        previous = session.station
        session.station = station
        self._announce(session, previous, station)
        self.state.station_changed(session, previous)
        self.status.tell_watchers(session.user, before)

    def _announce(self, session: Session, previous: dict | None, new: dict | None) -> None:
        if not getattr(session, "station_subscription", False):
            return
        message = {
            "__type": STATION_CONNECTION_CHANGED,
            "isDelta": True,
            "newStationInfo": new or NO_STATION,
        }
        if previous:
            message["previousStationInfo"] = previous
        self.state.deliver(session, message)

    def _session_ended(self, session: Session, station: dict | None) -> None:
        # [doc] Logoff: "Any station connection has also been removed." Watchers of the
        # user hear that the station is gone.
        if station:
            before = self.status.user_status(session.user)
            before["stations"] = before["stations"] + [station["id"]]
            before["loggedIn"] = True
            self.status.tell_watchers(session.user, before)
