"""Recordings of ICWS conversations, with secrets scrubbed, for replay in CI.

A recording is one human-readable JSON file: the exchanges of every session in the order
they happened, and the messages the sessions received between them. Secrets and values that
change from run to run never reach it; they become stable placeholders such as
``{{csrfToken:1}}``, ``{{session:2}}`` or ``{{password:1}}`` (the same value always gets the
same placeholder), so a replay can still check that a client sends back the token and
cookie it was given, and a recording made on one server replays anywhere.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from .client.redact import mask_cookies
from .protocol.http import SESSION_COOKIE, format_session_cookie
from .protocol.secrets import SECRET_FIELD_KINDS as SECRET_FIELDS
from .protocol.secrets import SHORT_SECRET_KINDS

FORMAT = "robotframework-icws recording 1"

# Fields that tell the time the server answered; replay fills in the time it answers.
CLOCK_FIELDS = {"serverutctime"}
# Request headers a recording keeps (the rest is noise that replay must not match on).
KEPT_REQUEST_HEADERS = ("accept-language", "cookie")
KEPT_RESPONSE_HEADERS = ("set-cookie", "location", "www-authenticate", "content-type")
MIN_ANYWHERE_LENGTH = 6
_PLACEHOLDER = re.compile(r"\{\{([A-Za-z]+):?(\d*)\}\}")


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


class Templater:
    """Maps secret and run-specific values to placeholders, consistently.

    ``extra_fields`` names more JSON fields to scrub (``notes``, ``forwardNumber``...).
    """

    def __init__(self, extra_fields=()):
        self.extra_fields = {field.lower(): field for field in extra_fields}
        self._by_value: dict[str, str] = {}
        self._by_placeholder: dict[str, str] = {}
        self._counts: Counter[str] = Counter()
        # Values replaced wherever they appear (long random ones only: ids, tokens, hosts).
        self._anywhere: list[str] = []
        # Short secrets (passwords) are replaced in their fields, and anywhere as a last resort.
        self._last_resort: list[str] = []

    def placeholder(self, kind: str, value: str, anywhere: bool = False) -> str:
        """The placeholder of a value, made on first sight.

        ``anywhere`` values (session ids, tokens, cookies: long and random) are replaced
        wherever they appear; others only in their own fields, and by :meth:`last_resort`.
        """
        value = str(value)
        name = self._by_value.get(value)
        if name is None:
            self._counts[kind] += 1
            name = "{{" + f"{kind}:{self._counts[kind]}" + "}}"
            self._by_value[value] = name
            self._by_placeholder[name] = value
        # Short values would match inside unrelated text; real ids and tokens are long.
        if anywhere and len(value) >= MIN_ANYWHERE_LENGTH:
            _add_longest_first(self._anywhere, value)
            if value in self._last_resort:
                self._last_resort.remove(value)
        elif value and value not in self._anywhere:
            _add_longest_first(self._last_resort, value)
        return name

    def name(self, placeholder_name: str, value: str) -> None:
        """Fix a placeholder for a value (``{{server}}``, say), replaced anywhere."""
        self._by_value[value] = placeholder_name
        self._by_placeholder[placeholder_name] = value
        _add_longest_first(self._anywhere, value)

    def value_of(self, placeholder_name: str) -> str | None:
        return self._by_placeholder.get(placeholder_name)

    def text(self, text: str) -> str:
        for value in self._anywhere:
            if value in text:
                text = text.replace(value, self._by_value[value])
        return text

    def scrub(self, value: Any) -> Any:
        """A copy of a JSON value with secrets and known run values templated."""
        if isinstance(value, dict):
            result = {}
            for key, item in value.items():
                lowered = str(key).lower()
                if lowered in SECRET_FIELDS and item not in (None, ""):
                    # Any value, not only text: a numeric password is a password too.
                    kind = SECRET_FIELDS[lowered]
                    result[key] = self.placeholder(
                        kind,
                        item if isinstance(item, str) else json.dumps(item),
                        anywhere=kind not in SHORT_SECRET_KINDS,
                    )
                elif lowered in CLOCK_FIELDS and isinstance(item, str):
                    # The server's clock now: a replay answers with its own clock.
                    result[key] = "{{now}}"
                elif lowered in self.extra_fields and item not in (None, ""):
                    result[key] = self.placeholder(self.extra_fields[lowered], json.dumps(item))
                else:
                    result[key] = self.scrub(item)
            return result
        if isinstance(value, list):
            return [self.scrub(item) for item in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def last_resort(self, text: str) -> str:
        """Replace any short secret left anywhere: no secret may reach a file.

        Only whole values: with password ``1234``, ``ext. 12345`` is other data and stays.
        """
        for value in self._last_resort:
            # One or two characters would hit unrelated numbers and words everywhere.
            if len(value) >= 3 and value in text:
                pattern = rf"(?<![\w]){re.escape(value)}(?![\w])"
                text = re.sub(pattern, lambda _, v=value: self._by_value[v], text)
        return text

    def cookie(self, header: str) -> str:
        """Template ``icws_<id>=<value>`` in a Cookie or Set-Cookie header."""

        def swap(match: re.Match) -> str:
            session = self.placeholder("session", match.group(1), anywhere=True)
            guid, separator, rest = match.group(2).partition("|")  # guid|languageId=en-us
            value = self.placeholder("cookie", guid, anywhere=True) if guid else guid
            return format_session_cookie(session, value) + separator + rest

        # Other cookies (a load balancer's affinity cookie, say) are secret as well.
        templated = SESSION_COOKIE.sub(swap, header)
        return self.text(
            mask_cookies(
                templated,
                lambda name, value: (
                    value if "{{" in value else self.placeholder("cookie", value, anywhere=True)
                ),
            )
        )


class Recorder:
    """Collects exchanges and messages and writes them to one file.

    One recorder per file per process: every library instance (suite) that records to the
    same path appends to the same recording, in order.
    """

    _open: dict[Path, Recorder] = {}
    _registry_lock = threading.Lock()

    def __init__(self, path: Path, extra_fields=()):
        self.path = path
        self.templater = Templater(extra_fields)
        self.entries: list[dict] = []
        self._lock = threading.Lock()
        self._seq = 0
        # A message is replayed after the exchange it followed. A stream reader may deliver
        # a message the server sent in answer to a request before that request's exchange is
        # recorded, so messages arriving while a request is in flight wait for it.
        self._last_exchange = 0
        self._in_flight = 0
        self._held: list[tuple[str, dict]] = []
        self._request_ids: dict[str, int] = {}

    @classmethod
    def for_path(cls, path: str | os.PathLike, extra_fields=()) -> Recorder:
        """The recorder of a file; a ValueError at once if the file could not be written."""
        resolved = Path(path).expanduser().resolve()
        _check_writable(resolved)
        with cls._registry_lock:
            recorder = cls._open.get(resolved)
            if recorder is None:
                recorder = cls._open[resolved] = cls(resolved, extra_fields)
            return recorder

    def _next(self) -> int:
        self._seq += 1
        return self._seq

    def learn_server(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        if parts.netloc and self.templater.value_of("{{server}}") is None:
            self.templater.name("{{server}}", f"{parts.scheme}://{parts.netloc}")
            if parts.hostname and not re.fullmatch(r"[\d.:]+", parts.hostname):
                self.templater.name("{{host}}", parts.hostname)

    def begin(self) -> None:
        """A request is about to go out; messages arriving meanwhile wait for its exchange."""
        with self._lock:
            self._in_flight += 1

    def abort(self) -> None:
        """The request of :meth:`begin` failed without an answer."""
        with self._lock:
            self._settle()

    def exchange(self, request, response, body: Any) -> None:
        """Record one request and its response (``requests`` objects)."""
        with self._lock:
            if not request.url.split("?")[0].endswith("/messaging/messages"):
                # Messages are recorded as they arrive, whichever way they came.
                self._record_exchange(request, response, body)
            self._settle()

    def _settle(self) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        if self._in_flight == 0:
            held, self._held = self._held, []
            for session, message in held:
                self._record_message(session, message)

    def _record_exchange(self, request, response, body: Any) -> None:
        t = self.templater
        self.learn_server(request.url)
        response_body = json_or_text(response.content)
        if isinstance(response_body, dict):
            # Learn the new session's values before anything is written.
            if response_body.get("sessionId"):
                t.placeholder("session", str(response_body["sessionId"]), anywhere=True)
            if response_body.get("csrfToken"):
                t.placeholder("csrfToken", response_body["csrfToken"], anywhere=True)
        for header in response.headers.get("Set-Cookie", "").split(","):
            t.cookie(header)
        parts = urlsplit(request.url)
        # Keep the path from /icws on: a reverse-proxy prefix is not part of ICWS.
        path = parts.path[max(parts.path.lower().find("/icws"), 0) :]
        entry = {
            "seq": self._next(),
            "type": "exchange",
            "request": {
                "method": request.method,
                "path": t.text(path),
                "query": t.text(canonical_query(parts.query, t)),
                "headers": self._headers(request.headers, KEPT_REQUEST_HEADERS),
                "body": t.scrub(body),
            },
            "response": {
                "status": response.status_code,
                "headers": self._headers(response.headers, KEPT_RESPONSE_HEADERS),
                "body": t.scrub(response_body),
            },
        }
        entry = self._final(entry)
        self.entries.append(entry)
        self._last_exchange = entry["seq"]
        answer = entry["response"].get("body")
        if isinstance(answer, dict) and answer.get("requestId") is not None:
            self._request_ids[str(answer["requestId"])] = entry["seq"]

    def messages(self, session_id: str, messages: list[dict]) -> None:
        """Record messages a session received (from the stream or a poll), one entry each."""
        with self._lock:
            for message in messages:
                if self._in_flight:
                    self._held.append((session_id, message))
                else:
                    self._record_message(session_id, message)

    def _record_message(self, session_id: str, message: dict) -> None:
        t = self.templater
        scrubbed = self._final(t.scrub(message))
        after = self._last_exchange
        if str(scrubbed.get("__type", "")).endswith("asyncOperationCompletedMessage"):
            # A completion belongs to the request that was given its requestId.
            after = self._request_ids.get(str(scrubbed.get("requestId")), after)
        self.entries.append(
            {
                "seq": self._next(),
                "type": "messages",
                "session": t.placeholder("session", session_id, anywhere=True),
                "after": after,
                "messages": [scrubbed],
            }
        )

    def _headers(self, headers, kept) -> dict[str, str]:
        result = {}
        for name, value in headers.items():
            lowered = name.lower()
            if lowered in kept or lowered.startswith("inin-icws-"):
                if lowered in ("cookie", "set-cookie"):
                    result[name] = self.templater.cookie(value)
                elif lowered == "inin-icws-csrf-token":
                    result[name] = self.templater.placeholder("csrfToken", value, anywhere=True)
                else:
                    result[name] = self.templater.text(str(value))
        return result

    def _final(self, entry: dict) -> dict:
        text = self.templater.last_resort(self.templater.text(json.dumps(entry)))
        return json.loads(text)

    def save(self) -> None:
        with self._lock:
            document = {
                "format": FORMAT,
                "recorded": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "scrubbedFields": sorted(
                    {"password", "csrfToken", "cookie", "authToken", "ssoToken"}
                    | set(self.templater.extra_fields.values())
                ),
                "entries": self.entries,
            }
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(self.path.suffix + ".tmp")
            temporary.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n")
            temporary.replace(self.path)


def _check_writable(path: Path) -> None:
    """Fail before a suite runs, not after it, when its recording could not be saved."""
    if path.is_dir():
        raise ValueError(f"Cannot record into {path}: it is a folder; give a file name.")
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise ValueError(f"Cannot record into {path}: {folder} is not a writable folder.")
    if path.exists() and not os.access(path, os.W_OK):
        raise ValueError(f"Cannot record into {path}: the file is not writable.")


def _add_longest_first(values: list[str], value: str) -> None:
    if value not in values:
        values.append(value)
        values.sort(key=len, reverse=True)


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
    except ValueError as error:
        raise ValueError(f"Recording {path} is not valid JSON: {error}.") from None
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
