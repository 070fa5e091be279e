"""The interaction: its attributes, its parties, its ``Eic_State`` machine, and who hears.

Every change of an interaction goes through :meth:`Interactions.change`, which checks the
state transition against :data:`TRANSITIONS`, keeps the indexes (interactions by agent,
waiting interactions) and tells every subscription that sees it: queue watches (added,
changed attributes only, removed), interaction watches and, for alerts, the
interaction-alerting subscription. Watches are indexed by queue and by interaction, so a
change costs what its watchers cost, not the number of sessions. Sources:
CONTACT-CENTER.md 2.1, 2.8.
"""

from __future__ import annotations

import heapq
import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ...protocol.interactions import (
    CAPABILITIES,
    DISCONNECTED_STATES,
    MEDIA_TYPES,
    START_ALERTING,
    STATION_QUEUE,
    STOP_ALERTING,
    SYSTEM_QUEUE,
    USER_QUEUE,
    WORKGROUP_QUEUE,
)
from ...protocol.messages import (
    INTERACTION_ALERTING,
    INTERACTION_CHANGED,
    INTERACTION_DEALLOCATED,
    QUEUE_CONTENTS,
)
from ..clock import Timer
from ..scenario import User, Workgroup
from ..sessions import Session
from ..state import ServerState, Watchers
from ..wire import now_compact
from .lifecycle import Lifecycle

# The media modelled.
CALL, CHAT, GENERIC, CALLBACK = (MEDIA_TYPES[m] for m in ("call", "chat", "generic", "callback"))
MEDIA_NAMES = {number: name for name, number in MEDIA_TYPES.items()}
# [guess] Eic_ObjectType values.
OBJECT_TYPES = {CALL: "Call", CHAT: "Chat", GENERIC: "Generic Object", CALLBACK: "Callback"}
# What each Eic_State letter means, as explanations and refusals name it.
STATE_TEXT = {
    "S": "Dialing", "R": "Proceeding", "O": "Offering", "A": "Alerting", "C": "Connected",
    "H": "On Hold", "I": "Disconnected", "E": "Disconnected", "P": "Parked",
    "M": "Messaging",
}  # fmt: skip
# [doc] Eic_CallStateString as a CIC client shows it (the vendor's "Understanding an
# interaction's state" and Eic_CallStateString pages): the ACD texts name the agent.
ACD = "ACD \u2013"
LOCAL_DISCONNECT, REMOTE_DISCONNECT = (
    "Disconnected (Local Disconnect)",
    "Disconnected (Remote Disconnect)",
)
ACTIVE = frozenset("SROACH")
DISCONNECTED = frozenset(DISCONNECTED_STATES)
# The Eic_State transitions the model makes ("" is a new interaction). [doc] A call is
# System, then Proceeding, then Connected; an interaction in a queue is Offering, then
# Alerting an agent, then Connected; it goes back to a queue (Offering) from an agent who
# did not answer or transferred it; disconnected states are final. Anything else is a
# defect of the simulator, raised as such.
TRANSITIONS: dict[str, frozenset[str]] = {
    # [SDK] A generic object may be created Connected or Proceeding (initialState).
    "": frozenset("SOACR"),
    "S": frozenset("RCIE"),
    "R": frozenset("CIE"),
    "O": frozenset("OACIE"),
    "A": frozenset("OACIEM"),
    "C": frozenset("HOACIEPM"),
    "H": frozenset("COAIEPM"),
    # [doc] Parked on a user's queue, then picked up, back to the parker, or hung up.
    "P": frozenset("ACIE"),
    # [doc] Messaging: leaving a voice mail, then disconnected.
    "M": frozenset("IE"),
    "I": frozenset(),
    "E": frozenset(),
}
# [doc] alertType AcdUser 5 and User 1.
ALERT_ACD, ALERT_USER = 5, 1
SYSTEM, USER, WORKGROUP, STATION = SYSTEM_QUEUE, USER_QUEUE, WORKGROUP_QUEUE, STATION_QUEUE

QueueKey = tuple[int, str]


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

    def select(self, names: Iterable[str]) -> dict[str, str]:
        return {name: self.get(name) for name in names}

    def as_dict(self) -> dict[str, str]:
        return dict(self._items.values())


@dataclass(eq=False)
class Parties:
    """The interactions that talk to each other: both ends of an intercom call, or the
    parties of a conference. [doc] A party that leaves a conference leaves the rest
    talking; a call left with one party ends."""

    members: list[Interaction] = field(default_factory=list)

    def others(self, interaction: Interaction) -> list[Interaction]:
        return [member for member in self.members if member is not interaction]


@dataclass(eq=False)
class Interaction:
    id: str
    media: int
    attributes: Attributes
    # Creation order, for "oldest first" routing.
    number: int = 0
    workgroup: Workgroup | None = None
    # The user whose queues hold it (the agent alerted or connected, or the caller).
    agent: User | None = None
    station: str | None = None
    acd: bool = False
    parties: Parties | None = None
    timer: Timer | None = None
    digits: list[str] = field(default_factory=list)
    allocated: bool = True
    # The user whose session created it, who may follow it wherever it goes.
    creator: User | None = None
    # [doc] Skills ACD requires of the agent it offers the interaction to: skill id -> the
    # least proficiency.
    skills: dict[str, int] = field(default_factory=dict)
    # Clock time it last entered a workgroup queue, for wait statistics.
    queued_at: float | None = None
    # The users ACD offered it to, in order, for explaining its routing; the last of them.
    offered_to: list[str] = field(default_factory=list)
    last_offered: User | None = None
    # The queues it was in when its watchers were last told, so that a change is told to
    # the watchers of the queues it leaves as well as those it enters.
    told_queues: frozenset[QueueKey] = frozenset()
    # The lower-case id under which Interactions.by_agent holds it, and the (workgroup,
    # state) under which Interactions.counts counts it.
    indexed_holder: str | None = None
    counted_as: tuple[str, str] | None = None
    # The (workgroup, media) under which Interactions.waiting holds it.
    waits_as: tuple[str, int] | None = None

    @property
    def state(self) -> str:
        return self.attributes.get("Eic_State")

    @property
    def others(self) -> list[Interaction]:
        """The interactions at the other ends of this one."""
        return self.parties.others(self) if self.parties else []

    def cancel_timer(self) -> None:
        if self.timer is not None:
            self.timer.cancel()

    def queues(self) -> frozenset[QueueKey]:
        if not self.allocated:
            return frozenset()
        keys = set()
        if self.workgroup is not None:
            keys.add((WORKGROUP, self.workgroup.id.lower()))
        if self.agent is not None:
            keys |= {(USER, self.agent.id.lower()), (SYSTEM, self.agent.id.lower())}
        if self.station:
            keys.add((STATION, self.station.lower()))
        return frozenset(keys)

    def is_waiting(self) -> bool:
        """In a workgroup queue with no agent: what ACD routes."""
        return self.allocated and self.state == "O" and self.agent is None and bool(self.workgroup)

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


def call_state_string(interaction: Interaction, letter: str) -> str:
    """[doc] Eic_CallStateString of the interaction in state ``letter``."""
    agent, through_queue = interaction.agent, interaction.workgroup is not None
    if letter == "O" and through_queue:
        if interaction.media == GENERIC:
            return "Generic Object Waiting"
        if interaction.last_offered is not None:
            return f"{ACD} Wait Agent -> Last Attempted: {interaction.last_offered.display_name}"
        return f"{ACD} Wait Agent"
    if letter == "A" and interaction.acd and agent is not None:
        return f"{ACD} Alerting: {agent.display_name}"
    if letter == "C" and through_queue and agent is not None:
        return f"{ACD} Assigned: {agent.display_name}"
    if letter == "I":
        return LOCAL_DISCONNECT
    if letter == "E":
        return REMOTE_DISCONNECT
    return STATE_TEXT[letter]


def capabilities(interaction: Interaction, letter: str) -> int:
    """Eic_Capabilities of the interaction in state ``letter``: what may be done to it.

    [guess] From the state and the medium, as the simulator answers the actions: an
    offered or alerting interaction may be picked up, disconnected or transferred (a call
    also sent to voice mail); a parked one picked up or disconnected; a dialling one
    disconnected; a connected or held one disconnected, held, transferred, and a call
    also muted, recorded, securely paused, consulted about, conferenced, parked, sent to
    voice mail, listened to, coached and joined by a supervisor; a held one picked up as
    well. Bits of actions the simulator does not answer (pause, private, request help,
    object window, suspended) are never set. Bit values: protocol.interactions."""
    bits = CAPABILITIES
    call = interaction.media == CALL
    if letter in ("O", "A"):
        found = bits["pickup"] | bits["disconnect"] | bits["transfer"]
        return found | (bits["messaging"] if call else 0)
    if letter == "P":
        return bits["pickup"] | bits["disconnect"]
    if letter in ("S", "R"):
        return bits["disconnect"]
    if letter not in ("C", "H"):
        return 0
    found = bits["disconnect"] | bits["hold"] | bits["transfer"]
    if letter == "H":
        found |= bits["pickup"]
    if call:
        for name in ("mute", "record", "secure recording pause", "consult", "conference",
                     "park", "messaging", "listen", "coach", "join"):  # fmt: skip
            found |= bits[name]
    return found


def link(*interactions: Interaction) -> Parties:
    """Make the interactions parties of one conversation."""
    parties = Parties(list(interactions))
    for interaction in interactions:
        interaction.parties = parties
    return parties


@dataclass
class QueueWatch:
    """One queue subscription of a session."""

    queues: set[QueueKey]
    attributes: list[str]
    # Ids of the interactions the subscriber has been told of.
    known: set[str] = field(default_factory=set)


def entry(interaction: Interaction, names: list[str]) -> dict:
    """An interaction as queue messages add it; [doc] ``conferenceParentId`` names the
    conference a member belongs to (SDK Queues.js)."""
    found = {"interactionId": interaction.id, "attributes": interaction.attributes.select(names)}
    parent = interaction.attributes.get("Eic_ConferenceId")
    if parent:
        found["conferenceParentId"] = parent
    return found


class Interactions:
    """Every interaction of the server, their indexes, and the messages their changes cause."""

    def __init__(self, state: ServerState, lifecycle: Lifecycle) -> None:
        self.state = state
        self.lifecycle = lifecycle
        self.all: dict[str, Interaction] = {}
        self._ids = itertools.count(1_000_000_001)
        # Lower-case user id -> the interactions whose agent they are.
        self.by_agent: dict[str, dict[str, Interaction]] = {}
        # (lower-case workgroup id, media) -> id -> interaction, for those waiting in a
        # workgroup queue with no agent: what ACD routes.
        self.waiting: dict[tuple[str, int], dict[str, Interaction]] = {}
        # Queue key -> sessions with a queue watch of it (their watches: session.queue_watches).
        self._queue_watchers: Watchers[QueueKey] = state.watchers()
        # Interaction id -> sessions watching it.
        self._watchers: Watchers[str] = state.watchers()
        # (lower-case workgroup id, Eic_State) -> interactions in that workgroup and state.
        self.counts: Counter[tuple[str, str]] = Counter()
        # Called with the lower-case id of each agent whose interactions changed.
        self._agent_hooks: list[Callable[[str], None]] = []

    # -- creating and changing --------------------------------------------------------------

    def new(self, media: int, **attributes) -> Interaction:
        number = next(self._ids)
        interaction = Interaction(str(number), media, Attributes(), number)
        # [doc] Eic_CallIdKey: the call id and the date it began, YYYYMMDD.
        for name, value in {
            "Eic_CallId": interaction.id,
            "Eic_CallIdKey": interaction.id + time.strftime("%Y%m%d", time.gmtime()),
            "Eic_ObjectType": OBJECT_TYPES[media],
            "Eic_InitiationTime": now_compact(),
            **attributes,
        }.items():
            interaction.attributes.set(name, value)
        self.all[interaction.id] = interaction
        return interaction

    def change(self, interaction: Interaction, **attributes) -> None:
        """Set attributes and tell who sees the interaction what changed."""
        letter = attributes.get("Eic_State")
        if letter is not None and letter != interaction.state:
            allowed = TRANSITIONS.get(interaction.state, frozenset())
            if letter not in allowed:
                raise RuntimeError(
                    f"Simulator defect: interaction {interaction.id} cannot go from state "
                    f"{interaction.state or 'new'!r} to {letter!r}."
                )
        previous = interaction.state
        changed = [
            name for name, value in attributes.items() if interaction.attributes.set(name, value)
        ]
        self.publish(interaction, changed)
        if "Eic_State" in changed:
            self.lifecycle.emit("state", interaction, previous)

    def set_state(self, interaction: Interaction, letter: str, **attributes) -> None:
        self.change(
            interaction,
            Eic_State=letter,
            Eic_CallStateString=attributes.pop("Eic_CallStateString", None)
            or call_state_string(interaction, letter),
            Eic_Capabilities=str(capabilities(interaction, letter)),
            **attributes,
        )

    def remove(self, interaction: Interaction) -> None:
        """The interaction leaves every queue and is deallocated."""
        interaction.cancel_timer()
        interaction.allocated = False
        self.publish(interaction, [])
        self.all.pop(interaction.id, None)

    def of_agent(self, user: User) -> list[Interaction]:
        return list(self.by_agent.get(user.id.lower(), {}).values())

    def is_busy(self, user: User) -> bool:
        """On an interaction now: dialling, offered, alerting, connected or held."""
        return any(i.state in ACTIVE for i in self.by_agent.get(user.id.lower(), {}).values())

    def oldest_waiting(self, counts: dict[tuple[str, int], int]) -> list[Interaction]:
        """Of each (workgroup, media) key, the ``count`` interactions waiting longest;
        all of them oldest first."""
        found: list[Interaction] = []
        for key, count in counts.items():
            waiting = self.waiting.get(key, {}).values()
            found += heapq.nsmallest(count, waiting, key=lambda interaction: interaction.number)
        return sorted(found, key=lambda interaction: interaction.number)

    # -- telling subscribers ----------------------------------------------------------------

    def publish(self, interaction: Interaction, changed: list[str]) -> None:
        """Tell every subscription that sees ``interaction`` what changed."""
        self._reindex(interaction)
        queues = interaction.queues()
        changed_keys = {name.casefold() for name in changed}
        messages: dict[str, tuple[Session, list[dict]]] = {}
        sessions = {
            session.id: session
            for key in queues | interaction.told_queues
            for session in self._queue_watchers.of(key)
        }
        interaction.told_queues = queues
        for session in sessions.values():
            for subscription_id, watch in session.queue_watches.items():
                message = _queue_delta(subscription_id, watch, interaction, queues, changed_keys)
                if message is not None:
                    messages.setdefault(session.id, (session, []))[1].append(message)
        for session in self._watchers.of(interaction.id):
            message = self._watched_change(session, interaction, changed_keys)
            if message is not None:
                messages.setdefault(session.id, (session, []))[1].append(message)
        if not interaction.allocated:
            self._watchers.drop(interaction.id)
        for session, told in messages.values():
            self.state.deliver(session, *told)

    def on_agent_change(self, hook: Callable[[str], None]) -> None:
        """Call ``hook(lower-case user id)`` whenever an interaction of that agent changes
        (so what depends on who is busy looks again at them alone)."""
        self._agent_hooks.append(hook)

    def _reindex(self, interaction: Interaction) -> None:
        holder = (
            interaction.agent.id.lower() if interaction.agent and interaction.allocated else None
        )
        previous = interaction.indexed_holder
        for hook in self._agent_hooks:
            for agent in {previous, holder}:
                if agent is not None:
                    hook(agent)
        if previous != holder:
            if previous is not None:
                held = self.by_agent.get(previous, {})
                held.pop(interaction.id, None)
                if not held:
                    self.by_agent.pop(previous, None)
            if holder is not None:
                self.by_agent.setdefault(holder, {})[interaction.id] = interaction
            interaction.indexed_holder = holder
        waits_as = (
            (interaction.workgroup.id.lower(), interaction.media)
            if interaction.is_waiting() and interaction.workgroup is not None
            else None
        )
        if waits_as != interaction.waits_as:
            if interaction.waits_as is not None:
                waiting = self.waiting[interaction.waits_as]
                del waiting[interaction.id]
                if not waiting:
                    del self.waiting[interaction.waits_as]
            if waits_as is not None:
                self.waiting.setdefault(waits_as, {})[interaction.id] = interaction
            interaction.waits_as = waits_as
        counted = (
            (interaction.workgroup.id.lower(), interaction.state)
            if interaction.allocated and interaction.workgroup is not None
            else None
        )
        if counted != interaction.counted_as:
            if interaction.counted_as is not None:
                self.counts[interaction.counted_as] -= 1
            if counted is not None:
                self.counts[counted] += 1
            interaction.counted_as = counted

    @staticmethod
    def _watched_change(session: Session, interaction: Interaction, changed_keys: set[str]):
        names = session.interaction_watches.get(interaction.id)
        if names is None:
            return None
        if not interaction.allocated:
            del session.interaction_watches[interaction.id]
            return {"__type": INTERACTION_DEALLOCATED, "isDelta": True,
                    "interactionID": interaction.id}  # fmt: skip
        wanted = [name for name in names if name.casefold() in changed_keys]
        if not wanted:
            return None
        return {
            "__type": INTERACTION_CHANGED, "isDelta": True,
            "interactionID": interaction.id,  # [doc] capital ID
            "attributes": interaction.attributes.select(wanted),
        }  # fmt: skip

    # -- watches ----------------------------------------------------------------------------

    def watch_queues(self, session: Session, subscription_id: str, watch: QueueWatch) -> dict:
        """Start (or replace) a queue subscription; its first message: everything in its
        queues."""
        self.stop_queues(session, subscription_id)
        session.queue_watches[subscription_id] = watch
        for key in watch.queues:
            self._queue_watchers.add(key, session)
        inside = {
            interaction.id: interaction
            for key in watch.queues
            for interaction in self._in_queue(key)
        }
        ordered = sorted(inside.values(), key=lambda interaction: interaction.number)
        watch.known = set(inside)
        return {
            "__type": QUEUE_CONTENTS,
            "isDelta": False,
            "subscriptionId": subscription_id,
            "interactionsAdded": [entry(i, watch.attributes) for i in ordered],
            "interactionsChanged": [],
            "interactionsRemoved": [],
        }

    def _in_queue(self, key: QueueKey) -> list[Interaction]:
        kind, name = key
        if kind in (USER, SYSTEM):
            return [i for i in self.by_agent.get(name, {}).values() if i.allocated]
        return [i for i in self.all.values() if key in i.queues()]

    def stop_queues(self, session: Session, subscription_id: str) -> None:
        watch = session.queue_watches.pop(subscription_id, None)
        if watch is None:
            return
        still = {key for other in session.queue_watches.values() for key in other.queues}
        for key in watch.queues - still:
            self._queue_watchers.discard(key, session)

    def watch(self, session: Session, interaction: Interaction, names: list[str]) -> dict:
        """[doc] An interaction watch; its first message: isDelta false, the attributes
        watched as they are now."""
        session.interaction_watches[interaction.id] = list(names)
        self._watchers.add(interaction.id, session)
        return {"__type": INTERACTION_CHANGED, "isDelta": False,
                "interactionID": interaction.id,  # [doc] capital ID
                "attributes": interaction.attributes.select(names)}  # fmt: skip

    def stop_watching(self, session: Session, interaction_id: str) -> None:
        session.interaction_watches.pop(interaction_id, None)
        self._watchers.discard(interaction_id, session)

    # -- alerts -----------------------------------------------------------------------------

    def tell_alerting(self, interaction: Interaction, action: int) -> None:
        """Tell the alerted agent's alerting subscriptions that an alert starts or stops."""
        if interaction.agent is None:
            return
        for session in self.state.sessions.of_user(interaction.agent.id):
            if session.alerting_watch is None:
                continue
            detail = _alert_detail(interaction, session, action)
            self.state.deliver(session, {"__type": INTERACTION_ALERTING, "isDelta": True,
                                         "alertingInteractionDetails": [detail]})  # fmt: skip

    def stop_alerting(self, interaction: Interaction) -> None:
        if interaction.state == "A" and interaction.agent is not None:
            self.tell_alerting(interaction, STOP_ALERTING)

    def alerting_snapshot(self, session: Session) -> dict:
        """[doc] "The first message will be sent with isDelta false to indicate the message
        is providing the initial data": every alert of the session's user now, so a watch
        started during an alert learns of it."""
        details = [
            _alert_detail(interaction, session, START_ALERTING)
            for interaction in self.of_agent(session.user)
            if interaction.state == "A"
        ]
        return {"__type": INTERACTION_ALERTING, "isDelta": False,
                "alertingInteractionDetails": details}  # fmt: skip


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
            {"interactionId": interaction.id, "attributes": interaction.attributes.select(wanted)}
        ]
    else:
        return None
    return {"__type": QUEUE_CONTENTS, "isDelta": True, "subscriptionId": subscription_id, **body}


def _alert_detail(interaction: Interaction, session: Session, action: int) -> dict:
    attributes = interaction.attributes
    assert interaction.agent is not None, "only an interaction alerting someone alerts"
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
