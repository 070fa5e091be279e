"""Callbacks: ask for one, read how it stands, say how it went.

Watching a callback (``messaging/subscriptions/interactions/{id}/callback``) brings a
``callbackMessage`` with its target, subject and attempts, and another at each change.
Sources: CONTACT-CENTER.md 2.8, SDK Interactions.Callback.js.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..protocol.messages import CALLBACK_MESSAGE
from .address import path_segment
from .errors import ICWSError
from .interactions import create_interaction

if TYPE_CHECKING:
    from .channel import MessageChannel

CREATE_CALLBACK = "urn:inin.com:interactions.callback:createCallbackParameters"
CALL_BACK = "urn:inin.com:interactions.callback:createCallbackResponseCallParameters"
WORKGROUP_QUEUE = 2
# [doc] Callback dispositions.
DISPOSITIONS = {"success": 0, "failure": 1, "retry": 2}


class CallbackAPI:
    def __init__(self, session, channel: MessageChannel):
        self._session = session
        # Watched callbacks: id -> the last callbackMessage (None until the first).
        self.watched: dict[str, dict | None] = {}
        self.attach(channel)

    def attach(self, channel: MessageChannel) -> None:
        self.channel = channel
        channel.on(CALLBACK_MESSAGE, self._message)

    def _message(self, message: dict) -> None:
        key = str(message.get("interactionId"))
        if key not in self.watched:
            return
        if self.watched[key] is None and message.get("isDelta") is True:
            return  # a change told before the read's subscription: its answer follows
        self.watched[key] = {k: v for k, v in message.items() if k not in ("__type", "isDelta")}

    def create(self, target: str, workgroup: str, subject: str, name: str | None = None) -> str:
        body = {
            "__type": CREATE_CALLBACK,
            "target": str(target),
            "targetQueue": {"queueType": WORKGROUP_QUEUE, "queueName": str(workgroup)},
            "subject": str(subject),
        }
        if name:
            body["name"] = str(name)
        return create_interaction(
            self._session, body,
            f"The callback to {target} through workgroup {workgroup} was refused", "a callback",
        )  # fmt: skip

    def call_back(
        self, interaction_id: str, target: str | None = None, workgroup: str | None = None
    ) -> str:
        """Call the customer of a connected callback back (at its own number unless
        ``target`` is given, on behalf of ``workgroup`` if given); returns the call's id.

        [SDK] ``createCallbackResponseCallParameters {parentInteractionId, target,
        workgroup}``: the call is the callback's ``associatedCallId``.
        """
        number = target if target is not None else self.get(interaction_id).get("target")
        body = {"__type": CALL_BACK, "parentInteractionId": str(interaction_id),
                "target": str(number or "")}  # fmt: skip
        if workgroup:
            body["workgroup"] = str(workgroup)
        return create_interaction(
            self._session, body,
            f"'{self._session.user_id}' could not call back callback {interaction_id}",
            "a call back",
        )  # fmt: skip

    def dispose(self, interaction_id: str, disposition: int) -> None:
        path = f"/interactions/{path_segment(interaction_id)}/callback/disposition"
        try:
            self._session.call("PUT", path, {"disposition": int(disposition)})
        except ICWSError as error:
            raise error.in_context(
                f"'{self._session.user_id}' could not set the disposition of callback "
                f"{interaction_id}"
            ) from None

    def get(self, interaction_id: str) -> dict:
        """The callback as the server tells it now.

        Each read subscribes anew, and the server answers a subscription with the
        callback as it stands ([guess] ``isDelta`` false): a change message still on its
        way from before is passed over, so the read is never older than the request.
        """
        key = str(interaction_id)
        self.channel.start()
        self.watched[key] = None
        path = f"/messaging/subscriptions/interactions/{path_segment(key)}/callback"
        try:
            self._session.call("PUT", path)
        except ICWSError as error:
            del self.watched[key]
            raise error.in_context(f"Reading callback {key} was refused") from None
        if not self.channel.wait_until(
            lambda: self.watched[key] is not None, self._session.timeout
        ):
            raise ICWSError(
                f"The server accepted the watch of callback {key} but told nothing of it within "
                f"{self._session.timeout:g} s."
            )
        return dict(self.watched[key])
