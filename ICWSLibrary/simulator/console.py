"""The simulator's console: a page for people at ``/console`` that shows the contact center
live (agents, queues, interactions) and lets them act as the world outside it (place a
call or a chat, hang up a caller, write as a chat visitor, advance the clock).

For people only: it is not under ``/icws/``, needs no ICWS session, changes nothing an
ICWS client sees, and is off unless asked for (``icws-simulator --console``, ``Start ICWS
Simulator    console=True``). Live by server-sent events, as the ICWS channel is: each
change the model settles tells every open page to read ``/console/state`` again. No asset
is fetched from anywhere: the page is one HTML file with its style and script inline.
"""

from __future__ import annotations

import json
from importlib import resources

from .contact import MEDIA_NAMES, STATE_TEXT, ContactCenter
from .control import Controls
from .errors import InvalidProperty, MissingProperty, NotFound, SimulatorError
from .sessions import Mailbox
from .state import ServerState
from .statuses import Statuses
from .wire import Request, Response, json_response

PREFIX = "/console"
# Event streams kept for open pages; beyond this, those whose page went away are dropped.
MAX_VIEWERS = 50


class Console:
    def __init__(
        self, state: ServerState, contact: ContactCenter, statuses: Statuses, controls: Controls
    ) -> None:
        self.state = state
        self.contact = contact
        self.statuses = statuses
        self.controls = controls
        self.viewers: list[Mailbox] = []
        self.changes = 0
        state.on_settle(self._changed)

    # -- HTTP ------------------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        path = request.path[len(PREFIX) :].rstrip("/")
        try:
            if request.method == "GET" and path == "":
                page = resources.files(__package__).joinpath("console.html").read_bytes()
                return Response(200, page, [("Content-Type", "text/html; charset=utf-8"),
                                            ("Cache-Control", "no-store")])  # fmt: skip
            if request.method == "GET" and path == "/state":
                with self.state.changing(read_only=True):
                    return json_response(200, self.snapshot())
            if request.method == "GET" and path == "/events":
                viewer = Mailbox()
                self._keep(viewer)
                self.state.deliver(viewer, {"changes": self.changes})
                return Response(200, b"", [("Content-Type", "text/event-stream"),
                                           ("Cache-Control", "no-cache")], stream=viewer)  # fmt: skip
            if request.method == "POST" and path == "/actions":
                return json_response(200, self.act(request.json()))
        except SimulatorError as refused:
            return refused.response()
        except KeyError as refused:  # a ControlError: the thing acted on is not there
            return json_response(400, {"message": str(refused).strip("'\"")})
        raise_not_found = NotFound(f"No console page at {request.method} {request.path}.")
        return raise_not_found.response()

    def _keep(self, viewer: Mailbox) -> None:
        if len(self.viewers) >= MAX_VIEWERS:
            self.viewers = [v for v in self.viewers if v.listeners]
        self.viewers.append(viewer)

    def _changed(self) -> None:
        self.changes += 1
        for viewer in self.viewers:
            # One pending notice per page is enough: it reads the whole state anyway.
            if not viewer.messages:
                self.state.deliver(viewer, {"changes": self.changes})

    # -- what the page shows -------------------------------------------------------------------

    def snapshot(self) -> dict:
        scenario, now = self.state.scenario, self.state.clock.now()
        agents = []
        for user in scenario.users.values():
            sessions = self.state.sessions.of_user(user.id)
            status = self.statuses.user_status(user)
            station = next((s.station for s in sessions if s.station), None)
            idle = self.contact.idle_since.get(user.id.lower())
            agents.append({
                "id": user.id, "name": user.display_name, "loggedIn": bool(sessions),
                "status": status.get("statusId", ""), "onPhone": bool(status.get("onPhone")),
                "station": str(station.get("id", "")) if station else "",
                "idleSeconds": None if idle is None else round(now - idle),
            })  # fmt: skip
        queues = []
        for workgroup in scenario.workgroups.values():
            waiting = [
                {"id": i.id, "remote": i.attributes.get("Eic_RemoteName"),
                 "media": MEDIA_NAMES.get(i.media, str(i.media)),
                 "waitedSeconds": round(now - i.queued_at) if i.queued_at else 0}
                for (group, _media), held in self.contact.registry.waiting.items()
                if group == workgroup.id.lower() for i in held.values()
            ]  # fmt: skip
            queues.append({"workgroup": workgroup.id, "waiting": waiting})
        interactions = [
            {"id": i.id, "state": i.state, "stateText": STATE_TEXT.get(i.state, i.state),
             "media": MEDIA_NAMES.get(i.media, str(i.media)),
             "workgroup": i.workgroup.id if i.workgroup else "",
             "user": i.agent.id if i.agent else "",
             "remote": i.attributes.get("Eic_RemoteName") or i.attributes.get("Eic_RemoteAddress"),
             "parties": [o.id for o in i.others]}
            for i in self.contact.interactions.values()
        ]  # fmt: skip
        return {"changes": self.changes, "agents": agents, "queues": queues,
                "interactions": interactions,
                "workgroups": [w.id for w in scenario.workgroups.values()]}  # fmt: skip

    # -- what the page does ----------------------------------------------------------------------

    def act(self, body) -> dict:
        """``{action, ...}``: place-call {workgroup, ani?}, place-chat {workgroup, name?},
        hang-up {interactionId}, write-chat {interactionId, text}, advance {seconds}."""
        if not isinstance(body, dict) or not isinstance(body.get("action"), str):
            raise MissingProperty("action")
        action = body["action"]
        controls = self.controls
        if action == "place-call":
            made = controls.place_inbound_call(_text(body, "workgroup"),
                                               str(body.get("ani") or "3175550100"))  # fmt: skip
            return {"interactionId": made}
        if action == "place-chat":
            made = controls.place_inbound_chat(_text(body, "workgroup"),
                                               str(body.get("name") or "Web visitor"))  # fmt: skip
            return {"interactionId": made}
        if action == "hang-up":
            controls.hang_up(_text(body, "interactionId"))
            return {}
        if action == "write-chat":
            controls.write_chat(_text(body, "interactionId"), _text(body, "text"))
            return {}
        if action == "advance":
            seconds = body.get("seconds")
            if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
                raise InvalidProperty("seconds", "seconds must be a number.")
            return {"ran": controls.advance_time(float(seconds))}
        raise InvalidProperty(
            "action", f"No console action {json.dumps(action)[:40]}; known: place-call, "
            "place-chat, hang-up, write-chat, advance."
        )  # fmt: skip


def _text(body: dict, name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value:
        raise MissingProperty(name)
    return value
