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
import math
import os
import re
import socket
import time
from datetime import timedelta
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter
from requests.auth import AuthBase

from .errors import ICWSError

# A CIC answer is rarely above a few megabytes (a large configuration list); a bound far
# above that still stops a runaway answer before it costs the test machine its memory.
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
_READ_CHUNK = 65536
_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0", "none")

# One pool for every session of the process. Sessions to the same server reuse its
# keep-alive connections; pools of servers no longer used are closed as others arrive.
_SHARED_ADAPTER = HTTPAdapter(pool_connections=16, pool_maxsize=16)


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
            f"{name} must be a time such as 10 or '10 s', not {value!r}: {error}."
        ) from None
    if not math.isfinite(seconds) or seconds <= 0:
        raise ICWSError(f"{name} must be a positive time such as 10 or '10 s', not {value!r}.")
    return seconds


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, lower-cased, as credentials are scoped to it."""
    match = re.match(r"^([a-z][a-z0-9+.-]*://[^/?#]+)", str(url), re.IGNORECASE)
    return match.group(1).lower() if match else ""


class OriginCredentials(AuthBase):
    """The session's credential headers, added only to requests for the session's origin."""

    def __init__(self) -> None:
        self.origin = ""
        self.headers: dict[str, str] = {}

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        if self.headers and origin_of(request.url) == self.origin:
            request.headers.update(self.headers)
        return request


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
        for name in self.credentials.headers:
            prepared_request.headers.pop(name, None)
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
