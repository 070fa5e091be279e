"""The nearest known names to a misspelt one, so an error can say what was probably meant."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping


def nearest_names(
    wanted: str, known: Iterable[str] | Mapping[str, str], count: int = 3
) -> list[str]:
    """Up to ``count`` of ``known`` most like ``wanted``, best first, compared in any case.

    ``known`` may map each name compared to the way it is shown (``Sales`` to
    ``workgroup:Sales``). A name that contains the wanted one (or is contained in it)
    counts as near even when difflib's ratio is low: ``Sales`` for ``Sales EU``.
    """
    pairs = known.items() if isinstance(known, Mapping) else ((name, name) for name in known)
    by_key: dict[str, str] = {}
    for name, shown in pairs:
        by_key.setdefault(str(name).casefold(), str(shown))
    key = str(wanted).casefold()
    close = difflib.get_close_matches(key, list(by_key), n=count, cutoff=0.6)
    if len(close) < count and key:
        close += [k for k in by_key if k not in close and (key in k or k in key)]
    return [by_key[k] for k in close[:count]]


def did_you_mean(wanted: str, known: Iterable[str] | Mapping[str, str], what: str = "names") -> str:
    """`` Nearest known names: a, b.`` or, when none is near, an empty string."""
    near = nearest_names(wanted, known)
    return f" Nearest known {what}: {', '.join(near)}." if near else ""


def clipped(text: str, limit: int = 40) -> str:
    """``text``, or its first ``limit`` characters and ``...`` when longer: a value quoted
    in a message stays readable however long it came."""
    return text if len(text) <= limit else text[:limit] + "..."


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``1 session``, ``2 sessions``: a count with its noun in the right number."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
