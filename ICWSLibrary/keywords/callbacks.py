"""Callbacks: ask for one, read how it stands, say how it went."""

from __future__ import annotations

from enum import Enum

from robot.api.deco import keyword

from ..client.callbacks import DISPOSITIONS
from .base import LibraryComponent


class CallbackDisposition(Enum):
    """How a callback went: ``Success`` and ``Failure`` end it; ``Retry`` puts it back in
    its workgroup's queue for another attempt."""

    Success = "success"
    Failure = "failure"
    Retry = "retry"


class CallbackKeywords(LibraryComponent):
    @keyword("Create Callback")
    def create_callback(
        self, target: str, workgroup: str, subject: str, name: str | None = None
    ) -> str:
        """Asks for a callback to ``target`` through ``workgroup`` and returns its id.

        ``target`` is the number to call back, ``subject`` says what it is about, and
        ``name`` names the person. The callback waits in the workgroup's queue until
        ACD offers it to an agent whose station takes callbacks (`Log On To Workstation`
        with ``media=callback``).

        Example:
        | ${callback} = | Create Callback | 3175550100 | Support | Billing question | name=Pat |
        """
        interaction_id = self.connected_session().callbacks.create(target, workgroup, subject, name)
        self.info(f"Asked for callback {interaction_id} to {target} through {workgroup}.")
        return interaction_id

    @keyword("Call Back")
    def call_back(
        self, interaction_id: str, target: str | None = None, workgroup: str | None = None
    ) -> str:
        """Calls the customer of a callback back, and returns the call's id.

        The agent who has the callback connected places an outbound call to the
        callback's own number (or ``target``), on behalf of ``workgroup`` if given; the
        server links the call to the callback (``associatedCallId`` of `Get Callback`).
        Then say how it went with `Set Callback Disposition`. The session needs a station.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 | media=call, callback |
        | ${callback} = | Create Callback | 3175550100 | Support | Billing question |
        | Pick Up Interaction | ${callback} |
        | ${call} = | Call Back | ${callback} |
        | Wait Until Interaction State Is | ${call} | Connected |
        | Disconnect Interaction | ${call} |
        | Set Callback Disposition | ${callback} | Success |
        """
        session = self.connected_session()
        call_id = session.callbacks.call_back(interaction_id, target, workgroup)
        self.info(f"Called back callback {interaction_id}: call {call_id}.")
        return call_id

    @keyword("Set Callback Disposition")
    def set_callback_disposition(
        self, interaction_id: str, disposition: CallbackDisposition
    ) -> None:
        """Says how the callback went: ``Success``, ``Failure`` or ``Retry``.

        Only the agent who has the callback connected may, usually after `Call Back`.
        Each disposition counts as an attempt (see `Get Callback`).

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 | media=call, callback |
        | ${callback} = | Create Callback | 3175550100 | Support | Billing question |
        | Pick Up Interaction | ${callback} |
        | Set Callback Disposition | ${callback} | Success |
        """
        session = self.connected_session()
        session.callbacks.dispose(interaction_id, DISPOSITIONS[disposition.value])
        self.info(f"Callback {interaction_id} went: {disposition.name}.")

    @keyword("Get Callback")
    def get_callback(self, interaction_id: str) -> dict:
        """Returns the callback as the server tells it now.

        A dictionary with ``interactionId``, ``target``, ``name``, ``subject``,
        ``attempts``, ``maxAttempts``, ``associatedCallId`` and ``snoozed``.

        Example:
        | ${callback} = | Create Callback | 3175550100 | Support | Billing question |
        | ${details} = | Get Callback | ${callback} |
        | Should Be Equal | ${details}[subject] | Billing question |
        """
        details = self.connected_session().callbacks.get(interaction_id)
        self.info(
            f"Callback {interaction_id} to {details.get('target')}: {details.get('attempts')} "
            "attempts."
        )
        return details
