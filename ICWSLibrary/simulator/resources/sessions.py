"""Feature ``session`` over HTTP: subscriptions to the sessions of users and stations.
The rules live in :mod:`..session_watch`."""

from __future__ import annotations

import re

from ..errors import InvalidProperty, MissingProperty
from ..session_watch import SessionWatch
from ..sessions import Session
from ..wire import Request, Response, json_response

KINDS = {"sessions-users": ("user", "userIds"), "sessions-stations": ("station", "stationIds")}
LAYOUTS = "sessions-layouts"


class SessionResource:
    def __init__(self, watch: SessionWatch):
        self.watch = watch

    def routes(self) -> list:
        path = re.compile(r"^messaging/subscriptions/session/(sessions-users|sessions-stations)$")
        layouts = re.compile(rf"^messaging/subscriptions/session/{LAYOUTS}$")
        return [
            ("PUT", path, self.subscribe, True), ("DELETE", path, self.unsubscribe, True),
            ("PUT", layouts, self.subscribe_layouts, True),
            ("DELETE", layouts, lambda request, session: json_response(204), True),
        ]  # fmt: skip

    def subscribe_layouts(self, request: Request, session: Session) -> Response:
        """[guess] ``{layoutIds}``; the scenario has no layouts (floor plans), so every
        layout named is unknown: a 400 naming them, as for an unknown station."""
        body = request.json()
        ids = body.get("layoutIds") if isinstance(body, dict) else None
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            raise MissingProperty("layoutIds")
        raise InvalidProperty(
            "layoutIds",
            f"There is no layout {', '.join(map(repr, ids))}: the simulated server has no layouts.",
        )

    def subscribe(self, request: Request, session: Session, name: str) -> Response:
        kind, field = KINDS[name]
        body = request.json()
        ids = body.get(field) if isinstance(body, dict) else None
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            raise MissingProperty(field)
        self.watch.watch(session, kind, ids)
        return json_response(200)

    def unsubscribe(self, request: Request, session: Session, name: str) -> Response:
        self.watch.stop(session, KINDS[name][0])
        return json_response(204)
