"""An incremental parser for server-sent events, as ICWS's messaging stream sends them."""

from __future__ import annotations

import json
import logging
import re

log = logging.getLogger("ICWSLibrary.client.sse")

_LINE_END = re.compile(rb"\r\n|\r|\n")


class LineTooLong(ValueError):
    """A stream line grew past the parser's bound without ending."""


class SSEParser:
    """Feed it bytes as they arrive; it returns the data of each completed event.

    Handles lines split across chunks (CRLF split too), comment lines such as ``:ping``,
    multi-line ``data`` fields and the fields ICWS does not use (``event``, ``id``,
    ``retry``), following the WHATWG event-stream rules.

    Work is linear in the bytes fed: each chunk is scanned once, and an unfinished line is
    kept as pieces until its end arrives. A line longer than ``max_line_bytes`` raises
    :class:`LineTooLong` instead of growing without bound, and so does an event whose
    ``data`` lines together pass that bound before a blank line ends it.
    """

    def __init__(self, max_line_bytes: int = 16 * 1024 * 1024) -> None:
        self.max_line_bytes = max_line_bytes
        self._partial: list[bytes] = []  # pieces of the line that has not ended yet
        self._partial_size = 0
        self._after_cr = False  # the last chunk ended in CR: a leading LF belongs to it
        self._data: list[str] = []
        self._data_size = 0
        self.comments = 0

    def feed(self, chunk: bytes) -> list[str]:
        if self._after_cr and chunk[:1] == b"\n":
            chunk = chunk[1:]
        self._after_cr = False
        events = []
        start = 0
        for end in _LINE_END.finditer(chunk):
            piece = chunk[start : end.start()]
            if self._partial:
                self._partial.append(piece)
                piece = b"".join(self._partial)
                self._partial, self._partial_size = [], 0
            start = end.end()
            event = self._line(piece.decode("utf-8", "replace"))
            if event is not None:
                events.append(event)
        if chunk.endswith(b"\r"):
            self._after_cr = True
        rest = chunk[start:]
        if rest:
            self._partial_size += len(rest)
            if self._partial_size > self.max_line_bytes:
                self._partial, self._partial_size = [], 0
                raise LineTooLong(f"an event-stream line longer than {self.max_line_bytes:,} bytes")
            self._partial.append(rest)
        return events

    def _line(self, line: str) -> str | None:
        if line == "":
            if not self._data:
                return None
            data, self._data, self._data_size = "\n".join(self._data), [], 0
            return data
        if line.startswith(":"):
            self.comments += 1
            return None
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data_size += len(value) + 1
            if self._data_size > self.max_line_bytes:
                self._data, self._data_size = [], 0
                raise LineTooLong(
                    f"an event-stream event whose data passed {self.max_line_bytes:,} bytes "
                    "without ending"
                )
            self._data.append(value)
        return None


def messages_of(data: str) -> list[dict]:
    """The ICWS message objects in one event's data (or one polled answer).

    ICWS puts one message object on each ``data:`` line; if several lines form one event,
    each line is parsed on its own. Arrays are flattened. What is not a JSON object is
    logged and skipped, so one malformed message never costs the good ones beside it.
    """
    try:
        parsed = json.loads(data)
        items = parsed if isinstance(parsed, list) else [parsed]
    except ValueError:
        items = []
        for line in data.split("\n"):
            if not line.strip():
                continue
            try:
                parsed = json.loads(line)
            except ValueError:
                log.warning("Ignored a message that is not JSON: %.200s", line)
                continue
            items.extend(parsed if isinstance(parsed, list) else [parsed])
    return only_messages(items)


def only_messages(items: list) -> list[dict]:
    """The items that are ICWS messages (JSON objects); the others are logged and skipped."""
    messages = []
    for item in items:
        if isinstance(item, dict):
            messages.append(item)
        else:
            log.warning("Ignored a message that is not a JSON object: %.200r", item)
    return messages
