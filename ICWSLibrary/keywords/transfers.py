"""Multi-party calls: consult transfer (hold the caller, consult a third party, then join
them or return to the caller)."""

from __future__ import annotations

from robot.api.deco import keyword

from ..client.interactions import attribute_value
from .base import LibraryComponent


class TransferKeywords(LibraryComponent):
    @keyword("Consult Transfer")
    def consult_transfer(self, interaction_id: str, target: str) -> str:
        """Holds the caller and calls ``target`` to consult them; returns the consult
        call's interaction id.

        ``target`` is a user (id or extension), a number, or a workgroup queue as
        ``workgroup:NAME``. The original interaction stays held while the agent speaks
        to the consulted party; then `Complete Consult Transfer` joins caller and
        consulted party, or `Cancel Consult Transfer` drops the consult call. The
        keywords that follow name the original interaction, not the consult call.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | ${consult} = | Consult Transfer | ${id} | 3175550123 |
        | Interaction State Should Be | ${id} | Held |
        | Cancel Consult Transfer | ${id} |
        """
        session = self.connected_session()
        call_id = session.consults.start(interaction_id, target)
        self.info(f"Consulting {target} about interaction {interaction_id}: call {call_id}.")
        return call_id

    @keyword("Speak To Caller")
    def speak_to_caller(self, interaction_id: str) -> None:
        """During a consult, speaks to the caller alone: the consulted party is held.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | ${consult} = | Consult Transfer | ${id} | agent2 |
        | Speak To Caller | ${id} |
        """
        self._audience(interaction_id, True, False, "the caller")

    @keyword("Speak To Consulted Party")
    def speak_to_consulted_party(self, interaction_id: str) -> None:
        """During a consult, speaks to the consulted party alone: the caller is held.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | ${consult} = | Consult Transfer | ${id} | agent2 |
        | Speak To Consulted Party | ${id} |
        """
        self._audience(interaction_id, False, True, "the consulted party")

    @keyword("Speak To Both Parties")
    def speak_to_both_parties(self, interaction_id: str) -> None:
        """During a consult, speaks to caller and consulted party together.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | ${consult} = | Consult Transfer | ${id} | agent2 |
        | Speak To Both Parties | ${id} |
        """
        self._audience(interaction_id, True, True, "both parties")

    @keyword("Complete Consult Transfer")
    def complete_consult_transfer(self, interaction_id: str) -> None:
        """Joins the caller and the consulted party; the agent leaves both calls.

        Returns once the original interaction is no longer the user's.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | ${consult} = | Consult Transfer | ${id} | agent2 |
        | Complete Consult Transfer | ${id} |
        """
        session = self.connected_session()
        session.consults.conclude(interaction_id)
        me = session.user_id.casefold()
        self.until_shown(
            interaction_id, "is transferred to the consulted party",
            lambda a: a is None or attribute_value(a, "Eic_UserName").casefold() != me,
            names=("Eic_State", "Eic_UserName"),
        )  # fmt: skip

    @keyword("Cancel Consult Transfer")
    def cancel_consult_transfer(self, interaction_id: str) -> None:
        """Drops the consult call; the caller stays held for the agent (take them back
        with `Pick Up Interaction`).

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | ${consult} = | Consult Transfer | ${id} | 3175550123 |
        | Cancel Consult Transfer | ${id} |
        | Pick Up Interaction | ${id} |
        """
        session = self.connected_session()
        _, call_id = session.consults.consult_of(interaction_id)
        session.consults.cancel(interaction_id)
        self.until_shown(
            call_id, "is dropped",
            lambda a: a is None or attribute_value(a, "Eic_State") in ("I", "E"),
        )  # fmt: skip

    def _audience(self, interaction_id: str, caller: bool, consulted: bool, whom: str) -> None:
        session = self.connected_session()
        session.consults.change_audience(interaction_id, caller, consulted)
        wanted = "C" if caller else "H"
        self.until_shown(
            interaction_id, f"speaking to {whom}",
            lambda a: a is not None and attribute_value(a, "Eic_State") == wanted,
        )  # fmt: skip
