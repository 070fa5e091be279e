"""The contact center in a box: interactions, their queues, ACD routing, and who hears.

One :class:`ContactCenter` holds every interaction of the simulated server. Each change
goes through :meth:`ContactCenter.publish`, which tells every subscription that sees it:
queue watches (added, changed attributes only, removed), interaction watches and, for
alerts, the interaction-alerting subscription. Calls, generic objects, chats and
callbacks are routed alike, each to agents whose station takes its media; chats keep
their members and transcript, callbacks their attempts. The workgroups' counters
(entered, answered, abandoned, completed) feed the statistics. Sources:
CONTACT-CENTER.md 2.1, 2.3, 2.6, 2.8, 2.9.
"""

from __future__ import annotations

import itertools
from collections import Counter, deque
from dataclasses import dataclass, field

from ..protocol.interactions import (
    DISCONNECTED_STATES,
    MEDIA_TYPES,
    QUEUE_TYPE_NAMES,
    START_ALERTING,
    STATION_QUEUE,
    STOP_ALERTING,
    SYSTEM_QUEUE,
    USER_QUEUE,
    WORKGROUP_QUEUE,
)
from ..protocol.messages import (
    CALLBACK_MESSAGE,
    CHAT_CONTENTS,
    CHAT_MEMBERS,
    INTERACTION_ALERTING,
    INTERACTION_CHANGED,
    INTERACTION_DEALLOCATED,
    QUEUE_CONTENTS,
    USER_ACTIVATION,
)
from .clock import Timer
from .scenario import User, Workgroup
from .sessions import Session
from .state import ServerState
from .wire import now_compact

SYSTEM, USER, WORKGROUP, STATION = SYSTEM_QUEUE, USER_QUEUE, WORKGROUP_QUEUE, STATION_QUEUE
QUEUE_TYPES = QUEUE_TYPE_NAMES
# The media modelled.
CALL, CHAT, GENERIC, CALLBACK = (MEDIA_TYPES[m] for m in ("call", "chat", "generic", "callback"))
MEDIA_NAMES = {number: name for name, number in MEDIA_TYPES.items()}
# [doc] Eic_CallStateString texts of each Eic_State letter.
STATE_TEXT = {
    "S": "Dialing", "R": "Proceeding", "O": "Offering", "A": "Alerting", "C": "Connected",
    "H": "On Hold", "I": "Disconnected", "E": "Disconnected",
}  # fmt: skip
ACTIVE = frozenset("SROACH")
DISCONNECTED = frozenset(DISCONNECTED_STATES)
# [doc] alertType AcdUser 5 and User 1.
ALERT_ACD, ALERT_USER = 5, 1
# [guess] The license an agent needs for ACD interactions (CONTACT-CENTER 2.7: unverified).
ACD_LICENSE = "I3_ACCESS_ACD"
# [guess] Seconds from creating an outbound call (System, "Dialing") to Proceeding.
DIAL_DELAY = 0.2
# [guess] Eic_ObjectType values.
OBJECT_TYPES = {CALL: "Call", CHAT: "Chat", GENERIC: "Generic Object", CALLBACK: "Callback"}
# [doc] ChatMemberType: CurrentUser 2 (the member a message is sent to), Internal 3,
# External 4; ChatMessageType Text 0.
CURRENT_USER, INTERNAL, EXTERNAL = 2, 3, 4
TEXT_MESSAGE = 0
# [doc] Callback dispositions: Success 0, Failure 1, Retry 2.
SUCCESS, FAILURE, RETRY = 0, 1, 2
# [guess] How often a callback may be tried before a Retry ends it.
CALLBACK_MAX_ATTEMPTS = 3
# [guess] How Eic_WrapupConnectionSegments lists an interaction's segment ids.
SEGMENT_SEPARATOR = "|"


class Attributes:
    """Interaction attributes: names without regard to case, values strings, "" unset."""

    def __init__(self) -> None:
        self._items: dict[str, tuple[str, str]] = {}

    def get(self, name: str) -> str:
        item = self._items.get(name.casefold())
        return item[1] if item else ""

    def set(self, name: str, value) -> bool:
        """Set one attribute; True when its value changed."""
        value = "" if value is None else str(value)
        old = self._items.get(name.casefold())
        self._items[name.casefold()] = (old[0] if old else name, value)
        return old is None or old[1] != value

    def select(self, names) -> dict[str, str]:
        return {name: self.get(name) for name in names}

    def as_dict(self) -> dict[str, str]:
        return dict(self._items.values())


@dataclass
class QueueWatch:
    """One queue subscription of a session."""

    queues: set[tuple[int, str]]
    attributes: list[str]
    # Ids of the interactions the subscriber has been told of.
    known: set[str] = field(default_factory=set)


@dataclass(eq=False)
class ChatParty:
    """A member of a chat: a user (by id) or a party outside the server (no user id)."""

    display_name: str
    user_id: str = ""

    def as_member(self, interaction_id: str, viewer: User | None) -> dict:
        if not self.user_id:
            kind = EXTERNAL
        elif viewer is not None and viewer.id.lower() == self.user_id.lower():
            kind = CURRENT_USER
        else:
            kind = INTERNAL
        return {"chatMemberType": kind, "displayName": self.display_name,
                "interactionId": interaction_id, "userId": self.user_id}  # fmt: skip


@dataclass(eq=False)
class Chat:
    members: list[ChatParty] = field(default_factory=list)
    # (party, text, timestamp) in the order written.
    transcript: list[tuple[ChatParty, str, str]] = field(default_factory=list)

    def member(self, user: User) -> ChatParty | None:
        return next((p for p in self.members if p.user_id.lower() == user.id.lower()), None)


@dataclass(eq=False)
class Callback:
    target: str
    name: str
    subject: str
    # The queue it was asked of, where a Retry puts it back wherever it was transferred.
    workgroup: Workgroup
    attempts: int = 0
    max_attempts: int = CALLBACK_MAX_ATTEMPTS


@dataclass(eq=False)
class Interaction:
    id: str
    media: int
    attributes: Attributes
    workgroup: Workgroup | None = None
    # The user whose queues hold it (the agent alerted or connected, or the caller).
    agent: User | None = None
    station: str | None = None
    acd: bool = False
    peer: Interaction | None = None
    timer: Timer | None = None
    digits: list[str] = field(default_factory=list)
    allocated: bool = True
    # The user whose session created it, who may follow it wherever it goes.
    creator: User | None = None
    # Wrap-up: the agent of each connection segment (segment n is segments[n - 1]), the
    # code assigned to each segment, and the workgroup whose codes apply.
    segments: list[User] = field(default_factory=list)
    wrap_up: dict[int, str] = field(default_factory=dict)
    wrap_up_workgroup: Workgroup | None = None
    # Clock time it last entered a workgroup queue, for wait statistics.
    queued_at: float | None = None
    chat: Chat | None = None
    callback: Callback | None = None
    # The users ACD offered it to, in order, for explaining its routing.
    offered_to: list[str] = field(default_factory=list)

    @property
    def state(self) -> str:
        return self.attributes.get("Eic_State")

    def cancel_timer(self) -> None:
        if self.timer is not None:
            self.timer.cancel()

    def queues(self) -> set[tuple[int, str]]:
        if not self.allocated:
            return set()
        keys = set()
        if self.workgroup is not None:
            keys.add((WORKGROUP, self.workgroup.id.lower()))
        if self.agent is not None:
            keys |= {(USER, self.agent.id.lower()), (SYSTEM, self.agent.id.lower())}
        if self.station:
            keys.add((STATION, self.station.lower()))
        return keys

    def describe(self) -> dict:
        return {
            "interactionId": self.id,
            "state": self.state,
            "workgroup": self.workgroup.id if self.workgroup else None,
            "user": self.agent.id if self.agent else None,
            "station": self.station,
            "digitsSent": "".join(self.digits),
            "attributes": self.attributes.as_dict(),
        }


@dataclass(eq=False)
class AfterCallWork:
    """An agent in a workgroup's wrap-up status after an ACD interaction ended."""

    interaction: Interaction
    status: str
    previous_status: str
    timer: Timer | None = None


class ContactCenter:
    """Every interaction of the server, the workgroups' activations, and ACD routing."""

    def __init__(self, state: ServerState, status):
        self.state = state
        self.status = status
        self.scenario = state.scenario
        self.clock = state.clock
        self.interactions: dict[str, Interaction] = {}
        self._ids = itertools.count(1_000_000_001)
        self.activations = {
            key: dict(wg.activations) for key, wg in self.scenario.workgroups.items()
        }
        # Clock time each agent last finished an interaction: the longest idle goes first.
        self.idle_since: dict[str, float] = {}
        self._routing = False
        self._route_again = False
        # Lower-case user id -> the after-call work they are in.
        self.after_call_work: dict[str, AfterCallWork] = {}
        # Counters since the server started: (event, workgroup, agent or "") -> count, and
        # ("waited", workgroup, "") -> seconds answered interactions waited in all.
        self.tallies: Counter = Counter()
        status.on_change(lambda user: self.route_waiting())
        state.on_session_end(self._session_ended)

    # -- telling subscribers ----------------------------------------------------------------

    def publish(self, interaction: Interaction, changed: list[str]) -> None:
        """Tell every subscription that sees ``interaction`` what changed."""
        queues = interaction.queues()
        changed_keys = {name.casefold() for name in changed}
        for session in list(self.state.sessions.live.values()):
            messages = []
            for subscription_id, watch in session.queue_watches.items():
                message = self._queue_delta(
                    subscription_id, watch, interaction, queues, changed_keys
                )
                if message is not None:
                    messages.append(message)
            names = session.interaction_watches.get(interaction.id)
            if names is not None:
                if not interaction.allocated:
                    del session.interaction_watches[interaction.id]
                    messages.append({"__type": INTERACTION_DEALLOCATED, "isDelta": True,
                                     "interactionID": interaction.id})  # fmt: skip
                else:
                    wanted = [name for name in names if name.casefold() in changed_keys]
                    if wanted:
                        messages.append({
                            "__type": INTERACTION_CHANGED, "isDelta": True,
                            "interactionID": interaction.id,  # [doc] capital ID
                            "attributes": interaction.attributes.select(wanted),
                        })  # fmt: skip
            if messages:
                self.state.deliver(session, *messages)

    @staticmethod
    def _queue_delta(subscription_id, watch: QueueWatch, interaction, queues, changed_keys):
        inside = bool(watch.queues & queues)
        known = interaction.id in watch.known
        body: dict = {}
        if inside and not known:
            watch.known.add(interaction.id)
            body["interactionsAdded"] = [entry(interaction, watch.attributes)]
        elif known and not inside:
            watch.known.discard(interaction.id)
            body["interactionsRemoved"] = [interaction.id]
        elif inside:
            wanted = [name for name in watch.attributes if name.casefold() in changed_keys]
            if not wanted:
                return None
            body["interactionsChanged"] = [
                {
                    "interactionId": interaction.id,
                    "attributes": interaction.attributes.select(wanted),
                }
            ]
        else:
            return None
        return {
            "__type": QUEUE_CONTENTS,
            "isDelta": True,
            "subscriptionId": subscription_id,
            **body,
        }

    def snapshot(self, subscription_id: str, watch: QueueWatch) -> dict:
        """The first message of a queue subscription: everything in its queues."""
        inside = [i for i in self.interactions.values() if watch.queues & i.queues()]
        watch.known = {i.id for i in inside}
        return {
            "__type": QUEUE_CONTENTS,
            "isDelta": False,
            "subscriptionId": subscription_id,
            "interactionsAdded": [entry(i, watch.attributes) for i in inside],
            "interactionsChanged": [],
            "interactionsRemoved": [],
        }

    def change(self, interaction: Interaction, **attributes) -> None:
        changed = [
            name for name, value in attributes.items() if interaction.attributes.set(name, value)
        ]
        self.publish(interaction, changed)

    def _set_state(self, interaction: Interaction, letter: str, **attributes) -> None:
        self.change(
            interaction, Eic_State=letter, Eic_CallStateString=STATE_TEXT[letter], **attributes
        )

    def _tell_alerting(self, interaction: Interaction, action: int) -> None:
        """Tell the alerted agent's alerting subscriptions that an alert starts or stops."""
        for session in self.state.sessions.of_user(interaction.agent.id):
            if session.alerting_watch is None:
                continue
            detail = self._alert_detail(interaction, session, action)
            self.state.deliver(session, {"__type": INTERACTION_ALERTING, "isDelta": True,
                                         "alertingInteractionDetails": [detail]})  # fmt: skip

    def alerting_snapshot(self, session: Session) -> dict:
        """[doc] "The first message will be sent with isDelta false to indicate the message
        is providing the initial data": every alert of the session's user now, so a watch
        started during an alert learns of it."""
        details = [
            self._alert_detail(interaction, session, START_ALERTING)
            for interaction in self.interactions.values()
            if interaction.state == "A" and interaction.agent is session.user
        ]
        return {"__type": INTERACTION_ALERTING, "isDelta": False,
                "alertingInteractionDetails": details}  # fmt: skip

    @staticmethod
    def interaction_snapshot(interaction: Interaction, names: list[str]) -> dict:
        """[doc] The first message of an interaction watch: isDelta false, the attributes
        watched as they are now."""
        return {"__type": INTERACTION_CHANGED, "isDelta": False,
                "interactionID": interaction.id,  # [doc] capital ID
                "attributes": interaction.attributes.select(names)}  # fmt: skip

    @staticmethod
    def _alert_detail(interaction: Interaction, session: Session, action: int) -> dict:
        attributes = interaction.attributes
        detail = {
            "interactionId": interaction.id,
            "interactionType": attributes.get("Eic_ObjectType"),  # [guess] the value form
            "name": attributes.get("Eic_RemoteName"),
            "address": attributes.get("Eic_RemoteAddress"),
            "alertType": ALERT_ACD if interaction.acd else ALERT_USER,
            "alertAction": action,
            "autoAnswer": False,
            "monitoredQueue": {"queueType": USER, "queueName": interaction.agent.id},
        }
        if session.alerting_watch:
            detail["attributes"] = attributes.select(session.alerting_watch)
        return detail

    def _stop_alerting(self, interaction: Interaction) -> None:
        if interaction.state == "A" and interaction.agent is not None:
            self._tell_alerting(interaction, STOP_ALERTING)

    # -- creating ---------------------------------------------------------------------------

    def _new(self, media: int, **attributes) -> Interaction:
        interaction_id = str(next(self._ids))
        interaction = Interaction(interaction_id, media, Attributes())
        for name, value in {
            "Eic_CallId": interaction_id,
            "Eic_ObjectType": OBJECT_TYPES[media],
            "Eic_InitiationTime": now_compact(),
            **attributes,
        }.items():
            interaction.attributes.set(name, value)
        self.interactions[interaction_id] = interaction
        return interaction

    def place_inbound(
        self, workgroup: Workgroup, address: str, name: str, media: int = CALL, **attributes
    ) -> Interaction:
        """An interaction arriving in a workgroup queue, Offering, then routed by ACD."""
        defaults = {"Eic_CallDirection": "I", "Eic_CallType": "E"}
        interaction = self._new(media, **{**defaults, **attributes})
        self._enter_queue(
            interaction, workgroup, Eic_RemoteAddress=address, Eic_RemoteName=name,
            Eic_RemoteId=address,
        )  # fmt: skip
        return interaction

    def _enter_queue(
        self, interaction: Interaction, workgroup: Workgroup, route: bool = True, **attributes
    ) -> None:
        """The interaction waits, Offering, in the workgroup's queue, and ACD routes it
        (unless the caller routes once it has released the agent who had it)."""
        interaction.workgroup = workgroup
        interaction.agent, interaction.station = None, None
        interaction.queued_at = self.clock.now()
        self.tallies["entered", workgroup.id.lower(), ""] += 1
        self._set_state(interaction, "O", **attributes, Eic_WorkgroupName=workgroup.id,
                        Eic_LocalUserId="", Eic_LocalName="", Eic_UserName="",
                        Eic_LineQueueTimestamp=now_compact())  # fmt: skip
        if route:
            self.route_waiting()

    def make_call(self, session: Session, target: str, workgroup: Workgroup | None) -> Interaction:
        """An outbound call from the session's station: System, Proceeding, then the far
        end's answer; an intercom call alerts the user or workgroup it reaches."""
        caller = session.user
        callee = self.scenario.user_at(target)
        group = None if callee else self.scenario.workgroup(target)
        interaction = self._new(
            CALL,
            Eic_CallDirection="O",
            Eic_CallType="I" if (callee or group) else "E",
            Eic_RemoteAddress=target,
            Eic_RemoteName=(callee.display_name if callee else group.id if group else target),
            Eic_LocalUserId=caller.id,
            Eic_LocalName=caller.display_name,
            Eic_WorkgroupName=workgroup.id if workgroup else "",
        )
        interaction.agent = caller
        interaction.station = session.station["id"]
        self._set_state(interaction, "S")
        if callee or group:
            here = caller.extension or caller.id
            if callee:
                peer = self._new(CALL, Eic_CallDirection="I", Eic_CallType="I",
                                 Eic_RemoteAddress=here, Eic_RemoteName=caller.display_name)  # fmt: skip
                self._link(interaction, peer)
                self._alert(peer, callee, self._station_session(callee), acd=False)
            else:
                peer = self.place_inbound(group, here, caller.display_name, Eic_CallType="I")
                self._link(interaction, peer)
            self._after(DIAL_DELAY, interaction, lambda: self._proceed(interaction),
                        f"intercom call {interaction.id} dialled")  # fmt: skip
            return interaction
        far_end = self.scenario.external_number(target)

        def dialled() -> None:
            self._proceed(interaction)
            if far_end.behaviour == "answer":
                self._after(far_end.after, interaction, lambda: self._far_end_answers(interaction),
                            f"the far end of call {interaction.id} answered")  # fmt: skip
            elif far_end.behaviour == "busy":
                self.disconnect(interaction, by_agent=False)

        self._after(DIAL_DELAY, interaction, dialled, f"call {interaction.id} dialled")
        return interaction

    def create_generic(self, workgroup: Workgroup | None, user: User | None, **attributes):
        """A generic object: routed by ACD in a workgroup, or alerting a user directly."""
        if workgroup is not None:
            return self.place_inbound(
                workgroup,
                attributes.pop("Eic_RemoteAddress", ""),
                attributes.pop("Eic_RemoteName", ""),
                media=GENERIC,
                **attributes,
            )
        interaction = self._new(GENERIC, Eic_CallDirection="I", Eic_CallType="E", **attributes)
        self._alert(interaction, user, self._station_session(user), acd=False)
        return interaction

    @staticmethod
    def _link(first: Interaction, second: Interaction) -> None:
        first.peer, second.peer = second, first

    def _after(self, delay: float, interaction: Interaction, action, what: str) -> None:
        interaction.cancel_timer()
        interaction.timer = self.clock.later(delay, action, what)

    def _proceed(self, interaction: Interaction) -> None:
        if interaction.state == "S":
            self._set_state(interaction, "R")

    def _far_end_answers(self, interaction: Interaction) -> None:
        if interaction.state == "R":
            self._connect(interaction)

    # -- routing ----------------------------------------------------------------------------

    def route_waiting(self) -> None:
        """Offer each waiting interaction, oldest first, to its longest-idle eligible agent.

        Called after every change that can make an agent eligible; a call made while
        routing (a status change it causes) routes again afterwards.
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
        Who is busy is found once, and each workgroup's eligible agents once per media, so
        a pass costs interactions plus members, not their product (900 waiting calls made
        every change cost half a second)."""
        busy = self.busy_agents()
        waiting = [
            interaction
            for interaction in self.interactions.values()
            if interaction.state == "O" and interaction.agent is None and interaction.workgroup
        ]
        # (workgroup, media) -> eligible agents, longest idle first; an agent who becomes
        # busy is passed over when next at the front.
        ready: dict[tuple[str, int], deque[tuple[User, Session]]] = {}
        for interaction in waiting:
            key = (interaction.workgroup.id.lower(), interaction.media)
            if key not in ready:
                ready[key] = self._ready_agents(interaction.workgroup, interaction.media, busy)
            candidates = ready[key]
            while candidates and candidates[0][0].id.lower() in busy:
                candidates.popleft()
            if candidates:
                user, session = candidates.popleft()
                busy.add(user.id.lower())
                self._alert(interaction, user, session, acd=True)

    def _ready_agents(self, workgroup: Workgroup, media: int, busy: set[str]):
        """The members ACD may offer an interaction of ``media`` now, longest idle first
        (ties in the workgroup's member order)."""
        found = []
        for member in workgroup.members:
            user = self.scenario.user(member)
            if user is None:
                continue
            session = self._eligibility(user, workgroup, media, busy)
            if isinstance(session, Session):
                found.append((user, session))
        found.sort(key=lambda candidate: self._idle(candidate[0]))
        return deque(found)

    def _idle(self, user: User) -> float:
        return self.idle_since.get(user.id.lower(), float("-inf"))

    def eligible_session(
        self, user: User, workgroup: Workgroup, media: int, busy: set[str] | None = None
    ) -> Session | None:
        """The session through which ``user`` may take an ACD interaction of ``media``;
        ``busy`` (lower-case ids of agents on an interaction) saves finding out again."""
        found = self._eligibility(user, workgroup, media, busy)
        return found if isinstance(found, Session) else None

    def busy_agents(self) -> set[str]:
        """Lower-case ids of the agents on an interaction now."""
        return {
            i.agent.id.lower()
            for i in self.interactions.values()
            if i.agent is not None and i.state in ACTIVE
        }

    def _eligibility(
        self, user: User, workgroup: Workgroup, media: int, busy: set[str] | None = None
    ) -> Session | str:
        """The session through which ``user`` may take an ACD interaction of ``media``, or
        why there is none.

        [doc] A member, activated, in an ACD status, licensed for ACD, not busy, with a
        station ready for interactions of that media (CONTACT-CENTER 2.1). Callers ask of
        members only, and only members are activated, so membership is not checked again
        (a set of a thousand members built per check made routing quadratic).
        """
        if not workgroup.is_active:
            return "the workgroup is not active"  # [guess] an inactive workgroup routes nothing
        if not self.is_activated(workgroup, user):
            return "not activated in the workgroup"
        status_id = self.state.user_status[user.id.lower()]["statusId"]
        status = self.state.statuses.get(status_id.casefold())
        if not status or not status.get("isAcdStatus"):
            if user.id.lower() in self.after_call_work:
                return f"in after-call work (status '{status_id}')"
            return f"status '{status_id}' does not take ACD interactions"
        if ACD_LICENSE not in user.licenses:
            return f"has no {ACD_LICENSE} licence"
        if user.id.lower() in (self.busy_agents() if busy is None else busy):
            return "busy with another interaction"
        sessions = self.state.sessions.of_user(user.id)
        if not sessions:
            return "not logged on"
        stations = [session.station for session in sessions if session.station]
        if not stations:
            return "logged on to no station"
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

    def explain_waiting(self, user: User | None = None, workgroup: Workgroup | None = None):
        """The routing of every interaction waiting in a queue: of ``workgroup``, or of the
        workgroups ``user`` is a member of, told for that user alone."""
        lines = []
        for interaction in self.interactions.values():
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
            found = self._eligibility(user, interaction.workgroup, interaction.media)
            lines.append(
                f"{user.id}: eligible (ACD offers it to the longest idle)."
                if isinstance(found, Session)
                else f"{user.id}: {found}."
            )
        if len(lines) == 1 and only is None:
            lines.append(f"Workgroup {interaction.workgroup.id} has no members.")
        return lines

    def _station_session(self, user: User) -> Session | None:
        return next((s for s in self.state.sessions.of_user(user.id) if s.station), None)

    def _alert(self, interaction: Interaction, user: User, session: Session | None, acd: bool):
        interaction.agent = user
        interaction.station = session.station["id"] if session and session.station else None
        interaction.acd = acd
        if acd:
            interaction.offered_to.append(user.id)
        self._set_state(interaction, "A", Eic_LocalUserId=user.id, Eic_LocalName=user.display_name,
                        Eic_UserName=user.id)  # fmt: skip
        self._tell_alerting(interaction, START_ALERTING)
        if acd:
            timeout = interaction.workgroup.alert_timeout
            self._after(timeout, interaction, lambda: self._not_answered(interaction, user),
                        f"{user.id} did not answer {interaction.id}")  # fmt: skip

    def _not_answered(self, interaction: Interaction, user: User) -> None:
        """[doc] No answer within the alert timeout: the agent gets the workgroup's
        no-answer status, and the interaction goes back to the queue to be routed again."""
        if interaction.agent is not user or interaction.state != "A":
            return
        self._back_to_queue(interaction)
        self.status.apply_status(user, interaction.workgroup.no_answer_status)
        self.route_waiting()

    def _back_to_queue(self, interaction: Interaction) -> None:
        self._stop_alerting(interaction)
        interaction.agent, interaction.station = None, None
        self._set_state(interaction, "O", Eic_LocalUserId="", Eic_LocalName="", Eic_UserName="")

    # -- acting -----------------------------------------------------------------------------

    def pick_up(self, session: Session, interaction: Interaction) -> str | None:
        """Answer an interaction; a reason when it cannot be picked up by this user."""
        user = session.user
        state = interaction.state
        if state == "A" and interaction.agent is user:
            self._stop_alerting(interaction)
        elif state == "O" and interaction.workgroup and interaction.workgroup.has_member(user.id):
            # [doc] Interactions in a workgroup queue "can be picked up by its member agents".
            interaction.agent = user
            interaction.station = session.station["id"] if session.station else None
            self.change(interaction, Eic_LocalUserId=user.id, Eic_LocalName=user.display_name,
                        Eic_UserName=user.id)  # fmt: skip
        elif state in ("C", "H") and interaction.agent is user:
            return None if state == "C" else self.hold(interaction, False)
        else:
            return f"it is {STATE_TEXT.get(state, state or 'not set')}" + (
                f" for {interaction.agent.id}"
                if interaction.agent and interaction.agent is not user
                else ""
            )
        self._connect(interaction)
        return None

    def _connect(self, interaction: Interaction) -> None:
        interaction.cancel_timer()
        now = now_compact()
        segment = {}
        if interaction.workgroup is not None and interaction.agent is not None:
            self._tally_answer(interaction)
            # A new connection segment, which the agent may wrap up with the workgroup's codes.
            interaction.segments.append(interaction.agent)
            interaction.wrap_up_workgroup = interaction.workgroup
            numbers = range(1, len(interaction.segments) + 1)
            segment = {
                "Eic_WrapupConnectionSegments": SEGMENT_SEPARATOR.join(map(str, numbers)),
                "Eic_WrapUpCodeSet": interaction.workgroup.id,  # [guess] the value form
            }
        self._set_state(interaction, "C", Eic_ConnectTime=now, Eic_AnswerTime=now, **segment)
        self._on_phone(interaction.agent)
        if interaction.chat is not None and interaction.agent is not None:
            self._join_chat(interaction, interaction.agent)
        peer = interaction.peer
        if peer is not None and peer.state in ("S", "R", "A"):
            self._stop_alerting(peer)
            self._connect(peer)

    def hold(self, interaction: Interaction, on: bool) -> str | None:
        if interaction.state != ("C" if on else "H"):
            return f"it is {STATE_TEXT.get(interaction.state, 'not set')}"
        self._set_state(interaction, "H" if on else "C")
        return None

    def mute(self, interaction: Interaction, on: bool) -> str | None:
        if interaction.state not in ("C", "H"):
            return f"it is {STATE_TEXT.get(interaction.state, 'not set')}"
        self.change(interaction, Eic_Muted="1" if on else "0")  # [guess] the value form
        return None

    def send_digits(self, interaction: Interaction, digits: str) -> str | None:
        if interaction.state != "C":
            return f"it is {STATE_TEXT.get(interaction.state, 'not set')}"
        interaction.digits.append(digits)
        return None

    def disconnect(self, interaction: Interaction, by_agent: bool) -> None:
        """[doc] Hung up by the local party: I; by the remote party: E. The interaction
        lingers in its queues, then leaves them."""
        if interaction.state in DISCONNECTED or not interaction.allocated:
            return
        self._tally_end(interaction, by_agent)
        self._stop_alerting(interaction)
        self._set_state(interaction, "I" if by_agent else "E", Eic_TerminationTime=now_compact())
        if not self._begin_after_call_work(interaction):
            self._linger(interaction)
        self._released(interaction.agent, from_acd=interaction.acd)
        peer = interaction.peer
        if peer is not None:
            self.disconnect(peer, by_agent=False)

    def _tally_answer(self, interaction: Interaction) -> None:
        group, agent = interaction.workgroup.id.lower(), interaction.agent.id.lower()
        self.tallies["answered", group, ""] += 1
        self.tallies["answered", group, agent] += 1
        if interaction.queued_at is not None:
            self.tallies["waited", group, ""] += self.clock.now() - interaction.queued_at

    def _tally_end(self, interaction: Interaction, by_agent: bool) -> None:
        """[doc] Abandoned: the remote party hung up while it waited for an agent;
        completed: it ends after an agent answered it through the workgroup."""
        if interaction.segments and interaction.wrap_up_workgroup is not None:
            self.tallies["completed", interaction.wrap_up_workgroup.id.lower(), ""] += 1
        elif not by_agent and interaction.workgroup is not None and interaction.state in ("O", "A"):
            self.tallies["abandoned", interaction.workgroup.id.lower(), ""] += 1

    def _linger(self, interaction: Interaction) -> None:
        self._after(self.scenario.disconnected_linger, interaction,
                    lambda: self.remove(interaction), f"{interaction.id} left its queues")  # fmt: skip

    def remove(self, interaction: Interaction) -> None:
        """The interaction leaves every queue and is deallocated."""
        interaction.cancel_timer()
        interaction.allocated = False
        self.publish(interaction, [])
        self.interactions.pop(interaction.id, None)

    def transfer(self, interaction: Interaction, target_user=None, target_workgroup=None,
                 number: str | None = None) -> None:  # fmt: skip
        """Blind transfer: to a user (alerting), a workgroup (queued and routed) or a
        number outside the server (the interaction leaves it)."""
        previous, from_acd = interaction.agent, interaction.acd
        self._stop_alerting(interaction)
        interaction.cancel_timer()
        interaction.agent, interaction.station = None, None
        if target_workgroup is not None:
            self._enter_queue(interaction, target_workgroup, route=False)
        elif target_user is not None:
            interaction.workgroup = None
            self._alert(interaction, target_user, self._station_session(target_user), acd=False)
        else:
            interaction.workgroup = None
            self.change(interaction, Eic_RemoteAddress=number)
            self.remove(interaction)
        self._released(previous, from_acd)

    def _released(self, user: User | None, from_acd: bool) -> None:
        """An agent done with an interaction: on the phone no more.

        [doc] "Availability is only reset when an agent disconnects from an ACD
        interaction, or when follow-up time expires. Available time is not reset when an
        agent is off-hook for non-ACD purposes": idle from now after an ACD interaction,
        unless after-call work follows (its end resets it).
        """
        if user is not None:
            if from_acd and user.id.lower() not in self.after_call_work:
                self.idle_since[user.id.lower()] = self.clock.now()
            self._on_phone(user)
        self.route_waiting()

    def set_idle(self, user: User, seconds: float) -> None:
        """Make ``user`` idle for ``seconds`` as of now, for "longest available" routing."""
        self.idle_since[user.id.lower()] = self.clock.now() - seconds
        self.route_waiting()

    def _on_phone(self, user: User | None) -> None:
        """[doc] A user's onPhone follows their connected and held interactions."""
        if user is None:
            return
        on = any(i.agent is user and i.state in ("C", "H") for i in self.interactions.values())
        state = self.state.user_status[user.id.lower()]
        if state["onPhone"] != on:
            before = self.status.user_status(user)
            state["onPhone"], state["onPhoneChanged"] = on, now_compact()
            self.status.tell_watchers(user, before)

    def _session_ended(self, session: Session, station: dict | None) -> None:
        """An agent's session ends while an interaction alerts them: back to the queue."""
        if not station:
            return
        for interaction in list(self.interactions.values()):
            if (
                interaction.agent is session.user
                and interaction.state == "A"
                and interaction.acd
                and (interaction.station or "").lower() == str(station.get("id", "")).lower()
            ):
                interaction.cancel_timer()
                self._back_to_queue(interaction)
        self.route_waiting()

    # -- wrap-up ------------------------------------------------------------------------------

    def _begin_after_call_work(self, interaction: Interaction) -> bool:
        """[doc] A disconnected ACD interaction of a workgroup with wrap-up active puts the
        agent of its last segment in the workgroup's wrap-up status. [guess] Not when that
        segment already has a code. The interaction stays in the agent's queue meanwhile."""
        workgroup, agent = interaction.wrap_up_workgroup, interaction.agent
        if (
            workgroup is None
            or not workgroup.is_wrap_up_active
            or not interaction.segments
            or interaction.segments[-1] is not agent
            or len(interaction.segments) in interaction.wrap_up
        ):
            return False
        self.end_after_call_work(agent)
        key = agent.id.lower()
        work = AfterCallWork(interaction, workgroup.wrap_up_status,
                             self.state.user_status[key]["statusId"])  # fmt: skip
        self.after_call_work[key] = work
        self.status.apply_status(agent, workgroup.wrap_up_status)
        if workgroup.wrap_up_timeout > 0:
            work.timer = self.clock.later(
                workgroup.wrap_up_timeout,
                lambda: self.end_after_call_work(agent, work),
                f"the after-call work of {agent.id} timed out",
            )
        return True

    def end_after_call_work(self, agent: User, work: AfterCallWork | None = None) -> None:
        """The agent's after-call work ends: back to the status before it, unless they
        chose another meanwhile; the interaction then lingers and leaves their queue."""
        key = agent.id.lower()
        current = self.after_call_work.get(key)
        if current is None or (work is not None and current is not work):
            return
        del self.after_call_work[key]
        # [doc] Availability resets "when follow-up time expires".
        self.idle_since[key] = self.clock.now()
        if current.timer is not None:
            current.timer.cancel()
        if self.state.user_status[key]["statusId"].casefold() == current.status.casefold():
            self.status.apply_status(agent, current.previous_status)
        interaction = current.interaction
        if interaction.allocated and interaction.state in DISCONNECTED:
            self._linger(interaction)

    def assign_wrap_up(self, interaction: Interaction, code_id: str, segment: int) -> str | None:
        """Record a wrap-up code for one segment; the reason when it cannot be.

        [doc] The code must be one of the workgroup's wrap-up codes (CONTACT-CENTER 2.5).
        [guess] An assignment ends the after-call work of that segment's agent at once.
        """
        workgroup = interaction.wrap_up_workgroup
        if workgroup is None:
            return "it was not connected to an agent through a workgroup, so no wrap-up codes apply"
        allowed = {code.casefold(): code for code in workgroup.wrap_up_codes}
        code = allowed.get(str(code_id).casefold())
        if code is None:
            return (
                f"{code_id!r} is not a wrap-up code of workgroup {workgroup.id}; its codes: "
                f"{', '.join(workgroup.wrap_up_codes) or 'none'}"
            )
        if not 1 <= segment <= len(interaction.segments):
            return (
                f"it has no segment {segment}; its segments: "
                f"{', '.join(map(str, range(1, len(interaction.segments) + 1)))}"
            )
        interaction.wrap_up[segment] = code
        self.change(interaction, Eic_WrapUpCode=code)  # [guess] the attribute
        agent = interaction.segments[segment - 1]
        work = self.after_call_work.get(agent.id.lower())
        if work is not None and work.interaction is interaction:
            self.end_after_call_work(agent)
        return None

    # -- chats and callbacks ------------------------------------------------------------------

    def start_chat(self, first: ChatParty, workgroup: Workgroup | None = None,
                   user: User | None = None) -> Interaction:  # fmt: skip
        """A chat from ``first`` (a user, or a visitor outside the server) to a workgroup,
        routed by ACD to an agent whose station takes chats, or to one user directly."""
        attributes = {"Eic_RemoteName": first.display_name,
                      "Eic_RemoteAddress": first.user_id or first.display_name}  # fmt: skip
        if workgroup is not None:
            interaction = self._new(CHAT, Eic_CallDirection="I", Eic_CallType="E")
            interaction.chat = Chat([first])
            self._enter_queue(interaction, workgroup, **attributes, Eic_RemoteId=first.user_id)
            return interaction
        interaction = self._new(CHAT, Eic_CallDirection="I", Eic_CallType="I", **attributes)
        interaction.chat = Chat([first])
        self._alert(interaction, user, self._station_session(user), acd=False)
        return interaction

    def _join_chat(self, interaction: Interaction, user: User) -> None:
        chat = interaction.chat
        if chat.member(user) is None:
            party = ChatParty(user.display_name, user.id)
            chat.members.append(party)
            self._tell_chat(interaction, CHAT_MEMBERS, "membersAdded",
                            lambda viewer: [party.as_member(interaction.id, viewer)])  # fmt: skip

    def write_chat(self, interaction: Interaction, party: ChatParty, text: str) -> str | None:
        """Add a message to the chat's transcript; the reason when it cannot be written."""
        if interaction.state in DISCONNECTED or not interaction.allocated:
            return "the chat has ended"
        if party not in interaction.chat.members:
            interaction.chat.members.append(party)
            self._tell_chat(interaction, CHAT_MEMBERS, "membersAdded",
                            lambda viewer: [party.as_member(interaction.id, viewer)])  # fmt: skip
        line = (party, text, now_compact())
        interaction.chat.transcript.append(line)
        self._tell_chat(interaction, CHAT_CONTENTS, "messagesAdded",
                        lambda viewer: [chat_text(interaction, line, viewer)])  # fmt: skip
        return None

    def chat_snapshot(self, interaction: Interaction, viewer: User) -> list[dict]:
        """The first messages of a chat watch: every member, and the transcript so far."""
        chat = interaction.chat
        return [
            {"__type": CHAT_MEMBERS, "isDelta": False, "interactionId": interaction.id,
             "membersAdded": [p.as_member(interaction.id, viewer) for p in chat.members],
             "membersChanged": [], "membersRemoved": []},
            {"__type": CHAT_CONTENTS, "isDelta": False, "interactionId": interaction.id,
             "messagesAdded": [chat_text(interaction, line, viewer) for line in chat.transcript]},
        ]  # fmt: skip

    def _tell_chat(self, interaction: Interaction, kind: str, field_name: str, items) -> None:
        for session in list(self.state.sessions.live.values()):
            if interaction.id in session.chat_watches:
                self.state.deliver(session, {"__type": kind, "isDelta": True,
                                             "interactionId": interaction.id,
                                             field_name: items(session.user)})  # fmt: skip

    def create_callback(self, workgroup: Workgroup, target: str, subject: str, name: str):
        interaction = self._new(CALLBACK, Eic_CallDirection="I", Eic_CallType="E")
        interaction.callback = Callback(target, name, subject, workgroup)
        self._enter_queue(interaction, workgroup, Eic_RemoteAddress=target,
                          Eic_RemoteName=name or target, Eic_RemoteId=target)  # fmt: skip
        return interaction

    def callback_message(self, interaction: Interaction) -> dict:
        callback = interaction.callback
        return {
            "__type": CALLBACK_MESSAGE, "isDelta": False, "interactionId": interaction.id,
            "target": callback.target, "name": callback.name, "subject": callback.subject,
            "attempts": callback.attempts, "maxAttempts": callback.max_attempts,
            "associatedCallId": "", "snoozed": False,
        }  # fmt: skip

    def dispose_callback(self, interaction: Interaction, user: User, disposition: int):
        """The agent says how the callback went; the reason when they cannot.

        [guess] Each disposition is an attempt. Success and Failure end the callback;
        Retry puts it back in the queue it was asked of (also after a transfer to a user)
        until it has used its attempts.
        """
        if interaction.agent is not user or interaction.state not in ("C", "H"):
            return f"it is {STATE_TEXT.get(interaction.state, 'not set')}" + (
                f" for {interaction.agent.id}" if interaction.agent and interaction.agent is not user
                else ""
            )  # fmt: skip
        callback = interaction.callback
        callback.attempts += 1
        for session in list(self.state.sessions.live.values()):
            if interaction.id in session.callback_watches:
                self.state.deliver(session, {**self.callback_message(interaction), "isDelta": True})
        if disposition == RETRY and callback.attempts < callback.max_attempts:
            self._enter_queue(interaction, callback.workgroup, route=False)
            self._released(user, from_acd=True)
            return None
        self.disconnect(interaction, by_agent=True)
        return None

    # -- configuration changes ----------------------------------------------------------------

    def workgroup_changed(self, workgroup: Workgroup) -> None:
        """A workgroup's configuration changed: new members start activated, members who
        left are forgotten, and waiting interactions may now be routed."""
        activations = self.activations.setdefault(workgroup.id.lower(), {})
        members = {member.lower() for member in workgroup.members}
        for member in members:
            activations.setdefault(member, True)
        for member in set(activations) - members:
            del activations[member]
        self.route_waiting()

    def forget_workgroup(self, workgroup: Workgroup) -> None:
        self.activations.pop(workgroup.id.lower(), None)

    # -- visibility and activations ----------------------------------------------------------

    def may_see(self, user: User, interaction: Interaction) -> bool:
        """The interaction is in the user's queues, or in a workgroup they belong to or
        supervise. [guess] Real servers check the queue rights of the user's roles."""
        if interaction.agent is user or interaction.creator is user:
            return True
        group = interaction.workgroup
        return group is not None and (group.has_member(user.id) or group.has_supervisor(user.id))

    def is_activated(self, workgroup: Workgroup, user: User) -> bool:
        return self.activations.get(workgroup.id.lower(), {}).get(user.id.lower(), False)

    def user_activations(self, user: User) -> dict[str, bool]:
        return {
            wg.id: self.is_activated(wg, user)
            for wg in self.scenario.workgroups.values()
            if wg.has_member(user.id)
        }

    def set_activation(self, workgroup: Workgroup, user: User, on: bool) -> None:
        key = user.id.lower()
        if self.activations[workgroup.id.lower()].get(key) == on:
            return
        self.activations[workgroup.id.lower()][key] = on
        for session in list(self.state.sessions.live.values()):
            for subscription_id, (watched, workgroups) in session.activation_watches.items():
                if watched == key and workgroup.id.lower() in workgroups:
                    self.state.deliver(session, {
                        "__type": USER_ACTIVATION, "isDelta": True,
                        "subscriptionId": subscription_id, "userId": user.id,
                        "activationsChanged": {workgroup.id: on},
                    })  # fmt: skip
        self.route_waiting()


def chat_text(interaction: Interaction, line: tuple[ChatParty, str, str], viewer) -> dict:
    party, text, timestamp = line
    return {"chatMember": party.as_member(interaction.id, viewer), "text": text,
            "timestamp": timestamp, "messageType": TEXT_MESSAGE}  # fmt: skip


def entry(interaction: Interaction, names: list[str]) -> dict:
    return {"interactionId": interaction.id, "attributes": interaction.attributes.select(names)}
