"""Timed events of the simulated server: alert timeouts, far ends answering, lingering.

Events run on one daemon thread as changes of the server state (holding its lock), so
they change the model exactly as a request would. ``advance`` moves the clock forward at once, so that
tests need not sleep through a 15-second alert timeout.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import math
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager

from ..protocol.names import clipped

# [guess] The longest delay an event may have: far beyond any alert or wrap-up timeout a
# test uses, and far below what a thread's wait or the heap's order can hold.
MAX_DELAY = 366 * 24 * 3600.0
# The clock thread wakes at least this often, however far the next event is.
_LONGEST_SLEEP = 3600.0


def checked_seconds(value) -> float:
    """``value`` as seconds if it is a finite number from 0 to a year; ValueError if not."""
    seconds = math.nan
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            seconds = float(value)
        except OverflowError:  # an int of hundreds of digits
            seconds = math.inf
    if not 0 <= seconds <= MAX_DELAY:
        raise ValueError(
            f"must be a number of seconds from 0 to {MAX_DELAY:.0f} (a year), not {clipped(repr(value))}"
        )
    return seconds


class Timer:
    """One scheduled event; ``cancel`` keeps it from running. ``what`` names it in logs."""

    __slots__ = ("action", "cancelled", "due", "what")

    def __init__(self, due: float, action: Callable[[], None], what: str = "an event"):
        self.due = due
        self.action = action
        self.what = what
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class Clock:
    def __init__(self, changing: Callable[[], AbstractContextManager]):
        # Entered around each event: the state's lock, and its settling afterwards.
        self._changing = changing
        self._heap: list[tuple[float, int, Timer]] = []
        self._order = itertools.count()
        self._offset = 0.0
        self._wake = threading.Condition(threading.Lock())
        self._thread: threading.Thread | None = None
        self._closed = False
        # While advance() runs the events itself, the clock thread leaves them alone, so
        # advance() can tell every one that ran.
        self._advancing = 0

    def now(self) -> float:
        return time.monotonic() + self._offset

    def later(self, delay: float, action: Callable[[], None], what: str = "an event") -> Timer:
        """Run ``action`` (holding the state lock) ``delay`` seconds from now."""
        try:
            # A delay already past runs at once; NaN is refused, not taken for "now".
            delay = checked_seconds(0.0 if delay < 0 else delay)
        except ValueError as error:
            raise ValueError(f"The delay of {what} {error}.") from None
        timer = Timer(self.now() + delay, action, what)
        with self._wake:
            heapq.heappush(self._heap, (timer.due, next(self._order), timer))
            if self._thread is None and not self._closed:
                self._thread = threading.Thread(
                    target=self._run, name="icws-simulator-clock", daemon=True
                )
                self._thread.start()
            self._wake.notify()
        return timer

    def advance(self, seconds: float) -> list[str]:
        """Move the clock ``seconds`` forward as time would pass: each event runs at its own
        time, so an event it schedules within the window runs too. Returns what ran, as
        ``+2.2 s: the far end of call 1000000001 answered``."""
        with self._wake:
            self._advancing += 1
        try:
            start = self.now()
            end = start + max(0.0, seconds)
            ran: list[str] = []
            while True:
                with self._wake:
                    due = self._heap[0][0] if self._heap else None
                    if due is None or due > end:
                        self._offset += max(0.0, end - self.now())
                        return ran
                    # Time moves to the event, never back.
                    self._offset += max(0.0, due - self.now())
                ran += [f"+{due - start:.1f} s: {what}" for what in self.run_due()]
        finally:
            with self._wake:
                self._advancing -= 1
                self._wake.notify()
            # Time itself moved: what depends on it (how long agents have been available)
            # is told again, as after any change.
            with self._changing():
                pass

    def run_due(self) -> list[str]:
        """Run every event due by now; returns what they were."""
        ran: list[str] = []
        while True:
            with self._wake:
                if not self._heap or self._heap[0][0] > self.now():
                    return ran
                _, _, timer = heapq.heappop(self._heap)
            if timer.cancelled:
                continue
            with self._changing():
                if not timer.cancelled:
                    timer.cancelled = True
                    timer.action()
                    ran.append(timer.what)

    def pending(self) -> int:
        with self._wake:
            return sum(1 for _, _, timer in self._heap if not timer.cancelled)

    def close(self) -> None:
        with self._wake:
            self._closed = True
            self._heap.clear()
            self._wake.notify()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=2)

    def _run(self) -> None:
        while True:
            with self._wake:
                if self._closed:
                    return
                if self._advancing:
                    self._wake.wait()
                    continue
                wait = self._heap[0][0] - self.now() if self._heap else None
                if wait is None or wait > 0:
                    self._wake.wait(None if wait is None else min(wait, _LONGEST_SLEEP))
                    continue
            try:
                self.run_due()
            except Exception:  # noqa: BLE001 - one failing event must not stop the clock
                logging.getLogger(__name__).exception("A simulator event failed")
