"""Feature ``connection``: logon, logoff, the connection state, features, version, station."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs

from ...protocol.errors import (
    AUTHENTICATION_FAILURE,
    CONNECTION_DOWN,
    CONNECTION_UP,
)
from ...protocol.http import CSRF_HEADER, SESSION_ID_HEADER
from ...protocol.messages import AUTH_TOKEN, IC_AUTH, SINGLE_SIGN_ON
from ..errors import InvalidProperty, MissingProperty, SimulatorError
from ..sessions import Session
from ..state import ServerState
from ..wire import (
    Request,
    Response,
    json_response,
    now_compact,
)

LOGOFF_REASON = "The session was logged off by the client."
LANGUAGE_NAMES = {
    "en-us": "English (United States)",
    "de-de": "German (Germany)",
    "fr-fr": "French (France)",
    "es-es": "Spanish (Spain)",
    "nl-nl": "Dutch (Netherlands)",
}


class ConnectionResource:
    def __init__(self, state: ServerState):
        self.state = state
        self.scenario = state.scenario

    def routes(self) -> list:
        return [
            ("POST", re.compile(r"^connection$"), self.logon, False),
            ("GET", re.compile(r"^connection/features$"), self.features, False),
            ("GET", re.compile(r"^connection/features/([^/]+)$"), self.feature, False),
            ("GET", re.compile(r"^connection/version$"), self.version, False),
            ("GET", re.compile(r"^connection/server-time$"), self.server_time, False),
            ("GET", re.compile(r"^connection/server-info$"), self.server_info, False),
            ("GET", re.compile(r"^connection$"), self.connection_state, True),
            ("DELETE", re.compile(r"^connection$"), self.logoff, True),
            ("POST", re.compile(r"^messaging/heartbeat$"), self.heartbeat, True),
        ]

    # -- logon -----------------------------------------------------------------------------

    def logon(self, request: Request) -> Response:
        host = self.scenario.host(request.local_address)
        if not host.accepting:
            return json_response(
                503,
                {
                    "alternateHostList": host.alternate_hosts,
                    "errorId": host.error_id,
                    "message": host.message,
                },
            )
        language = (
            (request.headers.get("accept-language") or "").split(",")[0].split(";")[0].strip()
        )
        if not language:
            # [guess] The header is named as a missing property.
            raise MissingProperty("Accept-Language", "The Accept-Language header is required.")
        try:
            body = json.loads(request.body or b"null")
        except ValueError as error:
            # [guess] No property can be named, so the parent of the property errorIds.
            raise SimulatorError(
                400,
                "error.request.invalidRepresentation",
                f"The request body is not valid JSON: {error}.",
            ) from None
        if not isinstance(body, dict) or not body.get("__type"):
            raise MissingProperty("__type")
        kind = body["__type"]
        if kind in (AUTH_TOKEN, SINGLE_SIGN_ON):
            return json_response(400, AUTHENTICATION_FAILURE)
        if kind != IC_AUTH:
            raise InvalidProperty(
                "__type", f"The value of __type is not a known connection request type: {kind}."
            )
        for name in ("applicationName", "userID", "password"):
            if body.get(name) is None:
                raise MissingProperty(name)
            if not isinstance(body[name], str):
                raise InvalidProperty(name, f"The property {name} must be a string.")
        user = self.scenario.user(body["userID"])
        # A user without a password (created by an administrator who set none) cannot log on.
        if user is None or not user.password or body["password"] != user.password:
            return json_response(400, AUTHENTICATION_FAILURE)
        if self.scenario.single_session_per_user:
            self.state.end_user_sessions(user.id, "The user logged on from another client.")
        # [doc] The server fixes the session's language from those it supports (D27).
        session = self.state.sessions.new(
            user, self.session_language(language), body["applicationName"], host.address
        )
        include = {
            item.strip().lower()
            for value in parse_qs(request.query).get("include", [])
            for item in value.split(",")
        }
        answer: dict[str, Any] = {
            "csrfToken": session.token,
            "sessionId": session.id,
            "alternateHostList": [h.name for h in self.scenario.hosts if h.accepting],
            "userID": user.id,
            "userDisplayName": user.display_name,
            "icServer": self.scenario.ic_server,
        }
        if "version" in include:
            answer["version"] = self.scenario.version
        if "features" in include:
            answer["features"] = self.feature_list()
        if "server-time" in include:
            answer["serverTimeInfo"] = {"serverUtcTime": now_compact()}
        if "default-workstation" in include and user.default_workstation:
            # [doc] connection 5: include=default-workstation adds defaultWorkstationId.
            answer["defaultWorkstationId"] = user.default_workstation
        if "effective-station" in include and user.default_workstation:
            # [doc] connection 10: effectiveStation {stationId: {id, displayName, uri}};
            # [guess] before any station logon it is the default workstation.
            station = user.default_workstation
            answer["effectiveStation"] = {
                "stationId": {
                    "id": station,
                    "displayName": station,
                    "uri": f"/configuration/stations/{station}",
                }
            }
        headers = [
            (SESSION_ID_HEADER, session.id),
            (CSRF_HEADER, session.token),
            ("Location", f"/icws/{session.id}/connection"),
            (
                "Set-Cookie",
                f"icws_{session.id}={session.cookie}|languageId={session.language}; "
                f"Path=/icws/{session.id}; HttpOnly",
            ),
        ]
        return json_response(201, answer, headers)

    # -- the session's connection ----------------------------------------------------------

    def connection_state(self, request: Request, session: Session) -> Response:
        if session.ended:
            return json_response(
                200,
                {
                    "connectionState": CONNECTION_DOWN,
                    "reason": session.reason,
                    "shouldReconnect": session.should_reconnect,
                },
            )
        return json_response(200, {"connectionState": CONNECTION_UP, "shouldReconnect": False})

    def logoff(self, request: Request, session: Session) -> Response:
        self.state.end_session(session, LOGOFF_REASON)
        return json_response(200)

    # -- what the server is ----------------------------------------------------------------

    def features(self, request: Request) -> Response:
        return json_response(200, {"featureInfoList": self.feature_list()})

    def feature_list(self) -> list[dict]:
        return [
            {"featureId": name, "version": version}
            for name, version in self.scenario.features.items()
        ]

    def feature(self, request: Request, feature_id: str) -> Response:
        version = self.scenario.features.get(feature_id)
        if version is None:
            raise SimulatorError(
                400,
                "error.request.connection.invalidFeatureId",  # [guess] errorId
                f"The feature {feature_id} is not valid.",
            )
        return json_response(200, {"featureId": feature_id, "version": version})

    def version(self, request: Request) -> Response:
        return json_response(200, self.scenario.version)

    def server_time(self, request: Request) -> Response:
        return json_response(200, {"serverUtcTime": now_compact()})

    def server_info(self, request: Request) -> Response:
        """[doc] SDK ServerInfo: languages as {languageID, languageDisplayName}, the language
        the server would use, and the logon options (FIDELITY-AUDIT D1)."""
        return json_response(
            200,
            {
                "languages": [
                    {"languageID": tag, "languageDisplayName": LANGUAGE_NAMES.get(tag, tag)}
                    for tag in self.scenario.languages
                ],
                "acceptLanguage": self.session_language(request.headers.get("accept-language")),
                "authentication": {"allowIcAuth": True, "identityProviders": []},
            },
        )

    def session_language(self, header: str | None) -> str:
        """[doc] The server picks from its own languages; [guess] its first when none fits."""
        for item in (header or "").split(","):
            tag = item.split(";")[0].strip().lower()
            if tag in self.scenario.languages:
                return tag
            for language in self.scenario.languages:
                if tag and language.split("-")[0] == tag.split("-")[0]:
                    return language
        return self.scenario.languages[0] if self.scenario.languages else "en-us"

    def heartbeat(self, request: Request, session: Session) -> Response:
        """[doc] messaging heartbeat keeps a session in use; [guess] 200 with no body."""
        return json_response(200)
