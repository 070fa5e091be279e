"""Features ``interactions`` and ``queues``: creating interactions, reading and changing
their attributes, acting on them, and watching queues, interactions and alerts.

The rules and the state live in :mod:`..contact`; this file speaks HTTP. Answers follow
the SDK contracts (CONTACT-CENTER.md 2.1, 2.8): 201 ``{interactionId}`` on creation, 200
for actions, 204 for interaction, alerting, chat and callback subscriptions; 404 for an
unknown interaction, 403 for one outside the user's queues, 400 for bad bodies.
"""

from __future__ import annotations

import contextlib
import functools
import re
from urllib.parse import parse_qs

from ...protocol.interactions import (
    GENERIC_INITIAL_STATES,
    INTERACTION_DIRECTIONS,
    PARTY_TYPES,
)
from ...protocol.interactions import QUEUE_TYPE_NAMES as QUEUE_TYPES
from ...protocol.interactions import STATION_QUEUE as STATION
from ...protocol.interactions import USER_QUEUE as USER
from ...protocol.interactions import WORKGROUP_QUEUE as WORKGROUP
from ...protocol.names import did_you_mean
from ..contact import (
    CALL,
    MEDIA_NAMES,
    RETRY,
    ChatParty,
    ContactCenter,
    Effect,
    GenericRequest,
    Interaction,
    QueueWatch,
)
from ..contact.monitoring import MODES as MONITOR_MODES
from ..contact.rights import check_may_act
from ..errors import (
    Forbidden,
    InvalidProperty,
    InvalidRepresentation,
    InvalidState,
    MissingProperty,
    NoStation,
    NotFound,
    SimulatorError,
)
from ..scenario import User, Workgroup
from ..sessions import MAX_WATCHES, Session
from ..wire import Request, Response, json_response

# [doc] Words the operation list puts where an interaction id would stand.
NOT_IDS = "(?:conferences|agent-assistance|email)"
CREATE_CALL = "createCallParameters"
CREATE_GENERIC = "createGenericInteractionParameters"
CREATE_CALLBACK = "createCallbackParameters"
CREATE_CHAT = "createChatParameters"
CREATE_CALLBACK_RESPONSE = "createCallbackResponseCallParameters"
# Known creation types the simulator does not model yet.
NOT_SIMULATED_TYPES = ("createEmailParameters",)
# The actions queue rights govern on an interaction another agent has.
TELEPHONY_ACTIONS = frozenset(
    {"pickup", "disconnect", "hold", "mute", "blind-transfer", "send-digits", *MONITOR_MODES}
)
_DIGITS = re.compile(r"^[0-9*#A-Da-d,]+$")
# A number as people dial it (+1 (317) 555-0100, 555.0100 x12) or a SIP or tel URI.
_DIAL_STRING = re.compile(r"^(\+?[0-9(][0-9 ()./*#x,-]*|(sip|sips|tel):\S+)$", re.IGNORECASE)


class InteractionResource:
    def __init__(self, contact: ContactCenter):
        self.contact = contact
        self.scenario = contact.scenario
        self.state = contact.state

    def routes(self) -> list:
        # An interaction id, never one of the documented words in its place
        # (interactions/conferences, .../agent-assistance, .../email): those operations
        # are not simulated and answer 501, not "interaction conferences not found".
        one = rf"^interactions/(?!{NOT_IDS}(?:/|$))([^/]+)"
        actions = {
            "pickup": self.pick_up, "disconnect": self.disconnect, "hold": self.hold,
            "mute": self.mute, "blind-transfer": self.blind_transfer,
            "send-digits": self.send_digits,
            **{mode: functools.partial(self.monitor, mode=mode) for mode in MONITOR_MODES},
        }  # fmt: skip
        routes = [
            ("POST", re.compile(r"^interactions$"), self.create, True),
            ("GET", re.compile(one + "$"), self._found(self.get_attributes), True),
            ("POST", re.compile(one + "$"), self._found(self.set_attributes), True),
            ("POST", re.compile(one + "/wrap-up-assignments$"),
             self._found(self.assign_wrap_up), True),
            ("PUT", re.compile(one + "/callback/disposition$"),
             self._acting(self.dispose_callback), True),
            ("POST", re.compile(one + "/chat/messages$"), self._acting(self.send_chat), True),
            ("PUT", re.compile(one + "/chat/typing-indicator$"),
             self._acting(self.chat_typing), True),
        ]  # fmt: skip
        for name, handler in actions.items():
            routes.append(("POST", re.compile(f"{one}/{name}$"), self._acting(handler), True))
        subscriptions = {
            r"^messaging/subscriptions/queues/([^/]+)$": (self.watch_queue, self.stop_queue),
            rf"^messaging/subscriptions/interactions/(?!{NOT_IDS}$)([^/]+)$": (
                self._found(self.watch_one), self.stop_one
            ),
            r"^messaging/subscriptions/interaction-alerting$": (self.watch_alerts, self.stop_alerts),
            r"^messaging/subscriptions/interactions/([^/]+)/chat$": (
                self._found(self.watch_chat), self.stop_chat
            ),
            r"^messaging/subscriptions/interactions/([^/]+)/callback$": (
                self._found(self.watch_callback), self.stop_callback
            ),
        }  # fmt: skip
        for pattern, (start, stop) in subscriptions.items():
            compiled = re.compile(pattern)
            routes += [("PUT", compiled, start, True), ("DELETE", compiled, stop, True)]
        return routes

    # -- creating ---------------------------------------------------------------------------

    def create(self, request: Request, session: Session) -> Response:
        body = request.json()
        if not isinstance(body, dict) or not body.get("__type"):
            raise MissingProperty("__type")
        kind = str(body["__type"]).rsplit(":", 1)[-1]
        if kind == CREATE_CALL:
            created = self._make_call(session, body)
        elif kind == CREATE_GENERIC:
            created = self._create_generic(body)
        elif kind == CREATE_CALLBACK:
            created = self._create_callback(body)
        elif kind == CREATE_CHAT:
            created = self._create_chat(session, body)
        elif kind == CREATE_CALLBACK_RESPONSE:
            created = self._call_back(session, body)
        elif kind in NOT_SIMULATED_TYPES:
            raise SimulatorError(
                501, "simulator.notSimulated", f"The ICWS simulator does not create {kind} yet."
            )
        else:
            raise InvalidProperty("__type", f"{body['__type']} is not an interaction type.")
        created.creator = session.user
        location = [("Location", f"/icws/{session.id}/interactions/{created.id}")]
        return json_response(201, {"interactionId": created.id}, location)

    def _call_back(self, session: Session, body: dict) -> Interaction:
        """[SDK] createCallbackResponseCallParameters ``{parentInteractionId, target,
        workgroup?}``: the agent who has the callback connected calls its customer back."""
        for name in ("parentInteractionId", "target"):
            if not body.get(name) or not isinstance(body[name], str):
                raise MissingProperty(name)
        parent_id = str(body["parentInteractionId"])
        parent = self.contact.find(parent_id)
        if parent is None or self.contact.callbacks.of(parent) is None:
            raise InvalidProperty(
                "parentInteractionId", f"Interaction {parent_id} is not a callback."
            )
        try:
            self.contact.callbacks.check_calling_back(parent, session.user)
        except InvalidState as refused:
            raise refused.of("call-back", parent.id) from None
        call = self._make_call(session, body)
        self.contact.callbacks.called_back(parent, call)
        return call

    def _make_call(self, session: Session, body: dict) -> Interaction:
        target = body.get("target")
        if not target or not isinstance(target, str):
            raise MissingProperty("target")
        workgroup = None
        if body.get("workgroup"):
            workgroup = self.scenario.workgroup(str(body["workgroup"]))
            if workgroup is None or not workgroup.has_member(session.user.id):
                # [guess] status and errorId.
                raise InvalidProperty(
                    "workgroup",
                    f"{session.user.id} cannot call on behalf of workgroup {body['workgroup']}.",
                )
        if not session.station:
            # [guess] A call needs a station to ring; the errorId of "no station" [real].
            raise NoStation("The session has no station connection to call from.")
        return self.contact.make_call(session, target, workgroup)

    def _create_generic(self, body: dict) -> Interaction:
        queue = body.get("queueId")
        if not isinstance(queue, dict) or "queueType" not in queue or not queue.get("queueName"):
            raise MissingProperty("queueId")
        kind, owner = self._queue(queue)
        if kind not in (USER, WORKGROUP):
            raise InvalidProperty(
                "queueId.queueType", "A generic interaction goes to a user or workgroup queue."
            )
        extra = body.get("additionalAttributes") or {}
        if not isinstance(extra, dict):
            raise InvalidProperty("additionalAttributes", "additionalAttributes must be an object.")
        request = GenericRequest(
            initial_state=enum_field(body, "initialState", GENERIC_INITIAL_STATES)
        )
        attributes = request.attributes
        attributes.update((str(name), str(value)) for name, value in extra.items())
        # localPartyType and localLocation are taken and checked, but no attribute a
        # server shows them in is known.
        for field, table, attribute in (
            ("interactionDirection", INTERACTION_DIRECTIONS, "Eic_CallDirection"),
            ("remotePartyType", PARTY_TYPES, "Eic_CallType"),
            ("localPartyType", PARTY_TYPES, None),
        ):
            _name, letter = table[enum_field(body, field, table)]
            if letter and attribute:
                attributes[attribute] = letter
        for field, names in (
            ("remoteName", ("Eic_RemoteName",)),
            # [SDK] remoteId is the remote party's id: Eic_RemoteId; [guess] also its
            # address, as a caller's number is both.
            ("remoteId", ("Eic_RemoteId", "Eic_RemoteAddress")),
            ("localLocation", ()),
        ):
            value = body.get(field)
            if value is not None and not isinstance(value, str):
                raise InvalidProperty(field, f"{field} must be a string, not {value!r:.40}.")
            for name in names if value else ():
                attributes[name] = str(value)
        if kind == WORKGROUP:
            return self.contact.create_generic(owner, None, request)
        return self.contact.create_generic(None, owner, request)

    def _create_callback(self, body: dict) -> Interaction:
        """[doc] target, targetQueue and subject are required; name is optional."""
        for name in ("target", "targetQueue", "subject"):
            if not body.get(name):
                raise MissingProperty(name)
        queue = body["targetQueue"]
        if not isinstance(queue, dict) or "queueType" not in queue or not queue.get("queueName"):
            raise InvalidProperty("targetQueue", "targetQueue must name a workgroup queue.")
        kind, workgroup = self._queue(queue)
        if kind != WORKGROUP:
            raise InvalidProperty("targetQueue", "A callback goes to a workgroup queue.")
        return self.contact.create_callback(
            workgroup, str(body["target"]), str(body["subject"]), str(body.get("name") or "")
        )

    def _create_chat(self, session: Session, body: dict) -> Interaction:
        """[doc] target: a user or a workgroup, by id or extension."""
        target = body.get("target")
        if not target or not isinstance(target, str):
            raise MissingProperty("target")
        starter = ChatParty(session.user.display_name, session.user.id)
        workgroup = self.scenario.workgroup(target)
        if workgroup is not None:
            return self.contact.start_chat(starter, workgroup=workgroup)
        user = self.scenario.user(target) or self.scenario.user_at(target)
        if user is None:
            # [guess] status and errorId.
            raise InvalidProperty(
                "target", f"There is no user or workgroup {target!r} to chat with."
            )
        return self.contact.start_chat(starter, user=user)

    def _queue(self, queue: dict) -> tuple:
        """``(type, workgroup or user or station id)`` of a queueId; the 400 it earns
        raised."""
        kind = queue.get("queueType")
        name = str(queue.get("queueName") or "")
        if isinstance(kind, str) and kind.strip().isdigit():
            # [real] The vendor's own Mac client sends queueType as a string ("1").
            kind = int(kind)
        if not isinstance(kind, int) or isinstance(kind, bool) or kind not in QUEUE_TYPES:
            raise InvalidProperty("queueType", f"queueType must be 0 to 3, not {kind!r:.40}.")
        owner: Workgroup | User | str | None
        if kind == WORKGROUP:
            owner = self.scenario.workgroup(name)
        elif kind == STATION:
            station = self.scenario.station(name)
            owner = station.id if station else None
        else:
            owner = self.scenario.user(name)
        if owner is None:
            # [doc] The queue subscription lists no 404; [guess] a 400 naming the queue.
            raise InvalidProperty(
                "queueName", f"There is no {QUEUE_TYPES[kind]} queue named {name!r}."
            )
        return kind, owner

    # -- reading and changing attributes -----------------------------------------------------

    def _find(self, session: Session, interaction_id: str) -> Interaction:
        interaction = self.contact.find(interaction_id)
        if interaction is None:
            raise NotFound(f"The interaction {interaction_id} was not found.")
        if not self.contact.may_see(session.user, interaction):
            raise Forbidden(
                f"The user {session.user.id} has no rights to interaction {interaction_id}."
            )
        return interaction

    def _found(self, handler):
        """A route handler given the interaction its path names, after the 404 or 403 a
        request about a missing or foreign interaction gets."""

        def with_interaction(request: Request, session: Session, interaction_id: str) -> Response:
            return handler(request, session, self._find(session, interaction_id))

        return with_interaction

    def get_attributes(self, request: Request, session: Session, interaction: Interaction):
        selected = parse_qs(request.query).get("select", [])
        names = [name for item in selected for name in item.split(",") if name.strip()]
        # [doc] Without select, only Eic_CallId comes back.
        names = [name.strip() for name in names] or ["Eic_CallId"]
        return json_response(200, {"attributes": interaction.attributes.select(names)})

    def set_attributes(self, request: Request, session: Session, interaction: Interaction):
        body = request.json()
        attributes = body.get("attributes") if isinstance(body, dict) else None
        if not isinstance(attributes, dict):
            raise MissingProperty("attributes")
        for name in attributes:
            if name.casefold() in ("eic_state", "eic_callid"):
                # [guess] The server keeps these itself.
                raise InvalidProperty(name, f"The attribute {name} cannot be set.")
        self.contact.change(interaction, **{str(k): str(v) for k, v in attributes.items()})
        return json_response(200)

    # -- actions ----------------------------------------------------------------------------

    def _acting(self, handler):
        def act(request: Request, session: Session, interaction: Interaction) -> Response:
            action = request.path.rsplit("/", 1)[-1]
            if action in TELEPHONY_ACTIONS:
                check_may_act(session.user, interaction, action)
            body = request.json()
            try:
                effect = handler(session, interaction, body if isinstance(body, dict) else {})
            except InvalidState as refused:
                raise refused.of(action, interaction.id) from None
            if effect is not None:
                self._after_the_answer(effect, f"{action} of {interaction.id} took effect")
            return json_response(200)

        return self._found(act)

    def _after_the_answer(self, effect: Effect, what: str) -> None:
        """[real] A server answers an action before its effect shows (the vendor's own QA
        waits after pickup and disconnect): the effect follows the scenario's actionDelay
        later, on the simulator's clock. Checked when asked, it does nothing if the
        interaction changed meanwhile."""
        delay = self.scenario.action_delay
        if delay <= 0:
            effect()
            return

        def take_effect() -> None:
            # It changed meanwhile: the request was answered already, nothing more to say.
            with contextlib.suppress(SimulatorError):
                effect()

        self.state.clock.later(delay, take_effect, what)

    def pick_up(self, session: Session, interaction: Interaction, body: dict):
        station = session.station
        if not station or interaction.media not in station.get("allowedMediaTypes", ()):
            # [guess] As making a call does: a pickup needs a station of this session that
            # takes the medium; the errorId of "no station" [real].
            medium = MEDIA_NAMES.get(interaction.media, interaction.media)
            raise NoStation(
                f"Cannot pick up interaction {interaction.id}: the session has no station "
                f"that takes {medium} interactions."
            )
        return self.contact.pick_up(session, interaction)

    def disconnect(self, session: Session, interaction: Interaction, body: dict):
        return lambda: self.contact.disconnect(interaction, by_agent=True)

    def hold(self, session: Session, interaction: Interaction, body: dict):
        return self.contact.hold(interaction, _on(body))

    def mute(self, session: Session, interaction: Interaction, body: dict):
        return self.contact.mute(interaction, _on(body))

    def monitor(self, session: Session, interaction: Interaction, body: dict, *, mode: str):
        """listen, coach or join ``{on, supervisor}`` (contact/monitoring.py)."""
        on = _on(body)
        supervisory = body.get("supervisor", False)
        if not isinstance(supervisory, bool):
            raise InvalidProperty("supervisor", "supervisor must be true or false.")
        monitoring = self.contact.monitoring
        if on:
            return monitoring.start(session, interaction, mode, supervisory)
        return monitoring.stop(session, interaction)

    def send_digits(self, session: Session, interaction: Interaction, body: dict):
        digits = body.get("dtmfDigits")
        if not digits:
            raise MissingProperty("dtmfDigits")
        if not isinstance(digits, str) or not _DIGITS.match(digits):
            raise InvalidProperty("dtmfDigits", f"{digits!r} are not DTMF digits.")
        return self.contact.send_digits(interaction, digits)

    def blind_transfer(self, session: Session, interaction: Interaction, body: dict):
        target, queue = body.get("target"), body.get("queueID")
        if bool(target) == bool(queue):
            # [doc] Since v13, giving both or neither of target and queueID is an error.
            raise InvalidProperty("target", "Give either target or queueID.")
        if interaction.state not in ("A", "C", "H"):
            raise InvalidState(
                f"it is {interaction.attributes.get('Eic_CallStateString') or 'not active'}"
            )
        if queue:
            if not isinstance(queue, dict):
                raise InvalidProperty("queueID", "queueID must be an object.")
            kind, owner = self._queue(queue)
            if kind == WORKGROUP:
                return lambda: self.contact.transfer(interaction, target_workgroup=owner)
            if kind == USER:
                return lambda: self.contact.transfer(interaction, target_user=owner)
            raise InvalidProperty("queueID.queueType", "Transfer to a user or workgroup queue.")
        target = str(target)
        user = self.scenario.user_at(target)
        if user is not None:
            return lambda: self.contact.transfer(interaction, target_user=user)
        # [guess] A bare workgroup name or extension reaches the workgroup's queue, as
        # dialling a workgroup's extension does on CIC.
        workgroup = self.scenario.workgroup(target)
        if workgroup is not None:
            return lambda: self.contact.transfer(interaction, target_workgroup=workgroup)
        if not _DIAL_STRING.match(target):
            # [guess] A real server refuses a target its dial plan cannot place; a typo must
            # not make the call vanish as if it went outside.
            raise InvalidProperty(
                "target",
                f"'{target}' is not a number, a user or an extension of this server."
                + did_you_mean(target, self._transfer_targets(), "targets"),
            )
        return lambda: self.contact.transfer(interaction, number=target)

    def _transfer_targets(self) -> dict[str, str]:
        """Each target a transfer may name, compared as itself and shown as a user gives it."""
        targets = {
            f"workgroup:{w.id}": f"workgroup:{w.id}" for w in self.scenario.workgroups.values()
        }
        targets |= {w.id: f"workgroup:{w.id}" for w in self.scenario.workgroups.values()}
        for user in self.scenario.users.values():
            targets[user.id] = user.id
            if user.extension:
                targets[user.extension] = user.extension
        return targets

    def assign_wrap_up(self, request: Request, session: Session, interaction: Interaction):
        """[doc] wrapupAssignment {code, segmentId, time, user, sourceInteractionId}, all
        required; [real] 201 (IcwsCtiConnector). [guess] 400 for a code or segment that does
        not apply, as a wrong interaction state is answered."""
        body = request.json()
        body = body if isinstance(body, dict) else {}
        for name in ("code", "segmentId", "time", "user", "sourceInteractionId"):
            if body.get(name) in (None, ""):
                raise MissingProperty(name)
        segment = body["segmentId"]
        if isinstance(segment, bool) or not isinstance(segment, int):
            raise InvalidProperty("segmentId", f"segmentId must be a number, not {segment!r}.")
        if self.scenario.user(str(body["user"])) is None:
            raise InvalidProperty("user", f"There is no user {body['user']!r}.")
        try:
            self.contact.assign_wrap_up(interaction, str(body["code"]), segment)
        except InvalidState as refused:
            raise SimulatorError(
                400,
                "error.request.invalidRepresentation.invalidProperty",
                f"Cannot assign a wrap-up code to interaction {interaction.id}: {refused.reason}.",
            ) from None
        return json_response(201)

    def dispose_callback(self, session: Session, interaction: Interaction, body: dict):
        if self.contact.callbacks.of(interaction) is None:
            raise InvalidProperty("disposition", f"Interaction {interaction.id} is not a callback.")
        disposition = body.get("disposition")
        if disposition not in range(RETRY + 1) or isinstance(disposition, bool):
            raise InvalidProperty(
                "disposition", f"disposition must be 0 (Success), 1 (Failure) or 2 (Retry), "
                f"not {disposition!r}."
            )  # fmt: skip
        self.contact.dispose_callback(interaction, session.user, int(disposition or 0))

    def send_chat(self, session: Session, interaction: Interaction, body: dict):
        """[SDK] ChatSendTextParameters: ``text`` and ``clearTypingIndicator``, both required."""
        party = self._chat_member(session, interaction, "text")
        text = body.get("text")
        if not isinstance(text, str) or not text:
            raise MissingProperty("text")
        clear = required_flag(body, "clearTypingIndicator")
        self.contact.chats.write(interaction, party, text, clear_typing=clear)

    def chat_typing(self, session: Session, interaction: Interaction, body: dict):
        """[SDK] PUT .../chat/typing-indicator ``{on}``: the member is typing, or no more."""
        party = self._chat_member(session, interaction, "on")
        self.contact.chats.set_typing(interaction, party, required_flag(body, "on"))

    def _chat_member(self, session: Session, interaction: Interaction, what: str):
        chat = self.contact.chats.of(interaction)
        if chat is None:
            raise InvalidProperty(what, f"Interaction {interaction.id} is not a chat.")
        party = chat.member(session.user)
        if party is None:
            raise InvalidState(f"{session.user.id} is not a member of the chat; pick it up first")
        return party

    # -- subscriptions ----------------------------------------------------------------------

    def watch_chat(self, request: Request, session: Session, interaction: Interaction):
        if self.contact.chats.of(interaction) is None:
            raise InvalidProperty("interactionId", f"Interaction {interaction.id} is not a chat.")
        self.state.deliver(session, *self.contact.chats.watch(session, interaction))
        return json_response(204)

    def stop_chat(self, request: Request, session: Session, interaction_id: str) -> Response:
        self.contact.chats.stop_watching(session, interaction_id)
        return json_response(204)

    def watch_callback(self, request: Request, session: Session, interaction: Interaction):
        if self.contact.callbacks.of(interaction) is None:
            raise InvalidProperty(
                "interactionId", f"Interaction {interaction.id} is not a callback."
            )
        self.state.deliver(session, self.contact.callbacks.watch(session, interaction))
        return json_response(204)

    def stop_callback(self, request: Request, session: Session, interaction_id: str) -> Response:
        self.contact.callbacks.stop_watching(session, interaction_id)
        return json_response(204)

    def watch_queue(self, request: Request, session: Session, subscription_id: str) -> Response:
        body = request.json()
        if not isinstance(body, dict):
            raise MissingProperty("queueIds")
        queue_ids, names = body.get("queueIds"), _attribute_names(body)
        if not isinstance(queue_ids, list) or not queue_ids:
            # [doc] queueIds and attributeNames are List [1,*], required.
            raise MissingProperty("queueIds")
        if names is None:
            raise MissingProperty("attributeNames")
        queues = set()
        for queue in queue_ids:
            if not isinstance(queue, dict):
                raise InvalidProperty("queueIds", "Each queueId is an object.")
            kind, owner = self._queue(queue)
            name = owner if isinstance(owner, str) else owner.id
            queues.add((kind, name.lower()))
        if (
            subscription_id not in session.queue_watches
            and len(session.queue_watches) >= MAX_WATCHES
        ):
            raise too_many_watches("queue")
        watch = QueueWatch(queues, list(names))
        snapshot = self.contact.registry.watch_queues(session, subscription_id, watch)
        self.state.deliver(session, snapshot)
        return json_response(200)

    def stop_queue(self, request: Request, session: Session, subscription_id: str) -> Response:
        self.contact.registry.stop_queues(session, subscription_id)
        return json_response(204)

    def watch_one(self, request: Request, session: Session, interaction: Interaction):
        names = _attribute_names(request.json())
        if names is None:
            raise MissingProperty("attributeNames")
        watches = session.interaction_watches
        if interaction.id not in watches and len(watches) >= MAX_WATCHES:
            raise too_many_watches("interaction")
        self.state.deliver(session, self.contact.registry.watch(session, interaction, names))
        return json_response(204)

    def stop_one(self, request: Request, session: Session, interaction_id: str) -> Response:
        self.contact.registry.stop_watching(session, interaction_id)
        return json_response(204)

    def watch_alerts(self, request: Request, session: Session) -> Response:
        body = request.json()
        names = body.get("attributeNames") if isinstance(body, dict) else None
        if names is not None and (
            not isinstance(names, list) or not all(isinstance(n, str) for n in names)
        ):
            raise InvalidProperty("attributeNames", "attributeNames must list attribute names.")
        session.alerting_watch = list(names or [])
        self.state.deliver(session, self.contact.registry.alerting_snapshot(session))
        return json_response(204)

    def stop_alerts(self, request: Request, session: Session) -> Response:
        session.alerting_watch = None
        return json_response(204)


def too_many_watches(kind: str) -> SimulatorError:
    """[guess] A session holding as many watches of a kind as it may: 400, as other refused
    subscriptions are."""
    return InvalidRepresentation(
        f"A session may hold at most {MAX_WATCHES} {kind} watches; stop one first."
    )


def _attribute_names(body) -> list[str] | None:
    """[doc] ``attributeNames`` of a subscription: List [1,*] of names, required."""
    names = body.get("attributeNames") if isinstance(body, dict) else None
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        return None
    return names


__all__ = ["CALL", "InteractionResource"]


def _on(body: dict) -> bool:
    """The ``on`` of hold, mute, listen, coach and join: anything but true or false is
    taken as missing."""
    if not isinstance(body.get("on"), bool):
        raise MissingProperty("on")
    return body["on"]


def required_flag(body: dict, name: str) -> bool:
    """A required true/false property: missing, or another value, is a 400 naming it."""
    if name not in body:
        raise MissingProperty(name)
    if not isinstance(body[name], bool):
        raise InvalidProperty(name, f"{name} must be true or false, not {body[name]!r}.")
    return body[name]


def enum_field(body: dict, name: str, table: dict[int, tuple[str, str | None]]) -> int:
    """The number of an enum property (0, its None, when absent), ``table`` giving each
    value's name first; a string of digits is taken as the number, as queueType is [real];
    anything else is a 400 naming the values."""
    value = body.get(name, 0)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value in table:
        return value
    listed = ", ".join(f"{number} {label}" for number, (label, _letter) in table.items())
    raise InvalidProperty(name, f"{name} must be one of {listed}; not {value!r:.40}.")
