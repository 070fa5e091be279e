"""A loopback HTTP server that misbehaves on purpose, one behaviour per test.

``HostileServer(behave)`` calls ``behave(request, connection)`` for every request, on a
thread of its own; ``request`` has ``method``, ``path``, ``headers`` (lower-case names)
and ``body``. It records every request, so a test can check what a client sent where.
Use it as a context manager: it is stopped (and its sockets closed) also on failure.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from dataclasses import dataclass, field

SESSION_ID = "4242"
CSRF_TOKEN = "hostile-csrf-token-value"
COOKIE_VALUE = "hostile-cookie-value"


@dataclass
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


def answer(connection: socket.socket, status: int, body=b"", headers=None, close=False) -> None:
    if not isinstance(body, bytes):
        body = json.dumps(body).encode()
    lines = [f"HTTP/1.1 {status} X", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if close:
        lines.append("Connection: close")
    connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)


def logon_answer(connection: socket.socket, session_id: str = SESSION_ID) -> None:
    """A 201 as ICWS gives it, announcing messaging 2 so clients stream."""
    body = {
        "sessionId": session_id,
        "csrfToken": CSRF_TOKEN,
        "userID": "agent1",
        "features": [{"featureId": "messaging", "version": 2}],
        "version": {"majorVersion": "15"},
    }
    answer(
        connection,
        201,
        body,
        {
            "Content-Type": "application/vnd.inin.icws+json",
            "Set-Cookie": f"icws_{session_id}={COOKIE_VALUE}; Path=/icws/{session_id}",
        },
    )


class HostileServer:
    def __init__(self, behave):
        self.behave = behave
        self.seen: list[SeenRequest] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._connections: list[socket.socket] = []
        self._stopped = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def __enter__(self) -> HostileServer:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def stop(self) -> None:
        self._stopped.set()
        self.listener.close()
        for connection in list(self._connections):
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self._connections.append(connection)
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        buffer = b""
        try:
            while not self._stopped.is_set():
                while b"\r\n\r\n" not in buffer:
                    data = connection.recv(65536)
                    if not data:
                        return
                    buffer += data
                head, _, buffer = buffer.partition(b"\r\n\r\n")
                request_line, *lines = head.decode("latin-1").split("\r\n")
                method, path, _ = request_line.split(" ", 2)
                headers = {}
                for line in lines:
                    name, _, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
                length = int(headers.get("content-length", "0") or 0)
                while len(buffer) < length:
                    data = connection.recv(65536)
                    if not data:
                        return
                    buffer += data
                body, buffer = buffer[:length], buffer[length:]
                request = SeenRequest(method, path, headers, body)
                self.seen.append(request)
                if self.behave(request, connection) is False:
                    return
        except OSError:
            return
        finally:
            connection.close()
