"""ICWS semantics of the simulator, independent of the HTTP transport.

Follows ``PROTOCOL.md``: where the vendor documentation and real servers differ, real
servers win. Choices the protocol notes leave open are marked ``[guess]``.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import re
import secrets
import threading
import time
import uuid
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote

from ..protocol.errors import (
    AUTHENTICATION_FAILURE,
    INTERNAL_ERROR_CODE,
    NO_STATION_ERROR_ID,
    SESSION_NO_LONGER_VALID,
)
from ..protocol.http import CSRF_HEADER, JSON_TYPE, SESSION_ID_HEADER, cookie_guid
from ..protocol.http import session_cookie_value as _cookie_value
from ..protocol.messages import (
    ASYNC_COMPLETED,
    AUTH_TOKEN,
    CONNECTION_STATE_CHANGED,
    IC_AUTH,
    SINGLE_SIGN_ON,
    STATUS_MESSAGES_MESSAGE,
    USER_ACCESS_MESSAGE,
    USER_STATUS_MESSAGE,
)
from ..protocol.operations import methods_for, template_for
from .scenario import Scenario, User, load_scenario

NO_CACHE = "no-cache, no-store, must-revalidate"
WWW_AUTHENTICATE = 'ICWS realm="ICWS" location="/ICWS/connection"'
# [guess] The reason text of a session ended for being idle.
IDLE_REASON = "The session timed out after a period of inactivity."
ENDED_SESSIONS_KEPT = 10_000
LOGOFF_REASON = "The session was logged off by the client."
RIGHT_TO_SET_OTHERS_STATUS = "setOthersStatus"


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


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    # Set for a server-sent-events answer: the session whose messages the stream carries.
    stream: Session | None = None


def json_response(status: int, value: Any = None, headers=()) -> Response:
    body = b"" if value is None else json.dumps(value, separators=(",", ":")).encode("utf-8")
    return Response(
        status, body, [("Content-Type", JSON_TYPE), ("Cache-Control", NO_CACHE)] + list(headers)
    )


def error_response(status: int, error_id: str, message: str, code: int | None = None, **extra):
    body = {"errorId": error_id, "message": message}
    if code is not None:
        body["errorCode"] = code
    body.update(extra)
    headers = [("WWW-Authenticate", WWW_AUTHENTICATE)] if status == 401 else []
    return json_response(status, body, headers)


def now_compact() -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())


@dataclass
class Session:
    id: str
    user: User
    token: str
    cookie: str
    language: str
    application: str
    host: str
    created: str
    messages: deque = field(default_factory=deque)
    station: dict | None = None
    ended: bool = False
    reason: str | None = None
    should_reconnect: bool = False
    # Lower-case user ids per subscription; None when the subscription is off.
    status_subscription: set[str] | None = None
    catalog_subscription: bool = False
    access_subscription: set[str] | None = None
    # Callbacks of open event streams, called (from any thread) when messages arrive.
    listeners: list = field(default_factory=list)
    # time.monotonic() of the session's last request, for the scenario's idle timeout.
    last_used: float = field(default_factory=time.monotonic)

    def describe(self) -> dict:
        return {
            "sessionId": self.id,
            "userID": self.user.id,
            "userDisplayName": self.user.display_name,
            "applicationName": self.application,
            "host": self.host,
            "language": self.language,
            "connectedSince": self.created,
            "station": (self.station or {}).get("id"),
            "queuedMessages": len(self.messages),
        }


def session_cookie(header: str | None, session_id: str) -> str | None:
    """The guid of the ``icws_<id>`` cookie, however the client shaped the header."""
    return cookie_guid(_cookie_value(header, session_id))


class StreamHub:
    """Hands a session's queued messages to its open event streams.

    A session object has ``messages`` (a deque), ``listeners`` (callbacks of open streams)
    and ``ended``; the HTTP server registers a listener per stream and drains on each call.
    """

    _lock: threading.RLock

    @staticmethod
    def _notify(session) -> None:
        for listener in list(session.listeners):
            listener()

    def open_stream(self, session, listener) -> None:
        with self._lock:
            session.listeners.append(listener)

    def close_stream(self, session, listener) -> None:
        with self._lock:
            if listener in session.listeners:
                session.listeners.remove(listener)

    def drain(self, session) -> tuple[list[dict], bool]:
        """Take a session's queued messages for a stream; True when the session ended."""
        with self._lock:
            messages = list(session.messages)
            session.messages.clear()
            return messages, session.ended


class ICWSModel(StreamHub):
    """The state and rules of one simulated CIC server (all its hosts)."""

    def __init__(self, scenario: Scenario | str | None = None):
        self.scenario = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
        self._lock = threading.RLock()
        self._sessions: dict[str, Session] = {}
        self._ended: OrderedDict[str, Session] = OrderedDict()
        self._request_ids = itertools.count(1000)
        # Requests answered, for benchmarks and tests that count what clients send.
        self.requests_served = 0
        self._statuses = {s["statusId"].casefold(): s for s in self.scenario.statuses}
        now = now_compact()
        self._user_status: dict[str, dict] = {}
        for key, user in self.scenario.users.items():
            self._user_status[key] = {
                "statusId": user.status_id,
                "notes": user.notes,
                "statusChanged": user.status_changed or now,
                "onPhone": user.on_phone,
                "onPhoneChanged": user.on_phone_changed or now,
            }
        self._sessionless = {
            ("POST", "connection"): self._logon,
            ("GET", "connection/features"): self._features,
            ("GET", "connection/version"): lambda request: json_response(
                200, self.scenario.version
            ),
            ("GET", "connection/server-time"): lambda request: json_response(
                200, {"serverUtcTime": now_compact()}
            ),
            ("GET", "connection/server-info"): self._server_info,
        }
        self._session_routes = [
            ("GET", re.compile(r"^connection$"), self._connection_state),
            ("DELETE", re.compile(r"^connection$"), self._logoff),
            ("GET", re.compile(r"^connection/station$"), self._get_station),
            ("PUT", re.compile(r"^connection/station$"), self._put_station),
            ("DELETE", re.compile(r"^connection/station$"), self._delete_station),
            ("GET", re.compile(r"^messaging/messages$"), self._messages),
            ("GET", re.compile(r"^status/status-messages$"), self._status_messages),
            ("GET", re.compile(r"^status/status-messages-user-access/([^/]+)$"), self._user_access),
            ("GET", re.compile(r"^status/user-statuses/([^/]+)$"), self._get_user_status),
            ("PUT", re.compile(r"^status/user-statuses/([^/]+)$"), self._put_user_status),
        ]
        subscriptions = {
            "user-statuses": (self._subscribe_user_statuses, self._unsubscribe_user_statuses),
            "status-messages": (self._subscribe_catalog, self._unsubscribe_catalog),
            "status-messages-user-access": (
                self._subscribe_user_access,
                self._unsubscribe_user_access,
            ),
        }
        for name, (start, stop) in subscriptions.items():
            pattern = re.compile(f"^messaging/subscriptions/status/{name}$")
            self._session_routes += [("PUT", pattern, start), ("DELETE", pattern, stop)]

    # -- entry point ---------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        try:
            with self._lock:
                self.requests_served += 1
                return self._dispatch(request)
        except Exception as error:  # never an HTML page, never a dropped connection
            return error_response(
                500,
                "error.server.internal",
                f"The ICWS simulator failed on {request.method} {request.path}: {error!r}",
                INTERNAL_ERROR_CODE,
            )

    def _dispatch(self, request: Request) -> Response:
        path = request.path
        if not path.lower().startswith("/icws/"):
            return self._not_found(request)
        rest = path[len("/icws/") :].rstrip("/")
        head, _, tail = rest.partition("/")
        if head.lower() == "connection":
            handler = self._sessionless.get((request.method, rest.lower()))
            if (
                handler is None
                and request.method == "GET"
                and rest.lower().startswith("connection/features/")
            ):
                return self._feature(request, unquote(rest.split("/", 2)[2]))
            if handler is not None:
                return handler(request)
            return self._unrouted(request, path)
        if head.isdigit():
            cookie_only = request.method == "GET" and tail.lower() == "messaging/messages"
            allow_ended = (
                tail.lower() in ("connection", "messaging/messages") and request.method == "GET"
            )
            session = self._authenticate(request, head, cookie_only, allow_ended)
            if isinstance(session, Response):
                return session
            for method, pattern, handler in self._session_routes:
                if method == request.method:
                    match = pattern.match(tail)
                    if match:
                        return handler(request, session, *(unquote(g) for g in match.groups()))
            return self._unrouted(request, path)
        return self._not_found(request)

    def _unrouted(self, request: Request, path: str) -> Response:
        methods = methods_for(path)
        if request.method in methods:
            template = template_for(request.method, path)
            return error_response(
                501,
                "simulator.notSimulated",
                f"The ICWS simulator does not simulate {request.method} {template}.",
            )
        if methods:
            return error_response(
                405,
                "error.request.accessDenied.httpMethodNotAllowed",
                f"The HTTP method {request.method} is not allowed on {path}; "
                f"allowed: {', '.join(sorted(methods))}.",
            )
        return self._not_found(request)

    @staticmethod
    def _not_found(request: Request) -> Response:
        return error_response(
            404, "error.request.notFound", f"No ICWS resource at {request.method} {request.path}."
        )

    # -- credentials ---------------------------------------------------------------------

    def _authenticate(self, request, session_id, cookie_only=False, allow_ended=False):
        session = self._sessions.get(session_id) or self._ended.get(session_id)
        if session is not None and not session.ended:
            self._expire_if_idle(session)
        if session is None:
            return error_response(
                401,
                "error.request.connection.invalidSessionId",  # [guess] errorId
                f"The session id {session_id} is not valid.",
                1,
            )
        token = request.headers.get("inin-icws-csrf-token")
        if token is None and not cookie_only:
            return error_response(
                401,
                "error.request.connection.tokenNotFound",  # [guess] errorId
                "The ININ-ICWS-CSRF-Token header was expected but not found.",
                2,
            )
        if token is not None and token != session.token:
            return error_response(
                401,
                "error.request.connection.invalidToken",  # [guess] errorId
                "The ININ-ICWS-CSRF-Token header does not match the session.",
                2,
            )
        if session_cookie(request.headers.get("cookie"), session_id) != session.cookie:
            return error_response(
                401,
                "error.request.connection.invalidCookie",  # [guess] errorId
                f"The session cookie icws_{session_id} is missing or does not match.",
                4,
            )
        if session.ended and not (
            allow_ended and (session.messages or "messages" not in request.path)
        ):
            return error_response(
                401,
                "error.request.connection.sessionNoLongerValid",  # [guess] errorId
                "The session is no longer valid.",
                SESSION_NO_LONGER_VALID,
            )
        session.last_used = time.monotonic()
        return session

    def _expire_if_idle(self, session: Session) -> None:
        """End a session left idle longer than the scenario allows.

        [doc] A session "will eventually expire" when idle (getting-started); no timeout is
        published, so the scenario sets one. [guess] An open event stream keeps a session
        in use, as a connected client is not idle.
        """
        limit = self.scenario.session_idle_timeout
        if limit is None or session.listeners:
            return
        if time.monotonic() - session.last_used > limit:
            self._end(session, IDLE_REASON, should_reconnect=True)

    # -- connection ----------------------------------------------------------------------

    def _logon(self, request: Request) -> Response:
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
            return error_response(
                400,
                "error.request.invalidRepresentation.missingProperty",  # [guess]
                "The Accept-Language header is required.",
                __type="urn:inin.com:common:missingPropertyError",
                propertyName="Accept-Language",
            )
        try:
            body = json.loads(request.body or b"null")
        except ValueError as error:
            # [guess] No property can be named, so the parent of the property errorIds.
            return error_response(
                400,
                "error.request.invalidRepresentation",
                f"The request body is not valid JSON: {error}.",
            )
        if not isinstance(body, dict) or not body.get("__type"):
            return self._missing_property("__type")
        kind = body["__type"]
        if kind in (AUTH_TOKEN, SINGLE_SIGN_ON):
            return json_response(400, AUTHENTICATION_FAILURE)
        if kind != IC_AUTH:
            return self._invalid_property(
                "__type", f"The value of __type is not a known connection request type: {kind}."
            )
        for name in ("applicationName", "userID", "password"):
            if body.get(name) is None:
                return self._missing_property(name)
            if not isinstance(body[name], str):
                return self._invalid_property(name, f"The property {name} must be a string.")
        user = self.scenario.user(body["userID"])
        if user is None or body["password"] != user.password:
            return json_response(400, AUTHENTICATION_FAILURE)
        if self.scenario.single_session_per_user:
            self.disconnect_user(user.id, "The user logged on from another client.")
        session = self._new_session(user, language.lower(), body["applicationName"], host.address)
        include = {
            item.strip().lower()
            for value in parse_qs(request.query).get("include", [])
            for item in value.split(",")
        }
        answer = {
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
            answer["features"] = self._feature_list()
        if "server-time" in include:
            answer["serverTimeInfo"] = {"serverUtcTime": now_compact()}
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

    @staticmethod
    def _missing_property(name: str) -> Response:
        return error_response(
            400,
            "error.request.invalidRepresentation.missingProperty",
            f"The required property {name} is missing.",
            __type="urn:inin.com:common:missingPropertyError",
            propertyName=name,
        )

    @staticmethod
    def _invalid_property(name: str, message: str) -> Response:
        return error_response(
            400,
            "error.request.invalidRepresentation.invalidProperty",
            message,
            __type="urn:inin.com:common:invalidPropertyError",
            propertyName=name,
        )

    def _new_session(self, user: User, language: str, application: str, host: str) -> Session:
        while True:
            session_id = str(secrets.randbelow(2_147_483_647 - 1_000_000) + 1_000_000)
            if session_id not in self._sessions and session_id not in self._ended:
                break
        # Real tokens are opaque base64 of session facts; clients only echo them.
        raw = f"X{user.id}W{application}X{uuid.uuid4()}X{os.getpid()}".encode()
        session = Session(
            id=session_id,
            user=user,
            token=base64.b64encode(raw + secrets.token_bytes(8)).decode("ascii"),
            cookie=str(uuid.uuid4()),
            language=language,
            application=application,
            host=host,
            created=now_compact(),
        )
        self._sessions[session_id] = session
        return session

    def _end(self, session: Session, reason: str, should_reconnect: bool = False) -> None:
        session.ended, session.reason, session.should_reconnect = True, reason, should_reconnect
        session.station = None
        self._sessions.pop(session.id, None)
        self._notify(session)
        self._ended[session.id] = session
        while len(self._ended) > ENDED_SESSIONS_KEPT:
            self._ended.popitem(last=False)

    def _connection_state(self, request: Request, session: Session) -> Response:
        if session.ended:
            return json_response(
                200,
                {
                    "connectionState": 2,
                    "reason": session.reason,
                    "shouldReconnect": session.should_reconnect,
                },
            )
        return json_response(200, {"connectionState": 1, "shouldReconnect": False})

    def _logoff(self, request: Request, session: Session) -> Response:
        self._end(session, LOGOFF_REASON)
        return json_response(200)

    def _features(self, request: Request) -> Response:
        return json_response(200, {"featureInfoList": self._feature_list()})

    def _feature_list(self) -> list[dict]:
        return [
            {"featureId": name, "version": version}
            for name, version in self.scenario.features.items()
        ]

    def _feature(self, request: Request, feature_id: str) -> Response:
        version = self.scenario.features.get(feature_id)
        if version is None:
            return error_response(
                400,
                "error.request.connection.invalidFeatureId",  # [guess] errorId
                f"The feature {feature_id} is not valid.",
            )
        return json_response(200, {"featureId": feature_id, "version": version})

    def _server_info(self, request: Request) -> Response:
        return json_response(
            200,
            {
                "languages": self.scenario.languages,
                "acceptLanguage": request.headers.get("accept-language", "en-us"),
                "authentication": {"icAuthentication": True, "singleSignOn": False},
            },
        )

    # -- station ---------------------------------------------------------------------------

    def _get_station(self, request: Request, session: Session) -> Response:
        if session.station is None:
            return error_response(
                400, NO_STATION_ERROR_ID, "The session has no station connection."
            )
        return json_response(200, session.station)

    def _put_station(self, request: Request, session: Session) -> Response:
        body = self._json_body(request)
        if not isinstance(body, dict) or "__type" not in body:
            return self._missing_property("__type")
        kind = str(body["__type"]).rsplit(":", 1)[-1]
        setting = {
            "workstationSettings": 1,
            "remoteWorkstationSettings": 2,
            "remoteNumberSettings": 3,
        }
        station_id = body.get("workstation") or body.get("remoteNumber") or ""
        session.station = {
            "id": station_id,
            "extension": station_id,
            "stationSetting": setting.get(kind, 0),
        }
        return json_response(200)

    def _delete_station(self, request: Request, session: Session) -> Response:
        session.station = None
        return json_response(200)

    # -- messaging -------------------------------------------------------------------------

    def _messages(self, request: Request, session: Session) -> Response:
        wants_stream = "text/event-stream" in request.headers.get("accept", "").lower()
        if wants_stream and self.scenario.features.get("messaging", 0) >= 2:
            headers = [("Content-Type", "text/event-stream"), ("Cache-Control", NO_CACHE)]
            return Response(200, b"", headers, stream=session)
        messages = list(session.messages)
        session.messages.clear()
        return json_response(200, messages)

    def deliver(self, session: Session, message: dict) -> None:
        """Queue a message for a session and wake its event streams."""
        session.messages.append(message)
        self._notify(session)

    # -- subscriptions ---------------------------------------------------------------------

    def _watched_users(self, request: Request) -> tuple[set[str], list[User]] | None:
        """The ``userIds`` of a subscription body (lower-cased) and the known users among them."""
        body = self._json_body(request)
        ids = body.get("userIds") if isinstance(body, dict) else None
        if not isinstance(ids, list) or not all(isinstance(item, str) for item in ids):
            return None
        users = [user for user in map(self.scenario.user, ids) if user is not None]
        return {item.lower() for item in ids}, users

    def _subscribe_user_statuses(self, request: Request, session: Session) -> Response:
        watched = self._watched_users(request)
        if watched is None:
            return self._missing_property("userIds")
        session.status_subscription, users = watched
        # A new or replaced subscription starts with a full snapshot (isDelta false).
        self.deliver(
            session,
            {
                "__type": USER_STATUS_MESSAGE,
                "isDelta": False,
                "userStatusList": [self.user_status(user) for user in users],
            },
        )
        return json_response(200)

    def _unsubscribe_user_statuses(self, request: Request, session: Session) -> Response:
        session.status_subscription = None
        return json_response(204)

    def _subscribe_catalog(self, request: Request, session: Session) -> Response:
        session.catalog_subscription = True
        catalog = [self._localized(s, session.language) for s in self.scenario.statuses]
        self.deliver(
            session,
            {"__type": STATUS_MESSAGES_MESSAGE, "isDelta": False, "statusMessageList": catalog},
        )
        return json_response(200)

    def _unsubscribe_catalog(self, request: Request, session: Session) -> Response:
        session.catalog_subscription = False
        return json_response(204)

    def _subscribe_user_access(self, request: Request, session: Session) -> Response:
        watched = self._watched_users(request)
        if watched is None:
            return self._missing_property("userIds")
        session.access_subscription, users = watched
        self.deliver(
            session,
            {
                "__type": USER_ACCESS_MESSAGE,
                "isDelta": False,
                "userAccessList": [
                    {"userId": u.id, "statusMessages": self.allowed_statuses(u)} for u in users
                ],
            },
        )
        return json_response(200)

    def _unsubscribe_user_access(self, request: Request, session: Session) -> Response:
        session.access_subscription = None
        return json_response(204)

    # -- status ----------------------------------------------------------------------------

    def _localized(self, status: dict, language: str) -> dict:
        result = dict(status)
        text = status.get("messageText")
        if isinstance(text, dict):
            result["messageText"] = (
                text.get(language)
                or text.get(language.split("-")[0])
                or text.get("en-us")
                or status["statusId"]
            )
        return result

    def _status_messages(self, request: Request, session: Session) -> Response:
        return json_response(
            200,
            {
                "statusMessageList": [
                    self._localized(s, session.language) for s in self.scenario.statuses
                ]
            },
        )

    def allowed_statuses(self, user: User) -> list[str]:
        if user.allowed_statuses is not None:
            return list(user.allowed_statuses)
        return [s["statusId"] for s in self.scenario.statuses if s.get("isSelectableStatus", True)]

    def _user_access(self, request: Request, session: Session, user_id: str) -> Response:
        user = self.scenario.user(user_id)
        if user is None:
            return self._unknown_user(user_id)
        return json_response(
            200, {"userId": user.id, "statusMessages": self.allowed_statuses(user)}
        )

    @staticmethod
    def _unknown_user(user_id: str) -> Response:
        return error_response(404, "error.request.notFound", f"The user {user_id} was not found.")

    def user_status(self, user: User) -> dict:
        state = self._user_status[user.id.lower()]
        stations = [
            s.station["id"]
            for s in self._sessions.values()
            if s.user is user and s.station and s.station.get("id")
        ]
        body = {"userId": user.id, "statusId": state["statusId"]}
        if state["notes"]:
            body["notes"] = state["notes"]
        if state.get("forwardNumber"):
            body["forwardNumber"] = state["forwardNumber"]
        if state.get("until"):
            body["until"] = state["until"]
        body.update(
            statusChanged=state["statusChanged"],
            icServers=[self.scenario.ic_server] if stations else [],
            stations=stations,
            loggedIn=bool(stations),
            onPhone=state["onPhone"],
            onPhoneChanged=state["onPhoneChanged"],
        )
        return body

    def _get_user_status(self, request: Request, session: Session, user_id: str) -> Response:
        user = self.scenario.user(user_id)
        if user is None:
            return self._unknown_user(user_id)
        return json_response(200, self.user_status(user))

    def _put_user_status(self, request: Request, session: Session, user_id: str) -> Response:
        user = self.scenario.user(user_id)
        if user is None:
            return self._unknown_user(user_id)
        if user is not session.user and not session.user.may(RIGHT_TO_SET_OTHERS_STATUS):
            return error_response(
                403,
                "error.request.accessDenied",
                f"The user {session.user.id} does not have the right to change the status of {user.id}.",
            )
        body = self._json_body(request)
        if not isinstance(body, dict) or not isinstance(body.get("statusId"), str):
            return self._missing_property("statusId")
        request_id = str(next(self._request_ids))
        completion = {"__type": ASYNC_COMPLETED, "isDelta": False, "requestId": request_id}
        problem = self._status_problem(user, body["statusId"])
        if problem:
            completion["error"] = {"errorId": problem[0], "message": problem[1]}
        else:
            self.apply_status(
                user,
                body["statusId"],
                body.get("notes"),
                body.get("forwardNumber"),
                body.get("until"),
            )
        self.deliver(session, completion)
        return json_response(202, {"requestId": request_id})

    def _status_problem(self, user: User, status_id: str) -> tuple[str, str] | None:
        status = self._statuses.get(status_id.casefold())
        if status is None:
            return (
                "error.status.invalidStatus",
                f"The status {status_id} does not exist.",
            )  # [guess]
        allowed = {s.casefold() for s in self.allowed_statuses(user)}
        if not status.get("isSelectableStatus", True) or status_id.casefold() not in allowed:
            return (
                "error.status.notSelectable",  # [guess]
                f"The status {status['statusId']} cannot be selected by {user.id}.",
            )
        return None

    def apply_status(self, user, status_id, notes=None, forward_number=None, until=None) -> dict:
        """Change a user's status (as any client would) and return the new status body."""
        status = self._statuses.get(status_id.casefold())
        state = self._user_status[user.id.lower()]
        state["statusId"] = status["statusId"] if status else status_id
        state["notes"] = notes or ""
        state["forwardNumber"] = forward_number
        state["until"] = until
        state["statusChanged"] = now_compact()
        body = self.user_status(user)
        delta = {"__type": USER_STATUS_MESSAGE, "isDelta": True, "userStatusList": [body]}
        for session in self._sessions.values():
            if session.status_subscription and user.id.lower() in session.status_subscription:
                self.deliver(session, dict(delta))
        return body

    @staticmethod
    def _json_body(request: Request) -> Any:
        try:
            return json.loads(request.body) if request.body else None
        except ValueError:
            return None

    # -- control, for tests and keywords (thread-safe) -------------------------------------

    def sessions(self) -> list[dict]:
        with self._lock:
            for session in list(self._sessions.values()):
                self._expire_if_idle(session)
            return [session.describe() for session in self._sessions.values()]

    def disconnect_user(self, user_id: str, reason: str) -> int:
        """End every live session of a user on the server side; returns how many."""
        with self._lock:
            ended = [s for s in self._sessions.values() if s.user.id.lower() == user_id.lower()]
            for session in ended:
                self.deliver(
                    session,
                    {
                        "__type": CONNECTION_STATE_CHANGED,
                        "isDelta": True,
                        "previousConnectionState": 1,
                        "newConnectionState": 2,
                        "reason": reason,
                        "shouldReconnect": False,
                    },
                )
                self._end(session, reason)
            return len(ended)

    def check_status_change(self, user_id: str, status_id: str) -> User:
        """The user, if both user and status exist; KeyError naming what is missing."""
        user = self.scenario.user(user_id)
        if user is None:
            raise KeyError(f"The scenario has no user {user_id!r}.")
        if status_id.casefold() not in self._statuses:
            known = ", ".join(s["statusId"] for s in self.scenario.statuses)
            raise KeyError(f"The scenario has no status {status_id!r}; known: {known}.")
        return user

    def set_user_status(self, user_id: str, status_id: str, notes: str | None = None) -> dict:
        with self._lock:
            return self.apply_status(self.check_status_change(user_id, status_id), status_id, notes)

    def end_session_of(self, path: str, reason: str) -> None:
        """End the session a request path names, if it is live (fault injection)."""
        match = re.match(r"^/icws/(\d+)", path)
        with self._lock:
            session = self._sessions.get(match.group(1)) if match else None
            if session is not None:
                self._end(session, reason)

    def set_host_accepting(self, address: str, accepting: bool, alternate_hosts=None) -> None:
        with self._lock:
            for host in self.scenario.hosts:
                if host.address == address:
                    host.accepting = accepting
                    if alternate_hosts is not None:
                        host.alternate_hosts = list(alternate_hosts)
                    return
            raise KeyError(f"The scenario has no host {address!r}.")
