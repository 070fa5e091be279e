"""Pictures: the test's call flow, drawn from what the sessions heard."""

from __future__ import annotations

from datetime import timedelta

from robot.api import logger
from robot.api.deco import keyword

from .base import LibraryComponent


class TimelineKeywords(LibraryComponent):
    @keyword("Log Contact Center Timeline")
    def log_contact_center_timeline(self, since: timedelta | None = None) -> None:
        """Logs a picture of the test's call flow: one lane per agent (status, station,
        on the phone) and one per interaction (queued, alerting, connected, held,
        disconnected, each with its time), as the sessions heard of them.

        Built from the messages the library received, so it shows what the test's
        sessions watch (statuses, queues, interactions) and works against a real server
        and in replay as well as against the simulator. ``since`` keeps only the last
        span of the test (``30s``). Hover a bar for its state and time. A failing
        contact-center wait logs the same picture (see the library's
        ``timeline_on_failure``).

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Log On To Workstation | 7001 |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Pick Up Interaction | ${id} |
        | Log Contact Center Timeline |
        """
        seconds = None if since is None else since.total_seconds()
        logger.info(self.ctx.timeline_svg(seconds), html=True)
