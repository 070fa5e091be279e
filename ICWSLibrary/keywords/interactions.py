"""Interactions: create calls and generic objects, read and assert their state, act on them."""

from __future__ import annotations

from datetime import timedelta

from robot.api.deco import keyword

from ..client.interactions import (
    attribute_value,
    capability_bit,
    capability_names,
    state_letters,
    state_name,
)
from .base import LibraryComponent
from .explain import simulator_explains, where_is


class InteractionKeywords(LibraryComponent):
    @keyword("Make Call")
    def make_call(self, target: str, workgroup: str | None = None, notes: str | None = None) -> str:
        """Calls ``target`` from the session's station and returns the interaction id.

        ``target`` is a number, a user's extension or a workgroup's. ``workgroup`` places
        the call on behalf of that workgroup; ``notes`` go with it. Fails clearly when the
        session has no station: use `Log On To Workstation` first.

        The call starts in state ``System`` (``Eic_CallStateString`` ``Initializing``,
        then ``Dialing``). As on CIC, it is then ``Connected`` at once, unless the user has
        call analysis on: then it is ``Proceeding`` until the far end answers. A busy or
        unanswered far end ends it ``Externally Disconnected``.

        Example:
        | Log On To Workstation | 7001 |
        | ${call} = | Make Call | 3175550100 |
        | Wait Until Interaction State Is | ${call} | Connected |
        """
        interaction_id = self.connected_session().interactions.make_call(target, workgroup, notes)
        self.info(f"Called {target}: interaction {interaction_id}.")
        return interaction_id

    @keyword("Create Generic Interaction")
    def create_generic_interaction(
        self, workgroup: str, remote_name: str | None = None, **attributes: str
    ) -> str:
        """Creates a generic interaction in ``workgroup``'s queue and returns its id.

        ACD routes it like a call, without telephony, to an agent whose station takes
        ``generic`` media (see `Log On To Workstation`). ``remote_name`` names the party
        it comes from; other named arguments become attributes of the interaction. The
        skills ACD requires come from the workgroup, or from a handler of the deployment
        that reads them from an attribute (on the simulator, the scenario's
        ``skillsAttribute``).

        Example:
        | ${id} = | Create Generic Interaction | Support | remote_name=Web form | CaseNumber=4711 |
        | Interaction Attribute Should Be | ${id} | CaseNumber | 4711 |
        """
        session = self.connected_session()
        interaction_id = session.interactions.create_generic(workgroup, remote_name, attributes)
        self.info(f"Created generic interaction {interaction_id} in workgroup {workgroup}.")
        return interaction_id

    @keyword("Wait For Alerting Interaction")
    def wait_for_alerting_interaction(self, timeout: timedelta | None = None) -> str:
        """Waits until an interaction alerts the session's user and returns its id.

        Each interaction is returned once, so the next call waits for the next alert.
        Reacts to the server's alerting messages and the user's queue, with no sleeps;
        fails after ``timeout`` (default: the library's ``wait_timeout``). Against the
        embedded simulator the failure also tells, for each interaction waiting in the
        user's workgroups, why ACD did not offer it to the user (see `Routing failures`).

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${placed} = | Simulator Place Inbound Call | Support |
        | ${id} = | Wait For Alerting Interaction | timeout=5s |
        | Should Be Equal | ${id} | ${placed} |
        """
        session = self.connected_session()
        seconds = self.ctx.get_timeout(timeout)
        interaction_id = session.interactions.wait_for_alerting(seconds)
        if interaction_id is None:
            self.show_timeline_on_failure()
            raise AssertionError(
                f"No interaction alerted '{session.user_id}' within {seconds:g} s."
                + simulator_explains(session, user_id=session.user_id)
            )
        self.info(f"Interaction {interaction_id} is alerting '{session.user_id}'.")
        return interaction_id

    @keyword("Assign Wrap-Up Code")
    def assign_wrap_up_code(
        self, interaction_id: str, code: str, segment: int | None = None
    ) -> None:
        """Assigns the wrap-up ``code`` to the interaction, for the session's user.

        The code must be one of the wrap-up codes of the workgroup the interaction came
        through (see `Get Workgroup Wrap-Up Codes`). ``segment`` defaults to the last
        connection segment listed in the interaction's ``Eic_WrapupConnectionSegments``.
        In a workgroup with after-call work, the agent's wrap-up status (such as
        ``Follow Up``) ends with the assignment; wait for it with `Wait Until User Status Is`.

        Example:
        | Connect To ICWS | agent5 | ${PASSWORD} |
        | Log On To Workstation | 7005 |
        | ${id} = | Simulator Place Inbound Call | Sales |
        | Pick Up Interaction | ${id} |
        | Simulator Hang Up | ${id} |
        | Wait Until User Status Is | Follow Up |
        | Assign Wrap-Up Code | ${id} | Sale |
        | Wait Until User Status Is | Available |
        """
        session = self.connected_session()
        used = session.interactions.assign_wrap_up(interaction_id, code, segment)
        self.info(
            f"Assigned wrap-up code '{code}' to segment {used} of interaction {interaction_id}."
        )

    @keyword("Get Interaction Attributes")
    def get_interaction_attributes(self, interaction_id: str, *names: str) -> dict:
        """Returns the named attributes of the interaction as a dictionary.

        Attribute names are standard ones such as ``Eic_State`` and ``Eic_RemoteName``,
        or custom ones; they are matched without regard to case, and an attribute that is
        not set is an empty string.

        Example:
        | ${id} = | Create Generic Interaction | Support | remote_name=Pat |
        | ${attributes} = | Get Interaction Attributes | ${id} | Eic_RemoteName | Eic_WorkgroupName |
        | Should Be Equal | ${attributes}[Eic_WorkgroupName] | Support |
        """
        attributes = self.connected_session().interactions.attributes(interaction_id, names)
        self.info(f"Attributes of interaction {interaction_id}: {', '.join(attributes)}.")
        return attributes

    @keyword("Get Interaction Attribute")
    def get_interaction_attribute(self, interaction_id: str, name: str) -> str:
        """Returns one attribute of the interaction ("" when it is not set).

        Example:
        | ${id} = | Create Generic Interaction | Support | remote_name=Pat |
        | ${name} = | Get Interaction Attribute | ${id} | Eic_RemoteName |
        | Should Be Equal | ${name} | Pat |
        """
        value = self.connected_session().interactions.attributes(interaction_id, [name])[name]
        self.info(f"{name} of interaction {interaction_id} is '{value}'.")
        return value

    @keyword("Interaction Attribute Should Be")
    def interaction_attribute_should_be(
        self, interaction_id: str, name: str, expected: str, message: str | None = None
    ) -> None:
        """Fails unless the attribute ``name`` of the interaction is ``expected``.

        Values compare as text, exactly.

        Example:
        | ${id} = | Create Generic Interaction | Support | Priority=high |
        | Interaction Attribute Should Be | ${id} | Priority | high |
        """
        actual = self.connected_session().interactions.attributes(interaction_id, [name])[name]
        self.fail_unless(
            actual == str(expected),
            lambda: (
                f"Expected {name} of interaction {interaction_id} to be '{expected}', "
                f"but it is '{actual}'."
            ),
            message,
        )
        self.info(f"{name} of interaction {interaction_id} is '{actual}'.")

    @keyword("Set Interaction Attributes")
    def set_interaction_attributes(self, interaction_id: str, **attributes: str) -> None:
        """Sets attributes of the interaction, given as named arguments.

        Example:
        | ${id} = | Create Generic Interaction | Support |
        | Set Interaction Attributes | ${id} | CustomerTier=gold | Language=de |
        | Interaction Attribute Should Be | ${id} | CustomerTier | gold |
        """
        self.connected_session().interactions.set_attributes(interaction_id, attributes)
        self.info(f"Set {', '.join(attributes)} of interaction {interaction_id}.")

    @keyword("Get Interaction State")
    def get_interaction_state(self, interaction_id: str) -> str:
        """Returns the state of the interaction by name.

        The names are those of the ``Eic_State`` letters: ``Alerting`` (A), ``Connected``
        (C), ``Held`` (H), ``Messaging`` (M), ``Offering`` (O), ``Parked`` (P),
        ``Proceeding`` (R), ``Suspended`` (X), ``System`` (S), ``Internally Disconnected``
        (I, hung up here), ``Externally Disconnected`` (E, hung up by the other party);
        ``None`` when not set.

        Example:
        | ${id} = | Create Generic Interaction | Support |
        | ${state} = | Get Interaction State | ${id} |
        | Should Be Equal | ${state} | Offering |
        """
        name = state_name(self.connected_session().interactions.state(interaction_id))
        self.info(f"Interaction {interaction_id} is {name}.")
        return name

    @keyword("Interaction State Should Be")
    def interaction_state_should_be(
        self, interaction_id: str, state: str, message: str | None = None
    ) -> None:
        """Fails unless the interaction is in ``state``.

        ``state`` is an ``Eic_State`` letter or a name from `Get Interaction State`, in
        any case; ``Disconnected`` matches both kinds of disconnection.

        Example:
        | ${id} = | Create Generic Interaction | Support |
        | Interaction State Should Be | ${id} | Offering |
        | Interaction State Should Be | ${id} | o |
        """
        letters = state_letters(state)
        letter = self.connected_session().interactions.state(interaction_id)
        self.fail_unless(
            bool(letter) and letter in letters,
            lambda: (
                f"Expected interaction {interaction_id} to be {state}, but it is "
                f"{state_name(letter)}."
            ),
            message,
        )
        self.info(f"Interaction {interaction_id} is {state_name(letter)}.")

    @keyword("Interaction Should Have Capability")
    def interaction_should_have_capability(
        self, interaction_id: str, capability: str, message: str | None = None
    ) -> None:
        """Fails unless the interaction's ``Eic_Capabilities`` allows ``capability`` now.

        ``Eic_Capabilities`` is the bitmask agent desktops read to enable their buttons:
        what may be done to the interaction in its present state. ``capability`` is one
        of ``consult``, ``disconnect``, ``hold``, ``listen``, ``messaging`` (voice mail),
        ``mute``, ``park``, ``pause``, ``pickup``, ``private``, ``record``, ``request
        help``, ``transfer``, ``join``, ``object window``, ``conference``, ``coach``,
        ``suspended`` and ``secure recording pause``, in any case, with or without spaces.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Interaction Should Have Capability | ${id} | pickup |
        | Pick Up Interaction | ${id} |
        | Interaction Should Have Capability | ${id} | hold |
        """
        bit = capability_bit(capability)
        mask = self.connected_session().interactions.capabilities(interaction_id)
        self.fail_unless(
            bool(mask & bit),
            lambda: (
                f"Expected interaction {interaction_id} to allow {capability.strip()}, but "
                f"its Eic_Capabilities {mask} allow "
                f"{', '.join(capability_names(mask)) or 'nothing'}."
            ),
            message,
        )
        self.info(f"Interaction {interaction_id} allows {capability.strip()}.")

    @keyword("Wait Until Interaction State Is")
    def wait_until_interaction_state_is(
        self, interaction_id: str, state: str, timeout: timedelta | None = None
    ) -> None:
        """Waits until the interaction is in ``state`` (as in `Interaction State Should Be`).

        Reacts to the server's interaction and queue messages, with no sleeps; fails after
        ``timeout`` (default: the library's ``wait_timeout``), or at once when the
        interaction ends meanwhile. The failure says where the interaction is (state,
        workgroup queue, whose queue holds it); against the embedded simulator, also whom
        ACD offered it to and why each member of its workgroup was not (see
        `Routing failures`).

        Example:
        | Log On To Workstation | 7001 |
        | ${call} = | Make Call | 3175550100 |
        | Wait Until Interaction State Is | ${call} | Connected | timeout=5s |
        """
        session = self.connected_session()
        seconds = self.ctx.get_timeout(timeout)
        reached, letter = session.interactions.wait_until_state(interaction_id, state, seconds)
        if not reached:
            self.show_timeline_on_failure()
            raise AssertionError(
                f"Interaction {interaction_id} was not {state} within {seconds:g} s."
                + where_is(session, interaction_id)
                + simulator_explains(session, interaction_id)
            )
        self.info(f"Interaction {interaction_id} is {state_name(letter)}.")

    def _act(self, interaction_id: str, action: str, body, verb: str, done: str) -> None:
        self.connected_session().interactions.act(interaction_id, action, body, verb=verb)
        self.info(f"Interaction {interaction_id} {done}.")

    def _act_and_wait(self, interaction_id, action, body, verb, done, shows, names=("Eic_State",)):
        self.connected_session().interactions.act(interaction_id, action, body, verb=verb)
        self.until_shown(interaction_id, done, shows, names)

    @keyword("Pick Up Interaction")
    def pick_up_interaction(self, interaction_id: str) -> None:
        """Answers an interaction alerting the user, or takes one waiting in a workgroup
        queue the user is a member of. The session needs a station that takes the
        interaction's medium (see `Log On To Workstation`), as a call needs one to ring.

        Returns once the server shows the interaction ``Connected``: a CIC answers the
        request first and connects a moment later (on a remote-number station, when that
        phone answers), so the next keyword sees the effect on any server. Fails after the
        library's ``wait_timeout`` saying where the interaction is.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | Interaction State Should Be | ${id} | Connected |
        """
        self._act_and_wait(interaction_id, "pickup", None, "pick up", "is connected", _in("C"))

    @keyword("Hold Interaction")
    def hold_interaction(self, interaction_id: str) -> None:
        """Puts a connected interaction on hold; returns once the server shows it held.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | Hold Interaction | ${id} |
        | Interaction State Should Be | ${id} | Held |
        """
        self._act_and_wait(interaction_id, "hold", {"on": True}, "hold", "is on hold", _in("H"))

    @keyword("Unhold Interaction")
    def unhold_interaction(self, interaction_id: str) -> None:
        """Takes a held interaction off hold; returns once it is connected again.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | Hold Interaction | ${id} |
        | Unhold Interaction | ${id} |
        | Interaction State Should Be | ${id} | Connected |
        """
        self._act_and_wait(interaction_id, "hold", {"on": False}, "take off hold",
                           "is connected again", _in("C"))  # fmt: skip

    @keyword("Mute Interaction")
    def mute_interaction(self, interaction_id: str) -> None:
        """Mutes the user's side of a connected interaction; returns once the server shows
        it muted (``Eic_Muted``).

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | Mute Interaction | ${id} |
        """
        self._act_and_wait(interaction_id, "mute", {"on": True}, "mute", "is muted",
                           _muted(True), names=("Eic_Muted",))  # fmt: skip

    @keyword("Unmute Interaction")
    def unmute_interaction(self, interaction_id: str) -> None:
        """Unmutes the user's side of an interaction; returns once the server shows it.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | Mute Interaction | ${id} |
        | Unmute Interaction | ${id} |
        """
        self._act_and_wait(interaction_id, "mute", {"on": False}, "unmute", "is unmuted",
                           _muted(False), names=("Eic_Muted",))  # fmt: skip

    @keyword("Disconnect Interaction")
    def disconnect_interaction(self, interaction_id: str) -> None:
        """Hangs up the interaction: it becomes ``Internally Disconnected``. Returns once
        the server shows it disconnected (or gone).

        Example:
        | Log On To Workstation | 7001 |
        | ${call} = | Make Call | 3175550100 |
        | Disconnect Interaction | ${call} |
        | Interaction State Should Be | ${call} | Internally Disconnected |
        """
        self._act_and_wait(interaction_id, "disconnect", None, "disconnect",
                           "is disconnected", _ended)  # fmt: skip

    @keyword("Transfer Interaction")
    def transfer_interaction(self, interaction_id: str, target: str) -> None:
        """Transfers the interaction blind to ``target``: a number, a user (id or
        extension), or a workgroup queue as ``workgroup:NAME``.

        Returns once the interaction is no longer the user's. ``workgroup:NAME`` names the
        workgroup's queue itself; a bare name is sent as a dial string, which a server
        places as its dial plan says (the simulator, like dialling a workgroup's extension,
        queues it in that workgroup). A target that is no number, user, extension or
        workgroup is refused, and the failure names the nearest known targets: a typo such
        as ``Salse`` fails instead of sending the caller away.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | Transfer Interaction | ${id} | workgroup:Sales |
        """
        session = self.connected_session()
        session.interactions.transfer(interaction_id, target)
        me = session.user_id.casefold()

        def moved(attributes) -> bool:
            return (
                attributes is None or attribute_value(attributes, "Eic_UserName").casefold() != me
            )

        self.until_shown(interaction_id, f"is transferred to {target}", moved,
                          names=("Eic_State", "Eic_UserName"))  # fmt: skip

    @keyword("Send Digits")
    def send_digits(self, interaction_id: str, digits: str) -> None:
        """Sends DTMF ``digits`` (``0``-``9``, ``*``, ``#``) on a connected interaction.

        Example:
        | Log On To Workstation | 7001 |
        | ${call} = | Make Call | 3175550100 |
        | Wait Until Interaction State Is | ${call} | Connected |
        | Send Digits | ${call} | 1234# |
        """
        self._act(interaction_id, "send-digits", {"dtmfDigits": str(digits)}, "send digits on",
                  f"got digits {digits}")  # fmt: skip


def _in(*letters: str):
    """The effect shows as the interaction in one of these states."""
    return lambda attributes: (
        attributes is not None and attribute_value(attributes, "Eic_State") in letters
    )


def _muted(on: bool):
    return lambda attributes: (
        attributes is not None
        and (
            attribute_value(attributes, "Eic_Muted")
            in (("1", "true", "True") if on else ("0", "", "false", "False"))
        )
    )


def _ended(attributes) -> bool:
    """Disconnected, or gone from the server already."""
    return attributes is None or attribute_value(attributes, "Eic_State") in ("I", "E")
