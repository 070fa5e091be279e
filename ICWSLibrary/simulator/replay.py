"""Serve a recording (see ``ICWSLibrary.recording``) as if it were the server.

Requests are matched by method, templated path, query and body, never by header noise.
Identical requests are answered in their recorded order, so polls and repeated GETs replay
their history. Credentials are checked as on a real server: each logon the recording
holds hands out a fresh session id, CSRF token and cookie, and later requests must bring
them back. Messages recorded between two exchanges are released once the first is
served, onto the session's event stream or its polling queue.
"""

from __future__ import annotations

import difflib
import json
import re
import secrets
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from ..recording import Templater, canonical_body, canonical_query, json_or_text, load
from ..recording.format import BUILT_IN_SCRUBBED
from .sessions import Mailbox, StreamHub, check_credentials
from .wire import Request, Response, error_response, json_response

_SESSION_PATH = re.compile(r"^/icws/(\d+)(/.*)?$", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{\{[A-Za-z]+(?::\d+)?\}\}")


@dataclass
class ReplaySession(Mailbox):
    placeholder: str = ""
    id: str = ""
    token: str = ""
    cookie: str = ""

    def describe(self) -> dict:
        return {"sessionId": self.id, "recordedAs": self.placeholder}


class ReplayModel(StreamHub):
    """The ``handle(request)`` of a simulator that answers from a recording."""

    def __init__(self, recording: str | Path):
        self.source = str(recording)
        document = load(recording)
        self.entries = document["entries"]
        self._fields = [f for f in document.get("scrubbedFields", []) if f not in BUILT_IN_SCRUBBED]
        super().__init__()
        self._exchanges = [e for e in self.entries if e.get("type") == "exchange"]
        self._by_key: dict[tuple, list[dict]] = {}
        for entry in self._exchanges:
            self._by_key.setdefault(self._key_of(entry["request"]), []).append(entry)
        self._sessions: dict[str, ReplaySession] = {}  # by placeholder
        self._by_id: dict[str, ReplaySession] = {}
        self._start_conversation()
        self.requests_served = 0
        self.base_url = "http://127.0.0.1"
        # Messages by the exchange after which they were sent.
        self._messages_after: dict[int, list[dict]] = {}
        previous_exchange = 0
        for entry in self.entries:
            if entry.get("type") == "exchange":
                previous_exchange = entry["seq"]
            elif entry.get("type") == "messages":
                after = entry.get("after", previous_exchange)
                self._messages_after.setdefault(after, []).append(entry)

    def _start_conversation(self) -> None:
        """Serve the recording from its start: every session the last run had ends, and
        the next logon gets the recording's first session again."""
        for session in self._sessions.values():
            self._end(session)
        self.templater = Templater(self._fields)
        self._consumed: set[int] = set()
        self._cursor = 0
        self._sessions, self._by_id = {}, {}

    def restart(self) -> None:
        with self._lock:
            self._start_conversation()

    # -- the model interface the HTTP server uses ----------------------------------------

    def handle(self, request: Request) -> Response:
        try:
            with self._lock:
                self.requests_served += 1
                return self._handle(request)
        except Exception as error:  # never a dropped connection
            return error_response(
                500, "error.server.internal", f"The replay failed on {request.path}: {error!r}"
            )

    def sessions(self) -> list[dict]:
        with self._lock:
            return [s.describe() for s in self._sessions.values() if not s.ended]

    # -- answering -----------------------------------------------------------------------

    def _handle(self, request: Request) -> Response:
        path = request.path
        match = _SESSION_PATH.match(path)
        session = None
        if match:
            session = self._by_id.get(match.group(1))
            problem = self._check_credentials(request, match.group(1), session, match.group(2))
            if problem is not None:
                return problem
            assert session is not None  # credentials hold only for a session
            path = f"/icws/{session.placeholder}{match.group(2) or ''}"
            if (match.group(2) or "").lower() == "/messaging/messages" and request.method == "GET":
                return self._messages(request, session)
        key = self._key_of_request(request, path)
        if session is None and self._is_logon(key) and self._spent(key):
            # A logon the recording has no answer left for comes from the next run: serve
            # it the conversation from the start, as many runs as come.
            self._start_conversation()
            key = self._key_of_request(request, path)
        entry = self._choose(key)
        if entry is None:
            return self._not_recorded(key)
        self._consumed.add(entry["seq"])
        self._cursor = max(self._cursor, entry["seq"])
        response = self._respond(entry["response"])
        logoff = request.method == "DELETE" and key[1].endswith("/connection")
        if session is not None and logoff and response.status < 300:
            self._end(session)
        self._release_messages_after(entry["seq"])
        return response

    def _key_of_request(self, request: Request, path: str) -> tuple:
        return (
            request.method,
            self.templater.text(unquote(path)),
            self.templater.text(canonical_query(request.query)),
            canonical_body(self.templater.scrub(json_or_text(request.body))),
        )

    @staticmethod
    def _is_logon(key: tuple) -> bool:
        return key[0] == "POST" and key[1].lower() == "/icws/connection"

    def _spent(self, key: tuple) -> bool:
        candidates = self._by_key.get(key) or []
        return bool(candidates) and all(e["seq"] in self._consumed for e in candidates)

    @staticmethod
    def _check_credentials(request, session_id, session, rest):
        rest = (rest or "").lower()
        return check_credentials(
            request,
            session_id,
            session,
            cookie_only=request.method == "GET" and rest == "/messaging/messages",
            allow_ended=request.method == "GET" and rest == "/connection",
        )

    @staticmethod
    def _key_of(recorded: dict) -> tuple:
        return (
            recorded["method"],
            # Paths are compared unescaped, as incoming ones are: "AVP%20Sales" is "AVP Sales".
            unquote(recorded["path"]),
            recorded.get("query", ""),
            canonical_body(recorded.get("body")),
        )

    def _choose(self, key: tuple) -> dict | None:
        candidates = self._by_key.get(key)
        if not candidates:
            return None
        unconsumed = [e for e in candidates if e["seq"] not in self._consumed]
        later = [e for e in unconsumed if e["seq"] > self._cursor]
        if later:
            return later[0]
        return unconsumed[0] if unconsumed else candidates[-1]

    def _respond(self, recorded: dict) -> Response:
        # A logon answer mints the session the recording saw, with fresh credentials.
        body_text = json.dumps(recorded.get("body"))
        for header in recorded.get("headers", {}).values():
            body_text += str(header)
        for placeholder in set(re.findall(r"\{\{session:\d+\}\}", body_text)):
            if placeholder not in self._sessions:
                self._mint(placeholder, body_text)
        headers = [
            (name, self._fill(value, in_json=False))
            for name, value in recorded.get("headers", {}).items()
        ]
        body = recorded.get("body")
        if body is None:
            content = b""
        elif isinstance(body, str) and "json" not in dict(headers).get("Content-Type", "json"):
            content = self._fill(body, in_json=False).encode()
        else:
            content = self._fill(json.dumps(body, separators=(",", ":"))).encode()
        if not any(name.lower() == "content-type" for name, _ in headers):
            headers.append(("Content-Type", "application/vnd.inin.icws+JSON; charset=utf-8"))
        return Response(recorded["status"], content, headers)

    def _mint(self, placeholder: str, context: str) -> None:
        number = placeholder.split(":")[1].rstrip("}")
        while True:
            session_id = str(secrets.randbelow(2_147_483_647 - 1_000_000) + 1_000_000)
            if session_id not in self._by_id:
                break
        session = ReplaySession(
            placeholder=placeholder,
            id=session_id,
            token=secrets.token_urlsafe(32),
            cookie=str(uuid.uuid4()),
        )
        self._sessions[placeholder] = session
        self._by_id[session_id] = session
        # Later requests are templated with the same names the recording used.
        self.templater.name(placeholder, session_id)
        self.templater.name("{{csrfToken:" + number + "}}", session.token)
        self.templater.name("{{cookie:" + number + "}}", session.cookie)

    def _fill(self, text: str, in_json: bool = True) -> str:
        """Put this run's values in place of the recording's placeholders."""
        extra_kinds = set(self.templater.extra_fields.values())

        def value(match: re.Match) -> str:
            name = match.group(0)
            if name == "{{now}}":
                found = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
            elif name == "{{server}}":
                found = self.base_url
            elif name == "{{host}}":
                found = self.base_url.split("://", 1)[-1].rsplit(":", 1)[0]
            else:
                known = self.templater.value_of(name)
                if known is None:
                    return name
                found = known
                if name[2:].split(":")[0] in extra_kinds:
                    # Scrubbed fields hold their JSON text; put back the plain value.
                    found = json.loads(found)
                    found = found if isinstance(found, str) else json.dumps(found)
            return json.dumps(found)[1:-1] if in_json else found

        return _PLACEHOLDER.sub(value, text)

    def _messages(self, request: Request, session: ReplaySession) -> Response:
        if "text/event-stream" in request.headers.get("accept", "").lower():
            headers = [("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache")]
            return Response(200, b"", headers, stream=session)
        messages = list(session.messages)
        session.messages.clear()
        return json_response(200, messages)

    def _release_messages_after(self, seq: int) -> None:
        """Deliver the messages the recorded server sent in answer to this exchange."""
        for entry in self._messages_after.get(seq, []):
            session = self._sessions.get(entry["session"])
            if session is None or session.ended:
                continue
            filled = json.loads(self._fill(json.dumps(entry["messages"])))
            session.messages.extend(filled)
            self.notify(session)

    def _end(self, session: ReplaySession) -> None:
        session.ended = True
        self.notify(session)

    def _not_recorded(self, key: tuple) -> Response:
        wanted = _describe(key)
        known = {_describe(k): k for k in self._by_key}
        nearest = difflib.get_close_matches(wanted, list(known), n=1, cutoff=0)
        return error_response(
            501,
            "replay.notRecorded",
            f"Not in the recording {Path(self.source).name}: {wanted}. Nearest recorded: "
            f"{nearest[0] if nearest else 'none'}.",
        )

    def close(self) -> None:
        """Nothing runs in the background of a replay."""

    def end_session_of(self, path: str, reason: str) -> None:
        match = _SESSION_PATH.match(path)
        with self._lock:
            session = self._by_id.get(match.group(1)) if match else None
            if session is not None:
                self._end(session)


def _describe(key: tuple) -> str:
    method, path, query, body = key
    text = f"{method} {path}" + (f"?{query}" if query else "")
    return text + (f" {body}" if body else "")
