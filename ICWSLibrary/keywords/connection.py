"""Logon, logoff, sessions and the connection state."""

from __future__ import annotations

from robot.api import logger
from robot.api.deco import keyword

from ..client import ConnectionState, ICWSError, ICWSSession
from ..protocol.names import counted
from .base import LibraryComponent

try:  # Robot Framework 7.4 and newer hide Secret values from every log.
    from robot.api.types import Secret

    Password = Secret | str
except ImportError:  # pragma: no cover - Robot Framework 7.0 to 7.3
    Secret = None
    Password = str


def reveal(password) -> str:
    """The plain text of a password given as a Robot ``Secret`` or a string."""
    if Secret is not None and isinstance(password, Secret):
        return password.value
    return str(password)


class ConnectionKeywords(LibraryComponent):
    @keyword("Connect To ICWS")
    def connect_to_icws(
        self,
        user: str,
        password: Password,
        server: str | None = None,
        alias: str | None = None,
    ) -> str:
        """Logs on to ICWS as ``user`` and returns the new session id.

        ``server`` is the ICWS server URL (``http://cic1:8018``, ``https://cic1:8019``, or a
        reverse-proxy URL such as ``https://web/api/cic1``); it defaults to the ``server``
        given when importing the library. ``password`` is best given as a Robot Framework
        ``Secret`` (Robot Framework 7.4 and newer) so that it never shows in any log; a plain
        string works too and is never logged by this library.

        When the server answers 503 with an ``alternateHostList`` (a switchover pair or an
        off-server session manager), the logon is posted to the listed hosts in order, with
        the same scheme and port, until one accepts it. The URL finally used is reported by
        `Get Session Info`.

        The new session becomes the current one. ``alias`` names it for `Switch ICWS Session`
        and `Disconnect`. Every session still open at the end of the suite is logged off.

        Fails with the server's error when the logon is refused, e.g. for a wrong password:
        ``Logon of user 'agent1' to http://cic1:8018 failed: HTTP 400 Bad Request (errorId
        'error.request.connection.authenticationFailure', ...): The authentication process
        failed.``

        Examples:
        | ${session} = | Connect To ICWS | kevin.glinski | ${PASSWORD} |
        | Connect To ICWS | agent1 | ${PASSWORD} | server=${SERVER} | alias=agent |
        """
        target = server or self.ctx.server
        if not target:
            raise ICWSError(
                "No ICWS server given: pass server=http://cic1:8018 to Connect To ICWS or "
                "import the library with server=..."
            )
        session = self.ctx.new_session(target)
        try:
            session.connect(user, reveal(password))
        except ICWSError:
            session.close()
            raise
        if alias:
            self._retire_alias(alias, session)
        self.ctx.sessions.retire_ended()
        index = self.ctx.sessions.register(session, alias)
        via = ""
        if session.address != session.initial_address:
            via = f" (switched over from {session.initial_address})"
        self.info(
            f"Connected to {session.address}{via} as '{session.user_id}' "
            f"({session.logon_info.get('userDisplayName', '')}): session {session.session_id}, "
            f"{'alias ' + repr(alias) if alias else 'index ' + str(index)}."
        )
        return session.session_id

    def _retire_alias(self, alias: str, replacement: ICWSSession) -> None:
        """An alias names one session: the one it named before is logged off, and said so."""
        previous = self.ctx.sessions.named(alias)
        if previous is None:
            return
        moved = (
            f"Alias '{alias}' named session {previous.session_id} of '{previous.user_id}'; it "
            f"now names session {replacement.session_id}"
        )
        if not previous.connected:
            self.info(f"{moved}; the old session had ended.")
            return
        try:
            previous.disconnect()
        except ICWSError as error:
            logger.warn(f"Could not log off session {previous.session_id}: {error}")
        logger.warn(f"{moved}, and the old session, still open, was logged off.")

    @keyword("Disconnect")
    def disconnect(self, alias: str | None = None) -> None:
        """Logs off the current session, or the one named by ``alias``.

        The session stays selected, so `Connection State Should Be Down` can check the
        result; other keywords on it fail until `Connect To ICWS` starts a new session.
        Disconnecting a session that the server already ended passes and says so.

        Examples:
        | Connect To ICWS | supervisor | ${PASSWORD} | alias=supervisor |
        | Disconnect | alias=supervisor |
        | Disconnect |
        """
        session = self.session(alias)
        if not session.connected:
            self.info(f"Session {session.session_id} was already disconnected.")
            return
        if session.disconnect():
            self.info(f"Logged off session {session.session_id} of '{session.user_id}'.")
        else:
            self.info(
                f"Session {session.session_id} of '{session.user_id}' had already been ended "
                "by the server."
            )

    @keyword("Disconnect All")
    def disconnect_all(self) -> None:
        """Logs off every session of this suite and forgets them all.

        Use it in a suite or test teardown. Sessions left open are logged off at the end of
        the suite anyway. After this, `Get Connection State` returns ``none``.

        Example:
        | [Teardown] | Disconnect All |
        """
        count, errors = self.ctx.log_off_all()
        self.info(f"Logged off {counted(count, 'session')}.")
        if errors:
            raise ICWSError("Some sessions could not be logged off: " + "; ".join(map(str, errors)))

    @keyword("Switch ICWS Session")
    def switch_icws_session(self, alias: str) -> str | None:
        """Makes the session named by ``alias`` (or its index) the current one.

        Returns the alias (or index) of the previously current session, so a test can switch
        back.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} | alias=agent |
        | Connect To ICWS | supervisor | ${PASSWORD} | alias=supervisor |
        | ${previous} = | Switch ICWS Session | agent |
        | User Status Should Be | Available |
        | Switch ICWS Session | ${previous} |
        """
        previous = self.ctx.sessions.current_alias
        session = self.session(alias)
        self.ctx.sessions.switch(session)
        self.info(f"Switched to session {session.session_id} of '{session.user_id}'.")
        return previous

    @keyword("Get Session Info")
    def get_session_info(self) -> dict:
        """Returns facts about the current session as a dictionary.

        Keys: ``sessionId``, ``userID``, ``userDisplayName``, ``icServer``, ``server`` (the URL
        finally used, after any switchover), ``initialServer`` (the URL first asked),
        ``alternateHostList``, ``connected`` (what this library last knew), and
        ``applicationName``. Nothing secret is included.

        Example:
        | ${info} = | Get Session Info |
        | Should Be Equal | ${info}[userDisplayName] | Kevin Glinski |
        """
        session = self.session()
        info = session.logon_info
        result = {
            "sessionId": session.session_id,
            "userID": session.user_id,
            "userDisplayName": info.get("userDisplayName"),
            "icServer": info.get("icServer"),
            "server": session.address.base_url,
            "initialServer": session.initial_address.base_url,
            "alternateHostList": list(info.get("alternateHostList") or []),
            "connected": session.connected,
            "applicationName": session.application_name,
        }
        self.info(
            f"Session {session.session_id} of '{session.user_id}' on {session.address}"
            f"{'' if session.connected else ' (disconnected)'}."
        )
        return result

    @keyword("Get Connection State")
    def get_connection_state(self) -> str:
        """Returns the state of the current session's connection: ``up``, ``down`` or ``none``.

        Asks the server (one request), which also knows sessions that were logged off or
        ended on the server side. Returns ``none`` without a request when there is no session.

        Example:
        | ${state} = | Get Connection State |
        | Should Be Equal | ${state} | up |
        """
        status = self.ctx.connection_status()
        self.info(f"Connection state: {status.describe()}.")
        return str(status.state)

    @keyword("Connection State Should Be Up")
    def connection_state_should_be_up(self, message: str | None = None) -> None:
        """Fails unless the server reports the current session's connection as up.

        The failure shows the state, the reason and ``shouldReconnect`` that the server gave.
        ``message`` replaces the default failure message.

        Example:
        | Connect To ICWS | kevin.glinski | ${PASSWORD} |
        | Connection State Should Be Up |
        """
        self._connection_state_should_be(ConnectionState.UP, message)

    @keyword("Connection State Should Be Down")
    def connection_state_should_be_down(self, message: str | None = None) -> None:
        """Fails unless the server reports the current session's connection as down.

        A session is down after `Disconnect`, and after the server ended it (an expired
        session, or the same user logging on elsewhere).

        Example:
        | Disconnect |
        | Connection State Should Be Down |
        """
        self._connection_state_should_be(ConnectionState.DOWN, message)

    def _connection_state_should_be(self, expected: ConnectionState, message: str | None):
        status = self.ctx.connection_status()
        session: ICWSSession | None = self.ctx.sessions.current or None
        who = (
            f"session {session.session_id} of '{session.user_id}' on {session.address}"
            if session
            else "the current session (there is none)"
        )
        self.fail_unless(
            status.state is expected,
            f"Expected the connection of {who} to be '{expected}', but it is {status.describe()}.",
            message,
        )
        self.info(f"Connection of {who} is {status.describe()}.")
