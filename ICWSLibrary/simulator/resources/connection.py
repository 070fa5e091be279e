"""Feature ``connection``: logon, logoff, the connection state, features, version, station."""

from __future__ import annotations

import json
import re
import secrets
from typing import Any
from urllib.parse import parse_qs

from ...protocol.errors import (
    AUTHENTICATION_FAILURE,
    CONNECTION_DOWN,
    CONNECTION_UP,
)
from ...protocol.http import CSRF_HEADER, SESSION_ID_HEADER
from ...protocol.messages import AUTH_TOKEN, IC_AUTH, SINGLE_SIGN_ON
from ..errors import InvalidProperty, InvalidRepresentation, MissingProperty, SimulatorError
from ..sessions import Session
from ..state import ServerState
from ..wire import (
    Request,
    Response,
    json_response,
    now_compact,
)

LOGOFF_REASON = "The session was logged off by the client."
# [doc] "The auth token expires within seven seconds after creation."
AUTH_TOKEN_LIFETIME = 7.0
# [guess] The 503 a backup of a switchover pair answers (PROTOCOL.md: the backup refuses
# logons); a host answering it is taken for the pair's backup.
BACKUP_REFUSAL = "error.server.unavailable"


class ConnectionResource:
    def __init__(self, state: ServerState):
        self.state = state
        self.scenario = state.scenario
        # Unique auth tokens not yet used: token -> (user id, seed, source session, expiry).
        self.auth_tokens: dict[str, tuple[str, str, str, float]] = {}

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
            ("POST", re.compile(r"^connection/unique-auth-token$"), self.unique_auth_token, True),
            ("GET", re.compile(r"^connection/switchover-status$"), self.switchover_status, True),
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
            raise InvalidRepresentation(f"The request body is not valid JSON: {error}.") from None
        if not isinstance(body, dict) or not body.get("__type"):
            raise MissingProperty("__type")
        kind = body["__type"]
        if kind == SINGLE_SIGN_ON:
            return json_response(400, AUTHENTICATION_FAILURE)
        if kind not in (IC_AUTH, AUTH_TOKEN):
            raise InvalidProperty(
                "__type", f"The value of __type is not a known connection request type: {kind}."
            )
        required = ("userID", "password") if kind == IC_AUTH else ("authTokenSeed", "authToken")
        for name in ("applicationName", *required):
            if body.get(name) is None:
                raise MissingProperty(name)
            if not isinstance(body[name], str):
                raise InvalidProperty(name, f"The property {name} must be a string.")
        user = (
            self._password_user(body["userID"], body["password"])
            if kind == IC_AUTH
            else self._token_user(body)
        )
        if user is None:
            return json_response(400, AUTHENTICATION_FAILURE)
        if self.scenario.single_session_per_user:
            self.state.end_user_sessions(user.id, "The user logged on from another client.")
        # [doc] The server fixes the session's language from those it supports (D27).
        session = self.state.sessions.new(
            user, self.session_language(language), body["applicationName"], host.address
        )
        self.state.session_started(session)
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

    def _password_user(self, user_id: str, password: str):
        user = self.scenario.user(user_id)
        # A user without a password (created by an administrator who set none) cannot log on.
        if user is None or not user.password or password != user.password:
            return None
        return user

    def _token_user(self, body: dict):
        """[doc] A unique auth token logs its user on once, within seven seconds, with the
        seed it was made from; [guess] and from the session that made it, when named."""
        found = self.auth_tokens.pop(body["authToken"], None)
        if found is None:
            return None
        user_id, seed, source, expiry = found
        if (
            body["authTokenSeed"] != seed
            or body.get("authTokenSourceSession") not in (None, source)
            or self.state.clock.now() > expiry
        ):
            return None
        return self.scenario.user(user_id)

    def unique_auth_token(self, request: Request, session: Session) -> Response:
        """[doc] connection 1: ``{authTokenSeed}`` -> 200 ``{authToken}``, for one logon."""
        try:
            body = json.loads(request.body or b"null")
        except ValueError:
            body = None
        seed = body.get("authTokenSeed") if isinstance(body, dict) else None
        if seed is None:
            raise MissingProperty("authTokenSeed")
        if not isinstance(seed, str) or not seed.strip():
            raise InvalidProperty("authTokenSeed", "The property authTokenSeed must be a Guid.")
        now = self.state.clock.now()
        for stale in [t for t, found in self.auth_tokens.items() if found[3] < now]:
            del self.auth_tokens[stale]
        token = secrets.token_urlsafe(24)
        self.auth_tokens[token] = (session.user.id, seed, session.id, now + AUTH_TOKEN_LIFETIME)
        return json_response(200, {"authToken": token})

    def switchover_status(self, request: Request, session: Session) -> Response:
        """[doc] connection 11: whether the deployment is a switchover pair, its primary
        (the stand-alone server's name otherwise) and its backup."""
        primary = next(
            (host.name or host.address for host in self.scenario.hosts
             if host.address == session.host),
            self.scenario.ic_server,
        )  # fmt: skip
        backup = next(
            (host for host in self.scenario.hosts if host.error_id == BACKUP_REFUSAL), None
        )
        if backup is None:
            return json_response(200, {"isSwitchoverActive": False, "primaryHost": primary})
        return json_response(
            200,
            {
                "isSwitchoverActive": True,
                "primaryHost": primary,
                "backupHost": backup.name or backup.address,
                "isBackupICStopping": False,
                "isBackupICStarting": False,
                # [guess] Both servers of a pair run the same version.
                "backupVersion": self.scenario.version.get("productPatchDisplayString", ""),
                "subsystemsDown": [],
            },
        )

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
                    {"languageID": tag, "languageDisplayName": self.scenario.language_name(tag)}
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
