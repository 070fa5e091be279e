"""The configuration store: the scenario's users, workgroups, stations, skills, roles and
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

from .clock import checked_seconds
from .scenario import Named, Scenario, User, Workgroup, WrapUpCode

RIGHTS_FILTERS = ("view", "admin")
# [doc] The most items a list answers when properties are selected.
LIST_LIMIT = 200
# The right that lets a user read with rightsFilter=admin and write configuration.
CONFIGURATION_ADMIN = "configurationAdmin"
# [doc] workgroup queueType ACD.
ACD_QUEUE_TYPE = 5
MESSAGE_TYPE = "urn:inin.com:configuration.people:{}Message"
USER_PROPERTIES = (
    "extension", "workgroups", "skills", "roles", "defaultWorkstation", "licenseProperties",
)  # fmt: skip
WORKGROUP_PROPERTIES = (
    "extension", "queueType", "hasQueue", "isActive", "members", "supervisors", "skills",
    "isWrapUpActive", "wrapUpCodes", "wrapUpStatus", "wrapUpTimeout", "noAnswerStatus",
)  # fmt: skip
WRAP_UP_CODE_PROPERTIES = ("label", "category", "digits", "isPermanent", "isRightPartyContact")


class ConfigurationError(ValueError):
    """A request the store refuses: ``status`` 400, 403 or 404, and a message saying why."""

    def __init__(self, status: int, message: str, property_name: str | None = None):
        super().__init__(message)
        self.status = status
        self.property_name = property_name


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


class ConfigurationStore:
    def __init__(self, scenario: Scenario, contact):
        self.scenario = scenario
        self.contact = contact
        s = scenario
        self.types: dict[str, ObjectType] = {
            "users": ObjectType(
                "users", lambda: s.users.values(), lambda u: u.display_name, self._user,
                names=USER_PROPERTIES, searchable=("extension",),
                # [guess] password: write-only, as configuration tools set it; never read.
                writable=(
                    "extension", "workgroups", "skills", "roles", "defaultWorkstation", "password"
                ),
            ),
            "workgroups": ObjectType(
                "workgroups", lambda: s.workgroups.values(), lambda w: w.id, self._workgroup,
                names=WORKGROUP_PROPERTIES, searchable=("extension",),
                writable=(
                    "extension", "members", "supervisors", "skills", "isActive", "hasQueue",
                    "isWrapUpActive", "wrapUpCodes", "wrapUpStatus", "wrapUpTimeout",
                    "noAnswerStatus",
                ),
            ),
            "stations": ObjectType(
                "stations", lambda: s.stations.values(), lambda st: st.id,
                lambda st: {"extension": st.extension, "stationType": st.kind},
                names=("extension", "stationType"), searchable=("extension",), subscribable=False,
            ),
            "skills": ObjectType(
                "skills", lambda: s.skills.values(), lambda n: n.display_name, lambda n: {}
            ),
            "roles": ObjectType(
                "roles", lambda: s.roles.values(), lambda n: n.display_name, lambda n: {}
            ),
            "wrap-up-categories": ObjectType(
                "wrap-up-categories", lambda: s.wrap_up_categories.values(),
                lambda n: n.display_name, lambda n: {},
            ),
            "wrap-up-codes": ObjectType(
                "wrap-up-codes", lambda: s.wrap_up_codes.values(), lambda c: c.label,
                self._wrap_up_code, names=WRAP_UP_CODE_PROPERTIES, searchable=("digits",),
            ),
        }  # fmt: skip

    # -- the objects --------------------------------------------------------------------------

    def _user(self, user: User) -> dict:
        station = user.default_workstation
        return {
            "extension": user.extension,
            "workgroups": [
                configuration_id("workgroups", w.id)
                for w in self.scenario.workgroups.values()
                if w.has_member(user.id)
            ],
            "skills": _skill_settings_property(user.skills),
            "roles": [configuration_id("roles", role) for role in user.roles],  # [guess] shape
            "defaultWorkstation": configuration_id("stations", station) if station else None,
            "licenseProperties": {
                "hasClientAccess": "I3_ACCESS_CLIENT" in user.licenses,
                "mediaLevel": user.media_level,
                "licenseActive": bool(user.licenses),
                "additionalLicenses": [  # [guess] licenses as ConfigurationIds
                    {"id": name, "displayName": name} for name in sorted(user.licenses)
                ],
            },
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
        user = self.scenario.user(user_id)
        return configuration_id("users", user.id, user.display_name)

    def _code_id(self, code_id: str) -> dict:
        code = self.scenario.wrap_up_code(code_id)
        return configuration_id("wrap-up-codes", code.id, code.label)

    # -- reading ------------------------------------------------------------------------------

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

    def selected(self, kind: str, item, select: list[str] | None) -> dict:
        """The object as a read answers it: the configurationId, the selected properties
        (``["*"]``: all), nulls left out."""
        if not select:
            return {"configurationId": self.identity(kind, item)}
        whole = self.full(kind, item)
        result = {"configurationId": whole["configurationId"]}
        names = [n for n in whole if n != "configurationId"] if select == ["*"] else select
        for name in names:
            if whole.get(name) is not None:
                result[name] = whole[name]
        return result

    def check_select(self, kind: str, text: str | None) -> list[str] | None:
        """The selected property names; unknown names are an error naming the known ones."""
        if not text:
            return None
        paths = [part.strip() for part in text.split(",") if part.strip()]
        names = [path.split(".")[0] for path in paths]
        if names == ["*"]:
            return names
        sample = {"configurationId", *self.types[kind].names}
        unknown = [name for name in names if name not in sample]
        if not unknown:
            self._check_dotted(kind, [path for path in paths if "." in path])
        if unknown:
            # [guess] A real server's answer to an unknown property is not known.
            raise ConfigurationError(
                400,
                f"The {kind} objects have no propert{'y' if len(unknown) == 1 else 'ies'} "
                f"{', '.join(unknown)}; the simulator knows {', '.join(sorted(sample))}.",
                "select",
            )
        return names

    def _check_dotted(self, kind: str, paths: list[str]) -> None:
        """A dotted path selects inside a property whose value is an object or a list
        (licenseProperties.mediaLevel); inside text or a number there is nothing to select.
        [guess] a 400, as for an unknown property."""
        example = next(iter(self.object_type(kind).objects()), None) if paths else None
        if example is None:
            return
        whole = self.full(kind, example)
        for path in paths:
            value = whole
            for step in path.split("."):
                if isinstance(value, list):
                    value = value[0] if value else None
                if not isinstance(value, dict):
                    raise ConfigurationError(
                        400,
                        f"select {path!r}: the {kind} property {path.split('.')[0]} holds no "
                        f"{step!r} to select.",
                        "select",
                    )
                if step not in value:
                    # A part the example lacks may be set on another object: accepted.
                    break
                value = value[step]

    def filters_out(self, user: User, rights_filter: str | None) -> bool:
        """Whether the rights filter keeps every object from ``user``: the admin filter
        (the default) without the administrator's right. An unknown filter is an error."""
        value = (rights_filter or "admin").lower()
        if value not in RIGHTS_FILTERS:
            raise ConfigurationError(
                400, f"rightsFilter must be view or admin, not {rights_filter!r}.", "rightsFilter"
            )
        return value == "admin" and not user.may(CONFIGURATION_ADMIN)

    def read(self, user: User, kind: str, object_id: str, select, rights_filter) -> dict:
        hidden = self.filters_out(user, rights_filter)
        names = self.check_select(kind, select)
        item = self.existing(kind, object_id)
        if hidden:
            raise ConfigurationError(
                403,
                f"The user {user.id} does not have the administrator's right to {kind} "
                f"{item.id}; read with rightsFilter=view.",
            )
        return self.selected(kind, item, names)

    def search(self, user: User, kind: str, select, where, rights_filter, first=0, last=None):
        """The items of a list read: filtered, sorted by display name, and paged."""
        hidden = self.filters_out(user, rights_filter)
        names = self.check_select(kind, select)
        conditions = self.check_where(kind, where)
        if hidden:
            return []
        object_type = self.types[kind]
        items = sorted(object_type.objects(), key=lambda i: object_type.display_name(i).casefold())
        found = [item for item in items if self._meets(kind, item, conditions)]
        if names:
            end = len(found) if last is None else last + 1
            found = found[first:end][:LIST_LIMIT]
        return [self.selected(kind, item, names) for item in found]

    def _meets(self, kind: str, item, conditions) -> bool:
        if not conditions:
            return True
        whole = self.full(kind, item)
        return all(test(_dotted(whole, path)) for path, test in conditions)

    def check_where(self, kind: str, where: str | None) -> list[tuple[str, Callable]]:
        conditions = []
        supported = self.types[kind].where_properties()
        for text in (where or "").split(","):
            if not text.strip():
                continue
            parts = text.split(None, 2)
            if len(parts) < 3 or parts[1].lower() not in ("eq", "sw", "ct"):
                raise ConfigurationError(
                    400,
                    f"The where condition {text.strip()!r} is not 'property eq|sw|ct value'.",
                    "where",
                )
            path, operator, value = parts[0], parts[1].lower(), parts[2].strip()
            if value[:1] in ("'", '"') and (len(value) < 2 or value[-1] != value[0]):
                # An unclosed quote once matched everything.
                raise ConfigurationError(
                    400, f"The where condition {text.strip()!r} has an unclosed quote.", "where"
                )
            value = value.strip("'\"")
            if path not in supported:
                raise ConfigurationError(
                    400,
                    f"where is not supported for {path} of {kind}; it is for "
                    f"{', '.join(supported)}.",
                    "where",
                )
            conditions.append((path, _matcher(operator, value.casefold())))
        return conditions

    # -- writing ------------------------------------------------------------------------------

    def check_admin(self, user: User) -> None:
        if not user.may(CONFIGURATION_ADMIN):
            raise ConfigurationError(
                403, f"The user {user.id} does not have the right to change configuration objects."
            )

    def writable(self, kind: str) -> ObjectType:
        object_type = self.object_type(kind)
        if not object_type.writable:
            raise ConfigurationError(
                501, f"The ICWS simulator does not simulate changing {kind} objects."
            )
        return object_type

    def create(self, user: User, kind: str, body) -> dict:
        self.check_admin(user)
        self.writable(kind)
        given = body.get("configurationId") if isinstance(body, dict) else None
        object_id = _id_of(given)
        if object_id is None:
            raise ConfigurationError(400, "The configurationId.id is required.", "configurationId")
        if self.find(kind, object_id) is not None:
            raise ConfigurationError(  # [guess] status and wording
                400, f"The {kind} object {object_id} already exists.", "configurationId"
            )
        display = given.get("displayName") if isinstance(given, dict) else None
        if kind == "users":
            item = User(id=object_id, password="", display_name=str(display or object_id))
            changes = self._check_changes(kind, body)
            self.scenario.users[item.id.lower()] = item
            self.contact.state.add_user(item)
        else:
            item = Workgroup(id=object_id)
            changes = self._check_changes(kind, body)
            self.scenario.workgroups[item.id.lower()] = item
        self._apply(kind, item, changes)
        return self.identity(kind, item)

    def update(self, user: User, kind: str, object_id: str, body) -> dict:
        self.check_admin(user)
        self.writable(kind)
        item = self.existing(kind, object_id)
        self._apply(kind, item, self._check_changes(kind, body))
        return self.identity(kind, item)

    def delete(self, user: User, kind: str, object_id: str) -> None:
        self.check_admin(user)
        self.writable(kind)
        item = self.existing(kind, object_id)
        if kind == "users":
            if item is user:
                raise ConfigurationError(400, f"The user {user.id} cannot delete themselves.")
            self.contact.state.end_user_sessions(item.id, "The user was deleted.")
            for workgroup in self.scenario.workgroups.values():
                for names in (workgroup.members, workgroup.supervisors):
                    names[:] = [n for n in names if n.lower() != item.id.lower()]
                self.contact.workgroup_changed(workgroup)
            del self.scenario.users[item.id.lower()]
        else:
            self.contact.forget_workgroup(item)
            del self.scenario.workgroups[item.id.lower()]

    def _check_changes(self, kind: str, body) -> dict:
        """Every property of a write body checked before any is applied."""
        if not isinstance(body, dict):
            raise ConfigurationError(400, f"The body of a {kind} write must be a JSON object.")
        allowed = self.types[kind].writable
        changes = {}
        for name, value in body.items():
            if name == "configurationId":
                display = value.get("displayName") if isinstance(value, dict) else None
                if display is not None and kind == "users":
                    changes["displayName"] = str(display)
                continue
            if name not in allowed:
                raise ConfigurationError(
                    400,
                    f"The simulator does not change the property {name} of {kind}; it changes "
                    f"{', '.join(allowed)}.",
                    name,
                )
            changes[name] = self._check_value(name, value)
        return changes

    def _check_value(self, name: str, value):
        if name == "password":
            if not isinstance(value, str) or not value:
                raise ConfigurationError(400, "password must be text, not empty.", name)
            return value
        scenario = self.scenario
        lists = {
            "workgroups": (scenario.workgroup, "workgroup"),
            "members": (scenario.user, "user"),
            "supervisors": (scenario.user, "user"),
            "roles": (lambda key: scenario.roles.get(key.lower()), "role"),
            "wrapUpCodes": (scenario.wrap_up_code, "wrap-up code"),
        }
        if name in lists:
            find, what = lists[name]
            if not isinstance(value, list):
                raise ConfigurationError(400, f"{name} must be a list of ids.", name)
            found = []
            for entry in value:
                key = _id_of(entry)
                target = find(key) if key else None
                if target is None:
                    raise ConfigurationError(400, f"{name} names no known {what}: {entry!r}.", name)
                # [guess] An id listed twice (in any case) is one member, not two.
                if target.id not in found:
                    found.append(target.id)
            return found
        if name == "skills":
            if not isinstance(value, list):
                raise ConfigurationError(400, "skills must be a list of skill settings.", name)
            settings = {}
            for entry in value:
                skill = scenario.skills.get((_id_of(entry.get("id")) or "").lower()) if isinstance(
                    entry, dict) else None  # fmt: skip
                levels = [entry.get(k, 0) for k in ("proficiency", "desireToUse")] if skill else []
                if skill is None or not all(
                    isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 100 for v in levels
                ):
                    raise ConfigurationError(
                        400,
                        f"Each skill setting names a known skill, with proficiency and "
                        f"desireToUse from 0 to 100: {entry!r}.",
                        name,
                    )
                settings[skill.id] = (levels[0], levels[1])
            return settings
        if name in ("wrapUpStatus", "noAnswerStatus"):
            status = self.contact.state.statuses.get((_id_of(value) or "").casefold())
            if status is None:
                raise ConfigurationError(400, f"{name} names no known status: {value!r}.", name)
            return status["statusId"]
        if name == "defaultWorkstation":
            station = scenario.station(_id_of(value) or "") if value is not None else None
            if value is not None and station is None:
                raise ConfigurationError(400, f"{name} names no known station: {value!r}.", name)
            return station.id if station else None
        if name in ("isActive", "hasQueue", "isWrapUpActive"):
            if not isinstance(value, bool):
                raise ConfigurationError(400, f"{name} must be true or false.", name)
            return value
        if name == "wrapUpTimeout":
            try:
                return checked_seconds(value)
            except ValueError as error:
                raise ConfigurationError(400, f"{name} {error}.", name) from None
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise ConfigurationError(400, f"{name} must be text.", name)
        return str(value)

    def _apply(self, kind: str, item, changes: dict) -> None:
        for name, value in changes.items():
            if kind == "users" and name == "workgroups":
                self._set_membership(item, value)
            else:
                # The scenario's fields are the ICWS property names in snake case.
                setattr(item, _snake_case(name), value)
        if kind == "workgroups":
            self.contact.workgroup_changed(item)
        else:
            # A user's licences or roles may decide what ACD offers them.
            self.contact.activations.eligibility_changed()

    def _set_membership(self, user: User, workgroup_ids: list[str]) -> None:
        wanted = {w.lower() for w in workgroup_ids}
        for workgroup in self.scenario.workgroups.values():
            inside = workgroup.has_member(user.id)
            if workgroup.id.lower() in wanted and not inside:
                workgroup.members.append(user.id)
            elif workgroup.id.lower() not in wanted and inside:
                workgroup.members[:] = [
                    m for m in workgroup.members if m.lower() != user.id.lower()
                ]
            else:
                continue
            self.contact.workgroup_changed(workgroup)

    # -- subscriptions ------------------------------------------------------------------------

    def watched(self, watch: ConfigurationWatch) -> dict[str, dict]:
        """What a subscription sees now: id -> object with its properties, nulls left out."""
        if watch.hidden:
            return {}
        seen = {}
        for item in self.types[watch.kind].objects():
            if watch.ids is None or item.id.lower() in watch.ids:
                seen[item.id.lower()] = self.selected(watch.kind, item, watch.properties)
        return seen

    def first_message(self, subscription_id: str, watch: ConfigurationWatch) -> dict:
        watch.known = self.watched(watch)
        return {
            "__type": MESSAGE_TYPE.format(_camel(watch.kind)),
            "isDelta": False,
            "subscriptionId": subscription_id,
            "added": list(watch.known.values()),
            "changed": [],
            "removed": [],
        }

    def changes(self, subscription_id: str, watch: ConfigurationWatch) -> dict | None:
        """The delta since the subscriber last heard, or None when nothing changed."""
        now = self.watched(watch)
        added = [view for key, view in now.items() if key not in watch.known]
        changed = [
            view for key, view in now.items() if key in watch.known and watch.known[key] != view
        ]
        removed = [
            view["configurationId"] for key, view in watch.known.items() if key not in now
        ]  # [guess] removed items as ConfigurationIds
        watch.known = now
        if not (added or changed or removed):
            return None
        return {
            "__type": MESSAGE_TYPE.format(_camel(watch.kind)),
            "isDelta": True,
            "subscriptionId": subscription_id,
            "added": added,
            "changed": changed,
            "removed": removed,
        }


def _skill_settings_property(skills: dict[str, tuple[int, int]]) -> dict:
    """[doc] SkillSettingsProperties: the user's own skills (actualValue) and, with nothing
    inherited here, the same as effectiveValue."""
    settings = [
        {"id": configuration_id("skills", skill), "proficiency": p, "desireToUse": d}
        for skill, (p, d) in skills.items()
    ]
    return {"actualValue": settings, "effectiveValue": settings}


def _dotted(value, path: str):
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _matcher(operator: str, wanted: str) -> Callable[[Any], bool]:
    def test(value) -> bool:
        if value is None:
            return False
        text = str(value).casefold()  # [guess] CIC compares without regard to case
        if operator == "eq":
            return text == wanted
        if operator == "sw":
            return text.startswith(wanted)
        return wanted in text

    return test


def _snake_case(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _camel(kind: str) -> str:
    first, *rest = kind.split("-")
    return first + "".join(part.capitalize() for part in rest)


__all__ = [
    "CONFIGURATION_ADMIN",
    "ConfigurationError",
    "ConfigurationStore",
    "ConfigurationWatch",
    "Named",
    "configuration_id",
]
