"""One ICWS session over ``requests``: logon with switchover, credentials, error mapping.

Usable without Robot Framework::

    from ICWSLibrary.client import ICWSSession

    with ICWSSession("http://cic1:8018") as icws:
        icws.connect("agent1", "secret")
        print(icws.call("GET", f"/status/user-statuses/{icws.user_id}"))
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import time
from dataclasses import dataclass
from enum import Enum
from http.cookiejar import DefaultCookiePolicy
from typing import Any

import requests
from requests.utils import get_environ_proxies

from .address import ServerAddress
from .channel import MessageChannel
from .errors import ICWSError
from .messaging import MessageQueue, Predicate
from .redact import HiddenStr, SecretValues, mask_query, redact_headers, redact_json
from .status import StatusAPI
from .transport import (
    MAX_RESPONSE_BYTES,
    ICWSHTTPSession,
    origin_of,
    parse_timeout,
    parse_verify,
    read_body,
    resolve_ca,
)

log = logging.getLogger("ICWSLibrary.client")

IC_AUTH_TYPE = "urn:inin.com:connection:icAuthConnectionRequestSettings"
DEFAULT_INCLUDE = ("features", "version")
# Real clients cap switchover hops at 5 to 10; a longer chain is a misconfigured pair.
DEFAULT_MAX_HOPS = 8
# A GET reads and changes nothing, so a dropped connection may be retried; other methods
# never are, because the server may have acted before the connection broke.
DEFAULT_GET_RETRIES = 2
RETRY_PAUSE = 0.1
_SESSION_COOKIE = re.compile(r"icws_(\d+)=([^;,\s]*)", re.IGNORECASE)
_ANY_STATUS = ("any", "anything", "*")


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


class ICWSSession:
    """A logged-on (or about to be) ICWS session against one CIC server.

    Keeps the session id, CSRF token and session cookie, adds them to every session
    request, and sends the cookie itself whatever the URL prefix, because behind a
    reverse proxy its ``Path=/icws/<id>`` no longer matches (PROTOCOL section 8).
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
        self.timeout = parse_timeout(timeout)
        self.connect_timeout = (
            self.timeout
            if connect_timeout is None
            else parse_timeout(connect_timeout, "connect_timeout")
        )
        self.max_response_bytes = max_response_bytes
        # Everything secret this session knows; masked in every message it writes.
        self.secrets = SecretValues()
        self.auto_reconnect = auto_reconnect
        self.get_retries = get_retries
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
        self._http = self._new_http_session(verify)
        self.messages = MessageQueue()
        self._recorder = None
        self.channel = MessageChannel(self, messaging, poll_interval=poll_interval)
        self.status = StatusAPI(self)

    # -- plumbing --------------------------------------------------------------------------

    def _new_http_session(self, verify: bool | str) -> ICWSHTTPSession:
        http = ICWSHTTPSession()
        # Reading proxy settings from the environment costs ~0.4 ms per request; resolve
        # them once here and stop requests from scanning again.
        http.proxies.update(get_environ_proxies(self.address.icws_root))
        http.verify = resolve_ca(parse_verify(verify))
        http.trust_env = False
        # The session cookie is sent by hand (see class doc); a cookie jar would add a
        # second copy on matching paths and keep stale cookies after a switchover.
        http.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
        http.headers.update(
            {
                "Accept": "application/vnd.inin.icws+json, application/json",
                "Accept-Language": self.language,
                "Content-Type": "application/vnd.inin.icws+json; charset=utf-8",
            }
        )
        return http

    @property
    def recorder(self):
        """The ``ICWSLibrary.recording.Recorder`` this session records into, if any."""
        return self._recorder

    @recorder.setter
    def recorder(self, recorder) -> None:
        self._recorder = recorder
        if recorder is not None:
            # A response hook also records what others send with this requests.Session
            # (RequestsLibrary, after Get ICWS Requests Session).
            self._http.hooks["response"].append(self._record)

    def _record(self, response: requests.Response, stream: bool = False, **_) -> None:
        if stream:
            return  # send() records its own answers once their bounded body is read
        self._record_answer(response)

    def _record_answer(self, response: requests.Response) -> None:
        request = response.request
        body = request.body
        if isinstance(body, bytes):
            body = body.decode("utf-8", "replace")
        with contextlib.suppress(ValueError):
            body = json.loads(body) if body else None
        self._recorder.exchange(request, response, body)

    @property
    def http(self) -> requests.Session:
        """The underlying ``requests.Session``, carrying the session's credentials."""
        return self._http

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
        if "://" in path:
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

    def send(
        self,
        method: str,
        url: str,
        body: Any = None,
        *,
        params: dict | None = None,
        timeout: float | None = None,
    ) -> requests.Response:
        """Send one request; transport failures become :class:`ICWSError`."""
        method = str(method).strip().upper()
        if not re.fullmatch(r"[A-Z]+", method):
            raise ICWSError(f"The HTTP method must be a word such as GET or PUT, not {method!r}.")
        data = None if body is None else json.dumps(body).encode("utf-8")
        retries = self.get_retries if method == "GET" else 0
        timeout = self.timeout if timeout is None else timeout
        for attempt in range(retries + 1):
            started = time.perf_counter()
            # The whole request, connecting included, ends by the deadline.
            deadline = time.monotonic() + max(timeout, self.connect_timeout)
            if self._recorder is not None:
                self._recorder.begin()
            try:
                response = self._http.request(
                    method,
                    url,
                    data=data,
                    params=params,
                    timeout=(self.connect_timeout, timeout),
                    allow_redirects=False,
                    stream=True,
                )
                read_body(response, deadline, timeout, self.max_response_bytes)
                break
            except TimeoutError:
                if self._recorder is not None:
                    self._recorder.abort()
                # Not retried: the server answered, only too slowly.
                raise ICWSError(
                    f"{origin_of(url) or url} did not finish answering {method} {_path_of(url)} "
                    f"within {max(timeout, self.connect_timeout):g} s (the request timeout); "
                    "the answer arrived too slowly.",
                    method=method,
                    url=url,
                ) from None
            except OverflowError as error:
                if self._recorder is not None:
                    self._recorder.abort()
                raise ICWSError(
                    f"{method} {_path_of(url)} on {origin_of(url)} answered a body that {error}; "
                    f"the limit is {self.max_response_bytes:,} bytes (max_response_bytes).",
                    method=method,
                    url=url,
                ) from None
            except requests.ConnectionError as error:
                if self._recorder is not None:
                    self._recorder.abort()
                # A read timeout is not retried: the server is slow, not gone.
                retryable = not isinstance(error, requests.ReadTimeout)
                if attempt < retries and retryable:
                    log.debug("retrying %s %s after %s", method, url, error)
                    time.sleep(RETRY_PAUSE * (attempt + 1))
                    continue
                raise self._transport_error(error, method, url) from None
            except requests.RequestException as error:
                if self._recorder is not None:
                    self._recorder.abort()
                raise self._transport_error(error, method, url) from None
        if self._recorder is not None:
            self._record_answer(response)
        if log.isEnabledFor(logging.DEBUG):
            self._log_exchange(response, body, time.perf_counter() - started)
        return response

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        params: dict | None = None,
        expected_status: Any = None,
    ) -> Any:
        """Send a request to an ICWS path and return its parsed JSON body (``None`` if empty).

        Fails with :class:`ICWSError` unless the status is 2xx, or is ``expected_status``
        (an int, a list of ints, or ``"any"``).
        """
        url = self.url_for(path)
        response = self.send(method, url, body, params=params)
        if (
            response.status_code == 401
            and self.auto_reconnect
            and self._credentials is not None
            and not _status_expected(401, expected_status)
            and url.startswith(self.session_root)
        ):
            reason = _error_body(response).get("message") or "HTTP 401"
            self._reconnect(reason)
            response = self.send(method, self.url_for(path), body, params=params)
        if not _status_expected(response.status_code, expected_status):
            raise self.error_for(response, expected=_describe_expected(expected_status))
        return self.parse_body(response)

    def call_object(self, method: str, path: str, body: Any = None, *, what: str) -> dict:
        """Like :meth:`call`, for answers that must be a JSON object (``what`` names it)."""
        url = self.url_for(path)
        result = self.call(method, path, body)
        if not isinstance(result, dict):
            shown = (
                "an empty body" if result is None else f"{type(result).__name__} {result!r:.100}"
            )
            raise self._error(
                f"{method.upper()} {_path_of(url)} on {self.address} answered {shown} where "
                f"{what} was expected.",
                method=method.upper(),
                url=url,
            )
        return result

    def parse_body(self, response: requests.Response) -> Any:
        """The JSON body of a response; a clear :class:`ICWSError` when it is not JSON."""
        content = response.content
        if not content or not content.strip():
            return None
        content_type = response.headers.get("Content-Type", "")
        if "json" not in content_type.lower() and content.lstrip()[:1] not in (b"{", b"["):
            raise self._not_json(response, f"a {content_type or 'untyped'} body, not ICWS JSON")
        try:
            return json.loads(content)
        except ValueError as error:
            raise self._not_json(response, f"a body that is not valid JSON ({error})") from None

    # -- errors ----------------------------------------------------------------------------

    def _where(self, response: requests.Response) -> str:
        request = response.request
        path = request.path_url if request is not None else "?"
        method = request.method if request is not None else "?"
        return f"{method} {path} on {self.address}"

    def _error(self, message: str, **fields) -> ICWSError:
        """An :class:`ICWSError` with every secret this session knows masked.

        A server or a proxy may echo a password or token in an error body; what it said
        still reaches the report, without the secret.
        """
        if fields.get("server_message"):
            fields["server_message"] = self.secrets.mask(fields["server_message"])
        return ICWSError(self.secrets.mask(message), **fields)

    def _not_json(self, response: requests.Response, what: str) -> ICWSError:
        return self._error(
            f"{self._where(response)} answered {response.status_code} with {what}: "
            f"{_snippet(response)}. Is a proxy or another service answering at {self.address}?",
            status=response.status_code,
            method=response.request.method if response.request else None,
            url=response.url,
        )

    def error_for(self, response: requests.Response, *, expected: str = "2xx") -> ICWSError:
        """Turn an unwanted ICWS response into an :class:`ICWSError` that says it all."""
        status = response.status_code
        body = _error_body(response)
        error_id, error_code, server_message = (
            body.get("errorId"),
            body.get("errorCode"),
            body.get("message"),
        )
        details = _describe_error(status, response.reason, error_id, error_code, server_message)
        if not body and response.content.strip():
            details += f", body: {_snippet(response)}"
        if status == 401 and self.session_id is not None:
            self.mark_down(f"no longer accepted by the server ({server_message or 'HTTP 401'})")
            message = (
                f"ICWS session {self.session_id} of user '{self.user_id}' on {self.address} "
                f"has expired or was disconnected: {self._where(response)} answered {details}. "
                "Connect To ICWS again to start a new session."
            )
        else:
            message = f"{self._where(response)} answered {details}; expected {expected}."
        return self._error(
            message,
            status=status,
            error_id=error_id,
            error_code=error_code,
            server_message=server_message,
            method=response.request.method if response.request else None,
            url=response.url,
        )

    def _transport_error(self, error: Exception, method: str, url: str) -> ICWSError:
        where = f"{method} {_path_of(url)}"
        server = _origin_of(url)
        timeout = self.timeout
        if isinstance(error, requests.exceptions.SSLError):
            message = (
                f"TLS certificate of {server} could not be verified ({_root_cause(error)}). "
                "Give the server's CA bundle with verify=/path/to/ca.pem, or verify=False to "
                "skip verification."
            )
        elif isinstance(error, requests.exceptions.ConnectTimeout):
            message = (
                f"Could not connect to {server} within {self.connect_timeout:g} s "
                "(connect timeout)."
            )
        elif isinstance(error, requests.exceptions.ReadTimeout):
            message = f"{server} did not answer {where} within {timeout:g} s (read timeout)."
        elif isinstance(error, requests.exceptions.ConnectionError):
            message = f"Could not reach {server} for {where}: {_root_cause(error)}."
        else:
            message = f"{where} on {server} failed: {_root_cause(error)}."
        return self._error(message, method=method, url=url)

    # -- logon and logoff ------------------------------------------------------------------

    def connect(self, user: str, password: str, *, include=DEFAULT_INCLUDE) -> str:
        """Log on with user and password; follow 503 switchovers; return the session id."""
        if self.connected:
            raise ICWSError(f"Session {self.session_id} is already connected to {self.address}.")
        body = {
            "__type": IC_AUTH_TYPE,
            "applicationName": self.application_name,
            "userID": user,
            "password": password,
        }
        self.secrets.add(password)
        params = {"include": ",".join(include)} if include else None
        queue, tried, refusals = [self.address], set(), []
        while queue:
            address = queue.pop(0)
            tried.add(address.host.lower())
            if len(tried) > self.max_hops + 1:
                refusals.append(f"stopped after {self.max_hops} switchover hops")
                break
            try:
                response = self.send("POST", f"{address.icws_root}/connection", body, params=params)
            except ICWSError as error:
                if address is self.address:
                    raise
                refusals.append(f"{address}: {error}")
                continue
            if response.status_code in (200, 201):
                self.address = address
                self._accept_logon(response, user)
                if self.auto_reconnect:
                    self._credentials = (user, password)
                return self.session_id
            if response.status_code != 503:
                self.address = address
                raise self._logon_error(response, user)
            error = _error_body(response)
            alternates = [str(host) for host in error.get("alternateHostList") or []]
            refusals.append(
                f"{address}: 503 {error.get('errorId', '')} {error.get('message', '')}".rstrip()
                + (f" (alternates {', '.join(alternates)})" if alternates else "")
            )
            queued = {candidate.host.lower() for candidate in queue}
            for host in alternates:
                if host.lower() not in tried and host.lower() not in queued:
                    queue.append(address.with_host(host))
                    queued.add(host.lower())
        raise self._error(
            f"No CIC server accepted the logon of user '{user}' starting from "
            f"{self.initial_address}: " + "; ".join(refusals) + ".",
            status=503,
        )

    def _logon_error(self, response: requests.Response, user: str) -> ICWSError:
        error = self.error_for(response)
        message = f"Logon of user '{user}' to {self.address} failed: " + _describe_error(
            response.status_code,
            response.reason,
            error.error_id,
            error.error_code,
            error.server_message,
        )
        if not error.error_id and not error.server_message:
            message += f", body: {_snippet(response)}"
        return self._error(
            message + ".",
            status=error.status,
            error_id=error.error_id,
            error_code=error.error_code,
            server_message=error.server_message,
            method="POST",
            url=response.url,
        )

    def _accept_logon(self, response: requests.Response, user: str) -> None:
        info = self.parse_body(response)
        if not isinstance(info, dict):
            raise self._not_json(response, "a logon answer that is not a JSON object")
        session_id = str(info.get("sessionId") or response.headers.get("ININ-ICWS-Session-ID", ""))
        token = info.get("csrfToken") or response.headers.get("ININ-ICWS-CSRF-Token")
        if not session_id or not token:
            raise self._error(
                f"Logon to {self.address} answered {response.status_code} without a session id "
                "or CSRF token; is this an ICWS server?",
                status=response.status_code,
            )
        if not session_id.isdigit() or len(session_id) > 20:
            # It goes into every path: '../x' would leave /icws on the server.
            raise self._error(
                f"Logon to {self.address} answered a session id that is not a number "
                f"({session_id[:40]!r}); is this an ICWS server?",
                status=response.status_code,
            )
        cookie = None
        for name_id, value in _SESSION_COOKIE.findall(response.headers.get("Set-Cookie", "")):
            if name_id == session_id:
                cookie = value
        self.secrets.add(str(token))
        self.secrets.add(cookie)
        self.session_id = session_id
        self.user_id = info.get("userID") or user
        self.logon_info = {key: value for key, value in info.items() if key != "csrfToken"}
        headers = {"ININ-ICWS-CSRF-Token": HiddenStr(token)}
        if cookie is not None:
            headers["Cookie"] = HiddenStr(f"icws_{session_id}={cookie}")
        self._http.credentials.origin = origin_of(self.address.base_url)
        self._http.credentials.headers = headers
        if "features" in info:
            self._features = _feature_map(info["features"])
        if isinstance(info.get("version"), dict):
            self._version = info["version"]
        self.connected = True
        self.ended_reason = None

    def _reconnect(self, reason: str) -> None:
        """Log on again once with the same credentials (``auto_reconnect``)."""
        user, password = self._credentials
        old = self.session_id
        log.info("ICWS session %s was lost (%s); logging on again as %s", old, reason, user)
        self.channel.stop()
        self.channel = MessageChannel(self, self.channel.requested_mode)
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
        self._http.close()

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
            error = _error_body(response)
            reason = error.get("message") or self.ended_reason or "session no longer valid"
            return ConnectionStatus(ConnectionState.DOWN, reason, None)
        if response.status_code != 200:
            raise self.error_for(response)
        body = self.parse_body(response) or {}
        try:
            state = ConnectionState(int(body.get("connectionState")))
        except (TypeError, ValueError):
            raise self._not_json(response, "no valid connectionState") from None
        if state is not ConnectionState.UP:
            self.connected = False
        return ConnectionStatus(state, body.get("reason"), body.get("shouldReconnect"))

    def features(self) -> dict[str, int]:
        """Feature versions by featureId; cached from the logon answer when it had them."""
        if self._features is None:
            body = self.call_object("GET", "/icws/connection/features", what="a feature list")
            self._features = _feature_map(body.get("featureInfoList", []))
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
            raise self._error(f"{self.address} answered server-time without serverUtcTime: {body}")
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

    def _log_exchange(self, response: requests.Response, body: Any, elapsed: float) -> None:
        request = response.request
        try:
            response_body = redact_json(json.loads(response.content)) if response.content else ""
        except ValueError:
            response_body = response.text[:500]
        text = (
            "{} {} -> {} {} in {:.1f} ms\nrequest headers: {}\nrequest body: {}\n"
            "response headers: {}\nresponse body: {}"
        ).format(
            request.method,
            mask_query(request.url),
            response.status_code,
            response.reason,
            elapsed * 1000,
            redact_headers(request.headers),
            json.dumps(redact_json(body)) if body is not None else "",
            redact_headers(response.headers),
            json.dumps(response_body) if not isinstance(response_body, str) else response_body,
        )
        log.debug(self.secrets.mask(text))


def _feature_map(features) -> dict[str, int]:
    result = {}
    for item in features or []:
        try:
            result[str(item["featureId"])] = int(item["version"])
        except (KeyError, TypeError, ValueError):
            continue
    return result


def _status_expected(status: int, expected: Any) -> bool:
    if expected is None:
        return 200 <= status < 300
    if isinstance(expected, str):
        if expected.strip().lower() in _ANY_STATUS:
            return True
        expected = [part for part in re.split(r"[\s,]+", expected) if part]
    if not isinstance(expected, (list, tuple, set)):
        expected = [expected]
    try:
        return status in {int(item) for item in expected}
    except (TypeError, ValueError):
        raise ICWSError(
            f"expected_status must be a status code, several, or 'any'; got {expected!r}."
        ) from None


def _describe_expected(expected: Any) -> str:
    if expected is None:
        return "2xx"
    if isinstance(expected, (list, tuple, set)):
        return " or ".join(str(item) for item in expected)
    return str(expected)


def _error_body(response: requests.Response) -> dict:
    try:
        body = json.loads(response.content) if response.content else {}
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _describe_error(status, reason, error_id, error_code, message) -> str:
    text = f"HTTP {status}" + (f" {reason}" if reason else "")
    facts = []
    if error_id:
        facts.append(f"errorId '{error_id}'")
    if error_code is not None:
        facts.append(f"errorCode {error_code}")
    if facts:
        text += f" ({', '.join(facts)})"
    if message:
        text += f": {message}"
    return text


def _snippet(response: requests.Response, limit: int = 200) -> str:
    text = response.content.decode("utf-8", "replace")
    title = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    if title:
        return f"HTML page titled {' '.join(title.group(1).split())!r}"
    text = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    return repr(text[:limit] + ("..." if len(text) > limit else "")) if text else "(empty)"


def _origin_of(url: str) -> str:
    match = re.match(r"^[a-z]+://[^/]+", url, re.IGNORECASE)
    return match.group(0) if match else url


def _path_of(url: str) -> str:
    return url[len(_origin_of(url)) :] or "/"


def _root_cause(error: BaseException) -> str:
    """The innermost useful reason of a requests/urllib3 error chain."""
    seen = set()
    current: BaseException | None = error
    reason = str(error)
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.strerror:
            return current.strerror
        inner = getattr(current, "reason", None)
        if isinstance(inner, BaseException):
            current = inner
            continue
        if current.args and isinstance(current.args[0], BaseException):
            current = current.args[0]
            continue
        current = current.__cause__ or current.__context__
    text = reason
    # urllib3 messages carry the pool repr; the part after the last colon is the reason.
    match = re.search(r"(Failed to establish a new connection|Max retries)[^:]*:\s*(.*)", text)
    if match:
        text = match.group(2).strip().rstrip(")'\"")
    return text
