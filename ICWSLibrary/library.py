"""The ICWSLibrary keyword library: components bound to one shared context."""

from __future__ import annotations

import contextlib
import os
import time
from datetime import timedelta

from robot.api import logger
from robot.libraries.BuiltIn import BuiltIn, RobotNotRunningError

from .client import ConnectionState, ConnectionStatus, ICWSError, ICWSSession
from .client.channel import DEFAULT_POLL_INTERVAL, MessagingMode
from .client.transport import parse_timeout, parse_verify
from .keywords import (
    CallbackKeywords,
    ChatKeywords,
    ConfigurationKeywords,
    ConnectionKeywords,
    DirectoryKeywords,
    GenericKeywords,
    InteractionKeywords,
    LicenseKeywords,
    LogonKeywords,
    MessagingKeywords,
    QueueKeywords,
    RecordingKeywords,
    ServerKeywords,
    StationKeywords,
    StatisticsKeywords,
    StatusKeywords,
    SupervisionKeywords,
    TimelineKeywords,
    TransferKeywords,
    WorkforceKeywords,
    WorkgroupKeywords,
)
from .keywords.cache import SessionCache
from .protocol.names import counted
from .timeline import Timeline
from .version import __version__

# Seconds a waiting keyword waits when neither it nor the import says otherwise.
DEFAULT_WAIT_TIMEOUT = 10.0


class ICWSLibrary:
    """ICWSLibrary tests Genesys CIC / PureConnect servers through ICWS, their web-services API.

    It logs on to ICWS, keeps the session's credentials, and offers keywords to check the
    connection, the server's features and version, and to call any ICWS operation. It comes
    with an ICWS simulator (library `ICWSLibrary.Simulator`, command ``icws-simulator``) so
    suites run without a CIC server, and the same suites run against a real one.

    %TOC%

    = Sessions and aliases =

    `Connect To ICWS` logs on and makes the new session the *current* one; every other
    keyword works on the current session. Several sessions may be open at once (an agent and
    a supervisor, say): name them with ``alias=`` and move between them with
    `Switch ICWS Session`. Sessions belong to the suite that imported the library; each one
    still open when the suite ends is logged off, also when tests failed, so no session (and
    no CIC license) is left behind. `Disconnect` and `Disconnect All` log off earlier.

    | ``*** Settings ***``
    | Library    ICWSLibrary    server=http://cic1:8018
    |
    | ``*** Test Cases ***``
    | Agent Is Available
    |     Connect To ICWS    agent1    ${PASSWORD}    alias=agent
    |     Connection State Should Be Up
    |     Feature Version Should Be At Least    messaging    2
    |     [Teardown]    Disconnect

    = Interactions and queues =

    Interactions (calls, generic objects) are named by the id the server gives them. Keywords
    that create one return it; the others take it. States are the ``Eic_State`` letters or
    their names: ``Offering`` (waiting in a queue), ``Alerting``, ``Connected``, ``Held``,
    ``System`` and ``Proceeding`` (an outbound call dialing), ``Internally Disconnected``
    (hung up here) and ``Externally Disconnected`` (hung up by the other party); ``Disconnected``
    matches both. Waits react to the server's queue, interaction and alerting messages.

    | Connect To ICWS    agent1    ${PASSWORD}
    | Log On To Workstation    7001    media=call, generic
    | ${id}    Create Generic Interaction    Support    remote_name=Web form
    | ${alerting}    Wait For Alerting Interaction
    | Pick Up Interaction    ${alerting}
    | Wait Until Interaction State Is    ${alerting}    Connected
    | Transfer Interaction    ${alerting}    workgroup:Sales

    = Configuration and wrap-up =

    Configuration objects (users, workgroups, stations, skills, roles, wrap-up codes, ...)
    are named by their ICWS type and id, as in ``/configuration/workgroups/Support``. Reads
    use the ``view`` right unless ``rights_filter=admin`` is given: the server's own default,
    ``admin``, refuses agent accounts. After-call work is a status (``Follow Up`` in the
    usual catalog), so the status keywords wait for it.

    | Configuration Object Should Exist    workgroups    Support
    | User Should Be Member Of Workgroup    Support    user_id=agent1
    | User Should Have Skill    English    min_proficiency=50    user_id=agent1
    | Configuration Property Should Be    workgroups    Sales    wrapUpStatus    Follow Up
    | ${codes}    Get Workgroup Wrap-Up Codes    Sales
    | Assign Wrap-Up Code    ${interaction}    Sale

    = Statistics, chats and callbacks =

    Statistics are named by their ids, such as ``inin.workgroup:InteractionsWaiting``, and
    the parameters they take: ``workgroup``, ``interval`` (``CurrentShift``) for counters
    over a period, ``user_id`` for agent statistics. The session watches each statistic it
    is asked about, so `Wait Until Statistic Is` reacts as the server tells new values: a
    suite waits for an agent to become available, or a queue to empty, without sleeping.
    Chats and callbacks are interactions: ACD routes them like calls, to agents whose station
    takes ``chat`` or ``callback`` media.

    | Wait Until Statistic Is    AgentsLoggedIn    1    workgroup=Support
    | ${waiting}    Get Interactions Waiting In Workgroup    Support
    | ${chat}    Create Chat    Support
    | Send Chat Message    ${chat}    Hello
    | ${reply}    Wait For Chat Message    ${chat}    contains=help
    | ${callback}    Create Callback    3175550100    Support    Billing question
    | Set Callback Disposition    ${callback}    Success

    = Transfers, recording and the directory =

    A consult transfer holds the caller while the agent speaks to a third party, then joins
    them (`Complete Consult Transfer`) or drops the consult call (`Cancel Consult
    Transfer`); the keywords that follow `Consult Transfer` name the original interaction.
    `Conference Interactions` joins the agent's calls; `Park Interaction` and `Transfer To
    Voicemail` are the fallbacks. A supervisor may `Listen To Interaction`, `Coach
    Interaction` or `Join Interaction` on an agent's call. Recording keywords prove a call
    is recorded and that a secure pause keeps card details out; `Find In Directory` and
    `Get Sessions Of User` show who is there and where. `Log Contact Center Timeline` draws the test's call flow.

    | ${consult}    Consult Transfer    ${call}    agent2
    | Speak To Both Parties    ${call}
    | Complete Consult Transfer    ${call}
    | Interaction Should Be Recorded    ${call}
    | Secure Pause Recording    ${call}    duration=30s
    | ${entries}    Find In Directory    Smith
    | Log Contact Center Timeline

    = Routing failures =

    A contact-center wait that times out (`Wait For Alerting Interaction`, `Wait Until
    Interaction State Is`, `Wait Until Interaction Appears In Queue`) says where the
    interaction is: its state, its workgroup queue, whose queue holds it. Against the
    embedded simulator it also lists whom ACD offered it to and, for each member of the
    workgroup, why they were not offered it: the workgroup is not active, not activated, in after-call work, a status that does not take ACD interactions, no
    ACD licence, busy with another interaction, not logged on, logged on to no station,
    the station not ready or not taking the interaction's media. A report reader tells a
    routing fault from a setup fault without rerunning the test.
    ``Simulator Explain Routing`` (library ``ICWSLibrary.Simulator``) returns the same lines.

    | Interaction 1000000001 was not Connected within 5 s. Interaction 1000000001 is
    | Offering in workgroup Support's queue.
    | The simulator's routing:
    | - Interaction 1000000001 is Offering in workgroup Support's queue; ACD offered it to nobody yet.
    | - agent1: status 'At Lunch' does not take ACD interactions.
    | - agent2: not logged on.

    = Names to use =

    Statistics the simulator computes, with the parameters each takes and the type of its
    value; a real server has many more (its statistic catalog lists them). A statistic the
    server does not know fails naming the nearest of these.

    | =Statistic= | =Parameters= | =Value= |
    | ``inin.workgroup:TotalAgents`` | ``workgroup`` | count |
    | ``inin.workgroup:AgentsLoggedIn`` | ``workgroup`` | count |
    | ``inin.workgroup:AgentsLoggedInAndActivated`` | ``workgroup`` | count |
    | ``inin.workgroup:NumberAvailableForACDInteractions`` | ``workgroup`` | count |
    | ``inin.workgroup:NotAvailable`` | ``workgroup`` | count |
    | ``inin.workgroup:PercentAvailable`` | ``workgroup`` | percent |
    | ``inin.workgroup:InteractionsWaiting`` | ``workgroup`` | count |
    | ``inin.workgroup:InteractionsConnected`` | ``workgroup`` | count |
    | ``inin.workgroup:InteractionsOnHold`` | ``workgroup`` | count |
    | ``inin.workgroup:LongestAvailable`` | ``workgroup`` | elapsed |
    | ``inin.workgroup:LongestWaitTime`` | ``workgroup`` | elapsed |
    | ``inin.workgroup:LongestOnHoldTime`` | ``workgroup`` | elapsed |
    | ``inin.workgroup:LongestInboundACDInteraction`` | ``workgroup`` | elapsed |
    | ``inin.workgroup:LongestOutboundACDInteraction`` | ``workgroup`` | elapsed |
    | ``inin.workgroup:OnInboundACDInteractions`` | ``workgroup`` | count |
    | ``inin.workgroup:InteractionsEntered`` | ``workgroup``, ``interval`` | count |
    | ``inin.workgroup:InteractionsAnswered`` | ``workgroup``, ``interval`` | count |
    | ``inin.workgroup:InteractionsAbandoned`` | ``workgroup``, ``interval`` | count |
    | ``inin.workgroup:InteractionsCompleted`` | ``workgroup``, ``interval`` | count |
    | ``inin.workgroup:AverageWaitTime`` | ``workgroup``, ``interval`` | duration |
    | ``inin.workgroup:AverageTalkTime`` | ``workgroup``, ``interval`` | duration |
    | ``inin.workgroup:AverageHoldTime`` | ``workgroup``, ``interval`` | duration |
    | ``inin.agent:InteractionsEntered`` | ``workgroup``, ``user_id``, ``interval`` | count |
    | ``inin.agent:InteractionsAnswered`` | ``workgroup``, ``user_id``, ``interval`` | count |
    | ``inin.agent:AverageTalkTime`` | ``workgroup``, ``user_id``, ``interval`` | duration |
    | ``inin.agent:AverageHoldTime`` | ``workgroup``, ``user_id``, ``interval`` | duration |
    | ``inin.agent:LongestTalkTime`` | ``workgroup``, ``user_id``, ``interval`` | duration |
    | ``inin.agent:NonACDInteractions`` | ``workgroup``, ``user_id``, ``interval`` | count |

    An *elapsed* value is told by the server as the moment it began and read as how long
    ago that was (a ``timedelta``): how long the longest-available member has been
    available, how long the oldest waiting interaction has waited, how long the longest
    hold or ACD interaction now going on has lasted. Talk time is time connected, not on
    hold; averages count the ACD interactions finished through the workgroup.

    Interaction attributes the keywords read and queue watches ask for (any other name
    works with `Get Interaction Attribute`): ``Eic_State``, ``Eic_CallStateString``,
    ``Eic_RemoteAddress``, ``Eic_RemoteName``, ``Eic_CallDirection``, ``Eic_CallType``,
    ``Eic_ObjectType``, ``Eic_WorkgroupName``, ``Eic_UserName``,
    ``Eic_WrapupConnectionSegments``.

    Message types `Wait For Message` and `Get Messages` take, in full or by their last
    part (``userStatusMessage``): ``urn:inin.com:status:userStatusMessage``,
    ``urn:inin.com:status:statusMessagesMessage``,
    ``urn:inin.com:status:statusMessagesUserAccessMessage``,
    ``urn:inin.com:messaging:asyncOperationCompletedMessage``,
    ``urn:inin.com:connection:connectionStateChangeMessage``,
    ``urn:inin.com:connection:stationConnectionStateChangeMessage``,
    ``urn:inin.com:licenses:licenseMessage``, ``urn:inin.com:queues:queueContentsMessage``,
    ``urn:inin.com:interactions:interactionChangedMessage``,
    ``urn:inin.com:interactions:interactionDeallocatedMessage``,
    ``urn:inin.com:interactions:interactionAlertingMessage``,
    ``urn:inin.com:activations:userActivationMessage``,
    ``urn:inin.com:statistics:statisticValueMessage``,
    ``urn:inin.com:statistics:statisticCatalogMessage``,
    ``urn:inin.com:interactions.chat:chatContentsMessage``,
    ``urn:inin.com:interactions.chat:chatMembersMessage``,
    ``urn:inin.com:interactions.callback:callbackMessage``,
    ``urn:inin.com:interactions:consultMessage``.

    = Errors =

    A failing keyword says what was expected, what came back and from where: the request,
    the server, the HTTP status and the ICWS ``errorId``, ``errorCode`` and ``message``. For
    example ``GET /icws/1234567/status/user-statuses/nobody on http://cic1:8018 answered HTTP
    404 Not Found (errorId 'error.request.notFound'): ...; expected 2xx.``

    - A session that expired or was ended by the server (HTTP 401) fails the next keyword
      with a message saying so; use `Connect To ICWS` again.
    - A server that cannot be reached fails with the server URL and the timeout.
    - An HTML page or malformed JSON (a proxy error page, say) fails with what arrived.
    - Assertion keywords (``... Should Be ...``) accept ``message=`` to replace the default
      failure message.
    - A ``Wait ...`` keyword's ``timeout`` bounds all it does: setting up the watch and
      reading before and after included, however slowly the server answers. Saying why it
      failed (where the interaction is, the transcript) may take up to one second more.

    In Python, every failure of the client is an ``ICWSLibrary.client.ICWSError`` carrying
    ``status``, ``error_id``, ``error_code``, ``server_message``, ``method`` and ``url``.

    = Secrets =

    Passwords, CSRF tokens and session cookies never appear in this library's log messages,
    at any level. Give passwords as Robot Framework ``Secret`` values (Robot Framework 7.4 and
    newer) so that Robot itself never logs them either.

    = Recording and replay =

    With ``record=PATH`` (or the variable or environment variable ``ICWS_RECORD``), every
    ICWS exchange of the suite's sessions, and every message they receive, is written to one
    JSON file. Passwords, CSRF tokens, cookies and auth tokens never reach it: they become
    stable placeholders such as ``{{csrfToken:1}}``; session ids and the server's address are
    templated too. ``scrub`` names more fields to keep out. The simulator replays such a file
    (``icws-simulator --replay PATH``, or `Start ICWS Simulator` with ``replay=PATH`` from the
    ``ICWSLibrary.Simulator`` library), so a suite recorded once against a CIC lab server runs
    in CI without it.

    | ``*** Settings ***``
    | Library    ICWSLibrary    server=https://cic-lab:8019    record=${CURDIR}/lab.json    scrub=notes

    = Logging =

    Each keyword logs one line at INFO. Requests and responses are logged at DEBUG with their
    secrets masked: run ``robot --loglevel DEBUG`` to see them.
    """

    ROBOT_LIBRARY_SCOPE = "SUITE"
    ROBOT_LIBRARY_VERSION = __version__
    ROBOT_LIBRARY_DOC_FORMAT = "ROBOT"
    ROBOT_LISTENER_API_VERSION = 3

    def __init__(
        self,
        server: str | None = None,
        language: str = "en-us",
        application_name: str = "Robot Framework",
        timeout: timedelta = timedelta(seconds=10),
        verify: str | bool = True,
        messaging: MessagingMode = MessagingMode.AUTO,
        record: str | None = None,
        scrub: list[str] | None = None,
        connect_timeout: timedelta | None = None,
        auto_reconnect: bool = False,
        poll_interval: timedelta = timedelta(seconds=DEFAULT_POLL_INTERVAL),
        wait_timeout: timedelta = timedelta(seconds=DEFAULT_WAIT_TIMEOUT),
        timeline_on_failure: bool = True,
    ):
        """Settings given here apply to every session the suite opens.

        - ``server``: the ICWS server URL, e.g. ``http://cic1:8018`` or ``https://cic1:8019``.
          It may instead be given to each `Connect To ICWS`.
        - ``language``: the ``Accept-Language`` of the sessions; localized texts such as
          status messages and disconnect reasons follow it.
        - ``application_name``: the name the sessions show on the CIC server.
        - ``timeout``: how long the server may take to answer one request, in Robot time
          format (``10s``, ``1 min``).
        - ``connect_timeout``: how long connecting may take (default: ``timeout``). A GET
          whose connection fails is retried twice; other requests are never retried.
        - ``auto_reconnect``: when the server has ended a session (HTTP 401), log on again
          once with the same credentials and repeat the request, instead of failing.
        - ``verify``: TLS certificate verification: ``True`` (default), ``False``, or the path
          of a CA bundle file or folder. Text works as well, so ``--variable
          ICWS_VERIFY:false`` does what it says: ``true``/``false``/``yes``/``no`` (any case)
          are booleans, anything else must be an existing file or folder.
        - ``messaging``: how sessions receive ICWS messages: ``auto`` (default) streams them
          as server-sent events when the server's ``messaging`` feature is 2 or later and
          polls otherwise; ``sse`` or ``polling`` force one way.
        - ``wait_timeout``: how long the ``Wait ...`` keywords and status changes wait when
          they are given no ``timeout`` (default ``10 s``).
        - ``poll_interval``: when polling, how often a waiting keyword asks for messages
          (default ``0.1 s``). Sessions poll only while a keyword waits.
        - ``record``: a file to record every ICWS exchange of the suite's sessions into, for
          replay with ``icws-simulator --replay``. Without it, the variable ``${ICWS_RECORD}``
          or the environment variable ``ICWS_RECORD`` turns recording on. Passwords, CSRF
          tokens, cookies and auth tokens never reach the file. See `Recording and replay`.
        - ``scrub``: more JSON fields to keep out of recordings, e.g. ``notes, forwardNumber``.
        - ``timeline_on_failure``: a failing contact-center wait (`Wait For Alerting
          Interaction`, `Wait Until Interaction State Is`, `Wait Until Interaction Appears
          In Queue`, `Wait Until User Status Is`) logs the picture of the test's call flow
          (see `Log Contact Center Timeline`); ``False`` turns that off.

        Examples:
        | Library | ICWSLibrary | server=http://cic1:8018 |
        | Library | ICWSLibrary | server=https://cic1:8019 | verify=${CURDIR}/ca.pem | language=de-de |
        """
        self.server = server or None
        self.language = language
        self.application_name = application_name
        # Checked here, so a wrong setting fails the import, not every keyword after it.
        self.timeout = parse_timeout(timeout)
        self.connect_timeout = (
            None if connect_timeout is None else parse_timeout(connect_timeout, "connect_timeout")
        )
        self.poll_interval = parse_timeout(poll_interval, "poll_interval")
        self.wait_timeout = parse_timeout(wait_timeout, "wait_timeout")
        self.auto_reconnect = auto_reconnect
        self.verify = parse_verify(verify)
        self.messaging = messaging
        self.recorder = _recorder(record, scrub or [])
        self.sessions = SessionCache()
        self.timeline = Timeline()
        self.timeline_on_failure = timeline_on_failure
        self._server_probe: ICWSSession | None = None
        self._keywords = {}
        for component in (
            ConnectionKeywords(self),
            ServerKeywords(self),
            StatusKeywords(self),
            MessagingKeywords(self),
            StationKeywords(self),
            LicenseKeywords(self),
            InteractionKeywords(self),
            TransferKeywords(self),
            SupervisionKeywords(self),
            RecordingKeywords(self),
            DirectoryKeywords(self),
            LogonKeywords(self),
            WorkforceKeywords(self),
            TimelineKeywords(self),
            QueueKeywords(self),
            WorkgroupKeywords(self),
            ConfigurationKeywords(self),
            StatisticsKeywords(self),
            ChatKeywords(self),
            CallbackKeywords(self),
            GenericKeywords(self),
        ):
            for name in dir(type(component)):
                member = getattr(component, name)
                if hasattr(member, "robot_name"):
                    self._keywords[name] = member
        # The library listens to itself so that it can log off at the end of the suite.
        self.ROBOT_LIBRARY_LISTENER = self

    # -- hybrid library API ----------------------------------------------------------------

    def get_keyword_names(self) -> list[str]:
        return sorted(self._keywords)

    def __getattr__(self, name: str):
        keywords = self.__dict__.get("_keywords", {})
        if name in keywords:
            return keywords[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    # -- context shared by the keyword components ------------------------------------------

    def new_session(self, server: str) -> ICWSSession:
        session = ICWSSession(
            server,
            language=self.language,
            application_name=self.application_name,
            timeout=self.timeout,
            verify=self.verify,
            messaging=self.messaging,
            connect_timeout=self.connect_timeout,
            auto_reconnect=self.auto_reconnect,
            poll_interval=self.poll_interval,
        )
        session.recorder = self.recorder
        session.observers.append(
            lambda heard, messages: self.timeline.heard(heard.user_id or "", messages)
        )
        return session

    def get_session(self, alias: str | None = None) -> ICWSSession:
        return self.sessions.get(alias)

    def get_timeout(self, timeout: timedelta | None = None) -> float:
        """Seconds a keyword waits: its own ``timeout``, else the library's ``wait_timeout``."""
        return self.wait_timeout if timeout is None else parse_timeout(timeout)

    def connection_status(self) -> ConnectionStatus:
        if not self.sessions:
            return ConnectionStatus(ConnectionState.NONE)
        return self.sessions.current.connection_state()

    def server_source(self) -> ICWSSession:
        """What answers session-less questions: the current session, else the server."""
        if self.sessions:
            return self.sessions.current
        if not self.server:
            raise ICWSError(
                "No ICWS session and no server: use Connect To ICWS first, or import the "
                "library with server=http://cic1:8018."
            )
        if self._server_probe is None:
            self._server_probe = self.new_session(self.server)
        return self._server_probe

    def log_off_all(self) -> tuple[int, list[ICWSError]]:
        count, errors = 0, []
        for session in self.sessions:
            try:
                if session.disconnect():
                    count += 1
            except ICWSError as error:
                errors.append(error)
            finally:
                session.close()
        self.sessions.empty_cache()
        return count, errors

    # -- listener ----------------------------------------------------------------------------

    def start_test(self, data, result) -> None:
        """Listener: note when the test starts (see :meth:`end_test`); the timeline starts
        anew."""
        self._test_started = time.monotonic()
        self.timeline.reset()

    def timeline_svg(self, since: float | None = None) -> str:
        """The test's call flow as an inline SVG, every text masked as the sessions mask
        their secrets."""
        masks = [s.secrets.mask for s in list(self.sessions) if getattr(s, "secrets", None)]

        def mask(text: str) -> str:
            for one in masks:
                text = one(text)
            return text

        return self.timeline.svg(since, mask)

    def end_test(self, data, result) -> None:
        """Listener: stop watching the statistics no keyword of the test read, so that a
        value read once does not make the server recompute it for the rest of the suite
        (a read in a later test watches it again)."""
        started = getattr(self, "_test_started", None)
        if started is None:
            return
        for session in list(self.sessions):
            if not getattr(session, "connected", False):
                continue
            try:
                dropped = session.statistics.forget_unread_since(started)
            except ICWSError as error:
                logger.debug(f"Could not stop watching unread statistics: {error}")
                continue
            if dropped:
                logger.debug(f"Stopped watching {counted(dropped, 'statistic')} no test reads.")

    def end_suite(self, data, result) -> None:
        """Listener: save the recording when a suite ends. One that cannot be saved fails
        the suite's tests, as a failing suite teardown does: a run whose recording is lost
        must not pass."""
        if self.recorder is None:
            return
        try:
            self.recorder.save()
        except OSError as error:
            problem = (
                f"ICWSLibrary could not save the recording {self.recorder.path}: "
                f"{error.strerror or error}."
            )
            logger.error(problem)
            for test in result.all_tests:
                test.status = "FAIL"
                test.message = f"{test.message}\n\n{problem}" if test.message else problem

    def close(self) -> None:
        """Called by Robot Framework when the suite ends: log off what is still open."""
        open_sessions = [session for session in self.sessions if session.connected]
        _, errors = self.log_off_all()
        if open_sessions:
            logger.info(
                f"ICWSLibrary logged off {counted(len(open_sessions), 'session')} left open at the end "
                "of the suite."
            )
        for error in errors:
            if error.status is None:
                # Nothing answered: a server stopped on purpose (a simulator the suite
                # stopped) or gone; either way nothing is left to clean up from here, and
                # CIC ends idle sessions itself.
                logger.info(
                    f"ICWSLibrary could not reach the server to log off a session at the end "
                    f"of the suite (the server ends it when idle): {error}"
                )
            else:
                logger.warn(
                    f"ICWSLibrary could not log off a session at the end of the suite: {error}"
                )
        if self._server_probe is not None:
            self._server_probe.close()
        if self.recorder is not None:
            # Exchanges made after end_suite (the logoffs above) go in too; a failure to
            # save was already reported there.
            with contextlib.suppress(OSError):
                self.recorder.save()


def _recorder(record: str | None, scrub: list[str]):
    if not record:
        try:
            record = BuiltIn().get_variable_value("${ICWS_RECORD}")
        except RobotNotRunningError:
            record = None
        record = record or os.environ.get("ICWS_RECORD")
    if not record:
        return None
    from .recording import Recorder  # only suites that record pay for it

    fields = [field.strip() for item in scrub for field in str(item).split(",") if field.strip()]
    try:
        return Recorder.for_path(record, fields)
    except ValueError as error:
        raise ICWSError(str(error)) from None
