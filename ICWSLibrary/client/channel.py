"""A session's ICWS messaging channel: a server-sent-events stream or short polling.

With feature ``messaging`` 2 or later the server streams messages as server-sent events;
the process's one stream reader (:mod:`.streams`) reads every session's stream and pushes
each message to waiting keywords at once. Older servers are polled at a short fixed
interval, and only while a keyword waits or asks for messages, so an idle session sends
nothing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol

from ..protocol.http import EVENT_STREAM_TYPE
from .deadline import DeadlineReached, clamp
from .errors import ICWSError
from .messaging import MessageQueue, Predicate
from .sse import messages_of, only_messages

if TYPE_CHECKING:
    from .address import ServerAddress
    from .streams import StreamCallbacks, StreamHandle, StreamRefused, StreamSpec
    from .transport import ICWSHTTPSession

log = logging.getLogger("ICWSLibrary.client.channel")

Handler = Callable[[dict], None]


class ChannelOwner(Protocol):
    """What a channel needs of its session (an ``ICWSSession`` is one)."""

    session_id: str | None
    user_id: str | None
    address: ServerAddress
    language: str
    connected: bool
    ended_reason: str | None
    messages: MessageQueue
    recorder: Any
    timeout: float
    connect_timeout: float
    session_root: str
    http: ICWSHTTPSession

    def features(self) -> dict[str, int]: ...
    def call(self, method: str, path: str, body: Any = None) -> Any: ...
    def mark_down(self, reason: str) -> None: ...


# While a keyword waits on a polled channel: often enough that a wait reacts within a
# tenth of a second, rare enough to stay near ten small requests a second.
DEFAULT_POLL_INTERVAL = 0.1


class MessagingMode(Enum):
    AUTO = "auto"
    SSE = "sse"
    POLLING = "polling"


class MessageChannel:
    """Receives a session's messages and keeps them in order.

    Each message goes first to the handlers registered for its ``__type`` (see :meth:`on`:
    the status feature keeps its view of watched users this way), then to the queue that
    keywords wait on. A message a handler cannot read is logged and dropped alone.
    """

    def __init__(
        self,
        session: ChannelOwner,
        mode: MessagingMode | str = MessagingMode.AUTO,
        poll_interval: float | None = None,
    ):
        self._session = session
        self.requested_mode = MessagingMode(mode)
        self.mode: MessagingMode | None = None
        self.poll_interval = DEFAULT_POLL_INTERVAL if poll_interval is None else poll_interval
        self.queue = session.messages
        self._handlers: dict[str, list[Handler]] = {}
        self.stream_error: str | None = None
        self._stream: StreamHandle | None = None
        self._ready = threading.Event()
        self._redirect: str | None = None

    # -- starting and stopping -------------------------------------------------------------

    def start(self) -> None:
        """Choose the mode and, for SSE, open the stream (once per session)."""
        if self.mode is None:
            self.mode = self.requested_mode
            if self.mode is MessagingMode.AUTO:
                messaging = self._session.features().get("messaging", 0)
                self.mode = MessagingMode.SSE if messaging >= 2 else MessagingMode.POLLING
        if self.mode is not MessagingMode.SSE or not self._session.connected:
            return
        if self._stream is None or self._stream.done.is_set():
            self._ready.clear()
            self._redirect = None
            # Imported here: only streaming sessions pay for asyncio and the reader.
            from .streams import StreamReader

            self._stream = StreamReader.shared().open(self._stream_spec(), self._callbacks())
            if not self._ready.wait(self._session.timeout + 1):
                self._stream.stop()
                raise ICWSError(
                    f"The messaging stream of session {self._session.session_id} on "
                    f"{self._session.address} did not open within {self._session.timeout:g} s"
                    + (f": {self.stream_error}" if self.stream_error else ".")
                )
            if self._redirect is not None:
                raise ICWSError(
                    f"The messaging stream of session {self._session.session_id} on "
                    f"{self._session.address} was redirected to {self._redirect}; redirects are "
                    "not followed, so the session's credentials never leave its server."
                )

    def _stream_spec(self) -> StreamSpec:
        session = self._session
        http = session.http
        headers = {
            "Accept": EVENT_STREAM_TYPE,
            "Accept-Encoding": "identity",
            "Accept-Language": session.language,
        }
        headers.update(http.credentials.headers)
        url = f"{session.session_root}/messaging/messages"
        from .streams import StreamSpec

        return StreamSpec(
            url=url,
            headers={name: str(value) for name, value in headers.items()},
            verify=http.verify,
            connect_timeout=session.connect_timeout,
            proxy=http.proxies.get(url.split(":", 1)[0]),
        )

    def _callbacks(self) -> StreamCallbacks:
        session = self._session

        def opened() -> None:
            self.stream_error = None
            self._ready.set()

        def events(data: list[str]) -> None:
            for item in data:
                self.deliver(messages_of(item))

        def refused(refusal: StreamRefused) -> None:
            self.stream_error = f"the stream answered {refusal}"
            if refusal.status == 401:
                session.mark_down("no longer accepted by the server (401 on the messaging channel)")
            elif 300 <= refusal.status < 400:
                self._redirect = refusal.location or "(no Location)"
            else:
                # The server does not stream after all: fall back to short polling.
                self.mode = MessagingMode.POLLING
                log.debug("messaging falls back to polling: %s", self.stream_error)
            self._ready.set()

        def ended(reason: str | None) -> None:
            if reason is not None:
                self.stream_error = reason
                session.mark_down(f"unreachable for messages: {reason}")
            self._ready.set()
            self.queue.wake()

        from .streams import StreamCallbacks

        return StreamCallbacks(opened, events, refused, ended)

    def stop(self) -> None:
        """Close the stream at once; nothing keeps running after."""
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.stop()
        self.queue.wake()

    @property
    def streaming(self) -> bool:
        return self._stream is not None and not self._stream.done.is_set()

    # -- receiving -------------------------------------------------------------------------

    def on(self, message_type: str, handler: Handler) -> None:
        """Call ``handler(message)`` for each message of this ``__type``, as it arrives."""
        self._handlers.setdefault(message_type, []).append(handler)

    def deliver(self, messages: list[dict]) -> None:
        recorder = self._session.recorder
        if recorder is not None:
            recorder.messages(self._session.session_id, messages)
        for observer in getattr(self._session, "observers", ()):
            try:
                observer(self._session, messages)
            except Exception as error:  # noqa: BLE001 - a picture must not cost a message
                log.warning("A message observer failed: %s", error)
        handled = []
        for message in messages:
            try:
                for handler in self._handlers.get(message.get("__type"), ()):
                    handler(message)
            except Exception as error:  # noqa: BLE001 - one bad message must not cost the rest
                log.warning("Ignored a malformed %s: %s", message.get("__type", "message"), error)
                continue
            handled.append(message)
        self.queue.put_all(handled)

    def poll(self) -> list[dict]:
        """One short poll: fetch what the server queued (a 401 marks the session down)."""
        messages = self._session.call("GET", "/messaging/messages") or []
        if not isinstance(messages, list):
            raise ICWSError(
                f"{self._session.address} answered messaging/messages with {messages!r:.200} "
                "where a list of messages was expected."
            )
        messages = only_messages(messages)
        self.deliver(messages)
        return messages

    def fetch(self) -> None:
        """Bring in what has arrived: a poll in polling mode; the stream pushes by itself."""
        self.start()
        if self.mode is MessagingMode.POLLING:
            self.poll()

    # -- waiting ---------------------------------------------------------------------------

    def wait_for(self, predicate: Predicate, timeout: float) -> dict | None:
        """Take the first message that matches, waiting up to ``timeout`` seconds."""
        found = None

        def arrived() -> bool:
            nonlocal found
            found = self.queue.take_first(predicate)
            return found is not None

        self.wait_until(arrived, timeout)
        return found

    def wait_until(self, check: Callable[[], bool], timeout: float) -> bool:
        """Wait until ``check()`` holds, re-checking as messages arrive.

        Returns False at the timeout (or a keyword's deadline, if sooner); raises
        :class:`ICWSError` when the session is disconnected meanwhile.
        """
        deadline = time.monotonic() + clamp(timeout)
        try:
            self.start()
        except DeadlineReached:
            return check()
        polled = False
        with self.queue.condition:
            while True:
                if check():
                    return True
                self._fail_if_down()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                if self.mode is not MessagingMode.POLLING:
                    self.queue.condition.wait(remaining)  # the stream reader notifies
                    continue
                # Pausing on the condition, not sleeping, lets a lost session end it early.
                if polled:
                    self.queue.condition.wait(min(self.poll_interval, remaining))
                polled = True
                try:
                    self.poll()
                except DeadlineReached:
                    return check()
                except ICWSError:
                    if self._session.connected:
                        raise
                    # The poll found the session ended: the next round fails with why.
        return False  # pragma: no cover - the loop only ends by returning

    def wait_until_down(self, timeout: float) -> bool:
        """Wait until the server ends the session (a message, or a 401 on the channel)."""
        return self.wait_until(lambda: not self._session.connected, timeout)

    def _fail_if_down(self) -> None:
        session = self._session
        if not session.connected:
            raise ICWSError(
                f"ICWS session {session.session_id} of user '{session.user_id}' on "
                f"{session.address} was {session.ended_reason or 'disconnected'}."
            )
