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
from ..scenario import User
from ..sessions import Session
from ..state import ServerState
from ..wire import (
    Request,
    Response,
    error_response,
    invalid_property,
    json_response,
    missing_property,
    now_compact,
)

RIGHT_TO_SET_OTHERS_STATUS = "setOthersStatus"
SUBSCRIPTIONS = "messaging/subscriptions/status"


class StatusResource:
    def __init__(self, state: ServerState):
        self.state = state
        self.scenario = state.scenario
        self._change_hooks: list = []
        # Lower-case user id -> the sessions subscribed to their status, by session id.
        self._watchers: dict[str, dict[str, Session]] = {}
        state.on_session_end(lambda session, _station: self._stop_watching(session))

    def on_change(self, hook) -> None:
        """Call ``hook(user)`` after each change of a user's status, station or phone."""
        self._change_hooks.append(hook)

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

    def localized(self, status: dict, language: str) -> dict:
        result = dict(status)
        text = status.get("messageText")
        if isinstance(text, dict):
            result["messageText"] = (
                text.get(language)
                or text.get(language.split("-")[0])
                or text.get("en-us")
                or status["statusId"]
            )
        return result

    def catalog(self, request: Request, session: Session) -> Response:
        statuses = [self.localized(s, session.language) for s in self.scenario.statuses]
        return json_response(200, {"statusMessageList": statuses})

    def allowed_statuses(self, user: User) -> list[str]:
        if user.allowed_statuses is not None:
            return list(user.allowed_statuses)
        return [s["statusId"] for s in self.scenario.statuses if s["isSelectableStatus"]]

    def user_access(self, request: Request, session: Session, user_id: str) -> Response:
        user = self.scenario.user(user_id)
        if user is None:
            return unknown_user(user_id)
        return json_response(
            200, {"userId": user.id, "statusMessages": self.allowed_statuses(user)}
        )

    def user_status(self, user: User) -> dict:
        state = self.state.user_status[user.id.lower()]
        stations = [
            s.station["id"]
            for s in self.state.sessions.of_user(user.id)
            if s.station and s.station.get("id")
        ]
        body = {"userId": user.id, "statusId": state["statusId"]}
        if state["notes"]:
            body["notes"] = state["notes"]
        if state.get("forwardNumber"):
            body["forwardNumber"] = state["forwardNumber"]
        if state.get("until"):
            body["until"] = state["until"]
        body.update(
            statusChanged=state["statusChanged"],
            # [real] recorded/user-status-message.json: [] with a station logged on.
            icServers=[],
            stations=stations,
            loggedIn=bool(stations),
            onPhone=state["onPhone"],
            onPhoneChanged=state["onPhoneChanged"],
        )
        return body

    def get_user_status(self, request: Request, session: Session, user_id: str) -> Response:
        user = self.scenario.user(user_id)
        if user is None:
            return unknown_user(user_id)
        return json_response(200, self.user_status(user))

    # -- changing --------------------------------------------------------------------------

    def put_user_status(self, request: Request, session: Session, user_id: str) -> Response:
        user = self.scenario.user(user_id)
        if user is None:
            # [doc] The PUT lists 202, 400, 403, 401, 410, 500: no 404 as for the GET.
            # [guess] The errorId of the GET's 404, with the documented 400.
            return unknown_user(user_id, status=400)
        if user is not session.user and not session.user.may(RIGHT_TO_SET_OTHERS_STATUS):
            return error_response(
                403,
                "error.request.accessDenied",
                f"The user {session.user.id} does not have the right to change the status of {user.id}.",
            )
        body = request.json()
        if not isinstance(body, dict) or not isinstance(body.get("statusId"), str):
            return missing_property("statusId")
        until_problem = _until_problem(body.get("until"))
        if until_problem is not None:
            return until_problem
        request_id = str(next(self.state.request_ids))
        completion = {"__type": ASYNC_COMPLETED, "isDelta": False, "requestId": request_id}
        problem = self.status_problem(user, body["statusId"])
        if problem and self.scenario.status_errors == "sync":
            return error_response(400, *problem)
        if problem:
            completion["error"] = {"errorId": problem[0], "message": problem[1]}
        else:
            self.apply_status(
                user,
                body["statusId"],
                body.get("notes"),
                body.get("forwardNumber"),
                body.get("until"),
            )
        self.state.deliver(session, completion)
        return json_response(202, {"requestId": request_id})

    def status_problem(self, user: User, status_id: str) -> tuple[str, str] | None:
        status = self.state.statuses.get(status_id.casefold())
        if status is None:
            return (
                "error.status.invalidStatus",
                f"The status {status_id} does not exist.",
            )  # [guess]
        allowed = {s.casefold() for s in self.allowed_statuses(user)}
        if not status["isSelectableStatus"] or status_id.casefold() not in allowed:
            return (
                "error.status.notSelectable",  # [guess]
                f"The status {status['statusId']} cannot be selected by {user.id}.",
            )
        return None

    def apply_status(self, user, status_id, notes=None, forward_number=None, until=None) -> dict:
        """Change a user's status (as any client would) and tell its watchers."""
        before = self.user_status(user)
        status = self.state.statuses.get(status_id.casefold())
        state = self.state.user_status[user.id.lower()]
        state["statusId"] = status["statusId"] if status else status_id
        state["notes"] = notes or ""
        state["forwardNumber"] = forward_number
        # [doc] until "will only be applied if CanHaveDate and CanHaveTime are true".
        keeps_until = bool(status) and (status.get("canHaveDate") or status.get("canHaveTime"))
        state["until"] = until if keeps_until else None
        state["statusChanged"] = now_compact()
        return self.tell_watchers(user, before, always=("statusChanged",))

    def tell_watchers(self, user: User, before: dict, always: tuple[str, ...] = ()) -> dict:
        """Send the user's watchers a delta of what changed since ``before``.

        [doc] "When [isDelta is] true ... optional properties that have not changed may
        be omitted": a delta carries the user id, the status id and what changed
        (FIDELITY-AUDIT D12). [guess] statusChanged goes with every status change.
        """
        after = self.user_status(user)
        delta = {"userId": after["userId"], "statusId": after["statusId"]}
        delta.update({key: after[key] for key in always if key in after})
        for key in set(before) | set(after):
            if key not in delta and before.get(key) != after.get(key):
                delta[key] = after.get(key)
        for session in list(self._watchers.get(user.id.lower(), {}).values()):
            self.state.deliver(
                session,
                {"__type": USER_STATUS_MESSAGE, "isDelta": True, "userStatusList": [dict(delta)]},
            )
        for hook in self._change_hooks:
            hook(user)
        return after

    # -- subscriptions ---------------------------------------------------------------------

    def _watched_users(self, request: Request) -> tuple[set[str], list[User]] | Response:
        """The ``userIds`` of a subscription body (lower-cased) and their users, or the 400
        or 404 a real server gives (FIDELITY-AUDIT D13, D14)."""
        body = request.json()
        ids = body.get("userIds") if isinstance(body, dict) else None
        if not isinstance(ids, list) or not all(isinstance(item, str) for item in ids):
            return missing_property("userIds")
        if not ids:
            # [doc] userIds is "List [1,*] ... Required".
            return invalid_property("userIds", "The property userIds needs at least one user.")
        users = [self.scenario.user(item) for item in ids]
        unknown = [item for item, user in zip(ids, users, strict=True) if user is None]
        if unknown:
            # [doc] The SDK lists 404 for this PUT.
            return unknown_user(", ".join(unknown))
        return {item.lower() for item in ids}, users

    def subscribe_user_statuses(self, request: Request, session: Session) -> Response:
        watched = self._watched_users(request)
        if isinstance(watched, Response):
            return watched
        self._stop_watching(session)
        session.status_subscription, users = watched
        for user_id in session.status_subscription:
            self._watchers.setdefault(user_id, {})[session.id] = session
        # A new or replaced subscription starts with a full snapshot (isDelta false).
        self.state.deliver(
            session,
            {
                "__type": USER_STATUS_MESSAGE,
                "isDelta": False,
                "userStatusList": [self.user_status(user) for user in users],
            },
        )
        return json_response(200)

    def unsubscribe_user_statuses(self, request: Request, session: Session) -> Response:
        self._stop_watching(session)
        return json_response(204)

    def _stop_watching(self, session: Session) -> None:
        for user_id in session.status_subscription or ():
            watchers = self._watchers.get(user_id, {})
            watchers.pop(session.id, None)
            if not watchers:
                self._watchers.pop(user_id, None)
        session.status_subscription = None

    def subscribe_catalog(self, request: Request, session: Session) -> Response:
        session.catalog_subscription = True
        catalog = [self.localized(s, session.language) for s in self.scenario.statuses]
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
        watched = self._watched_users(request)
        if isinstance(watched, Response):
            return watched
        session.access_subscription, users = watched
        # [doc] SDK StatusMessagesUserAccessMessage: the first message adds every status.
        changes = [
            {
                "userId": u.id,
                "statusMessagesAdded": self.allowed_statuses(u),
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


def _until_problem(until) -> Response | None:
    """[doc] until {untilDateTime (req), hasDate (req), hasTime (req)} (FIDELITY-AUDIT D17)."""
    if until is None:
        return None
    if not isinstance(until, dict):
        return invalid_property("until", "until must be an object with untilDateTime.")
    for name in ("untilDateTime", "hasDate", "hasTime"):
        if name not in until:
            return missing_property(f"until.{name}")
    try:
        parse_datetime(str(until["untilDateTime"]))
    except ValueError:
        return invalid_property(
            "until.untilDateTime", f"{until['untilDateTime']!r} is not a date-time."
        )
    if not isinstance(until["hasDate"], bool) or not isinstance(until["hasTime"], bool):
        return invalid_property("until", "hasDate and hasTime must be true or false.")
    return None


def unknown_user(user_id: str, status: int = 404) -> Response:
    return error_response(status, "error.request.notFound", f"The user {user_id} was not found.")
