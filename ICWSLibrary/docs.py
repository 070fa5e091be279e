"""The keyword documentation as Libdoc writes it: HTML to read, and a stable JSON spec.

``python docs/generate.py`` writes both into the repository's ``docs/``; ``icws-simulator
--docs DIR`` writes the HTML pages anywhere, so a pip user reads them without the repository.
"""

from __future__ import annotations

import json
from pathlib import Path

from robot.libdoc import LibraryDocumentation, libdoc

# Page name -> the library Libdoc documents.
LIBRARIES = {"ICWSLibrary": "ICWSLibrary", "Simulator": "ICWSLibrary.Simulator"}
# Fields that change with every run or machine, not with the documentation.
VOLATILE = ("generated", "source", "lineno")


def write_html(directory: str | Path) -> list[Path]:
    """Writes one Libdoc HTML page per library into ``directory``; returns their paths.

    Goes through ``robot.libdoc.libdoc``, the function behind the ``libdoc`` command, so the
    pages are what the command gives: documentation converted to HTML (headings, tables of
    contents, example tables), not its source text.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    pages = []
    for name, library in LIBRARIES.items():
        page = directory / f"{name}.html"
        libdoc(library, str(page), format="HTML", quiet=True)
        pages.append(page)
    return pages


def stable_spec(library: str) -> dict:
    """The libdoc JSON spec of a library without what changes from run to run."""
    return _without_volatile(json.loads(LibraryDocumentation(library).to_json()))


def write_specs(directory: str | Path) -> list[Path]:
    """Writes the stable JSON spec of each library, which a unit test compares to the code."""
    paths = []
    for name, library in LIBRARIES.items():
        path = Path(directory) / f"{name}.json"
        path.write_text(json.dumps(stable_spec(library), indent=1, sort_keys=True) + "\n")
        paths.append(path)
    return paths


def _without_volatile(value):
    if isinstance(value, dict):
        return {k: _without_volatile(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_without_volatile(item) for item in value]
    return value
