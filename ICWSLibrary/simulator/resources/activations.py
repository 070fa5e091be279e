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
from ..errors import InvalidProperty, MissingProperty, SimulatorError
from ..scenario import Workgroup
from ..sessions import Session
from ..wire import (
    Request,
    Response,
    json_response,
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
            if user is not None:
                activations[user.id] = self.contact.is_activated(workgroup, user)
        return {"workgroupId": workgroup.id, "activations": activations}

    def _workgroup(self, workgroup_id: str) -> Workgroup:
        workgroup = self.scenario.workgroup(workgroup_id)
        if workgroup is None:
            raise SimulatorError(
                404, "error.request.notFound", f"The workgroup {workgroup_id} was not found."
            )
        return workgroup

    @staticmethod
    def _changes(request: Request) -> dict:
        body = request.json()
        changes = body.get("activations") if isinstance(body, dict) else None
        if not isinstance(changes, dict) or not changes:
            raise MissingProperty("activations")
        if not all(isinstance(on, bool) for on in changes.values()):
            raise InvalidProperty("activations", "Each activation is true or false.")
        return changes

    def _check_may_change(self, session: Session, workgroup, user) -> None:
        if user is session.user or workgroup.has_supervisor(session.user.id):
            return
        raise SimulatorError(
            403,
            "error.request.accessDenied",
            f"The user {session.user.id} may not change activations of {user.id} in "
            f"{workgroup.id}.",
        )

    def _apply(self, session: Session, pairs) -> None:
        """Check every (workgroup, user, on) first, then apply them all."""
        for workgroup, user, _ in pairs:
            if not workgroup.has_member(user.id):
                # [guess] status and errorId.
                raise InvalidProperty(
                    "activations", f"{user.id} is not a member of workgroup {workgroup.id}."
                )
            self._check_may_change(session, workgroup, user)
        for workgroup, user, on in pairs:
            self.contact.set_activation(workgroup, user, on)
        return None

    def get_user(self, request: Request, session: Session, user_id: str) -> Response:
        user = self.scenario.user(user_id)
        if user is None:
            raise unknown_user(user_id)
        return json_response(200, self._user_set(user))

    def put_user(self, request: Request, session: Session, user_id: str) -> Response:
        user = self.scenario.user(user_id)
        if user is None:
            raise unknown_user(user_id, status=400)  # [doc] the PUT lists no 404
        changes = self._changes(request)
        pairs = []
        for name, on in changes.items():
            workgroup = self.scenario.workgroup(name)
            if workgroup is None:
                raise InvalidProperty("activations", f"There is no workgroup {name!r}.")
            pairs.append((workgroup, user, on))
        self._apply(session, pairs)
        return json_response(200, self._user_set(user))

    def get_workgroup(self, request: Request, session: Session, workgroup_id: str) -> Response:
        workgroup = self._workgroup(workgroup_id)
        return json_response(200, self._workgroup_set(workgroup))

    def put_workgroup(self, request: Request, session: Session, workgroup_id: str) -> Response:
        workgroup = self.scenario.workgroup(workgroup_id)
        if workgroup is None:
            raise InvalidProperty("workgroupId", f"There is no workgroup {workgroup_id!r}.")
        changes = self._changes(request)
        pairs = []
        for name, on in changes.items():
            user = self.scenario.user(name)
            if user is None:
                raise unknown_user(name, status=400)
            pairs.append((workgroup, user, on))
        self._apply(session, pairs)
        return json_response(200, self._workgroup_set(workgroup))

    def watch_user(self, request: Request, session: Session, subscription_id: str) -> Response:
        body = request.json()
        if not isinstance(body, dict) or not body.get("userId"):
            raise MissingProperty("userId")
        user = self.scenario.user(str(body["userId"]))
        if user is None:
            raise unknown_user(str(body["userId"]), status=400)
        names = body.get("workgroupIds")
        if not isinstance(names, list) or not names:
            raise MissingProperty("workgroupIds")
        found = {str(name): self.scenario.workgroup(str(name)) for name in names}
        workgroups = [w for w in found.values() if w is not None]
        unknown = [name for name, w in found.items() if w is None]
        if unknown:
            raise InvalidProperty("workgroupIds", f"No such workgroups: {', '.join(unknown)}.")
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
