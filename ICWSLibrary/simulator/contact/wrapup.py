"""Wrap-up: connection segments, their codes, and after-call work.

Listens to the lifecycle: each connection through a workgroup starts a segment (told in
the same change as the Connected state); a disconnected ACD interaction of a workgroup
with wrap-up active puts its last agent in after-call work. Sources: CONTACT-CENTER.md 2.5.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..clock import Timer
from ..errors import InvalidState
from ..scenario import User, Workgroup
from ..state import ServerState
from ..statuses import Statuses
from .interaction import DISCONNECTED, Interaction, Interactions
from .lifecycle import Lifecycle

# [guess] How Eic_WrapupConnectionSegments lists an interaction's segment ids.
SEGMENT_SEPARATOR = "|"


@dataclass(eq=False)
class Segments:
    """The agent of each connection segment (segment n is agents[n - 1]), the code
    assigned to each, and the workgroup whose codes apply."""

    workgroup: Workgroup
    agents: list[User] = field(default_factory=list)
    codes: dict[int, str] = field(default_factory=dict)


@dataclass(eq=False)
class AfterCallWork:
    """An agent in a workgroup's wrap-up status after an ACD interaction ended."""

    interaction: Interaction
    status: str
    previous_status: str
    timer: Timer | None = None


class WrapUp:
    def __init__(
        self,
        state: ServerState,
        status: Statuses,
        interactions: Interactions,
        lifecycle: Lifecycle,
        became_available: Callable[[User], None],
        linger: Callable[[Interaction], None],
    ) -> None:
        self.state = state
        self.status = status
        self.clock = state.clock
        self.interactions = interactions
        self._became_available = became_available
        self._linger = linger
        # Interaction id -> its segments.
        self.segments: dict[str, Segments] = {}
        # Lower-case user id -> the after-call work they are in.
        self.after_call_work: dict[str, AfterCallWork] = {}
        lifecycle.on("connecting", self._segment)
        lifecycle.on("disconnected", self._begin_after_call_work)
        lifecycle.on("removed", lambda interaction: self.segments.pop(interaction.id, None))

    def is_in_after_call_work(self, user: User) -> bool:
        return user.id.lower() in self.after_call_work

    def _segment(self, interaction: Interaction) -> dict[str, str]:
        """A new connection segment, which the agent may wrap up with the workgroup's codes."""
        if interaction.workgroup is None or interaction.agent is None:
            return {}
        segments = self.segments.get(interaction.id)
        if segments is None:
            segments = self.segments[interaction.id] = Segments(interaction.workgroup)
        segments.workgroup = interaction.workgroup
        segments.agents.append(interaction.agent)
        numbers = range(1, len(segments.agents) + 1)
        return {
            "Eic_WrapupConnectionSegments": SEGMENT_SEPARATOR.join(map(str, numbers)),
            "Eic_WrapUpCodeSet": interaction.workgroup.id,  # [guess] the value form
        }

    def _begin_after_call_work(self, interaction: Interaction) -> bool:
        """[doc] A disconnected ACD interaction of a workgroup with wrap-up active puts the
        agent of its last segment in the workgroup's wrap-up status. [guess] Not when that
        segment already has a code. The interaction stays in the agent's queue meanwhile."""
        segments, agent = self.segments.get(interaction.id), interaction.agent
        if (
            segments is None
            or agent is None
            or not segments.workgroup.is_wrap_up_active
            or segments.agents[-1] is not agent
            or len(segments.agents) in segments.codes
        ):
            return False
        workgroup = segments.workgroup
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
        self._became_available(agent)
        if current.timer is not None:
            current.timer.cancel()
        if self.state.user_status[key]["statusId"].casefold() == current.status.casefold():
            self.status.apply_status(agent, current.previous_status)
        interaction = current.interaction
        if interaction.allocated and interaction.state in DISCONNECTED:
            self._linger(interaction)

    def assign(self, interaction: Interaction, code_id: str, segment: int) -> None:
        """Record a wrap-up code for one segment; InvalidState saying why it cannot be.

        [doc] The code must be one of the workgroup's wrap-up codes (CONTACT-CENTER 2.5).
        [guess] An assignment ends the after-call work of that segment's agent at once.
        """
        segments = self.segments.get(interaction.id)
        if segments is None:
            raise InvalidState(
                "it was not connected to an agent through a workgroup, so no wrap-up codes apply"
            )
        workgroup = segments.workgroup
        allowed = {code.casefold(): code for code in workgroup.wrap_up_codes}
        code = allowed.get(str(code_id).casefold())
        if code is None:
            raise InvalidState(
                f"{code_id!r} is not a wrap-up code of workgroup {workgroup.id}; its codes: "
                f"{', '.join(workgroup.wrap_up_codes) or 'none'}"
            )
        if not 1 <= segment <= len(segments.agents):
            raise InvalidState(
                f"it has no segment {segment}; its segments: "
                f"{', '.join(map(str, range(1, len(segments.agents) + 1)))}"
            )
        segments.codes[segment] = code
        self.interactions.change(interaction, Eic_WrapUpCode=code)  # [guess] the attribute
        agent = segments.agents[segment - 1]
        work = self.after_call_work.get(agent.id.lower())
        if work is not None and work.interaction is interaction:
            self.end_after_call_work(agent)
