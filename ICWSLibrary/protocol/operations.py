"""The 670 documented ICWS operations (method and path template), for matching paths."""

from __future__ import annotations

import difflib
import functools
import json
import re
from importlib import resources


@functools.cache
def operations() -> tuple[tuple[str, re.Pattern, str], ...]:
    """(method, path pattern, path template) of every documented operation; read once."""
    text = resources.files(__package__).joinpath("data/endpoints.json").read_text("utf-8")
    result = []
    for item in json.loads(text):
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(item["path"]))
        result.append((item["method"], re.compile(f"^{pattern}$", re.IGNORECASE), item["path"]))
    return tuple(result)


def methods_for(path: str) -> set[str]:
    """The methods documented for an absolute path such as /icws/123/status/status-messages."""
    return {method for method, pattern, _ in operations() if pattern.match(path)}


def template_for(method: str, path: str) -> str | None:
    for known_method, pattern, template in operations():
        if known_method == method and pattern.match(path):
            return template
    return None


def nearest(method: str, path: str) -> str | None:
    """The documented operation most like an unknown path, e.g. one with a typo.

    Each template with as many segments is filled with the path's own values where it has
    placeholders, so only the literal parts are compared: ``user-statuse`` against
    ``user-statuses``, whatever the user id.
    """
    segments = path.strip("/").split("/")
    best, best_score = None, 0.8
    for known_method, _, template in operations():
        parts = template.strip("/").split("/")
        if len(parts) != len(segments):
            continue
        filled = [
            seg if part.startswith("{") else part for part, seg in zip(parts, segments, strict=True)
        ]
        score = difflib.SequenceMatcher(None, "/".join(filled), "/".join(segments)).ratio()
        score -= 0.01 if known_method != method else 0  # prefer the same method
        if score > best_score:
            best, best_score = f"{known_method} {template}", score
    return best


@functools.cache
def configuration_types() -> tuple[str, ...]:
    """Every configuration object type the operations name: ``users``, ``wrap-up-codes``..."""
    found = set()
    for _, _, template in operations():
        match = re.match(r"^/icws/\{sessionId\}/configuration/([a-z-]+)$", template)
        if match:
            found.add(match.group(1))
    return tuple(sorted(found))
