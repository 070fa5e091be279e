"""Feature ``statistics``: the statistic catalog, parameter values and statistic watches.

The values and their rules live in :mod:`..statistics`; this file speaks HTTP.
[doc] (SDK Messaging.Subscriptions.Statistics.js): the catalog subscription answers 200
``{clientStateIsFresh}``; the value subscription lists no success status, and answers
200 as its sibling subscriptions' pages say they do [doc]; a DELETE answers 204 as
subscriptions do (PROTOCOL.md 5). A bad key is not an HTTP
error: it is told as an error value in ``statisticValueMessage``.
"""

from __future__ import annotations

import re

from ..errors import InvalidProperty, MissingProperty
from ..sessions import Session
from ..statistics import CATALOG_TAG, MAX_WATCHED_KEYS, Statistics
from ..wire import Request, Response, json_response


class StatisticsResource:
    def __init__(self, statistics: Statistics):
        self.statistics = statistics
        self.state = statistics.state

    def routes(self) -> list:
        values = re.compile(r"^messaging/subscriptions/statistics/statistic-values$")
        catalog = re.compile(r"^messaging/subscriptions/statistics/statistic-catalog$")
        queries = re.compile(r"^statistics/statistic-parameter-values/queries$")
        return [
            ("PUT", values, self.watch_values, True),
            ("DELETE", values, self.stop_values, True),
            ("PUT", catalog, self.watch_catalog, True),
            ("DELETE", catalog, self.stop_catalog, True),
            ("POST", queries, self.parameter_values, True),
        ]

    def watch_values(self, request: Request, session: Session) -> Response:
        body = request.json()
        keys = body.get("statisticKeys") if isinstance(body, dict) else None
        if not isinstance(keys, list):
            raise MissingProperty("statisticKeys")
        watched = self.statistics.would_watch(session, keys[: MAX_WATCHED_KEYS + 1])
        if len(keys) > MAX_WATCHED_KEYS or watched > MAX_WATCHED_KEYS:
            raise InvalidProperty(
                "statisticKeys",
                f"A session may watch at most {MAX_WATCHED_KEYS} statistic keys; this PUT "
                f"would make it {max(watched, len(keys))}. A PUT adds to the keys watched: "
                "DELETE the watch to start again.",
            )
        self.statistics.watch(session, keys)
        return json_response(200)

    def stop_values(self, request: Request, session: Session) -> Response:
        self.statistics.stop(session)
        return json_response(204)

    def watch_catalog(self, request: Request, session: Session) -> Response:
        body = request.json()
        tag = body.get("statisticCatalogCacheTag") if isinstance(body, dict) else None
        session.catalog_watch = True
        fresh = tag == CATALOG_TAG
        if not fresh:
            # [guess] A client whose cached catalog is current is sent none.
            self.state.deliver(session, self.statistics.catalog_message())
        return json_response(200, {"clientStateIsFresh": fresh})

    def stop_catalog(self, request: Request, session: Session) -> Response:
        session.catalog_watch = False
        return json_response(204)

    def parameter_values(self, request: Request, session: Session) -> Response:
        body = request.json()
        parameter_type = body.get("parameterTypeId") if isinstance(body, dict) else None
        if not isinstance(parameter_type, str) or not parameter_type:
            raise MissingProperty("parameterTypeId")
        values = self.statistics.parameter_values(parameter_type)
        if values is None:
            raise InvalidProperty(
                "parameterTypeId", f"The statistic catalog has no parameter type {parameter_type}."
            )
        return json_response(200, {"parameterValues": values})
