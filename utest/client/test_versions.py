import pytest

from ICWSLibrary.client import describe_version, parse_version, server_version_tuple


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015 R1", (15, 1, 0)),
        ("2015 R1 Patch2", (15, 1, 2)),
        ("CIC 2015 R1 Patch2", (15, 1, 2)),
        ("2018 r4 patch 10", (18, 4, 10)),
        ("15.1.2", (15, 1, 2)),
        ("15.1", (15, 1, 0)),
        ("2019", (19, 0, 0)),
        ("CIC 4.0 SU6", (4, 0, 6)),
    ],
)
def test_parse_version(text, expected):
    assert parse_version(text) == expected


@pytest.mark.parametrize("text", ["", "R1", "latest", "2015 Patch2", "15.x"])
def test_parse_version_rejects_nonsense_with_the_accepted_forms(text):
    with pytest.raises(ValueError, match="2015 R1 Patch2"):
        parse_version(text)


def test_server_version_tuple_reads_the_string_fields():
    body = {"majorVersion": "15", "minorVersion": "1", "su": "2", "build": "15.1.2.10"}
    assert server_version_tuple(body) == (15, 1, 2)
    assert server_version_tuple({"majorVersion": "2016", "minorVersion": "3"}) == (16, 3, 0)
    assert describe_version(dict(body, productPatchDisplayString="CIC 2015 R1 Patch2")) == (
        "CIC 2015 R1 Patch2 (15.1.2)"
    )
