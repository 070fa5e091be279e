"""Lifecycle events of interactions, which media and features listen to.

The core (actions, routing) announces what happens to an interaction; chats, wrap-up and
statistics subscribe instead of being called from the core, so a new medium or party
feature is one new module that registers its hooks (as ``ServerState.on_settle`` does for
the whole server).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# What the core announces, and what it passes:
# "entered": (interaction, workgroup) it joined a workgroup queue;
# "connecting": (interaction) an agent (or the far end) answers; a hook may return
#     attributes to set with the Connected state, in the same change;
# "connected": (interaction) it is Connected;
# "ending": (interaction, by_agent) about to be disconnected, in the state it had;
# "disconnected": (interaction) it is disconnected; a hook returning True keeps it in its
#     queues (after-call work), else it lingers and leaves them;
# "removed": (interaction) it left every queue and is deallocated: forget it;
# "state": (interaction, previous letter) its Eic_State changed (told after the change,
#     for features that time the states, such as talk and hold times).
EVENTS = ("entered", "connecting", "connected", "ending", "disconnected", "removed", "state")


class Lifecycle:
    def __init__(self) -> None:
        self._hooks: dict[str, list[Callable[..., Any]]] = {event: [] for event in EVENTS}

    def on(self, event: str, hook: Callable[..., Any]) -> None:
        if event not in self._hooks:
            raise ValueError(f"No lifecycle event {event!r}; known: {', '.join(EVENTS)}.")
        self._hooks[event].append(hook)

    def emit(self, event: str, *args: Any) -> list[Any]:
        """Call every hook of ``event``; their answers, in registration order."""
        return [hook(*args) for hook in self._hooks[event]]
