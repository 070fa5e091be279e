"""ICWS feature ``activations``: who is activated in which workgroup (CONTACT-CENTER 2.3)."""

from __future__ import annotations

from typing import Any, Protocol

from .address import path_segment
from .errors import ICWSError


class Caller(Protocol):
    user_id: str | None

    def call(self, method: str, path: str, body: Any = None) -> Any: ...


class ActivationAPI:
    def __init__(self, session: Caller):
        self._session = session

    def of_workgroup(self, workgroup: str) -> dict[str, bool]:
        """``{user id: activated}`` for every member of ``workgroup``."""
        answer = self._call("GET", f"/activations/workgroups/{path_segment(workgroup)}", None,
                            f"Reading the activations of workgroup {workgroup}")  # fmt: skip
        return _activations(answer, f"workgroup {workgroup}")

    def of_user(self, user_id: str) -> dict[str, bool]:
        """``{workgroup id: activated}`` for every workgroup ``user_id`` belongs to."""
        answer = self._call("GET", f"/activations/users/{path_segment(user_id)}", None,
                            f"Reading the activations of '{user_id}'")  # fmt: skip
        return _activations(answer, f"user {user_id}")

    def set(self, user_id: str, workgroup: str, activated: bool) -> dict[str, bool]:
        """Activate (or deactivate) ``user_id`` in ``workgroup``; the user's activations after."""
        body = {"activations": {workgroup: bool(activated)}}
        verb = "Activating" if activated else "Deactivating"
        answer = self._call("PUT", f"/activations/users/{path_segment(user_id)}", body,
                            f"{verb} '{user_id}' in workgroup {workgroup}")  # fmt: skip
        return _activations(answer, f"user {user_id}")

    def _call(self, method: str, path: str, body, what: str):
        try:
            return self._session.call(method, path, body)
        except ICWSError as error:
            raise error.in_context(f"{what} was refused") from None


def _activations(answer, whose: str) -> dict[str, bool]:
    activations = answer.get("activations") if isinstance(answer, dict) else None
    if not isinstance(activations, dict):
        raise ICWSError(f"The activations of {whose} came back as {answer!r:.200}.")
    return {str(key): bool(value) for key, value in activations.items()}
