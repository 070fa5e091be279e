"""Conferences: join the user's calls into one conversation, dial more parties in, and
read who is in it.

[doc] ``POST /interactions/conferences`` (201) and ``.../conferences/{id}/invite-party``;
[guess] their bodies ``{interactions: [ids]}`` and ``{target}``, answers
``{conferenceId}`` and ``{interactionId}``, and the member attributes
``Eic_ConferenceId`` and ``Eic_ConferenceMembers`` (see the simulator's conferences).
"""

from __future__ import annotations

from .address import path_segment
from .errors import ICWSError
from .interactions import attribute_value, created_id, state_name

PARTY_ATTRIBUTES = ["Eic_State", "Eic_RemoteName", "Eic_ConferenceId", "Eic_ConferenceMembers"]
ENDED = ("I", "E")


class ConferenceAPI:
    def __init__(self, session) -> None:
        self._session = session
        # Conference id -> the member interaction ids the session knows of.
        self.members: dict[str, list[str]] = {}

    def create(self, interaction_ids: list[str]) -> str:
        ids = [str(i) for i in interaction_ids]
        try:
            answer = self._session.call("POST", "/interactions/conferences", {"interactions": ids})
        except ICWSError as error:
            raise error.in_context(
                f"'{self._session.user_id}' could not make a conference of {', '.join(ids)}"
            ) from None
        conference_id = answer.get("conferenceId") if isinstance(answer, dict) else None
        if conference_id in (None, ""):
            raise ICWSError(f"The server made a conference without a conferenceId: {answer!r:.200}")
        self.members[str(conference_id)] = ids
        return str(conference_id)

    def invite(self, conference_id: str, target: str) -> str:
        path = f"/interactions/conferences/{path_segment(conference_id)}/invite-party"
        try:
            answer = self._session.call("POST", path, {"target": str(target)})
        except ICWSError as error:
            raise error.in_context(
                f"'{self._session.user_id}' could not invite {target} to conference {conference_id}"
            ) from None
        party = created_id(answer, "a conference party")
        self.members.setdefault(str(conference_id), []).append(party)
        return party

    def parties(self, conference_id: str) -> list[dict]:
        """The parties in the conference now: ``interactionId``, ``remoteName`` and
        ``state`` (its name), as the server tells each member interaction."""
        key = str(conference_id)
        known = list(self.members.get(key, []))
        found: dict[str, dict] = {}
        for interaction_id in known:
            if interaction_id in found:
                continue
            try:
                attributes = self._session.interactions.attributes(interaction_id, PARTY_ATTRIBUTES)
            except ICWSError as error:
                if error.status in (403, 404):
                    continue  # gone, or out of the user's sight
                raise
            listed = attribute_value(attributes, "Eic_ConferenceMembers")
            known += [m for m in listed.split(",") if m and m not in known]
            letter = attribute_value(attributes, "Eic_State")
            if attribute_value(attributes, "Eic_ConferenceId") != key or letter in ENDED:
                continue
            found[interaction_id] = {
                "interactionId": interaction_id,
                "remoteName": attribute_value(attributes, "Eic_RemoteName"),
                "state": state_name(letter),
            }
        self.members[key] = known
        return list(found.values())
