"""Queues: watch user, workgroup, station and system queues, and wait on what they hold."""

from __future__ import annotations

from datetime import timedelta

from robot.api.deco import keyword

from ..protocol.names import counted
from .base import LibraryComponent
from .explain import after_failure, simulator_explains


class QueueKeywords(LibraryComponent):
    @keyword("Watch Queue")
    def watch_queue(self, name: str, type: str = "workgroup") -> None:  # noqa: A002 - the doc's word
        """Starts watching a queue; returns once the server has sent what it holds.

        ``type`` is ``workgroup`` (the interactions waiting in or routed from it),
        ``user`` (a user's interactions), ``station`` or ``system`` (the session user's
        own interactions, on their user or station queue). The other queue keywords start
        the watch themselves; watching first only makes sure nothing is missed.

        Example:
        | Watch Queue | Support |
        | ${id} = | Simulator Place Inbound Call | Support |
        | Wait Until Interaction Appears In Queue | Support |
        """
        view = self.connected_session().interactions.watch_queue(name, type)
        self.info(
            f"Watching the {type} queue {name}: {counted(len(view.interactions), 'interaction')}."
        )

    @keyword("Stop Watching Queue")
    def stop_watching_queue(self, name: str, type: str = "workgroup") -> None:  # noqa: A002
        """Stops watching a queue watched with `Watch Queue` (or by another queue keyword).

        Example:
        | Watch Queue | Support |
        | Stop Watching Queue | Support |
        """
        self.connected_session().interactions.stop_watching(name, type)
        self.info(f"Stopped watching the {type} queue {name}.")

    @keyword("Get Queue Interactions")
    def get_queue_interactions(self, name: str, type: str = "workgroup") -> list:  # noqa: A002
        """Returns the interactions in a queue: a list of dictionaries with
        ``interactionId`` and ``attributes`` (``Eic_State``, ``Eic_RemoteName``,
        ``Eic_RemoteAddress``, ``Eic_WorkgroupName``, ``Eic_UserName`` and more).

        Starts watching the queue if it is not watched yet.

        Example:
        | ${id} = | Simulator Place Inbound Call | Support | ani=3175550100 |
        | ${waiting} = | Get Queue Interactions | Support |
        | Should Be Equal | ${waiting}[0][interactionId] | ${id} |
        | Should Be Equal | ${waiting}[0][attributes][Eic_State] | O |
        """
        entries = self.connected_session().interactions.watch_queue(name, type).entries()
        self.info(f"The {type} queue {name} holds {counted(len(entries), 'interaction')}.")
        return entries

    @keyword("Wait Until Interaction Appears In Queue")
    def wait_until_interaction_appears_in_queue(
        self,
        name: str,
        type: str = "workgroup",  # noqa: A002
        timeout: timedelta | None = None,
        **attributes: str,
    ) -> str:
        """Waits until an interaction is in the queue and returns its id.

        Disconnected interactions do not count, and each interaction is returned once, so
        calling it again waits for the next one. Named arguments are attribute values the
        interaction must have, e.g. ``Eic_RemoteAddress=3175550100``. Reacts to the queue's
        messages, with no sleeps; fails after ``timeout`` (default: the library's
        ``wait_timeout``).

        Example:
        | Watch Queue | Sales |
        | ${id} = | Simulator Place Inbound Call | Sales | ani=3175550100 |
        | ${seen} = | Wait Until Interaction Appears In Queue | Sales | timeout=5s | Eic_RemoteAddress=3175550100 |
        | Should Be Equal | ${seen} | ${id} |
        """
        session = self.connected_session()
        seconds = self.ctx.get_timeout(timeout)
        found = session.interactions.wait_until_in_queue(name, type, seconds, attributes)
        if found is None:
            self.show_timeline_on_failure()
            wanted = f" with {attributes}" if attributes else ""
            raise AssertionError(
                f"No new interaction{wanted} appeared in the {type} queue {name} within "
                f"{seconds:g} s."
                + (
                    simulator_explains(session, workgroup=name)
                    if str(type).lower() == "workgroup"
                    else ""
                )
            )
        self.info(f"Interaction {found} is in the {type} queue {name}.")
        return found

    @keyword("Wait Until Queue Is Empty")
    def wait_until_queue_is_empty(
        self,
        name: str,
        type: str = "workgroup",
        timeout: timedelta | None = None,  # noqa: A002
    ) -> None:
        """Waits until the queue holds no interaction at all.

        A disconnected interaction stays in its queues for a short while before it leaves
        them. Fails after ``timeout`` (default: the library's ``wait_timeout``), naming
        what is still there.

        Example:
        | Wait Until Queue Is Empty | Support | timeout=5s |
        """
        session = self.connected_session()
        seconds = self.ctx.get_timeout(timeout)
        if session.interactions.wait_until_queue_empty(name, type, seconds) is None:
            left = after_failure(
                lambda: session.interactions.watch_queue(name, type).entries(), None
            )
            if left is None:
                raise AssertionError(
                    f"The {type} queue {name} was not seen empty within {seconds:g} s: the "
                    "server did not send what it holds in time."
                )
            described = ", ".join(
                f"{e['interactionId']} ({e['attributes'].get('Eic_State') or '?'})" for e in left
            )
            raise AssertionError(
                f"The {type} queue {name} still holds {described} after {seconds:g} s."
            )
        self.info(f"The {type} queue {name} is empty.")
