"""Who is logged on where: a user's sessions, a station's user, waiting for a logon."""

from __future__ import annotations

from datetime import timedelta

from robot.api.deco import keyword

from .base import LibraryComponent


class LogonKeywords(LibraryComponent):
    @keyword("Get Sessions Of User")
    def get_sessions_of_user(self, user_id: str) -> list[dict]:
        """Returns the user's sessions now, each a dictionary with ``application``,
        ``machine`` and ``station`` (empty when the session has none).

        Example:
        | Connect To ICWS | supervisor | ${PASSWORD} |
        | ${sessions} = | Get Sessions Of User | supervisor |
        | Length Should Be | ${sessions} | 1 |
        """
        session = self.connected_session()
        found = session.logons.watch("user", user_id, self.ctx.get_timeout(None))
        shown = [_shown(entry) for entry in found]
        self.info(f"{user_id} has {len(shown)} session{'' if len(shown) == 1 else 's'}.")
        return shown

    @keyword("Station Should Be In Use By")
    def station_should_be_in_use_by(
        self, station: str, user_id: str, message: str | None = None
    ) -> None:
        """Fails unless ``user_id`` has a session logged on to ``station``.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | Station Should Be In Use By | 7001 | agent1 |
        """
        session = self.connected_session()
        found = session.logons.watch("station", station, self.ctx.get_timeout(None))
        users = [str(entry.get("userId", "")) for entry in found]
        if user_id.casefold() not in (u.casefold() for u in users):
            raise AssertionError(
                message
                or f"Station {station} is in use by {', '.join(users) or 'nobody'}, not {user_id}."
            )
        self.info(f"Station {station} is in use by {user_id}.")

    @keyword("Wait Until User Has Session")
    def wait_until_user_has_session(self, user_id: str, timeout: timedelta | None = None) -> None:
        """Waits until ``user_id`` is logged on (has a session), for at most ``timeout``
        (default: the library's ``wait_timeout``).

        Example:
        | Connect To ICWS | supervisor | ${PASSWORD} |
        | Wait Until User Has Session | supervisor | timeout=5s |
        """
        seconds = self.ctx.get_timeout(timeout)
        if not self.connected_session().logons.wait_for_session(user_id, timeout=seconds):
            raise AssertionError(f"{user_id} had no session within {seconds:g} s.")
        self.info(f"{user_id} has a session.")


def _shown(entry: dict) -> dict:
    return {"application": entry.get("applicationName", ""),
            "machine": entry.get("machineName", ""), "station": entry.get("stationId", "")}  # fmt: skip
