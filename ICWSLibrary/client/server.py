"""What an ICWS server offers before a session exists: logon with switchover, and the
session-less ``/icws/connection`` resources (features, version, server time)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests

from ..protocol.messages import IC_AUTH
from .address import ServerAddress
from .errors import ICWSError, answer_details, answer_error, error_body
from .transport import Transport

# [doc] default-workstation needs connection 5, which every supported CIC has.
DEFAULT_INCLUDE = ("features", "version", "default-workstation")
# Real clients cap switchover hops at 5 to 10; a longer chain is a misconfigured pair.
DEFAULT_MAX_HOPS = 8


@dataclass
class LogonAnswer:
    """The host that accepted a logon, and its 200/201 answer."""

    address: ServerAddress
    response: requests.Response


def log_on(
    transport: Transport,
    start: ServerAddress,
    user: str,
    password: str,
    application_name: str,
    *,
    include=DEFAULT_INCLUDE,
    max_hops: int = DEFAULT_MAX_HOPS,
) -> LogonAnswer:
    """Post the logon, following 503 ``alternateHostList`` answers host by host.

    The alternates get the same scheme, port and prefix; each host is asked once, and
    the chain stops after ``max_hops`` hosts. Fails with what every host said.
    """
    body = {
        "__type": IC_AUTH,
        "applicationName": application_name,
        "userID": user,
        "password": password,
    }
    params = {"include": ",".join(include)} if include else None
    queue, tried, refusals = [start], set(), []
    while queue:
        address = queue.pop(0)
        tried.add(address.host.lower())
        if len(tried) > max_hops + 1:
            refusals.append(f"stopped after {max_hops} switchover hops")
            break
        try:
            response = transport.send(
                "POST", f"{address.icws_root}/connection", body, params=params
            )
        except ICWSError as error:
            if address is start:
                raise
            refusals.append(f"{address}: {error}")
            continue
        if response.status_code in (200, 201):
            return LogonAnswer(address, response)
        if response.status_code != 503:
            raise _logon_refused(transport, response, user, address)
        error = error_body(response)
        alternates = [str(host) for host in error.get("alternateHostList") or []]
        refusals.append(
            f"{address}: 503 {error.get('errorId', '')} {error.get('message', '')}".rstrip()
            + (f" (alternates {', '.join(alternates)})" if alternates else "")
        )
        queued = {candidate.host.lower() for candidate in queue}
        for host in alternates:
            if host.lower() not in tried and host.lower() not in queued:
                queue.append(address.with_host(host))
                queued.add(host.lower())
    raise ICWSError(
        transport.secrets.mask(
            f"No CIC server accepted the logon of user '{user}' starting from {start}: "
            + "; ".join(refusals)
            + "."
        ),
        status=503,
    )


def _logon_refused(transport, response, user: str, address: ServerAddress) -> ICWSError:
    return answer_error(
        response,
        str(address),
        mask=transport.secrets.mask,
        message=f"Logon of user '{user}' to {address} failed: "
        f"{answer_details(response, str(address))}.",
    )


def feature_map(features: Any) -> dict[str, int]:
    """``{featureId: version}`` from a ``featureInfoList`` (or a logon's ``features``)."""
    result = {}
    for item in features or []:
        try:
            result[str(item["featureId"])] = int(item["version"])
        except (KeyError, TypeError, ValueError):
            continue
    return result
