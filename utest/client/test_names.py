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
