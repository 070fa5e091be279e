import pytest

from ICWSLibrary.client.errors import ICWSError
from ICWSLibrary.client.transport import parse_timeout
from ICWSLibrary.protocol.names import clipped, did_you_mean, nearest_names
from ICWSLibrary.simulator.clock import checked_seconds


def test_a_typo_finds_the_name_meant_in_any_case():
    assert nearest_names("Salse", ["Support", "Sales", "Billing"]) == ["Sales"]
    assert nearest_names("at lunch", ["Available", "At Lunch", "Lunch Break"])[0] == "At Lunch"


def test_a_name_inside_another_counts_as_near():
    assert "Sales" in nearest_names("Sales EU", ["Sales", "Support"])


def test_nothing_near_says_nothing():
    assert nearest_names("xyz", ["Support", "Sales"]) == []
    assert did_you_mean("xyz", ["Support"]) == ""
    assert (
        did_you_mean("Suport", ["Support"], "workgroups") == " Nearest known workgroups: Support."
    )


def test_counts_read_in_the_right_number():
    from ICWSLibrary.protocol.names import counted

    assert counted(1, "session") == "1 session"
    assert counted(0, "session") == "0 sessions"
    assert counted(2, "agent available", "agents available") == "2 agents available"
    assert counted(1, "agent available", "agents available") == "1 agent available"


def test_a_long_value_is_clipped_in_messages_and_a_short_one_kept():
    assert clipped("x" * 40) == "x" * 40
    assert clipped("x" * 41) == "x" * 40 + "..."
    huge = 10**400
    with pytest.raises(ICWSError) as refused:
        parse_timeout(huge)
    assert f"not {repr(huge)[:40]}...: " in str(refused.value)
    assert len(str(refused.value)) < 200
    with pytest.raises(ICWSError) as refused_later:
        parse_timeout(2 * 24 * 3600)
    assert str(refused_later.value).endswith("not 172800.")
    with pytest.raises(ValueError) as refused_seconds:
        checked_seconds(huge)
    assert str(refused_seconds.value).endswith(f"not {repr(huge)[:40]}...")
