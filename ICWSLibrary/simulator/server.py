"""The simulator's HTTP/1.1 server: asyncio, keep-alive, several loopback hosts, one port.

asyncio costs about a fifth of the server CPU per request of ``http.server`` on these
machines, and holds hundreds of idle keep-alive or streaming connections without a
thread each.
"""

from __future__ import annotations

import asyncio
import copy
import json
import socket
import ssl
import threading
from collections import deque
from collections.abc import Callable
from http import HTTPStatus
from pathlib import Path

from ..protocol.errors import INTERNAL_ERROR_CODE
from .control import Controls
from .errors import ControlError
from .faults import Fault, FaultKind, FaultPlan, faulty_response
from .model import ICWSModel
from .replay import ReplayModel
from .scenario import Scenario, ScenarioError, load_scenario
from .wire import Backend, Request, Response, error_response

# Real servers send ':ping' comments every few seconds on an idle event stream.
PING_INTERVAL = 5.0
MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 8 * 1024 * 1024
# A request whose headers or body stop arriving is answered 408 and its connection closed,
# so a half-sent request cannot hold a connection (and its memory) for ever.
REQUEST_TIMEOUT = 30.0
REQUEST_LOG_SIZE = 1000
LISTEN_BACKLOG = 1024
_REASONS = {status.value: status.phrase for status in HTTPStatus}
# The first byte of a TLS record that starts a handshake (a ClientHello).
TLS_HANDSHAKE = b"\x16"
# Simulators running in this process, so a failing keyword can ask the one behind its
# session why an interaction was not routed.
_RUNNING: set[ICWSSimulator] = set()
_RUNNING_LOCK = threading.Lock()


def running_at(origin: str) -> ICWSSimulator | None:
    """The simulator of this process that serves ``origin`` (``http://127.0.0.1:40123``)
    on one of its hosts, if any."""
    wanted = str(origin).rstrip("/").lower()
    with _RUNNING_LOCK:
        running = list(_RUNNING)
    for simulator in running:
        if simulator.port is not None and wanted in (u.lower() for u in simulator.urls.values()):
            return simulator
    return None


def encode_response(response: Response, keep_alive: bool) -> bytes:
    """Status line, headers and body as one buffer, written with one send."""
    lines = [f"HTTP/1.1 {response.status} {_REASONS.get(response.status, 'Unknown')}"]
    lines.extend(f"{name}: {value}" for name, value in response.headers)
    lines.append(f"Content-Length: {len(response.body)}")
    if not keep_alive:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + response.body


class _HTTPProtocol(asyncio.Protocol):
    def __init__(self, simulator: ICWSSimulator):
        self._simulator = simulator
        self._buffer = bytearray()
        self._transport: asyncio.Transport | None = None
        self._local_address = "127.0.0.1"
        self._stream = None  # the session whose messages this connection streams
        self._ping: asyncio.TimerHandle | None = None
        self._delayed = False  # a latency fault holds the answer; later requests wait
        self._continued = False  # '100 Continue' already sent for the request being read
        self._partial_timer: asyncio.TimerHandle | None = None  # a request is half-read

    @property
    def _live_transport(self) -> asyncio.Transport:
        assert self._transport is not None, "asyncio calls connection_made first"
        return self._transport

    def connection_made(self, transport):
        self._transport = transport
        sock = transport.get_extra_info("socket")
        if sock is not None:
            # Small responses must not wait for a delayed ACK (44 ms per request otherwise).
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sockname = transport.get_extra_info("sockname")
        if sockname:
            self._local_address = sockname[0]
        self._simulator._connections.add(transport)
        self._simulator.connections_accepted += 1

    def connection_lost(self, exc):
        self._simulator._connections.discard(self._transport)
        if self._partial_timer is not None:
            self._partial_timer.cancel()
        if self._stream is not None:
            self._simulator.model.close_stream(self._stream, self._wake)
            self._ping.cancel()

    def data_received(self, data: bytes):
        if self._stream is not None:
            return  # an event stream only sends
        if not self._buffer and data[:1] == TLS_HANDSHAKE and self._simulator._tls is None:
            # [guess] A plain-HTTP server refuses a TLS hello at once, as a web server does
            # an unparsable request line, so an https:// client fails by name, not by
            # waiting out its timeout.
            self._live_transport.close()
            return
        self._buffer += data
        self._serve_buffer()
        self._watch_partial_request()

    def _watch_partial_request(self) -> None:
        """Time out a request that started arriving and stopped."""
        waiting = bool(self._buffer) and not self._delayed and not self._live_transport.is_closing()
        if waiting and self._partial_timer is None:
            loop = asyncio.get_running_loop()
            self._partial_timer = loop.call_later(
                self._simulator.request_timeout, self._partial_timed_out
            )
        elif not waiting and self._partial_timer is not None:
            self._partial_timer.cancel()
            self._partial_timer = None

    def _partial_timed_out(self) -> None:
        self._partial_timer = None
        if self._buffer and self._transport is not None and not self._transport.is_closing():
            response = error_response(
                408,
                "error.request.timeout",
                f"The request did not arrive whole within {self._simulator.request_timeout:g} s.",
            )
            self._transport.write(encode_response(response, keep_alive=False))
            self._transport.close()
            self._buffer.clear()

    def _serve_buffer(self) -> None:
        try:
            self._serve_requests()
        except Exception as error:  # a bug here must still answer JSON, not drop the client
            response = error_response(
                500,
                "error.server.internal",
                f"The ICWS simulator failed to serve a request: {error!r}",
                INTERNAL_ERROR_CODE,
            )
            self._live_transport.write(encode_response(response, keep_alive=False))
            self._live_transport.close()
            self._buffer.clear()

    def _serve_requests(self) -> None:
        while (
            self._transport is not None
            and not self._transport.is_closing()
            and not self._delayed
            and self._handle_one()
        ):
            pass

    def _fail(self, status: int, message: str) -> bool:
        response = error_response(status, "error.request.malformed", message)
        self._live_transport.write(encode_response(response, keep_alive=False))
        self._live_transport.close()
        self._buffer.clear()
        return False

    def _handle_one(self) -> bool:
        """Answer one complete request from the buffer; False when more data is needed."""
        end = self._buffer.find(b"\r\n\r\n", 0, MAX_HEADER_BYTES + 4)
        if end < 0:
            if len(self._buffer) > MAX_HEADER_BYTES:
                return self._fail(431, "The request headers are too large.")
            return False
        try:
            head = self._buffer[:end].decode("latin-1")
            request_line, *header_lines = head.split("\r\n")
            method, target, version = request_line.split(" ")
            if not version.startswith("HTTP/1."):
                raise ValueError(version)
            headers = {}
            for line in header_lines:
                name, _, value = line.partition(":")
                if not _ or not name.strip() or name != name.strip():
                    raise ValueError(line)
                headers[name.strip().lower()] = value.strip()
        except ValueError:
            return self._fail(400, "The HTTP request line or headers are malformed.")
        body_start = end + 4
        if "chunked" in headers.get("transfer-encoding", "").lower():
            decoded = _dechunk(self._buffer, body_start)
            if decoded is True:
                return self._fail(413, "The request body is too large.")
            if decoded is None:
                if len(self._buffer) > MAX_BODY_BYTES:
                    return self._fail(413, "The request body is too large.")
                return self._continue(headers)
            if decoded is False:
                return self._fail(400, "The chunked request body is malformed.")
            body, consumed = decoded
        else:
            declared = headers.get("content-length", "0")
            # Digits only: int() would also take '+5', ' 5' or '5_0'.
            if not (declared.isascii() and declared.isdigit()):
                return self._fail(400, "The Content-Length header is not a valid number.")
            length = int(declared)
            if length > MAX_BODY_BYTES:
                return self._fail(413, "The request body is too large.")
            if len(self._buffer) < body_start + length:
                return self._continue(headers)
            body = bytes(self._buffer[body_start : body_start + length])
            consumed = body_start + length
        del self._buffer[:consumed]
        self._continued = False
        path, _, query = target.partition("?")
        request = Request(method.upper(), path, query, headers, body, self._local_address)
        fault = self._simulator.faults.take(path)
        if fault is not None:
            return self._inject(fault, request, version, headers)
        response = self._simulator.model.handle(request)
        self._simulator.request_log.append((request.method, request.path, response.status))
        if self._simulator.on_request is not None:
            self._simulator.on_request(request, response)
        if response.stream is not None:
            self._start_stream(response)
            return False
        connection = headers.get("connection", "").lower()
        keep_alive = connection != "close" and (version == "HTTP/1.1" or connection == "keep-alive")
        self._live_transport.write(encode_response(response, keep_alive))
        if not keep_alive:
            self._live_transport.close()
            return False
        return True

    def _continue(self, headers: dict) -> bool:
        """Wait for the body; first tell a client that asked (curl does, above 1 KB) to send it.

        Without the interim answer such a client waits a second before sending anyway.
        """
        if not self._continued and headers.get("expect", "").lower() == "100-continue":
            self._continued = True
            self._live_transport.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        return False

    def _inject(self, fault: Fault, request: Request, version: str, headers: dict) -> bool:
        if fault.kind is FaultKind.DROP:
            self._live_transport.abort()
            return False
        if fault.kind is FaultKind.KILL_SESSION:
            self._simulator.model.end_session_of(request.path, "The session was killed.")
        real = None
        if fault.kind in (FaultKind.LATENCY, FaultKind.TRUNCATED, FaultKind.KILL_SESSION):
            real = self._simulator.model.handle(request)
        response = faulty_response(fault, real)
        keep_alive = headers.get("connection", "").lower() != "close"
        if fault.kind is FaultKind.LATENCY:
            self._delayed = True
            asyncio.get_running_loop().call_later(
                fault.seconds, self._answer_late, encode_response(response, keep_alive), keep_alive
            )
            return False
        self._live_transport.write(encode_response(response, keep_alive))
        if not keep_alive:
            self._live_transport.close()
        return keep_alive

    def _answer_late(self, data: bytes, keep_alive: bool) -> None:
        self._delayed = False
        if self._transport is None or self._transport.is_closing():
            return
        self._transport.write(data)
        if not keep_alive:
            self._transport.close()
            return
        self._serve_buffer()

    # -- server-sent events --------------------------------------------------------------------

    def _start_stream(self, response: Response) -> None:
        """Answer with an endless event stream: one ``data:`` line per message.

        The body is delimited by the connection's end (no Content-Length), which every
        HTTP/1.1 client accepts and which keeps each message one plain write.
        """
        lines = ["HTTP/1.1 200 OK"] + [f"{name}: {value}" for name, value in response.headers]
        lines.append("Connection: close")
        self._live_transport.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        self._stream = response.stream
        self._loop = asyncio.get_running_loop()
        if not self._simulator.scenario.stream_backlog:
            self._simulator.model.drain(self._stream)  # what came before the stream is lost
        self._simulator.model.open_stream(self._stream, self._wake)
        self._ping = self._loop.call_later(self._simulator.ping_interval, self._send_ping)
        self._flush()

    def _wake(self) -> None:
        # Called by the model from whichever thread queued the message.
        self._loop.call_soon_threadsafe(self._flush)

    def _flush(self) -> None:
        if self._transport is None or self._transport.is_closing():
            return
        messages, ended = self._simulator.model.drain(self._stream)
        if messages:
            self._transport.write(
                b"".join(
                    b"data: " + json.dumps(m, separators=(",", ":")).encode() + b"\n\n"
                    for m in messages
                )
            )
        if ended:
            self._transport.close()

    def _send_ping(self) -> None:
        if self._transport is not None and not self._transport.is_closing():
            self._transport.write(b":ping\n\n")
            self._ping = self._loop.call_later(self._simulator.ping_interval, self._send_ping)


def _dechunk(buffer: bytearray, start: int):
    """(body, end) of a complete chunked body; None if incomplete; False if malformed;
    True if a chunk would take the body past MAX_BODY_BYTES."""
    body, position = bytearray(), start
    while True:
        line_end = buffer.find(b"\r\n", position)
        if line_end < 0:
            return None
        digits = bytes(buffer[position:line_end]).split(b";")[0].strip()
        # Hex digits only: int() would also take '-6' or '0x6', and a negative size
        # would send this loop backwards for ever.
        if not digits or digits.strip(b"0123456789abcdefABCDEF"):
            return False
        size = int(digits, 16)
        if len(body) + size > MAX_BODY_BYTES:
            return True  # too large: refused before any of it is awaited
        position = line_end + 2
        if size == 0:
            # The last chunk; then optional trailer fields, each ending in CRLF, then CRLF.
            if len(buffer) < position + 2:
                return None
            if buffer[position : position + 2] == b"\r\n":
                return bytes(body), position + 2
            trailers_end = buffer.find(b"\r\n\r\n", position)
            return None if trailers_end < 0 else (bytes(body), trailers_end + 4)
        if len(buffer) < position + size + 2:
            return None
        body += buffer[position : position + size]
        position += size + 2


class ICWSSimulator:
    """A simulated ICWS server running in a background thread.

    ``scenario`` is ``None`` (the default scenario), a JSON/TOML file path or a
    :class:`Scenario`. Every host of the scenario is served on the same port; ``host``
    replaces the address of the first one (e.g. ``0.0.0.0``). With ``replay``, a recording
    made with ``ICWSLibrary(record=...)`` answers instead of the simulated server.
    """

    def __init__(
        self,
        scenario: Scenario | str | Path | None = None,
        host: str | None = None,
        port: int = 0,
        replay: str | Path | None = None,
        certfile: str | Path | None = None,
        keyfile: str | Path | None = None,
        on_request: Callable[[Request, Response], None] | None = None,
        console: bool = False,
    ):
        # A simulator changes its scenario (hosts accepting or not, the address of --host):
        # a Scenario object given by the caller is copied so that it stays as it was.
        if isinstance(scenario, Scenario):
            scenario = copy.deepcopy(scenario)
        self.scenario = load_scenario(scenario)
        if host:
            self.scenario.hosts[0].address = host
        # What a reset returns to: the scenario before any session changed it.
        self._initial_scenario = copy.deepcopy(self.scenario)
        # A recording replaces the simulated server; the scenario then only gives the hosts.
        # The console shows the simulated contact center: there is none in a replay.
        self.console = console and not replay
        self.model: Backend = (
            ReplayModel(replay) if replay else ICWSModel(self.scenario, console=self.console)
        )
        self.ping_interval = PING_INTERVAL
        self.request_timeout = REQUEST_TIMEOUT
        # The last requests answered, for tests that check what a client sent.
        self.request_log: deque[tuple[str, str, int]] = deque(maxlen=REQUEST_LOG_SIZE)
        # TCP connections accepted since the start: tests see whether clients reuse theirs.
        self.connections_accepted = 0
        # Called after each answered request, from the server thread (--verbose logs so).
        self.on_request = on_request
        # HTTPS, as real servers serve on 8019, when given a certificate.
        self._tls = None
        if certfile:
            self._tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            try:
                self._tls.load_cert_chain(certfile, keyfile)
            except (OSError, ssl.SSLError) as error:
                raise ValueError(
                    f"Cannot serve HTTPS with certificate {certfile} and key {keyfile}: "
                    f"{getattr(error, 'strerror', None) or error}."
                ) from None
        try:
            self.faults = FaultPlan.from_scenario(getattr(self.scenario, "faults", []))
        except (ValueError, TypeError) as error:
            raise ScenarioError(f"Scenario {self.scenario.source}: {error}") from None
        self.requested_port = port
        self.port: int | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._servers: list[asyncio.AbstractServer] = []
        self._connections: set = set()

    @property
    def url(self) -> str:
        """The URL of the scenario's first host: where clients are told to connect."""
        if self.port is None:
            raise RuntimeError("The ICWS simulator is not running.")
        return self._url_for(self.scenario.hosts[0].address)

    @property
    def urls(self) -> dict[str, str]:
        return {host.address: self._url_for(host.address) for host in self.scenario.hosts}

    def _url_for(self, address: str) -> str:
        shown = "127.0.0.1" if address in ("0.0.0.0", "") else address
        shown = f"[{shown}]" if ":" in shown else shown
        return f"{'https' if self._tls else 'http'}://{shown}:{self.port}"

    def start(self) -> str:
        """Start serving and return the base URL once every host listens."""
        if self._thread is not None:
            return self.url
        ready = threading.Event()
        failure: list[BaseException] = []

        def run():
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(self._listen())
            except BaseException as error:  # reported to start()
                failure.append(error)
                ready.set()
                loop.close()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._shutdown())
            loop.close()

        self._thread = threading.Thread(target=run, name="icws-simulator", daemon=True)
        self._thread.start()
        ready.wait()
        if failure:
            self._thread.join()
            self._thread = None
            raise failure[0]
        with _RUNNING_LOCK:
            _RUNNING.add(self)
        return self.url

    async def _listen(self) -> None:
        loop = asyncio.get_running_loop()
        addresses = [host.address for host in self.scenario.hosts]
        for attempt in range(20):
            port = self.requested_port
            servers: list[asyncio.AbstractServer] = []
            try:
                for address in addresses:
                    server = await loop.create_server(
                        lambda: _HTTPProtocol(self),
                        address,
                        port,
                        backlog=LISTEN_BACKLOG,
                        reuse_address=True,
                        ssl=self._tls,
                    )
                    servers.append(server)
                    port = server.sockets[0].getsockname()[1]
            except OSError:
                for listening in servers:
                    listening.close()
                # With port 0 the first address chose a port another address may lack.
                if self.requested_port == 0 and len(addresses) > 1 and attempt < 19:
                    continue
                raise
            self._servers, self.port = servers, port
            if isinstance(self.model, ReplayModel):
                self.model.base_url = self.url
            return

    async def _shutdown(self) -> None:
        for server in self._servers:
            server.close()
        for transport in list(self._connections):
            transport.close()
        for server in self._servers:
            await server.wait_closed()

    def stop(self) -> None:
        """Stop serving, close every connection and the thread. Safe to call twice."""
        if self._thread is None:
            return
        with _RUNNING_LOCK:
            _RUNNING.discard(self)
        if self._loop is not None and self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._thread = None
        self._loop = None
        self.port = None
        self.model.close()

    def __enter__(self) -> ICWSSimulator:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    # -- control ---------------------------------------------------------------------------

    def later(self, delay: float, action, *args, what: str = "a control action") -> None:
        """Run a control action on the server after ``delay`` seconds, without blocking:
        on the simulated clock, so `advance_time` runs it too (in real time when replaying)."""
        if self._loop is None:
            raise RuntimeError("The ICWS simulator is not running.")
        if isinstance(self.model, ICWSModel):
            self.model.state.clock.later(delay, lambda: action(*args), what)
        else:
            self._loop.call_soon_threadsafe(self._loop.call_later, delay, action, *args)

    def reset(self) -> None:
        """Back to the scenario as it started, on the same port: every session ends (its
        event stream told so), and interactions, statuses, activations, configuration
        writes, faults and the clock's events are forgotten. A replay starts its
        recording's conversation again."""
        if isinstance(self.model, ReplayModel):
            self.model.restart()
            return
        old = self.model
        assert isinstance(old, ICWSModel)
        old.control.end_all_sessions("The server was reset.")
        self.scenario = copy.deepcopy(self._initial_scenario)
        self.faults = FaultPlan.from_scenario(self.scenario.faults)
        self.model = ICWSModel(self.scenario, console=self.console)
        old.close()

    def control(self, what: str = "be controlled") -> Controls:
        """The test controls of the simulated server (:class:`~.control.Controls`); a
        ``ControlError`` saying the replay cannot ``what`` when replaying a recording."""
        if not isinstance(self.model, ICWSModel):
            raise ControlError(
                f"A replayed recording cannot {what}: run this test on the simulator."
            )
        return self.model.control

    # The controls most tests use, by their old names.

    def sessions(self) -> list[dict]:
        return self.model.sessions()

    def disconnect_session(
        self,
        user_id: str,
        reason: str = "The session was ended by the server.",
        should_reconnect: bool = False,
    ) -> int:
        return self.control("end sessions").disconnect_user(user_id, reason, should_reconnect)

    def set_user_status(self, user_id: str, status_id: str, notes: str | None = None) -> dict:
        return self.control("change statuses").set_user_status(user_id, status_id, notes)

    def set_host_accepting(self, address: str, accepting: bool, alternate_hosts=None) -> None:
        self.control("change its hosts").set_host_accepting(address, accepting, alternate_hosts)

    def place_inbound_call(self, workgroup: str, ani: str = "", name: str = "") -> str:
        return self.control("place calls").place_inbound_call(workgroup, ani, name)

    def hang_up(self, interaction_id: str) -> None:
        self.control("hang up calls").hang_up(interaction_id)

    def place_inbound_chat(self, workgroup: str, name: str = "") -> str:
        return self.control("start chats").place_inbound_chat(workgroup, name)

    def write_chat(self, interaction_id: str, text: str, name: str | None = None) -> None:
        self.control("write to chats").write_chat(interaction_id, text, name)

    def interactions(self) -> list[dict]:
        return self.control("list interactions").interactions()

    def set_agent_idle(self, user_id: str, seconds: float) -> None:
        self.control("set idle times").set_agent_idle(user_id, seconds)

    def explain_routing(self, interaction_id: str) -> list[str]:
        """Where an interaction is, whom ACD offered it to, and why each member of its
        workgroup is or is not offered it."""
        return self.control("explain routing").explain_routing(interaction_id)

    def explain_waiting(self, user_id: str | None = None, workgroup_id: str | None = None):
        """:meth:`explain_routing` of each interaction waiting for a user or in a workgroup
        (nothing when replaying)."""
        if not isinstance(self.model, ICWSModel):
            return []
        return self.model.control.explain_waiting(user_id, workgroup_id)

    def advance_time(self, seconds: float) -> list[str]:
        return self.control("advance time").advance_time(seconds)

    def inject_fault(
        self, kind: FaultKind | str, count: int = 1, path: str = "", seconds: float = 1.0
    ) -> None:
        """Make the next ``count`` requests (0: all, until cleared) on ``path`` fail so."""
        self.faults.add(Fault(FaultKind(kind), count, path, seconds))

    def clear_faults(self) -> None:
        self.faults.clear()

    def requests_seen(self, path_contains: str = "") -> list[dict]:
        """The requests answered lately (at most the last 1,000), oldest first."""
        return [
            {"method": method, "path": path, "status": status}
            for method, path, status in list(self.request_log)
            if path_contains.lower() in path.lower()
        ]

    def cut_streams(self) -> int:
        """Close every open event stream, as a proxy that drops idle connections would.

        The sessions stay alive; their messages queue until a client reconnects.
        """
        loop = self._loop
        if loop is None:
            return 0
        streams = [t for t in list(self._connections) if t.get_protocol()._stream is not None]
        for transport in streams:
            loop.call_soon_threadsafe(transport.abort)
        return len(streams)
