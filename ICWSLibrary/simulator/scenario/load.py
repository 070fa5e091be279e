"""Loading scenarios: files (JSON or TOML), the shipped ones by name, and the default.

A scenario file states only what differs from the default scenario
(``scenarios/default.json``); its top-level keys replace the default ones.
"""

from __future__ import annotations

import json
import re
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from .checks import (
    _flag,
    _known_keys,
    _license_pools,
    _media_level,
    _objects,
    _references,
    _seconds,
    _skill_settings,
    _strings,
    _text,
    media_types,
    skill_requirements,
)
from .model import (
    ACTION_DELAY,
    ALERT_TIMEOUT,
    EXTERNAL_BEHAVIOURS,
    NO_ANSWER_STATUS,
    PARK_TIMEOUT,
    RIGHT_ALIASES,
    SECURE_PAUSE_MAXIMUM,
    SECURE_PAUSE_TIMEOUT,
    STATION_KINDS,
    VOICEMAIL_LENGTH,
    WRAP_UP_STATUS,
    WRAP_UP_TIMEOUT,
    ExternalNumber,
    Host,
    Named,
    Scenario,
    ScenarioError,
    Station,
    User,
    Workgroup,
    WrapUpCode,
)
from .workforce import read_workforce

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

# The package whose folder scenarios/ holds the shipped scenarios.
_SHIPPED = __package__.rpartition(".")[0]


def _default_data() -> dict[str, Any]:
    text = resources.files(_SHIPPED).joinpath("scenarios/default.json").read_text("utf-8")
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
    folder = resources.files(_SHIPPED).joinpath("scenarios")
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
    folder = resources.files(_SHIPPED).joinpath("scenarios")
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
    if "users" in given and "workforce" not in given:
        # Nor do the default agents' schedules: no workforce management, so no wfm.
        data.pop("workforce", None)
        if "features" not in given:
            data["features"] = {k: v for k, v in data["features"].items() if k != "wfm"}
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
        "stations", "workgroups", "externalNumbers", "disconnectedLinger", "actionDelay",
        "parkTimeout", "voicemailLength", "securePauseTimeout", "securePauseMaximum",
        "skills", "roles", "wrapUpCategories", "wrapUpCodes", "skillsAttribute", "workforce",
    )
)  # fmt: skip
# Scenario keys of a user's personal information, and the ICWS names they answer as.
PERSONAL_KEYS = (
    ("firstName", "givenName"), ("lastName", "surname"), ("email", "emailAddress"),
    ("department", "departmentName"), ("title", "title"),
)  # fmt: skip
USER_KEYS = frozenset(
    (
        "id", "password", "displayName", "statusId", "statusChanged", "onPhone",
        "onPhoneChanged", "notes", "rights", "allowedStatuses", "defaultWorkstation",
        "licenses", "extension", "skills", "roles", "mediaLevel", "mediaTypes", "callAnalysis",
        "statusText", "recordCalls", "whenCalled", *(key for key, _ in PERSONAL_KEYS),
    )
)  # fmt: skip
WORKGROUP_KEYS = frozenset(
    (
        "id", "extension", "members", "supervisors", "activations", "alertTimeout",
        "noAnswerStatus", "skills", "isActive", "hasQueue", "isWrapUpActive", "wrapUpCodes",
        "wrapUpStatus", "wrapUpTimeout", "requiredSkills", "recordCalls",
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
            media_types=media_types(item, _media_level(item, origin), origin),
            call_analysis=_flag(item, "callAnalysis", False, f" of user {item['id']}", origin),
            record_calls=_flag(item, "recordCalls", False, f" of user {item['id']}", origin),
            when_called=_when_called(item, origin),
            personal={
                name: _text(item, key, f"user {item['id']}", origin)
                for key, name in PERSONAL_KEYS
                if item.get(key) is not None
            },
            status_text=(
                _text(item, "statusText", f"user {item['id']}", origin)
                if item.get("statusText") is not None
                else None
            ),
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
    idle = None
    if data.get("sessionIdleTimeout") is not None:
        idle = _seconds(data, "sessionIdleTimeout", 0.0, origin)
        if idle == 0:  # a session idle for no time at all could never be used
            raise ScenarioError(
                f"Scenario {origin}: 'sessionIdleTimeout' must be a number of seconds above 0."
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
        action_delay=_seconds(data, "actionDelay", ACTION_DELAY, origin),
        skills_attribute=_skills_attribute(data.get("skillsAttribute"), origin),
        park_timeout=_seconds(data, "parkTimeout", PARK_TIMEOUT, origin),
        voicemail_length=_seconds(data, "voicemailLength", VOICEMAIL_LENGTH, origin),
        secure_pause_timeout=_seconds(data, "securePauseTimeout", SECURE_PAUSE_TIMEOUT, origin),
        secure_pause_maximum=_seconds(data, "securePauseMaximum", SECURE_PAUSE_MAXIMUM, origin),
        features={str(name): int(version) for name, version in data.get("features", {}).items()},
        version={str(key): str(value) for key, value in data.get("version", {}).items()},
        hosts=hosts,
        ic_server=str(data.get("icServer", "cicsim")),
        languages=[str(lang).lower() for lang in data.get("languages", ["en-us"])],
        single_session_per_user=bool(data.get("singleSessionPerUser", False)),
        session_idle_timeout=idle,
        status_errors=status_errors,
        stream_backlog=bool(data.get("streamBacklog", True)),
        licenses=_license_pools(data.get("licenses", {}), origin),
        faults=list(data.get("faults", [])),
        workforce=read_workforce(data.get("workforce"), users, statuses, origin),
        source=origin,
    )


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
            members=tuple(members),
            supervisors=tuple(supervisors),
            # Members not named are activated, as new members of a workgroup are.
            activations={m.lower(): given.get(m.lower(), True) for m in members},
            alert_timeout=_seconds(item, "alertTimeout", ALERT_TIMEOUT, origin, where),
            no_answer_status=no_answer,
            skills=_skill_settings(item, skills, f"workgroup {name}", origin),
            required_skills=skill_requirements(
                item.get("requiredSkills", {}), skills, f"workgroup {name}", f"Scenario {origin}"
            ),
            is_active=_flag(item, "isActive", True, where, origin),
            has_queue=_flag(item, "hasQueue", True, where, origin),
            is_wrap_up_active=_flag(item, "isWrapUpActive", False, where, origin),
            record_calls=_flag(item, "recordCalls", False, where, origin),
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
        # [guess] An unanswered number rings half a minute unless the scenario says.
        ring = 30.0 if behaviour == "no answer" else 1.0
        after = _seconds(item, "after", ring, origin, f" of external number {number}")
        result[str(number)] = ExternalNumber(behaviour, after)
    return result


def _when_called(item: dict[str, Any], origin: str) -> str:
    value = item.get("whenCalled", "answer")
    if value not in EXTERNAL_BEHAVIOURS:
        raise ScenarioError(
            f"Scenario {origin}: 'whenCalled' of user {item.get('id')} must be one of "
            f"{', '.join(EXTERNAL_BEHAVIOURS)}, not {value!r:.40}."
        )
    return str(value)


def _skills_attribute(given: Any, origin: str) -> str | None:
    if given is None:
        return None
    if not isinstance(given, str) or not given.strip() or "," in given:
        raise ScenarioError(
            f"Scenario {origin}: 'skillsAttribute' must name an interaction attribute, such "
            f'as "RequiredSkills", not {given!r:.60}.'
        )
    return given.strip()
