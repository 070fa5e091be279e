"""The test-control API of a simulated server: what tests, the Robot library and the
command line do to the server from outside ICWS (a caller dials in, a session is ended,
the clock moves on).

Each control is one change of the model (holding its lock, then settling, as a request
does) and refuses what it cannot do with a :class:`~.errors.ControlError` naming what is
missing. Reached as ``ICWSSimulator.control(...)`` or ``ICWSModel.control``.
"""

from __future__ import annotations

from .contact import ChatParty, ContactCenter, Interaction
from .errors import ControlError, SimulatorError
from .scenario import ScenarioError, User, Workgroup
from .scenario.checks import skill_requirements
from .state import ServerState
from .statuses import Statuses
from .workforce import WorkforceService


class Controls:
    def __init__(
        self,
        state: ServerState,
        contact: ContactCenter,
        statuses: Statuses,
        workforce: WorkforceService | None = None,
    ) -> None:
        self._state = state
        self._scenario = state.scenario
        self._contact = contact
        self._statuses = statuses
        self._workforce = workforce

    # -- sessions ---------------------------------------------------------------------------

    def sessions(self) -> list[dict]:
        """The live sessions (idle ones past the scenario's timeout end first)."""
        with self._state.changing():
            for session in list(self._state.sessions.live.values()):
                self._state.expire_if_idle(session)
            return [session.describe() for session in self._state.sessions.live.values()]

    def end_all_sessions(self, reason: str) -> None:
        """End every live session, telling each why (the server is being reset)."""
        with self._state.changing():
            for user_id in {session.user.id for session in self._state.sessions.live.values()}:
                self._state.end_user_sessions(user_id, reason, should_reconnect=True)

    def disconnect_user(self, user_id: str, reason: str, should_reconnect: bool = False) -> int:
        """End every live session of a user on the server side; returns how many."""
        with self._state.changing():
            return self._state.end_user_sessions(user_id, reason, should_reconnect)

    # -- statuses ---------------------------------------------------------------------------

    def check_status_change(self, user_id: str, status_id: str) -> User:
        """The user, if both the user and the status exist."""
        user = self._scenario.user(user_id)
        if user is None:
            raise ControlError(f"The scenario has no user {user_id!r}.")
        if status_id.casefold() not in self._state.statuses:
            known = ", ".join(s["statusId"] for s in self._scenario.statuses)
            raise ControlError(f"The scenario has no status {status_id!r}; known: {known}.")
        return user

    def set_user_status(self, user_id: str, status_id: str, notes: str | None = None) -> dict:
        with self._state.changing():
            user = self.check_status_change(user_id, status_id)
            return self._statuses.apply_status(user, status_id, notes)

    # -- the contact center -----------------------------------------------------------------

    def place_inbound_call(
        self, workgroup_id: str, ani: str = "", name: str = "", skills: dict | None = None
    ) -> str:
        """A call from outside arrives in a workgroup's queue; returns its interaction id.
        ``skills`` (skill id -> the least proficiency) are what ACD requires of its agent."""
        with self._state.changing():
            workgroup = self._workgroup(workgroup_id)
            needed = None
            if skills:
                try:
                    needed = skill_requirements(skills, self._scenario.skills, "the call", "")
                except ScenarioError as error:
                    raise ControlError(str(error).lstrip(": ")) from None
            call = self._contact.router.place_inbound(workgroup, ani, name, skills=needed)
            return call.id

    def place_inbound_chat(self, workgroup_id: str, name: str = "") -> str:
        """A visitor outside the server starts a chat with a workgroup; returns its id."""
        with self._state.changing():
            workgroup = self._workgroup(workgroup_id)
            return self._contact.start_chat(ChatParty(name or "Visitor"), workgroup=workgroup).id

    def write_chat(self, interaction_id: str, text: str, name: str | None = None) -> None:
        """The chat's remote party writes ``text``: its visitor, or a party outside the
        server named ``name`` (default: ``Visitor``)."""
        with self._state.changing():
            interaction = self._interaction(interaction_id)
            chat = self._contact.chats.of(interaction)
            if chat is None:
                raise ControlError(f"Interaction {interaction_id} is not a chat.")
            outside = [party for party in chat.members if not party.user_id]
            wanted = name or (outside[0].display_name if outside else "Visitor")
            party = next((p for p in outside if p.display_name == wanted), None)
            try:
                self._contact.write_chat(interaction, party or ChatParty(wanted), text)
            except SimulatorError as refused:
                raise ControlError(f"Cannot write to chat {interaction_id}: {refused}.") from None

    def hang_up(self, interaction_id: str) -> None:
        """The remote party hangs up: the interaction becomes Externally Disconnected."""
        with self._state.changing():
            self._contact.disconnect(self._interaction(interaction_id), by_agent=False)

    def answer(self, interaction_id: str) -> None:
        """The far party answers an outbound call ringing outside the server: it is
        Connected (and, without call analysis, where CIC shows it Connected while it
        rings, it no longer ends unanswered)."""
        with self._state.changing():
            interaction = self._interaction(interaction_id)
            ringing = interaction.state in ("S", "R") or (
                interaction.state == "C" and interaction.timer is not None
                and not interaction.timer.cancelled
            )  # fmt: skip
            if not ringing or interaction.attributes.get("Eic_CallDirection") != "O":
                raise ControlError(
                    f"Interaction {interaction_id} is not ringing at a far party (its state is "
                    f"{interaction.state or 'not set'})."
                )
            if interaction.state == "C":
                interaction.cancel_timer()
            else:
                self._contact.actions.connect(interaction)

    def voicemail_count(self, user_id: str) -> int:
        """How many voice mail messages callers left for the user."""
        user = self._scenario.user(user_id)
        if user is None:
            raise ControlError(f"The simulator has no user {user_id!r}.")
        with self._state.changing(read_only=True):
            return self._contact.voicemail.count(user)

    def monitors(self, interaction_id: str) -> list[dict]:
        """Who monitors the interaction, how, and on which call of their own."""
        with self._state.changing(read_only=True):
            watched = self._interaction(interaction_id)
            return [
                {"user": m.supervisor.id, "mode": m.mode, "interactionId": m.leg.id}
                for m in self._contact.monitoring.monitors(watched)
            ]

    def set_agent_idle(self, user_id: str, seconds: float) -> None:
        """Make a user idle for ``seconds`` as of now: ACD offers the longest idle first."""
        with self._state.changing():
            user = self._scenario.user(user_id)
            if user is None:
                raise ControlError(f"The simulator has no user {user_id!r}.")
            self._contact.set_idle(user, seconds)

    def explain_routing(self, interaction_id: str) -> list[str]:
        """Where an interaction is and why each member of its workgroup has it or not."""
        with self._state.changing(read_only=True):
            return self._contact.explain_routing(self._interaction(interaction_id))

    def explain_waiting(
        self, user_id: str | None = None, workgroup_id: str | None = None
    ) -> list[str]:
        """The routing of the interactions waiting for ``user_id`` or in ``workgroup_id``."""
        with self._state.changing(read_only=True):
            user = self._scenario.user(user_id) if user_id else None
            workgroup = self._scenario.workgroup(workgroup_id) if workgroup_id else None
            if (user_id and user is None) or (workgroup_id and workgroup is None):
                return []
            return self._contact.explain_waiting(user, workgroup)

    def interactions(self) -> list[dict]:
        with self._state.changing(read_only=True):
            return [i.describe() for i in self._contact.interactions.values()]

    # -- time and hosts ---------------------------------------------------------------------

    def advance_time(self, seconds: float) -> list[str]:
        """Run the timed events of the next ``seconds`` at once (alert timeouts...), and
        those they schedule within them; returns what ran."""
        return self._state.clock.advance(seconds)

    def review_time_off(self, request_id: str, approve: bool, reviewer: str) -> dict:
        """A supervisor approves or denies a pending time-off request, as they would in
        Interaction Optimizer; returns the request as the agent now reads it."""
        if self._workforce is None:
            raise ControlError("The simulator has no workforce management.")
        if self._scenario.user(reviewer) is None:
            raise ControlError(f"The simulator has no user {reviewer!r} to review time off.")
        with self._state.changing():
            return self._workforce.review(request_id, approve, reviewer).body()

    def set_host_accepting(self, address: str, accepting: bool, alternate_hosts=None) -> None:
        with self._state.changing():
            for host in self._scenario.hosts:
                if host.address == address:
                    host.accepting = accepting
                    if alternate_hosts is not None:
                        host.alternate_hosts = list(alternate_hosts)
                    return
            raise ControlError(f"The scenario has no host {address!r}.")

    # -- finding ----------------------------------------------------------------------------

    def _workgroup(self, workgroup_id: str) -> Workgroup:
        workgroup = self._scenario.workgroup(workgroup_id)
        if workgroup is None:
            known = ", ".join(w.id for w in self._scenario.workgroups.values()) or "none"
            raise ControlError(f"The scenario has no workgroup {workgroup_id!r}; known: {known}.")
        return workgroup

    def _interaction(self, interaction_id: str) -> Interaction:
        interaction = self._contact.find(str(interaction_id))
        if interaction is None:
            raise ControlError(f"The simulator has no interaction {interaction_id!r}.")
        return interaction
