"""The call flow as a picture: what the library's sessions heard of agents and
interactions, drawn as an inline SVG for log.html.

Built only from the messages the sessions received (user statuses, queue contents,
interaction changes, alerts), so it works against a real server and in replay as well
as against the simulator. One lane per agent (their status over time, on the phone or
not) and one per interaction (each state with its time: queued in a workgroup, alerting
whom, connected to whom, held, disconnected). A long test is summarised: at most
``MAX_EVENTS`` events are kept and ``MAX_LANES`` lanes drawn, and the picture says what
it left out. Every text is escaped and passed through the sessions' secret masks.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from .protocol.messages import (
    INTERACTION_ALERTING,
    INTERACTION_CHANGED,
    INTERACTION_DEALLOCATED,
    QUEUE_CONTENTS,
    USER_STATUS_MESSAGE,
)

MAX_EVENTS = 2000
MAX_LANES = 24
# Colours of the interaction states (Eic_State letters) and of the agent lanes.
STATE_COLOURS = {
    "O": "#f2c14e", "A": "#f78154", "C": "#4d9078", "H": "#7a6c9d", "S": "#9fb4c7",
    "R": "#9fb4c7", "P": "#b4656f", "M": "#b4656f", "I": "#c8c8c8", "E": "#c8c8c8",
}  # fmt: skip
STATE_NAMES = {
    "O": "queued", "A": "alerting", "C": "connected", "H": "held", "S": "dialling",
    "R": "proceeding", "P": "parked", "M": "voice mail", "I": "disconnected (local)",
    "E": "disconnected (remote)",
}  # fmt: skip
AVAILABLE, BUSY = "#4d9078", "#9fb4c7"


@dataclass
class Event:
    at: float
    lane: str  # "agent:<id>" or "interaction:<id>"
    state: str
    label: str


class Timeline:
    """Events heard by every session of a library, from the start of the current test."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.events: list[Event] = []
        self.dropped = 0
        self.started = clock()
        # Interaction id -> the attributes last heard, to label what changed.
        self._known: dict[str, dict[str, str]] = {}

    def reset(self) -> None:
        self.events.clear()
        self._known.clear()
        self.dropped = 0
        self.started = self.clock()

    # -- hearing -------------------------------------------------------------------------------

    def heard(self, user_id: str, messages: list[dict]) -> None:
        for message in messages:
            kind = message.get("__type")
            if kind == USER_STATUS_MESSAGE:
                for status in message.get("userStatusList") or []:
                    if isinstance(status, dict) and status.get("userId"):
                        self._agent(status)
            elif kind == QUEUE_CONTENTS:
                for field in ("interactionsAdded", "interactionsChanged"):
                    for item in message.get(field) or []:
                        if isinstance(item, dict) and item.get("interactionId"):
                            self._interaction(str(item["interactionId"]),
                                              item.get("attributes") or {})  # fmt: skip
                for removed in message.get("interactionsRemoved") or []:
                    if isinstance(removed, (str, int)):
                        self._left(str(removed))
            elif kind == INTERACTION_CHANGED:
                if message.get("interactionID"):
                    self._interaction(str(message["interactionID"]),
                                      message.get("attributes") or {})  # fmt: skip
            elif kind == INTERACTION_DEALLOCATED:
                if message.get("interactionID"):
                    self._left(str(message["interactionID"]))
            elif kind == INTERACTION_ALERTING:
                for detail in message.get("alertingInteractionDetails") or []:
                    if isinstance(detail, dict) and detail.get("interactionId"):
                        attributes = {"Eic_State": "A", "Eic_UserName": user_id,
                                      "Eic_RemoteName": str(detail.get("name") or "")}  # fmt: skip
                        self._interaction(str(detail["interactionId"]), attributes)

    def _add(self, lane: str, state: str, label: str) -> None:
        last = next((e for e in reversed(self.events) if e.lane == lane), None)
        if last is not None and (last.state, last.label) == (state, label):
            return
        if len(self.events) >= MAX_EVENTS:
            self.dropped += 1
            return
        self.events.append(Event(self.clock(), lane, state, label))

    def _agent(self, status: dict) -> None:
        on_phone = bool(status.get("onPhone"))
        label = str(status.get("statusId") or "")
        stations = status.get("stations") or []
        if stations:
            label += f" @ {', '.join(str(s) for s in stations)}"
        if on_phone:
            label += " (on the phone)"
        self._add(f"agent:{status['userId']}", "phone" if on_phone else "free", label)

    def _interaction(self, interaction_id: str, attributes: dict) -> None:
        known = self._known.setdefault(interaction_id, {})
        known.update({str(k): str(v) for k, v in attributes.items() if v is not None})
        letter = known.get("Eic_State", "")
        if not letter:
            return
        who = known.get("Eic_UserName") or ""
        group = known.get("Eic_WorkgroupName") or ""
        label = STATE_NAMES.get(letter, letter)
        if letter == "O" and group:
            label += f" in {group}"
        elif letter in "ACHP" and who:
            label += f" {'to' if letter == 'C' else 'by' if letter == 'H' else 'at'} {who}"
        self._add(f"interaction:{interaction_id}", letter, label)

    def _left(self, interaction_id: str) -> None:
        self._add(f"interaction:{interaction_id}", "gone", "left the queues")

    # -- drawing -------------------------------------------------------------------------------

    def svg(self, since: float | None = None, mask: Callable[[str], str] = str) -> str:
        """The picture, as an inline ``<svg>``; ``since`` (seconds before now) keeps only
        what happened in that time."""
        now = self.clock()
        start = max(self.started, now - since) if since is not None else self.started
        events = [e for e in self.events if e.at >= start]
        lanes: list[str] = []
        for event in events:
            if event.lane not in lanes:
                lanes.append(event.lane)
        lanes.sort(key=lambda lane: (not lane.startswith("agent:"), lane))
        hidden = lanes[MAX_LANES:]
        lanes = lanes[:MAX_LANES]
        span = max(now - start, 1.0)
        left, width, row = 190, 760, 26
        height = 40 + row * max(len(lanes), 1) + (20 if hidden or self.dropped else 0)
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 20}" '
            f'height="{height}" role="img" aria-label="Contact center timeline" '
            'style="font-family:sans-serif;font-size:11px;background:#fff">',
            f'<text x="{left}" y="14" fill="#333">0 s</text>',
            f'<text x="{left + width}" y="14" text-anchor="end" fill="#333">{span:.1f} s</text>',
        ]
        if not lanes:
            parts.append('<text x="10" y="40" fill="#666">No agent or interaction was heard '
                         "of in this test.</text>")  # fmt: skip
        for index, lane in enumerate(lanes):
            y = 24 + index * row
            kind, _, name = lane.partition(":")
            title = ("agent " if kind == "agent" else "interaction ") + name
            parts.append(f'<text x="6" y="{y + 15}" fill="#222">{_text(title, mask)}</text>')
            own = [e for e in events if e.lane == lane]
            for number, event in enumerate(own):
                end = own[number + 1].at if number + 1 < len(own) else now
                x = left + (event.at - start) / span * width
                w = max((end - event.at) / span * width, 2.0)
                colour = self._colour(kind, event.state)
                label = _text(event.label, mask)
                shown = _text(event.label[: int(w / 6)], mask)
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{row - 6}" '
                    f'fill="{colour}" stroke="#fff"><title>{label} at '
                    f"{event.at - start:.1f} s</title></rect>"
                )
                if w > 40:
                    parts.append(f'<text x="{x + 3:.1f}" y="{y + 16}" fill="#fff">{shown}</text>')
        if hidden or self.dropped:
            note = []
            if hidden:
                note.append(f"{len(hidden)} more lanes not drawn")
            if self.dropped:
                note.append(f"{self.dropped} later events not kept")
            parts.append(f'<text x="6" y="{height - 6}" fill="#a33">Summarised: '
                         f'{escape("; ".join(note))}.</text>')  # fmt: skip
        parts.append("</svg>")
        return "".join(parts)

    @staticmethod
    def _colour(kind: str, state: str) -> str:
        if kind == "agent":
            return BUSY if state == "phone" else AVAILABLE
        return STATE_COLOURS.get(state, "#e0e0e0")


def _text(value: str, mask: Callable[[str], str]) -> str:
    return escape(mask(str(value)), quote=True)
