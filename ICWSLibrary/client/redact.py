"""Redaction of ICWS secrets for logging.

Passwords, CSRF tokens, session cookies and auth/SSO tokens must never reach a
log, a report or a recording. Everything the client logs goes through here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

MASK = "***"

SECRET_FIELDS = frozenset(
    name.lower()
    for name in (
        "password",
        "csrfToken",
        "authToken",
        "authTokenSeed",
        "singleSignOnToken",
        "token",
        "newPassword",
        "oldPassword",
    )
)
SECRET_HEADERS = frozenset(("cookie", "set-cookie", "inin-icws-csrf-token", "authorization"))

# icws_<sessionId>=<value>: keep the cookie name (useful when debugging) and hide the value.
_COOKIE_VALUE = re.compile(r"(icws_\d*=)[^;,\s]*", re.IGNORECASE)


def redact_json(value):
    """Return a copy of a JSON-like value with every secret field masked."""
    if isinstance(value, Mapping):
        return {
            key: MASK if str(key).lower() in SECRET_FIELDS else redact_json(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [redact_json(item) for item in value]
    return value


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Return headers with CSRF tokens and cookie values masked."""
    redacted = {}
    for name, value in headers.items():
        lowered = name.lower()
        if lowered in ("cookie", "set-cookie"):
            redacted[name] = _COOKIE_VALUE.sub(rf"\g<1>{MASK}", value)
            if redacted[name] == value:
                redacted[name] = MASK
        elif lowered in SECRET_HEADERS:
            redacted[name] = MASK
        else:
            redacted[name] = value
    return redacted


def redact_text(text: str, secrets) -> str:
    """Mask every occurrence of the given secret strings in free text."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    return text


class HiddenStr(str):
    """A string that sends its real value on the wire but shows ``'***'`` in reprs.

    Header values are kept as ``HiddenStr`` so that code printing a headers mapping
    (RequestsLibrary logs ``headers=%s`` at INFO; Robot logs return values) never
    reveals a CSRF token or a session cookie. ``str()`` stays the real value because
    HTTP clients encode it.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return repr(MASK)
