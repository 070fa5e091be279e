"""What a simulated CIC server holds: users, stations, workgroups, statuses, hosts and
how numbers outside it behave. Plain data: :mod:`.load` builds it from scenario files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .workforce import Workforce

# Other spellings of a right that scenario files may use, and the one the model checks.
RIGHT_ALIASES = {"canSetOthersStatus": "setOthersStatus"}


class ScenarioError(ValueError):
    """A scenario file that cannot be used; the message names the file and the problem."""


@dataclass
class User:
    id: str
    password: str
    display_name: str
    status_id: str = "Available"
    status_changed: str | None = None
    on_phone: bool = False
    on_phone_changed: str | None = None
    notes: str = ""
    rights: frozenset[str] = frozenset()
    # None: every selectable status of the catalog.
    allowed_statuses: list[str] | None = None
    default_workstation: str | None = None
    # Licenses assigned to the user, which the user's sessions may acquire.
    licenses: frozenset[str] = frozenset()
    # The number that reaches the user by intercom; None: the user id only.
    extension: str | None = None
    # Skill id -> (proficiency, desire to use), each 0-100.
    skills: dict[str, tuple[int, int]] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)
    # [doc] licenseProperties.mediaLevel: None 0, Media1 1, Media2 2, Media3 3.
    media_level: int = 1
    # The media the user's ACD licence covers (SDK media numbers); None: every medium.
    media_types: tuple[int, ...] | None = None
    # [doc] Call analysis on: an outbound call is Proceeding until the far end answers
    # (off, the default: "Connected means the same as Proceeding").
    call_analysis: bool = False
    # [real] personalInformationProperties as a user body has them (givenName, surname,
    # emailAddress, departmentName, title), from the scenario's firstName, lastName, email,
    # department and title; and the user's statusText.
    personal: dict[str, str] = field(default_factory=dict)
    status_text: str | None = None
    # Recording policy: Interaction Recorder records every call of the user.
    record_calls: bool = False
    # How the user's phone takes an intercom call (a consult, say): "answer" (it alerts),
    # "busy" (the call ends busy) or "no answer" (it rings until the alert timeout).
    when_called: str = "answer"

    def may(self, right: str) -> bool:
        return right in self.rights


STATION_KINDS = ("workstation", "remote workstation")


@dataclass
class Station:
    """A configured station; remote numbers need none (any digits log on)."""

    id: str
    extension: str
    kind: str = "workstation"
    # [doc] Optional fields of the station information, answered when given.
    sip: dict[str, str] = field(default_factory=dict)


# [real] A server answers an action before its effect (the vendor's QA waits after pickup
# and disconnect); [guess] how long after.
ACTION_DELAY = 0.05
# [guess] How long a parked call waits for a pick up, and how long a caller takes to
# leave a voice mail; scenarios set both (parkTimeout, voicemailLength).
PARK_TIMEOUT = 60.0
VOICEMAIL_LENGTH = 10.0
# [guess] A secure pause lasts a minute by default and at most five in all.
SECURE_PAUSE_TIMEOUT = 60.0
SECURE_PAUSE_MAXIMUM = 300.0
# [doc] The no-answer status of a workgroup, already in the default status catalog.
NO_ANSWER_STATUS = "ACD - Agent Not Answering"
# [doc] A station's alert timeout: 15 s by default (a real server's minimum is 7 s).
ALERT_TIMEOUT = 15.0
# [doc] The after-call work status of the default catalog (isAfterCallWorkStatus).
WRAP_UP_STATUS = "Follow Up"
# [guess] Seconds of after-call work before the agent's status returns by itself.
WRAP_UP_TIMEOUT = 30.0


@dataclass
class Named:
    """A configuration object known by id and display name only (skills, roles, ...)."""

    id: str
    display_name: str


@dataclass
class WrapUpCode:
    id: str
    label: str
    category: str | None = None
    digits: str | None = None


@dataclass
class Workgroup:
    """An ACD workgroup: its queue, members, who supervises it and who is activated."""

    id: str
    extension: str = ""
    # Tuples: a change is an assignment, which keeps the sets below right.
    members: tuple[str, ...] = ()
    supervisors: tuple[str, ...] = ()
    _members_folded: frozenset[str] = field(default=frozenset(), init=False, repr=False)
    _supervisors_folded: frozenset[str] = field(default=frozenset(), init=False, repr=False)
    # Lower-case member id -> activated in the workgroup.
    activations: dict[str, bool] = field(default_factory=dict)
    alert_timeout: float = ALERT_TIMEOUT
    no_answer_status: str = NO_ANSWER_STATUS
    skills: dict[str, tuple[int, int]] = field(default_factory=dict)
    # [guess] Skills every interaction entering the queue requires: skill id -> the least
    # proficiency an agent must have for ACD to offer it to them.
    required_skills: dict[str, int] = field(default_factory=dict)
    is_active: bool = True
    has_queue: bool = True
    # After-call work: a disconnected ACD interaction puts its agent in wrap_up_status
    # until a code of wrap_up_codes is assigned or wrap_up_timeout seconds pass (0: never).
    is_wrap_up_active: bool = False
    wrap_up_codes: list[str] = field(default_factory=list)
    wrap_up_status: str = WRAP_UP_STATUS
    wrap_up_timeout: float = WRAP_UP_TIMEOUT
    # Recording policy: Interaction Recorder records the calls ACD routes through it.
    record_calls: bool = False

    def __setattr__(self, name: str, value) -> None:
        # Membership is asked for every member of a 1,000-agent workgroup on each change:
        # answered from a set of lower-case ids, kept with the ids themselves.
        if name in ("members", "supervisors"):
            value = tuple(value)
            super().__setattr__(f"_{name}_folded", frozenset(v.lower() for v in value))
        super().__setattr__(name, value)

    def has_member(self, user_id: str) -> bool:
        return user_id.lower() in self._members_folded

    def has_supervisor(self, user_id: str) -> bool:
        return user_id.lower() in self._supervisors_folded


# How an external number behaves when called: answers after some seconds, is busy, or
# never answers.
EXTERNAL_BEHAVIOURS = ("answer", "busy", "no answer")


@dataclass
class ExternalNumber:
    behaviour: str = "answer"
    after: float = 1.0


@dataclass
class Host:
    address: str
    name: str = ""
    accepting: bool = True
    alternate_hosts: list[str] = field(default_factory=list)
    error_id: str = "error.server.notAcceptingConnections"
    message: str = "This Session Manager is not currently accepting connections."


# Display names of the languages a scenario may list; another shows as its tag.
LANGUAGE_NAMES = {
    "en-us": "English (United States)",
    "de-de": "German (Germany)",
    "fr-fr": "French (France)",
    "es-es": "Spanish (Spain)",
    "nl-nl": "Dutch (Netherlands)",
}


@dataclass
class Scenario:
    users: dict[str, User]
    statuses: list[dict[str, Any]]
    features: dict[str, int]
    version: dict[str, str]
    hosts: list[Host]
    ic_server: str = "cicsim"
    languages: list[str] = field(default_factory=lambda: ["en-us"])
    single_session_per_user: bool = False
    # Seconds without a request after which the server ends a session; None: never.
    session_idle_timeout: float | None = None
    # How an unknown or unselectable status is refused: "async" (202, then an error in
    # the completion message) or "sync" (400 at once). [guess] Real servers are not known
    # to do either; the library and the suites accept both.
    status_errors: str = "async"
    # Whether a new event stream first gets the messages queued before it opened.
    # [guess] Undocumented (FIDELITY-AUDIT D28); a client must not depend on it.
    stream_backlog: bool = True
    # License pools: how many sessions may hold each license at once.
    licenses: dict[str, int] = field(default_factory=dict)
    # Configured stations by lower-case id.
    stations: dict[str, Station] = field(default_factory=dict)
    # ACD workgroups by lower-case id.
    workgroups: dict[str, Workgroup] = field(default_factory=dict)
    # Skills, roles, wrap-up categories and codes by lower-case id.
    skills: dict[str, Named] = field(default_factory=dict)
    roles: dict[str, Named] = field(default_factory=dict)
    wrap_up_categories: dict[str, Named] = field(default_factory=dict)
    wrap_up_codes: dict[str, WrapUpCode] = field(default_factory=dict)
    # How called external numbers behave, by number; "*" for any other number.
    external_numbers: dict[str, ExternalNumber] = field(
        default_factory=lambda: {"*": ExternalNumber()}
    )
    # Seconds a disconnected interaction stays in its queues before it is removed.
    # [guess] Real servers remove it within a few seconds (CONTACT-CENTER 2.10, item 6).
    disconnected_linger: float = 2.0
    # Seconds from answering an interaction action (pick up, hold, mute, digits,
    # disconnect, transfer) to its effect showing.
    action_delay: float = ACTION_DELAY
    # The custom attribute from which the deployment's handler takes the skills ACD
    # requires of a generic interaction ("Hardware:50,English:60"); None: no such handler.
    skills_attribute: str | None = None
    # Seconds a parked interaction waits before it returns to whoever parked it.
    park_timeout: float = PARK_TIMEOUT
    # Seconds a caller sent to voice mail takes to leave the message and hang up.
    voicemail_length: float = VOICEMAIL_LENGTH
    # A secure recording pause: how long one lasts unless given, and the longest a
    # pause (repeated or not) may keep a recording paused from its start.
    secure_pause_timeout: float = SECURE_PAUSE_TIMEOUT
    secure_pause_maximum: float = SECURE_PAUSE_MAXIMUM
    # Faults to inject from the start: [{"kind": "error", "count": 2, "path": "/status/"}].
    faults: list[dict[str, Any]] = field(default_factory=list)
    # What the WFM server knows of the agents; None: no workforce management.
    workforce: Workforce | None = None
    source: str = "default scenario"

    def user(self, user_id: str) -> User | None:
        """Users are found without regard to case, as CIC user ids are."""
        return self.users.get(str(user_id).lower())

    def station(self, station_id: str) -> Station | None:
        """Stations are found without regard to case, as CIC ids are."""
        return self.stations.get(str(station_id).lower())

    def workgroup(self, workgroup_id: str) -> Workgroup | None:
        """Workgroups are found by id (without regard to case) or by extension."""
        key = str(workgroup_id).lower()
        found = self.workgroups.get(key)
        if found is None:
            found = next((w for w in self.workgroups.values() if w.extension == key), None)
        return found

    def wrap_up_code(self, code_id: str) -> WrapUpCode | None:
        return self.wrap_up_codes.get(str(code_id).lower())

    def user_at(self, target: str) -> User | None:
        """The user a dialled target reaches: a user id or a user's extension."""
        found = self.user(target)
        if found is None:
            found = next((u for u in self.users.values() if u.extension == str(target)), None)
        return found

    def external_number(self, number: str) -> ExternalNumber:
        return self.external_numbers.get(number) or self.external_numbers["*"]

    def host(self, address: str) -> Host:
        for host in self.hosts:
            if host.address == address:
                return host
        return self.hosts[0]

    def language_name(self, tag: str) -> str:
        return LANGUAGE_NAMES.get(tag.lower(), tag)
