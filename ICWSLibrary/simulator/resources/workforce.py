"""Feature ``wfm`` over HTTP: the agent's schedule, data and time-off requests. The rules
live in :mod:`..workforce`."""

from __future__ import annotations

import re
from urllib.parse import parse_qs

from ...protocol.dates import format_datetime
from ..sessions import Session
from ..wire import Request, Response, json_response
from ..workforce import WorkforceService


class WorkforceResource:
    def __init__(self, service: WorkforceService):
        self.service = service

    def routes(self) -> list:
        versions = re.compile(r"^messaging/subscriptions/wfm-data/data-versions$")
        return [
            ("GET", re.compile(r"^wfm/scheduledatesrange$"), self.dates_range, True),
            ("GET", re.compile(r"^wfm/data$"), self.data, True),
            ("POST", re.compile(r"^wfm/time-off$"), self.add_time_off, True),
            ("PUT", re.compile(r"^wfm/time-off/([^/]+)$"), self.change_time_off, True),
            ("PUT", versions, self.watch, True), ("DELETE", versions, self.stop, True),
        ]  # fmt: skip

    def dates_range(self, request: Request, session: Session) -> Response:
        self.service.agent(session)
        first, last = self.service.published()
        return json_response(200, {"scheduleStartTimeUTC": format_datetime(first), "scheduleEndTimeUTC": format_datetime(last)})  # fmt: skip

    def data(self, request: Request, session: Session) -> Response:
        query = {name: values[-1] for name, values in parse_qs(request.query).items()}
        answer = self.service.data(session, query.get("select"), query.get("startUtc"), query.get("endUtc"))  # fmt: skip
        return json_response(200, answer)

    def add_time_off(self, request: Request, session: Session) -> Response:
        return json_response(201, self.service.add(session, request.json()).body())

    def change_time_off(self, request: Request, session: Session, request_id: str) -> Response:
        self.service.change(session, request_id, request.json())
        # [guess] The page lists no success status: 204, as other changes without a body.
        return json_response(204)

    def watch(self, request: Request, session: Session) -> Response:
        self.service.watch(session)
        return json_response(200)

    def stop(self, request: Request, session: Session) -> Response:
        self.service.stop(session)
        return json_response(204)
