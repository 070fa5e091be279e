"""A supervisor listens to, coaches or joins an agent's call.

[doc] Coach "add[s] yourself to an agent's call on any user or station queue you have
permission to monitor ... The agent can hear your side of the conversation, but the
customer cannot"; Interaction Supervisor lets a supervisor "listen in, ... whisper into
the agent's ear, join the call, take the call" (vendor help: coach_button.htm,
interaction_supervisor.htm). [doc] ``POST .../listen``, ``.../coach`` and ``.../join``
exist (operation list) with the action errors 400, 401, 403, 404, 410, 500.
[real] A real client watches ``Eic_Monitors``, ``Eic_MonitorsSupv`` and
``Eic_MonitoredObjectId``; IceLib's IsMonitored needs "Monitors and SupervisorMonitors".
[guess] The body ``{on, supervisor}`` (as record takes), a 200 answer, the supervisor's
side as a call of their own, connected on their station while they monitor, naming the
monitored call in ``Eic_MonitoredObjectId``; who monitors listed in ``Eic_Monitors``, or
``Eic_MonitorsSupv`` for a supervisory monitor.
Listening, coaching and joining are modes of one monitor: changing mode keeps the call.
A feature of its own: it hears calls end through the lifecycle.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InvalidState
from ..scenario import User
from ..sessions import Session
from .actions import Actions, Effect, not_now
from .interaction import CALL, DISCONNECTED, Interaction, Interactions
from .lifecycle import Lifecycle
from .routing import hand_to

MODES = ("listen", "coach", "join")
MONITORS, SUPERVISOR_MONITORS = "Eic_Monitors", "Eic_MonitorsSupv"


@dataclass(eq=False)
class Monitor:
    supervisor: User
    watched: Interaction
    # The supervisor's own call while they monitor.
    leg: Interaction
    mode: str
    supervisory: bool = False


class Monitoring:
    def __init__(self, interactions: Interactions, actions: Actions, lifecycle: Lifecycle):
        self.interactions = interactions
        self.actions = actions
        # Watched interaction id -> its monitors in the order they began.
        self.of_watched: dict[str, list[Monitor]] = {}
        # The supervisor's call id -> its monitor.
        self.of_leg: dict[str, Monitor] = {}
        lifecycle.on("disconnected", self._ended)

    def check(self, session: Session, watched: Interaction) -> None:
        """Refused (InvalidState) unless the user may monitor ``watched`` now; queue
        rights are checked before, as for every action on another agent's call."""
        if watched.agent is session.user:
            raise InvalidState("it is the user's own interaction")
        if watched.media != CALL or watched.state not in ("C", "H"):
            raise not_now(watched, session.user)
        if not session.station:
            raise InvalidState("the session has no station to monitor from")

    def start(
        self, session: Session, watched: Interaction, mode: str, supervisory: bool = False
    ) -> Effect:
        self.check(session, watched)

        def effect() -> None:
            if watched.state not in ("C", "H"):
                return
            current = self.find(session.user, watched)
            if current is not None:
                current.mode, current.supervisory = mode, supervisory
                self._tell(watched)
                return
            self._begin(session, watched, mode, supervisory)

        return effect

    def stop(self, session: Session, watched: Interaction) -> Effect:
        def effect() -> None:
            current = self.find(session.user, watched)
            if current is not None:
                self.actions.disconnect(current.leg, by_agent=True)

        return effect

    def find(self, user: User, watched: Interaction) -> Monitor | None:
        return next((m for m in self.of_watched.get(watched.id, ()) if m.supervisor is user), None)

    def monitors(self, watched: Interaction) -> list[Monitor]:
        return list(self.of_watched.get(watched.id, ()))

    def _begin(self, session: Session, watched: Interaction, mode: str, supervisory: bool) -> None:
        supervisor = session.user
        agent = watched.agent
        leg = self.interactions.new(
            CALL, Eic_CallDirection="O", Eic_CallType="I",
            Eic_RemoteName=agent.display_name if agent else "",
            Eic_RemoteAddress=(agent.extension or agent.id) if agent else "",
            Eic_MonitoredObjectId=watched.id,
        )  # fmt: skip
        for name, value in hand_to(leg, supervisor, session).items():
            leg.attributes.set(name, value)
        monitor = Monitor(supervisor, watched, leg, mode, supervisory)
        self.of_watched.setdefault(watched.id, []).append(monitor)
        self.of_leg[leg.id] = monitor
        self.actions.connect(leg)
        self._tell(watched)

    def _ended(self, interaction: Interaction) -> None:
        """The supervisor hung up (the monitor ends), or the watched call ended (so do
        its monitors' calls)."""
        monitor = self.of_leg.pop(interaction.id, None)
        if monitor is not None:
            others = self.of_watched.get(monitor.watched.id, [])
            others.remove(monitor)
            if not others:
                self.of_watched.pop(monitor.watched.id, None)
            if monitor.watched.state not in DISCONNECTED:
                self._tell(monitor.watched)
            return
        for monitor in self.of_watched.pop(interaction.id, []):
            self.of_leg.pop(monitor.leg.id, None)
            self.actions.disconnect(monitor.leg, by_agent=False)
        # Said on the ended call too, so a watch of it hears the monitors leave.
        if interaction.attributes.get(MONITORS) or interaction.attributes.get(SUPERVISOR_MONITORS):
            self.interactions.change(interaction, **{MONITORS: "", SUPERVISOR_MONITORS: ""})

    def _tell(self, watched: Interaction) -> None:
        monitors = self.of_watched.get(watched.id, ())
        self.interactions.change(watched, **{
            MONITORS: ",".join(m.supervisor.id for m in monitors if not m.supervisory),
            SUPERVISOR_MONITORS: ",".join(m.supervisor.id for m in monitors if m.supervisory),
        })  # fmt: skip
