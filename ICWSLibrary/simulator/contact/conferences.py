"""Conferences: the agent joins their calls into one conversation and may dial more
parties into it; a party leaving leaves the rest talking.

[doc] ``POST /interactions/conferences`` answers 201 (ConferenceCreationResult) and
``POST /interactions/conferences/{conferenceId}/invite-party`` adds a party (operation
list); queue messages name a member's ``conferenceParentId`` (SDK Queues.js). [guess]
the bodies (``{interactions: [ids]}``, ``{target}``), the answers (``{conferenceId}``,
``{interactionId}``), the attributes ``Eic_ConferenceId`` and ``Eic_ConferenceMembers``
(member ids, comma-separated), and that fewer than two parties end the conference.
A feature of its own: it hears parties leave through the lifecycle.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from ..errors import InvalidState
from ..sessions import Session
from .actions import Actions, not_now
from .calls import Calls
from .interaction import CALL, DISCONNECTED, Interaction, Interactions
from .lifecycle import Lifecycle

CONFERENCE_ID, CONFERENCE_MEMBERS = "Eic_ConferenceId", "Eic_ConferenceMembers"


@dataclass(eq=False)
class Conference:
    id: str
    members: list[Interaction] = field(default_factory=list)


class Conferences:
    def __init__(
        self, interactions: Interactions, actions: Actions, calls: Calls, lifecycle: Lifecycle
    ) -> None:
        self.interactions = interactions
        self.actions = actions
        self.calls = calls
        # [guess] Conference ids in a range of their own, apart from interaction ids.
        self._ids = itertools.count(2_000_000_001)
        self.conferences: dict[str, Conference] = {}
        # Member interaction id -> its conference.
        self.of_member: dict[str, Conference] = {}
        lifecycle.on("disconnected", self._left)

    def create(self, session: Session, members: list[Interaction]) -> Conference:
        user = session.user
        if len(members) < 2:
            raise InvalidState("a conference needs at least two of the user's calls")
        for member in members:
            if member.media != CALL:
                raise InvalidState(f"interaction {member.id} is not a call")
            if member.agent is not user or member.state not in ("C", "H"):
                raise not_now(member, user)
            if member.id in self.of_member:
                raise InvalidState(f"interaction {member.id} is in a conference already")
        conference = Conference(str(next(self._ids)))
        self.conferences[conference.id] = conference
        for member in members:
            self._join(conference, member)
            if member.state == "H":
                self.interactions.set_state(member, "C")
        self._tell_members(conference)
        return conference

    def invite(self, session: Session, conference: Conference, target: str) -> Interaction:
        """Dial ``target`` into the conference: the new call is a party from the start."""
        if not any(m.agent is session.user for m in conference.members):
            raise InvalidState(f"conference {conference.id} is not the user's")
        if not session.station:
            raise InvalidState("the session has no station to call from")
        call = self.calls.make_call(session, target, None)
        self._join(conference, call)
        self._tell_members(conference)
        return call

    def find(self, conference_id: str) -> Conference | None:
        return self.conferences.get(conference_id)

    def _join(self, conference: Conference, member: Interaction) -> None:
        conference.members.append(member)
        self.of_member[member.id] = conference

    def _left(self, interaction: Interaction) -> None:
        """A party leaving leaves the rest talking; [guess] with one left, it ends."""
        conference = self.of_member.pop(interaction.id, None)
        if conference is None:
            return
        conference.members.remove(interaction)
        live = [m for m in conference.members if m.state not in DISCONNECTED]
        if len(live) >= 2:
            self._tell_members(conference)
            return
        self.conferences.pop(conference.id, None)
        for member in conference.members:
            self.of_member.pop(member.id, None)
            if member.state not in DISCONNECTED:
                self.interactions.change(member, **{CONFERENCE_ID: "", CONFERENCE_MEMBERS: ""})

    def _tell_members(self, conference: Conference) -> None:
        ids = ",".join(m.id for m in conference.members)
        for member in conference.members:
            self.interactions.change(
                member, **{CONFERENCE_ID: conference.id, CONFERENCE_MEMBERS: ids}
            )
