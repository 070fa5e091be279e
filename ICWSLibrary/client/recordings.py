"""Recording: whether a call is recorded, the agent's own recording, secure pause, and the
recording a call leaves (its export URI and tags).

[doc] ``POST /interactions/{id}/record`` and ``.../secure-pause``; ``GET
/recordings/{id}/export-uri``, ``GET|PUT /recordings/{id}/tags``. [guess] the bodies, as
the simulator takes them (see ``simulator/contact/recording.py``).
"""

from __future__ import annotations

from urllib.parse import urljoin

from .address import path_segment
from .errors import ICWSError
from .interactions import attribute_value

RECORDING_ID = "Eic_IRRecordingId"
PAUSED_SINCE = "Eic_SecureRecordingPauseStartTime"
# [guess] securePauseType: the default time 0, without end 1, a given time 2, resume 3.
DEFAULT_PAUSE, TIMED_PAUSE, RESUME = 0, 2, 3


class RecordingAPI:
    def __init__(self, session) -> None:
        self._session = session

    def recording_id(self, interaction_id: str) -> str:
        """The interaction's recording id ('' when it is not recorded)."""
        attributes = self._session.interactions.attributes(interaction_id, [RECORDING_ID])
        return attribute_value(attributes, RECORDING_ID)

    def paused_since(self, interaction_id: str) -> str:
        """When the recording was securely paused ('' when it is not)."""
        attributes = self._session.interactions.attributes(interaction_id, [PAUSED_SINCE])
        return attribute_value(attributes, PAUSED_SINCE)

    def record(self, interaction_id: str, on: bool) -> None:
        self._session.interactions.act(
            interaction_id, "record", {"on": bool(on), "supervisor": False},
            verb="start recording" if on else "stop recording",
        )  # fmt: skip

    def secure_pause(self, interaction_id: str, seconds: float | None = None) -> None:
        body: dict = {"securePauseType": DEFAULT_PAUSE if seconds is None else TIMED_PAUSE}
        if seconds is not None:
            body["duration"] = seconds
        self._session.interactions.act(interaction_id, "secure-pause", body,
                                       verb="securely pause the recording of")  # fmt: skip

    def resume(self, interaction_id: str) -> None:
        self._session.interactions.act(interaction_id, "secure-pause",
                                       {"securePauseType": RESUME},
                                       verb="resume the recording of")  # fmt: skip

    def export_uri(self, recording_id: str) -> str:
        """The export's URI, resolved against the server the session talks to."""
        answer = self._call("GET", recording_id, "/export-uri", None, "read the export URI of")
        uri = answer.get("uri") if isinstance(answer, dict) else None
        if not isinstance(uri, str) or not uri:
            raise ICWSError(f"The server named no export URI of recording {recording_id}.")
        return urljoin(self._session.address.base_url + "/", uri)

    def tags(self, recording_id: str) -> list[str]:
        answer = self._call("GET", recording_id, "/tags", None, "read the tags of")
        tags = answer.get("tags") if isinstance(answer, dict) else None
        return [str(t) for t in tags] if isinstance(tags, list) else []

    def add_tag(self, recording_id: str, tag: str) -> None:
        self._call("PUT", recording_id, "/tags", {"tags": [str(tag)]}, f"tag '{tag}' on")

    def _call(self, method: str, recording_id: str, suffix: str, body, verb: str):
        path = f"/recordings/{path_segment(recording_id)}{suffix}"
        try:
            return self._session.call(method, path, body)
        except ICWSError as error:
            raise error.in_context(
                f"'{self._session.user_id}' could not {verb} recording {recording_id}"
            ) from None
