"""HTTP for ICWS sessions: shared connections, credentials kept to their origin, bounds.

- Sessions share one process-wide connection pool, so logging on and off a thousand times
  reuses a few keep-alive sockets instead of leaving one open per session.
- A session's CSRF token and cookie go only to the session's own origin: never to another
  host named by an absolute URL, never across a redirect to another origin.
- Each request has a whole-request deadline and a bounded answer size: a server that
  trickles its answer, or sends hundreds of megabytes, fails clearly instead of holding a
  test for minutes or eating the machine's memory.
"""

from __future__ import annotations

import contextlib
import contextvars
import heapq
import itertools
import json
import logging
import math
import os
import re
import socket
import threading
import time
from datetime import timedelta
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from typing import Any

import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.auth import AuthBase
from requests.utils import get_environ_proxies

from ..protocol.http import ACCEPT, REQUEST_JSON_TYPE, SESSION_COOKIE_PAIR
from ..protocol.names import clipped
from .deadline import DeadlineReached, clamp
from .errors import ICWSError, origin_of, path_of
from .redact import HiddenStr, SecretValues, mask_query, redact_headers, redact_json

log = logging.getLogger("ICWSLibrary.client")

# urllib3 logs each request at DEBUG too, which Robot Framework puts in the log beside
# this library's own (redacted) line: the same request said twice. Its lines are dropped
# while this library sends, and kept for every other user of urllib3.
_SENDING = contextvars.ContextVar("icws_sending", default=False)


class _NotWhileSending(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not _SENDING.get()


logging.getLogger("urllib3.connectionpool").addFilter(_NotWhileSending())

# A GET reads and changes nothing, so a dropped connection may be retried; other methods
# never are, because the server may have acted before the connection broke.
DEFAULT_GET_RETRIES = 2
RETRY_PAUSE = 0.1
# A CIC answer is rarely above a few megabytes (a large configuration list); a bound far
# above that still stops a runaway answer before it costs the test machine its memory.
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
_READ_CHUNK = 65536
_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0", "none")

# The watchdog's ticket of the request each thread is sending, which the pool fills with
# the connection it hands out, so the watchdog can cut that connection.
_IN_FLIGHT = threading.local()
# How long past a request's deadline the watchdog waits before cutting its connection.
WATCHDOG_GRACE = 0.1


class _Noted:
    """A pool that notes which connection the sending thread took."""

    def _get_conn(self, timeout=None):
        connection = super()._get_conn(timeout)
        ticket = getattr(_IN_FLIGHT, "ticket", None)
        if ticket is not None:
            ticket["connection"] = connection
        return connection


class _NotedHTTPPool(_Noted, urllib3.HTTPConnectionPool):
    pass


class _NotedHTTPSPool(_Noted, urllib3.HTTPSConnectionPool):
    pass


class _Watchdog:
    """Cuts the connection of a request whose answer has not begun by its deadline.

    A read timeout bounds each read, not the whole: a server that trickles its status line
    and headers a byte at a time held a request with timeout=1 for 30 s. (The body has
    its own deadline in read_body.) One thread serves every request of the process.
    """

    def __init__(self) -> None:
        self._due: list[tuple[float, int, dict]] = []
        self._order = itertools.count()
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def watch(self, deadline: float) -> dict:
        """Start watching the calling thread's request; returns its ticket."""
        ticket = {"connection": None, "done": False, "cut": False}
        with self._wake:
            sooner = not self._due or deadline < self._due[0][0]
            heapq.heappush(self._due, (deadline, next(self._order), ticket))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="icws-request-watchdog", daemon=True
                )
                self._thread.start()
            if sooner:
                # Only a deadline before all others changes when the thread must wake;
                # waking it for every request cost each one a thread switch.
                self._wake.notify()
        return ticket

    def done(self, ticket: dict) -> None:
        ticket["done"] = True

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._due and self._due[0][2]["done"]:
                    heapq.heappop(self._due)
                # Done tickets behind the front leave as the front passes; the list stays
                # as long as the requests of one timeout.
                wait = self._due[0][0] - time.monotonic() if self._due else None
                if wait is None or wait > 0:
                    self._wake.wait(wait)
                    continue
                _, _, ticket = heapq.heappop(self._due)
            connection = ticket["connection"]
            sock = getattr(connection, "sock", None)
            if not ticket["done"] and sock is not None:
                ticket["cut"] = True
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


_WATCHDOG = _Watchdog()

# One pool for every session of the process. Sessions to the same server reuse its
# keep-alive connections; pools of servers no longer used are closed as others arrive.
_SHARED_ADAPTER = HTTPAdapter(pool_connections=16, pool_maxsize=16)
_SHARED_ADAPTER.poolmanager.pool_classes_by_scheme = {
    "http": _NotedHTTPPool,
    "https": _NotedHTTPSPool,
}


def _is_certificate_error(error: Exception) -> bool:
    """Whether a TLS failure is about the certificate, not about TLS itself."""
    text = str(error).lower()
    return "certificate" in text or "hostname" in text


def _cut_short(method: str, url: str) -> DeadlineReached:
    """A request a keyword's deadline ended: the keyword times out, not the request."""
    return DeadlineReached(
        f"{method} {path_of(url)} on {origin_of(url) or url} was still unanswered when the "
        "keyword's timeout ran out.",
        method=method,
        url=url,
    )


def parse_verify(value) -> bool | str:
    """TLS verification from what a user wrote: a boolean, or a CA bundle file or folder.

    ``True``/``False`` and the words true/false/yes/no/on/off (any case) are booleans, so
    ``verify=False`` and ``--variable ICWS_VERIFY:false`` mean what they say; anything else
    must be an existing file or folder. An empty value is an error, not "no checking".
    """
    if isinstance(value, bool):
        return value
    if value is None:
        return True
    text = str(value).strip()
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    if not text:
        raise ICWSError(
            "verify is empty: give True, False, or the path of a CA bundle file or folder."
        )
    path = Path(text).expanduser()
    if path.exists():
        return str(path)
    raise ICWSError(
        f"verify={text!r} is neither True/False nor an existing CA bundle file or folder."
    )


# No wait or request of a test lasts a day; far beyond that, clocks and deadlines overflow.
MAX_TIMEOUT = 24 * 3600.0


def parse_timeout(value, name: str = "timeout") -> float:
    """Seconds from a number, a ``timedelta`` or Robot time text; positive and finite."""
    try:
        if isinstance(value, timedelta):
            seconds = value.total_seconds()
        elif isinstance(value, str):
            from robot.utils import timestr_to_secs  # only when text needs Robot's format

            seconds = timestr_to_secs(value)
        else:
            seconds = float(value)
    except (TypeError, ValueError, OverflowError) as error:
        raise ICWSError(
            f"{name} must be a time such as 10 or '10 s', not {clipped(repr(value))}: "
            f"{clipped(str(error), 200)}."
        ) from None
    if not math.isfinite(seconds) or seconds <= 0 or seconds > MAX_TIMEOUT:
        raise ICWSError(
            f"{name} must be a positive time up to a day such as 10 or '10 s', "
            f"not {clipped(repr(value))}."
        )
    return seconds


class Transport:
    """Sends a session's requests: retries, deadlines, size bounds, transport errors.

    Observers (a recorder) see each exchange: ``begin()`` before a request goes out,
    ``abort()`` when it failed without an answer, ``exchange(request, response, body)``
    after it. Requests sent by others on :attr:`http` (RequestsLibrary) are observed too.
    """

    def __init__(
        self,
        proxies_for: str,
        *,
        language: str,
        timeout,
        connect_timeout=None,
        verify: bool | str = True,
        get_retries: int = DEFAULT_GET_RETRIES,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        secrets: SecretValues | None = None,
    ):
        self.timeout = parse_timeout(timeout)
        self.connect_timeout = (
            self.timeout
            if connect_timeout is None
            else parse_timeout(connect_timeout, "connect_timeout")
        )
        self.get_retries = get_retries
        self.max_response_bytes = max_response_bytes
        self.secrets = secrets if secrets is not None else SecretValues()
        self.observers: list = []
        http = ICWSHTTPSession()
        # Reading proxy settings from the environment costs ~0.4 ms per request; resolve
        # them once here and stop requests from scanning again.
        http.proxies.update(get_environ_proxies(proxies_for))
        http.verify = resolve_ca(parse_verify(verify))
        http.trust_env = False
        http.cookies.set_policy(KeepOtherCookies())
        http.headers.update(
            {"Accept": ACCEPT, "Accept-Language": language, "Content-Type": REQUEST_JSON_TYPE}
        )
        self.http = http

    def observe(self, observer) -> None:
        self.observers.append(observer)
        if len(self.observers) == 1:
            self.http.hooks["response"].append(self._observe_foreign)

    def _observe_foreign(self, response: requests.Response, stream: bool = False, **_) -> None:
        if not stream:  # send() streams, and tells its observers itself
            self._tell_exchange(response)

    def _tell(self, event: str) -> None:
        for observer in self.observers:
            getattr(observer, event)()

    def _tell_exchange(self, response: requests.Response) -> None:
        request = response.request
        body = request.body
        if isinstance(body, bytes):
            body = body.decode("utf-8", "replace")
        with contextlib.suppress(ValueError):
            body = json.loads(body) if body else None
        for observer in self.observers:
            observer.exchange(request, response, body)

    def send(
        self,
        method: str,
        url: str,
        body: Any = None,
        *,
        params: dict | None = None,
        headers: dict | None = None,
        timeout: float | None = None,
    ) -> requests.Response:
        """Send one request; transport failures become :class:`ICWSError`."""
        method = str(method).strip().upper()
        if not re.fullmatch(r"[A-Z]+", method):
            raise ICWSError(f"The HTTP method must be a word such as GET or PUT, not {method!r}.")
        data = None if body is None else json.dumps(body).encode("utf-8")
        retries = self.get_retries if method == "GET" else 0
        for attempt in range(retries + 1):
            # A keyword's deadline (see deadline.within) shortens every timeout.
            wanted = self.timeout if timeout is None else timeout
            request_timeout, connect_timeout = clamp(wanted), clamp(self.connect_timeout)
            if request_timeout <= 0 or connect_timeout <= 0:
                raise DeadlineReached(
                    f"No time was left to send {method} {path_of(url)} to "
                    f"{origin_of(url) or url}: the keyword's timeout ran out first.",
                    method=method,
                    url=url,
                )
            # Whether a keyword's deadline, not this transport's timeouts, bounds the request.
            shortened = request_timeout < wanted or connect_timeout < self.connect_timeout
            seconds = max(request_timeout, connect_timeout)
            started = time.perf_counter()
            # The whole request, connecting included, ends by the deadline.
            deadline = time.monotonic() + seconds
            self._tell("begin")
            sending = _SENDING.set(True)
            ticket = _IN_FLIGHT.ticket = _WATCHDOG.watch(deadline + WATCHDOG_GRACE)
            try:
                response = self.http.request(
                    method,
                    url,
                    data=data,
                    params=params,
                    headers=headers,
                    timeout=(connect_timeout, request_timeout),
                    allow_redirects=False,
                    stream=True,
                )
                # The answer has begun: its body has read_body's deadline.
                _WATCHDOG.done(ticket)
                read_body(response, deadline, request_timeout, self.max_response_bytes)
                break
            except TimeoutError as error:
                self._tell("abort")
                # Not retried: the server answered, only too slowly.
                ended = self._ran_out(error, ticket, shortened, method, url, seconds)
                raise ended or self._too_slow(method, url, seconds) from None
            except OverflowError as error:
                self._tell("abort")
                raise self._error(
                    f"{method} {path_of(url)} on {origin_of(url)} answered a body that {error}; "
                    f"the limit is {self.max_response_bytes:,} bytes (max_response_bytes).",
                    method,
                    url,
                ) from None
            except requests.ConnectionError as error:
                self._tell("abort")
                if ended := self._ran_out(error, ticket, shortened, method, url, seconds):
                    raise ended from None
                # A read timeout is not retried: the server is slow, not gone.
                retryable = not isinstance(error, requests.ReadTimeout)
                if attempt < retries and retryable:
                    log.debug("retrying %s %s after %s", method, url, error)
                    time.sleep(RETRY_PAUSE * (attempt + 1))
                    continue
                raise self._transport_error(error, method, url, request_timeout) from None
            except requests.RequestException as error:
                self._tell("abort")
                if ended := self._ran_out(error, ticket, shortened, method, url, seconds):
                    raise ended from None
                raise self._transport_error(error, method, url, request_timeout) from None
            except (ValueError, urllib3.exceptions.HTTPError) as error:
                # urllib3 refuses some URLs itself (a host label over 63 characters, say, as
                # a server's alternateHostList may name); requests does not wrap those.
                self._tell("abort")
                raise self._error(
                    f"{method} {path_of(url)} could not be sent to {origin_of(url)[:100] or url}: "
                    f"{root_cause(error)}.",
                    method,
                    url,
                ) from None
            finally:
                _SENDING.reset(sending)
                _WATCHDOG.done(ticket)
                _IN_FLIGHT.ticket = None
        if self.observers:
            self._tell_exchange(response)
        if log.isEnabledFor(logging.DEBUG):
            self._log_exchange(response, body, time.perf_counter() - started)
        return response

    def _ran_out(
        self, error, ticket: dict, shortened: bool, method: str, url: str, seconds: float
    ) -> ICWSError | None:
        """The failure to report when time, not the server, ended a request: a keyword's
        deadline (``shortened``), or the watchdog cutting an answer that trickled in."""
        timed_out = isinstance(error, (TimeoutError, requests.Timeout))
        if shortened and (ticket["cut"] or timed_out):
            return _cut_short(method, url)
        if ticket["cut"]:
            return self._too_slow(method, url, seconds)
        return None

    def _too_slow(self, method: str, url: str, seconds: float) -> ICWSError:
        return self._error(
            f"{origin_of(url) or url} did not finish answering {method} {path_of(url)} "
            f"within {seconds:g} s (the request timeout); the answer arrived too slowly.",
            method,
            url,
        )

    def _error(self, message: str, method: str, url: str) -> ICWSError:
        return ICWSError(self.secrets.mask(message), method=method, url=url)

    def _transport_error(self, error: Exception, method: str, url: str, timeout) -> ICWSError:
        where = f"{method} {path_of(url)}"
        server = origin_of(url) or url
        if isinstance(error, requests.exceptions.SSLError) and not _is_certificate_error(error):
            message = (
                f"TLS with {server} failed for {where} ({root_cause(error)}): the server may "
                f"not speak HTTPS on this port; if it serves plain HTTP, use "
                f"{server.replace('https://', 'http://', 1)}."
            )
        elif isinstance(error, requests.exceptions.SSLError):
            message = (
                f"TLS certificate of {server} could not be verified ({root_cause(error)}). "
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
            message = f"Could not reach {server} for {where}: {root_cause(error)}."
            if server.startswith("http://") and "closed connection without response" in message:
                message += (
                    f" A server that speaks HTTPS on this port does that to plain HTTP: try "
                    f"{server.replace('http://', 'https://', 1)}."
                )
        else:
            message = f"{where} on {server} failed: {root_cause(error)}."
        return self._error(message, method, url)

    def _log_exchange(self, response: requests.Response, body: Any, elapsed: float) -> None:
        request = response.request
        try:
            response_body = redact_json(json.loads(response.content)) if response.content else ""
        except ValueError:
            response_body = response.text[:500]
        shown = response_body if isinstance(response_body, str) else json.dumps(response_body)
        text = (
            f"{request.method} {mask_query(request.url)} -> {response.status_code} "
            f"{response.reason} in {elapsed * 1000:.1f} ms\n"
            f"request headers: {redact_headers(request.headers)}\n"
            f"request body: {json.dumps(redact_json(body)) if body is not None else ''}\n"
            f"response headers: {redact_headers(response.headers)}\nresponse body: {shown}"
        )
        log.debug(self.secrets.mask(text))


class OriginCredentials(AuthBase):
    """The session's credential headers, added only to requests for the session's origin.

    The session cookie joins whatever cookies the jar sends (a load balancer's affinity
    cookie, say) instead of replacing them.
    """

    def __init__(self) -> None:
        self.origin = ""
        self.headers: dict[str, str] = {}

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        if self.headers and origin_of(request.url).lower() == self.origin:
            for name, value in self.headers.items():
                jar_cookies = request.headers.get("Cookie") if name == "Cookie" else None
                request.headers[name] = (
                    HiddenStr(f"{jar_cookies}; {value}") if jar_cookies else value
                )
        return request

    def strip(self, request: requests.PreparedRequest) -> None:
        """Take the session's credentials out of a request (a redirect's copy)."""
        for name in self.headers:
            if name == "Cookie" and "Cookie" in request.headers:
                others = SESSION_COOKIE_PAIR.sub("", str(request.headers["Cookie"])).strip("; ")
                if others:
                    request.headers["Cookie"] = others
                else:
                    del request.headers["Cookie"]
            else:
                request.headers.pop(name, None)


class KeepOtherCookies(DefaultCookiePolicy):
    """Keeps the cookies a server or load balancer sets, except the session's own.

    [real] Deployments behind a load balancer may set a session-affinity cookie that
    must come back (FIDELITY-AUDIT C1). The ``icws_<id>`` cookie is sent by hand: its
    ``Path=/icws/<id>`` no longer matches behind a reverse proxy with a prefix.
    """

    def set_ok(self, cookie, request) -> bool:
        if cookie.name.lower().startswith("icws_"):
            return False
        return super().set_ok(cookie, request)


class ICWSHTTPSession(requests.Session):
    """A ``requests.Session`` on the shared pool whose credentials stay on their origin.

    It is also what `Get ICWS Requests Session` hands to RequestsLibrary, so the same
    rules hold for requests sent by hand: an absolute URL to another host, or a redirect
    there, carries no CSRF token and no session cookie.
    """

    def __init__(self) -> None:
        super().__init__()
        self.credentials = OriginCredentials()
        self.auth = self.credentials
        self.mount("http://", _SHARED_ADAPTER)
        self.mount("https://", _SHARED_ADAPTER)

    def rebuild_auth(self, prepared_request, response) -> None:
        # requests copies every header of the first request into the redirected one.
        self.credentials.strip(prepared_request)
        self.credentials(prepared_request)

    def close(self) -> None:
        """Nothing to release: the connections belong to the shared pool."""


def read_body(response: requests.Response, deadline: float, timeout: float, limit: int) -> None:
    """Read a streamed answer's body within the deadline and the size limit.

    The body is kept as the response's content, as if requests had read it, and the
    connection goes back to the pool. Raises ``TimeoutError`` or ``OverflowError``.
    """
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        response.close()
        raise OverflowError(f"declares {int(declared):,} bytes")
    chunks, size = [], 0
    try:
        for chunk in _chunks(response, deadline, timeout):
            size += len(chunk)
            if size > limit:
                raise OverflowError(f"sent more than {limit:,} bytes")
            chunks.append(chunk)
    except BaseException:
        response.raw.close()  # a half-read connection must not go back to the pool
        raise
    response._content = b"".join(chunks)
    response._content_consumed = True
    response.close()  # releases the connection to the pool


def _chunks(response: requests.Response, deadline: float, timeout: float):
    raw = response.raw
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        _set_read_timeout(raw, min(remaining, timeout))
        try:
            # read1 returns what has arrived; read(n) would wait for n bytes, so a server
            # trickling a byte at a time would never meet the per-read timeout.
            chunk = (
                raw.read1(_READ_CHUNK, decode_content=True)
                if hasattr(raw, "read1")
                else raw.read(_READ_CHUNK, decode_content=True)
            )
        except (TimeoutError, requests.exceptions.ReadTimeout) as error:
            raise TimeoutError from error
        except Exception as error:  # urllib3 wraps a socket timeout in its own errors
            if "timed out" in str(error).lower():
                raise TimeoutError from error
            raise
        if not chunk:
            return
        yield chunk


def _set_read_timeout(raw, seconds: float) -> None:
    sock = getattr(getattr(raw, "_connection", None), "sock", None)
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.settimeout(max(seconds, 0.001))


def resolve_ca(verify: bool | str) -> bool | str:
    """What requests should verify with: the environment's bundle when ``verify`` is True."""
    if verify is True:
        return os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
    return verify


def root_cause(error: BaseException) -> str:
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
