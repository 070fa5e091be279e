"""Redaction of ICWS secrets for logging.

Passwords, CSRF tokens, session cookies and auth/SSO tokens must never reach a
log, a report or a recording. Everything the client logs goes through here.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import unquote_plus

from ..protocol.http import replace_cookie_values
from ..protocol.secrets import SECRET_FIELDS, SECRET_HEADERS, spellings, whole_value

MASK = "***"


def mask_cookies(header: str) -> str:
    """A Cookie or Set-Cookie header with each cookie's value masked, names kept."""
    return replace_cookie_values(header, lambda name, value: MASK)


def mask_query(url: str) -> str:
    """A URL with the values of secret query parameters (``password=``...) masked."""
    if "?" not in url:
        return url
    base, _, query = url.partition("?")
    pairs = []
    for pair in query.split("&"):
        name, sep, value = pair.partition("=")
        secret = unquote_plus(name).lower() in SECRET_FIELDS
        pairs.append(f"{name}{sep}{MASK if secret and sep else value}")
    return f"{base}?{'&'.join(pairs)}"


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
            redacted[name] = mask_cookies(str(value))
            if redacted[name] == value:
                redacted[name] = MASK
        elif lowered in SECRET_HEADERS:
            redacted[name] = MASK
        else:
            redacted[name] = value
    return redacted


def redact_text(text: str, secrets) -> str:
    """Mask every occurrence of the given secrets in free text where each stands as a value
    of its own, as it is or JSON-escaped (see ``protocol.secrets.whole_value``): with the
    password ``1234``, ``password=1234`` and ``"1234"`` are masked, ``317-555-1234`` stays."""
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        if any(spelling in text for spelling in spellings(secret)):
            text = whole_value(secret).sub(MASK, text)
    return text


class SecretValues:
    """The secret values one session knows (password, CSRF token, cookie), to mask them."""

    def __init__(self) -> None:
        self._values: set[str] = set()

    def add(self, value) -> None:
        if value:
            self._values.add(str(value))

    def __iter__(self):
        return iter(self._values)

    def mask(self, text: str) -> str:
        return redact_text(str(text), self._values) if self._values else str(text)


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
