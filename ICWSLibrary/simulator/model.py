"""The simulated CIC server: a route table over feature resources, and a control API.

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
from .contact import ChatParty, ContactCenter
from .errors import ControlError, SimulatorError
from .resources.activations import ActivationResource
from .resources.configuration import ConfigurationResource
from .resources.connection import ConnectionResource
from .resources.interactions import InteractionResource
from .resources.licenses import LicenseResource
from .resources.messaging import MessagingResource
from .resources.station import StationResource
from .resources.statistics import StatisticsResource
from .resources.status import StatusResource
from .scenario import Scenario, load_scenario
from .sessions import ENDED_SESSIONS_KEPT, Session, check_credentials, session_cookie
from .state import ServerState
from .statistics import Statistics
from .wire import Request, Response, error_response, json_response

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

    def __init__(self, scenario: Scenario | str | None = None):
        self.scenario = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
        self.state = ServerState(self.scenario)
        # Requests answered, for benchmarks and tests that count what clients send.
        self.requests_served = 0
        self.connection = ConnectionResource(self.state)
        self.messaging = MessagingResource(self.state)
        self.status = StatusResource(self.state)
        self.licenses = LicenseResource(self.state)
        self.station = StationResource(self.state, self.status, self.licenses)
        self.contact = ContactCenter(self.state, self.status)
        self.interactions = InteractionResource(self.contact)
        self.activations = ActivationResource(self.contact)
        self.configuration = ConfigurationResource(ConfigurationStore(self.scenario, self.contact))
        self.statistics = StatisticsResource(Statistics(self.contact))
        self._sessionless: list = []
        self._session_routes: list = []
        resources = (
            self.connection, self.messaging, self.status, self.licenses, self.station,
            self.interactions, self.activations, self.configuration, self.statistics,
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
            and (tail.lower() == "connection" or (asks_messages and bool(session.messages))),
        )
        if problem is None and self.scenario.host(request.local_address).address != session.host:
            # [doc] A session lives on the server that accepted its logon; the other host
            # of a switchover pair does not know it.
            problem = check_credentials(request, head, None)
        if problem is not None:
            return problem
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

    # -- control, for tests and keywords (thread-safe) -------------------------------------

    def sessions(self) -> list[dict]:
        with self.state.changing():
            for session in list(self.state.sessions.live.values()):
                self.state.expire_if_idle(session)
            return [session.describe() for session in self.state.sessions.live.values()]

    def deliver(self, session: Session, message: dict) -> None:
        """Queue a message for a session and wake its event streams."""
        self.state.deliver(session, message)

    def end_all_sessions(self, reason: str) -> None:
        """End every live session, telling each why (the server is being reset)."""
        with self.state.changing():
            for user_id in {session.user.id for session in self.state.sessions.live.values()}:
                self.state.end_user_sessions(user_id, reason, should_reconnect=True)

    def disconnect_user(self, user_id: str, reason: str, should_reconnect: bool = False) -> int:
        """End every live session of a user on the server side; returns how many."""
        with self.state.changing():
            return self.state.end_user_sessions(user_id, reason, should_reconnect)

    def check_status_change(self, user_id: str, status_id: str):
        """The user, if both user and status exist; KeyError naming what is missing."""
        return self.status.check_status_change(user_id, status_id)

    def set_user_status(self, user_id: str, status_id: str, notes: str | None = None) -> dict:
        with self.state.changing():
            user = self.status.check_status_change(user_id, status_id)
            return self.status.apply_status(user, status_id, notes)

    def user_status(self, user) -> dict:
        return self.status.user_status(user)

    def end_session_of(self, path: str, reason: str) -> None:
        """End the session a request path names, if it is live (fault injection)."""
        match = re.match(r"^/icws/(\d+)", path)
        with self.state.changing():
            session = self.state.sessions.live.get(match.group(1)) if match else None
            if session is not None:
                self.state.end_session(session, reason)

    def place_inbound_call(self, workgroup_id: str, ani: str = "", name: str = "") -> str:
        """A call from outside arrives in a workgroup's queue; returns its interaction id."""
        with self.state.changing():
            return self.contact.place_inbound(self._workgroup(workgroup_id), ani, name).id

    def place_inbound_chat(self, workgroup_id: str, name: str = "") -> str:
        """A visitor outside the server starts a chat with a workgroup; returns its id."""
        with self.state.changing():
            workgroup = self._workgroup(workgroup_id)
            visitor = ChatParty(name or "Visitor")
            return self.contact.start_chat(visitor, workgroup=workgroup).id

    def write_chat(self, interaction_id: str, text: str, name: str | None = None) -> None:
        """The chat's remote party writes ``text``: its visitor, or a party outside the
        server named ``name`` (default: ``Visitor``)."""
        with self.state.changing():
            interaction = self._interaction(interaction_id)
            chat = self.contact.chats.of(interaction)
            if chat is None:
                raise ControlError(f"Interaction {interaction_id} is not a chat.")
            outside = [party for party in chat.members if not party.user_id]
            wanted = name or (outside[0].display_name if outside else "Visitor")
            party = next((p for p in outside if p.display_name == wanted), None)
            try:
                self.contact.write_chat(interaction, party or ChatParty(wanted), text)
            except SimulatorError as refused:
                raise ControlError(f"Cannot write to chat {interaction_id}: {refused}.") from None

    def _workgroup(self, workgroup_id: str):
        workgroup = self.scenario.workgroup(workgroup_id)
        if workgroup is None:
            known = ", ".join(w.id for w in self.scenario.workgroups.values()) or "none"
            raise ControlError(f"The scenario has no workgroup {workgroup_id!r}; known: {known}.")
        return workgroup

    def _interaction(self, interaction_id: str):
        interaction = self.contact.interactions.get(str(interaction_id))
        if interaction is None:
            raise ControlError(f"The simulator has no interaction {interaction_id!r}.")
        return interaction

    def hang_up(self, interaction_id: str) -> None:
        """The remote party hangs up: the interaction becomes Externally Disconnected."""
        with self.state.changing():
            self.contact.disconnect(self._interaction(interaction_id), by_agent=False)

    def set_agent_idle(self, user_id: str, seconds: float) -> None:
        """Make a user idle for ``seconds`` as of now: ACD offers the longest idle first."""
        with self.state.changing():
            user = self.scenario.user(user_id)
            if user is None:
                raise ControlError(f"The simulator has no user {user_id!r}.")
            self.contact.set_idle(user, seconds)

    def explain_routing(self, interaction_id: str) -> list[str]:
        """Where an interaction is and why each member of its workgroup has it or not."""
        with self.state.changing():
            return self.contact.explain_routing(self._interaction(interaction_id))

    def explain_waiting(self, user_id: str | None = None, workgroup_id: str | None = None):
        """The routing of the interactions waiting for ``user_id`` or in ``workgroup_id``."""
        with self.state.changing():
            user = self.scenario.user(user_id) if user_id else None
            workgroup = self.scenario.workgroup(workgroup_id) if workgroup_id else None
            if (user_id and user is None) or (workgroup_id and workgroup is None):
                return []
            return self.contact.explain_waiting(user, workgroup)

    def interactions_now(self) -> list[dict]:
        with self.state.changing():
            return [i.describe() for i in self.contact.interactions.values()]

    def advance_time(self, seconds: float) -> list[str]:
        """Run the timed events of the next ``seconds`` at once (alert timeouts...), and
        those they schedule within them; returns what ran."""
        return self.state.clock.advance(seconds)

    def close(self) -> None:
        self.state.clock.close()

    def set_host_accepting(self, address: str, accepting: bool, alternate_hosts=None) -> None:
        with self.state.changing():
            for host in self.scenario.hosts:
                if host.address == address:
                    host.accepting = accepting
                    if alternate_hosts is not None:
                        host.alternate_hosts = list(alternate_hosts)
                    return
            raise ControlError(f"The scenario has no host {address!r}.")


def _not_found(request: Request) -> Response:
    return error_response(
        404, "error.request.notFound", f"No ICWS resource at {request.method} {request.path}."
    )
