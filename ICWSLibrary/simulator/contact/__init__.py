"""The contact center in a box: interactions, their queues, ACD routing, and who hears.

One module per concern, wired together here:

- :mod:`.interaction`: the interaction with N parties, its attributes, the declared
  ``Eic_State`` transitions, its indexes and who hears of each change;
- :mod:`.lifecycle`: the events (entered, connecting, connected, ending, disconnected,
  removed) that media and features listen to;
- :mod:`.routing`: ACD (eligibility, longest idle, alert timeout, back to the queue);
- :mod:`.actions`: pick up, hold, mute, digits, disconnect, transfer;
- :mod:`.calls`: outbound and intercom calls; :mod:`.generic`: generic objects;
- :mod:`.wrapup`, :mod:`.tallies`, :mod:`.talk`, :mod:`.chats`, :mod:`.callbacks`:
  lifecycle listeners;
- :mod:`.consults`: consult transfer (hold the caller, call a third party, join them);
- :mod:`.conferences`: the agent's calls joined into one conversation, more dialled in;
- :mod:`.parking`, :mod:`.voicemail`: park on a user's queue; send to voice mail;
- :mod:`.recording`: recording policy, an agent's own recording, secure pause;
- :mod:`.monitoring`: a supervisor listens to, coaches or joins an agent's call;
- :mod:`.activations`: who is activated where; its changes route again.

A new medium (email, say) is one module like :mod:`.chats` that keeps its own state by
interaction id and registers its lifecycle hooks, and one line below that creates it.
Sources: CONTACT-CENTER.md 2.1, 2.3, 2.5, 2.6, 2.8, 2.9.
"""

from __future__ import annotations

from ..scenario import User, Workgroup
from ..sessions import Session
from ..state import ServerState
from ..statuses import Statuses
from .actions import Actions, Effect
from .activations import Activations
from .availability import Availability
from .callbacks import RETRY, Callbacks
from .calls import Calls
from .chats import ChatParty, Chats
from .conferences import Conferences
from .consults import Consults
from .generic import GenericObjects, GenericRequest
from .interaction import (
    CALL,
    MEDIA_NAMES,
    STATE_TEXT,
    TRANSITIONS,
    Interaction,
    Interactions,
    QueueWatch,
)
from .lifecycle import Lifecycle
from .monitoring import Monitoring
from .parking import Parking
from .recording import Recorder
from .routing import Router
from .talk import TalkTimes
from .tallies import Tallies
from .voicemail import Voicemail
from .wrapup import WrapUp

# What the resources, statistics and controls import from here, beside ContactCenter.
__all__ = [
    "CALL", "MEDIA_NAMES", "RETRY", "STATE_TEXT", "TRANSITIONS", "ChatParty", "ContactCenter",
    "Effect", "GenericRequest", "Interaction", "QueueWatch",
]  # fmt: skip


class ContactCenter:
    """Every interaction of the server, the workgroups' activations, and ACD routing: the
    parts, wired, and the operations the resources, statistics and controls use."""

    def __init__(self, state: ServerState, status: Statuses) -> None:
        self.state = state
        self.status = status
        self.scenario = state.scenario
        self.clock = state.clock
        self.lifecycle = Lifecycle()
        self.registry = Interactions(state, self.lifecycle)
        self.activations = Activations(state)
        self.tallies_kept = Tallies(state.clock, self.lifecycle)
        self.talk = TalkTimes(state.clock, self.lifecycle)
        # Availability hears of each change before routing does, so it registers first.
        self.availability = Availability(
            state, status, self.registry, self.activations,
            lambda user, workgroup, media: self.router.eligibility(user, workgroup, media),
        )  # fmt: skip
        self.router = Router(state, status, self.registry, self.activations, self.lifecycle)
        self.router.availability = self.availability
        self.actions = Actions(state, status, self.registry, self.router, self.lifecycle)
        self.wrapup = WrapUp(state, status, self.registry, self.lifecycle,
                             became_available=self.router.reset_idle,
                             linger=self.actions.linger)  # fmt: skip
        self.router.in_after_call_work = self.wrapup.is_in_after_call_work
        self.calls = Calls(state, self.registry, self.router, self.actions)
        self.generic = GenericObjects(state, self.registry, self.router, self.actions)
        self.chats = Chats(state, self.registry, self.router, self.lifecycle)
        self.callbacks = Callbacks(state, self.registry, self.router, self.actions, self.lifecycle)
        self.consults = Consults(state, self.registry, self.router, self.actions, self.calls,
                                 self.lifecycle)  # fmt: skip
        self.conferences = Conferences(self.registry, self.actions, self.calls, self.lifecycle)
        self.parking = Parking(state, self.registry, self.router, self.actions, self.lifecycle)
        self.voicemail = Voicemail(state, self.registry, self.router, self.actions)
        self.recorder = Recorder(state.clock, self.registry, self.lifecycle)
        self.monitoring = Monitoring(self.registry, self.actions, self.lifecycle)

    # -- what the parts hold ----------------------------------------------------------------

    @property
    def interactions(self) -> dict[str, Interaction]:
        return self.registry.all

    @property
    def tallies(self):
        return self.tallies_kept.counts

    @property
    def idle_since(self) -> dict[str, float]:
        return self.router.idle_since

    @property
    def after_call_work(self):
        return self.wrapup.after_call_work

    def find(self, interaction_id: str) -> Interaction | None:
        return self.registry.all.get(interaction_id)

    # -- creating ---------------------------------------------------------------------------

    def place_inbound(self, workgroup: Workgroup, address: str, name: str, **attributes):
        return self.router.place_inbound(workgroup, address, name, **attributes)

    def make_call(self, session: Session, target: str, workgroup: Workgroup | None):
        return self.calls.make_call(session, target, workgroup)

    def create_generic(
        self, workgroup: Workgroup | None, user: User | None, request: GenericRequest
    ) -> Interaction:
        return self.generic.create(workgroup, user, request)

    def start_chat(self, first: ChatParty, workgroup=None, user=None) -> Interaction:
        return self.chats.start(first, workgroup=workgroup, user=user)

    def create_callback(self, workgroup: Workgroup, target: str, subject: str, name: str):
        return self.callbacks.create(workgroup, target, subject, name)

    # -- acting -----------------------------------------------------------------------------

    def change(self, interaction: Interaction, **attributes) -> None:
        self.registry.change(interaction, **attributes)

    # The telephony actions check now and return their effect, which the caller applies
    # (the interactions resource: once the server has answered, as a CIC does).

    def pick_up(self, session: Session, interaction: Interaction) -> Effect:
        return self.actions.pick_up(session, interaction)

    def hold(self, interaction: Interaction, on: bool) -> Effect:
        return self.actions.hold(interaction, on)

    def mute(self, interaction: Interaction, on: bool) -> Effect:
        return self.actions.mute(interaction, on)

    def send_digits(self, interaction: Interaction, digits: str) -> Effect:
        return self.actions.send_digits(interaction, digits)

    def disconnect(self, interaction: Interaction, by_agent: bool) -> None:
        self.actions.disconnect(interaction, by_agent)

    def transfer(self, interaction: Interaction, **target) -> None:
        self.actions.transfer(interaction, **target)

    def remove(self, interaction: Interaction) -> None:
        self.actions.remove(interaction)

    def assign_wrap_up(self, interaction: Interaction, code_id: str, segment: int) -> None:
        self.wrapup.assign(interaction, code_id, segment)

    def end_after_call_work(self, agent: User) -> None:
        self.wrapup.end_after_call_work(agent)

    def write_chat(self, interaction: Interaction, party: ChatParty, text: str) -> None:
        self.chats.write(interaction, party, text)

    def dispose_callback(self, interaction: Interaction, user: User, disposition: int) -> None:
        self.callbacks.dispose(interaction, user, disposition)

    # -- routing ----------------------------------------------------------------------------

    def route_waiting(self) -> None:
        self.router.route_waiting()

    def eligible_session(self, user: User, workgroup: Workgroup, media: int) -> Session | None:
        return self.router.eligible_session(user, workgroup, media)

    def licences_changed(self, user: User) -> None:
        self.availability.touch(user.id)
        self.router.route_waiting()

    def is_busy(self, user: User) -> bool:
        return self.registry.is_busy(user)

    def set_idle(self, user: User, seconds: float) -> None:
        """Make ``user`` idle for ``seconds`` as of now, for "longest available" routing."""
        self.router.reset_idle(user, seconds)
        self.router.route_waiting()

    def explain_routing(self, interaction: Interaction, only: User | None = None) -> list[str]:
        return self.router.explain_routing(interaction, only)

    def explain_waiting(self, user: User | None = None, workgroup: Workgroup | None = None):
        return self.router.explain_waiting(user, workgroup)

    # -- visibility and activations ---------------------------------------------------------

    def may_see(self, user: User, interaction: Interaction) -> bool:
        """The interaction is in the user's queues, or in a workgroup they belong to or
        supervise. [guess] Real servers check the queue rights of the user's roles."""
        if interaction.agent is user or interaction.creator is user:
            return True
        group = interaction.workgroup
        return group is not None and (group.has_member(user.id) or group.has_supervisor(user.id))

    def is_activated(self, workgroup: Workgroup, user: User) -> bool:
        return self.activations.is_activated(workgroup, user)

    def user_activations(self, user: User) -> dict[str, bool]:
        return self.activations.of_user(user)

    def set_activation(self, workgroup: Workgroup, user: User, on: bool) -> None:
        self.activations.set(workgroup, user, on)

    def workgroup_changed(self, workgroup: Workgroup) -> None:
        self.activations.workgroup_changed(workgroup)

    def forget_workgroup(self, workgroup: Workgroup) -> None:
        self.activations.forget_workgroup(workgroup)
