"""Feature ``messaging``: the message queue, read by short polls or as an event stream."""

from __future__ import annotations

import re

from ...protocol.http import EVENT_STREAM_TYPE
from ..sessions import Session
from ..state import ServerState
from ..wire import NO_CACHE, Request, Response, json_response


class MessagingResource:
    def __init__(self, state: ServerState):
        self.state = state

    def routes(self) -> list:
        return [("GET", re.compile(r"^messaging/messages$"), self.messages, True)]

    def messages(self, request: Request, session: Session) -> Response:
        wants_stream = EVENT_STREAM_TYPE in request.headers.get("accept", "").lower()
        if wants_stream and self.state.scenario.features.get("messaging", 0) >= 2:
            headers = [("Content-Type", EVENT_STREAM_TYPE), ("Cache-Control", NO_CACHE)]
            return Response(200, b"", headers, stream=session)
        messages = list(session.messages)
        session.messages.clear()
        return json_response(200, messages)
