"""Recording over HTTP: an agent's record and secure-pause actions, and the recordings
calls leave (export URI, tags, attributes). The rules live in :mod:`..contact.recording`.

[guess] The bodies: ``record {on, supervisor}``, ``pause {on}``, ``secure-pause
{securePauseType, duration}``, ``tags {tags: [...]}``, ``attributes {attributes: {...}}``;
the export URI is a path on this server (``/recording-exports/{id}``), resolved against
the address the client uses, so a recorded session replays on any address.
"""

from __future__ import annotations

import math
import re

from ..contact import Interaction
from ..contact.recording import PAUSE_TYPES, TIMED_PAUSE, Recording
from ..errors import InvalidProperty, InvalidState, MissingProperty, NotFound
from ..sessions import Session
from ..wire import Request, Response, json_response
from .interactions import InteractionResource, required_flag

EXPORTS = "/recording-exports/"


class RecordingResource:
    def __init__(self, interactions: InteractionResource):
        self.interactions = interactions
        self.contact = interactions.contact

    @property
    def recorder(self):
        return self.contact.recorder

    def routes(self) -> list:
        one = r"^interactions/([^/]+)"
        found = self.interactions._found
        recording = r"^recordings/([^/]+)"
        return [
            ("POST", re.compile(one + "/record$"), found(self._acting(self.record)), True),
            ("POST", re.compile(one + "/pause$"), found(self._acting(self.pause)), True),
            ("POST", re.compile(one + "/secure-pause$"),
             found(self._acting(self.secure_pause)), True),
            ("GET", re.compile(recording + "/export-uri$"), self._recording(self.export_uri), True),
            ("GET", re.compile(recording + "/tags$"), self._recording(self.get_tags), True),
            ("PUT", re.compile(recording + "/tags$"), self._recording(self.add_tags), True),
            ("DELETE", re.compile(recording + "/tags$"), self._recording(self.remove_tags), True),
            ("GET", re.compile(recording + "/attributes$"),
             self._recording(self.get_attributes), True),
            ("PUT", re.compile(recording + "/attributes$"),
             self._recording(self.set_attributes), True),
        ]  # fmt: skip

    def _acting(self, handler):
        def act(request: Request, session: Session, interaction: Interaction) -> Response:
            body = request.json()
            action = request.path.rsplit("/", 1)[-1]
            try:
                handler(session, interaction, body if isinstance(body, dict) else {})
            except InvalidState as refused:
                raise refused.of(action, interaction.id) from None
            return json_response(200)

        return act

    def _recording(self, handler):
        def with_recording(request: Request, session: Session, recording_id: str) -> Response:
            recording = self.recorder.find(recording_id)
            if recording is None:
                raise NotFound(f"The recording {recording_id} was not found.")
            return handler(request, recording)

        return with_recording

    # -- actions ------------------------------------------------------------------------------

    def record(self, session: Session, interaction: Interaction, body: dict) -> None:
        self.recorder.record(session.user, interaction, required_flag(body, "on"))

    def pause(self, session: Session, interaction: Interaction, body: dict) -> None:
        """[guess] A plain pause stops the recording until it is taken off pause."""
        self.recorder.record(session.user, interaction, not required_flag(body, "on"))

    def secure_pause(self, session: Session, interaction: Interaction, body: dict) -> None:
        kind = body.get("securePauseType")
        if kind is None:
            raise MissingProperty("securePauseType")
        if isinstance(kind, bool) or kind not in PAUSE_TYPES:
            known = ", ".join(f"{n} ({name})" for n, name in PAUSE_TYPES.items())
            raise InvalidProperty("securePauseType", f"securePauseType must be {known}.")
        seconds = body.get("duration")
        if kind == TIMED_PAUSE and (
            isinstance(seconds, bool) or not isinstance(seconds, (int, float))
            or not math.isfinite(seconds) or not 0 < seconds <= 86_400
        ):  # fmt: skip
            raise InvalidProperty("duration", "duration must be seconds, more than 0.")
        self.recorder.secure_pause(session.user, interaction, kind, seconds)

    # -- recordings -----------------------------------------------------------------------------

    def export_uri(self, request: Request, recording: Recording) -> Response:
        if recording.ended is None:
            # [guess] A recording is exported once its call has ended.
            raise InvalidState(f"the recording {recording.id} is still going on")
        return json_response(200, {"uri": EXPORTS + recording.id})

    def get_tags(self, request: Request, recording: Recording) -> Response:
        return json_response(200, {"tags": list(recording.tags)})

    def add_tags(self, request: Request, recording: Recording) -> Response:
        for tag in _tags(request):
            if tag not in recording.tags:
                recording.tags.append(tag)
        return json_response(204)

    def remove_tags(self, request: Request, recording: Recording) -> Response:
        body = request.json()
        named = _tags(request) if isinstance(body, dict) and "tags" in body else None
        recording.tags[:] = [t for t in recording.tags if named is not None and t not in named]
        return json_response(204)

    def get_attributes(self, request: Request, recording: Recording) -> Response:
        return json_response(200, {"attributes": dict(recording.attributes)})

    def set_attributes(self, request: Request, recording: Recording) -> Response:
        body = request.json()
        attributes = body.get("attributes") if isinstance(body, dict) else None
        if not isinstance(attributes, dict):
            raise MissingProperty("attributes")
        recording.attributes.update({str(k): str(v) for k, v in attributes.items()})
        return json_response(204)

    def export(self, request: Request) -> Response:
        """The export itself, outside ``/icws/``: the manifest of the recorded spans."""
        recording = self.recorder.find(request.path[len(EXPORTS) :])
        if recording is None or recording.ended is None:
            raise NotFound(f"No recording export at {request.path}.")
        return json_response(200, recording.manifest())


def _tags(request: Request) -> list[str]:
    body = request.json()
    tags = body.get("tags") if isinstance(body, dict) else None
    if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
        raise MissingProperty("tags")
    return tags
