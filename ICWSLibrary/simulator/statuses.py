"""Users' statuses: what each user's status is, which they may choose, changing it, and
who hears of it. The rules of feature ``status``, apart from HTTP
(:mod:`.resources.status` speaks it); routing and stations read and change statuses here.
"""

from __future__ import annotations

from collections.abc import Callable

from ..protocol.messages import USER_STATUS_MESSAGE
from .scenario import User
from .sessions import Session
from .state import ServerState
from .wire import now_compact


class Statuses:
    def __init__(self, state: ServerState) -> None:
        self.state = state
        self.scenario = state.scenario
        self._change_hooks: list[Callable[[User], None]] = []
        # Lower-case user id -> the sessions subscribed to their status.
        self._watchers = state.watchers()

    def on_change(self, hook: Callable[[User], None]) -> None:
        """Call ``hook(user)`` after each change of a user's status, station or phone."""
        self._change_hooks.append(hook)

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

    def allowed(self, user: User) -> list[str]:
        if user.allowed_statuses is not None:
            return list(user.allowed_statuses)
        return [s["statusId"] for s in self.scenario.statuses if s["isSelectableStatus"]]

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

    # -- changing --------------------------------------------------------------------------

    def problem(self, user: User, status_id: str) -> tuple[str, str] | None:
        status = self.state.statuses.get(status_id.casefold())
        if status is None:
            return (
                "error.status.invalidStatus",
                f"The status {status_id} does not exist.",
            )  # [guess]
        allowed = {s.casefold() for s in self.allowed(user)}
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
        keeps_until = status is not None and bool(
            status.get("canHaveDate") or status.get("canHaveTime")
        )
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
        for session in self._watchers.of(user.id.lower()):
            self.state.deliver(
                session,
                {"__type": USER_STATUS_MESSAGE, "isDelta": True, "userStatusList": [dict(delta)]},
            )
        for hook in self._change_hooks:
            hook(user)
        return after

    # -- who hears -------------------------------------------------------------------------

    def watch(self, session: Session, user_ids: set[str]) -> None:
        """Start (or replace) the session's subscription to these users' statuses."""
        self.stop_watching(session)
        session.status_subscription = set(user_ids)
        for user_id in session.status_subscription:
            self._watchers.add(user_id, session)

    def stop_watching(self, session: Session) -> None:
        self._watchers.forget(session)
        session.status_subscription = None
