"""ACD: queueing, who may take an interaction, who is offered it, and what happens then.

[doc] An interaction in a workgroup queue is offered to the eligible member idle longest
(CONTACT-CENTER 2.1); unanswered within the workgroup's alert timeout, the agent gets the
no-answer status and the interaction goes back to the queue. Routing runs after every
change that may make an agent eligible or an interaction wait; one pass costs the waiting
interactions plus the members of their workgroups, never their product.
"""

from __future__ import annotations

import heapq
from collections import Counter, deque
from collections.abc import Callable

from ...protocol.interactions import ACD_LICENSE, START_ALERTING
from ..scenario import User, Workgroup
from ..sessions import Session
from ..state import ServerState
from ..statuses import Statuses
from ..wire import now_compact
from .activations import Activations
from .availability import Availability
from .interaction import CALL, MEDIA_NAMES, STATE_TEXT, Interaction, Interactions
from .lifecycle import Lifecycle


def required_skills(interaction: Interaction) -> dict[str, int]:
    """The skills ACD requires for the interaction: its workgroup's, then its own."""
    workgroup = interaction.workgroup
    return {**(workgroup.required_skills if workgroup else {}), **interaction.skills}


def missing_skills(user: User, interaction: Interaction) -> list[str]:
    """[doc] ACD offers an interaction only to an agent with each skill it requires, at
    least as proficient as it requires: what ``user`` lacks, as "skill X (has 40, needs
    50)"; empty when they have it all."""
    needed = required_skills(interaction)
    if not needed:
        return []
    have = {skill.casefold(): level for skill, (level, _desire) in user.skills.items()}
    lacks = []
    for skill, level in needed.items():
        held = have.get(skill.casefold())
        if held is None or held < level:
            lacks.append(f"skill {skill} (has {held if held is not None else 'none'}, "
                         f"needs {level})")  # fmt: skip
    return lacks


def hand_to(interaction: Interaction, user: User | None, session: Session | None) -> dict[str, str]:
    """Make ``user``, on the station of ``session``, the agent whose queues hold the
    interaction (None: nobody's, back in a queue); the attributes that say so, for the
    caller to set in the same change as its state.

    [guess] The station's id and extension (its number, for a remote number), as the
    vendor's attributes reference describes Eic_StationName and Eic_LocalAddress."""
    station = session.station if session is not None else None
    interaction.agent = user
    interaction.station = station["id"] if station else None
    number = str(station.get("extension") or station.get("id") or "") if station else ""
    return {
        "Eic_LocalUserId": user.id if user else "",
        "Eic_LocalName": user.display_name if user else "",
        "Eic_UserName": user.id if user else "",
        "Eic_StationName": str(station.get("id", "")) if station else "",
        "Eic_LocalAddress": number,
        "Eic_LocalTn": number,
    }


class Router:
    def __init__(
        self,
        state: ServerState,
        status: Statuses,
        interactions: Interactions,
        activations: Activations,
        lifecycle: Lifecycle,
    ) -> None:
        self.state = state
        self.status = status
        self.scenario = state.scenario
        self.clock = state.clock
        self.interactions = interactions
        self.activations = activations
        self.lifecycle = lifecycle
        # Clock time each agent became available: the longest idle goes first.
        self.idle_since: dict[str, float] = {}
        # Who could take what, per workgroup (set by the center once both exist).
        self.availability: Availability
        # Whether an agent is in after-call work (wrap-up tells; it explains a refusal).
        self.in_after_call_work: Callable[[User], bool] = lambda user: False
        self._routing = False
        self._route_again = False
        status.on_change(lambda user: self.route_waiting())
        activations.on_change(self.route_waiting)
        state.on_session_end(self._session_ended)

    # -- queueing ---------------------------------------------------------------------------

    def place_inbound(
        self,
        workgroup: Workgroup,
        address: str,
        name: str,
        media: int = CALL,
        skills: dict[str, int] | None = None,
        **attributes,
    ) -> Interaction:
        """An interaction arriving in a workgroup queue, Offering, then routed by ACD to
        an agent with ``skills`` (skill id -> the least proficiency) if given."""
        defaults = {"Eic_CallDirection": "I", "Eic_CallType": "E"}
        if media == CALL and address:
            # [guess] The remote party's number, as Eic_RemoteTn holds it for a call.
            defaults["Eic_RemoteTn"] = address
        interaction = self.interactions.new(media, **{**defaults, **attributes})
        interaction.skills = dict(skills or {})
        self.enter_queue(
            interaction, workgroup, Eic_RemoteAddress=address, Eic_RemoteName=name,
            Eic_RemoteId=address,
        )  # fmt: skip
        return interaction

    def enter_queue(
        self, interaction: Interaction, workgroup: Workgroup, *, route: bool = True, **attributes
    ) -> None:
        """The interaction waits, Offering, in the workgroup's queue, and ACD routes it
        (unless the caller routes once it has released the agent who had it)."""
        interaction.workgroup = workgroup
        nobody = hand_to(interaction, None, None)
        interaction.queued_at = self.clock.now()
        self.lifecycle.emit("entered", interaction, workgroup)
        # [doc] Eic_AcdSkillSet names the skills ACD requires ("sets the Eic_AcdSkillSet
        # attribute to English"); [guess] several joined by commas.
        self.interactions.set_state(
            interaction, "O", **attributes, Eic_WorkgroupName=workgroup.id,
            Eic_LineQueueTimestamp=now_compact(),
            Eic_AcdSkillSet=",".join(required_skills(interaction)), **nobody,
        )  # fmt: skip
        if route:
            self.route_waiting()

    # -- routing ----------------------------------------------------------------------------

    def route_waiting(self) -> None:
        """Offer each waiting interaction, oldest first, to its longest-idle eligible agent.

        A call made while routing (a status change it causes) routes again afterwards.
        """
        if self._routing:
            self._route_again = True
            return
        self._routing = True
        try:
            self._route_again = True
            while self._route_again:
                self._route_again = False
                self._route_pass()
        finally:
            self._routing = False

    def _route_pass(self) -> None:
        """One pass over the waiting interactions, oldest first across every workgroup.
        Each (workgroup, media) has its ready agents read once from the availability
        index, so a pass costs the waiting interactions plus the ready agents, never their
        product, and nothing in proportion to the members who cannot take anything."""
        ready_for = {key: self._ready_count(*key) for key in self.interactions.waiting}
        ready_for = {key: count for key, count in ready_for.items() if count}
        if not ready_for:
            return  # calls wait behind busy agents: a change costs nothing per call waiting
        # Of each queue and medium at most as many as agents are ready, the oldest first.
        waiting = self.interactions.oldest_waiting(ready_for)
        wanted = Counter((i.workgroup.id.lower(), i.media) for i in waiting if i.workgroup)
        candidates: dict[tuple[str, int], deque[str]] = {}
        partial: set[tuple[str, int]] = set()
        for interaction in waiting:
            workgroup = interaction.workgroup
            assert workgroup is not None
            key = (workgroup.id.lower(), interaction.media)
            if key not in candidates:
                candidates[key], complete = self._ready_agents(
                    workgroup, interaction.media, wanted[key]
                )
                if not complete:
                    partial.add(key)
            offered = self._offer(interaction, workgroup, candidates[key])
            if not offered and key in partial:
                # The few taken first went to other workgroups in this pass: take them all.
                partial.discard(key)
                candidates[key], _ = self._ready_agents(workgroup, interaction.media, None)
                self._offer(interaction, workgroup, candidates[key])

    def _ready_count(self, workgroup_id: str, media: int) -> int:
        workgroup = self.scenario.workgroup(workgroup_id)
        if workgroup is None:
            return 0
        return len(self.availability.of(workgroup).ready.get(media, ()))

    def _offer(self, interaction: Interaction, workgroup: Workgroup, ready: deque[str]) -> bool:
        """Alert the first agent of ``ready`` who may still take it and has the skills it
        requires. Each is checked again (one alerted for another workgroup in this pass is
        busy now); one who lacks the skills stays ready for the next interaction."""
        lacking: list[str] = []
        offered = False
        while ready:
            user_id = ready.popleft()
            user = self.scenario.user(user_id)
            session = self.eligible_session(user, workgroup, interaction.media) if user else None
            if user is None or session is None:
                continue
            if missing_skills(user, interaction):
                lacking.append(user_id)
                continue
            self.alert(interaction, user, session, acd=True)
            offered = True
            break
        ready.extendleft(reversed(lacking))
        return offered

    def _ready_agents(
        self, workgroup: Workgroup, media: int, count: int | None
    ) -> tuple[deque[str], bool]:
        """Lower-case ids of the members ACD may offer an interaction of ``media`` now,
        longest idle first (ties in the workgroup's member order): the first ``count``, or
        all; and whether that is all of them."""
        members = self.availability.of(workgroup)
        ready = members.ready.get(media, set())
        position = members.position

        def order(user_id: str) -> tuple[float, int]:
            return self.idle_since.get(user_id, float("-inf")), position.get(user_id, 0)

        if count is None or count >= len(ready):
            return deque(sorted(ready, key=order)), True
        return deque(heapq.nsmallest(count, ready, key=order)), False

    def reset_idle(self, user: User, seconds: float = 0.0) -> None:
        """``user`` is available as of ``seconds`` ago, for "longest available" routing."""
        self.idle_since[user.id.lower()] = self.clock.now() - seconds

    def eligible_session(self, user: User, workgroup: Workgroup, media: int) -> Session | None:
        """The session through which ``user`` may take an ACD interaction of ``media``."""
        found = self.eligibility(user, workgroup, media)
        return found if isinstance(found, Session) else None

    def eligibility(self, user: User, workgroup: Workgroup, media: int) -> Session | str:
        """The session through which ``user`` may take an ACD interaction of ``media``, or
        why there is none.

        [doc] A member, activated, in an ACD status, licensed for ACD, not busy, with a
        station ready for interactions of that media (CONTACT-CENTER 2.1). Callers ask of
        members only, and only members are activated, so membership is not checked again
        (a set of a thousand members built per check made routing quadratic).
        """
        if not workgroup.is_active:
            return "the workgroup is not active"  # [guess] an inactive workgroup routes nothing
        if not self.activations.is_activated(workgroup, user):
            return "not activated in the workgroup"
        status_id = self.state.user_status[user.id.lower()]["statusId"]
        status = self.state.statuses.get(status_id.casefold())
        if not status or not status.get("isAcdStatus"):
            if self.in_after_call_work(user):
                return f"in after-call work (status '{status_id}')"
            return f"status '{status_id}' does not take ACD interactions"
        if ACD_LICENSE not in user.licenses:
            return f"has no {ACD_LICENSE} licence"
        if user.media_level == 0:
            return "licensed for no ACD media (mediaLevel 0)"
        if user.media_types is not None and media not in user.media_types:
            covered = ", ".join(MEDIA_NAMES.get(m, str(m)) for m in user.media_types) or "none"
            return (
                f"the ACD licence covers no {MEDIA_NAMES.get(media, media)} interactions "
                f"(media level {user.media_level}: {covered})"
            )
        if self.interactions.is_busy(user):
            return "busy with another interaction"
        sessions = self.state.sessions.of_user(user.id)
        if not sessions:
            return "not logged on"
        stations = [session.station for session in sessions if session.station]
        if not stations:
            return "logged on to no station"
        if not any(ACD_LICENSE in session.licenses for session in sessions):
            # [doc] An agent holds a licence from the server's pool: with the pool in use
            # (the scenario's 'licenses'), ACD leaves them out.
            return (
                f"holds no {ACD_LICENSE} licence (none was free in the pool at station "
                "logon, or it was released)"
            )
        for session in sessions:
            station = session.station
            if (
                station
                and station.get("readyForInteractions")
                and media in station.get("allowedMediaTypes", ())
            ):
                return session
        if not any(station.get("readyForInteractions") for station in stations):
            return "the station is not ready for interactions"
        return f"the station does not take {MEDIA_NAMES.get(media, media)} interactions"

    # -- explaining -------------------------------------------------------------------------

    def explain_waiting(self, user: User | None = None, workgroup: Workgroup | None = None):
        """The routing of every interaction waiting in a queue: of ``workgroup``, or of the
        workgroups ``user`` is a member of, told for that user alone."""
        lines = []
        for interaction in list(self.interactions.all.values()):
            group = interaction.workgroup
            if interaction.state != "O" or group is None:
                continue
            if (workgroup is not None and group is not workgroup) or (
                user is not None and not group.has_member(user.id)
            ):
                continue
            lines += self.explain_routing(interaction, user)
        return lines

    def explain_routing(self, interaction: Interaction, only: User | None = None) -> list[str]:
        """Where the interaction is, whom ACD offered it to, and why each member of its
        workgroup is or is not offered it now."""
        where = f"Interaction {interaction.id} is {STATE_TEXT.get(interaction.state, '?')}"
        if interaction.workgroup is not None:
            where += f" in workgroup {interaction.workgroup.id}'s queue"
        if interaction.agent is not None:
            where += f" with {interaction.agent.id}"
        offered = ", ".join(interaction.offered_to) or "nobody yet"
        lines = [f"{where}; ACD offered it to {offered}."]
        if interaction.workgroup is None:
            return [*lines, "It is in no workgroup queue, so ACD does not route it."]
        for member in interaction.workgroup.members:
            user = self.scenario.user(member)
            if user is None or (only is not None and user is not only):
                continue
            if interaction.agent is user:
                lines.append(
                    f"{user.id}: has it ({STATE_TEXT.get(interaction.state, interaction.state)})."
                )
                continue
            found = self.eligibility(user, interaction.workgroup, interaction.media)
            lacks = missing_skills(user, interaction)
            if isinstance(found, Session) and lacks:
                lines.append(f"{user.id}: lacks {', '.join(lacks)}.")
            elif isinstance(found, Session):
                lines.append(f"{user.id}: eligible (ACD offers it to the longest idle).")
            else:
                lines.append(f"{user.id}: {found}.")
        if len(lines) == 1 and only is None:
            lines.append(f"Workgroup {interaction.workgroup.id} has no members.")
        return lines

    # -- alerting ---------------------------------------------------------------------------

    def station_session(self, user: User) -> Session | None:
        return next((s for s in self.state.sessions.of_user(user.id) if s.station), None)

    def alert(self, interaction: Interaction, user: User, session: Session | None, acd: bool):
        agent = hand_to(interaction, user, session)
        interaction.acd = acd
        if acd:
            interaction.offered_to.append(user.id)
            interaction.last_offered = user
        self.interactions.set_state(interaction, "A", **agent)
        self.interactions.tell_alerting(interaction, START_ALERTING)
        if acd:
            assert interaction.workgroup is not None
            timeout = interaction.workgroup.alert_timeout
            self.after(timeout, interaction, lambda: self._not_answered(interaction, user),
                       f"{user.id} did not answer {interaction.id}")  # fmt: skip

    def after(self, delay: float, interaction: Interaction, action, what: str) -> None:
        """Run ``action`` ``delay`` seconds from now, in place of the interaction's timer."""
        interaction.cancel_timer()
        interaction.timer = self.clock.later(delay, action, what)

    def _not_answered(self, interaction: Interaction, user: User) -> None:
        """[doc] No answer within the alert timeout: the agent gets the workgroup's
        no-answer status, and the interaction goes back to the queue to be routed again."""
        if interaction.agent is not user or interaction.state != "A":
            return
        self.back_to_queue(interaction)
        assert interaction.workgroup is not None
        self.status.apply_status(user, interaction.workgroup.no_answer_status)
        self.route_waiting()

    def back_to_queue(self, interaction: Interaction) -> None:
        self.interactions.stop_alerting(interaction)
        self.interactions.set_state(interaction, "O", **hand_to(interaction, None, None))

    def _session_ended(self, session: Session, station: dict | None) -> None:
        """An agent's session ends while an interaction alerts them: back to the queue."""
        if not station:
            return
        for interaction in self.interactions.of_agent(session.user):
            if (
                interaction.state == "A"
                and interaction.acd
                and (interaction.station or "").lower() == str(station.get("id", "")).lower()
            ):
                interaction.cancel_timer()
                self.back_to_queue(interaction)
        self.route_waiting()
