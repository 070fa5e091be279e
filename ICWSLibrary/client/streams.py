"""One reader for every ICWS event stream of the process.

A thread per stream costs a thread and its stack per session: a thousand subscribed
sessions would need a thousand threads and fail on a 1,024-file limit long before. Here
one asyncio loop, in one daemon thread started on first use, reads every stream.

Each stream is a plain HTTP/1.1 GET on its own connection (a stream never ends, so it
cannot share a pooled connection). The rules a hostile server must not bend:

- a redirect is never followed: the stream's credentials stay on the session's origin,
  and the redirect is reported with its Location;
- a stream that closes is reopened after a pause that doubles up to a cap, and after a
  bounded number of failures in a row the reader gives up and says why;
- lines, headers and chunk sizes are bounded, and parsing is linear in what arrives.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .sse import SSEParser

log = logging.getLogger("ICWSLibrary.client.streams")

# Servers ping an idle stream every few seconds; a minute of silence means it is dead.
IDLE_TIMEOUT = 60.0
MAX_HEAD_BYTES = 64 * 1024
# A stream that lived this long before closing was healthy: its failures are forgiven.
HEALTHY_AFTER = 10.0
RECONNECT_PAUSES = (0.2, 0.5, 1.0, 2.0, 4.0)


class StreamRefused(Exception):
    """The server answered the stream request with something other than an event stream."""

    def __init__(self, status: int, reason: str, location: str | None = None):
        super().__init__(f"{status} {reason}")
        self.status, self.reason, self.location = status, reason, location


@dataclass
class StreamSpec:
    """What one stream needs: where, with which headers, and how to check TLS."""

    url: str
    headers: dict[str, str]
    verify: bool | str = True
    connect_timeout: float = 10.0
    idle_timeout: float = IDLE_TIMEOUT
    max_line_bytes: int = 16 * 1024 * 1024
    proxy: str | None = None


@dataclass
class StreamCallbacks:
    """Called on the reader's thread: each must return quickly and never raise."""

    opened: Callable[[], None]
    events: Callable[[list[str]], None]
    refused: Callable[[StreamRefused], None]  # the stream will not be reopened
    ended: Callable[[str | None], None]  # the reader gave up (with why) or was stopped


@dataclass
class StreamHandle:
    """A running stream; :meth:`stop` ends it at once."""

    reader: StreamReader
    task: asyncio.Task | None = None
    done: threading.Event = field(default_factory=threading.Event)
    last_error: str | None = None
    stopping: bool = False

    def stop(self, wait: float = 2.0) -> None:
        self.stopping = True
        task = self.task
        deadline = time.monotonic() + wait
        while task is not None and not self.done.is_set():
            # Python 3.11's wait_for can swallow a cancellation that meets arriving data,
            # so the cancel is repeated until the stream has ended.
            self.reader.loop.call_soon_threadsafe(task.cancel)
            if threading.current_thread() is self.reader.thread:
                return
            if self.done.wait(0.02) or time.monotonic() > deadline:
                return


class StreamReader:
    """The process's single stream-reading loop."""

    _instance: StreamReader | None = None
    _lock = threading.Lock()

    def __init__(self) -> None:
        _allow_more_open_files()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._run, name="icws-streams", daemon=True)
        self.thread.start()
        self.streams = 0

    @classmethod
    def shared(cls) -> StreamReader:
        with cls._lock:
            if cls._instance is None or not cls._instance.thread.is_alive():
                cls._instance = cls()
            return cls._instance

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def open(self, spec: StreamSpec, callbacks: StreamCallbacks) -> StreamHandle:
        handle = StreamHandle(self)
        started = threading.Event()

        def begin() -> None:
            handle.task = self.loop.create_task(self._keep_open(spec, callbacks, handle))
            started.set()

        self.loop.call_soon_threadsafe(begin)
        started.wait(5)
        return handle

    async def _keep_open(self, spec: StreamSpec, on: StreamCallbacks, handle: StreamHandle):
        self.streams += 1
        failures = 0
        reason = None
        try:
            while True:
                opened_at = time.monotonic()
                try:
                    await _read_one(spec, on)
                    handle.last_error = "the server closed the stream"
                except StreamRefused as refusal:
                    on.refused(refusal)
                    return
                except asyncio.CancelledError:
                    raise
                except Exception as error:  # noqa: BLE001 - any broken stream reconnects
                    handle.last_error = _describe(error)
                if handle.stopping:
                    return
                if time.monotonic() - opened_at >= HEALTHY_AFTER:
                    failures = 0
                if failures >= len(RECONNECT_PAUSES):
                    reason = (
                        f"the messaging stream failed {failures + 1} times in a row "
                        f"({handle.last_error})"
                    )
                    return
                log.debug("reopening %s after %s", spec.url, handle.last_error)
                await asyncio.sleep(RECONNECT_PAUSES[failures])
                failures += 1
        except asyncio.CancelledError:
            reason = None
        finally:
            self.streams -= 1
            handle.done.set()
            on.ended(reason)


async def _read_one(spec: StreamSpec, on: StreamCallbacks) -> None:
    parts = urlsplit(spec.url)
    https = parts.scheme == "https"
    host = parts.hostname or ""
    port = parts.port or (443 if https else 80)
    context = _tls_context(spec.verify) if https else None
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    connect_host, connect_port = host, port
    if spec.proxy:
        proxy = urlsplit(spec.proxy)
        connect_host, connect_port = proxy.hostname, proxy.port or 80
        if not https:
            target = spec.url  # absolute form, as a plain HTTP proxy expects
    reader, writer = await asyncio.wait_for(
        asyncio.open_connection(
            connect_host,
            connect_port,
            ssl=None if spec.proxy else context,
            server_hostname=host if context and not spec.proxy else None,
            limit=spec.max_line_bytes + 2,
        ),
        spec.connect_timeout,
    )
    try:
        if spec.proxy and https:
            writer.write(f"CONNECT {host}:{port} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
            status, reason, _ = await _read_head(reader, spec.connect_timeout)
            if status != 200:
                raise ConnectionError(f"the proxy refused CONNECT: {status} {reason}")
            await writer.start_tls(context, server_hostname=host)
        host_header = parts.netloc.rpartition("@")[2]
        lines = [f"GET {target} HTTP/1.1", f"Host: {host_header}", "Connection: keep-alive"]
        lines += [f"{name}: {value}" for name, value in spec.headers.items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        status, reason, headers = await _read_head(reader, spec.connect_timeout)
        content_type = headers.get("content-type", "")
        if status != 200 or "event-stream" not in content_type.lower():
            raise StreamRefused(
                status,
                f"{reason} ({content_type or 'no content type'})".strip(),
                headers.get("location"),
            )
        on.opened()
        parser = SSEParser(max_line_bytes=spec.max_line_bytes)
        async for chunk in _body(reader, headers, spec.idle_timeout):
            events = parser.feed(chunk)
            if events:
                on.events(events)
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(writer.wait_closed(), 1)


async def _read_head(reader: asyncio.StreamReader, timeout: float):
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
    except asyncio.LimitOverrunError:
        raise ConnectionError("the stream's response headers are too long") from None
    except asyncio.IncompleteReadError:
        raise ConnectionError("the server closed the connection before answering") from None
    if len(head) > MAX_HEAD_BYTES:
        raise ConnectionError("the stream's response headers are too long")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    fields = status_line.split(" ", 2)
    if len(fields) < 2 or not fields[0].startswith("HTTP/") or not fields[1].isdigit():
        raise ConnectionError(f"not an HTTP answer: {status_line[:80]!r}")
    headers = {}
    for line in header_lines:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return int(fields[1]), fields[2] if len(fields) > 2 else "", headers


async def _body(reader: asyncio.StreamReader, headers: dict, idle: float):
    """The body's bytes as they arrive: chunked, sized, or until the server closes."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        while True:
            line = await asyncio.wait_for(reader.readline(), idle)
            size_text = line.split(b";")[0].strip()
            if not size_text or size_text.strip(b"0123456789abcdefABCDEF"):
                if not line:
                    return
                raise ConnectionError(f"a malformed chunk size: {line[:40]!r}")
            size = int(size_text, 16)
            if size == 0:
                return
            while size:
                data = await asyncio.wait_for(reader.read(min(size, 65536)), idle)
                if not data:
                    return
                size -= len(data)
                yield data
            await asyncio.wait_for(reader.readline(), idle)
    else:
        declared = headers.get("content-length")
        remaining = int(declared) if declared and declared.isdigit() else None
        while remaining is None or remaining > 0:
            data = await asyncio.wait_for(reader.read(65536), idle)
            if not data:
                return
            if remaining is not None:
                remaining -= len(data)
            yield data


_contexts: dict[bool | str, ssl.SSLContext] = {}


def _tls_context(verify: bool | str) -> ssl.SSLContext:
    """The same checks requests makes for the session's other requests."""
    context = _contexts.get(verify)
    if context is None:
        if verify is False:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        elif verify is True:
            from requests.certs import where

            context = ssl.create_default_context(cafile=where())
        elif _is_dir(verify):
            context = ssl.create_default_context(capath=verify)
        else:
            context = ssl.create_default_context(cafile=verify)
        _contexts[verify] = context
    return context


def _is_dir(path: str) -> bool:
    import os

    return os.path.isdir(path)


def _allow_more_open_files() -> None:
    """Raise the soft open-file limit to the hard one, as Go programs do at start-up.

    Every stream holds a socket, and the common soft limit (1,024) is far below what a
    suite holding hundreds of sessions needs, while the hard limit is usually much higher.
    """
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows has no such limit
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 65536 if hard == resource.RLIM_INFINITY else min(hard, 65536)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def _describe(error: BaseException) -> str:
    if isinstance(error, asyncio.TimeoutError):
        return "no data for too long (read timeout)"
    text = str(error) or type(error).__name__
    return f"{type(error).__name__}: {text}" if str(error) else text
