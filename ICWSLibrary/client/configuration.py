"""ICWS feature ``configuration``: reading configuration objects (CONTACT-CENTER 2.3-2.5).

Objects are read with ``rightsFilter=view`` unless told otherwise: the server's default is
``admin``, which an agent account may not use. Lists are read page by page with
``Range: items=first-last`` while properties are selected, as a server answers at most 200
items then; without properties it answers every item at once.
"""

from __future__ import annotations

from typing import Any, Protocol

from ..protocol.configuration import RIGHTS_FILTERS
from ..protocol.names import did_you_mean
from ..protocol.operations import configuration_types
from .address import path_segment
from .errors import ICWSError

PAGE_SIZE = 200


class Caller(Protocol):
    user_id: str | None

    def call(self, method: str, path: str, body: Any = None, **options) -> Any: ...


def configuration_type(kind: str) -> str:
    """The ICWS name of a configuration type as a path segment: ``users``, ``wrap-up-codes``."""
    text = str(kind).strip().strip("/")
    if not text or "/" in text or "?" in text:
        raise ICWSError(
            f"The configuration type must be an ICWS type name such as users, workgroups or "
            f"wrap-up-codes, not {kind!r}."
        )
    return text


def rights_filter_value(value: str) -> str:
    """A rightsFilter as ICWS spells it, given in any case."""
    spelling = RIGHTS_FILTERS.get(str(value).strip().lower())
    if spelling is None:
        known = ", ".join(RIGHTS_FILTERS.values())
        raise ICWSError(f"rights_filter must be one of {known}, not {value!r}.")
    return spelling


def object_id(item: dict) -> str:
    """The id of a configuration object (or of a ConfigurationId)."""
    if isinstance(item, str) and item:
        return item
    if isinstance(item, dict):
        inner = item.get("configurationId", item)
        if isinstance(inner, dict) and inner.get("id") is not None:
            return str(inner["id"])
    raise ICWSError(f"A configuration object without an id came back: {item!r:.200}.")


def property_at(item: dict, path: str) -> Any:
    """The value at a dotted ``path`` (``licenseProperties.mediaLevel``, ``members.0.id``);
    KeyError naming the first part that is not there."""
    value: Any = item
    walked = []
    for part in path.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            raise KeyError(".".join([*walked, part]))
        walked.append(part)
    return value


def _read_params(properties, rights_filter: str) -> dict[str, str]:
    params = {"rightsFilter": rights_filter_value(rights_filter)}
    if properties:
        params["select"] = ",".join(properties)
    return params


class ConfigurationAPI:
    def __init__(self, session: Caller):
        self._session = session

    def get(self, kind: str, item_id: str, properties=(), rights_filter: str = "view") -> dict:
        """One object: its ``configurationId`` and the properties asked for (``*``: all);
        properties with no value are left out by the server."""
        kind = configuration_type(kind)
        params = _read_params(properties, rights_filter)
        answer = self._call(
            "GET", f"/configuration/{kind}/{path_segment(item_id)}", params, None,
            f"Reading {kind} object '{item_id}'", kind, item_id,
        )  # fmt: skip
        if not isinstance(answer, dict) or not isinstance(answer.get("configurationId"), dict):
            raise ICWSError(
                f"The {kind} object '{item_id}' came back as {answer!r:.200}, not as an object "
                "with a configurationId."
            )
        return answer

    def list(
        self, kind: str, properties=(), where: str | None = None, rights_filter: str = "view"
    ) -> list[dict]:
        """Every object of a type that meets ``where``, reading page after page."""
        kind = configuration_type(kind)
        params = _read_params(properties, rights_filter)
        if where:
            params["where"] = where
        what = f"Reading the {kind} objects" + (f" where {where}" if where else "")
        if not properties:
            return self._items(
                self._call("GET", f"/configuration/{kind}", params, None, what, kind), kind
            )
        found: list[dict] = []
        seen: set[str] = set()
        while True:
            first = len(found)
            headers = {"Range": f"items={first}-{first + PAGE_SIZE - 1}"}
            page = self._items(
                self._call("GET", f"/configuration/{kind}", params, headers, what, kind), kind
            )
            fresh = [item for item in page if object_id(item) not in seen]
            found += fresh
            seen.update(object_id(item) for item in fresh)
            # A short page is the last. A page of objects already read comes from a server
            # (or proxy) that ignores Range: what it answered is all there is.
            if len(page) != PAGE_SIZE or len(fresh) != len(page):
                return found

    def _call(self, method, path, params, headers, what: str, kind: str, item_id=None):
        """A read; a refusal says what was read, and a 404 names the nearest known type
        or object (see :meth:`nearest`)."""
        try:
            return self._session.call(method, path, params=params, headers=headers)
        except ICWSError as error:
            refused = error.in_context(f"{what} was refused")
            if error.status == 404:
                refused = refused.with_message(f"{refused}{self.nearest(kind, item_id)}")
            raise refused from None

    def nearest(self, kind: str, item_id: str | None = None) -> str:
        """`` Nearest known ...`` for a type ICWS does not have, or an object id the server
        does not list; "" when nothing is near or the list cannot be read."""
        types = configuration_types()
        if kind not in types:
            return did_you_mean(kind, types, "configuration types")
        if item_id is None:
            return ""
        try:
            ids = [object_id(item) for item in self.list(kind)]
        except ICWSError:  # a hint only: the refusal itself is what matters
            return ""
        return did_you_mean(item_id, ids, f"{kind}")

    @staticmethod
    def _items(answer, kind: str) -> list[dict]:
        items = answer.get("items") if isinstance(answer, dict) else None
        if not isinstance(items, list):
            raise ICWSError(
                f"The list of {kind} objects came back as {answer!r:.200}, not as "
                '{"items": [...]}.'
            )
        return items

    # -- the everyday questions -------------------------------------------------------------

    def workgroup_members(self, workgroup: str) -> list[str]:
        found = self.get("workgroups", workgroup, ["members"])
        return [object_id(member) for member in found.get("members", [])]

    def user_workgroups(self, user_id: str) -> list[str]:
        found = self.get("users", user_id, ["workgroups"])
        return [object_id(group) for group in found.get("workgroups", [])]

    def user_skills(self, user_id: str) -> dict[str, dict[str, int]]:
        """``{skill id: {"proficiency": n, "desireToUse": n}}``: the skills in effect,
        inherited ones (from roles and workgroups) included."""
        found = self.get("users", user_id, ["skills"]).get("skills") or {}
        settings = found.get("effectiveValue", found.get("actualValue", [])) if isinstance(
            found, dict) else found  # fmt: skip
        skills = {}
        for setting in settings or []:
            skills[object_id(setting.get("id"))] = {
                "proficiency": setting.get("proficiency", 0),
                "desireToUse": setting.get("desireToUse", 0),
            }
        return skills

    def workgroup_wrap_up_codes(self, workgroup: str) -> list[str]:
        found = self.get("workgroups", workgroup, ["wrapUpCodes"])
        return [object_id(code) for code in found.get("wrapUpCodes", [])]
