"""What every keyword component shares: the library context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from robot.api import logger

from ..client import ICWSError, ICWSSession
from .explain import simulator_explains, where_is

if TYPE_CHECKING:
    from ..library import ICWSLibrary


class LibraryComponent:
    """A group of keywords on one topic, sharing the library's sessions and settings."""

    def __init__(self, ctx: ICWSLibrary):
        self.ctx = ctx

    def session(self, alias: str | None = None) -> ICWSSession:
        """The session named by alias (or index), or the current one."""
        return self.ctx.get_session(alias)

    def connected_session(self, alias: str | None = None) -> ICWSSession:
        """Like :meth:`session`, but fails clearly when the session has ended."""
        session = self.session(alias)
        if not session.connected:
            raise ICWSError(
                f"ICWS session {session.session_id} of user '{session.user_id}' on "
                f"{session.address} is not connected ({session.ended_reason}). "
                "Use Connect To ICWS to start a new session."
            )
        return session

    def until_shown(self, interaction_id: str, done: str, shows, names=("Eic_State",)) -> None:
        """Return once the server shows the action's effect, as a CIC shows it some time
        after answering; fail after the library's ``wait_timeout`` saying where it is."""
        session = self.connected_session()
        seconds = self.ctx.get_timeout(None)
        shown = session.interactions.wait_until_shown(interaction_id, shows, names, timeout=seconds)
        if shown is not None:  # {} when the server deallocated it meanwhile
            self.info(f"Interaction {interaction_id} {done}.")
            return
        raise AssertionError(
            f"The server accepted the action, but interaction {interaction_id} still was not "
            f"{done.removeprefix('is ')} {seconds:g} s later."
            + where_is(session, interaction_id)
            + simulator_explains(session, interaction_id)
        )

    def show_timeline_on_failure(self) -> None:
        """Log the test's call flow before a contact-center wait fails (unless the library
        was imported with ``timeline_on_failure=False``)."""
        if getattr(self.ctx, "timeline_on_failure", False):
            logger.info(self.ctx.timeline_svg(), html=True)

    @staticmethod
    def info(message: str) -> None:
        logger.info(message)

    @staticmethod
    def fail_unless(condition: bool, message, custom: str | None = None) -> None:
        """Fail with ``custom`` if given, otherwise the built message, unless condition holds.

        ``message`` may be a function that builds it: assertions pass far more often than
        they fail, and a passing one should not pay for describing a failure.
        """
        if not condition:
            raise AssertionError(custom or (message() if callable(message) else message))
