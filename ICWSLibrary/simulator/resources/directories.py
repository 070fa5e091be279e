"""Feature ``directories`` over HTTP: lookup entries, private contacts and directory
subscriptions. The rules live in :mod:`..directory` and :mod:`..directory_watch`.

[doc] lookup-entries answers 200 ``LookupEntries``; a contact's creation answers
``ContactEntryId``: [guess] 201 ``{entryId}``; its removal 204.
"""

from __future__ import annotations

import re

from ..directory import Directory
from ..directory_watch import DirectoryWatch
from ..sessions import Session
from ..state import ServerState
from ..wire import Request, Response, json_response


class DirectoryResource:
    def __init__(self, directory: Directory, state: ServerState, watch: DirectoryWatch):
        self.directory = directory
        self.state = state
        self.contacts_watch = watch

    def routes(self) -> list:
        return [
            ("POST", re.compile(r"^directories/lookup-entries$"), self.lookup, True),
            ("POST", re.compile(r"^directories/contacts/([^/]+)$"), self.add_contact, True),
            ("DELETE", re.compile(r"^directories/contacts/([^/]+)/([^/]+)$"),
             self.remove_contact, True),
            ("PUT", re.compile(r"^directories/contacts/([^/]+)/([^/]+)$"),
             self.update_contact, True),
            ("PUT", re.compile(r"^messaging/subscriptions/directories$"), self.watch, True),
            ("DELETE", re.compile(r"^messaging/subscriptions/directories$"), self.stop, True),
            ("PUT", re.compile(r"^messaging/subscriptions/directories/([^/]+)$"),
             self.watch_contacts, True),
            ("DELETE", re.compile(r"^messaging/subscriptions/directories/([^/]+)$"),
             self.stop_contacts, True),
        ]  # fmt: skip

    def watch_contacts(self, request: Request, session: Session, subscription_id: str):
        """[guess] 204, then a directoryMessage with the page (directory_watch)."""
        body = request.json()
        self.contacts_watch.watch(session, subscription_id, body if isinstance(body, dict) else {})
        return json_response(204)

    def stop_contacts(self, request: Request, session: Session, subscription_id: str):
        self.contacts_watch.stop(session, subscription_id)
        return json_response(204)

    def watch(self, request: Request, session: Session) -> Response:
        """[doc] 204, then a directoriesMessage listing the directories."""
        self.state.deliver(session, self.directory.metadata_message())
        return json_response(204)

    def stop(self, request: Request, session: Session) -> Response:
        return json_response(204)

    def lookup(self, request: Request, session: Session) -> Response:
        body = request.json()
        return json_response(200, self.directory.lookup(body if isinstance(body, dict) else {}))

    def add_contact(self, request: Request, session: Session, directory_id: str) -> Response:
        body = request.json()
        entry_id = self.directory.add_contact(
            session.user, directory_id, body if isinstance(body, dict) else {}
        )
        return json_response(201, {"entryId": entry_id})

    def update_contact(
        self, request: Request, session: Session, directory_id: str, entry_id: str
    ) -> Response:
        """[guess] 204, as a removal answers."""
        body = request.json()
        self.directory.update_contact(
            session.user, directory_id, entry_id, body if isinstance(body, dict) else {}
        )
        return json_response(204)

    def remove_contact(
        self, request: Request, session: Session, directory_id: str, entry_id: str
    ) -> Response:
        self.directory.remove_contact(session.user, directory_id, entry_id)
        return json_response(204)
