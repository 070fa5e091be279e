"""ICWS feature ``status``: user statuses, the status catalog, and watching statuses."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from ..protocol.dates import format_datetime, parse_datetime
from ..protocol.messages import ASYNC_COMPLETED, USER_STATUS_MESSAGE
from ..protocol.names import did_you_mean
from .address import path_segment
from .deadline import whole_wait
from .errors import ICWSError
from .messaging import good_entries

if TYPE_CHECKING:
    from .address import ServerAddress
    from .channel import MessageChannel
    from .configuration import ConfigurationAPI


class Caller(Protocol):
    """What the status feature needs of its session (an ``ICWSSession`` is one)."""

    address: ServerAddress

    configuration: ConfigurationAPI

    def call(self, method: str, path: str, body: Any = None) -> Any: ...
    def call_object(self, method: str, path: str, body: Any = None, *, what: str) -> dict: ...


DATETIME_FIELDS = ("statusChanged", "onPhoneChanged")


def same_status(first: str | None, second: str | None) -> bool:
    """ICWS compares status ids without regard to case ("Do Not disturb")."""
    return (first or "").casefold() == (second or "").casefold()


def parse_user_status(raw: dict) -> dict:
    """A user status body with its date-times turned into aware ``datetime`` values."""
    status = copy.deepcopy(raw)
    for field in DATETIME_FIELDS:
        if isinstance(status.get(field), str):
            status[field] = parse_datetime(status[field])
    until = status.get("until")
    if isinstance(until, dict) and isinstance(until.get("untilDateTime"), str):
        until["untilDateTime"] = parse_datetime(until["untilDateTime"])
    return status


def until_body(until: datetime, status: dict | None = None) -> dict:
    """The ``until`` object of a status change; naive datetimes are local time.

    [doc] ``until`` "will only be applied if CanHaveDate and CanHaveTime are true"; the
    flags follow the catalog entry of the status when it is known (On Vacation: a date).
    """
    if until.tzinfo is None:
        until = until.astimezone()
    has_date = bool(status.get("canHaveDate", True)) if status else True
    has_time = bool(status.get("canHaveTime", True)) if status else True
    return {"untilDateTime": format_datetime(until), "hasDate": has_date, "hasTime": has_time}


def _has_user_id(entry) -> bool:
    return isinstance(entry, dict) and bool(entry.get("userId"))


class StatusAPI:
    """User statuses of one session; the catalog is fetched once and cached.

    ``user_statuses`` is the view of the watched users, by lower-case user id: the
    snapshot that starts a subscription replaces it (``isDelta`` false), the deltas after
    it merge the fields they carry. It is emptied whenever the subscription changes, so a
    wait never passes on what an earlier subscription said.
    """

    def __init__(self, session: Caller, channel: MessageChannel):
        self._session = session
        self._catalog: list[dict] | None = None
        self.subscribed: list[str] = []
        self.user_statuses: dict[str, dict] = {}
        self.attach(channel)

    def attach(self, channel: MessageChannel) -> None:
        """Read statuses from this channel (a new one after a reconnect)."""
        self.channel = channel
        channel.on(USER_STATUS_MESSAGE, self._update_view)

    def _update_view(self, message: dict) -> None:
        snapshot = message.get("isDelta") is False
        statuses = {} if snapshot else dict(self.user_statuses)
        for status in good_entries(message, "userStatusList", _has_user_id):
            key = str(status["userId"]).lower()
            merged = {} if snapshot else dict(statuses.get(key, {}))
            merged.update(status)
            statuses[key] = merged
        self.user_statuses = statuses

    def user_status(self, user_id: str) -> dict:
        """The raw ``GET status/user-statuses/{userId}`` body."""
        try:
            return self._session.call_object(
                "GET", f"/status/user-statuses/{path_segment(user_id)}", what="a user status"
            )
        except ICWSError as error:
            raise self._unknown_user(error, user_id) from None

    def _unknown_user(self, error: ICWSError, user_id: str) -> ICWSError:
        """A 404 for a user names the nearest users the server lists; anything else as is."""
        if error.status != 404:
            return error
        return error.with_message(f"{error}{self._session.configuration.nearest('users', user_id)}")

    def set_user_status(
        self,
        user_id: str,
        status_id: str,
        *,
        notes: str | None = None,
        forward_number: str | None = None,
        until: datetime | None = None,
        timeout: float = 10.0,
    ) -> dict:
        """Change a status and return once the server has completed the change.

        ICWS answers the PUT with 202 and a ``requestId``; the outcome arrives later as an
        ``asyncOperationCompletedMessage`` on the session's messages. A refusal, immediate
        (400/403/404) or in that message, raises :class:`ICWSError` with the reason.
        """
        body: dict[str, Any] = {"statusId": status_id}
        if notes is not None:
            body["notes"] = notes
        if forward_number is not None:
            body["forwardNumber"] = forward_number
        if until is not None:
            body["until"] = until_body(until, self.status_message(status_id))
        path = f"/status/user-statuses/{path_segment(user_id)}"
        # [guess] A server may stream only what happens after the stream opens: open it
        # before the PUT, so the completion cannot be missed (FIDELITY-AUDIT C2).
        self.channel.start()
        try:
            answer = self._session.call("PUT", path, body)
        except ICWSError as error:
            if error.status not in (400, 404):
                raise
            # Refused at once rather than in the completion: said the same way.
            error = self._unknown_user(error, user_id)
            raise error.with_message(
                f"The server refused to set the status of '{user_id}' to '{status_id}': {error}"
                + self.nearest_statuses(status_id)
            ) from None
        answer = answer if isinstance(answer, dict) else {}
        request_id = answer.get("requestId")
        if request_id is None:
            # Servers that apply the change at once answer 200/204 without a request id.
            return {}
        completion = self.channel.wait_for(
            lambda message: (
                message.get("__type") == ASYNC_COMPLETED
                and str(message.get("requestId")) == str(request_id)
            ),
            timeout,
        )
        if completion is None:
            raise ICWSError(
                f"Status change of '{user_id}' to '{status_id}' on {self._session.address} was "
                f"accepted (request {request_id}) but not completed within {timeout:g} s."
            )
        error = completion.get("error")
        if error:
            error = error if isinstance(error, dict) else {"message": str(error)}
            raise ICWSError(
                f"The server refused to set the status of '{user_id}' to '{status_id}': "
                f"{error.get('message', error)}"
                + (f" (errorId '{error['errorId']}')" if error.get("errorId") else "")
                + "."
                + self.nearest_statuses(status_id),
                error_id=error.get("errorId"),
                error_code=error.get("errorCode"),
                server_message=error.get("message"),
            )
        return completion

    def catalog(self) -> list[dict]:
        """Every status message the server defines (cached for the session)."""
        if self._catalog is None:
            body = self._session.call_object(
                "GET", "/status/status-messages", what="the status catalog"
            )
            self._catalog = list(body.get("statusMessageList") or [])
        return self._catalog

    def status_message(self, status_id: str) -> dict | None:
        for message in self.catalog():
            if same_status(message.get("statusId"), status_id):
                return message
        return None

    def nearest_statuses(self, status_id: str) -> str:
        """`` Nearest known statuses: ...`` for a status the catalog lacks, else ""."""
        try:
            if self.status_message(status_id) is not None:
                return ""
            known = [str(item.get("statusId")) for item in self.catalog()]
        except ICWSError:  # a hint only: the refusal itself is what matters
            return ""
        return did_you_mean(status_id, known, "statuses")

    def allowed_statuses(self, user_id: str) -> list[str]:
        """The status ids that ``user_id`` may select."""
        path = f"/status/status-messages-user-access/{path_segment(user_id)}"
        body = self._session.call_object("GET", path, what="the statuses a user may select")
        return [str(item) for item in body.get("statusMessages") or []]

    def subscribe(self, user_ids: list[str]) -> list[str]:
        """Watch these users' statuses too; returns every user now watched.

        ICWS replaces a subscription with each PUT, so the new set is the old plus these;
        the server answers with a full snapshot of them, then deltas as they change.
        """
        known = {user.lower() for user in self.subscribed}
        wanted = self.subscribed + [u for u in user_ids if u.lower() not in known]
        self.channel.start()
        # The answer's snapshot rebuilds the view; until it comes, nothing old may count.
        self.user_statuses = {}
        self._session.call(
            "PUT", "/messaging/subscriptions/status/user-statuses", {"userIds": wanted}
        )
        self.subscribed = wanted
        return wanted

    def unsubscribe(self) -> None:
        self._session.call("DELETE", "/messaging/subscriptions/status/user-statuses")
        self.subscribed = []
        self.user_statuses = {}

    def wait_until_status(self, user_id: str, status_id: str, timeout: float) -> dict | None:
        """Watch ``user_id`` (subscribing as needed) until its status is ``status_id``.

        Returns the status as watched, or None at the timeout; reacts to the messages as
        they arrive, with no sleeps.
        """
        return self.wait_until_watched(
            user_id, lambda status: same_status(status.get("statusId"), status_id), timeout
        )

    @whole_wait(on_timeout=None)
    def wait_until_watched(self, user_id: str, check, timeout: float) -> dict | None:
        """Watch ``user_id`` (subscribing as needed) until ``check(status)`` holds.

        Returns the status as watched, or None at the timeout.
        """
        if not self.is_subscribed(user_id):
            self.subscribe([user_id])

        def reached() -> bool:
            current = self.user_statuses.get(user_id.lower())
            return current is not None and check(current)

        if self.channel.wait_until(reached, timeout):
            return self.user_statuses[user_id.lower()]
        return None

    def is_subscribed(self, user_id: str) -> bool:
        return user_id.lower() in {user.lower() for user in self.subscribed}
