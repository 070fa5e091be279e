"""The simulated clock: events run at their own time, and advance() tells each it ran."""

from contextlib import nullcontext

from ICWSLibrary.simulator.clock import Clock


def test_advance_tells_every_event_it_ran_even_with_the_clock_thread_awake():
    # The clock thread, started by the first later(), used to run some events itself
    # while advance() ran the rest, which then went untold (24 of 300 rounds).
    missed = 0
    for _ in range(300):
        clock = Clock(nullcontext)
        clock.later(60, lambda: None, "the event")
        try:
            missed += clock.advance(59.9) != [] or len(clock.advance(0.2)) != 1
        finally:
            clock.close()
    assert missed == 0


def test_an_event_scheduled_by_an_event_within_the_window_runs_at_its_time():
    clock = Clock(nullcontext)
    try:
        clock.later(1, lambda: clock.later(2, lambda: None, "second"), "first")
        ran = clock.advance(3.5)
        assert [line.split(": ")[1] for line in ran] == ["first", "second"]
        assert clock.advance(10) == []
    finally:
        clock.close()


def test_a_timer_far_in_the_future_does_not_stop_the_clock():
    # A delay of 1e10 s once overflowed the clock thread's wait and ended it for good; the
    # longest delay allowed now is a year, and the thread never sleeps that long at once.
    import threading

    from ICWSLibrary.simulator.clock import MAX_DELAY

    clock = Clock(nullcontext)
    ran = threading.Event()
    try:
        clock.later(MAX_DELAY, lambda: None, "far away")
        clock.later(0.05, ran.set, "soon")
        assert ran.wait(2), "the clock thread still runs events"
    finally:
        clock.close()


def test_a_delay_that_is_no_finite_number_is_refused():
    import math

    import pytest

    clock = Clock(nullcontext)
    try:
        for delay in (math.inf, math.nan, 1e300):
            with pytest.raises(ValueError, match="seconds"):
                clock.later(delay, lambda: None)
    finally:
        clock.close()
