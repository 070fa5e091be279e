"""Station logon: workstations, remote workstations, remote numbers, readiness."""

from __future__ import annotations

from datetime import timedelta

from robot.api.deco import keyword

from .base import LibraryComponent


class StationKeywords(LibraryComponent):
    @keyword("Log On To Workstation")
    def log_on_to_workstation(
        self, station: str, media: list[str] | str = "call", ready: bool = True
    ) -> None:
        """Logs the current session's user on to the workstation ``station``.

        ``media`` names the interaction types the station takes: one or several of
        ``call``, ``chat``, ``email``, ``generic``, ``callback``, ``sms``, ``workitem``,
        ``directmessage``, ``social`` (a list, or text such as ``call, chat``). ``ready``
        says whether the station is ready for ACD interactions.

        Fails with the server's reason when the logon is refused: an unknown station, a
        station in use by another user, no right to log on, no license available.

        Examples:
        | Log On To Workstation | 7001 |
        | Log On To Workstation | 7002 | media=call, chat | ready=False |
        """
        self.connected_session().station.log_on("workstation", station, media=media, ready=ready)
        self.info(f"Logged on to workstation {station} (media {media}, ready {ready}).")

    @keyword("Log On To Remote Workstation")
    def log_on_to_remote_workstation(
        self,
        station: str,
        remote_number: str | None = None,
        media: list[str] | str = "call",
        ready: bool = True,
    ) -> None:
        """Logs on to the remote workstation ``station``, reached at ``remote_number``.

        ``media`` and ``ready`` as in `Log On To Workstation`; refusals fail the same way.

        Example:
        | Log On To Remote Workstation | 7003 | remote_number=3175550100 |
        """
        self.connected_session().station.log_on(
            "remote workstation", station, remote_number=remote_number, media=media, ready=ready
        )
        self.info(f"Logged on to remote workstation {station} at {remote_number or 'its number'}.")

    @keyword("Log On To Remote Number")
    def log_on_to_remote_number(
        self,
        number: str,
        persistent: bool = False,
        media: list[str] | str = "call",
        ready: bool = True,
    ) -> None:
        """Logs on with a remote number: calls to the user ring ``number``.

        ``persistent`` keeps one call open to the number for the whole logon. ``media`` and
        ``ready`` as in `Log On To Workstation`.

        Example:
        | Log On To Remote Number | 3175550100 | persistent=True |
        """
        self.connected_session().station.log_on(
            "remote number", remote_number=number, persistent=persistent, media=media, ready=ready
        )
        self.info(f"Logged on to remote number {number}{' (persistent)' if persistent else ''}.")

    @keyword("Log Off Station")
    def log_off_station(self) -> None:
        """Logs the current session off its station; the session itself stays.

        Example:
        | Log Off Station |
        | Station Should Not Be Connected |
        """
        self.connected_session().station.log_off()
        self.info("Logged off the station.")

    @keyword("Get Station")
    def get_station(self) -> dict:
        """Returns the session's station as the server describes it, plus ``kind``.

        ``kind`` is ``workstation``, ``remote workstation``, ``remote number`` or ``none``
        (then it is the only key). Other keys are the server's: ``id``, ``extension``,
        ``stationSetting``, and where given ``allowedMediaTypes`` and
        ``readyForInteractions``.

        Example:
        | Log On To Workstation | 7001 |
        | ${station} = | Get Station |
        | Should Be Equal | ${station}[kind] | workstation |
        """
        station = self.connected_session().station.current()
        self.info(f"Station: {station.get('id', '-')} ({station['kind']}).")
        return station

    @keyword("Station Should Be")
    def station_should_be(
        self, station: str, kind: str | None = None, message: str | None = None
    ) -> None:
        """Fails unless the session is logged on to ``station`` (and of ``kind``, if given).

        Station ids compare without regard to case. ``kind`` is ``workstation``, ``remote
        workstation`` or ``remote number``.

        Example:
        | Log On To Workstation | 7001 |
        | Station Should Be | 7001 | kind=workstation |
        """
        current = self.connected_session().station.current()
        actual = current.get("id") or "no station"
        self.fail_unless(
            str(actual).lower() == str(station).lower()
            and (kind is None or current["kind"] == kind.lower()),
            f"Expected station '{station}'"
            + (f" ({kind})" if kind else "")
            + f", but the session has {actual} ({current['kind']}).",
            message,
        )
        self.info(f"Station is {actual} ({current['kind']}).")

    @keyword("Station Should Not Be Connected")
    def station_should_not_be_connected(self, message: str | None = None) -> None:
        """Fails if the session is logged on to a station.

        Example:
        | Log Off Station |
        | Station Should Not Be Connected |
        """
        current = self.connected_session().station.current()
        self.fail_unless(
            current["kind"] == "none",
            f"Expected no station, but the session is logged on to {current.get('id')} "
            f"({current['kind']}).",
            message,
        )
        self.info("No station is connected.")

    @keyword("Set Ready For Interactions")
    def set_ready_for_interactions(
        self, ready: bool = True, media: list[str] | str | None = None
    ) -> None:
        """Makes the session's station ready (or not) for ACD interactions.

        Logs on again to the same station with the new readiness; ``media`` changes the
        interaction types too (default: those the station has).

        Example:
        | Log On To Workstation | 7001 |
        | Set Ready For Interactions | False |
        | ${station} = | Get Station |
        | Should Not Be True | ${station}[readyForInteractions] |
        """
        station = self.connected_session().station.set_ready(ready, media)
        self.info(
            f"Station {station.get('id')} is {'ready' if ready else 'not ready'} for interactions."
        )

    @keyword("Get Default Workstation")
    def get_default_workstation(self) -> str | None:
        """Returns the user's default workstation, or ``None`` when the user has none.

        It comes with the logon answer (``include=default-workstation``).

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | ${station} = | Get Default Workstation |
        | Log On To Workstation | ${station} |
        """
        station = self.connected_session().logon_info.get("defaultWorkstationId") or None
        self.info(f"Default workstation: {station or 'none'}.")
        return station

    @keyword("User Should Be Logged In At Station")
    def user_should_be_logged_in_at_station(
        self, station: str, user_id: str | None = None, message: str | None = None
    ) -> None:
        """Fails unless the status of ``user_id`` (default: the session's user) lists ``station``.

        This is what a supervisor sees: the ``stations`` of the user's status.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | User Should Be Logged In At Station | 7001 | user_id=agent1 |
        """
        session = self.connected_session()
        user = user_id or session.user_id
        stations = [str(s) for s in session.status.user_status(user).get("stations") or []]
        self.fail_unless(
            str(station).lower() in {s.lower() for s in stations},
            f"Expected '{user}' to be logged in at station '{station}', but their stations are "
            f"{', '.join(stations) or 'none'}.",
            message,
        )
        self.info(f"'{user}' is logged in at {station}.")

    @keyword("Wait Until User Is Logged In")
    def wait_until_user_is_logged_in(
        self, user_id: str | None = None, timeout: timedelta | None = None
    ) -> None:
        """Waits until ``user_id`` (default: the session's user) is logged in at a station.

        Reacts to the user's status messages, with no sleeps; fails after ``timeout``
        (default: the library's ``wait_timeout``).

        Example:
        | Log On To Workstation | 7002 |
        | Wait Until User Is Logged In | timeout=5s |
        """
        session = self.connected_session()
        user = user_id or session.user_id
        seconds = self.ctx.get_timeout(timeout)
        status = session.status.wait_until_watched(user, lambda s: bool(s.get("loggedIn")), seconds)
        if status is None:
            raise AssertionError(f"'{user}' did not log in at a station within {seconds:g} s.")
        self.info(
            f"'{user}' is logged in at {', '.join(status.get('stations') or []) or 'a station'}."
        )
