"""The one exception type of the ICWS client and library."""

from __future__ import annotations


class ICWSError(Exception):
    """An ICWS request failed, or the server could not be reached.

    Carries what the server said, so a test can assert on it and a report reader
    can see at once what was expected, what came back and from where:

    - ``status``: the HTTP status, ``None`` for transport errors;
    - ``error_id``, ``error_code``, ``server_message``: the ICWS error body fields;
    - ``method`` and ``url``: the request that failed.
    """

    # Robot Framework shows only the message, not "ICWSError: ...".
    ROBOT_SUPPRESS_NAME = True

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        error_id: str | None = None,
        error_code: int | None = None,
        server_message: str | None = None,
        method: str | None = None,
        url: str | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.error_id = error_id
        self.error_code = error_code
        self.server_message = server_message
        self.method = method
        self.url = url

    @property
    def message(self) -> str:
        return str(self)

    @property
    def session_lost(self) -> bool:
        """True when the server no longer accepts this session (HTTP 401)."""
        return self.status == 401
