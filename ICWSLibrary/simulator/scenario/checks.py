"""Typed readers of scenario fields: each value checked, and an error naming the file,
the item and the key when it is wrong (also used for configuration writes)."""

from __future__ import annotations

from typing import Any

from ..clock import checked_seconds
from .model import Named, ScenarioError


def _known_keys(item: dict[str, Any], known: frozenset[str], where: str, origin: str) -> None:
    """A misspelt key is an error naming it, never a setting silently ignored."""
    for key in item:
        if key not in known:
            raise ScenarioError(
                f"Scenario {origin}: unknown key '{key}' in {where}; known keys are "
                f"{', '.join(sorted(known))}."
            )


def _seconds(item: dict[str, Any], key: str, default: float, origin: str, where: str = "") -> float:
    try:
        return checked_seconds(item.get(key, default))
    except ValueError as error:
        raise ScenarioError(f"Scenario {origin}: '{key}'{where} {error}.") from None


def _references(item: dict[str, Any], key: str, known: dict, owner: str, origin: str) -> list:
    """A list of ids of other scenario objects, spelt as they are defined."""
    names = _strings(item, key, origin) or []
    unknown = [name for name in names if name.lower() not in known]
    if unknown:
        raise ScenarioError(
            f"Scenario {origin}: '{key}' of {owner} names unknown ids: {', '.join(unknown)}; "
            f"known: {', '.join(v.id for v in known.values()) or 'none'}."
        )
    return [known[name.lower()].id for name in names]


def _skill_settings(item: dict[str, Any], skills: dict[str, Named], owner: str, origin: str):
    """``{"English": {"proficiency": 80, "desireToUse": 50}}`` -> {skill id: (80, 50)}."""
    given = item.get("skills", {})
    if not isinstance(given, dict) or not all(isinstance(v, dict) for v in given.values()):
        raise ScenarioError(
            f"Scenario {origin}: 'skills' of {owner} must map skill ids to objects such as "
            '{"proficiency": 80, "desireToUse": 50}.'
        )
    settings = {}
    for name, setting in given.items():
        _known_keys(setting, frozenset(("proficiency", "desireToUse")), f"skill {name} of {owner}",
                    origin)  # fmt: skip
        skill = skills.get(name.lower())
        if skill is None:
            raise ScenarioError(
                f"Scenario {origin}: {owner} has skill {name!r}, which is not in 'skills'."
            )
        levels = []
        for key in ("proficiency", "desireToUse"):
            value = setting.get(key, 0 if key == "proficiency" else 50)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
                raise ScenarioError(
                    f"Scenario {origin}: '{key}' of skill {name} of {owner} must be a whole "
                    f"number from 0 to 100, not {value!r}."
                )
            levels.append(value)
        settings[skill.id] = (levels[0], levels[1])
    return settings


def skill_requirements(given: Any, skills: dict[str, Named], owner: str, origin: str):
    """``{"Hardware": 50}`` -> {skill id: 50}: skills needed, each with the least
    proficiency (0-100) an agent must have."""
    if not isinstance(given, dict):
        raise ScenarioError(
            f"{origin}: the skills {owner} requires must map skill ids to the least "
            f'proficiency, such as {{"Hardware": 50}}, not {given!r:.60}.'
        )
    needed = {}
    for name, level in given.items():
        skill = skills.get(str(name).lower())
        if skill is None:
            known = ", ".join(s.id for s in skills.values()) or "none"
            raise ScenarioError(
                f"{origin}: {owner} requires skill {name!r}, which is not a skill; known: {known}."
            )
        if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= 100:
            raise ScenarioError(
                f"{origin}: the proficiency {owner} requires in skill {name} must be a whole "
                f"number from 0 to 100, not {level!r}."
            )
        needed[skill.id] = level
    return needed


def _media_level(item: dict[str, Any], origin: str) -> int:
    level = item.get("mediaLevel", 1)
    if isinstance(level, bool) or level not in (0, 1, 2, 3):
        raise ScenarioError(
            f"Scenario {origin}: 'mediaLevel' of {item.get('id')} must be 0, 1, 2 or 3, "
            f"not {level!r}."
        )
    return level


def media_types(item: dict[str, Any], level: int, origin: str) -> tuple[int, ...] | None:
    """The media an ACD licence of media level ``level`` covers (SDK media numbers 1-9);
    None: every medium."""
    given = item.get("mediaTypes")
    if given is None:
        return None
    if not isinstance(given, list) or not all(
        isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 9 for m in given
    ):
        raise ScenarioError(
            f"Scenario {origin}: 'mediaTypes' of {item.get('id')} must list media numbers "
            f"1 to 9 (1 call, 2 chat, 4 generic, 5 callback...), not {given!r:.60}."
        )
    if level in (1, 2) and len(set(given)) > level:
        # [doc] Media level 1 licenses one medium, 2 two, 3 all of them.
        raise ScenarioError(
            f"Scenario {origin}: media level {level} of {item.get('id')} covers at most "
            f"{level} media, not {len(set(given))}."
        )
    return tuple(given)


def _flag(item: dict[str, Any], key: str, default: bool, where: str, origin: str) -> bool:
    value = item.get(key, default)
    if not isinstance(value, bool):
        raise ScenarioError(f"Scenario {origin}: '{key}'{where} must be true or false.")
    return value


def _text(item: dict[str, Any], key: str, where: str, origin: str) -> str:
    """A text field (numbers are taken as written); a list or object is refused."""
    value = item[key]
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ScenarioError(f"Scenario {origin}: '{key}' of {where} must be text.")
    return str(value)


def _license_pools(pools, origin: str) -> dict[str, int]:
    if not isinstance(pools, dict) or not all(
        isinstance(count, int) and not isinstance(count, bool) and count >= 0
        for count in pools.values()
    ):
        raise ScenarioError(
            f"Scenario {origin}: 'licenses' must map license names to counts of 0 or more."
        )
    return {str(name): count for name, count in pools.items()}


def _objects(data: dict[str, Any], key: str, origin: str) -> list[dict[str, Any]]:
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ScenarioError(f"Scenario {origin}: '{key}' must be a list of objects.")
    return items


def _strings(item: dict[str, Any], key: str, origin: str) -> list[str] | None:
    """A list of strings of a user or host; a lone string would otherwise become letters."""
    value = item.get(key)
    if value is not None and (
        not isinstance(value, list) or not all(isinstance(entry, str) for entry in value)
    ):
        owner = item.get("id") or item.get("address")
        raise ScenarioError(f"Scenario {origin}: '{key}' of {owner} must be a list of strings.")
    return list(value) if value is not None else None
