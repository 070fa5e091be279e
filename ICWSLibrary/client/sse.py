"""An incremental parser for server-sent events, as ICWS's messaging stream sends them."""

from __future__ import annotations

import json


class SSEParser:
    """Feed it bytes as they arrive; it returns the data of each completed event.

    Handles lines split across chunks (CRLF split too), comment lines such as ``:ping``,
    multi-line ``data`` fields and the fields ICWS does not use (``event``, ``id``,
    ``retry``), following the WHATWG event-stream rules.
    """

    def __init__(self) -> None:
        self._pending = b""
        self._data: list[str] = []
        self.comments = 0

    def feed(self, chunk: bytes) -> list[str]:
        buffer = self._pending + chunk
        events = []
        start = 0
        length = len(buffer)
        while True:
            newline = _next_line_end(buffer, start)
            if newline < 0:
                break
            line = buffer[start:newline].decode("utf-8", "replace")
            # A CR ends the line; a CR right before LF makes one line end of two bytes.
            if buffer[newline : newline + 1] == b"\r":
                if newline + 1 == length:
                    break  # the LF may still come in the next chunk
                start = newline + (2 if buffer[newline + 1 : newline + 2] == b"\n" else 1)
            else:
                start = newline + 1
            event = self._line(line)
            if event is not None:
                events.append(event)
        self._pending = buffer[start:]
        return events

    def _line(self, line: str) -> str | None:
        if line == "":
            if not self._data:
                return None
            data, self._data = "\n".join(self._data), []
            return data
        if line.startswith(":"):
            self.comments += 1
            return None
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data.append(value)
        return None


def _next_line_end(buffer: bytes, start: int) -> int:
    lf = buffer.find(b"\n", start)
    cr = buffer.find(b"\r", start)
    if cr < 0:
        return lf
    if lf < 0:
        return cr
    return min(lf, cr)


def messages_of(data: str) -> list[dict]:
    """The ICWS message objects in one event's data.

    ICWS puts one message object on each ``data:`` line; if several lines form one event,
    each line is parsed on its own. Arrays are flattened. Raises ``ValueError`` for data
    that is not JSON.
    """
    try:
        parsed = json.loads(data)
    except ValueError:
        parsed = [json.loads(line) for line in data.split("\n") if line.strip()]
    items = parsed if isinstance(parsed, list) else [parsed]
    return [item for item in items if isinstance(item, dict)]
