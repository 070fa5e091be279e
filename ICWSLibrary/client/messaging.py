"""Messages from a session's ICWS messaging channel, kept in arrival order."""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..protocol.messages import type_matches

log = logging.getLogger("ICWSLibrary.client")

Message = dict
Predicate = Callable[[Message], bool]


def of_type(message_type: str | None) -> Predicate:
    """A predicate matching messages by ``__type``; ``None`` matches every message.

    The short form of a type (``userStatusMessage``) matches the full URN too.
    """
    if not message_type:
        return lambda message: True
    return lambda message: type_matches(message.get("__type"), message_type)


# Messages no keyword took are kept for Get Messages and Wait For Message, the newest this
# many: the views (statuses, queues, statistics) read every message as it arrives, so a
# session kept for a whole suite needs no more, and its memory stays flat.
MAX_KEPT_MESSAGES = 1000


_warned: set[tuple[str, str]] = set()


def good_entries(message: Message, field: str, is_good: Callable[[Any], bool]) -> Iterator[Any]:
    """The entries of a message's list ``field`` that ``is_good`` accepts. A malformed entry
    is skipped alone, so the rest of the message still counts, and is warned of once per
    message type and field (a server that sends one sends many)."""
    for entry in message.get(field) or []:
        if is_good(entry):
            yield entry
            continue
        kind = str(message.get("__type", "message")).rsplit(":", 1)[-1]
        if (kind, field) not in _warned:
            _warned.add((kind, field))
            log.warning("Skipped a malformed entry of %s %s: %.100r", kind, field, entry)


class MessageQueue:
    """Thread-safe store of arrived messages, the newest :data:`MAX_KEPT_MESSAGES`; readers
    take what matches. ``dropped`` counts the older ones let go."""

    def __init__(self) -> None:
        self._messages: deque[Message] = deque(maxlen=MAX_KEPT_MESSAGES)
        self._arrived = threading.Condition()
        self.dropped = 0

    @property
    def condition(self) -> threading.Condition:
        """Notified whenever messages arrive or a waiter must re-check (see :meth:`wake`)."""
        return self._arrived

    def wake(self) -> None:
        """Make every waiter re-check its condition (the session went down, say)."""
        with self._arrived:
            self._arrived.notify_all()

    def put_all(self, messages: Iterable[Message]) -> None:
        with self._arrived:
            for message in messages:
                if isinstance(message, dict):
                    if len(self._messages) == MAX_KEPT_MESSAGES:
                        self.dropped += 1
                    self._messages.append(message)
            self._arrived.notify_all()

    def take(self, predicate: Predicate | None = None) -> list[Message]:
        """Remove and return every message that matches, in arrival order."""
        with self._arrived:
            if predicate is None:
                taken = list(self._messages)
                self._messages.clear()
                return taken
            taken, kept = [], deque(maxlen=MAX_KEPT_MESSAGES)
            for message in self._messages:
                (taken if predicate(message) else kept).append(message)
            self._messages = kept
            return taken

    def take_first(self, predicate: Predicate) -> Message | None:
        with self._arrived:
            for index, message in enumerate(self._messages):
                if predicate(message):
                    del self._messages[index]
                    return message
            return None

    def peek(self) -> list[Message]:
        with self._arrived:
            return list(self._messages)
