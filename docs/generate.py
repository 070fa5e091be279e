"""Regenerate the keyword documentation: HTML to read, JSON that a unit test compares.

Run after changing a keyword or its documentation: python docs/generate.py
The test utest/test_keyword_docs.py fails while docs/ is older than the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ICWSLibrary.docs import write_html, write_specs

DOCS = Path(__file__).resolve().parent


def main() -> int:
    for path in write_html(DOCS) + write_specs(DOCS):
        print(f"docs/{path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
