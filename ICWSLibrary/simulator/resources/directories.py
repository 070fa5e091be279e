"""Feature ``directories`` over HTTP: lookup entries, private contacts and directory
subscriptions, speed dials. The rules live in :mod:`..directory`,
:mod:`..directory_watch` and :mod:`..speed_dials`.

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
        self.dials = watch.dials

    def routes(self) -> list:
        dial = re.compile(r"^directories/speed-dial/([^/]+)$")
        links = re.compile(r"^directories/speed-dial/([^/]+)/links/([^/]+)$")
        return [
            ("POST", re.compile(r"^directories/lookup-entries$"), self.lookup, True),
            ("POST", re.compile(r"^directories/contacts/([^/]+)$"), self.add_contact, True),
            ("DELETE", re.compile(r"^directories/contacts/([^/]+)/([^/]+)$"),
             self.remove_contact, True),
            ("PUT", re.compile(r"^directories/contacts/([^/]+)/([^/]+)$"),
             self.update_contact, True),
            ("PUT", re.compile(r"^messaging/subscriptions/directories$"), self.watch, True),
            ("DELETE", re.compile(r"^messaging/subscriptions/directories$"), self.stop, True),
            ("POST", re.compile(r"^directories/speed-dial$"), self.create_speed_dial, True),
            ("PUT", dial, self.rename_speed_dial, True),
            ("DELETE", dial, self.delete_speed_dial, True),
            ("POST", re.compile(dial.pattern[:-1] + "/links$"), self.add_link, True),
            ("PUT", links, self.change_link, True),
            ("DELETE", links, self.remove_link, True),
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
        self.contacts_watch.watch_metadata(session)
        return json_response(204)

    def stop(self, request: Request, session: Session) -> Response:
        self.contacts_watch.stop_metadata(session)
        return json_response(204)

    # -- speed dials (speed_dials.py) ------------------------------------------------------

    def create_speed_dial(self, request: Request, session: Session) -> Response:
        dial = self.dials.create(session.user, self._body(request))
        return json_response(201, {"directoryId": dial.id})

    def rename_speed_dial(self, request: Request, session: Session, directory_id: str):
        self.dials.rename(session.user, directory_id, self._body(request))
        return json_response(204)

    def delete_speed_dial(self, request: Request, session: Session, directory_id: str):
        self.dials.delete(session.user, directory_id)
        return json_response(204)

    def add_link(self, request: Request, session: Session, directory_id: str) -> Response:
        link_id = self.dials.add_link(session.user, directory_id, self._body(request))
        return json_response(201, {"speedDialContactLinkId": link_id})

    def change_link(self, request: Request, session: Session, directory_id: str, link_id: str):
        self.dials.change_link(session.user, directory_id, link_id, self._body(request))
        return json_response(204)

    def remove_link(self, request: Request, session: Session, directory_id: str, link_id: str):
        self.dials.remove_link(session.user, directory_id, link_id)
        return json_response(204)

    @staticmethod
    def _body(request: Request) -> dict:
        body = request.json()
        return body if isinstance(body, dict) else {}

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
