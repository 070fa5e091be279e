"""The workgroups' counters since the server started, kept as lifecycle listeners: each
event moves only the counters it touches, and statistics read them as they are."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..clock import Clock
from ..scenario import Workgroup
from .interaction import Interaction
from .lifecycle import Lifecycle


class Tallies:
    def __init__(self, clock: Clock, lifecycle: Lifecycle) -> None:
        self.clock = clock
        # (event, workgroup, agent or "") -> count; workgroup -> seconds the answered
        # interactions waited in all.
        self.counts: Counter[tuple[str, str, str]] = Counter()
        self.waited: defaultdict[str, float] = defaultdict(float)
        # Interaction id -> the workgroup through which an agent last answered it.
        self._answered_through: dict[str, str] = {}
        lifecycle.on("entered", self._entered)
        lifecycle.on("connecting", self._answered)
        lifecycle.on("ending", self._ending)
        lifecycle.on("removed", lambda i: self._answered_through.pop(i.id, None))

    def _entered(self, interaction: Interaction, workgroup: Workgroup) -> None:
        self.counts["entered", workgroup.id.lower(), ""] += 1

    def _answered(self, interaction: Interaction) -> None:
        if interaction.workgroup is None or interaction.agent is None:
            return
        group, agent = interaction.workgroup.id.lower(), interaction.agent.id.lower()
        self._answered_through[interaction.id] = group
        self.counts["answered", group, ""] += 1
        self.counts["answered", group, agent] += 1
        if interaction.queued_at is not None:
            self.waited[group] += self.clock.now() - interaction.queued_at

    def _ending(self, interaction: Interaction, by_agent: bool) -> None:
        """[doc] Abandoned: the remote party hung up while it waited for an agent;
        completed: it ends after an agent answered it through the workgroup."""
        answered_through = self._answered_through.get(interaction.id)
        if answered_through is not None:
            self.counts["completed", answered_through, ""] += 1
        elif not by_agent and interaction.workgroup is not None and interaction.state in ("O", "A"):
            self.counts["abandoned", interaction.workgroup.id.lower(), ""] += 1
