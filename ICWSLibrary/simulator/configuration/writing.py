"""Writing configuration: who may, what may be written, the checks of each value, and
applying it to the scenario (so routing sees it)."""

from __future__ import annotations

from ..clock import checked_seconds
from ..scenario import User, Workgroup
from .objects import (
    CONFIGURATION_ADMIN,
    ConfigurationError,
    Objects,
    ObjectType,
    _id_of,
    _snake_case,
)


class Writing(Objects):
    """One concern of :class:`~.ConfigurationStore`, over the object views of
    :class:`~.objects.Objects`."""

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
        item: User | Workgroup
        if kind == "users":
            user_item = User(id=object_id, password="", display_name=str(display or object_id))
            changes = self._check_changes(kind, body)
            self.scenario.users[user_item.id.lower()] = user_item
            self.contact.state.add_user(user_item)
            item = user_item
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
                for role in ("members", "supervisors"):
                    kept = [n for n in getattr(workgroup, role) if n.lower() != item.id.lower()]
                    setattr(workgroup, role, kept)
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
                workgroup.members = (*workgroup.members, user.id)
            elif workgroup.id.lower() not in wanted and inside:
                workgroup.members = tuple(
                    m for m in workgroup.members if m.lower() != user.id.lower()
                )
            else:
                continue
            self.contact.workgroup_changed(workgroup)
