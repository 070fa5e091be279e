"""Feature ``interactions``, multi-party part: consult transfer, park and voice mail over
HTTP.

The rules live in :mod:`..contact.consults`, :mod:`..contact.parking` and
:mod:`..contact.voicemail`; this file reads the bodies and answers.
[doc] ``POST .../consult`` answers 201 ``{consultId, consultInteractionId}`` with a
Location; the other consult operations list no success body: [guess] 200.
"""

from __future__ import annotations

import re

from ..contact import Interaction
from ..errors import InvalidProperty, InvalidState, MissingProperty, NotFound
from ..sessions import Session
from ..wire import Request, Response, json_response
from .interactions import USER, WORKGROUP, InteractionResource


class TransferResource:
    def __init__(self, interactions: InteractionResource):
        self.interactions = interactions
        self.contact = interactions.contact
        self.scenario = interactions.scenario

    def routes(self) -> list:
        one = r"^interactions/([^/]+)"
        found, acting = self.interactions._found, self.interactions._acting
        return [
            ("POST", re.compile(one + "/consult$"), found(self.consult), True),
            ("POST", re.compile(one + r"/consult/([^/]+)/change-audience$"),
             self._consult(self.change_audience), True),
            ("POST", re.compile(one + r"/consult/([^/]+)/conclude$"),
             self._consult(self.conclude), True),
            ("DELETE", re.compile(one + r"/consult/([^/]+)$"), self._consult(self.cancel), True),
            ("POST", re.compile(r"^interactions/conferences$"), self.conference, True),
            ("POST", re.compile(r"^interactions/conferences/([^/]+)/invite-party$"),
             self.invite_party, True),
            ("POST", re.compile(one + "/park$"), acting(self.park), True),
            ("POST", re.compile(one + "/transfer-to-voicemail$"),
             acting(self.transfer_to_voicemail), True),
            ("POST", re.compile(one + "/send-to-voicemail$"), acting(self.send_to_voicemail),
             True),
        ]  # fmt: skip

    def _consult(self, handler):
        """A handler given the consult its path names (a refusal naming the action)."""

        def with_consult(request: Request, session: Session, interaction_id: str, consult_id):
            original = self.interactions._find(session, interaction_id)
            action = request.path.rsplit("/", 1)[-1] if request.method == "POST" else "cancel"
            try:
                consult = self.contact.consults.of(original, consult_id)
                if consult.agent is not session.user:
                    raise InvalidState(f"the consult is {consult.agent.id}'s")
                handler(request, consult)
            except InvalidState as refused:
                raise refused.of(f"{action} the consult of", original.id) from None
            return json_response(200)

        return with_consult

    def consult(self, request: Request, session: Session, original: Interaction) -> Response:
        """[doc] ``{target | queueID}``: both or neither is an error (since v13)."""
        body = request.json()
        body = body if isinstance(body, dict) else {}
        target, queue = body.get("target"), body.get("queueID")
        if bool(target) == bool(queue):
            raise InvalidProperty("target", "Give either target or queueID.")
        if queue:
            if not isinstance(queue, dict):
                raise InvalidProperty("queueID", "queueID must be an object.")
            kind, owner = self.interactions._queue(queue)
            if kind not in (USER, WORKGROUP):
                raise InvalidProperty("queueID.queueType", "Consult a user or workgroup queue.")
            target = owner.id
        elif not isinstance(target, str):
            raise InvalidProperty("target", "target must be text.")
        try:
            consult = self.contact.consults.start(session, original, str(target))
        except InvalidState as refused:
            raise refused.of("consult on", original.id) from None
        location = f"/icws/{session.id}/interactions/{original.id}/consult/{consult.id}"
        return json_response(
            201,
            {"consultId": consult.id, "consultInteractionId": consult.call.id},
            [("Location", location)],
        )

    def change_audience(self, request: Request, consult) -> None:
        """[SDK] ``{audience: {originalParty, consultedParty}}``, both booleans."""
        body = request.json()
        audience = body.get("audience") if isinstance(body, dict) else None
        if not isinstance(audience, dict):
            raise MissingProperty("audience")
        heard = []
        for name in ("originalParty", "consultedParty"):
            value = audience.get(name)
            if not isinstance(value, bool):
                raise InvalidProperty(f"audience.{name}", f"{name} must be true or false.")
            heard.append(value)
        self.contact.consults.change_audience(consult, *heard)

    def conclude(self, request: Request, consult) -> None:
        self.contact.consults.conclude(consult)

    def cancel(self, request: Request, consult) -> None:
        self.contact.consults.cancel(consult)

    # -- conferences ------------------------------------------------------------------------

    def conference(self, request: Request, session: Session) -> Response:
        """[guess] ``{interactions: [ids]}`` -> 201 ``{conferenceId}`` and a Location."""
        body = request.json()
        ids = body.get("interactions") if isinstance(body, dict) else None
        if not isinstance(ids, list) or not all(isinstance(i, str) and i for i in ids):
            raise MissingProperty("interactions")
        members = [self.interactions._find(session, i) for i in dict.fromkeys(ids)]
        try:
            conference = self.contact.conferences.create(session, members)
        except InvalidState as refused:
            refused.message = f"Cannot make a conference of {', '.join(ids)}: {refused.reason}."
            raise refused from None
        location = f"/icws/{session.id}/interactions/conferences/{conference.id}"
        return json_response(201, {"conferenceId": conference.id}, [("Location", location)])

    def invite_party(self, request: Request, session: Session, conference_id: str) -> Response:
        """[guess] ``{target}`` -> 201 ``{interactionId}`` of the new party's call."""
        conference = self.contact.conferences.find(conference_id)
        if conference is None:
            raise NotFound(f"The conference {conference_id} was not found.")
        body = request.json()
        target = body.get("target") if isinstance(body, dict) else None
        if not isinstance(target, str) or not target:
            raise MissingProperty("target")
        try:
            call = self.contact.conferences.invite(session, conference, target)
        except InvalidState as refused:
            refused.message = (
                f"Cannot invite {target} to conference {conference_id}: {refused.reason}."
            )
            raise refused from None
        location = f"/icws/{session.id}/interactions/{call.id}"
        return json_response(201, {"interactionId": call.id}, [("Location", location)])

    # -- park and voice mail: answered first, their effect a moment later ------------------

    def park(self, session: Session, interaction: Interaction, body: dict):
        """[guess] ``{target}``: the user (id or extension) whose queue takes it."""
        return self.contact.parking.park(session, interaction, self._user(body))

    def transfer_to_voicemail(self, session: Session, interaction: Interaction, body: dict):
        """[guess] ``{target}``: whose voice mail; the agent's own without it."""
        return self.contact.voicemail.transfer(session.user, interaction, self._user(body))

    def send_to_voicemail(self, session: Session, interaction: Interaction, body: dict):
        return self.contact.voicemail.send(session.user, interaction)

    def _user(self, body: dict):
        target = body.get("target")
        if target in (None, ""):
            return None
        user = self.scenario.user(str(target)) or self.scenario.user_at(str(target))
        if user is None:
            raise InvalidProperty("target", f"There is no user {str(target)[:40]!r}.")
        return user
