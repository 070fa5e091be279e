"""The simulator's one error idiom: domain code raises, one place answers.

Rules anywhere in the simulator raise a :class:`SimulatorError` carrying what a server
answers (HTTP status, errorId, message, extra body fields); the router
(:meth:`ICWSModel._route <..model.ICWSModel>`) turns it into the answer, so no rule returns
responses as values for its callers to test. Test controls raise :class:`ControlError`,
which the Robot library turns into a failure.
"""

from __future__ import annotations

from typing import Any

from ..protocol.errors import INVALID_PROPERTY_ERROR, MISSING_PROPERTY_ERROR
from ..protocol.errors import NO_STATION_ERROR_ID as NO_STATION
from .wire import Response, error_response


class SimulatorError(Exception):
    """A request the server refuses, as it answers it."""

    def __init__(
        self, status: int, error_id: str, message: str, code: int | None = None, **extra: Any
    ) -> None:
        super().__init__(message)
        self.status, self.error_id, self.message = status, error_id, message
        self.code, self.extra = code, extra

    def response(self) -> Response:
        return error_response(self.status, self.error_id, self.message, self.code, **self.extra)


class MissingProperty(SimulatorError):
    def __init__(self, name: str, message: str | None = None) -> None:
        super().__init__(
            400,
            "error.request.invalidRepresentation.missingProperty",
            message or f"The required property {name} is missing.",
            __type=MISSING_PROPERTY_ERROR,
            propertyName=name,
        )


class InvalidProperty(SimulatorError):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(
            400,
            "error.request.invalidRepresentation.invalidProperty",
            message,
            __type=INVALID_PROPERTY_ERROR,
            propertyName=name,
        )


class InvalidRepresentation(SimulatorError):
    """A 400 that names no one property: a body that is not JSON, a bad query parameter,
    a subscription refused. [guess] The parent errorId of the property ones."""

    def __init__(self, message: str) -> None:
        super().__init__(400, "error.request.invalidRepresentation", message)


class NotFound(SimulatorError):
    def __init__(self, message: str) -> None:
        super().__init__(404, "error.request.notFound", message)


class Forbidden(SimulatorError):
    """[doc] 403 is listed for operations on what the user has no rights to; [guess] the
    errorId."""

    def __init__(self, message: str) -> None:
        super().__init__(403, "error.request.accessDenied", message)


class NoStation(SimulatorError):
    """[real] The errorId a server gives when the session has no (fitting) station."""

    def __init__(self, message: str) -> None:
        super().__init__(400, NO_STATION, message)


class InvalidState(SimulatorError):
    """An action the interaction's state (or its user) does not allow: the reason, which
    the resource completes with what was asked. [guess] status and errorId."""

    def __init__(self, reason: str) -> None:
        super().__init__(400, "error.interaction.invalidState", reason)
        self.reason = reason

    def of(self, action: str, interaction_id: str) -> InvalidState:
        refused = InvalidState(self.reason)
        refused.message = f"Cannot {action} interaction {interaction_id}: {self.reason}."
        return refused


class ControlError(KeyError):
    """A test control asked of something the simulator does not have or cannot do."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""
