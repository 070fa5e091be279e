from ICWSLibrary.protocol.names import did_you_mean, nearest_names


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
