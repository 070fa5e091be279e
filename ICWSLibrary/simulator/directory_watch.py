"""Directory subscriptions: a page of a directory's contacts, filtered and sorted, kept
current as members' statuses change and private contacts come and go.

[doc] ``PUT messaging/subscriptions/directories/{subscriptionId}`` (directories 4): count
"default is 25 ... maximum value for count is 300". [SDK] Directories.js: the body
``directorySubscriptionParameters {directoryID (required), count, index, filterItems
[{contactProperty, filterType, filterExpressions}], sortItems [{contactProperty,
sortDirection}]}``; the message ``directoryMessage {subscriptionId, totalCount,
filteredCount, contactsAdded, contactsChanged, contactsRemoved (entry ids)}``; a
``contactEntry`` with ``entryID`` and ``index`` (required), ``userID``, ``extension``,
``workgroups``, ``statusID``, ``statusNotes``, ``onPhone``, ``onPhoneChanged``,
``statusChanged``, ``loggedIn``, ``stations``; the enums ContactProperty, ContactFilterType
(Exact 0, Prefix 1, Exists 2, Empty 3, Wildcards 4) and SortDirection (Ascending 0,
Descending 1). [guess] The 204 answer (as the metadata subscription's), the names fields
have in an entry beside those (displayName, firstName, lastName, department, company,
title, businessEmail), the default order (display name), matching without regard to case,
and a 404 for a directory the user may not open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .directory import (
    COMPANY_DIRECTORY,
    DIRECTORIES_MESSAGE,
    PRIVATE_CONTACTS,
    Directory,
    person_fields,
    text_matcher,
)
from .errors import InvalidProperty, MissingProperty, NotFound
from .scenario import User
from .sessions import Session
from .speed_dials import SpeedDial, SpeedDials
from .state import ServerState
from .statuses import Statuses

DIRECTORY_MESSAGE = "urn:inin.com:directories:directoryMessage"
CONTACT_ENTRY = "urn:inin.com:directories:contactEntry"
DEFAULT_COUNT, MOST_COUNT = 25, 300
# [SDK] ContactProperty values the simulator's entries can hold, and the field of each.
CONTACT_PROPERTIES = {
    0: "entryID", 1: "firstName", 2: "lastName", 3: "extension", 4: "userID",
    5: "department", 6: "company", 7: "title", 13: "businessEmail", 26: "displayName",
    38: "statusURI",
}  # fmt: skip
EXACT, PREFIX, EXISTS, EMPTY, WILDCARDS = range(5)
FILTER_TYPES = {EXACT: "Exact", PREFIX: "Prefix", EXISTS: "Exists", EMPTY: "Empty",
                WILDCARDS: "Wildcards"}  # fmt: skip
# The matching (directory.text_matcher) each filter type that tests text means.
MATCHING = {EXACT: "exact", PREFIX: "starts with", WILDCARDS: "wildcards"}
# Private contacts' fields as an entry names them (the contact as added: email, phones).
PRIVATE_FIELDS = {"email": "businessEmail"}


@dataclass
class Watch:
    session: Session
    subscription_id: str
    directory_id: str
    count: int
    index: int
    filters: list[tuple[str, int, list[str]]]
    sorts: list[tuple[str, bool]]
    # The page last told: entry id -> entry.
    shown: dict[str, dict] = field(default_factory=dict)


class DirectoryWatch:
    def __init__(
        self, state: ServerState, statuses: Statuses, directory: Directory, dials: SpeedDials
    ) -> None:
        self.state = state
        self.statuses = statuses
        self.directory = directory
        self.dials = dials
        # (session id, subscription id) -> watch.
        self.watches: dict[tuple[str, str], Watch] = {}
        # Lower-case user id -> the watches whose page shows the user.
        self.showing: dict[str, set[tuple[str, str]]] = {}
        # Session id -> the session, for those watching the directories' metadata.
        self.metadata_watchers: dict[str, Session] = {}
        statuses.on_change(self._user_changed)
        directory.on_contacts_change(self._contacts_changed)
        dials.on_change(self._dial_changed)
        state.on_session_end(lambda session, _why: self._forget(session))

    # -- the directories' metadata --------------------------------------------------------

    def watch_metadata(self, session: Session) -> None:
        """[doc] The first message (isDelta false) adds every directory the user may
        open: the standard ones and the speed dials the user sees."""
        listed = self.directory.metadata_message()
        listed["directoriesAdded"] += [d.metadata() for d in self.dials.visible(session.user)]
        self.metadata_watchers[session.id] = session
        self.state.deliver(session, listed)

    def stop_metadata(self, session: Session) -> None:
        self.metadata_watchers.pop(session.id, None)

    def _dial_changed(self, what: str, dial: SpeedDial) -> None:
        if what == "links":
            for watch in list(self.watches.values()):
                if watch.directory_id == dial.id:
                    self._tell(watch)
            return
        for session in list(self.metadata_watchers.values()):
            if dial.owner is not session.user and not dial.public:
                continue
            self.state.deliver(session, {
                "__type": DIRECTORIES_MESSAGE, "isDelta": True,
                "directoriesAdded": [dial.metadata()] if what == "added" else [],
                "directoriesChanged": [dial.metadata()] if what == "changed" else [],
                "directoriesRemoved": [dial.id] if what == "removed" else [],
            })  # fmt: skip
        if what == "removed":
            for key in [k for k, w in self.watches.items() if w.directory_id == dial.id]:
                self._stop(key)

    # -- subscribing ----------------------------------------------------------------------

    def watch(self, session: Session, subscription_id: str, body: dict) -> None:
        directory_id = body.get("directoryID")
        if not isinstance(directory_id, str) or not directory_id:
            raise MissingProperty("directoryID")
        if directory_id not in (COMPANY_DIRECTORY, PRIVATE_CONTACTS):
            mine = [d.id for d in self.dials.visible(session.user)]
            if directory_id not in mine:
                raise NotFound(
                    f"The directory {directory_id} was not found; the user may open "
                    f"{', '.join([COMPANY_DIRECTORY, PRIVATE_CONTACTS, *mine])}."
                )
        count = _whole(body, "count", DEFAULT_COUNT, 1, MOST_COUNT)
        index = _whole(body, "index", 0, 0, 1_000_000)
        watch = Watch(session, subscription_id, directory_id, count, index,
                      _filters(body.get("filterItems")), _sorts(body.get("sortItems")))  # fmt: skip
        key = (session.id, subscription_id)
        self._stop(key)
        self.watches[key] = watch
        self._tell(watch, first=True)

    def stop(self, session: Session, subscription_id: str) -> None:
        self._stop((session.id, subscription_id))

    def _stop(self, key: tuple[str, str]) -> None:
        watch = self.watches.pop(key, None)
        if watch is not None:
            self._show(key, watch, {})

    def _forget(self, session: Session) -> None:
        self.metadata_watchers.pop(session.id, None)
        for key in [k for k in self.watches if k[0] == session.id]:
            self._stop(key)

    # -- the page -------------------------------------------------------------------------

    def _entries(self, watch: Watch) -> list[dict]:
        user = watch.session.user
        if watch.directory_id == PRIVATE_CONTACTS:
            return [self._private_entry(c) for c in self.directory.contacts(user)]
        if watch.directory_id == COMPANY_DIRECTORY:
            return [self._user_entry(u) for u in self.directory.scenario.users.values()]
        dial = self.dials.dials.get(watch.directory_id)
        return [] if dial is None else self._dial_entries(dial)

    def _dial_entries(self, dial: SpeedDial) -> list[dict]:
        """A speed dial's links as entries: the linked contact under the link's id."""
        found = []
        private = {c["entryID"]: c for c in self.directory.contacts(dial.owner)}
        for link_id, link in dial.links.items():
            if link["source"] == COMPANY_DIRECTORY:
                user = self.directory.scenario.user(link["entry"])
                entry = self._user_entry(user) if user is not None else None
            else:
                contact = private.get(link["entry"])
                entry = self._private_entry(contact) if contact is not None else None
            if entry is not None:
                found.append({**entry, "entryID": link_id})
        return found

    def _page(self, watch: Watch) -> tuple[int, int, dict[str, dict]]:
        """The directory's size, how many pass the filters, and the page: id -> entry."""
        everyone = self._entries(watch)
        passing = [e for e in everyone if all(_passes(e, f) for f in watch.filters)]
        passing.sort(key=lambda e: str(e.get("displayName", "")).casefold())
        for name, descending in reversed(watch.sorts):
            passing.sort(key=_sort_key(name), reverse=descending)
        page = {}
        for offset, entry in enumerate(passing[watch.index : watch.index + watch.count]):
            page[entry["entryID"]] = {**entry, "index": watch.index + offset}
        return len(everyone), len(passing), page

    def _tell(self, watch: Watch, first: bool = False) -> None:
        """Compare the page with the one last told and tell the difference."""
        total, filtered, page = self._page(watch)
        before = watch.shown
        added = [e for i, e in page.items() if i not in before]
        changed = [e for i, e in page.items() if i in before and before[i] != e]
        removed = [i for i in before if i not in page]
        self._show((watch.session.id, watch.subscription_id), watch, page)
        if first or added or changed or removed:
            self.state.deliver(watch.session, {
                "__type": DIRECTORY_MESSAGE, "subscriptionId": watch.subscription_id,
                "isDelta": not first, "totalCount": total, "filteredCount": filtered,
                "contactsAdded": added, "contactsChanged": changed, "contactsRemoved": removed,
            })  # fmt: skip

    def _show(self, key: tuple[str, str], watch: Watch, page: dict[str, dict]) -> None:
        """Keep the index of which users each page shows (by their userID)."""
        before = {str(e["userID"]).lower() for e in watch.shown.values() if e.get("userID")}
        after = {str(e["userID"]).lower() for e in page.values() if e.get("userID")}
        for user_id in before - after:
            watchers = self.showing.get(user_id)
            if watchers is not None:
                watchers.discard(key)
                if not watchers:
                    del self.showing[user_id]
        for user_id in after - before:
            self.showing.setdefault(user_id, set()).add(key)
        watch.shown = page

    # -- what changes it ------------------------------------------------------------------

    def _user_changed(self, user: User) -> None:
        """A status, station or phone changed: told only where the user is shown."""
        for key in list(self.showing.get(user.id.lower(), ())):
            watch = self.watches.get(key)
            if watch is None:
                continue
            changed = []
            for entry_id, old in list(watch.shown.items()):
                if str(old.get("userID", "")).lower() != user.id.lower():
                    continue
                new = {**self._user_entry(user), "entryID": entry_id, "index": old["index"]}
                if new != old:
                    watch.shown[entry_id] = new
                    changed.append(new)
            if changed:
                self.state.deliver(watch.session, {
                    "__type": DIRECTORY_MESSAGE, "subscriptionId": watch.subscription_id,
                    "isDelta": True, "contactsAdded": [], "contactsChanged": changed,
                    "contactsRemoved": [],
                })  # fmt: skip

    def _contacts_changed(self, user: User) -> None:
        """A private contact changed: the user's own pages of it, and of speed dials."""
        for watch in list(self.watches.values()):
            if watch.session.user is user and watch.directory_id != COMPANY_DIRECTORY:
                self._tell(watch)

    # -- entries --------------------------------------------------------------------------

    def _user_entry(self, user: User) -> dict:
        status = self.statuses.user_status(user)
        workgroups = [w.id for w in self.directory.scenario.workgroups.values()
                      if w.has_member(user.id)]  # fmt: skip
        entry = {
            "__type": CONTACT_ENTRY, "entryID": user.id, "userID": user.id,
            **person_fields(user), "title": user.personal.get("title"),
            "workgroups": workgroups or None,
            "statusID": status.get("statusId"), "statusNotes": status.get("notes"),
            "statusChanged": status.get("statusChanged"), "onPhone": status.get("onPhone"),
            "onPhoneChanged": status.get("onPhoneChanged"), "loggedIn": status.get("loggedIn"),
            "stations": status.get("stations") or None,
        }  # fmt: skip
        return {name: value for name, value in entry.items() if value is not None}

    @staticmethod
    def _private_entry(contact: dict) -> dict:
        entry = {PRIVATE_FIELDS.get(name, name): value for name, value in contact.items()}
        return {"__type": CONTACT_ENTRY, **entry}


def _sort_key(name: str) -> Callable[[dict], str]:
    return lambda entry: str(entry.get(name, "")).casefold()


def _whole(body: dict, name: str, default: int, least: int, most: int) -> int:
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
        raise InvalidProperty(name, f"{name} must be a whole number from {least} to {most}.")
    return value


def _filters(items) -> list[tuple[str, int, list[str]]]:
    found = []
    for item, name in _items(items, "filterItems", "filter"):
        kind = item.get("filterType")
        expressions = item.get("filterExpressions", [])
        if isinstance(kind, bool) or kind not in FILTER_TYPES:
            listed = ", ".join(f"{n} {label}" for n, label in FILTER_TYPES.items())
            raise InvalidProperty("filterItems", f"filterItems' filterType must be {listed}.")
        if not isinstance(expressions, list) or not all(isinstance(e, str) for e in expressions):
            raise InvalidProperty("filterItems", "filterExpressions must be a list of text.")
        found.append((name, kind, expressions))
    return found


def _sorts(items) -> list[tuple[str, bool]]:
    found = []
    for item, name in _items(items, "sortItems", "sort"):
        direction = item.get("sortDirection", 0)
        if isinstance(direction, bool) or direction not in (0, 1):
            raise InvalidProperty(
                "sortItems", "sortItems' sortDirection must be 0 (ascending) or 1 (descending)."
            )
        found.append((name, direction == 1))
    return found


def _items(items, where: str, what: str) -> Iterator[tuple[dict, str]]:
    """Each object of a filterItems or sortItems list (none when absent), with the entry
    field its contactProperty names."""
    if items is None:
        return
    for item in items if isinstance(items, list) else [None]:
        if not isinstance(item, dict):
            raise InvalidProperty(where, f"{where} must be a list of {what} objects.")
        name = CONTACT_PROPERTIES.get(item.get("contactProperty"))  # type: ignore[arg-type]
        if name is None:
            raise InvalidProperty(where, _known_properties(where))
        yield item, name


def _known_properties(where: str) -> str:
    listed = ", ".join(f"{n} ({name})" for n, name in CONTACT_PROPERTIES.items())
    return f"{where}' contactProperty must be one the simulator's entries hold: {listed}."


def _passes(entry: dict, rule: tuple[str, int, list[str]]) -> bool:
    name, kind, expressions = rule
    value = str(entry.get(name, "") or "")
    if kind == EXISTS:
        return bool(value)
    if kind == EMPTY:
        return not value
    return any(text_matcher(MATCHING[kind], e)(value) for e in expressions)
