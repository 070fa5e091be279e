"""Talk and hold times, and who is on an ACD interaction now: a lifecycle listener that
times each interaction's Connected and Held states on the simulator's clock (so advancing
the clock moves them), for the statistics dashboards watch.

[real] Dashboards watch workgroup ``AverageTalkTime``, ``AverageHoldTime``,
``OnInboundACDInteractions``, ``LongestOnHoldTime``, ``LongestInboundACDInteraction`` and
``LongestOutboundACDInteraction``, and agent ``AverageTalkTime``, ``AverageHoldTime``,
``LongestTalkTime``, ``InteractionsEntered`` and ``NonACDInteractions`` (a vendor sample's
dashboards; a C# supervisor board). How CIC counts each is not published: the rules here
are marked [guess].
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ..clock import Clock
from .interaction import Interaction
from .lifecycle import Lifecycle

# The states an agent is engaged in: talking, or holding the other party.
TALKING, HOLDING = "C", "H"
ENGAGED = (TALKING, HOLDING)


class TalkTimes:
    def __init__(self, clock: Clock, lifecycle: Lifecycle) -> None:
        self.clock = clock
        # Interaction id -> (Connected or Held, clock time it began), while in one of them.
        self._since: dict[str, tuple[str, float]] = {}
        # Interaction id -> [seconds talked, seconds held] so far.
        self._spent: dict[str, list[float]] = {}
        # Per workgroup, the ACD interactions an agent is engaged in now, by direction
        # ("I" or "O"): id -> clock time an agent first answered it.
        self.engaged: defaultdict[tuple[str, str], dict[str, float]] = defaultdict(dict)
        # Per workgroup, the interactions on hold now: id -> clock time the hold began.
        self.on_hold: defaultdict[str, dict[str, float]] = defaultdict(dict)
        # (workgroup, agent or "") -> seconds talked and held on the ACD interactions
        # finished, how many finished, and the longest talk of one.
        self.talked: defaultdict[tuple[str, str], float] = defaultdict(float)
        self.held: defaultdict[tuple[str, str], float] = defaultdict(float)
        self.finished: Counter[tuple[str, str]] = Counter()
        self.longest_talk: dict[tuple[str, str], float] = {}
        # (workgroup, agent) -> ACD interactions offered to the agent (alerting them);
        # agent -> interactions of their own (not ACD) they talked on.
        self.offered: Counter[tuple[str, str]] = Counter()
        self.non_acd: Counter[str] = Counter()
        # Interaction id -> clock time it was first Connected.
        self._answered: dict[str, float] = {}
        # Interaction id -> the keys of engaged and on_hold it is held under, so that
        # leaving takes no search.
        self._engaged_as: dict[str, tuple[str, str]] = {}
        self._held_in: dict[str, str] = {}
        lifecycle.on("state", self._state)
        lifecycle.on("removed", self._forget)

    def _state(self, interaction: Interaction, previous: str) -> None:
        now = self.clock.now()
        letter = interaction.state
        group = interaction.workgroup.id.lower() if interaction.workgroup else ""
        spent = self._spent.setdefault(interaction.id, [0.0, 0.0])
        began = self._since.pop(interaction.id, None)
        if began is not None:
            spent[0 if began[0] == TALKING else 1] += now - began[1]
        if letter in ENGAGED:
            self._since[interaction.id] = (letter, now)
        self._leave(interaction.id)
        if group and letter == HOLDING:
            self.on_hold[group][interaction.id] = now
            self._held_in[interaction.id] = group
        acd = interaction.acd and bool(group) and interaction.agent is not None
        agent = interaction.agent.id.lower() if interaction.agent else ""
        if letter == "A" and acd:
            self.offered[group, agent] += 1
        if letter == TALKING and interaction.id not in self._answered:
            self._answered[interaction.id] = now
            if not interaction.acd and agent:
                self.non_acd[agent] += 1
        if acd and letter in ENGAGED:
            direction = interaction.attributes.get("Eic_CallDirection") or "I"
            self.engaged[group, direction][interaction.id] = self._answered.get(interaction.id, now)
            self._engaged_as[interaction.id] = (group, direction)
        if previous in ENGAGED and letter not in ENGAGED and acd:
            self._finish(interaction, group, agent)

    def _finish(self, interaction: Interaction, group: str, agent: str) -> None:
        """[guess] An ACD interaction's talk (Connected, not held) and hold times count
        for its workgroup and its last agent once it leaves them."""
        talk, hold = self._spent.pop(interaction.id, (0.0, 0.0))
        for who in ((group, ""), (group, agent)):
            self.talked[who] += talk
            self.held[who] += hold
            self.finished[who] += 1
            self.longest_talk[who] = max(self.longest_talk.get(who, 0.0), talk)

    def _leave(self, interaction_id: str) -> None:
        """Take the interaction out of the engaged and on-hold indexes."""
        key = self._engaged_as.pop(interaction_id, None)
        if key is not None:
            self.engaged[key].pop(interaction_id, None)
        group = self._held_in.pop(interaction_id, None)
        if group is not None:
            self.on_hold[group].pop(interaction_id, None)

    def _forget(self, interaction: Interaction) -> None:
        self._leave(interaction.id)
        self._since.pop(interaction.id, None)
        self._spent.pop(interaction.id, None)
        self._answered.pop(interaction.id, None)

    # -- what statistics read ---------------------------------------------------------------

    def average(
        self, seconds: dict[tuple[str, str], float], group: str, agent: str = ""
    ) -> float | None:
        count = self.finished[group, agent]
        return round(seconds[group, agent] / count, 3) if count else None

    def longest_since(self, times: dict[str, float]) -> float | None:
        """The earliest clock time in ``times`` (the longest-running), or None."""
        return min(times.values()) if times else None
