"""Recording and compliance: is this call recorded, start and stop it, secure pause (card
details are not recorded), and the recording a call leaves."""

from __future__ import annotations

from datetime import timedelta

from robot.api.deco import keyword

from ..client.interactions import attribute_value
from ..client.recordings import PAUSED_SINCE
from .base import LibraryComponent


class RecordingKeywords(LibraryComponent):
    @keyword("Get Recording Id")
    def get_recording_id(self, interaction_id: str) -> str:
        """Returns the id of the interaction's recording (``Eic_IRRecordingId``); fails
        when the interaction is not recorded.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | ${recording} = | Get Recording Id | ${id} |
        """
        recording_id = self.connected_session().recordings.recording_id(interaction_id)
        if not recording_id:
            raise AssertionError(f"Interaction {interaction_id} is not recorded.")
        self.info(f"Interaction {interaction_id} is recorded as {recording_id}.")
        return recording_id

    @keyword("Interaction Should Be Recorded")
    def interaction_should_be_recorded(self, interaction_id: str, message: str | None = None):
        """Fails unless the interaction is recorded (it has a recording id).

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | Interaction Should Be Recorded | ${id} |
        """
        recording_id = self.connected_session().recordings.recording_id(interaction_id)
        if not recording_id:
            raise AssertionError(message or f"Interaction {interaction_id} is not recorded.")
        self.info(f"Interaction {interaction_id} is recorded as {recording_id}.")

    @keyword("Start Recording")
    def start_recording(self, interaction_id: str) -> None:
        """Starts recording the user's connected call; returns once the server shows the
        user among its recorders (``Eic_Recorders``). The user needs the right to record.

        Example:
        | Connect To ICWS | agent5 | ${PASSWORD} |
        | Log On To Workstation | 7005 |
        | ${id} = | Simulator Place Inbound Call | Sales |
        | Pick Up Interaction | ${id} |
        | Start Recording | ${id} |
        | Interaction Should Be Recorded | ${id} |
        """
        session = self.connected_session()
        session.recordings.record(interaction_id, True)
        me = session.user_id.casefold()
        self.until_shown(
            interaction_id, "is recorded by the user",
            lambda a: a is not None and me in attribute_value(a, "Eic_Recorders").casefold(),
            names=("Eic_Recorders",),
        )  # fmt: skip

    @keyword("Stop Recording")
    def stop_recording(self, interaction_id: str) -> None:
        """Stops the user's own recording of the call.

        Example:
        | Connect To ICWS | agent5 | ${PASSWORD} |
        | Log On To Workstation | 7005 |
        | ${id} = | Simulator Place Inbound Call | Sales |
        | Pick Up Interaction | ${id} |
        | Start Recording | ${id} |
        | Stop Recording | ${id} |
        """
        session = self.connected_session()
        session.recordings.record(interaction_id, False)
        me = session.user_id.casefold()
        self.until_shown(
            interaction_id, "no longer recorded by the user",
            lambda a: a is None or me not in attribute_value(a, "Eic_Recorders").casefold(),
            names=("Eic_Recorders",),
        )  # fmt: skip

    @keyword("Secure Pause Recording")
    def secure_pause_recording(
        self, interaction_id: str, duration: timedelta | None = None
    ) -> None:
        """Pauses the call's recording securely, so what is said (card details) is not
        recorded: for ``duration`` (``30s``), or the server's default time when not given.
        The recording resumes by itself after that, or at `Resume Recording`.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | Secure Pause Recording | ${id} | duration=30s |
        | Recording Should Be Paused | ${id} |
        """
        seconds = None if duration is None else duration.total_seconds()
        self.connected_session().recordings.secure_pause(interaction_id, seconds)
        self.until_shown(
            interaction_id, "securely paused",
            lambda a: a is not None and bool(attribute_value(a, PAUSED_SINCE)),
            names=(PAUSED_SINCE,),
        )  # fmt: skip

    @keyword("Resume Recording")
    def resume_recording(self, interaction_id: str) -> None:
        """Ends a secure pause: the recording goes on.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | Secure Pause Recording | ${id} |
        | Resume Recording | ${id} |
        """
        self.connected_session().recordings.resume(interaction_id)
        self.until_shown(
            interaction_id, "recording again",
            lambda a: a is None or not attribute_value(a, PAUSED_SINCE),
            names=(PAUSED_SINCE,),
        )  # fmt: skip

    @keyword("Recording Should Be Paused")
    def recording_should_be_paused(self, interaction_id: str, message: str | None = None):
        """Fails unless the call's recording is securely paused now.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | Secure Pause Recording | ${id} |
        | Recording Should Be Paused | ${id} |
        """
        since = self.connected_session().recordings.paused_since(interaction_id)
        if not since:
            raise AssertionError(
                message or f"The recording of interaction {interaction_id} is not paused."
            )
        self.info(f"The recording of interaction {interaction_id} is paused since {since}.")

    @keyword("Get Recording Export Uri")
    def get_recording_export_uri(self, recording_id: str) -> str:
        """Returns the URI the recording is exported at, once its call has ended (resolved
        against the server the session talks to).

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | ${recording} = | Get Recording Id | ${id} |
        | Disconnect Interaction | ${id} |
        | ${uri} = | Get Recording Export Uri | ${recording} |
        """
        uri = self.connected_session().recordings.export_uri(recording_id)
        self.info(f"Recording {recording_id} is exported at {uri}.")
        return uri

    @keyword("Add Recording Tag")
    def add_recording_tag(self, recording_id: str, tag: str) -> None:
        """Tags the recording (tags find it again in Interaction Recorder).

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | ${recording} = | Get Recording Id | ${id} |
        | Add Recording Tag | ${recording} | complaint |
        """
        self.connected_session().recordings.add_tag(recording_id, tag)
        self.info(f"Tagged recording {recording_id} '{tag}'.")

    @keyword("Get Recording Tags")
    def get_recording_tags(self, recording_id: str) -> list[str]:
        """Returns the recording's tags.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | ${recording} = | Get Recording Id | ${id} |
        | Add Recording Tag | ${recording} | complaint |
        | ${tags} = | Get Recording Tags | ${recording} |
        | Should Contain | ${tags} | complaint |
        """
        tags = self.connected_session().recordings.tags(recording_id)
        self.info(f"Recording {recording_id} has tags: {', '.join(tags) or 'none'}.")
        return tags
