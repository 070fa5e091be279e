"""One ICWS session: logon, credentials, calls, the connection resource and logoff.

Usable without Robot Framework::

    from ICWSLibrary.client import ICWSSession

    with ICWSSession("http://cic1:8018") as icws:
        icws.connect("agent1", "secret")
        print(icws.call("GET", f"/status/user-statuses/{icws.user_id}"))

The session composes the pieces: :class:`~.transport.Transport` sends, :mod:`.server`
logs on with switchover, :class:`~.channel.MessageChannel` receives messages and
:class:`~.status.StatusAPI` speaks the status feature.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import requests

from ..protocol.errors import CONNECTION_DOWN
from ..protocol.http import CSRF_HEADER, SESSION_ID_HEADER, format_session_cookie
from ..protocol.http import session_cookie_value as cookie_of
from ..protocol.messages import CONNECTION_STATE_CHANGED
from .activations import ActivationAPI
from .address import ServerAddress
from .callbacks import CallbackAPI
from .channel import MessageChannel
from .chats import ChatAPI
from .conferences import ConferenceAPI
from .configuration import ConfigurationAPI
from .connection import ConnectionState, ConnectionStatus, EndedSession
from .consults import ConsultAPI
from .directory import DirectoryAPI
from .errors import (
    ICWSError,
    answer_details,
    answer_error,
    describe_expected,
    error_body,
    not_json,
    parse_body,
    path_of,
    status_expected,
)
from .interactions import InteractionAPI
from .licenses import LicenseAPI
from .logons import LogonAPI
from .messaging import MessageQueue, Predicate
from .recordings import RecordingAPI
from .redact import HiddenStr
from .server import DEFAULT_INCLUDE, DEFAULT_MAX_HOPS, feature_map, log_on
from .station import StationAPI
from .statistics import StatisticsAPI
from .status import StatusAPI
from .transport import DEFAULT_GET_RETRIES, MAX_RESPONSE_BYTES, Transport, origin_of
from .workforce import WorkforceAPI

log = logging.getLogger("ICWSLibrary.client")

__all__ = ["ConnectionState", "ConnectionStatus", "EndedSession", "ICWSSession"]


class ICWSSession:
    """A logged-on (or about to be) ICWS session against one CIC server.

    Keeps the session id, CSRF token and session cookie, adds them to every request for
    the session's own server, and sends the cookie itself whatever the URL prefix,
    because behind a reverse proxy its ``Path=/icws/<id>`` no longer matches (PROTOCOL
    section 8).
    """

    def __init__(
        self,
        server: str | ServerAddress,
        *,
        language: str = "en-us",
        application_name: str = "Robot Framework ICWSLibrary",
        timeout: float = 10.0,
        verify: bool | str = True,
        max_hops: int = DEFAULT_MAX_HOPS,
        messaging: str = "auto",
        connect_timeout: float | None = None,
        auto_reconnect: bool = False,
        get_retries: int = DEFAULT_GET_RETRIES,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        poll_interval: float | None = None,
    ):
        self.address = server if isinstance(server, ServerAddress) else ServerAddress.parse(server)
        self.initial_address = self.address
        self.language = language
        self.application_name = application_name
        self.transport = Transport(
            self.address.icws_root,
            language=language,
            timeout=timeout,
            connect_timeout=connect_timeout,
            verify=verify,
            get_retries=get_retries,
            max_response_bytes=max_response_bytes,
        )
        self.auto_reconnect = auto_reconnect
        self.reconnects = 0
        self._credentials: tuple[str, str] | None = None
        self.max_hops = max_hops
        self.session_id: str | None = None
        self.user_id: str | None = None
        self.logon_info: dict[str, Any] = {}
        self.connected = False
        self.ended_reason: str | None = None
        self._features: dict[str, int] | None = None
        self._version: dict[str, str] | None = None
        self._recorder = None
        # Called with (this session, messages) as messages arrive, before any handler:
        # the library's timeline listens here.
        self.observers: list[Callable[[ICWSSession, list[dict]], None]] = []
        self.messages = MessageQueue()
        self.channel = self._new_channel(messaging, poll_interval)
        self.status = StatusAPI(self, self.channel)
        self.station = StationAPI(self)
        self.licenses = LicenseAPI(self)
        self.activations = ActivationAPI(self)
        self.configuration = ConfigurationAPI(self)
        self._start_session_apis()

    def _start_session_apis(self) -> None:
        """The APIs that keep what one server session watches or started (queue views,
        statistics, chats, consults, ...): made anew for each session."""
        self.interactions = InteractionAPI(self, self.channel)
        self.statistics = StatisticsAPI(self, self.channel)
        self.chats = ChatAPI(self, self.channel)
        self.callbacks = CallbackAPI(self, self.channel)
        self.consults = ConsultAPI(self)
        self.conferences = ConferenceAPI(self)
        self.recordings = RecordingAPI(self)
        self.directory = DirectoryAPI(self)
        self.logons = LogonAPI(self, self.channel)
        self.workforce = WorkforceAPI(self, self.channel)

    def _new_channel(self, messaging, poll_interval) -> MessageChannel:
        channel = MessageChannel(self, messaging, poll_interval=poll_interval)
        channel.on(CONNECTION_STATE_CHANGED, self._connection_changed)
        return channel

    def _connection_changed(self, message: dict) -> None:
        if message.get("newConnectionState") == CONNECTION_DOWN:
            self.mark_down(
                f"disconnected by the server: {message.get('reason') or 'no reason given'}"
            )

    # -- settings and plumbing -------------------------------------------------------------

    @property
    def timeout(self) -> float:
        return self.transport.timeout

    @property
    def connect_timeout(self) -> float:
        return self.transport.connect_timeout

    @property
    def secrets(self):
        """Every secret this session knows; masked in every message it writes."""
        return self.transport.secrets

    @property
    def http(self) -> requests.Session:
        """The underlying ``requests.Session``, carrying the session's credentials."""
        return self.transport.http

    @property
    def recorder(self):
        """The ``ICWSLibrary.recording.Recorder`` this session records into, if any."""
        return self._recorder

    @recorder.setter
    def recorder(self, recorder) -> None:
        self._recorder = recorder
        if recorder is not None:
            self.transport.observe(recorder)

    @property
    def session_root(self) -> str:
        if self.session_id is None:
            raise ICWSError(f"No ICWS session on {self.address}: connect first.")
        return f"{self.address.icws_root}/{self.session_id}"

    def url_for(self, path: str) -> str:
        """The absolute URL of an ICWS path.

        ``/icws/...`` paths are taken as they are (``{sessionId}`` is filled in); any
        other path is relative to the session, e.g. ``/status/status-messages``.
        """
        path = str(path).strip()
        # A URL in the query (?callback=http://...) is data, not a server.
        if "://" in path.split("?", 1)[0]:
            raise ICWSError(
                f"Give an ICWS path such as /status/status-messages, not a URL: {path!r}. "
                "The server is chosen when connecting."
            )
        if not path.startswith("/"):
            path = "/" + path
        if path.lower().startswith("/icws/") or path.lower() == "/icws":
            if "{sessionId}" in path:
                path = path.replace("{sessionId}", self.session_root.rsplit("/", 1)[1])
            return self.address.base_url + path
        return self.session_root + path

    def send(self, method: str, url: str, body: Any = None, **options) -> requests.Response:
        """Send one request (see :meth:`Transport.send`)."""
        return self.transport.send(method, url, body, **options)

    # -- calls -----------------------------------------------------------------------------

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        params: dict | None = None,
        headers: dict | None = None,
        expected_status: Any = None,
    ) -> Any:
        """Send a request to an ICWS path and return its parsed JSON body (``None`` if empty).

        Fails with :class:`ICWSError` unless the status is 2xx, or is ``expected_status``
        (an int, a list of ints, or ``"any"``).
        """
        url = self.url_for(path)
        response = self.send(method, url, body, params=params, headers=headers)
        if (
            response.status_code == 401
            and self.auto_reconnect
            and self._credentials is not None
            and not status_expected(401, expected_status)
            and url.startswith(self.session_root)
        ):
            self._reconnect(error_body(response).get("message") or "HTTP 401")
            response = self.send(method, self.url_for(path), body, params=params, headers=headers)
        if not status_expected(response.status_code, expected_status):
            raise self.error_for(response, expected=describe_expected(expected_status))
        return self.parse_body(response)

    def call_object(self, method: str, path: str, body: Any = None, *, what: str) -> dict:
        """Like :meth:`call`, for answers that must be a JSON object (``what`` names it)."""
        url = self.url_for(path)
        result = self.call(method, path, body)
        if not isinstance(result, dict):
            shown = (
                "an empty body" if result is None else f"{type(result).__name__} {result!r:.100}"
            )
            raise ICWSError(
                self.secrets.mask(
                    f"{method.upper()} {path_of(url)} on {self.address} answered {shown} where "
                    f"{what} was expected."
                ),
                method=method.upper(),
                url=url,
            )
        return result

    def parse_body(self, response: requests.Response) -> Any:
        """The JSON body of a response; a clear :class:`ICWSError` when it is not JSON."""
        return parse_body(response, str(self.address), self.secrets.mask)

    def error_for(self, response: requests.Response, *, expected: str = "2xx") -> ICWSError:
        """Turn an unwanted ICWS response into an :class:`ICWSError` that says it all.

        A 401 on this session's own paths means the server no longer accepts it: the
        session is marked down, and the message says to connect again.
        """
        where = str(self.address)
        if response.status_code == 401 and self.session_id is not None:
            server_message = error_body(response).get("message")
            self.mark_down(f"no longer accepted by the server ({server_message or 'HTTP 401'})")
            request = response.request
            return answer_error(
                response,
                where,
                mask=self.secrets.mask,
                message=(
                    f"ICWS session {self.session_id} of user '{self.user_id}' on {where} has "
                    f"expired or was disconnected: {request.method} {request.path_url} on "
                    f"{where} answered {answer_details(response, where)}. Connect To ICWS "
                    "again to start a new session."
                ),
            )
        return answer_error(response, where, expected=expected, mask=self.secrets.mask)

    # -- logon and logoff ------------------------------------------------------------------

    def connect(self, user: str, password: str, *, include=DEFAULT_INCLUDE) -> str:
        """Log on with user and password; follow 503 switchovers; return the session id."""
        if self.connected:
            raise ICWSError(f"Session {self.session_id} is already connected to {self.address}.")
        self.secrets.add(password)
        answer = log_on(
            self.transport,
            self.address,
            user,
            password,
            self.application_name,
            include=include,
            max_hops=self.max_hops,
        )
        self.address = answer.address
        self._accept_logon(answer.response, user)
        if self.auto_reconnect:
            self._credentials = (user, password)
        return self.session_id

    def _accept_logon(self, response: requests.Response, user: str) -> None:
        info = self.parse_body(response)
        if not isinstance(info, dict):
            raise not_json(response, "a logon answer that is not a JSON object", str(self.address))
        session_id = str(info.get("sessionId") or response.headers.get(SESSION_ID_HEADER, ""))
        token = info.get("csrfToken") or response.headers.get(CSRF_HEADER)
        if not session_id or not token:
            raise ICWSError(
                f"Logon to {self.address} answered {response.status_code} without a session id "
                "or CSRF token; is this an ICWS server?",
                status=response.status_code,
            )
        if not session_id.isdigit() or len(session_id) > 20:
            # It goes into every path: '../x' would leave /icws on the server.
            raise ICWSError(
                f"Logon to {self.address} answered a session id that is not a number "
                f"({session_id[:40]!r}); is this an ICWS server?",
                status=response.status_code,
            )
        cookie = cookie_of(response.headers.get("Set-Cookie", ""), session_id)
        self.secrets.add(str(token))
        self.secrets.add(cookie)
        self.session_id = session_id
        self.user_id = info.get("userID") or user
        self.logon_info = {key: value for key, value in info.items() if key != "csrfToken"}
        headers = {CSRF_HEADER: HiddenStr(token)}
        if cookie is not None:
            headers["Cookie"] = HiddenStr(format_session_cookie(session_id, cookie))
        self.http.credentials.origin = origin_of(self.address.base_url).lower()
        self.http.credentials.headers = headers
        if "features" in info:
            self._features = feature_map(info["features"])
        if isinstance(info.get("version"), dict):
            self._version = info["version"]
        self.connected = True
        self.ended_reason = None

    def _reconnect(self, reason: str) -> None:
        """Log on again once with the same credentials (``auto_reconnect``)."""
        user, password = self._credentials
        log.info(
            "ICWS session %s was lost (%s); logging on again as %s", self.session_id, reason, user
        )
        self.channel.stop()
        self.channel = self._new_channel(self.channel.requested_mode, self.channel.poll_interval)
        self.status.attach(self.channel)
        # The new session starts without subscriptions: queue views, statistics, chats
        # and callbacks are watched anew.
        self._start_session_apis()
        self.connected = False
        self.address = self.initial_address
        self.connect(user, password)
        self.reconnects += 1
        if self.status.subscribed:
            self.status.subscribe([])  # the new session starts without subscriptions

    def disconnect(self) -> bool:
        """Log off. Returns False when the server had already ended the session."""
        if self.session_id is None or not self.connected:
            return False
        response = self.send("DELETE", f"{self.session_root}/connection")
        self.connected = False
        self.channel.stop()
        if response.status_code in (401, 404):
            self.ended_reason = "the server had already ended the session"
            return False
        if response.status_code >= 300:
            self.connected = True
            raise self.error_for(response)
        self.ended_reason = "logged off by this client"
        return True

    def close(self) -> None:
        self.channel.stop()
        self.http.close()

    def ended(self) -> EndedSession:
        """The small record that may replace this session once it is no longer connected."""
        kept = ("userDisplayName", "icServer", "alternateHostList")
        return EndedSession(
            session_id=self.session_id,
            user_id=self.user_id,
            address=self.address,
            initial_address=self.initial_address,
            application_name=self.application_name,
            ended_reason=self.ended_reason,
            logon_info={key: self.logon_info[key] for key in kept if key in self.logon_info},
        )

    def __enter__(self) -> ICWSSession:
        return self

    def __exit__(self, *exc_info) -> None:
        try:
            self.disconnect()
        finally:
            self.close()

    def __repr__(self) -> str:
        state = "connected" if self.connected else "not connected"
        return (
            f"<ICWSSession {self.session_id or '-'} user={self.user_id!r} {self.address} {state}>"
        )

    # -- connection resource ---------------------------------------------------------------

    def connection_state(self) -> ConnectionStatus:
        """Ask the server for the state of this (or the previous) connection."""
        if self.session_id is None:
            return ConnectionStatus(ConnectionState.NONE)
        response = self.send("GET", f"{self.session_root}/connection")
        if response.status_code == 401:
            # Servers that forget ended sessions answer 401 instead of 'down'.
            self.connected = False
            reason = (
                error_body(response).get("message")
                or self.ended_reason
                or "session no longer valid"
            )
            return ConnectionStatus(ConnectionState.DOWN, reason, None)
        if response.status_code != 200:
            raise self.error_for(response)
        body = self.parse_body(response) or {}
        try:
            state = ConnectionState(int(body.get("connectionState")))
        except (TypeError, ValueError):
            raise not_json(response, "no valid connectionState", str(self.address)) from None
        if state is not ConnectionState.UP:
            self.connected = False
        return ConnectionStatus(state, body.get("reason"), body.get("shouldReconnect"))

    def features(self) -> dict[str, int]:
        """Feature versions by featureId; cached from the logon answer when it had them."""
        if self._features is None:
            body = self.call_object("GET", "/icws/connection/features", what="a feature list")
            self._features = feature_map(body.get("featureInfoList", []))
        return self._features

    def server_version(self) -> dict[str, str]:
        """The ``/icws/connection/version`` body; cached from the logon answer when it had it."""
        if self._version is None:
            self._version = self.call_object("GET", "/icws/connection/version", what="a version")
        return self._version

    def server_time(self) -> str:
        """The server's UTC time as ICWS writes it (one request each time)."""
        body = self.call_object("GET", "/icws/connection/server-time", what="the server time")
        value = body.get("serverUtcTime")
        if not value:
            raise ICWSError(f"{self.address} answered server-time without serverUtcTime: {body}")
        return value

    # -- messaging -------------------------------------------------------------------------

    def wait_for_message(self, predicate: Predicate, timeout: float) -> dict | None:
        """Take the first arrived message that matches, waiting up to ``timeout`` seconds."""
        return self.channel.wait_for(predicate, timeout)

    def mark_down(self, reason: str) -> None:
        """Record that the server ended the session; the next use fails with the reason."""
        if self.connected:
            self.connected = False
            self.ended_reason = reason
        self.messages.wake()
