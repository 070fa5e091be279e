"""Consult transfer: hold the caller, call a third party, speak to either or both, then
join them or drop the consult call.

[doc] ``POST /interactions/{id}/consult {target | queueID}`` answers 201
``{consultId, consultInteractionId}``; ``.../consult/{consultId}/change-audience``,
``.../conclude`` and ``DELETE .../consult/{consultId}`` act on it. The session keeps the
consult id of each interaction it consults on, so callers name the original interaction.
"""

from __future__ import annotations

from .address import path_segment
from .errors import ICWSError

WORKGROUP_QUEUE = 2


class ConsultAPI:
    def __init__(self, session) -> None:
        self._session = session
        # Original interaction id -> (consult id, consult interaction id).
        self.consults: dict[str, tuple[str, str]] = {}

    def start(self, interaction_id: str, target: str) -> str:
        """Consult ``target`` (a number, a user or extension, or ``workgroup:NAME``) about
        the interaction; returns the consult call's interaction id."""
        text = str(target)
        if text.lower().startswith("workgroup:"):
            name = text.split(":", 1)[1].strip()
            body: dict = {"queueID": {"queueType": WORKGROUP_QUEUE, "queueName": name}}
        else:
            body = {"target": text}
        path = f"/interactions/{path_segment(interaction_id)}/consult"
        try:
            answer = self._session.call("POST", path, body)
        except ICWSError as error:
            raise error.in_context(
                f"'{self._session.user_id}' could not consult {text} about interaction "
                f"{interaction_id}"
            ) from None
        if (
            not isinstance(answer, dict)
            or answer.get("consultId") in (None, "")
            or not answer.get("consultInteractionId")
        ):
            raise ICWSError(
                f"The server started a consult on interaction {interaction_id} but did not "
                f"name its consultId and consultInteractionId: {answer!r:.200}"
            )
        consult_id, call_id = str(answer["consultId"]), str(answer["consultInteractionId"])
        self.consults[str(interaction_id)] = (str(consult_id), call_id)
        return call_id

    def consult_of(self, interaction_id: str) -> tuple[str, str]:
        found = self.consults.get(str(interaction_id))
        if found is None:
            raise ICWSError(
                f"'{self._session.user_id}' started no consult on interaction "
                f"{interaction_id}: use Consult Transfer first."
            )
        return found

    def change_audience(self, interaction_id: str, caller: bool, consulted: bool) -> None:
        body = {"audience": {"originalParty": bool(caller), "consultedParty": bool(consulted)}}
        self._consult_action(interaction_id, "POST", "/change-audience", body,
                             "change whom they speak to in")  # fmt: skip

    def conclude(self, interaction_id: str) -> None:
        self._consult_action(interaction_id, "POST", "/conclude", None, "complete")
        self.consults.pop(str(interaction_id), None)

    def cancel(self, interaction_id: str) -> None:
        self._consult_action(interaction_id, "DELETE", "", None, "cancel")
        self.consults.pop(str(interaction_id), None)

    def _consult_action(self, interaction_id, method, suffix, body, verb) -> None:
        consult_id, _ = self.consult_of(interaction_id)
        path = (
            f"/interactions/{path_segment(interaction_id)}/consult/"
            f"{path_segment(consult_id)}{suffix}"
        )
        try:
            self._session.call(method, path, body)
        except ICWSError as error:
            raise error.in_context(
                f"'{self._session.user_id}' could not {verb} the consult transfer of "
                f"interaction {interaction_id}"
            ) from None
