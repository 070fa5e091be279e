"""Which ICWS fields and headers carry secrets: one table for logs, errors and recordings,
and where a secret stands in free text as a value of its own."""

from __future__ import annotations

import json
import re

# Every JSON field (and query parameter) whose value is secret, lower-cased, with the kind
# of secret it holds: logs mask them, recordings turn them into {{kind:N}} placeholders.
SECRET_FIELD_KINDS = {
    "password": "password",
    "sippassword": "password",  # [real] a field of the station information
    "newpassword": "password",
    "oldpassword": "password",
    "csrftoken": "csrfToken",
    "authtoken": "authToken",
    "authtokenseed": "authToken",
    "singlesignontoken": "ssoToken",
    "token": "token",
    "accesstoken": "token",
    "refreshtoken": "token",
    "idtoken": "token",
    "apikey": "token",
    "clientsecret": "token",
}
SECRET_FIELDS = frozenset(SECRET_FIELD_KINDS)
# Kinds short enough to occur inside other data: replaced only in their fields and as
# whole values, never as substrings.
SHORT_SECRET_KINDS = frozenset(("password",))
SECRET_HEADERS = frozenset(("cookie", "set-cookie", "inin-icws-csrf-token", "authorization"))
# Set-Cookie attributes are not cookies: their values stay readable.
COOKIE_ATTRIBUTES = frozenset(("path", "domain", "expires", "max-age", "samesite", "version"))

# Around a secret in free text, these make it part of another value: a phone number
# (317-555-1234, 555.1234, (317) 1234), a path, an address, a longer word or number.
_INSIDE = r"\w\-./+@#*()"


def spellings(secret: str) -> list[str]:
    """The ways a secret may be written in text: as it is, and JSON-escaped (``\\"``, and
    ``\\u00e4`` for non-ASCII), as a server that echoes it or a JSON file writes it."""
    found = [secret, json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1]]
    return sorted(set(found), key=len, reverse=True)


def whole_value(secret: str) -> re.Pattern:
    """Where ``secret`` stands as a value of its own: quoted, after ``=`` or ``:``, or as a
    word, but never inside a phone number, a longer number or a word. With the password
    ``1234``, ``password=1234`` and ``"1234"`` match; ``317-555-1234`` and ``12345`` do not."""
    alternatives = "|".join(re.escape(spelling) for spelling in spellings(secret))
    return re.compile(rf"(?<![{_INSIDE}])(?<!\d )(?:{alternatives})(?![{_INSIDE}])(?! \d)")
