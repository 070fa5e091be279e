"""The company directory: find people, workgroups and stations; what an entry shows;
private contacts."""

from __future__ import annotations

from robot.api.deco import keyword

from ..client.directory import id_of_entry
from .base import LibraryComponent


class DirectoryKeywords(LibraryComponent):
    @keyword("Find In Directory")
    def find_in_directory(
        self,
        text: str,
        type: str = "user",
        max_entries: int = 15,  # noqa: A002
    ) -> list[dict]:
        """Returns the directory entries whose names, department, id or extension
        contain ``text`` (without regard to case), at most ``max_entries``.

        ``type`` is ``user``, ``workgroup`` or ``station``. Each entry is a dictionary
        with ``name``, ``id`` and ``extension``; a user's also with ``status`` and
        ``onPhone``, as the entry's status shows them.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | ${entries} = | Find In Directory | agent |
        | Should Be Equal | ${entries}[0][name] | Agent 1 |
        | ${groups} = | Find In Directory | Sup | type=workgroup |
        """
        session = self.connected_session()
        entries, more = session.directory.lookup(text, type, max_entries)
        found = [self._shown(session, entry) for entry in entries]
        self.info(
            f"Found {len(found)} {type} entries for '{text}'"
            + (" (more matched)." if more else ".")
        )
        return found

    @keyword("Directory Entry Should Show")
    def directory_entry_should_show(
        self, user_id: str, status: str | None = None, on_phone: bool | None = None
    ) -> None:
        """Fails unless the user's directory entry shows ``status`` (a status id) and
        ``on_phone`` (``True``/``False``), each when given.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Set User Status | Available |
        | Directory Entry Should Show | agent1 | status=Available | on_phone=${False} |
        """
        session = self.connected_session()
        entry = session.directory.entry(user_id)
        if entry is None:
            raise AssertionError(f"The directory has no user {user_id}.")
        shown = self._shown(session, entry)
        wrong = []
        if status is not None and str(shown.get("status", "")).casefold() != status.casefold():
            wrong.append(f"status {shown.get('status')!r}, expected {status!r}")
        if on_phone is not None and shown.get("onPhone") is not on_phone:
            wrong.append(f"on the phone {shown.get('onPhone')}, expected {on_phone}")
        if wrong:
            raise AssertionError(f"The directory entry of {user_id} shows {'; '.join(wrong)}.")
        self.info(f"The directory entry of {user_id} shows what was expected.")

    @keyword("Add Private Contact")
    def add_private_contact(self, **fields: str) -> str:
        """Adds a contact to the user's private contacts and returns its entry id.

        ``fields``: ``displayName``, ``firstName``, ``lastName``, ``department``,
        ``company``, ``email``, ``businessPhone``, ``mobilePhone``, ``homePhone``.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | ${contact} = | Add Private Contact | firstName=Pat | lastName=Doe | mobilePhone=3175550100 |
        | Remove Private Contact | ${contact} |
        """
        entry_id = self.connected_session().directory.add_contact(fields)
        self.info(f"Added private contact {entry_id}.")
        return entry_id

    @keyword("Remove Private Contact")
    def remove_private_contact(self, entry_id: str) -> None:
        """Removes one of the user's private contacts.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | ${contact} = | Add Private Contact | displayName=Pat Doe |
        | Remove Private Contact | ${contact} |
        """
        self.connected_session().directory.remove_contact(entry_id)
        self.info(f"Removed private contact {entry_id}.")

    @staticmethod
    def _shown(session, entry: dict) -> dict:
        shown = {"name": entry.get("displayName", ""), "id": id_of_entry(entry),
                 "extension": entry.get("extension", "")}  # fmt: skip
        status = session.directory.status_of(entry)
        if status:
            shown["status"] = status.get("statusId", "")
            shown["onPhone"] = bool(status.get("onPhone"))
        return shown
