"""Regenerate the keyword documentation: HTML to read, JSON that a unit test compares.

Run after changing a keyword or its documentation: python docs/generate.py
The test utest/test_keyword_docs.py fails while docs/ is older than the code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from robot.libdoc import LibraryDocumentation

DOCS = Path(__file__).resolve().parent
LIBRARIES = {"ICWSLibrary": "ICWSLibrary", "Simulator": "ICWSLibrary.Simulator"}
# Fields that change with every run or machine, not with the documentation.
VOLATILE = ("generated", "source", "lineno")


def stable_spec(library: str) -> dict:
    """The libdoc JSON spec of a library without what changes from run to run."""
    spec = json.loads(LibraryDocumentation(library).to_json())
    return _without_volatile(spec)


def _without_volatile(value):
    if isinstance(value, dict):
        return {k: _without_volatile(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_without_volatile(item) for item in value]
    return value


def main() -> int:
    for name, library in LIBRARIES.items():
        LibraryDocumentation(library).save(str(DOCS / f"{name}.html"), "HTML")
        spec = stable_spec(library)
        (DOCS / f"{name}.json").write_text(json.dumps(spec, indent=1, sort_keys=True) + "\n")
        print(f"docs/{name}.html and docs/{name}.json: {len(spec['keywords'])} keywords")
    return 0


if __name__ == "__main__":
    sys.exit(main())
