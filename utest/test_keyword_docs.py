"""The committed keyword documentation matches the code (run docs/generate.py if not)."""

import importlib.util
import json
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
spec = importlib.util.spec_from_file_location("generate_docs", DOCS / "generate.py")
generate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generate)


@pytest.mark.parametrize(("name", "library"), list(generate.LIBRARIES.items()))
def test_committed_keyword_docs_are_current(name, library):
    committed = json.loads((DOCS / f"{name}.json").read_text())
    current = generate.stable_spec(library)
    assert committed == current, f"docs/{name}.json is stale: run python docs/generate.py"
