"""Feature ``activations``: who is activated in which workgroup, and who hears of changes.

[doc] (activations 1, CONTACT-CENTER.md 2.3) ``userActivationSet {userId, activations}``
and ``workgroupActivationSet {workgroupId, activations}``; a PUT answers the new set.
[guess] Who may change what: a user their own activations, a workgroup's supervisors
anyone's in it.
"""

from __future__ import annotations

import re

from ...protocol.messages import USER_ACTIVATION
from ..contact import ContactCenter
from ..sessions import Session
from ..wire import (
    Request,
    Response,
    error_response,
    invalid_property,
    json_response,
    missing_property,
)
from .status import unknown_user


class ActivationResource:
    def __init__(self, contact: ContactCenter):
        self.contact = contact
        self.scenario = contact.scenario
        self.state = contact.state

    def routes(self) -> list:
        users = re.compile(r"^activations/users/([^/]+)$")
        workgroups = re.compile(r"^activations/workgroups/([^/]+)$")
        watch = re.compile(r"^messaging/subscriptions/activations/users/([^/]+)$")
        return [
            ("GET", users, self.get_user, True),
            ("PUT", users, self.put_user, True),
            ("GET", workgroups, self.get_workgroup, True),
            ("PUT", workgroups, self.put_workgroup, True),
            ("PUT", watch, self.watch_user, True),
            ("DELETE", watch, self.stop_watching, True),
        ]

    def _user_set(self, user) -> dict:
        return {"userId": user.id, "activations": self.contact.user_activations(user)}

    def _workgroup_set(self, workgroup) -> dict:
        activations = {}
        for member in workgroup.members:
            user = self.scenario.user(member)
            activations[user.id] = self.contact.is_activated(workgroup, user)
        return {"workgroupId": workgroup.id, "activations": activations}

    def _workgroup(self, workgroup_id: str):
        workgroup = self.scenario.workgroup(workgroup_id)
        if workgroup is None:
            return error_response(
                404, "error.request.notFound", f"The workgroup {workgroup_id} was not found."
            )
        return workgroup

    @staticmethod
    def _changes(request: Request) -> dict | Response:
        body = request.json()
        changes = body.get("activations") if isinstance(body, dict) else None
        if not isinstance(changes, dict) or not changes:
            return missing_property("activations")
        if not all(isinstance(on, bool) for on in changes.values()):
            return invalid_property("activations", "Each activation is true or false.")
        return changes

    def _refusal(self, session: Session, workgroup, user) -> Response | None:
        if user is session.user or workgroup.has_supervisor(session.user.id):
            return None
        return error_response(
            403,
            "error.request.accessDenied",
            f"The user {session.user.id} may not change activations of {user.id} in "
            f"{workgroup.id}.",
        )

    def _apply(self, session: Session, pairs) -> Response | None:
        """Check every (workgroup, user, on) first, then apply them all."""
        for workgroup, user, _ in pairs:
            if not workgroup.has_member(user.id):
                # [guess] status and errorId.
                return invalid_property(
                    "activations", f"{user.id} is not a member of workgroup {workgroup.id}."
                )
            refusal = self._refusal(session, workgroup, user)
            if refusal is not None:
                return refusal
        for workgroup, user, on in pairs:
            self.contact.set_activation(workgroup, user, on)
        return None

    def get_user(self, request: Request, session: Session, user_id: str) -> Response:
        user = self.scenario.user(user_id)
        if user is None:
            return unknown_user(user_id)
        return json_response(200, self._user_set(user))

    def put_user(self, request: Request, session: Session, user_id: str) -> Response:
        user = self.scenario.user(user_id)
        if user is None:
            return unknown_user(user_id, status=400)  # [doc] the PUT lists no 404
        changes = self._changes(request)
        if isinstance(changes, Response):
            return changes
        pairs = []
        for name, on in changes.items():
            workgroup = self.scenario.workgroup(name)
            if workgroup is None:
                return invalid_property("activations", f"There is no workgroup {name!r}.")
            pairs.append((workgroup, user, on))
        return self._apply(session, pairs) or json_response(200, self._user_set(user))

    def get_workgroup(self, request: Request, session: Session, workgroup_id: str) -> Response:
        workgroup = self._workgroup(workgroup_id)
        if isinstance(workgroup, Response):
            return workgroup
        return json_response(200, self._workgroup_set(workgroup))

    def put_workgroup(self, request: Request, session: Session, workgroup_id: str) -> Response:
        workgroup = self.scenario.workgroup(workgroup_id)
        if workgroup is None:
            return invalid_property("workgroupId", f"There is no workgroup {workgroup_id!r}.")
        changes = self._changes(request)
        if isinstance(changes, Response):
            return changes
        pairs = []
        for name, on in changes.items():
            user = self.scenario.user(name)
            if user is None:
                return unknown_user(name, status=400)
            pairs.append((workgroup, user, on))
        return self._apply(session, pairs) or json_response(200, self._workgroup_set(workgroup))

    def watch_user(self, request: Request, session: Session, subscription_id: str) -> Response:
        body = request.json()
        if not isinstance(body, dict) or not body.get("userId"):
            return missing_property("userId")
        user = self.scenario.user(str(body["userId"]))
        if user is None:
            return unknown_user(str(body["userId"]), status=400)
        names = body.get("workgroupIds")
        if not isinstance(names, list) or not names:
            return missing_property("workgroupIds")
        workgroups = [self.scenario.workgroup(str(name)) for name in names]
        if None in workgroups:
            unknown = [n for n, w in zip(names, workgroups, strict=True) if w is None]
            return invalid_property("workgroupIds", f"No such workgroups: {', '.join(unknown)}.")
        session.activation_watches[subscription_id] = (
            user.id.lower(),
            {w.id.lower() for w in workgroups},
        )
        # [guess] A new subscription starts with the current activations, as others do.
        self.state.deliver(
            session,
            {
                "__type": USER_ACTIVATION,
                "isDelta": False,
                "subscriptionId": subscription_id,
                "userId": user.id,
                "activationsChanged": {
                    w.id: self.contact.is_activated(w, user) for w in workgroups
                },
            },
        )
        return json_response(200)

    def stop_watching(self, request: Request, session: Session, subscription_id: str) -> Response:
        session.activation_watches.pop(subscription_id, None)
        return json_response(204)
