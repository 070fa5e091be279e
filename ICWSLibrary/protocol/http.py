"""ICWS's HTTP conventions: header names, media types and the session cookie."""

from __future__ import annotations

import re
from collections.abc import Callable

from .secrets import COOKIE_ATTRIBUTES

CSRF_HEADER = "ININ-ICWS-CSRF-Token"
SESSION_ID_HEADER = "ININ-ICWS-Session-ID"
# [real] Servers answer with this media type (upper-case JSON included).
JSON_TYPE = "application/vnd.inin.icws+JSON; charset=utf-8"
REQUEST_JSON_TYPE = "application/vnd.inin.icws+json; charset=utf-8"
ACCEPT = "application/vnd.inin.icws+json, application/json"
EVENT_STREAM_TYPE = "text/event-stream"

# [real] Set-Cookie: icws_<sessionId>=<guid>|languageId=<lang>; Path=/icws/<sessionId>
SESSION_COOKIE = re.compile(r"icws_(\d+)=([^;,\s]*)", re.IGNORECASE)
# The same pair with what separates it from the cookies before it, to take it out.
SESSION_COOKIE_PAIR = re.compile(r"(^|;\s*)icws_\d+=[^;]*", re.IGNORECASE)


def session_cookies(header: str | None) -> list[tuple[str, str]]:
    """Every ``(session id, value)`` of the ``icws_<id>`` cookies in a cookie header."""
    return SESSION_COOKIE.findall(header or "")


def session_cookie_value(header: str | None, session_id: str) -> str | None:
    """The value of session ``session_id``'s cookie in a header, or None."""
    for cookie_id, value in session_cookies(header):
        if cookie_id == session_id:
            return value
    return None


def cookie_guid(value: str | None) -> str | None:
    """The session's guid in a cookie value (``<guid>|languageId=en-us``)."""
    return None if value is None else value.split("|", 1)[0]


def format_session_cookie(session_id: str, value: str) -> str:
    """The ``Cookie`` header a client sends back for a session."""
    return f"icws_{session_id}={value}"


# name=value pairs of Cookie and Set-Cookie headers.
_COOKIE_PAIR = re.compile(r"(^|[;,]\s*)([^=;,\s]+)=([^;,]*)")


def replace_cookie_values(header: str, replace: Callable[[str, str], str]) -> str:
    """A cookie header with each cookie's value replaced by ``replace(name, value)``.

    Set-Cookie attributes (``Path``, ``Expires``...) are not cookies and stay as they are.
    """

    def swap(match: re.Match) -> str:
        name = match.group(2)
        if name.lower() in COOKIE_ATTRIBUTES:
            return match.group(0)
        return f"{match.group(1)}{name}={replace(name, match.group(3))}"

    return _COOKIE_PAIR.sub(swap, header)
