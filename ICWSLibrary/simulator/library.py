"""Robot Framework keywords that start and control the ICWS simulator."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

from robot.api import logger
from robot.api.deco import keyword, library

from ..protocol.names import counted
from ..version import __version__
from .control import Controls
from .errors import ControlError
from .faults import FaultKind
from .server import ICWSSimulator


@contextmanager
def _refused_as_failure():
    """What the simulator refuses (a ControlError naming the unknown user, workgroup or
    interaction, or what a replay cannot do) fails the keyword with that text, as a test
    failure, not an error."""
    try:
        yield
    except ControlError as error:
        raise AssertionError(str(error)) from None


def _skill_levels(text: str) -> dict[str, int]:
    """``Hardware:50, English:40`` -> {"Hardware": 50, "English": 40}."""
    levels = {}
    for part in text.split(","):
        name, colon, level = part.strip().rpartition(":")
        if not colon or not name.strip() or not level.strip().isdigit():
            raise AssertionError(
                f"Skills are given as Skill:level pairs separated by commas, such as "
                f"'Hardware:50, English:40'; {part.strip()!r} is not one."
            )
        levels[name.strip()] = int(level)
    return levels


@library(scope="GLOBAL", version=__version__, doc_format="ROBOT")
class Simulator:
    """Starts and controls the bundled ICWS simulator, a stand-in for a CIC server.

    The library has global scope: the simulator that ``__init__.robot`` starts is the one
    that every child suite controls. Several simulators may run at once (a second one for
    a switchover scenario, say); the one started last is *current*, and ``alias`` names
    them. Every simulator still running when Robot Framework ends is stopped.

    | ``*** Settings ***``
    | Library    ICWSLibrary.Simulator
    | Library    ICWSLibrary
    |
    | ``*** Test Cases ***``
    | Server Ends The Session
    |     ${url}    Start ICWS Simulator
    |     Connect To ICWS    agent1    1234    server=${url}
    |     Simulator Disconnect Session    agent1
    |     Connection State Should Be Down
    |     [Teardown]    Stop ICWS Simulator

    A scenario file (JSON or TOML) sets the simulated server's users, statuses, features,
    version and hosts; the shipped ones are named (``switchover``, ``older-server``...): see the README.
    """

    def __init__(self):
        # Running simulators, oldest first; the last one is current.
        self._running: list[ICWSSimulator] = []
        self._aliases: dict[str, ICWSSimulator] = {}
        self.ROBOT_LIBRARY_LISTENER = self
        self.ROBOT_LISTENER_API_VERSION = 3

    @keyword("Start ICWS Simulator")
    def start_icws_simulator(
        self,
        scenario: str | None = None,
        port: int = 0,
        alias: str | None = None,
        replay: str | None = None,
        certfile: str | None = None,
        keyfile: str | None = None,
        console: bool = False,
    ) -> str:
        """Starts an ICWS simulator and returns its base URL, e.g. ``http://127.0.0.1:40123``.

        ``scenario`` is a JSON or TOML scenario file; without it the default scenario runs
        (user ``kevin.glinski``, ``agent1`` to ``agent8`` and ``supervisor``, all with
        password ``1234``). ``port`` 0 lets the system pick a free port. The new simulator
        becomes the current one.

        With ``replay``, the simulator serves a recording made with the library's
        ``record`` argument instead: the same suite then runs against what a real server
        answered. A request the recording lacks fails naming the nearest recorded one.

        With ``certfile`` (a PEM certificate) and ``keyfile`` (its private key), the
        simulator serves HTTPS, as real servers do on port 8019, and the URL starts with
        ``https://``; import ICWSLibrary with ``verify=`` the certificate (or its CA).

        With ``console=True``, a page for people at ``<url>/console`` shows the contact
        center live (agents, queues, interactions) and places calls and chats, hangs up
        callers and advances the clock: for exploring a desktop or connector by hand.

        Examples:
        | ${url} = | Start ICWS Simulator |
        | ${url} = | Start ICWS Simulator | switchover | alias=pair |
        | ${url} = | Start ICWS Simulator | certfile=${CERTFILE} | keyfile=${KEYFILE} |
        | ${url} = | Start ICWS Simulator | replay=${RECORDING} |
        | ${url} = | Start ICWS Simulator | console=True |
        """
        try:
            simulator = ICWSSimulator(
                scenario,
                port=port,
                replay=replay,
                certfile=certfile,
                keyfile=keyfile,
                console=console,
            )
        except ValueError as error:
            raise AssertionError(str(error)) from None
        url = simulator.start()
        self._running.append(simulator)
        if alias:
            self._aliases[alias.lower()] = simulator
        source = f"replaying {replay}" if replay else simulator.scenario.source
        logger.info(f"ICWS simulator listening on {url} ({source}).")
        return url

    @keyword("Stop ICWS Simulator")
    def stop_icws_simulator(self, alias: str | None = None) -> None:
        """Stops the current simulator, or the one named by ``alias``.

        The simulator started before it becomes current again, so a suite can start a
        second simulator for a while and then return to the one ``__init__.robot`` started.

        Example:
        | ${url} = | Start ICWS Simulator | switchover | alias=pair |
        | Stop ICWS Simulator | alias=pair |
        """
        simulator = self._find(alias)
        url = simulator.url if simulator.port else "a stopped simulator"
        simulator.stop()
        # The simulator started before it becomes current again.
        self._running = [running for running in self._running if running is not simulator]
        self._aliases = {name: sim for name, sim in self._aliases.items() if sim is not simulator}
        logger.info(f"Stopped the ICWS simulator at {url}.")

    @keyword("Reset ICWS Simulator")
    def reset_icws_simulator(self, alias: str | None = None) -> None:
        """Puts the current simulator (or the one named by ``alias``) back as its scenario
        started it, on the same URL.

        Every session ends (its event stream is told so, and its requests answer 401), and
        everything tests changed is forgotten: statuses, interactions and queues,
        activations, station logons, licences held, configuration writes, injected faults
        and scheduled events. A replaying simulator starts its recording again.

        Use it when tests share a simulator (one started in ``__init__.robot`` or a suite
        setup) and one test must not see what another left behind: a status, a call still
        ``Offering``. Put it in the ``Test Setup``, before `Connect To ICWS`: sessions
        opened before the reset have ended.

        Example:
        | Reset ICWS Simulator |
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | User Status Should Be | Available |
        """
        simulator = self._find(alias)
        simulator.reset()
        logger.info(f"Reset the ICWS simulator at {simulator.url} to its scenario.")

    @keyword("Stop All ICWS Simulators")
    def stop_all_icws_simulators(self) -> None:
        """Stops every simulator this library started.

        Example:
        | Suite Teardown | Stop All ICWS Simulators |
        """
        count = len(self._running)
        self._stop_all()
        logger.info(f"Stopped {counted(count, 'ICWS simulator')}.")

    @keyword("Get Simulator Sessions")
    def get_simulator_sessions(self) -> list:
        """Returns the live sessions of the current simulator as a list of dictionaries.

        Each has ``sessionId``, ``userID``, ``userDisplayName``, ``applicationName``,
        ``host``, ``language``, ``connectedSince``, ``station`` and ``queuedMessages``.

        Example:
        | ${sessions} = | Get Simulator Sessions |
        | Length Should Be | ${sessions} | 1 |
        """
        sessions = self._current().sessions()
        logger.info(f"{counted(len(sessions), 'live session')}.")
        return sessions

    @keyword("Get Simulator Requests")
    def get_simulator_requests(self, path_contains: str = "") -> list:
        """Returns the requests the current simulator answered lately, oldest first.

        Each is a dictionary with ``method``, ``path`` and ``status``; the simulator keeps
        the last 1,000. ``path_contains`` keeps those whose path contains it (any case),
        so a test can check what a keyword really sent. Headers and bodies are not kept:
        they hold secrets.

        Example:
        | User Status Should Be | Available, No ACD |
        | ${requests} = | Get Simulator Requests | /status/user-statuses/ |
        | Should Be Equal | ${requests}[-1][method] | GET |
        """
        seen = self._current().requests_seen(path_contains)
        logger.info(
            f"{counted(len(seen), 'request')} seen"
            + (f" on *{path_contains}*." if path_contains else ".")
        )
        return seen

    @keyword("Simulator Disconnect Session")
    def simulator_disconnect_session(
        self,
        user: str,
        reason: str = "Your session was ended by the server.",
        after: timedelta | None = None,
        should_reconnect: bool = False,
    ) -> int:
        """Ends every live session of ``user`` on the server side, as when the same user
        logs on elsewhere; returns how many sessions ended.

        Each session first gets a ``connectionStateChangeMessage`` with ``reason``; then
        its requests answer 401 and its connection state is ``down``. Fails when the user
        had no live session. With ``after``, returns at once and the server acts after that
        delay, so a test can wait for it to happen. ``should_reconnect`` is what the
        message and the connection state tell the client: true as after a server restart,
        false (default) as when the user logged on elsewhere.

        Examples:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Simulator Disconnect Session | agent1 | reason=Logged on from another station. |
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Simulator Disconnect Session | agent1 | reason=ICWS restarted. | after=0.5s | should_reconnect=True |
        | Wait Until Connection State Is | down |
        """
        simulator = self._current()
        controls = self._controls("end sessions")
        if after is not None:
            if not any(s["userID"].lower() == user.lower() for s in controls.sessions()):
                raise AssertionError(f"User '{user}' has no live session on the simulator.")
            simulator.later(
                after.total_seconds(),
                controls.disconnect_user,
                user,
                reason,
                should_reconnect,
                what=f"the sessions of {user} ended",
            )
            logger.info(f"The sessions of '{user}' end in {after.total_seconds():g} s: {reason}")
            return 0
        with _refused_as_failure():
            count = controls.disconnect_user(user, reason, should_reconnect)
        if not count:
            raise AssertionError(f"User '{user}' has no live session on the simulator.")
        logger.info(f"Ended {counted(count, 'session')} of '{user}': {reason}")
        return count

    @keyword("Simulator Set User Status")
    def simulator_set_user_status(
        self,
        user: str,
        status: str,
        notes: str | None = None,
        after: timedelta | None = None,
    ) -> None:
        """Changes the status of ``user`` on the server, as another client would.

        Subscribers get the change as a message. With ``after``, returns at once and the
        change happens after that delay.

        Examples:
        | Simulator Set User Status | agent1 | At Lunch |
        | Simulator Set User Status | agent1 | Available | after=1s |
        | Wait Until User Status Is | Available | user_id=agent1 |
        """
        controls = self._controls("change statuses")
        with _refused_as_failure():
            controls.check_status_change(user, status)
        if after is not None:
            self._current().later(after.total_seconds(), controls.set_user_status, user, status,
                                  notes, what=f"{user} went {status}")  # fmt: skip
            logger.info(f"Status of '{user}' becomes '{status}' in {after.total_seconds():g} s.")
            return
        controls.set_user_status(user, status, notes)
        logger.info(f"Status of '{user}' set to '{status}' on the simulator.")

    @keyword("Simulator Place Inbound Call")
    def simulator_place_inbound_call(
        self,
        workgroup: str,
        ani: str | None = None,
        name: str | None = None,
        skills: str | None = None,
    ) -> str:
        """A call from outside arrives in ``workgroup``'s queue; returns its interaction id.

        ``ani`` is the caller's number (``Eic_RemoteAddress``), ``name`` the caller's name
        (``Eic_RemoteName``). The call waits in the queue as ``Offering`` until ACD finds
        an eligible agent: a member, activated, in a status that takes ACD interactions,
        with the ACD license, not on another interaction, logged on to a station ready for
        calls. It then alerts that agent; unanswered, it goes back to the queue after the
        workgroup's alert timeout and the agent gets the no-answer status.

        ``skills`` are the skills the call requires, each with the least proficiency
        (0-100), as ``Hardware:50, English:40``: ACD offers it only to an agent with each
        of them at that level or higher (and with those the workgroup's scenario
        ``requiredSkills`` adds).

        Examples:
        | ${id} = | Simulator Place Inbound Call | Support | ani=3175550100 | name=Pat Caller |
        | ${id} = | Simulator Place Inbound Call | Support | skills=Hardware:50, English:40 |
        """
        needed = _skill_levels(skills) if skills else None
        with _refused_as_failure():
            interaction_id = self._controls("place calls").place_inbound_call(
                workgroup, ani or "", name or "", needed
            )
        logger.info(
            f"Inbound call {interaction_id} from {ani or 'an unknown number'} to {workgroup}"
            + (f", needing {skills}." if skills else ".")
        )
        return interaction_id

    @keyword("Simulator Place Inbound Chat")
    def simulator_place_inbound_chat(self, workgroup: str, name: str | None = None) -> str:
        """A visitor outside the server starts a chat with ``workgroup``; returns its id.

        ``name`` is the visitor's name (``Eic_RemoteName``). The chat waits in the queue
        until ACD offers it to an eligible agent whose station takes chats. The visitor
        writes with `Simulator Send Chat Message`.

        Example:
        | ${chat} = | Simulator Place Inbound Chat | Support | name=Pat Visitor |
        """
        with _refused_as_failure():
            interaction_id = self._controls("start chats").place_inbound_chat(workgroup, name or "")
        logger.info(f"Chat {interaction_id} from {name or 'a visitor'} to {workgroup}.")
        return interaction_id

    @keyword("Simulator Send Chat Message")
    def simulator_send_chat_message(
        self, interaction_id: str, text: str, name: str | None = None
    ) -> None:
        """The chat's remote party writes ``text``.

        That is the visitor of a chat from `Simulator Place Inbound Chat`; in any other
        chat, a party outside the server named ``name`` (default: ``Visitor``), who joins
        the chat's members on first writing.

        Example:
        | ${chat} = | Simulator Place Inbound Chat | Support | name=Pat Visitor |
        | Simulator Send Chat Message | ${chat} | Where is my order? |
        """
        with _refused_as_failure():
            self._controls("write to chats").write_chat(interaction_id, text, name)
        logger.info(f"The remote party wrote to chat {interaction_id}.")

    @keyword("Simulator Hang Up")
    def simulator_hang_up(self, interaction_id: str, after: timedelta | None = None) -> None:
        """The remote party hangs up: the interaction becomes ``Externally Disconnected``.

        With ``after``, returns at once and the party hangs up after that delay.

        Example:
        | ${id} = | Simulator Place Inbound Call | Support |
        | Simulator Hang Up | ${id} |
        """
        controls = self._controls("hang up calls")
        if interaction_id not in {i["interactionId"] for i in controls.interactions()}:
            raise AssertionError(f"The simulator has no interaction {interaction_id!r}.")
        if after is not None:
            self._current().later(after.total_seconds(), controls.hang_up, interaction_id,
                                  what=f"the remote party of {interaction_id} hung up")  # fmt: skip
            logger.info(
                f"The remote party of {interaction_id} hangs up in {after.total_seconds():g} s."
            )
            return
        controls.hang_up(interaction_id)
        logger.info(f"The remote party of {interaction_id} hung up.")

    @keyword("Simulator Answer")
    def simulator_answer(self, interaction_id: str) -> None:
        """The far party answers an outbound call ringing outside the server: the call
        is ``Connected`` (a number the scenario makes answer by itself need not wait).

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${call} = | Make Call | 3175550122 |
        | Wait Until Interaction State Is | ${call} | Connected |
        | Simulator Answer | ${call} |
        | Simulator Advance Time | 60s |
        | Interaction State Should Be | ${call} | Connected |
        """
        self._controls("answer calls").answer(interaction_id)
        logger.info(f"The far party of {interaction_id} answered.")

    @keyword("Get Simulator Voicemail Count")
    def get_simulator_voicemail_count(self, user_id: str) -> int:
        """Returns how many voice mail messages callers left for ``user_id``.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | ${before} = | Get Simulator Voicemail Count | agent1 |
        | Transfer To Voicemail | ${id} |
        | Simulator Advance Time | 15s |
        | ${after} = | Get Simulator Voicemail Count | agent1 |
        | Should Be Equal As Integers | ${after} | ${before + 1} |
        """
        count = self._controls("count voice mail").voicemail_count(user_id)
        logger.info(f"{user_id} has {count} voice mail message{'' if count == 1 else 's'}.")
        return count

    @keyword("Simulator Review Time Off Request")
    def simulator_review_time_off_request(
        self, request_id: str, approve: bool = True, reviewer: str = "supervisor"
    ) -> None:
        """A supervisor (``reviewer``, a user of the scenario) approves or denies a
        pending time-off request, as they would in Interaction Optimizer.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | ${first} | ${last} = | Get Schedule Dates Range |
        | ${id} = | Request Time Off | Sick | ${{$first + datetime.timedelta(days=8)}} |
        | Simulator Review Time Off Request | ${id} | approve=False |
        | Time Off Request Should Be | ${id} | Denied |
        """
        self._controls("review time off").review_time_off(request_id, approve, reviewer)
        logger.info(
            f"{reviewer} {'approved' if approve else 'denied'} time-off request {request_id}."
        )

    @keyword("Get Simulator Interactions")
    def get_simulator_interactions(self) -> list:
        """Returns every interaction on the simulator, as the server sees it.

        Each is a dictionary with ``interactionId``, ``state`` (the ``Eic_State`` letter),
        ``workgroup``, ``user`` (whose queues hold it), ``station``, ``digitsSent`` and all
        its ``attributes``.

        Example:
        | ${id} = | Simulator Place Inbound Call | Sales |
        | ${all} = | Get Simulator Interactions |
        | Should Be Equal | ${all}[0][workgroup] | Sales |
        """
        interactions = self._controls("list interactions").interactions()
        logger.info(f"The simulator has {counted(len(interactions), 'interaction')}.")
        return interactions

    @keyword("Simulator Set Agent Idle Time")
    def simulator_set_agent_idle_time(self, user: str, idle: timedelta) -> None:
        """Makes ``user`` idle for ``idle`` as of now, so a test arranges which agent ACD
        offers an interaction first without routing warm-up calls to each.

        ACD offers an interaction to the eligible agent idle longest. As on CIC, an agent's
        idle time restarts only when they finish an ACD interaction (or its after-call
        work); personal calls do not restart it.

        Example:
        | Simulator Set Agent Idle Time | agent2 | 10 min |
        | Simulator Set Agent Idle Time | agent1 | 1 min |
        | ${id} = | Simulator Place Inbound Call | Support |
        """
        seconds = idle.total_seconds()
        if seconds < 0:
            raise AssertionError(f"An idle time is 0 or more, not {idle}.")
        with _refused_as_failure():
            self._controls("set idle times").set_agent_idle(user, seconds)
        logger.info(f"'{user}' is idle for {seconds:g} s as of now.")

    @keyword("Simulator Explain Routing")
    def simulator_explain_routing(self, interaction_id: str) -> list:
        """Returns, and logs, where the interaction is, whom ACD offered it to, and why
        each member of its workgroup is or is not offered it now.

        The reasons, in the order ACD checks them: the workgroup is not active, not
        activated in the workgroup, in after-call work, a status that does not
        take ACD interactions, no ACD licence assigned, busy with another interaction, not
        logged on, logged on to no station, no ACD licence held (none was free in the pool
        at station logon), the station is not ready for interactions, the station does not
        take the interaction's media; then a skill the interaction requires that the agent
        lacks. A failing contact-center wait of
        ICWSLibrary adds the same lines to its failure.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | ${id} = | Simulator Place Inbound Call | Support |
        | ${why} = | Simulator Explain Routing | ${id} |
        | Should Contain | ${why} | agent1: logged on to no station. |
        """
        with _refused_as_failure():
            lines = self._controls("explain routing").explain_routing(interaction_id)
        logger.info("\n".join(lines))
        return lines

    @keyword("Simulator Advance Time")
    def simulator_advance_time(self, time: timedelta) -> None:
        """Runs at once what the simulator would do in the next ``time``: alert timeouts,
        far ends answering, disconnected interactions leaving their queues.

        Each event runs at its own time, so what it schedules within ``time`` runs as well
        (a call dialled, then answered two seconds later). The log lists what ran. Saves a
        test from sleeping through a 15-second alert timeout.

        Example:
        | ${id} = | Simulator Place Inbound Call | Support |
        | Simulator Advance Time | 15s |
        """
        ran = self._controls("advance time").advance_time(time.total_seconds())
        logger.info(
            f"Advanced the simulator's clock {time.total_seconds():g} s: "
            + ("; ".join(ran) if ran else "nothing was due")
            + "."
        )

    @keyword("Set Simulator Host Accepting")
    def set_simulator_host_accepting(self, address: str, accepting: bool) -> None:
        """Makes a host of the current simulator accept logons or refuse them with 503.

        Example:
        | Set Simulator Host Accepting | 127.0.0.1 | False |
        """
        with _refused_as_failure():
            self._current().set_host_accepting(address, accepting)
        logger.info(f"Host {address} {'accepts' if accepting else 'refuses'} logons.")

    @keyword("Simulator Inject Fault")
    def simulator_inject_fault(
        self,
        kind: FaultKind,
        count: int = 1,
        path: str = "",
        latency: timedelta = timedelta(seconds=1),
    ) -> None:
        """Makes the next ``count`` requests whose path contains ``path`` fail as ``kind``.

        Kinds: ``latency`` (answers after ``latency``), ``error`` (HTTP 500 with an ICWS
        error), ``drop`` (closes the connection without answering), ``truncated`` (half of
        the real JSON body), ``not-json`` (a plain-text body), ``empty`` (no body), ``html``
        (a proxy's 502 error page), ``kill-session`` (the server ends the session first).
        ``count`` 0 keeps the fault until `Simulator Clear Faults`; an empty ``path``
        matches every request.

        Examples:
        | Simulator Inject Fault | html | path=/status/ |
        | Simulator Inject Fault | latency | latency=2s |
        | Simulator Inject Fault | error | count=0 |
        """
        self._current().inject_fault(kind, count, path, latency.total_seconds())
        where = f" on paths with {path!r}" if path else ""
        times = "until cleared" if count == 0 else counted(count, "time")
        logger.info(f"Injecting '{kind.value}' {times}{where}.")

    @keyword("Simulator Clear Faults")
    def simulator_clear_faults(self) -> None:
        """Removes every fault still to inject.

        Example:
        | [Teardown] | Simulator Clear Faults |
        """
        self._current().clear_faults()
        logger.info("No faults to inject.")

    def _controls(self, what: str) -> Controls:
        """The controls of the current simulator, which must run a scenario: a replayed
        recording cannot ``what``, and the keyword fails saying so."""
        with _refused_as_failure():
            return self._current().control(what)

    def _current(self) -> ICWSSimulator:
        if not self._running:
            raise AssertionError("No ICWS simulator is running: use Start ICWS Simulator first.")
        return self._running[-1]

    def _find(self, alias: str | None) -> ICWSSimulator:
        if alias is None:
            return self._current()
        try:
            return self._aliases[alias.lower()]
        except KeyError:
            known = ", ".join(sorted(self._aliases)) or "none"
            raise AssertionError(
                f"No running ICWS simulator has alias '{alias}'. Known aliases: {known}."
            ) from None

    def _stop_all(self) -> None:
        for simulator in reversed(self._running):
            simulator.stop()
        self._running, self._aliases = [], {}

    def close(self) -> None:
        """Listener hook: Robot Framework is done with the library, stop what runs."""
        self._stop_all()
