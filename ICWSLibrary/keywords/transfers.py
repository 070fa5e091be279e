"""Multi-party calls: consult transfer (hold the caller, consult a third party, then join
them or return to the caller), conferences, park, and voice mail."""

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

    @keyword("Conference Interactions")
    def conference_interactions(self, *interaction_ids: str) -> str:
        """Joins the user's connected or held calls into one conference and returns its id.

        Every party then hears the others; hold and mute stay per party. A party hanging
        up leaves the rest talking. Add parties with `Invite To Conference`.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${first} = | Make Call | 3175550100 |
        | Wait Until Interaction State Is | ${first} | Connected |
        | Hold Interaction | ${first} |
        | ${second} = | Make Call | 3175550101 |
        | Wait Until Interaction State Is | ${second} | Connected |
        | ${conference} = | Conference Interactions | ${first} | ${second} |
        | Conference Should Have Parties | ${conference} | 2 |
        """
        session = self.connected_session()
        conference_id = session.conferences.create(list(interaction_ids))
        self.info(f"Conference {conference_id} of {', '.join(interaction_ids)}.")
        return conference_id

    @keyword("Invite To Conference")
    def invite_to_conference(self, conference_id: str, target: str) -> str:
        """Dials ``target`` (a number, a user or an extension) into the conference and
        returns the new party's interaction id.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${first} = | Make Call | 3175550100 |
        | Wait Until Interaction State Is | ${first} | Connected |
        | ${second} = | Make Call | 3175550101 |
        | Wait Until Interaction State Is | ${second} | Connected |
        | ${conference} = | Conference Interactions | ${first} | ${second} |
        | ${third} = | Invite To Conference | ${conference} | 3175550102 |
        """
        party = self.connected_session().conferences.invite(conference_id, target)
        self.info(f"Invited {target} to conference {conference_id}: interaction {party}.")
        return party

    @keyword("Get Conference Parties")
    def get_conference_parties(self, conference_id: str) -> list[dict]:
        """Returns the parties in the conference now, each a dictionary with
        ``interactionId``, ``remoteName`` and ``state`` (``Connected``, ``Held``...).

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${first} = | Make Call | 3175550100 |
        | Wait Until Interaction State Is | ${first} | Connected |
        | ${second} = | Make Call | 3175550101 |
        | Wait Until Interaction State Is | ${second} | Connected |
        | ${conference} = | Conference Interactions | ${first} | ${second} |
        | ${parties} = | Get Conference Parties | ${conference} |
        | Should Be Equal | ${parties}[0][state] | Connected |
        """
        parties = self.connected_session().conferences.parties(conference_id)
        self.info(f"Conference {conference_id} has {len(parties)} parties.")
        return parties

    @keyword("Conference Should Have Parties")
    def conference_should_have_parties(
        self, conference_id: str, count: int, message: str | None = None
    ) -> None:
        """Fails unless the conference has ``count`` parties now (a party that hung up is
        no longer one).

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${first} = | Make Call | 3175550100 |
        | Wait Until Interaction State Is | ${first} | Connected |
        | ${second} = | Make Call | 3175550101 |
        | Wait Until Interaction State Is | ${second} | Connected |
        | ${conference} = | Conference Interactions | ${first} | ${second} |
        | ${third} = | Invite To Conference | ${conference} | 3175550102 |
        | Conference Should Have Parties | ${conference} | 3 |
        """
        parties = self.connected_session().conferences.parties(conference_id)
        if len(parties) != count:
            listed = ", ".join(f"{p['interactionId']} ({p['remoteName']}, {p['state']})"
                               for p in parties) or "none"  # fmt: skip
            raise AssertionError(
                message
                or f"Conference {conference_id} has {len(parties)} parties, expected {count}: "
                f"{listed}."
            )
        self.info(f"Conference {conference_id} has {count} parties.")

    @keyword("Park Interaction")
    def park_interaction(self, interaction_id: str, target: str | None = None) -> None:
        """Parks a connected or held interaction on ``target``'s queue (a user id or
        extension; the user's own by default).

        Anyone who sees that queue picks it up with `Pick Up Interaction`; unanswered, it
        returns to the user, alerting, after the server's park timeout. Returns once the
        server shows it ``Parked`` (or no longer shows it to the user).

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | Park Interaction | ${id} |
        | Interaction State Should Be | ${id} | Parked |
        | Pick Up Interaction | ${id} |
        """
        body = {"target": str(target)} if target else None
        where = f"on {target}'s queue" if target else "on the user's own queue"
        self.connected_session().interactions.act(interaction_id, "park", body, verb="park")
        self.until_shown(
            interaction_id, f"is parked {where}",
            lambda a: a is None or attribute_value(a, "Eic_State") == "P",
        )  # fmt: skip

    @keyword("Transfer To Voicemail")
    def transfer_to_voicemail(self, interaction_id: str, target: str | None = None) -> None:
        """Sends a connected or held caller to ``target``'s voice mail (a user id or
        extension; the user's own by default) to leave a message.

        Returns once the interaction is no longer the user's.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | Transfer To Voicemail | ${id} | agent2 |
        """
        body = {"target": str(target)} if target else None
        whose = f"{target}'s" if target else "the user's own"
        self.connected_session().interactions.act(
            interaction_id, "transfer-to-voicemail", body, verb="transfer",
            to=f"{whose} voice mail",
        )  # fmt: skip
        self._until_not_mine(interaction_id, f"is sent to {whose} voice mail", "M")

    @keyword("Send To Voicemail")
    def send_to_voicemail(self, interaction_id: str) -> None:
        """Sends an interaction alerting the user to their own voice mail.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Send To Voicemail | ${id} |
        """
        self.connected_session().interactions.act(
            interaction_id, "send-to-voicemail", None, verb="send", to="voice mail"
        )
        self._until_not_mine(interaction_id, "is sent to voice mail", "M")

    def _until_not_mine(self, interaction_id: str, done: str, state: str) -> None:
        """Wait until the interaction is in ``state`` or another's, or out of sight."""
        me = self.connected_session().user_id.casefold()
        self.until_shown(
            interaction_id, done,
            lambda a: a is None
            or attribute_value(a, "Eic_UserName").casefold() != me
            or attribute_value(a, "Eic_State") == state,
            names=("Eic_State", "Eic_UserName"),
        )  # fmt: skip

    def _audience(self, interaction_id: str, caller: bool, consulted: bool, whom: str) -> None:
        session = self.connected_session()
        session.consults.change_audience(interaction_id, caller, consulted)
        wanted = "C" if caller else "H"
        self.until_shown(
            interaction_id, f"speaking to {whom}",
            lambda a: a is not None and attribute_value(a, "Eic_State") == wanted,
        )  # fmt: skip
