"""CIC server versions: '2015 R1 Patch2', 'CIC 2015 R1', '15.1.2' and the version resource."""

from __future__ import annotations

import re

_RELEASE = re.compile(
    r"^(?:CIC\s+)?(?P<year>(?:20)?\d{2})\s*R(?P<release>\d+)"
    r"(?:\s*(?:Patch|P)\s*(?P<patch>\d+))?$",
    re.IGNORECASE,
)
_DOTTED = re.compile(r"^(?P<major>\d+)(?:\.(?P<minor>\d+))?(?:\.(?P<su>\d+))?$")
# Pre-2015 servers: 'CIC 4.0 SU6', '4.0 SU 6'.
_SERVICE_UPDATE = re.compile(
    r"^(?:CIC\s+)?(?P<major>\d+)\.(?P<minor>\d+)\s*SU\s*(?P<su>\d+)$", re.IGNORECASE
)


def parse_version(text: str) -> tuple[int, int, int]:
    """Turn a CIC release name into a comparable ``(major, minor, patch)`` tuple.

    ``2015 R1`` -> (15, 1, 0), ``2015 R1 Patch2`` -> (15, 1, 2), ``15.1.2`` -> (15, 1, 2),
    ``CIC 4.0 SU6`` -> (4, 0, 6). CIC 2015 and later report ``majorVersion`` as the two-digit
    year, so ``2015`` and ``15`` mean the same release.
    """
    value = " ".join(str(text).split())
    match = _RELEASE.match(value)
    if match:
        year = int(match["year"]) % 100
        return year, int(match["release"]), int(match["patch"] or 0)
    match = _DOTTED.match(value) or _SERVICE_UPDATE.match(value)
    if match:
        major = int(match["major"])
        if major >= 2000:
            major %= 100
        return major, int(match["minor"] or 0), int(match["su"] or 0)
    raise ValueError(
        f"Cannot read CIC version {text!r}: use a form like '2015 R1', '2015 R1 Patch2' or '15.1.2'."
    )


def server_version_tuple(version: dict) -> tuple[int, int, int]:
    """The ``(major, minor, patch)`` of a ``GET /icws/connection/version`` body."""

    def number(key: str) -> int:
        match = re.match(r"\d+", str(version.get(key, "0")).strip())
        return int(match.group()) if match else 0

    return number("majorVersion") % 100, number("minorVersion"), number("su")


def describe_version(version: dict) -> str:
    """A human name for a version body, e.g. 'CIC 2015 R1 Patch2 (15.1.2)'."""
    numbers = ".".join(str(part) for part in server_version_tuple(version))
    name = version.get("productPatchDisplayString") or version.get("productReleaseDisplayString")
    return f"{name} ({numbers})" if name else numbers
