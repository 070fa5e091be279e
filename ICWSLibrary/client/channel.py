"""A session's ICWS messaging channel: a server-sent-events stream or short polling.

With feature ``messaging`` 2 or later the server streams messages as server-sent events;
one background thread per session reads that stream and pushes each message to waiting
keywords at once. Older servers are polled, and only while a keyword waits or asks for
messages, so an idle session sends nothing.
"""

from __future__ import annotations

import itertools
import logging
import socket
import threading
import time
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

import requests

from .errors import ICWSError
from .messaging import CONNECTION_STATE_CHANGED, POLL_DELAYS, Predicate
from .sse import SSEParser, messages_of

if TYPE_CHECKING:
    from .session import ICWSSession

log = logging.getLogger("ICWSLibrary.client.channel")

USER_STATUS_MESSAGE = "urn:inin.com:status:userStatusMessage"
# Servers ping an idle stream every few seconds; a minute of silence means it is dead.
STREAM_READ_TIMEOUT = 60.0
STREAM_RECONNECTS = 5


class MessagingMode(Enum):
    AUTO = "auto"
    SSE = "sse"
    POLLING = "polling"


class MessageChannel:
    """Receives a session's messages, keeps them in order and tracks what they say.

    ``user_statuses`` holds the statuses of subscribed users, built from the snapshot
    that starts a subscription (``isDelta`` false: replace) and the deltas after it
    (merge the fields they carry).
    """

    def __init__(self, session: ICWSSession, mode: MessagingMode | str = MessagingMode.AUTO):
        self._session = session
        self.requested_mode = MessagingMode(mode)
        self.mode: MessagingMode | None = None
        self.queue = session.messages
        self.user_statuses: dict[str, dict] = {}
        self.stream_error: str | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._response: requests.Response | None = None

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
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._ready.clear()
            self._thread = threading.Thread(
                target=self._read_stream,
                name=f"icws-messages-{self._session.session_id}",
                daemon=True,
            )
            self._thread.start()
            if not self._ready.wait(self._session.timeout + 1):
                raise ICWSError(
                    f"The messaging stream of session {self._session.session_id} on "
                    f"{self._session.address} did not open within {self._session.timeout:g} s"
                    + (f": {self.stream_error}" if self.stream_error else ".")
                )

    def stop(self) -> None:
        """Close the stream and end the reader thread; nothing keeps running after."""
        self._stop.set()
        response = self._response
        if response is not None:
            _interrupt(response)
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)
        self._thread = None
        self.queue.wake()

    @property
    def streaming(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- receiving -------------------------------------------------------------------------

    def deliver(self, messages: list[dict]) -> None:
        recorder = self._session.recorder
        if recorder is not None:
            recorder.messages(self._session.session_id, messages)
        for message in messages:
            self._apply(message)
        self.queue.put_all(messages)

    def _apply(self, message: dict) -> None:
        kind = message.get("__type")
        if kind == USER_STATUS_MESSAGE:
            snapshot = message.get("isDelta") is False
            statuses = {} if snapshot else dict(self.user_statuses)
            for status in message.get("userStatusList") or []:
                key = str(status.get("userId", "")).lower()
                merged = {} if snapshot else dict(statuses.get(key, {}))
                merged.update(status)
                statuses[key] = merged
            self.user_statuses = statuses
        elif kind == CONNECTION_STATE_CHANGED and message.get("newConnectionState") == 2:
            reason = message.get("reason") or "no reason given"
            self._session.mark_down(f"disconnected by the server: {reason}")

    def poll(self) -> list[dict]:
        """One short poll: fetch what the server queued (a 401 marks the session down)."""
        messages = self._session.call("GET", "/messaging/messages") or []
        if not isinstance(messages, list):
            raise ICWSError(
                f"{self._session.address} answered messaging/messages with {messages!r}"
            )
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

        Returns False at the timeout; raises :class:`ICWSError` when the session is
        disconnected meanwhile.
        """
        self.start()
        deadline = time.monotonic() + timeout
        with self.queue.condition:
            for attempt in itertools.count():
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
                pause = POLL_DELAYS[min(attempt, len(POLL_DELAYS) - 1)]
                if pause:
                    self.queue.condition.wait(min(pause, remaining))
                try:
                    self.poll()
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

    # -- the stream ------------------------------------------------------------------------

    def _read_stream(self) -> None:
        session = self._session
        http = requests.Session()
        http.trust_env = False
        http.proxies.update(session.http.proxies)
        http.verify = session.http.verify
        http.headers.update(session.http.headers)
        http.headers.update({"Accept": "text/event-stream", "Accept-Encoding": "identity"})
        url = f"{session.session_root}/messaging/messages"
        failures = 0
        try:
            while not self._stop.is_set() and session.connected:
                try:
                    response = http.get(
                        url, stream=True, timeout=(session.timeout, STREAM_READ_TIMEOUT)
                    )
                except requests.RequestException as error:
                    failures += 1
                    self.stream_error = f"{type(error).__name__}: {error}"
                    if failures > STREAM_RECONNECTS:
                        break
                    self._stop.wait(min(0.1 * 2**failures, 3))
                    continue
                self._response = response
                try:
                    if not self._accept(response):
                        break
                    failures = 0
                    self._pump(response)
                except Exception as error:  # noqa: BLE001 - any broken stream reconnects
                    # A read timeout or a cut connection: reconnect, unless stopping.
                    self.stream_error = f"{type(error).__name__}: {error}"
                finally:
                    self._response = None
                    response.close()
        finally:
            http.close()
            self._ready.set()
            self.queue.wake()

    def _accept(self, response: requests.Response) -> bool:
        """Check the stream's answer; False ends the reader."""
        session = self._session
        if response.status_code == 401:
            session.mark_down("no longer accepted by the server (401 on the messaging channel)")
            return False
        content_type = response.headers.get("Content-Type", "")
        if response.status_code != 200 or "event-stream" not in content_type.lower():
            # The server does not stream after all: fall back to short polling.
            self.stream_error = f"the stream answered {response.status_code} {content_type}"
            self.mode = MessagingMode.POLLING
            log.debug("messaging falls back to polling: %s", self.stream_error)
            return False
        self._ready.set()
        return True

    def _pump(self, response: requests.Response) -> None:
        raw = response.raw
        read = getattr(raw, "read1", None) or raw._fp.read1  # urllib3 1.26 lacks read1
        parser = SSEParser()
        while not self._stop.is_set():
            chunk = read(65536)
            if not chunk:
                return
            for data in parser.feed(chunk):
                try:
                    self.deliver(messages_of(data))
                except ValueError:
                    log.warning("Ignored a messaging event that is not JSON: %.200s", data)


def _interrupt(response: requests.Response) -> None:
    """Wake a thread blocked reading this response by shutting its socket down.

    Closing the response from another thread races with the reader; shutting the socket
    down makes the blocked read return end-of-stream cleanly instead.
    """
    sock = _socket_of(response)
    try:
        if sock is not None:
            sock.shutdown(socket.SHUT_RDWR)
        else:
            response.close()
    except OSError:
        pass


def _socket_of(response: requests.Response) -> socket.socket | None:
    raw = response.raw
    # A response that ends the connection owns its socket through http.client's file.
    fp = getattr(getattr(raw, "_fp", None), "fp", None)
    sock = getattr(getattr(fp, "raw", None), "_sock", None)
    if isinstance(sock, socket.socket):
        return sock
    connection = getattr(raw, "_connection", None) or getattr(raw, "connection", None)
    sock = getattr(connection, "sock", None)
    return sock if isinstance(sock, socket.socket) else None
