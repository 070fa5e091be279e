"""The simulated CIC server: a route table over feature resources.

``ICWSModel.handle(request) -> response`` is the whole server, with no I/O: the HTTP
layer (``server.py``) feeds it, and tests call it directly. Each ICWS feature is a
component in ``resources/`` over one shared :class:`~.state.ServerState`; a new feature is
a new file there, created in :class:`ICWSModel`.
"""

from __future__ import annotations

import re
import time
from urllib.parse import unquote

from ..protocol.errors import INTERNAL_ERROR_CODE
from ..protocol.operations import methods_for, template_for
from .configuration import ConfigurationStore
from .console import PREFIX as CONSOLE
from .console import Console
from .contact import ContactCenter
from .control import Controls
from .directory import Directory
from .directory_watch import DirectoryWatch
from .errors import SimulatorError
from .resources.activations import ActivationResource
from .resources.configuration import ConfigurationResource
from .resources.connection import ConnectionResource
from .resources.directories import DirectoryResource
from .resources.interactions import InteractionResource
from .resources.licenses import LicenseResource
from .resources.messaging import MessagingResource
from .resources.recordings import EXPORTS, RecordingResource
from .resources.sessions import SessionResource
from .resources.station import StationResource
from .resources.statistics import StatisticsResource
from .resources.status import StatusResource
from .resources.transfers import TransferResource
from .resources.workforce import WorkforceResource
from .scenario import Scenario, load_scenario
from .session_watch import SessionWatch
from .sessions import ENDED_SESSIONS_KEPT, Session, check_credentials, session_cookie
from .speed_dials import SpeedDials
from .state import ServerState
from .statistics import Statistics
from .statuses import Statuses
from .wire import Request, Response, error_response, json_response
from .workforce import WorkforceService

__all__ = [
    "ENDED_SESSIONS_KEPT",
    "ICWSModel",
    "INTERNAL_ERROR_CODE",
    "Request",
    "Response",
    "error_response",
    "json_response",
    "session_cookie",
]


class ICWSModel:
    """The state and rules of one simulated CIC server (all its hosts)."""

    def __init__(self, scenario: Scenario | str | None = None, console: bool = False):
        self.scenario = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
        self.state = ServerState(self.scenario)
        # Requests answered, for benchmarks and tests that count what clients send.
        self.requests_served = 0
        self.connection = ConnectionResource(self.state)
        self.messaging = MessagingResource(self.state)
        self.statuses = Statuses(self.state)
        self.status = StatusResource(self.state, self.statuses)
        self.licenses = LicenseResource(self.state)
        self.station = StationResource(self.state, self.statuses, self.licenses)
        self.contact = ContactCenter(self.state, self.statuses)
        # A licence acquired or released may change who ACD offers interactions to.
        self.licenses.on_change(self.contact.licences_changed)
        self.interactions = InteractionResource(self.contact)
        self.transfers = TransferResource(self.interactions)
        self.recordings = RecordingResource(self.interactions)
        directory = Directory(self.scenario)
        watch = DirectoryWatch(self.state, self.statuses, directory, SpeedDials(directory))
        self.directory = DirectoryResource(directory, self.state, watch)
        self.session_watch = SessionResource(SessionWatch(self.state))
        self.activations = ActivationResource(self.contact)
        self.configuration = ConfigurationResource(ConfigurationStore(self.scenario, self.contact))
        self.statistics = StatisticsResource(Statistics(self.contact))
        self.workforce = WorkforceResource(WorkforceService(self.state, self.scenario.workforce))
        # What tests and keywords do to the server from outside ICWS.
        self.control = Controls(self.state, self.contact, self.statuses, self.workforce.service)
        # The page for people, off unless asked for (it is not ICWS).
        self.console = (
            Console(self.state, self.contact, self.statuses, self.control) if console else None
        )
        self._sessionless: list = []
        self._session_routes: list = []
        resources = (
            self.connection, self.messaging, self.status, self.licenses, self.station,
            self.interactions, self.transfers, self.recordings, self.activations,
            self.configuration, self.statistics, self.directory, self.session_watch,
            self.workforce,
        )  # fmt: skip
        for resource in resources:
            for method, pattern, handler, needs_session in resource.routes():
                if needs_session:
                    self._session_routes.append((method, pattern, handler))
                else:
                    # /icws/connection/... is matched without regard to case, as IIS does.
                    pattern = re.compile(pattern.pattern, re.IGNORECASE)
                    self._sessionless.append((method, pattern, handler))

    # -- the stream hub the HTTP server uses -----------------------------------------------

    def open_stream(self, session, listener) -> None:
        self.state.open_stream(session, listener)

    def close_stream(self, session, listener) -> None:
        self.state.close_stream(session, listener)

    def drain(self, session) -> tuple[list[dict], bool]:
        return self.state.drain(session)

    # -- entry point -----------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        try:
            with self.state.changing(read_only=request.method == "GET"):
                self.requests_served += 1
                return self._dispatch(request)
        except Exception as error:  # never an HTML page, never a dropped connection
            return error_response(
                500,
                "error.server.internal",
                f"The ICWS simulator failed on {request.method} {request.path}: {error!r}",
                INTERNAL_ERROR_CODE,
            )

    def _dispatch(self, request: Request) -> Response:
        path = request.path
        if self.console is not None and (path == CONSOLE or path.startswith(CONSOLE + "/")):
            return self.console.handle(request)
        if path.startswith(EXPORTS) and request.method == "GET":
            try:
                return self.recordings.export(request)
            except SimulatorError as refused:
                return refused.response()
        if not path.lower().startswith("/icws/"):
            return _not_found(request)
        rest = path[len("/icws/") :].rstrip("/")
        head, _, tail = rest.partition("/")
        if head.lower() == "connection":
            return self._route(self._sessionless, request, rest) or self._unrouted(request)
        if not head.isdigit():
            return _not_found(request)
        asks_messages = request.method == "GET" and tail.lower() == "messaging/messages"
        session = self.state.sessions.find(head)
        if session is not None and not session.ended:
            self.state.expire_if_idle(session)
        problem = check_credentials(
            request,
            head,
            session,
            cookie_only=asks_messages,
            # An ended session may still learn why, and fetch its last messages.
            allow_ended=request.method == "GET"
            and session is not None
            and (tail.lower() == "connection" or (asks_messages and bool(session.messages))),
        )
        if problem is not None:
            return problem
        assert session is not None  # credentials hold only for a session
        if self.scenario.host(request.local_address).address != session.host:
            # [doc] A session lives on the server that accepted its logon; the other host
            # of a switchover pair does not know it.
            return check_credentials(request, head, None) or _not_found(request)
        session.last_used = time.monotonic()
        return self._route(self._session_routes, request, tail, session) or self._unrouted(request)

    @staticmethod
    def _route(routes, request: Request, path: str, *session: Session) -> Response | None:
        for method, pattern, handler in routes:
            if method == request.method:
                match = pattern.match(path)
                if match:
                    try:
                        return handler(request, *session, *(unquote(g) for g in match.groups()))
                    except SimulatorError as refused:
                        return refused.response()
        return None

    def _unrouted(self, request: Request) -> Response:
        path = request.path
        methods = methods_for(path)
        if request.method in methods:
            template = template_for(request.method, path)
            refusal = self._refused_without_right(request, template)
            if refusal is not None:
                return refusal
            return error_response(
                501,
                "simulator.notSimulated",
                f"The ICWS simulator does not simulate {request.method} {template}.",
            )
        if methods:
            return error_response(
                405,
                "error.request.accessDenied.httpMethodNotAllowed",
                f"The HTTP method {request.method} is not allowed on {path}; "
                f"allowed: {', '.join(sorted(methods))}.",
            )
        return _not_found(request)

    def _refused_without_right(self, request: Request, template: str | None) -> Response | None:
        """The 403 a real server gives a user without the right, for operations the
        simulator does not otherwise answer: writes to configuration objects need the
        administrator's right. [doc] 403 is listed for them; [guess] the errorId."""
        if request.method not in ("POST", "PUT", "DELETE") or not template:
            return None
        if not template.lower().startswith("/icws/{sessionid}/configuration/"):
            return None
        session = self.state.sessions.live.get(request.path.split("/")[2])
        return None if session is None else self.configuration.write_refusal(session)

    # -- what the HTTP server asks of a backend (see wire.Backend) ---------------------------

    def sessions(self) -> list[dict]:
        return self.control.sessions()

    def end_session_of(self, path: str, reason: str) -> None:
        """End the session a request path names, if it is live (fault injection)."""
        match = re.match(r"^/icws/(\d+)", path)
        with self.state.changing():
            session = self.state.sessions.live.get(match.group(1)) if match else None
            if session is not None:
                self.state.end_session(session, reason)

    def close(self) -> None:
        self.state.clock.close()


def _not_found(request: Request) -> Response:
    return error_response(
        404, "error.request.notFound", f"No ICWS resource at {request.method} {request.path}."
    )
