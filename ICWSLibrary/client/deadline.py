"""A keyword's whole deadline: every request and wait inside ``within(seconds)`` ends by it.

A wait keyword does more than wait: it may set up a watch, read a state first and read it
again last. Each of those took up to the request timeout of its own, so ``timeout=2s``
could fail after 10 s while saying "within 2 s". Inside ``within``, the transport and the
channel shorten their own timeouts to what is left.
"""

from __future__ import annotations

import functools
import inspect
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .errors import ICWSError

_DEADLINE: ContextVar[float | None] = ContextVar("icws_deadline", default=None)


class DeadlineReached(ICWSError):
    """No time was left for a request inside a keyword's deadline."""


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Requests and waits in this block end ``seconds`` from now at the latest (an outer
    deadline that comes sooner still holds)."""
    end = time.monotonic() + max(0.0, seconds)
    outer = _DEADLINE.get()
    token = _DEADLINE.set(end if outer is None else min(outer, end))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def clamp(seconds: float) -> float:
    """``seconds``, or what is left of the deadline when that is less (never below 0)."""
    end = _DEADLINE.get()
    if end is None:
        return seconds
    return max(0.0, min(seconds, end - time.monotonic()))


def whole_wait(on_timeout):
    """Make a wait method, which takes a ``timeout`` argument, end by that timeout with
    everything it does (setting up watches, reading before and after): a request the
    deadline cuts short counts as the wait timing out, and the method then answers
    ``on_timeout``, as it does at its own timeout."""

    def decorate(method):
        signature = inspect.signature(method)

        @functools.wraps(method)
        def wait(*args, **kwargs):
            timeout = signature.bind(*args, **kwargs).arguments["timeout"]
            with within(timeout):
                try:
                    return method(*args, **kwargs)
                except DeadlineReached:
                    return on_timeout

        return wait

    return decorate
