"""What a simulated CIC server holds: users, statuses, features, version and hosts.

A scenario file (JSON or TOML) states only what differs from the default scenario
(``scenarios/default.json``); its top-level keys replace the default ones.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .clock import checked_seconds

# Other spellings of a right that scenario files may use, and the one the model checks.
RIGHT_ALIASES = {"canSetOthersStatus": "setOthersStatus"}

try:
    import tomllib
except ImportError:  # pragma: no cover - Python 3.10
    import tomli as tomllib


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


class Roster(list):
    """A list of user ids that answers "is this user in it?" without regard to case, in
    constant time: routing and statistics ask it for every member of a 1,000-agent
    workgroup. Every way of changing the list forgets the set it keeps."""

    _folded: frozenset[str] | None = None

    def __contains__(self, user_id: object) -> bool:
        if self._folded is None:
            self._folded = frozenset(str(item).lower() for item in self)
        return str(user_id).lower() in self._folded

    def _changed(name):  # noqa: N805 - makes the mutators below
        def mutate(self, *args, **kwargs):
            self._folded = None
            return getattr(list, name)(self, *args, **kwargs)

        mutate.__name__ = name
        return mutate

    for _name in ("append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse",
                  "__setitem__", "__delitem__", "__iadd__", "__imul__"):  # fmt: skip
        locals()[_name] = _changed(_name)
    del _name, _changed


@dataclass
class Workgroup:
    """An ACD workgroup: its queue, members, who supervises it and who is activated."""

    id: str
    extension: str = ""
    members: Roster = field(default_factory=Roster)
    supervisors: Roster = field(default_factory=Roster)
    # Lower-case member id -> activated in the workgroup.
    activations: dict[str, bool] = field(default_factory=dict)
    alert_timeout: float = ALERT_TIMEOUT
    no_answer_status: str = NO_ANSWER_STATUS
    skills: dict[str, tuple[int, int]] = field(default_factory=dict)
    is_active: bool = True
    has_queue: bool = True
    # After-call work: a disconnected ACD interaction puts its agent in wrap_up_status
    # until a code of wrap_up_codes is assigned or wrap_up_timeout seconds pass (0: never).
    is_wrap_up_active: bool = False
    wrap_up_codes: list[str] = field(default_factory=list)
    wrap_up_status: str = WRAP_UP_STATUS
    wrap_up_timeout: float = WRAP_UP_TIMEOUT

    def __setattr__(self, name: str, value) -> None:
        # A configuration write may assign a plain list: it becomes a Roster.
        if name in ("members", "supervisors") and not isinstance(value, Roster):
            value = Roster(value)
        super().__setattr__(name, value)

    def has_member(self, user_id: str) -> bool:
        return user_id in self.members

    def has_supervisor(self, user_id: str) -> bool:
        return user_id in self.supervisors


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
    # Faults to inject from the start: [{"kind": "error", "count": 2, "path": "/status/"}].
    faults: list[dict[str, Any]] = field(default_factory=list)
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


def _default_data() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("scenarios/default.json").read_text("utf-8")
    return json.loads(text)


def _read(path: Path) -> dict[str, Any]:
    kind = "TOML" if path.suffix.lower() == ".toml" else "JSON"
    try:
        text = path.read_text("utf-8")
    except OSError as error:
        raise ScenarioError(f"Cannot read scenario file {path}: {error.strerror}.") from None
    except UnicodeDecodeError:
        raise ScenarioError(f"Scenario file {path} is not UTF-8 text, so not {kind}.") from None
    try:
        data = tomllib.loads(text) if kind == "TOML" else json.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as error:
        raise ScenarioError(f"Scenario file {path} is not valid {kind}: {error}.") from None
    except RecursionError:
        raise ScenarioError(f"Scenario file {path} is nested too deeply to read.") from None
    if not isinstance(data, dict):
        raise ScenarioError(f"Scenario file {path} must hold an object at the top level.")
    return data


def shipped_scenarios() -> dict[str, str]:
    """The scenarios that come with the package, by name, with their descriptions."""
    folder = resources.files(__package__).joinpath("scenarios")
    result = {}
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        name, _, suffix = entry.name.rpartition(".")
        if suffix in ("json", "toml"):
            text = entry.read_text("utf-8")
            data = tomllib.loads(text) if suffix == "toml" else json.loads(text)
            result[name] = str(data.get("description", "")).strip()
    return result


def is_scenario_name(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9_-]+", text))


def shipped_scenario(name: str) -> Path:
    """The file of a shipped scenario; ScenarioError listing the names when there is none."""
    folder = resources.files(__package__).joinpath("scenarios")
    for suffix in ("json", "toml"):
        entry = folder.joinpath(f"{name}.{suffix}")
        if entry.is_file():
            return Path(str(entry))
    raise ScenarioError(
        f"No scenario file {name!r} and no shipped scenario of that name; shipped: "
        f"{', '.join(shipped_scenarios())}."
    )


def load_scenario(source: str | Path | dict | Scenario | None = None) -> Scenario:
    """The default scenario, with a file's (or a dict's) top-level keys replacing its own."""
    if isinstance(source, Scenario):
        return source
    data = _default_data()
    origin = "default scenario"
    given: dict[str, Any] = {}
    if isinstance(source, dict):
        given = source
        origin = "scenario given in code"
    elif source is not None:
        path = Path(source)
        if not path.exists() and is_scenario_name(str(source)):
            path = shipped_scenario(str(source))
        given = _read(path)
        origin = str(path)
    if "users" in given and "workgroups" not in given:
        # The default workgroups name the default users: other users, no workgroups.
        data["workgroups"] = []
    data.update(given)
    try:
        return _build(data, origin)
    except ScenarioError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ScenarioError(f"Scenario {origin} is malformed: {error!r}.") from None


SCENARIO_KEYS = frozenset(
    (
        "description", "icServer", "users", "statuses", "extraStatuses", "features",
        "version", "hosts",
        "languages", "singleSessionPerUser", "sessionIdleTimeout", "statusErrors", "faults",
        "streamBacklog", "licenses",
        "stations", "workgroups", "externalNumbers", "disconnectedLinger",
        "skills", "roles", "wrapUpCategories", "wrapUpCodes",
    )
)  # fmt: skip
USER_KEYS = frozenset(
    (
        "id", "password", "displayName", "statusId", "statusChanged", "onPhone",
        "onPhoneChanged", "notes", "rights", "allowedStatuses", "defaultWorkstation",
        "licenses", "extension", "skills", "roles", "mediaLevel",
    )
)  # fmt: skip
WORKGROUP_KEYS = frozenset(
    (
        "id", "extension", "members", "supervisors", "activations", "alertTimeout",
        "noAnswerStatus", "skills", "isActive", "hasQueue", "isWrapUpActive", "wrapUpCodes",
        "wrapUpStatus", "wrapUpTimeout",
    )
)  # fmt: skip
SIP_KEYS = ("sipAddress", "sipUser", "sipPassword")
STATION_KEYS = frozenset(("id", "extension", "kind", *SIP_KEYS))
HOST_KEYS = frozenset(("address", "name", "accepting", "alternateHostList", "errorId", "message"))
# [doc] The flags of a statusMessage; [real] a server answers every one, so a status a
# scenario gives without a flag has it false.
STATUS_FLAGS = (
    "canHaveDate", "canHaveTime", "isDoNotDisturbStatus", "isSelectableStatus",
    "isPersistentStatus", "isForwardStatus", "isAfterCallWorkStatus", "isAcdStatus",
    "isAllowFollowUpStatus",
)  # fmt: skip
STATUS_KEYS = frozenset(
    ("statusId", "messageText", "iconUri", "groupTag", "systemId", *STATUS_FLAGS)
)


def _statuses(items: list, origin: str) -> list[dict[str, Any]]:
    """The status catalog, each entry checked as user entries are and given every field a
    server answers: flags false, the texts the status id ([guess] for iconUri)."""
    catalog: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for item in items:
        if not isinstance(item, dict) or not str(item.get("statusId") or "").strip():
            raise ScenarioError(f"Scenario {origin}: a status has no statusId: {item!r:.200}")
        status_id = str(item["statusId"])
        _known_keys(item, STATUS_KEYS, f"status {status_id}", origin)
        first = seen.setdefault(status_id.casefold(), status_id)
        if first is not status_id:
            raise ScenarioError(
                f"Scenario {origin}: the catalog has status '{first}' twice (again as "
                f"'{status_id}')."
            )
        for flag in STATUS_FLAGS:
            if not isinstance(item.get(flag, False), bool):
                raise ScenarioError(
                    f"Scenario {origin}: {flag} of status {status_id} must be true or false, "
                    f"not {item[flag]!r}."
                )
        catalog.append(
            {
                "statusId": status_id,
                "messageText": item.get("messageText", status_id),
                "iconUri": item.get("iconUri", f"/icws/status/icons/{status_id}.png"),
                "groupTag": item.get("groupTag", status_id),
                **{flag: item.get(flag, False) for flag in STATUS_FLAGS},
                "systemId": item.get("systemId", status_id),
            }
        )
    return catalog


def _known_keys(item: dict[str, Any], known: frozenset[str], where: str, origin: str) -> None:
    """A misspelt key is an error naming it, never a setting silently ignored."""
    for key in item:
        if key not in known:
            raise ScenarioError(
                f"Scenario {origin}: unknown key '{key}' in {where}; known keys are "
                f"{', '.join(sorted(known))}."
            )


def _build(data: dict[str, Any], origin: str) -> Scenario:
    _known_keys(data, SCENARIO_KEYS, "the scenario", origin)
    skills = _named(data, "skills", "skill", origin)
    roles = _named(data, "roles", "role", origin)
    categories = _named(data, "wrapUpCategories", "wrap-up category", origin)
    codes = _wrap_up_codes(data, categories, origin)
    users = {}
    for item in _objects(data, "users", origin):
        _known_keys(item, USER_KEYS, f"user {item.get('id', '?')}", origin)
        if not item.get("id") or "password" not in item:
            raise ScenarioError(f"Scenario {origin}: every user needs 'id' and 'password': {item}")
        if (
            not isinstance(item["password"], (str, int))
            or isinstance(item["password"], bool)
            or (str(item["password"]) == "")
        ):
            # null once became the password "None".
            raise ScenarioError(
                f"Scenario {origin}: the password of user {item['id']} must be text, not "
                f"{item['password']!r}."
            )
        rights = _strings(item, "rights", origin) or []
        allowed = _strings(item, "allowedStatuses", origin)
        user = User(
            id=str(item["id"]),
            password=str(item["password"]),
            display_name=str(item.get("displayName", item["id"])),
            status_id=str(item.get("statusId", "Available")),
            status_changed=item.get("statusChanged"),
            on_phone=bool(item.get("onPhone", False)),
            on_phone_changed=item.get("onPhoneChanged"),
            notes=str(item.get("notes", "")),
            rights=frozenset(RIGHT_ALIASES.get(right, right) for right in rights),
            allowed_statuses=allowed,
            licenses=frozenset(_strings(item, "licenses", origin) or []),
            default_workstation=(
                str(item["defaultWorkstation"]) if item.get("defaultWorkstation") else None
            ),
            extension=str(item["extension"]) if item.get("extension") else None,
            skills=_skill_settings(item, skills, f"user {item['id']}", origin),
            roles=_references(item, "roles", roles, f"user {item['id']}", origin),
            media_level=_media_level(item, origin),
        )
        users[user.id.lower()] = user
    stations = {}
    for item in _objects(data, "stations", origin):
        _known_keys(item, STATION_KEYS, f"station {item.get('id', '?')}", origin)
        if not item.get("id"):
            raise ScenarioError(f"Scenario {origin}: every station needs an 'id': {item}")
        kind = str(item.get("kind", "workstation"))
        if kind not in STATION_KINDS:
            raise ScenarioError(
                f"Scenario {origin}: the kind of station {item['id']} must be one of "
                f"{', '.join(STATION_KINDS)}, not {kind!r}."
            )
        sip = {key: str(item[key]) for key in SIP_KEYS if key in item}
        station = Station(str(item["id"]), str(item.get("extension", item["id"])), kind, sip)
        stations[station.id.lower()] = station
    hosts = []
    for item in _objects(data, "hosts", origin):
        _known_keys(item, HOST_KEYS, f"host {item.get('address', '?')}", origin)
        if not item.get("address"):
            raise ScenarioError(f"Scenario {origin}: every host needs an 'address': {item}")
        if not isinstance(item.get("accepting", True), bool):
            raise ScenarioError(f"Scenario {origin}: 'accepting' must be true or false: {item}")
        hosts.append(
            Host(
                address=str(item["address"]),
                name=str(item.get("name", item["address"])),
                accepting=item.get("accepting", True),
                alternate_hosts=_strings(item, "alternateHostList", origin) or [],
                error_id=str(item.get("errorId", Host.error_id)),
                message=str(item.get("message", Host.message)),
            )
        )
    if not hosts:
        raise ScenarioError(f"Scenario {origin} has no hosts.")
    kinds = {"latency", "error", "drop", "truncated", "not-json", "empty", "html", "kill-session"}
    for fault in data.get("faults", []):
        if not isinstance(fault, dict) or fault.get("kind") not in kinds:
            raise ScenarioError(
                f"Scenario {origin}: a fault needs a 'kind' of {', '.join(sorted(kinds))}: {fault}"
            )
        _known_keys(fault, frozenset(("kind", "count", "path", "seconds")), "a fault", origin)
    status_errors = data.get("statusErrors", "async")
    if status_errors not in ("async", "sync"):
        raise ScenarioError(
            f'Scenario {origin}: \'statusErrors\' must be "async" or "sync", not {status_errors!r}.'
        )
    idle = data.get("sessionIdleTimeout")
    if idle is not None and (
        isinstance(idle, bool) or not isinstance(idle, (int, float)) or idle <= 0
    ):
        raise ScenarioError(
            f"Scenario {origin}: 'sessionIdleTimeout' must be a number of seconds above 0, "
            f"not {idle!r}."
        )
    statuses = _statuses([*data.get("statuses", []), *data.get("extraStatuses", [])], origin)
    workgroups = _workgroups(data, users, statuses, skills, codes, origin)
    return Scenario(
        users=users,
        skills=skills,
        roles=roles,
        wrap_up_categories=categories,
        wrap_up_codes=codes,
        statuses=statuses,
        stations=stations,
        workgroups=workgroups,
        external_numbers=_external_numbers(data.get("externalNumbers", {}), origin),
        disconnected_linger=_seconds(data, "disconnectedLinger", 2.0, origin),
        features={str(name): int(version) for name, version in data.get("features", {}).items()},
        version={str(key): str(value) for key, value in data.get("version", {}).items()},
        hosts=hosts,
        ic_server=str(data.get("icServer", "cicsim")),
        languages=[str(lang).lower() for lang in data.get("languages", ["en-us"])],
        single_session_per_user=bool(data.get("singleSessionPerUser", False)),
        session_idle_timeout=None if idle is None else float(idle),
        status_errors=status_errors,
        stream_backlog=bool(data.get("streamBacklog", True)),
        licenses=_license_pools(data.get("licenses", {}), origin),
        faults=list(data.get("faults", [])),
        source=origin,
    )


def _seconds(item: dict[str, Any], key: str, default: float, origin: str, where: str = "") -> float:
    try:
        return checked_seconds(item.get(key, default))
    except ValueError as error:
        raise ScenarioError(f"Scenario {origin}: '{key}'{where} {error}.") from None


def _named(data: dict[str, Any], key: str, kind: str, origin: str) -> dict[str, Named]:
    found = {}
    for item in _objects(data, key, origin):
        _known_keys(item, frozenset(("id", "displayName")), f"{kind} {item.get('id', '?')}", origin)
        if not item.get("id"):
            raise ScenarioError(f"Scenario {origin}: every {kind} needs an 'id': {item}")
        found[str(item["id"]).lower()] = Named(
            str(item["id"]), str(item.get("displayName", item["id"]))
        )
    return found


def _wrap_up_codes(data, categories: dict[str, Named], origin: str) -> dict[str, WrapUpCode]:
    codes = {}
    for item in _objects(data, "wrapUpCodes", origin):
        where = f"wrap-up code {item.get('id', '?')}"
        _known_keys(item, frozenset(("id", "label", "category", "digits")), where, origin)
        if not item.get("id"):
            raise ScenarioError(f"Scenario {origin}: every wrap-up code needs an 'id': {item}")
        category = item.get("category")
        if category is not None and str(category).lower() not in categories:
            raise ScenarioError(
                f"Scenario {origin}: the category of {where} ({category!r}) is not a "
                "wrap-up category."
            )
        code = WrapUpCode(
            id=str(item["id"]),
            label=str(item.get("label", item["id"])),
            category=categories[str(category).lower()].id if category is not None else None,
            digits=str(item["digits"]) if item.get("digits") is not None else None,
        )
        codes[code.id.lower()] = code
    return codes


def _references(item: dict[str, Any], key: str, known: dict, owner: str, origin: str) -> list:
    """A list of ids of other scenario objects, spelt as they are defined."""
    names = _strings(item, key, origin) or []
    unknown = [name for name in names if name.lower() not in known]
    if unknown:
        raise ScenarioError(
            f"Scenario {origin}: '{key}' of {owner} names unknown ids: {', '.join(unknown)}; "
            f"known: {', '.join(v.id for v in known.values()) or 'none'}."
        )
    return [known[name.lower()].id for name in names]


def _skill_settings(item: dict[str, Any], skills: dict[str, Named], owner: str, origin: str):
    """``{"English": {"proficiency": 80, "desireToUse": 50}}`` -> {skill id: (80, 50)}."""
    given = item.get("skills", {})
    if not isinstance(given, dict) or not all(isinstance(v, dict) for v in given.values()):
        raise ScenarioError(
            f"Scenario {origin}: 'skills' of {owner} must map skill ids to objects such as "
            '{"proficiency": 80, "desireToUse": 50}.'
        )
    settings = {}
    for name, setting in given.items():
        _known_keys(setting, frozenset(("proficiency", "desireToUse")), f"skill {name} of {owner}",
                    origin)  # fmt: skip
        skill = skills.get(name.lower())
        if skill is None:
            raise ScenarioError(
                f"Scenario {origin}: {owner} has skill {name!r}, which is not in 'skills'."
            )
        levels = []
        for key in ("proficiency", "desireToUse"):
            value = setting.get(key, 0 if key == "proficiency" else 50)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
                raise ScenarioError(
                    f"Scenario {origin}: '{key}' of skill {name} of {owner} must be a whole "
                    f"number from 0 to 100, not {value!r}."
                )
            levels.append(value)
        settings[skill.id] = (levels[0], levels[1])
    return settings


def _media_level(item: dict[str, Any], origin: str) -> int:
    level = item.get("mediaLevel", 1)
    if isinstance(level, bool) or level not in (0, 1, 2, 3):
        raise ScenarioError(
            f"Scenario {origin}: 'mediaLevel' of {item.get('id')} must be 0, 1, 2 or 3, "
            f"not {level!r}."
        )
    return level


def _flag(item: dict[str, Any], key: str, default: bool, where: str, origin: str) -> bool:
    value = item.get(key, default)
    if not isinstance(value, bool):
        raise ScenarioError(f"Scenario {origin}: '{key}'{where} must be true or false.")
    return value


def _workgroups(data, users: dict[str, User], statuses: list, skills, codes, origin: str) -> dict:
    status_ids = {str(s["statusId"]).casefold() for s in statuses}
    workgroups = {}
    for item in _objects(data, "workgroups", origin):
        name = item.get("id")
        _known_keys(item, WORKGROUP_KEYS, f"workgroup {name or '?'}", origin)
        if not name:
            raise ScenarioError(f"Scenario {origin}: every workgroup needs an 'id': {item}")
        where = f" of workgroup {name}"
        members = _strings(item, "members", origin) or []
        supervisors = _strings(item, "supervisors", origin) or []
        for user_id in members + supervisors:
            if user_id.lower() not in users:
                raise ScenarioError(
                    f"Scenario {origin}: workgroup {name} names {user_id!r}, who is not a user."
                )
        activations = item.get("activations", {})
        if not isinstance(activations, dict) or not all(
            isinstance(on, bool) for on in activations.values()
        ):
            raise ScenarioError(
                f"Scenario {origin}: 'activations'{where} must map member ids to true or false."
            )
        strangers = [u for u in activations if u.lower() not in {m.lower() for m in members}]
        if strangers:
            raise ScenarioError(
                f"Scenario {origin}: 'activations'{where} names non-members: "
                f"{', '.join(strangers)}."
            )
        no_answer = str(item.get("noAnswerStatus", NO_ANSWER_STATUS))
        if no_answer.casefold() not in status_ids:
            raise ScenarioError(
                f"Scenario {origin}: the noAnswerStatus{where} ({no_answer!r}) is not a status."
            )
        wrap_up_status = str(item.get("wrapUpStatus", WRAP_UP_STATUS))
        if wrap_up_status.casefold() not in status_ids:
            raise ScenarioError(
                f"Scenario {origin}: the wrapUpStatus{where} ({wrap_up_status!r}) is not a status."
            )
        given = {user.lower(): on for user, on in activations.items()}
        workgroup = Workgroup(
            id=str(name),
            extension=str(item.get("extension", "")),
            members=members,
            supervisors=supervisors,
            # Members not named are activated, as new members of a workgroup are.
            activations={m.lower(): given.get(m.lower(), True) for m in members},
            alert_timeout=_seconds(item, "alertTimeout", ALERT_TIMEOUT, origin, where),
            no_answer_status=no_answer,
            skills=_skill_settings(item, skills, f"workgroup {name}", origin),
            is_active=_flag(item, "isActive", True, where, origin),
            has_queue=_flag(item, "hasQueue", True, where, origin),
            is_wrap_up_active=_flag(item, "isWrapUpActive", False, where, origin),
            wrap_up_codes=_references(item, "wrapUpCodes", codes, f"workgroup {name}", origin),
            wrap_up_status=wrap_up_status,
            wrap_up_timeout=_seconds(item, "wrapUpTimeout", WRAP_UP_TIMEOUT, origin, where),
        )
        workgroups[workgroup.id.lower()] = workgroup
    return workgroups


def _external_numbers(numbers, origin: str) -> dict[str, ExternalNumber]:
    if not isinstance(numbers, dict) or not all(isinstance(v, dict) for v in numbers.values()):
        raise ScenarioError(
            f"Scenario {origin}: 'externalNumbers' must map numbers (or \"*\") to objects "
            'such as {"behaviour": "answer", "after": 2}.'
        )
    result = {"*": ExternalNumber()}
    for number, item in numbers.items():
        _known_keys(item, frozenset(("behaviour", "after")), f"external number {number}", origin)
        behaviour = item.get("behaviour", "answer")
        if behaviour not in EXTERNAL_BEHAVIOURS:
            raise ScenarioError(
                f"Scenario {origin}: the behaviour of external number {number} must be one of "
                f"{', '.join(EXTERNAL_BEHAVIOURS)}, not {behaviour!r}."
            )
        after = _seconds(item, "after", 1.0, origin, f" of external number {number}")
        result[str(number)] = ExternalNumber(behaviour, after)
    return result


def _license_pools(pools, origin: str) -> dict[str, int]:
    if not isinstance(pools, dict) or not all(
        isinstance(count, int) and not isinstance(count, bool) and count >= 0
        for count in pools.values()
    ):
        raise ScenarioError(
            f"Scenario {origin}: 'licenses' must map license names to counts of 0 or more."
        )
    return {str(name): count for name, count in pools.items()}


def _objects(data: dict[str, Any], key: str, origin: str) -> list[dict[str, Any]]:
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ScenarioError(f"Scenario {origin}: '{key}' must be a list of objects.")
    return items


def _strings(item: dict[str, Any], key: str, origin: str) -> list[str] | None:
    """A list of strings of a user or host; a lone string would otherwise become letters."""
    value = item.get(key)
    if value is not None and (
        not isinstance(value, list) or not all(isinstance(entry, str) for entry in value)
    ):
        owner = item.get("id") or item.get("address")
        raise ScenarioError(f"Scenario {origin}: '{key}' of {owner} must be a list of strings.")
    return list(value) if value is not None else None
