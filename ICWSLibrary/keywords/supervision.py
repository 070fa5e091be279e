"""A supervisor on an agent's call: listen in, coach the agent (the caller does not hear),
join the call, and stop; and whether a call is monitored."""

from __future__ import annotations

from robot.api.deco import keyword

from ..client.interactions import MONITORS, attribute_value
from .base import LibraryComponent


def monitors(attributes: dict | None) -> list[str]:
    """Who monitors, as either attribute lists them."""
    listed = ",".join(attribute_value(attributes or {}, name) for name in MONITORS)
    return [name.strip() for name in listed.split(",") if name.strip()]


class SupervisionKeywords(LibraryComponent):
    def _monitor(self, interaction_id: str, mode: str) -> None:
        session = self.connected_session()
        session.interactions.monitor(interaction_id, mode, True)
        self._until_monitoring(session, interaction_id, True, f"monitored by the user ({mode})")

    def _until_monitoring(self, session, interaction_id: str, wanted: bool, done: str) -> None:
        """Return once the server lists the user among the call's monitors, or (not
        ``wanted``) no longer does; a call gone is no longer monitored."""
        me = session.user_id.casefold()
        self.until_shown(
            interaction_id, f"is {'' if wanted else 'no longer '}{done}",
            lambda a: (a is not None and me in {n.casefold() for n in monitors(a)}) == wanted,
            names=MONITORS,
        )  # fmt: skip

    @keyword("Listen To Interaction")
    def listen_to_interaction(self, interaction_id: str) -> None:
        """Listens in on another agent's call, unheard; returns once the server lists the
        user among the call's monitors.

        The user needs the queue rights of a supervisor of the call's workgroup and a
        station: the server calls it, and the user is on the phone while listening. The
        call's monitors are read from ``Eic_Monitors`` and ``Eic_MonitorsSupv``. Use
        `Coach Interaction` or `Join Interaction` to speak, `Stop Monitoring Interaction`
        to hang up.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${call} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${call} |
        | Connect To ICWS | supervisor | ${PASSWORD} | alias=boss |
        | Log On To Workstation | 7009 |
        | Listen To Interaction | ${call} |
        | Interaction Should Be Monitored By | ${call} | supervisor |
        """
        self._monitor(interaction_id, "listen")

    @keyword("Coach Interaction")
    def coach_interaction(self, interaction_id: str) -> None:
        """Coaches the agent on a call: the agent hears the user, the caller does not.
        Listening already, the user starts coaching on the same call of their own.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${call} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${call} |
        | Connect To ICWS | supervisor | ${PASSWORD} | alias=boss |
        | Log On To Workstation | 7009 |
        | Listen To Interaction | ${call} |
        | Coach Interaction | ${call} |
        | Stop Monitoring Interaction | ${call} |
        """
        self._monitor(interaction_id, "coach")

    @keyword("Join Interaction")
    def join_interaction(self, interaction_id: str) -> None:
        """Joins another agent's call: agent and caller both hear the user.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${call} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${call} |
        | Connect To ICWS | supervisor | ${PASSWORD} | alias=boss |
        | Log On To Workstation | 7009 |
        | Join Interaction | ${call} |
        | Interaction Should Be Monitored By | ${call} | supervisor |
        """
        self._monitor(interaction_id, "join")

    @keyword("Stop Monitoring Interaction")
    def stop_monitoring_interaction(self, interaction_id: str) -> None:
        """Stops listening to, coaching or joining the call (the way this session began):
        the user's own call ends, the agent's goes on. Returns once the server no longer
        lists the user among its monitors.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${call} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${call} |
        | Connect To ICWS | supervisor | ${PASSWORD} | alias=boss |
        | Log On To Workstation | 7009 |
        | Listen To Interaction | ${call} |
        | Stop Monitoring Interaction | ${call} |
        | Interaction Should Not Be Monitored | ${call} |
        """
        session = self.connected_session()
        session.interactions.monitor(interaction_id, None, False)
        self._until_monitoring(session, interaction_id, False, "monitored by the user")

    @keyword("Interaction Should Be Monitored By")
    def interaction_should_be_monitored_by(
        self, interaction_id: str, user_id: str, message: str | None = None
    ) -> None:
        """Fails unless ``user_id`` listens to, coaches or joins the interaction now.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${call} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${call} |
        | Connect To ICWS | supervisor | ${PASSWORD} | alias=boss |
        | Log On To Workstation | 7009 |
        | Join Interaction | ${call} |
        | Interaction Should Be Monitored By | ${call} | supervisor |
        """
        watching = self._monitors(interaction_id)
        if user_id.casefold() not in {name.casefold() for name in watching}:
            raise AssertionError(
                message
                or f"Interaction {interaction_id} is not monitored by {user_id}: "
                + (
                    f"its monitors are {', '.join(watching)}."
                    if watching
                    else "nobody monitors it."
                )
            )
        self.info(f"Interaction {interaction_id} is monitored by {user_id}.")

    @keyword("Interaction Should Not Be Monitored")
    def interaction_should_not_be_monitored(
        self, interaction_id: str, message: str | None = None
    ) -> None:
        """Fails when anybody listens to, coaches or joins the interaction now.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${call} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${call} |
        | Connect To ICWS | supervisor | ${PASSWORD} | alias=boss |
        | Log On To Workstation | 7009 |
        | Listen To Interaction | ${call} |
        | Stop Monitoring Interaction | ${call} |
        | Interaction Should Not Be Monitored | ${call} |
        """
        watching = self._monitors(interaction_id)
        if watching:
            raise AssertionError(
                message or f"Interaction {interaction_id} is monitored by {', '.join(watching)}."
            )
        self.info(f"Interaction {interaction_id} is not monitored.")

    def _monitors(self, interaction_id: str) -> list[str]:
        attributes = self.connected_session().interactions.attributes(interaction_id, MONITORS)
        return monitors(attributes)
