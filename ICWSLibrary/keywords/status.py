"""User statuses (presence) and the status catalog."""

from __future__ import annotations

from datetime import datetime, timedelta

from robot.api.deco import keyword

from ..client.status import parse_user_status, same_status
from ..protocol.dates import readable_datetime
from .base import LibraryComponent


def _when(value) -> str:
    return readable_datetime(value)


class StatusKeywords(LibraryComponent):
    @keyword("Get User Status")
    def get_user_status(self, user_id: str | None = None) -> dict:
        """Returns the status of ``user_id`` (default: the session's user) as a dictionary.

        Keys are the ICWS ones: ``userId``, ``statusId``, ``notes``, ``forwardNumber``,
        ``until``, ``statusChanged``, ``onPhone``, ``onPhoneChanged``, ``stations``,
        ``icServers`` and ``loggedIn``. ``statusChanged``, ``onPhoneChanged`` and
        ``until.untilDateTime`` are timezone-aware ``datetime`` values in UTC.

        Example:
        | ${status} = | Get User Status | agent1 |
        | Should Be Equal | ${status}[statusId] | Available |
        | Log | Available since ${status}[statusChanged] |
        """
        user = self._user(user_id)
        status = parse_user_status(self.connected_session().status.user_status(user))
        self.info(
            f"Status of '{user}' is '{status.get('statusId')}' since "
            f"{_when(status.get('statusChanged'))}."
        )
        return status

    @keyword("User Status Should Be")
    def user_status_should_be(
        self, status: str, user_id: str | None = None, message: str | None = None
    ) -> None:
        """Fails unless the status of ``user_id`` (default: the session's user) is ``status``.

        Status ids are compared without regard to case, as ICWS does (``Do Not Disturb``
        matches ``Do Not disturb``). The failure shows the expected and actual status and
        when the status last changed.

        Examples:
        | User Status Should Be | Available, No ACD |
        | User Status Should Be | Available | user_id=agent1 |
        """
        user = self._user(user_id)
        session = self.connected_session()
        actual = session.status.user_status(user)
        actual_id = actual.get("statusId")
        self.fail_unless(
            same_status(actual_id, status),
            lambda: (
                f"Expected the status of '{user}' to be '{status}', but it is '{actual_id}' "
                f"(changed {_when(actual.get('statusChanged', 'at an unknown time'))})."
                + session.status.nearest_statuses(status)
            ),
            message,
        )
        self.info(f"Status of '{user}' is '{actual_id}'.")

    @keyword("Set User Status")
    def set_user_status(
        self,
        status: str,
        user_id: str | None = None,
        notes: str | None = None,
        forward_number: str | None = None,
        until: datetime | None = None,
        timeout: timedelta | None = None,
    ) -> None:
        """Sets the status of ``user_id`` (default: the session's user) and waits until done.

        ICWS applies a status change asynchronously; this keyword returns only when the
        server reports it complete, and fails with the server's reason when it refuses the
        change: an unknown status, one the user may not select, no right to change another
        user's status (403), or an unknown user (404).

        ``notes`` and ``forward_number`` go with the status. ``until`` (for statuses that
        can have a date, such as ``On Vacation``) is a date and time; a value without a
        timezone is local time. ``timeout`` bounds the wait for completion (default: the library's ``wait_timeout``).

        Examples:
        | Set User Status | Available |
        | Set User Status | Away from desk | notes=Back at 3 |
        | Set User Status | On Vacation | until=2026-12-24 09:00:00 |
        | Set User Status | Do Not disturb |
        """
        user = self._user(user_id)
        session = self.connected_session()
        session.status.set_user_status(
            user,
            status,
            notes=notes,
            forward_number=forward_number,
            until=until,
            timeout=self.ctx.get_timeout(timeout),
        )
        self.info(f"Status of '{user}' set to '{status}'.")

    @keyword("Get Status Messages")
    def get_status_messages(self) -> list:
        """Returns the server's status catalog: a list of status message dictionaries.

        Each has ``statusId``, ``messageText`` (in the session's language), ``groupTag``,
        ``iconUri`` and the flags ``isAcdStatus``, ``isDoNotDisturbStatus``,
        ``isSelectableStatus``, ``isPersistentStatus``, ``isForwardStatus``,
        ``isAfterCallWorkStatus``, ``isAllowFollowUpStatus``, ``canHaveDate``,
        ``canHaveTime``. Fetched once per session and cached.

        Example:
        | ${catalog} = | Get Status Messages |
        | ${ids} = | Evaluate | [s['statusId'] for s in $catalog] |
        | Should Contain | ${ids} | Available |
        """
        catalog = self.connected_session().status.catalog()
        self.info(f"{len(catalog)} status messages.")
        return [dict(item) for item in catalog]

    @keyword("Get Status Message")
    def get_status_message(self, status_id: str) -> dict:
        """Returns one status message of the catalog (see `Get Status Messages`).

        The status id is matched without regard to case; an unknown status fails, listing
        the statuses the server has.

        Example:
        | ${away} = | Get Status Message | Away from desk |
        | Should Be True | ${away}[isSelectableStatus] |
        """
        found = self._status_message(status_id)
        self.info(f"Status '{found['statusId']}': {found.get('messageText')!r}.")
        return dict(found)

    @keyword("Status Message Should Exist")
    def status_message_should_exist(self, status_id: str, message: str | None = None) -> None:
        """Fails unless the server's status catalog has ``status_id`` (any case).

        Example:
        | Status Message Should Exist | At Lunch |
        """
        self._status_message(status_id, message)
        self.info(f"Status '{status_id}' exists.")

    @keyword("Get Allowed Statuses")
    def get_allowed_statuses(self, user_id: str | None = None) -> list:
        """Returns the status ids that ``user_id`` (default: the session's user) may select.

        Example:
        | ${allowed} = | Get Allowed Statuses | agent1 |
        | Should Contain | ${allowed} | Available |
        """
        user = self._user(user_id)
        allowed = self.connected_session().status.allowed_statuses(user)
        self.info(f"'{user}' may select {len(allowed)} statuses.")
        return allowed

    @keyword("Status Should Be Selectable")
    def status_should_be_selectable(
        self, status: str, user_id: str | None = None, message: str | None = None
    ) -> None:
        """Fails unless ``user_id`` (default: the session's user) may select ``status``.

        Example:
        | Status Should Be Selectable | Follow Up | user_id=agent1 |
        """
        user = self._user(user_id)
        allowed = self.connected_session().status.allowed_statuses(user)
        self.fail_unless(
            any(same_status(item, status) for item in allowed),
            f"Expected '{user}' to be allowed to select status '{status}', but the allowed "
            f"statuses are: {', '.join(allowed) or 'none'}.",
            message,
        )
        self.info(f"'{user}' may select '{status}'.")

    @keyword("User Should Be Logged In")
    def user_should_be_logged_in(self, user_id: str | None = None, message: str | None = None):
        """Fails unless ``user_id`` (default: the session's user) is logged in to CIC.

        "Logged in" is the user status's ``loggedIn``: the user is logged on to a station.
        An ICWS session alone is not enough, so right after `Connect To ICWS` a user is not
        logged in until `Log On To Workstation` (or another station keyword).

        Example:
        | Log On To Workstation | 7001 |
        | User Should Be Logged In |
        """
        self._flag_should_be("loggedIn", True, "logged in", user_id, message)

    @keyword("User Should Not Be Logged In")
    def user_should_not_be_logged_in(self, user_id: str | None = None, message: str | None = None):
        """Fails if ``user_id`` is logged in to CIC.

        Example:
        | User Should Not Be Logged In | agent8 |
        """
        self._flag_should_be("loggedIn", False, "logged in", user_id, message)

    @keyword("User Should Be On Phone")
    def user_should_be_on_phone(self, user_id: str | None = None, message: str | None = None):
        """Fails unless ``user_id`` (default: the session's user) is on the phone.

        Example:
        | User Should Be On Phone | operator |
        """
        self._flag_should_be("onPhone", True, "on the phone", user_id, message)

    @keyword("User Should Not Be On Phone")
    def user_should_not_be_on_phone(self, user_id: str | None = None, message: str | None = None):
        """Fails if ``user_id`` (default: the session's user) is on the phone.

        Example:
        | User Should Not Be On Phone |
        """
        self._flag_should_be("onPhone", False, "on the phone", user_id, message)

    @keyword("User Status Notes Should Be")
    def user_status_notes_should_be(
        self, notes: str, user_id: str | None = None, message: str | None = None
    ):
        """Fails unless the notes of the status of ``user_id`` are exactly ``notes``.

        Example:
        | Set User Status | Away from desk | notes=Back at 3 |
        | User Status Notes Should Be | Back at 3 |
        """
        user = self._user(user_id)
        actual = self.connected_session().status.user_status(user).get("notes") or ""
        self.fail_unless(
            actual == notes,
            f"Expected the status notes of '{user}' to be {notes!r}, but they are {actual!r}.",
            message,
        )
        self.info(f"Status notes of '{user}' are {notes!r}.")

    def _flag_should_be(self, field, expected, what, user_id, message):
        user = self._user(user_id)
        status = self.connected_session().status.user_status(user)
        actual = bool(status.get(field))
        changed = status.get("onPhoneChanged") if field == "onPhone" else None
        why = ""
        if field == "loggedIn" and not actual:
            why = (
                " A user is logged in when logged on to a station, not by an ICWS session: "
                "use Log On To Workstation first."
            )
        self.fail_unless(
            actual is expected,
            lambda: (
                f"Expected '{user}' {'' if expected else 'not '}to be {what}, but "
                f"{'they are' if actual else 'they are not'}"
                + (f" (since {_when(changed)})" if changed else "")
                + "."
                + why
            ),
            message,
        )
        self.info(f"'{user}' is {'' if actual else 'not '}{what}.")

    def _user(self, user_id: str | None) -> str:
        return user_id or self.connected_session().user_id

    def _status_message(self, status_id: str, message: str | None = None) -> dict:
        session = self.connected_session()
        found = session.status.status_message(status_id)
        if found is None:
            known = [str(item.get("statusId")) for item in session.status.catalog()]
            listed = (
                f" Known statuses: {', '.join(known) or 'none'}."
                if len(known) <= 20
                else f" It has {len(known)} (Get Status Messages returns them)."
            )
            self.fail_unless(
                False,
                f"Status '{status_id}' is not in the status catalog of {session.address}."
                + session.status.nearest_statuses(status_id)
                + listed,
                message,
            )
        return found
