"""Maps secret and run-specific values to stable placeholders, and back."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from ..protocol.http import SESSION_COOKIE, format_session_cookie, replace_cookie_values
from ..protocol.secrets import SECRET_FIELD_KINDS as SECRET_FIELDS
from ..protocol.secrets import SHORT_SECRET_KINDS, spellings, whole_value

# Fields that tell the time of the clock now: the server's in an answer (replay answers
# with its own) or the client's in a request (a wrap-up assignment's "time"), so that a
# replay matches requests whatever the clock says.
CLOCK_FIELDS = {"serverutctime", "time"}
MIN_ANYWHERE_LENGTH = 6


class Templater:
    """Maps secret and run-specific values to placeholders, consistently.

    ``extra_fields`` names more JSON fields to scrub (``notes``, ``forwardNumber``...).
    """

    def __init__(self, extra_fields=()):
        self.extra_fields = {field.lower(): field for field in extra_fields}
        self._by_value: dict[str, str] = {}
        self._by_placeholder: dict[str, str] = {}
        self._counts: Counter[str] = Counter()
        # Values replaced wherever they appear (long random ones only: ids, tokens, hosts).
        self._anywhere: list[str] = []
        # Short secrets (passwords) are replaced in their fields, and anywhere as a last resort.
        self._last_resort: list[str] = []

    def placeholder(self, kind: str, value: str, anywhere: bool = False) -> str:
        """The placeholder of a value, made on first sight.

        ``anywhere`` values (session ids, tokens, cookies: long and random) are replaced
        wherever they appear; others only in their own fields, and by :meth:`last_resort`.
        """
        value = str(value)
        name = self._by_value.get(value)
        if name is None:
            self._counts[kind] += 1
            name = "{{" + f"{kind}:{self._counts[kind]}" + "}}"
            self._by_value[value] = name
            self._by_placeholder[name] = value
        # Short values would match inside unrelated text; real ids and tokens are long.
        if anywhere and len(value) >= MIN_ANYWHERE_LENGTH:
            _add_longest_first(self._anywhere, value)
            if value in self._last_resort:
                self._last_resort.remove(value)
        elif value and value not in self._anywhere:
            _add_longest_first(self._last_resort, value)
        return name

    def name(self, placeholder_name: str, value: str) -> None:
        """Fix a placeholder for a value (``{{server}}``, say), replaced anywhere."""
        self._by_value[value] = placeholder_name
        self._by_placeholder[placeholder_name] = value
        _add_longest_first(self._anywhere, value)

    def value_of(self, placeholder_name: str) -> str | None:
        return self._by_placeholder.get(placeholder_name)

    def text(self, text: str) -> str:
        for value in self._anywhere:
            if value in text:
                text = text.replace(value, self._by_value[value])
        return text

    def scrub(self, value: Any) -> Any:
        """A copy of a JSON value with secrets and known run values templated."""
        if isinstance(value, dict):
            result = {}
            for key, item in value.items():
                lowered = str(key).lower()
                if lowered in SECRET_FIELDS and item not in (None, ""):
                    # Any value, not only text: a numeric password is a password too.
                    kind = SECRET_FIELDS[lowered]
                    result[key] = self.placeholder(
                        kind,
                        item if isinstance(item, str) else json.dumps(item),
                        anywhere=kind not in SHORT_SECRET_KINDS,
                    )
                elif lowered in CLOCK_FIELDS and isinstance(item, str):
                    # The server's clock now: a replay answers with its own clock.
                    result[key] = "{{now}}"
                elif lowered in self.extra_fields and item not in (None, ""):
                    result[key] = self.placeholder(self.extra_fields[lowered], json.dumps(item))
                else:
                    result[key] = self.scrub(item)
            return result
        if isinstance(value, list):
            return [self.scrub(item) for item in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def last_resort(self, text: str) -> str:
        """Replace any short secret left anywhere: no secret may reach a file.

        Only whole values, as they are or JSON-escaped: with password ``1234``,
        ``317-555-1234`` and ``ext. 12345`` are other data and stay.
        """
        for value in self._last_resort:
            # One or two characters would hit unrelated numbers and words everywhere.
            if len(value) >= 3 and any(spelling in text for spelling in spellings(value)):
                text = whole_value(value).sub(lambda _, v=value: self._by_value[v], text)
        return text

    def cookie(self, header: str) -> str:
        """Template ``icws_<id>=<value>`` in a Cookie or Set-Cookie header."""

        def swap(match: re.Match) -> str:
            session = self.placeholder("session", match.group(1), anywhere=True)
            guid, separator, rest = match.group(2).partition("|")  # guid|languageId=en-us
            value = self.placeholder("cookie", guid, anywhere=True) if guid else guid
            return format_session_cookie(session, value) + separator + rest

        # Other cookies (a load balancer's affinity cookie, say) are secret as well.
        templated = SESSION_COOKIE.sub(swap, header)
        return self.text(
            replace_cookie_values(
                templated,
                lambda name, value: (
                    value if "{{" in value else self.placeholder("cookie", value, anywhere=True)
                ),
            )
        )


def _add_longest_first(values: list[str], value: str) -> None:
    if value not in values:
        values.append(value)
        values.sort(key=len, reverse=True)
