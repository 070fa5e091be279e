"""Any ICWS operation, and hand-over to RequestsLibrary."""

from __future__ import annotations

import json
from typing import Any

import requests
from robot.api.deco import keyword
from robot.libraries.BuiltIn import BuiltIn, RobotNotRunningError

from ..client import ICWSError
from ..client.redact import mask_query, redact_json
from ..protocol.operations import methods_for, nearest
from .base import LibraryComponent
from .connection import Secret


class GenericKeywords(LibraryComponent):
    @keyword("Call ICWS")
    def call_icws(
        self,
        method: str,
        path: str,
        body: Any = None,
        expected_status: Any = None,
    ) -> Any:
        """Calls any ICWS operation on the current session and returns the parsed JSON body.

        ``path`` is relative to the session (``/status/status-messages``) or absolute
        (``/icws/connection/version``; ``{sessionId}`` in it is filled in). Query strings go
        in the path (``/interactions/123?select=Eic_State``). The session id, CSRF token and
        session cookie are added. ``body`` is a dictionary or list, or a JSON string.

        Fails on a status that is not 2xx, showing the status, ``errorId``, ``errorCode`` and
        message, unless ``expected_status`` names it: a number, several (``400, 404``) or
        ``any``. Returns ``None`` for an empty body.

        Secret query parameters (``password=``...) are masked in this library's log lines,
        but Robot Framework records every keyword argument as written in output.xml: put
        no secret in a path.

        The 670 ICWS operations are listed in the vendor's ICWS reference. When a call
        fails on a path that none of them has (a typo, say), the failure names the nearest
        documented operation.

        Examples:
        | ${catalog} = | Call ICWS | GET | /status/status-messages |
        | ${result} = | Call ICWS | POST | /licenses | {"licenseList": ["I3_ACCESS_CLIENT"]} |
        | ${error} = | Call ICWS | GET | /status/user-statuses/nobody | expected_status=404 |
        | Should Be Equal | ${error}[errorId] | error.request.notFound |
        """
        session = (
            self.connected_session() if not _is_sessionless(path) else self.ctx.server_source()
        )
        if isinstance(body, str) and body.strip():
            try:
                body = json.loads(body)
            except (ValueError, RecursionError) as error:
                problem = error if isinstance(error, ValueError) else "nested too deeply"
                raise ICWSError(
                    f"Call ICWS body is not valid JSON ({problem}): {body[:200]!r}"
                ) from None
        elif isinstance(body, str):
            body = None
        body = _revealed(body, session)
        try:
            result = session.call(method, path, body, expected_status=expected_status)
        except ICWSError as error:
            raise _with_operation_hint(error, method, session.url_for(path)) from None
        self.info(f"{method.upper()} {mask_query(path)}: {_summary(result)}.")
        return result

    @keyword("Get ICWS Requests Session")
    def get_icws_requests_session(
        self, alias: str | None = None, requests_alias: str | None = None
    ) -> requests.Session:
        """Returns the authenticated ``requests.Session`` of an ICWS session.

        The session sends the CSRF token and session cookie with every request; its ``url``
        attribute is the session's base URL (``http://cic1:8018/icws/<sessionId>``). With
        ``requests_alias`` it is also registered in RequestsLibrary (which must be imported)
        under that alias, so its keywords can use it directly. The token and cookie show as
        ``***`` when RequestsLibrary logs the request headers.

        Example:
        | Get ICWS Requests Session | requests_alias=icws |
        | ${response} = | GET On Session | icws | /status/user-statuses/kevin.glinski |
        | Should Be Equal | ${response.json()}[userId] | kevin.glinski |
        """
        session = self.connected_session(alias)
        http = session.http
        http.url = session.session_root
        if requests_alias:
            try:
                requests_library = BuiltIn().get_library_instance("RequestsLibrary")
            except (RuntimeError, RobotNotRunningError):
                raise ICWSError(
                    "Get ICWS Requests Session with requests_alias needs RequestsLibrary: "
                    "add 'Library    RequestsLibrary' to the settings."
                ) from None
            requests_library._cache.register(http, alias=requests_alias)
        self.info(
            f"Requests session of ICWS session {session.session_id}"
            + (f" registered in RequestsLibrary as '{requests_alias}'." if requests_alias else ".")
        )
        return http


def _with_operation_hint(error: ICWSError, method: str, url: str) -> ICWSError:
    """Add, to the failure of a path no ICWS operation has, the nearest one that exists."""
    if error.status not in (404, 405, 501):
        return error
    path = "/icws/" + url.split("/icws/", 1)[1].split("?")[0] if "/icws/" in url else url
    if method.upper() in methods_for(path):
        return error
    hint = f" {method.upper()} {path} is not one of the documented ICWS operations"
    suggestion = nearest(method.upper(), path)
    hint += f"; did you mean {suggestion}?" if suggestion else "."
    return error.with_message(str(error) + hint)


def _is_sessionless(path: str) -> bool:
    return str(path).strip().lower().lstrip("/").startswith("icws/connection")


def _summary(result: Any) -> str:
    if result is None:
        return "no body"
    text = json.dumps(redact_json(result), ensure_ascii=False)
    return text if len(text) <= 200 else text[:200] + "..."


def _revealed(value, session):
    """The body with each Robot ``Secret`` in it as its plain value, which the session then
    masks wherever it would log it."""
    if Secret is not None and isinstance(value, Secret):
        session.secrets.add(value.value)
        return value.value
    if isinstance(value, dict):
        return {key: _revealed(item, session) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_revealed(item, session) for item in value]
    return value
