"""Configuration objects: the scenario's users, workgroups, stations, skills, roles and
wrap-up codes seen as ICWS configuration objects, and the rules of reading and writing them.

Sources: CONTACT-CENTER.md 2.3-2.5 and the reference pages of the configuration lists:
- [doc] ``select`` names the properties wanted (``*`` all); without it, only the
  ``configurationId`` of each item. Properties with a null value are left out.
- [doc] ``where`` is a comma-delimited list of conditions ``property op value``, all of which
  must hold; ``op`` is ``eq`` (equals), ``sw`` (starts with) or ``ct`` (contains); each list
  type supports it on a few properties only.
- [doc] ``rightsFilter`` is ``view`` or ``admin`` (the default). Reading one object with the
  admin filter needs the right; a list lists no 403, so it is filtered instead.
- [doc] ``Range: items=0-199`` pages a list; with properties selected a server returns at
  most 200 items, without them every item, whatever the Range.
- [doc] Items sort by ``configurationId.displayName``.

The objects are built from the scenario at each read, so a change made anywhere (an
administrator's write, the scenario itself) shows in the next read and in subscriptions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from ...protocol.configuration import SDK_PROPERTIES, STATION_TYPES
from ...protocol.errors import INVALID_PROPERTY_ERROR
from ..contact import ContactCenter
from ..errors import SimulatorError
from ..scenario import Scenario, User, Workgroup, WrapUpCode

# [doc] The most items a list answers when properties are selected.
LIST_LIMIT = 200
# The right that lets a user read with rightsFilter=admin and write configuration.
CONFIGURATION_ADMIN = "configurationAdmin"
# [doc] workgroup queueType ACD.
ACD_QUEUE_TYPE = 5
MESSAGE_TYPE = "urn:inin.com:configuration.people:{}Message"
# Which values of an inheritable collection a read asks for: (actualValues,
# inheritedValues). [real] Without the switches a server answers effectiveValue alone.
Values = tuple[bool, bool]
DEFAULT_VALUES: Values = (False, True)


class ConfigurationError(SimulatorError):
    """A request the store refuses: ``status`` 400, 403, 404 or 501 and a message saying
    why; a 400 about one property is an invalidPropertyError naming it."""

    def __init__(self, status: int, message: str, property_name: str | None = None):
        extra = {}
        if status == 400 and property_name:
            extra = {"__type": INVALID_PROPERTY_ERROR, "propertyName": property_name}
            error_id = "error.request.invalidRepresentation.invalidProperty"
        else:
            error_id = _ERROR_IDS[status]
        super().__init__(status, error_id, message, None, **extra)
        self.property_name = property_name


_ERROR_IDS = {
    400: "error.request.invalidRepresentation",
    403: "error.request.accessDenied",
    404: "error.request.notFound",
    501: "simulator.notSimulated",
}


def configuration_id(kind: str, object_id: str, display_name: str | None = None) -> dict:
    """[real] ``{"id": "AVP Sales", "displayName": "AVP Sales",
    "uri": "/configuration/workgroups/AVP%20Sales"}``."""
    return {
        "id": object_id,
        "displayName": display_name or object_id,
        "uri": f"/configuration/{kind}/{quote(object_id, safe='')}",
    }


@dataclass(frozen=True)
class ObjectType:
    """One list type of configuration object."""

    name: str
    # The objects of the scenario, and for each its id, display name and properties.
    objects: Callable[[], Iterable[Any]]
    display_name: Callable[[Any], str]
    properties: Callable[[Any], dict[str, Any]]
    # The names ``properties`` answers, which ``select`` may name.
    names: tuple[str, ...] = ()
    # [doc] Properties besides the configurationId that ``where`` may test.
    searchable: tuple[str, ...] = ()
    # Properties an administrator may write (POST and PUT); empty: read-only here.
    writable: tuple[str, ...] = ()
    # Whether configuration subscriptions exist for it (stations are not in the SDK).
    subscribable: bool = True

    def where_properties(self) -> tuple[str, ...]:
        return ("configurationId.id", "configurationId.displayName", *self.searchable)


@dataclass
class ConfigurationWatch:
    """One configuration subscription: which objects, which properties, and what the
    subscriber last heard of each (id -> object)."""

    kind: str
    ids: set[str] | None  # lower-case ids; None: every object ("*")
    properties: list[str]
    # Asked with the admin filter by a user without the right: sees nothing.
    hidden: bool
    known: dict[str, dict] = field(default_factory=dict)


def _id_of(value) -> str | None:
    """An id given as a ConfigurationId object or as plain text."""
    if isinstance(value, dict):
        value = value.get("id")
    return str(value) if isinstance(value, (str, int)) and str(value) else None


class Objects:
    """The scenario's objects seen as configuration objects, one view per type."""

    def __init__(self, scenario: Scenario, contact: ContactCenter):
        self.scenario = scenario
        self.contact = contact
        s = scenario
        self.types: dict[str, ObjectType] = {
            "users": ObjectType(
                "users", lambda: s.users.values(), lambda u: u.display_name, self._user,
                names=SDK_PROPERTIES["users"], searchable=("extension",),
                # [guess] password: write-only, as configuration tools set it; never read.
                writable=(
                    "extension", "workgroups", "skills", "roles", "defaultWorkstation", "password"
                ),
            ),
            "workgroups": ObjectType(
                "workgroups", lambda: s.workgroups.values(), lambda w: w.id, self._workgroup,
                names=SDK_PROPERTIES["workgroups"], searchable=("extension",),
                writable=(
                    "extension", "members", "supervisors", "skills", "isActive", "hasQueue",
                    "isWrapUpActive", "wrapUpCodes", "wrapUpStatus", "wrapUpTimeout",
                    "noAnswerStatus",
                ),
            ),
            "stations": ObjectType(
                "stations", lambda: s.stations.values(), lambda st: st.id,
                lambda st: {"extension": st.extension, "stationType": STATION_TYPES[st.kind]},
                names=SDK_PROPERTIES["stations"], searchable=("extension",), subscribable=False,
            ),
            "skills": ObjectType(
                "skills", lambda: s.skills.values(), lambda n: n.display_name, lambda n: {},
                names=SDK_PROPERTIES["skills"],
            ),
            "roles": ObjectType(
                "roles", lambda: s.roles.values(), lambda n: n.display_name, lambda n: {},
                names=SDK_PROPERTIES["roles"],
            ),
            "wrap-up-categories": ObjectType(
                "wrap-up-categories", lambda: s.wrap_up_categories.values(),
                lambda n: n.display_name, lambda n: {}, names=SDK_PROPERTIES["wrap-up-categories"],
            ),
            "wrap-up-codes": ObjectType(
                "wrap-up-codes", lambda: s.wrap_up_codes.values(), lambda c: c.label,
                self._wrap_up_code, names=SDK_PROPERTIES["wrap-up-codes"], searchable=("digits",),
            ),
        }  # fmt: skip

    # -- the objects --------------------------------------------------------------------------

    def _user(self, user: User) -> dict:
        station = user.default_workstation
        return {
            "extension": user.extension,
            # [real] An empty collection is a null property: left out of the answer.
            "workgroups": [
                configuration_id("workgroups", w.id)
                for w in self.scenario.workgroups.values()
                if w.has_member(user.id)
            ]
            or None,
            "skills": _skill_settings_property(user.skills),
            # [real] roles is an inheritable collection: {"effectiveValue": [...]}.
            "roles": _inheritable([configuration_id("roles", role) for role in user.roles]),
            "defaultWorkstation": configuration_id("stations", station) if station else None,
            "licenseProperties": {
                "hasClientAccess": "I3_ACCESS_CLIENT" in user.licenses,
                "mediaLevel": user.media_level,
                # [real] A user body has "mediaTypes": [2] and "allocationType": 0 beside
                # mediaLevel 1; [guess] the media numbers are the SDK's, 0 the usual type.
                **({"mediaTypes": list(user.media_types)} if user.media_types else {}),
                "allocationType": 0,
                "licenseActive": bool(user.licenses),
                # [real] Add-ons only (the client access and ACD licences are the fields
                # above), each with a display name and the uri of its licence allocation.
                "additionalLicenses": [
                    {
                        "id": name,
                        "displayName": _licence_name(name),
                        "uri": f"/configuration/license-allocations/{quote(name, safe='')}",
                    }
                    for name in sorted(user.licenses)
                    if name not in BASE_LICENCES
                ],
            },
            "statusText": user.status_text,
            # [real] A user body has "cost": 0 and both auto-answer switches false.
            "cost": 0,
            "autoAnswerAcdInteractions": False,
            "autoAnswerNonAcdInteractions": False,
            "excludeFromDirectory": False,
            "personalInformationProperties": dict(user.personal) or None,
            "mailboxProperties": (
                {"emailAddress": user.personal["emailAddress"], "displayName": user.display_name}
                if "emailAddress" in user.personal
                else None
            ),
        }

    def _workgroup(self, workgroup: Workgroup) -> dict:
        status_id = lambda status: configuration_id("status-messages", status)  # noqa: E731
        return {
            "extension": workgroup.extension or None,
            "queueType": ACD_QUEUE_TYPE,
            "hasQueue": workgroup.has_queue,
            "isActive": workgroup.is_active,
            "members": [self._user_id(m) for m in workgroup.members],
            "supervisors": [self._user_id(m) for m in workgroup.supervisors],
            "skills": [
                {"id": configuration_id("skills", skill), "proficiency": p, "desireToUse": d}
                for skill, (p, d) in workgroup.skills.items()
            ],
            "isWrapUpActive": workgroup.is_wrap_up_active,
            "wrapUpCodes": [self._code_id(code) for code in workgroup.wrap_up_codes],
            "wrapUpStatus": status_id(workgroup.wrap_up_status),
            "wrapUpTimeout": int(workgroup.wrap_up_timeout),
            "noAnswerStatus": status_id(workgroup.no_answer_status),
            # [real] Selected by a queue-statistics client. [guess] Callbacks reach every
            # workgroup here; the simulator routes no ACD email.
            "isCallbackEnabled": True,
            "isAcdEmailRoutingActive": False,
        }

    def _wrap_up_code(self, code: WrapUpCode) -> dict:
        return {
            "label": {"defaultValue": code.label},
            "category": (
                configuration_id("wrap-up-categories", code.category) if code.category else None
            ),
            "digits": code.digits,
            "isPermanent": False,
            "isRightPartyContact": False,
        }

    def _user_id(self, user_id: str) -> dict:
        """A member's configurationId (the scenario checks members name users)."""
        user = self.scenario.user(user_id)
        if user is None:
            return configuration_id("users", user_id)
        return configuration_id("users", user.id, user.display_name)

    def _code_id(self, code_id: str) -> dict:
        code = self.scenario.wrap_up_code(code_id)
        if code is None:
            return configuration_id("wrap-up-codes", code_id)
        return configuration_id("wrap-up-codes", code.id, code.label)

    def object_type(self, kind: str) -> ObjectType:
        found = self.types.get(kind.lower())
        if found is None:
            raise ConfigurationError(404, f"The simulator has no configuration type {kind}.")
        return found

    def identity(self, kind: str, item) -> dict:
        """The configurationId of one object."""
        return configuration_id(kind, item.id, self.types[kind].display_name(item))

    def find(self, kind: str, object_id: str):
        key = str(object_id).casefold()
        for item in self.object_type(kind).objects():
            if item.id.casefold() == key:
                return item
        return None

    def existing(self, kind: str, object_id: str):
        """The object of that id; a 404 naming it when there is none."""
        item = self.find(kind, object_id)
        if item is None:
            raise ConfigurationError(404, f"The {kind} object {object_id} was not found.")
        return item

    def full(self, kind: str, item) -> dict:
        """Every property of one object, nulls included, under its configurationId."""
        return {"configurationId": self.identity(kind, item), **self.types[kind].properties(item)}

    def selected(
        self, kind: str, item, select: list[str] | None, values: Values = DEFAULT_VALUES
    ) -> dict:
        """The object as a read answers it: the configurationId, the selected properties
        (``["*"]``: all), nulls left out, inheritable collections as ``values`` asks."""
        if not select:
            return {"configurationId": self.identity(kind, item)}
        whole = self.full(kind, item)
        result: dict[str, Any] = {"configurationId": whole["configurationId"]}
        paths = [n for n in whole if n != "configurationId"] if select == ["*"] else select
        for path in paths:
            name, _, inside = path.partition(".")
            value = _with_values(whole.get(name), values)
            if inside and value is not None:
                # [guess] A dotted path answers that part of the property alone.
                part = _part(value, inside)
                if part is None:
                    continue
                held = result.get(name)
                value = _merged(held if isinstance(held, dict) else {}, inside, part)
            if value is not None:
                result[name] = value
        return result


def _inheritable(values: list) -> dict | None:
    """[doc] An inheritable collection: the object's own values (actualValue) and, with
    nothing inherited here, the same as its effective ones; null when empty."""
    return {"actualValue": values, "effectiveValue": values} if values else None


def _with_values(value, values: Values):
    """An inheritable collection with the values a read asks for: actualValue with the
    actualValues switch, effectiveValue unless inheritedValues is false; null when none."""
    if not (isinstance(value, dict) and "actualValue" in value and "effectiveValue" in value):
        return value
    actual, inherited = values
    kept = {key: value[key] for key, wanted in
            (("actualValue", actual), ("effectiveValue", inherited)) if wanted}  # fmt: skip
    return kept or None


def _skill_settings_property(skills: dict[str, tuple[int, int]]) -> dict | None:
    """[doc] SkillSettingsProperties: an inheritable collection of the skills."""
    return _inheritable([
        {"id": configuration_id("skills", skill), "proficiency": p, "desireToUse": d}
        for skill, (p, d) in skills.items()
    ])  # fmt: skip


# The licences licenseProperties states in fields of their own, not as add-ons.
BASE_LICENCES = frozenset({"I3_ACCESS_CLIENT", "I3_ACCESS_ACD", "I3_LICENSE_BASIC_STATION"})


# [real] Display names of add-on licences, as a user body has them.
LICENCE_NAMES = {
    "I3_ACCESS_DIALER_ADDON": "Interaction Dialer Add-On",
    "I3_ACCESS_DIALER_SUPERVISOR_PLUGIN": "Interaction Supervisor Plug-In: Interaction Dialer",
    "I3_ACCESS_HISTORICAL_REPORT_SUPERVISOR_PLUGIN": "Interaction Supervisor Plug-In: Historical Reporting",
    "I3_ACCESS_INTERACTION_SCRIPTER_ADDON": "Interaction Scripter",
    "I3_ACCESS_RECORDER": "Interaction Recorder Access",
    "I3_ACCESS_RECORDER_CLIENT": "Interaction Recorder Client Access",
    "I3_ACCESS_RECORDER_QUALITYMONITORING": "Interaction Quality Manager",
    "I3_ACCESS_REPORT_ASSISTANT_SUPERVISOR_PLUGIN": "Interaction Supervisor Plug-In: Reporting Assistant",
    "I3_ACCESS_SYSTEM_STATUS_SUPERVISOR_PLUGIN": "Interaction Supervisor Plug-In: System Status",
    "I3_ACCESS_WORKGROUP_SUPERVISOR_PLUGIN": "Interaction Supervisor Plug-In: Workgroup",
}


def _licence_name(name: str) -> str:
    """A licence's display name; [guess] for one not in :data:`LICENCE_NAMES`, from its
    id: I3_ACCESS_FAX -> "Fax Access"."""
    if name in LICENCE_NAMES:
        return LICENCE_NAMES[name]
    words = name.removeprefix("I3_").split("_")
    if words and words[0] == "ACCESS":
        words = [*words[1:], "ACCESS"]
    return " ".join(word.capitalize() for word in words if word) or name


def _part(value, path: str):
    """The part of an object a dotted path names (None when absent); a whole property
    that is a list or text is answered whole."""
    if not isinstance(value, dict):
        return value
    return _dotted(value, path)


def _merged(into: dict, path: str, part) -> dict:
    """``into`` with ``part`` placed at ``path`` (``a.b``: ``{"a": {"b": part}}``)."""
    head, _, rest = path.partition(".")
    result = dict(into)
    if rest:
        inner = result.get(head)
        result[head] = _merged(inner if isinstance(inner, dict) else {}, rest, part)
    else:
        result[head] = part
    return result


def _dotted(value, path: str):
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _snake_case(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _camel(kind: str) -> str:
    first, *rest = kind.split("-")
    return first + "".join(part.capitalize() for part in rest)
