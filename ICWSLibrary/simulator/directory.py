"""The company directory: lookup entries of users, workgroups and stations, and each
user's private contacts.

[doc] ``POST /directories/lookup-entries`` (directories 4): entry types User 1,
StandalonePhone 2, Station 3, StationGroup 4, AttendantProfile 5, Workgroup 6,
OutboundAttendantProfile 7; properties firstName 1, lastName 2, displayName 3,
department 4, entryID 5, extension [guess: 6]; comparisons (IceLib) Exact 1, StartsWith 2,
Contains 3, Wildcards 4 (``*`` any run, ``?`` one character), always without regard to
case. [real] The vendor's Mac client sends ``{lookupEntryTypes, lookupEntryProperties,
lookupComparisonType, lookupString, maxEntries}``, reads ``lookupEntriesList``, and each
entry's ``displayName``, ``department``, ``extension``, ``mobilePhone.dialString`` and
``statusURI``. [SDK] Directories.js: an entry's ``entryID`` and ``lookupEntryType``
(required), ``voicemailCapable`` (required), ``queueID``, ``moreEntriesMatched``.
[guess] The order (display name), who is voice-mail capable (users), the private
contacts' fields.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..protocol.interactions import USER_QUEUE, WORKGROUP_QUEUE
from .errors import InvalidProperty, MissingProperty, NotFound
from .scenario import Scenario, User

USER, STATION, WORKGROUP = 1, 3, 6
ENTRY_TYPES = {1: "User", 2: "StandalonePhone", 3: "Station", 4: "StationGroup",
               5: "AttendantProfile", 6: "Workgroup", 7: "OutboundAttendantProfile"}  # fmt: skip
PROPERTIES = {1: "firstName", 2: "lastName", 3: "displayName", 4: "department",
              5: "entryID", 6: "extension"}  # fmt: skip
EXACT, STARTS_WITH, CONTAINS, WILDCARDS = 1, 2, 3, 4
COMPARISONS = {EXACT: "exact", STARTS_WITH: "starts with", CONTAINS: "contains",
               WILDCARDS: "wildcards"}  # fmt: skip
# [guess] The private contacts' directory id, and the fields a contact may carry. [doc]
# IceLib names the default directories "IC Private Contacts", "IC Public Contacts" and
# "Company Directory".
PRIVATE_CONTACTS, COMPANY_DIRECTORY = "PrivateContacts", "CompanyDirectory"
DIRECTORIES = (
    {"directoryId": COMPANY_DIRECTORY, "displayName": "Company Directory"},
    {"directoryId": PRIVATE_CONTACTS, "displayName": "IC Private Contacts"},
)
DIRECTORIES_MESSAGE = "urn:inin.com:directories:directoriesMessage"
CONTACT_FIELDS = ("displayName", "firstName", "lastName", "department", "company", "email",
                  "businessPhone", "mobilePhone", "homePhone")  # fmt: skip


@dataclass
class Directory:
    scenario: Scenario
    # Lower-case user id -> entry id -> the user's private contacts.
    private: dict[str, dict[str, dict]] = field(default_factory=dict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _hooks: list[Callable[[User], None]] = field(default_factory=list)

    def lookup(self, body: dict) -> dict:
        types = _numbers(body, "lookupEntryTypes", ENTRY_TYPES)
        properties = _numbers(body, "lookupEntryProperties", PROPERTIES)
        comparison = body.get("lookupComparisonType", CONTAINS)
        if isinstance(comparison, bool) or comparison not in COMPARISONS:
            known = ", ".join(f"{n} ({name})" for n, name in COMPARISONS.items())
            raise InvalidProperty("lookupComparisonType", f"lookupComparisonType must be {known}.")
        text = body.get("lookupString")
        if not isinstance(text, str):
            raise MissingProperty("lookupString")
        most = body.get("maxEntries", 100)
        if isinstance(most, bool) or not isinstance(most, int) or not 0 < most <= 10_000:
            raise InvalidProperty("maxEntries", "maxEntries must be a whole number, 1 or more.")
        matches = text_matcher(COMPARISONS[comparison], text)
        found = [
            entry for entry in self._entries(types)
            if any(matches(str(entry.get(PROPERTIES[p], ""))) for p in properties)
        ]  # fmt: skip
        found.sort(key=lambda entry: entry["displayName"].casefold())
        return {"lookupEntriesList": found[:most], "moreEntriesMatched": len(found) > most}

    def _entries(self, types: list[int]):
        if USER in types:
            for user in self.scenario.users.values():
                yield user_entry(user)
        if WORKGROUP in types:
            for workgroup in self.scenario.workgroups.values():
                yield _compact({"entryID": workgroup.id, "lookupEntryType": WORKGROUP,
                                "displayName": workgroup.id, "extension": workgroup.extension,
                                "queueID": {"queueType": WORKGROUP_QUEUE,
                                            "queueName": workgroup.id},
                                "voicemailCapable": False})  # fmt: skip
        if STATION in types:
            for station in self.scenario.stations.values():
                yield _compact({"entryID": station.id, "lookupEntryType": STATION,
                                "displayName": station.id, "extension": station.extension,
                                "voicemailCapable": False})  # fmt: skip

    # -- private contacts ---------------------------------------------------------------------

    def add_contact(self, user: User, directory_id: str, body: dict) -> str:
        self._check_directory(directory_id)
        fields = _contact_fields(body)
        if not fields:
            raise MissingProperty("displayName")
        fields.setdefault("displayName", " ".join(
            fields[n] for n in ("firstName", "lastName") if n in fields) or next(iter(fields.values())))  # fmt: skip
        entry_id = f"contact-{next(self._ids)}"
        self.private.setdefault(user.id.lower(), {})[entry_id] = {"entryID": entry_id, **fields}
        self._changed(user)
        return entry_id

    def update_contact(self, user: User, directory_id: str, entry_id: str, body: dict) -> None:
        """[guess] The fields given replace those of the contact; the rest stay."""
        self._check_directory(directory_id)
        contact = self.private.get(user.id.lower(), {}).get(entry_id)
        if contact is None:
            raise NotFound(f"The contact {entry_id} was not found in {directory_id}.")
        contact.update(_contact_fields(body))
        self._changed(user)

    def remove_contact(self, user: User, directory_id: str, entry_id: str) -> None:
        self._check_directory(directory_id)
        if self.private.get(user.id.lower(), {}).pop(entry_id, None) is None:
            raise NotFound(f"The contact {entry_id} was not found in {directory_id}.")
        self._changed(user)

    def on_contacts_change(self, hook: Callable[[User], None]) -> None:
        """Call ``hook(user)`` after a contact of the user's is added or removed."""
        self._hooks.append(hook)

    def _changed(self, user: User) -> None:
        for hook in self._hooks:
            hook(user)

    def metadata_message(self) -> dict:
        """[doc] The metadata subscription's first message (isDelta false) adds every
        directory the user may open; [guess] each as ``{directoryId, displayName}``."""
        return {"__type": DIRECTORIES_MESSAGE, "isDelta": False,
                "directoriesAdded": [dict(d) for d in DIRECTORIES],
                "directoriesChanged": [], "directoriesRemoved": []}  # fmt: skip

    def contacts(self, user: User) -> list[dict]:
        return list(self.private.get(user.id.lower(), {}).values())

    @staticmethod
    def _check_directory(directory_id: str) -> None:
        if directory_id != PRIVATE_CONTACTS:
            raise NotFound(
                f"The directory {directory_id} was not found (the user's own is "
                f"{PRIVATE_CONTACTS})."
            )


def _contact_fields(body: dict) -> dict[str, str]:
    unknown = sorted(set(body) - set(CONTACT_FIELDS) - {"__type"})
    if unknown:
        raise InvalidProperty(
            unknown[0], f"A contact has no field {unknown[0]}; it may have "
            f"{', '.join(CONTACT_FIELDS)}."
        )  # fmt: skip
    return {name: str(body[name]) for name in CONTACT_FIELDS if body.get(name)}


def person_fields(user: User) -> dict:
    """What both a lookup entry and a directory's contact entry say of a user."""
    personal = user.personal
    return _compact({
        "displayName": user.display_name, "firstName": personal.get("givenName"),
        "lastName": personal.get("surname"), "department": personal.get("departmentName"),
        "extension": user.extension, "businessEmail": personal.get("emailAddress"),
        "statusURI": f"/status/user-statuses/{user.id}",
    })  # fmt: skip


def user_entry(user: User) -> dict:
    return {
        "entryID": user.id, "lookupEntryType": USER, **person_fields(user),
        "queueID": {"queueType": USER_QUEUE, "queueName": user.id},
        "voicemailCapable": True,
    }  # fmt: skip


def _compact(entry: dict) -> dict:
    return {name: value for name, value in entry.items() if value is not None and value != ""}


def _numbers(body: dict, name: str, known: dict[int, str]) -> list[int]:
    values = body.get(name)
    if not isinstance(values, list) or not values:
        raise MissingProperty(name)
    for value in values:
        if isinstance(value, bool) or value not in known:
            listed = ", ".join(f"{n} ({label})" for n, label in known.items())
            raise InvalidProperty(name, f"{name} takes {listed}; not {value!r:.20}.")
    return values


def text_matcher(how: str, text: str) -> Callable[[str], bool]:
    """[doc] Without regard to case: the whole value ("exact"), its start ("starts
    with"), any part ("contains"), or a pattern ("wildcards": ``*`` any run of
    characters, ``?`` one)."""
    wanted = text.casefold()
    if how == "exact":
        return lambda value: value.casefold() == wanted
    if how == "starts with":
        return lambda value: value.casefold().startswith(wanted)
    if how == "contains":
        return lambda value: wanted in value.casefold()
    pattern = re.compile(
        "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in wanted),
        re.DOTALL,
    )
    return lambda value: pattern.fullmatch(value.casefold()) is not None
