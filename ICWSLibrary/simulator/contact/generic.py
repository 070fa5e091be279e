"""Generic objects: interactions without telephony, created in the state the client asks
for (``createGenericInteractionParameters``).

[SDK] Interactions.js defines initialState (the InteractionState enum, which is not the
numbering of the Eic_State letters), interactionDirection, localPartyType, localLocation,
remotePartyType, remoteId and remoteName. How a server shows each is partly unknown; each
rule below says where it comes from (FIDELITY-AUDIT I6).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...protocol.interactions import GENERIC_INITIAL_STATES
from ..errors import InvalidProperty
from ..scenario import ScenarioError, User, Workgroup
from ..scenario.checks import skill_requirements
from ..state import ServerState
from .actions import Actions
from .interaction import GENERIC, Interaction, Interactions
from .routing import Router, hand_to

# [guess] The states a generic object may start in. In a workgroup's queue it waits for
# ACD ("Generic Object Waiting" [doc]) and is offered like a call, so the queue names no
# agent to be Alerting or Connected; a user's queue names its agent. An object born
# disconnected, parked, suspended or leaving a voice mail is refused rather than invented.
# None (0) starts Offering in a workgroup's queue and Alerting in a user's.
WORKGROUP_STATES, WORKGROUP_DEFAULT = (0, 5), "O"
USER_STATES, USER_DEFAULT = (0, 1, 2, 3, 5, 7, 9), "A"


@dataclass
class GenericRequest:
    """What a client asked for, checked: the Eic_State letter it starts in (None: the
    queue's default) and the attributes it carries."""

    initial_state: int = 0
    attributes: dict[str, str] = field(default_factory=dict)


def starting_letter(request: GenericRequest, workgroup: Workgroup | None) -> str:
    allowed, default = (
        (WORKGROUP_STATES, WORKGROUP_DEFAULT) if workgroup is not None
        else (USER_STATES, USER_DEFAULT)
    )  # fmt: skip
    name, letter = GENERIC_INITIAL_STATES[request.initial_state]
    if request.initial_state not in allowed:
        where = f"workgroup {workgroup.id}'s queue" if workgroup else "a user's queue"
        names = ", ".join(f"{GENERIC_INITIAL_STATES[n][0]} ({n})" for n in allowed)
        raise InvalidProperty(
            "initialState",
            f"initialState {name} ({request.initial_state}): a generic interaction in {where} "
            f"cannot start so; it may start {names}.",
        )
    return letter or default


class GenericObjects:
    def __init__(
        self, state: ServerState, interactions: Interactions, router: Router, actions: Actions
    ) -> None:
        self.state = state
        self.scenario = state.scenario
        self.interactions = interactions
        self.router = router
        self.actions = actions

    def create(
        self, workgroup: Workgroup | None, user: User | None, request: GenericRequest
    ) -> Interaction:
        """In a workgroup's queue: Offering, routed by ACD. In a user's queue: alerting the
        user, or in the state asked for."""
        letter = starting_letter(request, workgroup)
        # Typed Any: they go to place_inbound's **attributes beside its own arguments.
        attributes: dict[str, Any] = {
            "Eic_CallDirection": "I", "Eic_CallType": "E", **request.attributes,
        }  # fmt: skip
        if workgroup is not None:
            return self.router.place_inbound(
                workgroup,
                attributes.pop("Eic_RemoteAddress", ""),
                attributes.pop("Eic_RemoteName", ""),
                media=GENERIC,
                skills=self._skills_from_handler(request.attributes),
                **attributes,
            )
        assert user is not None
        interaction = self.interactions.new(GENERIC, **attributes)
        session = self.router.station_session(user)
        if letter == "A":
            self.router.alert(interaction, user, session, acd=False)
            return interaction
        # [guess] Created straight in its state, with no alert first: the client said
        # where the object stands.
        agent = hand_to(interaction, user, session)
        if letter in ("C", "H"):
            for name, value in agent.items():
                interaction.attributes.set(name, value)
            self.actions.connect(interaction)
            if letter == "H":
                self.interactions.set_state(interaction, "H")
        else:
            self.interactions.set_state(interaction, letter, **agent)
        return interaction

    def _skills_from_handler(self, attributes: dict[str, str]) -> dict[str, int] | None:
        """[doc] A handler gives an interaction its skills (ACD Specify Interaction Skill:
        a skill and its least proficiency); [guess] the deployment's handler reads them
        from the custom attribute the scenario names, as "Hardware:50,English"."""
        name = self.scenario.skills_attribute
        if not name:
            return None
        folded = name.casefold()
        given = next((v for k, v in attributes.items() if k.casefold() == folded), "")
        if not given.strip():
            return None
        wanted: dict[str, object] = {}
        for part in given.split(","):
            skill, _, level = part.partition(":")
            if not skill.strip():
                raise InvalidProperty(
                    f"additionalAttributes.{name}",
                    f"{name} {given!r:.60} names no skill before a colon; write Skill:level.",
                )
            level = level.strip()
            if level and not level.isdigit():
                raise InvalidProperty(
                    f"additionalAttributes.{name}",
                    f"{name}: {part.strip()!r:.40} is not Skill:level (a whole number).",
                )
            wanted[skill.strip()] = int(level) if level else 0
        try:
            return skill_requirements(wanted, self.scenario.skills, "the interaction", name)
        except ScenarioError as error:
            raise InvalidProperty(f"additionalAttributes.{name}", str(error)) from None
