"""Reading configuration: ``select``, ``where``, ``rightsFilter`` and paging."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...protocol.configuration import RIGHTS_FILTERS
from ...protocol.names import did_you_mean
from ..scenario import User
from .objects import (
    CONFIGURATION_ADMIN,
    DEFAULT_VALUES,
    LIST_LIMIT,
    ConfigurationError,
    Objects,
    Values,
    _dotted,
)


class Reading(Objects):
    """One concern of :class:`~.ConfigurationStore`, over the object views of
    :class:`~.objects.Objects`."""

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
                f"{', '.join(unknown)}.{did_you_mean(unknown[0], sample, 'properties')} The "
                f"simulator knows {', '.join(sorted(sample))}.",
                "select",
            )
        return paths

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
            known = ", ".join(RIGHTS_FILTERS.values())
            raise ConfigurationError(
                400, f"rightsFilter must be {known}, not {rights_filter!r}.", "rightsFilter"
            )
        return value == "admin" and not user.may(CONFIGURATION_ADMIN)

    @staticmethod
    def only_own(kind: str, rights_filter: str | None) -> bool:
        """[real] loggedInUser reads the logged-in user's own configuration; [guess] of
        users, that user alone; other types as with view."""
        return kind == "users" and (rights_filter or "").lower() == "loggedinuser"

    def read(
        self, user: User, kind: str, object_id: str, select, rights_filter,
        values: Values = DEFAULT_VALUES,
    ) -> dict:  # fmt: skip
        hidden = self.filters_out(user, rights_filter)
        names = self.check_select(kind, select)
        item = self.existing(kind, object_id)
        if hidden:
            raise ConfigurationError(
                403,
                f"The user {user.id} does not have the administrator's right to {kind} "
                f"{item.id}; read with rightsFilter=view.",
            )
        if self.only_own(kind, rights_filter) and item is not user:
            raise ConfigurationError(
                403,
                f"rightsFilter=loggedInUser reads the user's own configuration: {user.id}, "
                f"not {item.id}.",
            )
        return self.selected(kind, item, names, values)

    def search(
        self, user: User, kind: str, select, where, rights_filter, first=0, last=None,
        order_by: str | None = None, values: Values = DEFAULT_VALUES,
    ):  # fmt: skip
        """The items of a list read: filtered, sorted (by display name unless ``order_by``
        says otherwise), and paged."""
        hidden = self.filters_out(user, rights_filter)
        names = self.check_select(kind, select)
        conditions = self.check_where(kind, where)
        path, descending = self.check_order_by(kind, order_by)
        if hidden:
            return []
        object_type = self.types[kind]
        items = sorted(object_type.objects(), key=lambda i: object_type.display_name(i).casefold())
        if path != "configurationId.displayName" or descending:
            items.sort(key=lambda item: self._sort_key(kind, item, path), reverse=descending)
        found = [item for item in items if self._meets(kind, item, conditions)]
        if self.only_own(kind, rights_filter):
            found = [item for item in found if item is user]
        if names:
            end = len(found) if last is None else last + 1
            found = found[first:end][:LIST_LIMIT]
        return [self.selected(kind, item, names, values) for item in found]

    def check_order_by(self, kind: str, order_by: str | None) -> tuple[str, bool]:
        """[doc] ``orderBy``: a property and ``asc`` or ``desc`` ("To order in descending
        order use: orderBy=configurationId.id desc"); by display name when not given."""
        if not order_by or not order_by.strip():
            return "configurationId.displayName", False
        path, _, direction = order_by.strip().partition(" ")
        direction = direction.strip().lower() or "asc"
        known = self.types[kind].where_properties()
        if path not in known or direction not in ("asc", "desc"):
            raise ConfigurationError(
                400,
                f"orderBy must be a property of {kind} the list sorts by ({', '.join(known)}) "
                f"and asc or desc, not {order_by!r:.80}.",
                "orderBy",
            )
        return path, direction == "desc"

    def _sort_key(self, kind: str, item, path: str) -> tuple[bool, str]:
        value = _dotted(self.full(kind, item), path)
        return value is None, str(value or "").casefold()

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
