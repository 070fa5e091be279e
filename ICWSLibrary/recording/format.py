"""The recording file: its format, how requests are keyed, and reading one back."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode

from ..protocol.secrets import SECRET_FIELD_KINDS as SECRET_FIELDS

if TYPE_CHECKING:
    from .templater import Templater

FORMAT = "robotframework-icws recording 1"
# Request headers a recording keeps (the rest is noise that replay must not match on).
KEPT_REQUEST_HEADERS = ("accept-language", "cookie", "range")
KEPT_RESPONSE_HEADERS = ("set-cookie", "location", "www-authenticate", "content-type")
# The placeholder kinds every recording scrubs, whatever the recorder was told.
BUILT_IN_SCRUBBED = frozenset(("password", "csrfToken", "cookie", "authToken", "ssoToken", "token"))


def canonical_query(query: str, templater: Templater | None = None) -> str:
    pairs = parse_qsl(query, keep_blank_values=True)
    if templater is not None:
        pairs = [
            (name, templater.placeholder(SECRET_FIELDS[name.lower()], value))
            if name.lower() in SECRET_FIELDS and value
            else (name, value)
            for name, value in pairs
        ]
    return urlencode(sorted(pairs))


def canonical_body(body: Any) -> str:
    if body is None or body == "":
        return ""
    if isinstance(body, (dict, list)):
        return json.dumps(body, sort_keys=True, separators=(",", ":"))
    return str(body)


def json_or_text(content: bytes) -> Any:
    """A body as JSON when it parses, else as text (``None`` when empty)."""
    if not content:
        return None
    try:
        return json.loads(content)
    except ValueError:
        return content.decode("utf-8", "replace")


def load(path: str | os.PathLike) -> dict:
    """Read a recording; a clear ValueError when it is not one."""
    try:
        document = json.loads(Path(path).read_text("utf-8"))
    except OSError as error:
        raise ValueError(f"Cannot read recording {path}: {error.strerror}.") from None
    except UnicodeDecodeError:
        raise ValueError(f"Recording {path} is not UTF-8 text, so not JSON.") from None
    except ValueError as error:
        raise ValueError(f"Recording {path} is not valid JSON: {error}.") from None
    except RecursionError:
        raise ValueError(f"Recording {path} is nested too deeply to read.") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f"{path} is not a robotframework-icws recording ({FORMAT!r}).")
    _check_shape(document, path)
    return document


# What replay reads of each entry: (dotted key, expected type, in words).
_EXCHANGE_SHAPE = (
    ("seq", int, "a number"),
    ("request", dict, "an object"),
    ("request.method", str, "a string"),
    ("request.path", str, "a string"),
    ("request.query", (str, type(None)), "a string"),
    ("request.headers", (dict, type(None)), "an object"),
    ("response", dict, "an object"),
    ("response.status", int, "a number"),
    ("response.headers", (dict, type(None)), "an object"),
)
_MESSAGES_SHAPE = (
    ("seq", int, "a number"),
    ("session", str, "a string"),
    ("after", (int, type(None)), "a number"),
    ("messages", list, "a list"),
)
_MISSING = object()


def _check_shape(document: dict, path) -> None:
    """Name the entry, the key and what was expected, instead of failing mid-replay."""
    entries = document.get("entries")
    if not isinstance(entries, list):
        raise ValueError(f"Recording {path}: 'entries' must be a list.")
    for index, entry in enumerate(entries):
        kind = entry.get("type") if isinstance(entry, dict) else None
        shape = {"exchange": _EXCHANGE_SHAPE, "messages": _MESSAGES_SHAPE}.get(kind)
        if shape is None:
            raise ValueError(
                f"Recording {path}: entry {index} must be an object whose 'type' is "
                "'exchange' or 'messages'."
            )
        for dotted, expected, words in shape:
            value = entry
            for part in dotted.split("."):
                value = value.get(part, _MISSING) if isinstance(value, dict) else _MISSING
            optional = isinstance(expected, tuple) and type(None) in expected
            if value is _MISSING and optional:
                continue
            if isinstance(value, bool) or not isinstance(value, expected):
                raise ValueError(
                    f"Recording {path}: entry {index} ({kind}) needs '{dotted}' as {words}."
                )
