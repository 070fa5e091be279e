"""ICWS features ``interactions`` and ``queues``: create, read, act on and watch interactions.

Queue watches keep a view of each watched queue, built from ``queueContentsMessage``
(the first one lists everything, later ones add, change and remove), and watched
interactions keep their attributes from ``interactionChangedMessage``: waits re-check
these views as messages arrive, with no sleeps. Sources: CONTACT-CENTER.md 2.1.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Protocol

from ..protocol.dates import format_datetime
from ..protocol.errors import NO_STATION_ERROR_ID
from ..protocol.interactions import (
    CAPABILITIES,
    DISCONNECTED_STATES,
    QUEUE_TYPE_NAMES,
    START_ALERTING,
    STATE_NAMES,
    STOP_ALERTING,
)
from ..protocol.messages import (
    INTERACTION_ALERTING,
    INTERACTION_CHANGED,
    INTERACTION_DEALLOCATED,
    QUEUE_CONTENTS,
)
from .address import path_segment
from .deadline import DeadlineReached, clamp, whole_wait
from .errors import ICWSError
from .messaging import good_entries

if TYPE_CHECKING:
    from .channel import MessageChannel

CREATE_CALL = "urn:inin.com:interactions:createCallParameters"
CREATE_GENERIC = "urn:inin.com:interactions:createGenericInteractionParameters"
STATES = STATE_NAMES
# Other names users give states, and the letters they stand for.
STATE_ALIASES = {"disconnected": "IE", "on hold": "H", "hold": "H", "dialing": "S", "ringing": "A"}
DISCONNECTED = DISCONNECTED_STATES
QUEUE_TYPES = {name: number for number, name in QUEUE_TYPE_NAMES.items()}
# What queue watches ask of each interaction.
QUEUE_ATTRIBUTES = [
    "Eic_State", "Eic_CallStateString", "Eic_RemoteAddress", "Eic_RemoteName",
    "Eic_CallDirection", "Eic_CallType", "Eic_ObjectType", "Eic_WorkgroupName", "Eic_UserName",
]  # fmt: skip
# [doc] The attribute listing an interaction's connection segments, for wrap-up codes.
WRAP_UP_SEGMENTS = "Eic_WrapupConnectionSegments"


class Caller(Protocol):
    user_id: str | None
    timeout: float

    def call(self, method: str, path: str, body: Any = None, *, params=None) -> Any: ...
    def features(self) -> dict[str, int]: ...


def state_name(letter: str | None) -> str:
    """The name of an ``Eic_State`` letter: ``C`` is ``Connected``; "" is ``None``."""
    if not letter:
        return "None"
    return STATES.get(letter.upper(), letter)


def state_letters(state: str) -> str:
    """The letters a state given by letter or name stands for (``Disconnected``: ``IE``)."""
    text = str(state).strip()
    if len(text) == 1 and text.upper() in STATES:
        return text.upper()
    key = text.casefold()
    if key in STATE_ALIASES:
        return STATE_ALIASES[key]
    for letter, name in STATES.items():
        if name.casefold() == key:
            return letter
    known = ", ".join(f"{name} ({letter})" for letter, name in STATES.items())
    raise ICWSError(f"Unknown interaction state {state!r}: use one of {known}, or Disconnected.")


def capability_bit(name: str) -> int:
    """The ``Eic_Capabilities`` bit of a capability named without regard to case, spaces
    or dashes (``secure recording pause``, ``SecureRecordingPause``)."""
    wanted = _squeezed(name)
    bit = next((b for known, b in CAPABILITIES.items() if _squeezed(known) == wanted), None)
    if bit is None:
        raise ICWSError(
            f"Unknown interaction capability {name!r}: use one of {', '.join(CAPABILITIES)}."
        )
    return bit


def _squeezed(name: str) -> str:
    return re.sub(r"[\s_-]+", "", str(name)).casefold()


def capability_names(mask: int) -> list[str]:
    """The capabilities whose bits are set in ``mask``."""
    return [name for name, bit in CAPABILITIES.items() if mask & bit]


def created_id(answer, what: str = "an interaction") -> str:
    """The id in the server's answer to creating an interaction (``{interactionId}``)."""
    if not isinstance(answer, dict) or not answer.get("interactionId"):
        raise ICWSError(f"The server created {what} without an interactionId: {answer!r:.200}")
    return str(answer["interactionId"])


def create_interaction(session, body: dict, refused: str, what: str = "an interaction") -> str:
    """POST ``body`` to /interactions and return the new interaction's id; a refusal is
    raised in the context ``refused``."""
    try:
        answer = session.call("POST", "/interactions", body)
    except ICWSError as error:
        raise error.in_context(refused) from None
    return created_id(answer, what)


def queue_type(kind) -> int:
    text = str(kind).strip().lower()
    if text.isdigit() and int(text) in QUEUE_TYPES.values():
        return int(text)
    if text not in QUEUE_TYPES:
        raise ICWSError(f"Unknown queue type {kind!r}: use {', '.join(QUEUE_TYPES)}.")
    return QUEUE_TYPES[text]


class QueueView:
    """What a queue watch has seen: the queue's interactions and their attributes."""

    def __init__(self, subscription_id: str, kind: int, name: str):
        self.subscription_id = subscription_id
        self.kind = kind
        self.name = name
        self.interactions: dict[str, dict[str, str]] = {}
        self.ready = False
        # Interactions Wait Until Interaction Appears In Queue has already returned.
        self.returned: set[str] = set()

    def apply(self, message: dict) -> None:
        current = {} if message.get("isDelta") is False else dict(self.interactions)
        for item in good_entries(message, "interactionsAdded", _is_entry):
            current[str(item["interactionId"])] = dict(item.get("attributes") or {})
        for item in good_entries(message, "interactionsChanged", _is_entry):
            key = str(item["interactionId"])
            current[key] = {**current.get(key, {}), **(item.get("attributes") or {})}
        for key in good_entries(message, "interactionsRemoved", _is_id):
            current.pop(str(key), None)
        self.interactions = current
        self.ready = True

    def entries(self) -> list[dict]:
        return [
            {"interactionId": key, "attributes": dict(attributes)}
            for key, attributes in self.interactions.items()
        ]

    def state_of(self, interaction_id: str) -> str | None:
        attributes = self.interactions.get(interaction_id)
        return None if attributes is None else attribute_value(attributes, "Eic_State")


def _is_id(value) -> bool:
    return isinstance(value, (str, int)) and not isinstance(value, bool) and str(value) != ""


def _is_entry(item) -> bool:
    """An interaction entry of a message: an id, and attributes that are an object if any."""
    return (
        isinstance(item, dict)
        and _is_id(item.get("interactionId"))
        and isinstance(item.get("attributes") or {}, dict)
    )


# The ways a supervisor monitors another agent's call; the attribute listing who does.
MONITOR_MODES = ("listen", "coach", "join")
# [real] Attribute names a real client watches: who monitors, and who does as supervisor.
MONITORS = ("Eic_Monitors", "Eic_MonitorsSupv")


def attribute_value(attributes: dict, name: str) -> str:
    """An attribute by name without regard to case, as ICWS names them."""
    if name in attributes:
        return attributes[name]
    folded = name.casefold()
    return next((v for k, v in attributes.items() if k.casefold() == folded), "")


class InteractionAPI:
    def __init__(self, session: Caller, channel: MessageChannel):
        self._session = session
        self.queues: dict[str, QueueView] = {}
        # Watched interactions: id -> attributes seen, and the names watched; the server's
        # deallocated ids.
        self.watched: dict[str, dict[str, str]] = {}
        self.watch_names: dict[str, list[str]] = {}
        self.deallocated: set[str] = set()
        self.alerting: list[str] = []
        # Interactions the user monitors: id -> how (listen, coach or join), so that
        # stopping names the same action.
        self.monitoring: dict[str, str] = {}
        self.alerts_returned: set[str] = set()
        self.alerting_subscribed = False
        self.attach(channel)

    def attach(self, channel: MessageChannel) -> None:
        """Read interaction messages from this channel (a new one after a reconnect)."""
        self.channel = channel
        channel.on(QUEUE_CONTENTS, self._queue_message)
        channel.on(INTERACTION_CHANGED, self._interaction_changed)
        channel.on(INTERACTION_DEALLOCATED, self._interaction_deallocated)
        channel.on(INTERACTION_ALERTING, self._alerting_message)

    # -- message handlers (on the channel's thread) --------------------------------------

    def _queue_message(self, message: dict) -> None:
        view = self.queues.get(str(message.get("subscriptionId")))
        if view is not None:
            view.apply(message)

    def _interaction_changed(self, message: dict) -> None:
        key = str(message.get("interactionID") or message.get("interactionId"))
        if key in self.watched:
            self.watched[key] = {**self.watched[key], **(message.get("attributes") or {})}

    def _interaction_deallocated(self, message: dict) -> None:
        # The last attributes seen stay, to say what the interaction was when it ended.
        self.deallocated.add(str(message.get("interactionID") or message.get("interactionId")))

    def _alerting_message(self, message: dict) -> None:
        # A snapshot (isDelta false) says every alert there is; a delta, what changed.
        alerting = [] if message.get("isDelta") is False else list(self.alerting)
        for detail in good_entries(message, "alertingInteractionDetails", _is_entry):
            key = str(detail["interactionId"])
            if detail.get("alertAction") == START_ALERTING and key not in alerting:
                alerting.append(key)
            elif detail.get("alertAction") == STOP_ALERTING and key in alerting:
                alerting.remove(key)
        self.alerting = alerting

    # -- creating ---------------------------------------------------------------------------

    def make_call(self, target: str, workgroup: str | None = None, notes: str | None = None) -> str:
        body: dict[str, Any] = {"__type": CREATE_CALL, "target": str(target)}
        if workgroup:
            body["workgroup"] = workgroup
        if notes:
            body["notes"] = notes
        try:
            return created_id(self._session.call("POST", "/interactions", body))
        except ICWSError as error:
            if error.error_id == NO_STATION_ERROR_ID:
                raise error.with_message(
                    f"'{self._session.user_id}' cannot call {target}: the session has no station "
                    f"connection; use Log On To Workstation first ({error})."
                ) from None
            raise error.in_context(
                f"The call of '{self._session.user_id}' to {target} was refused"
            ) from None

    def create_generic(
        self, workgroup: str, remote_name: str | None = None, attributes=None
    ) -> str:
        body: dict[str, Any] = {
            "__type": CREATE_GENERIC,
            "queueId": {"queueType": QUEUE_TYPES["workgroup"], "queueName": workgroup},
        }
        if remote_name:
            body["remoteName"] = remote_name
        if attributes:
            body["additionalAttributes"] = {str(k): str(v) for k, v in attributes.items()}
        return create_interaction(
            self._session, body, f"The generic interaction for workgroup {workgroup} was refused"
        )

    # -- attributes and actions -------------------------------------------------------------

    def attributes(self, interaction_id: str, names) -> dict[str, str]:
        """The named attributes (names as asked, values "" when not set)."""
        names = [str(name) for name in names]
        bad = [name for name in names if not name.strip() or "," in name]
        if bad:
            # select is comma-separated: such a name would read other attributes, or none.
            raise ICWSError(
                f"An attribute name must not be empty or hold a comma (a read lists names "
                f"with commas): {', '.join(map(repr, bad))}."
            )
        answer = self._session.call(
            "GET",
            f"/interactions/{path_segment(interaction_id)}",
            params={"select": ",".join(names)} if names else None,
        )
        found = answer.get("attributes") if isinstance(answer, dict) else None
        if not isinstance(found, dict):
            raise ICWSError(
                f"The attributes of interaction {interaction_id} came back as {answer!r:.200}, "
                'not as {"attributes": {...}}.'
            )
        if not names:
            return dict(found)
        return {name: attribute_value(found, name) for name in names}

    def state(self, interaction_id: str) -> str:
        """The ``Eic_State`` letter of the interaction ("" when not set)."""
        return self.attributes(interaction_id, ["Eic_State"])["Eic_State"]

    def capabilities(self, interaction_id: str) -> int:
        """The ``Eic_Capabilities`` bitmask of the interaction (0 when not set)."""
        text = self.attributes(interaction_id, ["Eic_Capabilities"])["Eic_Capabilities"]
        try:
            return int(text or 0)
        except ValueError:
            raise ICWSError(
                f"Interaction {interaction_id} has Eic_Capabilities {text!r:.60}, which is "
                "not a number."
            ) from None

    def set_attributes(self, interaction_id: str, attributes: dict) -> None:
        body = {"attributes": {str(k): str(v) for k, v in attributes.items()}}
        self.act(interaction_id, "", body, verb="set attributes of")

    def act(
        self, interaction_id: str, action: str, body: Any = None, *, verb: str, to: str = ""
    ) -> None:
        """POST an action; a refusal says "'agent1' could not <verb> interaction <id> [to]"."""
        path = f"/interactions/{path_segment(interaction_id)}" + (f"/{action}" if action else "")
        try:
            self._session.call("POST", path, body)
        except ICWSError as error:
            raise error.in_context(
                f"'{self._session.user_id}' could not {verb} interaction {interaction_id}"
                + (f" to {to}" if to else "")
            ) from None

    def monitor(self, interaction_id: str, mode: str | None, on: bool) -> None:
        """Listen to, coach or join another agent's call, or stop (``mode`` None: the way
        this session began). [guess] The body ``{on, supervisor}``, as record takes."""
        if mode is None:
            mode = self.monitoring.get(interaction_id, MONITOR_MODES[0])
        if mode not in MONITOR_MODES:
            raise ICWSError(f"No way to monitor {mode!r}: one of {', '.join(MONITOR_MODES)}.")
        verb = {"listen": "listen to", "coach": "coach", "join": "join"}[mode]
        self.act(interaction_id, mode, {"on": bool(on), "supervisor": False},
                 verb=verb if on else f"stop monitoring ({mode})")  # fmt: skip
        if on:
            self.monitoring[interaction_id] = mode
        else:
            self.monitoring.pop(interaction_id, None)

    def assign_wrap_up(self, interaction_id: str, code: str, segment: int | None = None) -> int:
        """Assign a wrap-up code to a segment of the interaction (default: its last, from
        ``Eic_WrapupConnectionSegments``); returns the segment."""
        if segment is None:
            listed = self.attributes(interaction_id, [WRAP_UP_SEGMENTS])[WRAP_UP_SEGMENTS]
            numbers = re.findall(r"\d+", listed)
            if not numbers:
                raise ICWSError(
                    f"Interaction {interaction_id} has no wrap-up segment ({WRAP_UP_SEGMENTS} is "
                    "empty): it was not connected to an agent through a workgroup."
                )
            segment = int(numbers[-1])
        body = {
            "code": str(code),
            "segmentId": int(segment),
            "time": format_datetime(datetime.now(timezone.utc)),
            "user": self._session.user_id,
            "sourceInteractionId": str(interaction_id),
        }
        self.act(interaction_id, "wrap-up-assignments", body,
                 verb=f"assign wrap-up code '{code}' to")  # fmt: skip
        return int(segment)

    def transfer(self, interaction_id: str, target: str) -> None:
        """Blind transfer to a number, a user, or ``workgroup:NAME``."""
        text = str(target)
        if text.lower().startswith("workgroup:"):
            name = text.split(":", 1)[1].strip()
            body: dict = {"queueID": {"queueType": QUEUE_TYPES["workgroup"], "queueName": name}}
        else:
            body = {"target": text}
        self.act(interaction_id, "blind-transfer", body, verb="transfer", to=text)

    # -- queues -----------------------------------------------------------------------------

    def watch_queue(self, name: str, kind="workgroup") -> QueueView:
        """Watch a queue (once per session); returns its view once the server filled it."""
        number = queue_type(kind)
        subscription_id = _subscription_id(number, name)
        view = self.queues.get(subscription_id)
        if view is not None:
            return view
        view = QueueView(subscription_id, number, name)
        self.channel.start()
        self.queues[subscription_id] = view
        body = {
            "queueIds": [{"queueType": number, "queueName": name}],
            "attributeNames": QUEUE_ATTRIBUTES,
        }
        try:
            self._session.call("PUT", f"/messaging/subscriptions/queues/{subscription_id}", body)
        except ICWSError as error:
            del self.queues[subscription_id]
            raise error.in_context(
                f"Watching the {_kind_name(number)} queue {name} was refused"
            ) from None
        if not self.channel.wait_until(lambda: view.ready, self._session.timeout):
            if clamp(self._session.timeout) < self._session.timeout:
                raise DeadlineReached(
                    f"The {_kind_name(number)} queue {name} was not filled in time."
                )
            raise ICWSError(
                f"The server accepted the watch of the {_kind_name(number)} queue {name} but sent "
                f"no queue contents within {self._session.timeout:g} s."
            )
        return view

    def stop_watching(self, name: str, kind="workgroup") -> None:
        number = queue_type(kind)
        subscription_id = _subscription_id(number, name)
        if self.queues.pop(subscription_id, None) is None:
            raise ICWSError(f"The {_kind_name(number)} queue {name} is not watched.")
        self._session.call("DELETE", f"/messaging/subscriptions/queues/{subscription_id}")

    @whole_wait(on_timeout=None)
    def wait_until_in_queue(self, name: str, kind, timeout: float, filters=None) -> str | None:
        """The id of an interaction in the queue, not disconnected, that this wait has not
        returned before, and whose attributes match ``filters``; None at the timeout."""
        view = self.watch_queue(name, kind)
        filters = {str(k): str(v) for k, v in (filters or {}).items()}
        found: list[str] = []

        def appeared() -> bool:
            for key, attributes in view.interactions.items():
                if key in view.returned or attribute_value(attributes, "Eic_State") in DISCONNECTED:
                    continue
                if all(
                    attribute_value(attributes, n).casefold() == v.casefold()
                    for n, v in filters.items()
                ):
                    found.append(key)
                    return True
            return False

        if not self.channel.wait_until(appeared, timeout):
            return None
        view.returned.add(found[0])
        return found[0]

    @whole_wait(on_timeout=None)
    def wait_until_queue_empty(self, name: str, kind, timeout: float) -> QueueView | None:
        view = self.watch_queue(name, kind)
        return view if self.channel.wait_until(lambda: not view.interactions, timeout) else None

    # -- alerts and states ------------------------------------------------------------------

    @whole_wait(on_timeout=None)
    def wait_for_alerting(self, timeout: float) -> str | None:
        """The id of the next interaction that alerts this session's user.

        [doc] The interaction-alerting subscription (interactions 6) says when an alert
        starts and stops; the user's queue catches one that began before this first wait
        (and is all that older servers have).
        """
        user_queue = self.watch_queue(self._session.user_id, "user")
        if not self.alerting_subscribed and self._session.features().get("interactions", 0) >= 6:
            self._session.call("PUT", "/messaging/subscriptions/interaction-alerting", {})
            self.alerting_subscribed = True
        found: list[str] = []

        def alerting() -> bool:
            queued = [
                k
                for k, a in user_queue.interactions.items()
                if attribute_value(a, "Eic_State") == "A"
            ]
            for key in self.alerting + queued:
                if key not in self.alerts_returned:
                    found.append(key)
                    return True
            return False

        if not self.channel.wait_until(alerting, timeout):
            return None
        self.alerts_returned.add(found[0])
        return found[0]

    def watch(self, interaction_id: str, names=("Eic_State",)) -> dict[str, str]:
        """Watch the interaction's ``names`` (with those watched already), so waits follow
        its messages; returns the attributes as now known."""
        key = str(interaction_id)
        watched = self.watch_names.get(key, [])
        wanted = watched + [n for n in names if n.casefold() not in {w.casefold() for w in watched}]
        if key in self.watched and wanted == watched:
            return self.watched[key]
        self.channel.start()
        self.watched.setdefault(key, {})
        try:
            # [doc] A PUT names every attribute the watch tells (it replaces the list).
            self._session.call(
                "PUT",
                f"/messaging/subscriptions/interactions/{path_segment(key)}",
                {"attributeNames": wanted},
            )
        except ICWSError as error:
            if not watched:
                self.watched.pop(key, None)
            raise error.in_context(f"Watching interaction {key} was refused") from None
        self.watch_names[key] = wanted
        now = self.attributes(key, wanted)
        # A message that came meanwhile is as new as the read, or newer.
        self.watched[key] = {**now, **self.watched.get(key, {})}
        return self.watched[key]

    @whole_wait(on_timeout=None)
    def wait_until_shown(
        self, interaction_id: str, shows, names=("Eic_State",), *, timeout: float
    ) -> dict[str, str] | None:
        """Wait until ``shows(attributes)`` holds for the interaction's watched ``names``
        (attributes None once the server deallocated it); the attributes then, or None at
        the timeout.

        [real] A server answers an action before its effect shows (the vendor's own QA
        waits after pickup and disconnect): an action keyword waits here, so that the next
        read does not race the server. The watch starts after the action: its first read
        sees an effect that came first, its messages one that comes later."""
        key = str(interaction_id)
        if key not in self.deallocated:
            try:
                self.watch(key, names)
            except ICWSError as error:
                if error.status not in (403, 404):
                    raise
                # The interaction left the user's reach (transferred to another user's
                # queue, or gone): seen as deallocated, which an action's effect may be.
                return {} if shows(None) else None
        seen: list[dict[str, str] | None] = []

        def shown() -> bool:
            attributes = None if key in self.deallocated else self.watched.get(key, {})
            if shows(attributes):
                seen.append(attributes)
                return True
            return False

        if self.channel.wait_until(shown, timeout):
            return seen[0] if seen[0] is not None else {}
        return None

    @whole_wait(on_timeout=(False, ""))
    def wait_until_state(self, interaction_id: str, state: str, timeout: float) -> tuple[bool, str]:
        """Wait until the interaction is in ``state`` (letter or name); returns whether it
        got there and the last letter seen."""
        letters = state_letters(state)
        key = str(interaction_id)
        self.watch(key)

        def current() -> str | None:
            for view in self.queues.values():
                letter = view.state_of(key)
                if letter:
                    return letter
            return attribute_value(self.watched.get(key, {}), "Eic_State")

        def reached() -> bool:
            letter = current()
            if key in self.deallocated:
                raise ICWSError(
                    f"Interaction {key} ended (the server deallocated it) while waiting for it "
                    f"to be {state}; it was last {state_name(letter)}."
                )
            return bool(letter) and letter in letters

        if self.channel.wait_until(reached, timeout):
            return True, current() or ""
        # A last read settles a message that raced the subscription, if time is left.
        try:
            letter = self.state(key)
        except DeadlineReached:
            letter = current() or ""
        return letter in letters and bool(letter), letter


def _subscription_id(kind: int, name: str) -> str:
    """One watch id per queue: readable, and unique per type and name (names compared in
    any case, as CIC does). A name that is not plain letters and digits also gets a digest
    of itself, so "Продажи" and "営業", or "Sales EU" and "Sales-EU", differ."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "queue"
    if not re.fullmatch(r"[A-Za-z0-9]+", name):
        digest = hashlib.sha1(f"{kind}:{name.casefold()}".encode()).hexdigest()[:10]
        slug = f"{slug}-{digest}"
    return f"robot-{_kind_name(kind)}-{slug}"


def _kind_name(kind: int) -> str:
    return next(name for name, number in QUEUE_TYPES.items() if number == kind)
