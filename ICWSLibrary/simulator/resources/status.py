"""Feature ``status``: the status catalog, users' statuses, and their subscriptions."""

from __future__ import annotations

import re

from ...protocol.dates import parse_datetime
from ...protocol.messages import (
    ASYNC_COMPLETED,
    STATUS_MESSAGES_MESSAGE,
    USER_ACCESS_MESSAGE,
    USER_STATUS_MESSAGE,
)
from ..errors import InvalidProperty, MissingProperty, SimulatorError
from ..scenario import User
from ..sessions import Session
from ..state import ServerState
from ..statuses import Statuses
from ..wire import (
    Request,
    Response,
    json_response,
)

RIGHT_TO_SET_OTHERS_STATUS = "setOthersStatus"
SUBSCRIPTIONS = "messaging/subscriptions/status"


class StatusResource:
    """Feature ``status`` over HTTP; the rules are :class:`~..statuses.Statuses`."""

    def __init__(self, state: ServerState, statuses: Statuses):
        self.state = state
        self.scenario = state.scenario
        self.statuses = statuses

    def routes(self) -> list:
        routes = [
            ("GET", re.compile(r"^status/status-messages$"), self.catalog, True),
            ("GET", re.compile(r"^status/status-messages-user-access/([^/]+)$"), self.user_access, True),
            ("GET", re.compile(r"^status/user-statuses/([^/]+)$"), self.get_user_status, True),
            ("PUT", re.compile(r"^status/user-statuses/([^/]+)$"), self.put_user_status, True),
        ]  # fmt: skip
        subscriptions = {
            "user-statuses": (self.subscribe_user_statuses, self.unsubscribe_user_statuses),
            "status-messages": (self.subscribe_catalog, self.unsubscribe_catalog),
            "status-messages-user-access": (self.subscribe_user_access, self.unsubscribe_user_access),
        }  # fmt: skip
        for name, (start, stop) in subscriptions.items():
            pattern = re.compile(f"^{SUBSCRIPTIONS}/{name}$")
            routes += [("PUT", pattern, start, True), ("DELETE", pattern, stop, True)]
        return routes

    # -- reading ---------------------------------------------------------------------------

    def catalog(self, request: Request, session: Session) -> Response:
        statuses = [self.statuses.localized(s, session.language) for s in self.scenario.statuses]
        return json_response(200, {"statusMessageList": statuses})

    def user_access(self, request: Request, session: Session, user_id: str) -> Response:
        user = self.scenario.user(user_id)
        if user is None:
            raise unknown_user(user_id)
        return json_response(
            200, {"userId": user.id, "statusMessages": self.statuses.allowed(user)}
        )

    def get_user_status(self, request: Request, session: Session, user_id: str) -> Response:
        user = self.scenario.user(user_id)
        if user is None:
            raise unknown_user(user_id)
        return json_response(200, self.statuses.user_status(user))

    # -- changing --------------------------------------------------------------------------

    def put_user_status(self, request: Request, session: Session, user_id: str) -> Response:
        user = self.scenario.user(user_id)
        if user is None:
            # [doc] The PUT lists 202, 400, 403, 401, 410, 500: no 404 as for the GET.
            # [guess] The errorId of the GET's 404, with the documented 400.
            raise unknown_user(user_id, status=400)
        if user is not session.user and not session.user.may(RIGHT_TO_SET_OTHERS_STATUS):
            raise SimulatorError(
                403,
                "error.request.accessDenied",
                f"The user {session.user.id} does not have the right to change the status of {user.id}.",
            )
        body = request.json()
        if not isinstance(body, dict) or not isinstance(body.get("statusId"), str):
            raise MissingProperty("statusId")
        _check_until(body.get("until"))
        request_id = str(next(self.state.request_ids))
        completion = {"__type": ASYNC_COMPLETED, "isDelta": False, "requestId": request_id}
        problem = self.statuses.problem(user, body["statusId"])
        if problem and self.scenario.status_errors == "sync":
            raise SimulatorError(400, *problem)
        if problem:
            completion["error"] = {"errorId": problem[0], "message": problem[1]}
        else:
            self.statuses.apply_status(
                user,
                body["statusId"],
                body.get("notes"),
                body.get("forwardNumber"),
                body.get("until"),
            )
        self.state.deliver(session, completion)
        return json_response(202, {"requestId": request_id})

    # -- subscriptions ---------------------------------------------------------------------

    def _watched_users(self, request: Request) -> tuple[set[str], list[User]]:
        """The ``userIds`` of a subscription body (lower-cased) and their users, or the 400
        or 404 a real server gives (FIDELITY-AUDIT D13, D14)."""
        body = request.json()
        ids = body.get("userIds") if isinstance(body, dict) else None
        if not isinstance(ids, list) or not all(isinstance(item, str) for item in ids):
            raise MissingProperty("userIds")
        if not ids:
            # [doc] userIds is "List [1,*] ... Required".
            raise InvalidProperty("userIds", "The property userIds needs at least one user.")
        found = {item: self.scenario.user(item) for item in ids}
        users = [user for user in found.values() if user is not None]
        unknown = [item for item, user in found.items() if user is None]
        if unknown:
            # [doc] The SDK lists 404 for this PUT.
            raise unknown_user(", ".join(unknown))
        return {item.lower() for item in ids}, users

    def subscribe_user_statuses(self, request: Request, session: Session) -> Response:
        user_ids, users = self._watched_users(request)
        self.statuses.watch(session, user_ids)
        # A new or replaced subscription starts with a full snapshot (isDelta false).
        self.state.deliver(
            session,
            {
                "__type": USER_STATUS_MESSAGE,
                "isDelta": False,
                "userStatusList": [self.statuses.user_status(user) for user in users],
            },
        )
        return json_response(200)

    def unsubscribe_user_statuses(self, request: Request, session: Session) -> Response:
        self.statuses.stop_watching(session)
        return json_response(204)

    def subscribe_catalog(self, request: Request, session: Session) -> Response:
        session.catalog_subscription = True
        catalog = [self.statuses.localized(s, session.language) for s in self.scenario.statuses]
        # [doc] SDK StatusMessagesMessage: added and changed carry whole status messages,
        # removed only their ids; the first message adds the whole catalog.
        self.state.deliver(
            session,
            {
                "__type": STATUS_MESSAGES_MESSAGE,
                "isDelta": False,
                "statusMessagesAdded": catalog,
                "statusMessagesChanged": [],
                "statusMessagesRemoved": [],
            },
        )
        return json_response(200)

    def unsubscribe_catalog(self, request: Request, session: Session) -> Response:
        session.catalog_subscription = False
        return json_response(204)

    def subscribe_user_access(self, request: Request, session: Session) -> Response:
        session.access_subscription, users = self._watched_users(request)
        # [doc] SDK StatusMessagesUserAccessMessage: the first message adds every status.
        changes = [
            {
                "userId": u.id,
                "statusMessagesAdded": self.statuses.allowed(u),
                "statusMessagesRemoved": [],
            }
            for u in users
        ]
        self.state.deliver(
            session,
            {
                "__type": USER_ACCESS_MESSAGE,
                "isDelta": False,
                "statusMessagesUserAccessChanges": changes,
            },
        )
        return json_response(200)

    def unsubscribe_user_access(self, request: Request, session: Session) -> Response:
        session.access_subscription = None
        return json_response(204)


def _check_until(until) -> None:
    """[doc] until {untilDateTime (req), hasDate (req), hasTime (req)} (FIDELITY-AUDIT D17)."""
    if until is None:
        return None
    if not isinstance(until, dict):
        raise InvalidProperty("until", "until must be an object with untilDateTime.")
    for name in ("untilDateTime", "hasDate", "hasTime"):
        if name not in until:
            raise MissingProperty(f"until.{name}")
    try:
        parse_datetime(str(until["untilDateTime"]))
    except ValueError:
        raise InvalidProperty(
            "until.untilDateTime", f"{until['untilDateTime']!r} is not a date-time."
        ) from None
    if not isinstance(until["hasDate"], bool) or not isinstance(until["hasTime"], bool):
        raise InvalidProperty("until", "hasDate and hasTime must be true or false.")
    return None


def unknown_user(user_id: str, status: int = 404) -> SimulatorError:
    return SimulatorError(status, "error.request.notFound", f"The user {user_id} was not found.")
