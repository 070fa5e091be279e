"""Feature ``configuration``: reading, writing and watching configuration objects over HTTP.

The rules live in :mod:`..configuration`; this resource reads the query string, the
``Range`` header and the bodies; refusals are raised as ConfigurationErrors, which the
router answers as ICWS does.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

from ...protocol.names import clipped
from ..configuration import (
    ConfigurationError,
    ConfigurationStore,
    ConfigurationWatch,
)
from ..sessions import Session
from ..wire import Request, Response, json_response

# [doc] Range: items=10-20 (both ends included).
_RANGE = re.compile(r"^\s*items\s*=\s*(\d{1,9})\s*-\s*(\d{1,9})\s*$", re.IGNORECASE)


class ConfigurationResource:
    def __init__(self, store: ConfigurationStore):
        self.store = store
        self.state = store.contact.state

    def routes(self) -> list:
        kinds = "|".join(re.escape(kind) for kind in self.store.types)
        listed = re.compile(rf"^configuration/({kinds})$")
        one = re.compile(rf"^configuration/({kinds})/([^/]+)$")
        watch = re.compile(rf"^messaging/subscriptions/configuration/({kinds})/([^/]+)$")
        return [
            ("GET", listed, self.get_list, True),
            ("POST", listed, self.create, True),
            ("GET", one, self.get_one, True),
            ("PUT", one, self.update, True),
            ("DELETE", one, self.delete, True),
            ("PUT", watch, self.watch, True),
            ("DELETE", watch, self.stop_watching, True),
            ("GET", re.compile(r"^configuration/system/languages$"), self.languages, True),
        ]

    def write_refusal(self, session: Session) -> Response | None:
        """The 403 of a write by a user without the administrator's right, for any
        configuration type, simulated or not."""
        try:
            self.store.check_admin(session.user)
        except ConfigurationError as error:
            return error.response()
        return None

    def languages(self, request: Request, session: Session) -> Response:
        """The server's languages, ``{languages: [{language: {id, displayName}}]}``.

        [real] A 2015 client reads ``languages[].language.id`` and finds ``en-US`` on a
        real server (gildas/ruby-ic); [guess] ``countries`` ("when available") is left out.
        """
        return json_response(
            200,
            {
                "languages": [
                    {
                        "language": {
                            "id": _tag(tag),
                            "displayName": self.state.scenario.language_name(tag),
                        }
                    }
                    for tag in self.state.scenario.languages
                ]
            },
        )

    def get_list(self, request: Request, session: Session, kind: str) -> Response:
        query = _query(request)
        first, last = 0, None
        if "range" in request.headers:
            match = _RANGE.match(request.headers["range"])
            if not match or int(match.group(1)) > int(match.group(2)):
                # [guess] A real server's answer to a malformed Range is not known.
                raise ConfigurationError(
                    400,
                    f"The Range header {clipped(request.headers['range'], 60)!r} is not items=first-last with first at most "
                    "last (numbers of at most 9 digits).",
                )
            first, last = int(match.group(1)), int(match.group(2))
        items = self.store.search(
            session.user, kind, query.get("select"), query.get("where"),
            query.get("rightsFilter"), first, last, query.get("orderBy"), _values(query),
        )  # fmt: skip
        return json_response(200, {"items": items})

    def get_one(self, request: Request, session: Session, kind: str, object_id: str) -> Response:
        query = _query(request)
        found = self.store.read(
            session.user, kind, object_id, query.get("select"), query.get("rightsFilter"),
            _values(query),
        )  # fmt: skip
        return json_response(200, found)

    def create(self, request: Request, session: Session, kind: str) -> Response:
        created = self.store.create(session.user, kind, request.json())
        self._tell_watchers()
        return json_response(201, _update_result(created))

    def update(self, request: Request, session: Session, kind: str, object_id: str) -> Response:
        updated = self.store.update(session.user, kind, object_id, request.json())
        self._tell_watchers()
        return json_response(200, _update_result(updated))

    def delete(self, request: Request, session: Session, kind: str, object_id: str) -> Response:
        self.store.delete(session.user, kind, object_id)
        self._tell_watchers()
        return json_response(204)

    def watch(self, request: Request, session: Session, kind: str, subscription_id: str):
        if not self.store.types[kind].subscribable:
            raise ConfigurationError(404, f"There are no subscriptions to {kind}.")
        body = request.json()
        body = body if isinstance(body, dict) else {}
        # [doc] configurationIds, properties and rightsFilter are all required.
        for name in ("configurationIds", "properties", "rightsFilter"):
            if name not in body:
                raise ConfigurationError(400, f"The required property {name} is missing.", name)
        ids, properties = body["configurationIds"], body["properties"]
        if not isinstance(ids, list) or not all(isinstance(i, (str, dict)) for i in ids):
            raise ConfigurationError(400, "configurationIds must be a list.", "configurationIds")
        if not isinstance(properties, list) or not all(isinstance(p, str) for p in properties):
            raise ConfigurationError(400, "properties must be a list of names.", "properties")
        names = self.store.check_select(kind, ",".join(properties)) or []
        hidden = self.store.filters_out(session.user, str(body["rightsFilter"]))
        wanted = [i.get("id") if isinstance(i, dict) else i for i in ids]
        watch = ConfigurationWatch(
            kind=kind,
            ids=None if "*" in wanted else {str(i).lower() for i in wanted},
            properties=names,
            hidden=hidden,
        )
        session.configuration_watches[subscription_id] = watch
        self.state.deliver(session, self.store.first_message(subscription_id, watch))
        return json_response(200)

    def stop_watching(self, request: Request, session: Session, kind: str, subscription_id: str):
        session.configuration_watches.pop(subscription_id, None)
        return json_response(204)

    def _tell_watchers(self) -> None:
        for session in list(self.state.sessions.live.values()):
            for subscription_id, watch in session.configuration_watches.items():
                message = self.store.changes(subscription_id, watch)
                if message is not None:
                    self.state.deliver(session, message)


def _values(query: dict[str, str]) -> tuple[bool, bool]:
    """[doc] The actualValues and inheritedValues switches of a read (true or false)."""
    switches = []
    for name, default in (("actualValues", False), ("inheritedValues", True)):
        text = query.get(name)
        if text is None:
            switches.append(default)
        elif text.lower() in ("true", "false"):
            switches.append(text.lower() == "true")
        else:
            raise ConfigurationError(400, f"{name} must be true or false, not {text!r:.40}.", name)
    return switches[0], switches[1]


def _update_result(identity: dict) -> dict:
    """[doc] Configuration.UpdateOperationResult: ``{id (required), uri, licenseProblems}``
    (the simulator has no licence problems to report)."""
    return {"id": identity["id"], "uri": identity["uri"], "licenseProblems": []}


def _query(request: Request) -> dict[str, str]:
    return {name: values[-1] for name, values in parse_qs(request.query).items()}


def _tag(tag: str) -> str:
    """``en-us`` as a language tag is written: ``en-US``."""
    language, _, region = tag.partition("-")
    return f"{language}-{region.upper()}" if region else language
