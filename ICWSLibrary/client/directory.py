"""The company directory: look people, workgroups and stations up, and keep private
contacts.

[real] The vendor's Mac client posts ``{lookupEntryTypes, lookupEntryProperties,
lookupComparisonType, lookupString, maxEntries}`` to ``directories/lookup-entries``,
reads ``lookupEntriesList`` and each user entry's ``statusURI`` (then GETs the status).
[doc] The directory metadata subscription lists the directories; the private contacts'
is found there by IceLib's name for it ("IC Private Contacts"). [guess] The contact's
fields.
"""

from __future__ import annotations

import contextlib

from .address import path_segment
from .errors import ICWSError

ENTRY_TYPES = {"user": 1, "station": 3, "workgroup": 6}
# [doc] firstName 1, lastName 2, displayName 3, department 4, entryID 5; [SDK] extension 6.
NAME_PROPERTIES = [1, 2, 3, 4]
ENTRY_ID, EXTENSION = 5, 6
CONTAINS, EXACT = 3, 1
PRIVATE_CONTACTS = "PrivateContacts"
DIRECTORIES_MESSAGE = "urn:inin.com:directories:directoriesMessage"
# [doc] IceLib's name of the default directory of private contacts.
PRIVATE_CONTACTS_NAME = "IC Private Contacts"


def id_of_entry(entry: dict) -> str:
    """[SDK] A lookup entry's id is ``entryID`` (an added contact's answer is ``entryId``)."""
    return str(entry.get("entryID") or entry.get("entryId") or "")


class DirectoryAPI:
    def __init__(self, session) -> None:
        self._session = session
        # The private contacts' directory id, once the server named it.
        self._private: str | None = None

    def private_directory(self) -> str:
        """The id of the user's private contacts directory, from the directory metadata
        subscription (its first message lists the directories); ``PrivateContacts`` when
        the server names none so."""
        if self._private is not None:
            return self._private
        channel = self._session.channel
        channel.start()
        path = "/messaging/subscriptions/directories"
        try:
            self._session.call("PUT", path)
        except ICWSError as error:
            raise error.in_context("Reading the list of directories was refused") from None
        message = channel.wait_for(
            lambda m: m.get("__type") == DIRECTORIES_MESSAGE, self._session.timeout
        )
        with contextlib.suppress(ICWSError):
            self._session.call("DELETE", path)
        listed = (message or {}).get("directoriesAdded") or []
        named = [d for d in listed if isinstance(d, dict)
                 and str(d.get("displayName", "")).casefold() == PRIVATE_CONTACTS_NAME.casefold()]  # fmt: skip
        self._private = str(named[0].get("directoryId")) if named else PRIVATE_CONTACTS
        return self._private

    def lookup(self, text: str, kind: str = "user", max_entries: int = 15) -> tuple[list, bool]:
        """Entries whose names, department, id or extension contain ``text`` (without
        regard to case); returns them and whether more matched than ``max_entries``."""
        return self._lookup(text, kind, NAME_PROPERTIES + [ENTRY_ID, EXTENSION], CONTAINS,
                            max_entries)  # fmt: skip

    def entry(self, entry_id: str, kind: str = "user") -> dict | None:
        entries, _ = self._lookup(entry_id, kind, [ENTRY_ID], EXACT, 5)
        return next((e for e in entries if id_of_entry(e).casefold()
                     == str(entry_id).casefold()), None)  # fmt: skip

    def _lookup(self, text, kind, properties, comparison, most) -> tuple[list, bool]:
        if kind not in ENTRY_TYPES:
            raise ICWSError(
                f"Directory entry type '{kind}' is not one of {', '.join(ENTRY_TYPES)}."
            )
        body = {"lookupEntryTypes": [ENTRY_TYPES[kind]], "lookupEntryProperties": properties,
                "lookupComparisonType": comparison, "lookupString": str(text),
                "maxEntries": int(most)}  # fmt: skip
        try:
            answer = self._session.call("POST", "/directories/lookup-entries", body)
        except ICWSError as error:
            raise error.in_context(f"Looking up '{text}' in the directory was refused") from None
        entries = answer.get("lookupEntriesList") if isinstance(answer, dict) else None
        found = [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []
        return found, bool(isinstance(answer, dict) and answer.get("moreEntriesMatched"))

    def status_of(self, entry: dict) -> dict:
        """The user status a user entry points at (``statusURI``); {} for other entries."""
        uri = entry.get("statusURI")
        if not isinstance(uri, str) or not uri:
            return {}
        try:
            answer = self._session.call("GET", uri)
        except ICWSError as error:
            raise error.in_context(f"Reading the status of {id_of_entry(entry)}") from None
        return answer if isinstance(answer, dict) else {}

    def add_contact(self, fields: dict) -> str:
        path = f"/directories/contacts/{path_segment(self.private_directory())}"
        try:
            answer = self._session.call("POST", path, {k: str(v) for k, v in fields.items()})
        except ICWSError as error:
            raise error.in_context(
                f"'{self._session.user_id}' could not add a private contact"
            ) from None
        entry_id = answer.get("entryId") if isinstance(answer, dict) else None
        if not entry_id:
            raise ICWSError(f"The server added a contact without an entryId: {answer!r:.200}")
        return str(entry_id)

    def remove_contact(self, entry_id: str) -> None:
        directory = path_segment(self.private_directory())
        path = f"/directories/contacts/{directory}/{path_segment(entry_id)}"
        try:
            self._session.call("DELETE", path)
        except ICWSError as error:
            raise error.in_context(
                f"'{self._session.user_id}' could not remove private contact {entry_id}"
            ) from None
