"""Records a suite's ICWS exchanges and messages into one file, secrets scrubbed."""

from __future__ import annotations

import json
import os
import re
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .format import (
    BUILT_IN_SCRUBBED,
    FORMAT,
    KEPT_REQUEST_HEADERS,
    KEPT_RESPONSE_HEADERS,
    canonical_query,
    json_or_text,
)
from .templater import Templater


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
                    BUILT_IN_SCRUBBED | set(self.templater.extra_fields.values())
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
