"""The one exception type of the ICWS client, and how an answer becomes a value or an error.

The functions here only read a response and describe it; they change no state, so the
session decides what a 401 means for it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

_ANY_STATUS = ("any", "anything", "*")


class ICWSError(Exception):
    """An ICWS request failed, or the server could not be reached.

    Carries what the server said, so a test can assert on it and a report reader
    can see at once what was expected, what came back and from where:

    - ``status``: the HTTP status, ``None`` for transport errors;
    - ``error_id``, ``error_code``, ``server_message``: the ICWS error body fields;
    - ``method`` and ``url``: the request that failed.
    """

    # Robot Framework shows only the message, not "ICWSError: ...".
    ROBOT_SUPPRESS_NAME = True

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        error_id: str | None = None,
        error_code: int | None = None,
        server_message: str | None = None,
        method: str | None = None,
        url: str | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.error_id = error_id
        self.error_code = error_code
        self.server_message = server_message
        self.method = method
        self.url = url

    def in_context(self, what: str) -> ICWSError:
        """``what`` (e.g. "The call of 'agent1' to 555"), then the server's reason in its
        words and the full failure; a failure that is not a refusal (no answer, 401) as is."""
        if self.status is None or self.status == 401:
            return self
        reason = str(self.server_message or self.error_id or f"HTTP {self.status}").rstrip(".")
        # The reason is said once, first; the request and answer follow without it.
        answer = str(self).rstrip(".")
        if self.server_message:
            answer = answer.replace(f": {reason}", "", 1)
        return self.with_message(f"{what}: {reason}. ({answer}.)")

    @property
    def message(self) -> str:
        return str(self)

    def with_message(self, message: str) -> ICWSError:
        """The same failure said another way: every field kept, the message replaced."""
        return ICWSError(
            message,
            status=self.status,
            error_id=self.error_id,
            error_code=self.error_code,
            server_message=self.server_message,
            method=self.method,
            url=self.url,
        )

    @property
    def session_lost(self) -> bool:
        """True when the server no longer accepts this session (HTTP 401)."""
        return self.status == 401


Mask = Callable[[str], str]


def _unmasked(text: str) -> str:
    return text


def parse_body(response, where: str, mask: Mask = _unmasked) -> Any:
    """The JSON body of a response (None when empty); a clear error when it is not JSON."""
    content = response.content
    if not content or not content.strip():
        return None
    content_type = response.headers.get("Content-Type", "")
    if "json" not in content_type.lower() and content.lstrip()[:1] not in (b"{", b"["):
        raise not_json(response, f"a {content_type or 'untyped'} body, not ICWS JSON", where, mask)
    try:
        return json.loads(content)
    except ValueError as error:
        raise not_json(response, f"a body that is not valid JSON ({error})", where, mask) from None
    except RecursionError:
        raise not_json(response, "JSON nested too deeply to read", where, mask) from None


def not_json(response, what: str, where: str, mask: Mask = _unmasked) -> ICWSError:
    return ICWSError(
        mask(
            f"{describe_request(response, where)} answered {response.status_code} with {what}: "
            f"{snippet(response)}. Is a proxy or another service answering at {where}?"
        ),
        status=response.status_code,
        method=response.request.method if response.request else None,
        url=response.url,
    )


def answer_details(response, where: str) -> str:
    """What an answer said: ``HTTP 404 Not Found (errorId '...', errorCode ...): message``."""
    body = error_body(response)
    details = describe_error(
        response.status_code, response.reason, body.get("errorId"), body.get("errorCode")
    )
    if body.get("message"):
        details += f": {str(body['message']).rstrip('.')}"
    if not body and response.content.strip():
        details += f", body: {snippet(response)}"
    location = response.headers.get("Location")
    if 300 <= response.status_code < 400 and location:
        details += f", redirecting to {location} (not followed: credentials stay on {where})"
    return details


def answer_error(
    response,
    where: str,
    *,
    expected: str = "2xx",
    mask: Mask = _unmasked,
    message: str | None = None,
) -> ICWSError:
    """An unwanted answer as an :class:`ICWSError` that says what, where and what came.

    ``message`` replaces the usual "<request> answered <details>; expected <what>.".
    """
    body = error_body(response)
    server_message = body.get("message")
    if message is None:
        message = (
            f"{describe_request(response, where)} answered {answer_details(response, where)}; "
            f"expected {expected}."
        )
    return ICWSError(
        mask(message),
        status=response.status_code,
        error_id=body.get("errorId"),
        error_code=body.get("errorCode"),
        server_message=mask(str(server_message)) if server_message else None,
        method=response.request.method if response.request else None,
        url=response.url,
    )


def describe_request(response, where: str) -> str:
    request = response.request
    path = request.path_url if request is not None else "?"
    method = request.method if request is not None else "?"
    return f"{method} {path} on {where}"


def status_expected(status: int, expected: Any) -> bool:
    """Whether ``status`` is wanted: 2xx by default, else an int, several, or ``any``."""
    if expected is None:
        return 200 <= status < 300
    if isinstance(expected, str):
        if expected.strip().lower() in _ANY_STATUS:
            return True
        expected = [part for part in re.split(r"[\s,]+", expected) if part]
    if not isinstance(expected, (list, tuple, set)):
        expected = [expected]
    try:
        return status in {int(item) for item in expected}
    except (TypeError, ValueError):
        raise ICWSError(
            f"expected_status must be a status code, several, or 'any'; got {expected!r}."
        ) from None


def describe_expected(expected: Any) -> str:
    if expected is None:
        return "2xx"
    if isinstance(expected, (list, tuple, set)):
        return " or ".join(str(item) for item in expected)
    return str(expected)


def error_body(response) -> dict:
    try:
        body = json.loads(response.content) if response.content else {}
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def describe_error(status, reason, error_id, error_code) -> str:
    text = f"HTTP {status}" + (f" {reason}" if reason else "")
    facts = []
    if error_id:
        facts.append(f"errorId '{error_id}'")
    if error_code is not None:
        facts.append(f"errorCode {error_code}")
    if facts:
        text += f" ({', '.join(facts)})"
    return text


def snippet(response, limit: int = 200) -> str:
    text = response.content.decode("utf-8", "replace")
    title = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    if title:
        return f"HTML page titled {' '.join(title.group(1).split())!r}"
    text = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    return repr(text[:limit] + ("..." if len(text) > limit else "")) if text else "(empty)"


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, as written ("" when it has none)."""
    match = re.match(r"^[a-z][a-z0-9+.-]*://[^/?#]+", str(url), re.IGNORECASE)
    return match.group(0) if match else ""


def path_of(url: str) -> str:
    return url[len(origin_of(url)) :] or "/"
