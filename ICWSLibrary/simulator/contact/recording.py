"""Recording: Interaction Recorder's policy, an agent's own recording, secure pause, and
the recording each call leaves behind (its recorded spans, tags and attributes).

[doc] ``POST /interactions/{id}/record {on, supervisor}``, ``.../pause``,
``.../secure-pause``; ``GET /recordings/{id}/export-uri``, ``.../tags``,
``.../attributes`` (operation list; CONTACT-CENTER.md 2.1). [real] Desktops read
``Eic_Recorders`` against ``Eic_UserName``. [guess] the policy keys (``recordCalls`` of a
workgroup or user), the rights (``canRecordInteractions``,
``canSecureRecordingPauseInteractions``, as a real user body names them), the secure
pause types, timeouts and the export's shape: a manifest of the recorded spans, so a suite
can check that a paused span is absent. A feature of its own: it hears calls connect and
end through the lifecycle.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field

from ..clock import Clock, Timer
from ..errors import Forbidden, InvalidState
from ..scenario import User
from ..wire import now_compact
from .interaction import CALL, Interaction, Interactions
from .lifecycle import Lifecycle

RECORD_RIGHT = "canRecordInteractions"
SECURE_PAUSE_RIGHT = "canSecureRecordingPauseInteractions"
# [guess] securePauseType: pause for the default time, without end, for a given time;
# or resume.
DEFAULT_PAUSE, INFINITE_PAUSE, TIMED_PAUSE, RESUME = 0, 1, 2, 3
PAUSE_TYPES = {DEFAULT_PAUSE: "default", INFINITE_PAUSE: "infinite", TIMED_PAUSE: "timed",
               RESUME: "resume"}  # fmt: skip


@dataclass(eq=False)
class Recording:
    id: str
    interaction_id: str
    started: float
    # Spans recorded, as (start, end) seconds of the simulator's clock; end None while on.
    spans: list[list[float | None]] = field(default_factory=list)
    ended: float | None = None
    # While securely paused: when the pause began, and the timer that resumes it.
    paused_since: float | None = None
    resume_timer: Timer | None = None
    tags: list[str] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)

    @property
    def recording(self) -> bool:
        return bool(self.spans) and self.spans[-1][1] is None

    def manifest(self) -> dict:
        """What the export holds: the recorded spans, in seconds from its start."""

        def offset(moment: float | None) -> float:
            return round((moment if moment is not None else self.started) - self.started, 3)

        return {
            "recordingId": self.id,
            "interactionId": self.interaction_id,
            "duration": offset(self.ended),
            "segments": [{"start": offset(a), "end": offset(b)} for a, b in self.spans],
            "tags": list(self.tags),
        }


class Recorder:
    def __init__(self, clock: Clock, interactions: Interactions, lifecycle: Lifecycle) -> None:
        self.clock = clock
        self.scenario = interactions.state.scenario
        self.interactions = interactions
        self._ids = itertools.count(1)
        # Recording id -> recording (kept after its call ends: exports, tags).
        self.recordings: dict[str, Recording] = {}
        # Interaction id -> its recording while the call lasts.
        self.of_interaction: dict[str, Recording] = {}
        lifecycle.on("connected", self._by_policy)
        lifecycle.on("disconnected", self._call_ended)

    # -- policy and the agent's own recording -------------------------------------------------

    def _by_policy(self, interaction: Interaction) -> None:
        if interaction.media != CALL or interaction.id in self.of_interaction:
            return
        group, agent = interaction.workgroup, interaction.agent
        if (group is not None and group.record_calls) or (agent is not None and agent.record_calls):
            self._start(interaction, recorder=None)

    def record(self, user: User, interaction: Interaction, on: bool) -> None:
        """The agent starts or stops recording their own call."""
        self._check(user, interaction, RECORD_RIGHT)
        found = self.of_interaction.get(interaction.id)
        if on:
            if found is None:
                self._start(interaction, recorder=user)
            elif not found.recording and found.paused_since is None:
                found.spans.append([self.clock.now(), None])
            self.interactions.change(interaction, Eic_Recorders=user.id)
            return
        if found is None or not found.recording:
            raise InvalidState("it is not being recorded")
        found.spans[-1][1] = self.clock.now()
        self.interactions.change(interaction, Eic_Recorders="")

    def _start(self, interaction: Interaction, recorder: User | None) -> Recording:
        # [guess] Recording ids are GUID-like, as Interaction Recorder's are.
        number = next(self._ids)
        recording = Recording(
            f"{number:08X}-0000-4000-8000-{int(interaction.id):012X}",
            interaction.id, self.clock.now(), [[self.clock.now(), None]],
        )  # fmt: skip
        self.recordings[recording.id] = recording
        self.of_interaction[interaction.id] = recording
        attributes = {"Eic_IRRecordingId": recording.id}
        if recorder is not None:
            attributes["Eic_Recorders"] = recorder.id
        self.interactions.change(interaction, **attributes)
        return recording

    # -- secure pause ------------------------------------------------------------------------------

    def secure_pause(
        self, user: User, interaction: Interaction, kind: int, seconds: float | None
    ) -> None:
        """Pause the recording (card details are not recorded), or resume it.

        [guess] A pause resumes by itself after its time (the scenario's default, or the
        one given); a repeated pause restarts the time but never keeps the recording
        paused longer than the scenario's maximum from when the pause began."""
        self._check(user, interaction, SECURE_PAUSE_RIGHT)
        recording = self.of_interaction.get(interaction.id)
        if recording is None:
            raise InvalidState("it is not being recorded")
        if kind == RESUME:
            self._resume(interaction, recording)
            return
        now = self.clock.now()
        if recording.paused_since is None:
            recording.paused_since = now
            if recording.recording:
                recording.spans[-1][1] = now
            self.interactions.change(interaction, Eic_SecureRecordingPauseStartTime=now_compact())
        if recording.resume_timer is not None:
            recording.resume_timer.cancel()
            recording.resume_timer = None
        limit = recording.paused_since + self.scenario.secure_pause_maximum
        if kind == INFINITE_PAUSE:
            self.interactions.change(interaction, Eic_RecordingsAutoResumeTime="")
            return
        length = self.scenario.secure_pause_timeout if kind == DEFAULT_PAUSE else seconds or 0.0
        due = min(now + length, limit)
        # [real] A desktop watches Eic_RecordingsAutoResumeTime; [guess] the moment the
        # pause ends by itself, written as the server writes times.
        resumes = time.gmtime(time.time() + (due - now))
        self.interactions.change(
            interaction, Eic_RecordingsAutoResumeTime=time.strftime("%Y%m%dT%H%M%SZ", resumes)
        )
        recording.resume_timer = self.clock.later(
            due - now, lambda: self._resume(interaction, recording),
            f"the recording of {interaction.id} resumed",
        )  # fmt: skip

    def _resume(self, interaction: Interaction, recording: Recording) -> None:
        if recording.paused_since is None or recording.ended is not None:
            return
        if recording.resume_timer is not None:
            recording.resume_timer.cancel()
            recording.resume_timer = None
        recording.paused_since = None
        recording.spans.append([self.clock.now(), None])
        self.interactions.change(
            interaction, Eic_SecureRecordingPauseStartTime="", Eic_RecordingsAutoResumeTime=""
        )

    def _call_ended(self, interaction: Interaction) -> None:
        recording = self.of_interaction.pop(interaction.id, None)
        if recording is None:
            return
        now = self.clock.now()
        if recording.recording:
            recording.spans[-1][1] = now
        if recording.resume_timer is not None:
            recording.resume_timer.cancel()
        recording.ended = now

    def _check(self, user: User, interaction: Interaction, right: str) -> None:
        if not user.may(right):
            raise Forbidden(
                f"The user {user.id} has no right to {right} (interaction {interaction.id})."
            )
        if interaction.agent is not user or interaction.state not in ("C", "H"):
            raise InvalidState(
                f"it is not connected to {user.id}"
                if interaction.agent is not user
                else f"it is {interaction.attributes.get('Eic_CallStateString') or 'not active'}"
            )

    def find(self, recording_id: str) -> Recording | None:
        return self.recordings.get(recording_id)
