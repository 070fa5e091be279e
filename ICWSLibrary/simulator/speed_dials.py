"""Speed-dial directories: a user's directories of links to other directories' contacts.

[doc] (directories 10) ``POST /directories/speed-dial {name, accessRights}`` answers 201
``{directoryId}``; ``PUT .../speed-dial/{id} {name}`` renames it (204); ``POST
.../{id}/links {sourceDirectoryID, sourceContactEntryID, contactPrimaryNumberDesignation}``
links a contact; ``PUT .../links/{linkId} {contactPrimaryNumberDesignation}`` changes the
number it dials. "For public access, read property of accessRights should be used."
[SDK] Directories.js: ``speedDialContactLinkCreated {speedDialContactLinkId}``, the
DefaultPhoneNumberType values, DirectoryCategory SpeedDial 4. [guess] The answers of a
link's creation (201), change and removal and of a directory's removal (204); a private
speed dial is invisible (404) to other users; a link's entry id is the link's id.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from .directory import COMPANY_DIRECTORY, PRIVATE_CONTACTS, Directory
from .errors import Forbidden, InvalidProperty, MissingProperty, NotFound
from .scenario import User

SPEED_DIAL_CATEGORY = 4
# [SDK] DefaultPhoneNumberType: which of a contact's numbers the link dials.
DESIGNATIONS = {
    -1: "none", 0: "extension", 1: "businessPhone", 2: "businessPhone2", 3: "homePhone",
    4: "homePhone2", 5: "mobilePhone", 6: "faxPhone", 7: "pagerPhone", 8: "assistantPhone",
}  # fmt: skip


@dataclass(eq=False)
class SpeedDial:
    id: str
    name: str
    owner: User
    public: bool
    # Link id -> {source directory, source entry, designation}.
    links: dict[str, dict] = field(default_factory=dict)

    def metadata(self) -> dict:
        """[guess] As the standard directories are listed, with the SDK's category."""
        return {"directoryId": self.id, "displayName": self.name,
                "category": SPEED_DIAL_CATEGORY}  # fmt: skip


class SpeedDials:
    def __init__(self, directory: Directory) -> None:
        self.directory = directory
        self.dials: dict[str, SpeedDial] = {}
        self._ids = itertools.count(1)
        # Told (what: "added" | "changed" | "removed" | "links", speed dial) after a change.
        self._hooks: list[Callable[[str, SpeedDial], None]] = []

    def on_change(self, hook: Callable[[str, SpeedDial], None]) -> None:
        self._hooks.append(hook)

    def _tell(self, what: str, dial: SpeedDial) -> None:
        for hook in self._hooks:
            hook(what, dial)

    # -- directories ----------------------------------------------------------------------

    def visible(self, user: User) -> list[SpeedDial]:
        return [d for d in self.dials.values() if d.owner is user or d.public]

    def find(self, user: User, directory_id: str, changing: bool = False) -> SpeedDial:
        dial = self.dials.get(directory_id)
        if dial is None or not (dial.owner is user or dial.public):
            raise NotFound(f"The speed dial directory {directory_id} was not found.")
        if changing and dial.owner is not user:
            raise Forbidden(f"The speed dial directory {directory_id} is {dial.owner.id}'s.")
        return dial

    def create(self, user: User, body: dict) -> SpeedDial:
        name = _name(body)
        rights = body.get("accessRights")
        public = isinstance(rights, dict) and rights.get("read") is True
        if body.get("read") is True:  # the page lists the rights beside the name
            public = True
        dial = SpeedDial(f"SpeedDial-{next(self._ids)}", name, user, public)
        self.dials[dial.id] = dial
        self._tell("added", dial)
        return dial

    def rename(self, user: User, directory_id: str, body: dict) -> None:
        dial = self.find(user, directory_id, changing=True)
        dial.name = _name(body)
        self._tell("changed", dial)

    def delete(self, user: User, directory_id: str) -> None:
        dial = self.find(user, directory_id, changing=True)
        del self.dials[dial.id]
        self._tell("removed", dial)

    # -- links ----------------------------------------------------------------------------

    def add_link(self, user: User, directory_id: str, body: dict) -> str:
        dial = self.find(user, directory_id, changing=True)
        source = body.get("sourceDirectoryID")
        entry_id = body.get("sourceContactEntryID")
        if not isinstance(source, str) or not source:
            raise MissingProperty("sourceDirectoryID")
        if not isinstance(entry_id, str) or not entry_id:
            raise MissingProperty("sourceContactEntryID")
        if source == COMPANY_DIRECTORY:
            if self.directory.scenario.user(entry_id) is None:
                raise InvalidProperty(
                    "sourceContactEntryID", f"The company directory has no entry {entry_id}."
                )
        elif source == PRIVATE_CONTACTS:
            if not any(c["entryID"] == entry_id for c in self.directory.contacts(user)):
                raise InvalidProperty(
                    "sourceContactEntryID", f"The private contacts have no entry {entry_id}."
                )
        else:
            raise InvalidProperty(
                "sourceDirectoryID",
                f"A speed dial links to {COMPANY_DIRECTORY} or {PRIVATE_CONTACTS} entries, not "
                f"to {source!r:.40}.",
            )
        link_id = f"link-{next(self._ids)}"
        dial.links[link_id] = {"source": source, "entry": entry_id,
                               "designation": _designation(body)}  # fmt: skip
        self._tell("links", dial)
        return link_id

    def change_link(self, user: User, directory_id: str, link_id: str, body: dict) -> None:
        dial = self.find(user, directory_id, changing=True)
        self._link(dial, link_id)["designation"] = _designation(body)
        self._tell("links", dial)

    def remove_link(self, user: User, directory_id: str, link_id: str) -> None:
        dial = self.find(user, directory_id, changing=True)
        self._link(dial, link_id)
        del dial.links[link_id]
        self._tell("links", dial)

    @staticmethod
    def _link(dial: SpeedDial, link_id: str) -> dict:
        link = dial.links.get(link_id)
        if link is None:
            raise NotFound(f"The speed dial {dial.id} has no link {link_id}.")
        return link


def _name(body: dict) -> str:
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise MissingProperty("name")
    return name.strip()


def _designation(body: dict) -> int:
    value = body.get("contactPrimaryNumberDesignation")
    if value is None:
        raise MissingProperty("contactPrimaryNumberDesignation")
    if isinstance(value, bool) or value not in DESIGNATIONS:
        listed = ", ".join(f"{n} {label}" for n, label in DESIGNATIONS.items())
        raise InvalidProperty(
            "contactPrimaryNumberDesignation",
            f"contactPrimaryNumberDesignation must be one of {listed}.",
        )
    return value
