"""The committed keyword documentation matches the code and renders (python docs/generate.py)."""

import json
import re
from pathlib import Path

import pytest

from ICWSLibrary import docs
from ICWSLibrary.simulator import cli

DOCS = Path(__file__).resolve().parents[1] / "docs"


def embedded_spec(html: str) -> dict:
    """The libdoc model a Libdoc HTML page carries as JSON, which its script renders."""
    match = re.search(r"^libdoc = (\{.*\})$", html, re.M)
    assert match, "no libdoc model in the page"
    return json.loads(match.group(1))


@pytest.mark.parametrize(("name", "library"), list(docs.LIBRARIES.items()))
def test_committed_keyword_docs_are_current(name, library):
    committed = json.loads((DOCS / f"{name}.json").read_text())
    current = docs.stable_spec(library)
    assert committed == current, f"docs/{name}.json is stale: run python docs/generate.py"


@pytest.mark.parametrize("name", list(docs.LIBRARIES))
def test_committed_html_is_converted_as_the_libdoc_cli_converts_it(name):
    # A page saved without converting the docs shows "= Sessions =" and "| a | b |" as text.
    spec = embedded_spec((DOCS / f"{name}.html").read_text("utf-8"))
    assert spec["docFormat"] == "HTML"
    text = re.sub(r"<[^>]+>", "", spec["doc"])
    assert "<pre>" in spec["doc"], "the intro's example renders as a code block"
    assert not re.search(r"^= |\| |``", text, re.M), "documentation source shows as text"
    if name == "ICWSLibrary":
        assert spec["doc"].count("<h2") >= 5, "the intro's sections render as headings"
    examples = [kw for kw in spec["keywords"] if "<table" in kw["doc"]]
    assert len(examples) == len(spec["keywords"]), "every keyword's example renders as a table"


def test_icws_simulator_writes_both_pages_for_a_pip_user(tmp_path, capsys):
    assert cli.main(["--docs", str(tmp_path)]) == 0
    for name in docs.LIBRARIES:
        spec = embedded_spec((tmp_path / f"{name}.html").read_text("utf-8"))
        assert spec["docFormat"] == "HTML"
    assert str(tmp_path) in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ICWSLibrary.html", "Simulator.html"]


def test_the_intro_lists_every_statistic_attribute_and_message_type_the_code_knows():
    from ICWSLibrary import ICWSLibrary
    from ICWSLibrary.client.interactions import QUEUE_ATTRIBUTES, WRAP_UP_SEGMENTS
    from ICWSLibrary.protocol import messages
    from ICWSLibrary.protocol.statistics import KNOWN_STATISTICS, VALUE_TYPE_NAMES

    intro = ICWSLibrary.__doc__
    for known in KNOWN_STATISTICS:
        assert f"``{known.identifier}``" in intro
        row = re.search(rf"``{re.escape(known.identifier)}`` \| (.*?) \| (\w+) \|", intro)
        assert row and row.group(2) == VALUE_TYPE_NAMES[known.value_type], known.identifier
        assert row.group(1).count("``") == 2 * len(known.parameters), known.identifier
    for name in [*QUEUE_ATTRIBUTES, WRAP_UP_SEGMENTS]:
        assert f"``{name}``" in intro
    for name, value in vars(messages).items():
        if name.isupper() and value.endswith("Message"):
            assert f"``{value}``" in intro, value
