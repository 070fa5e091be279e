"""Keywords the benchmark suites use to time themselves and to set Robot's own floors."""

import http.client
import json
import os
import time
from urllib.parse import urlsplit


class BenchHelpers:
    ROBOT_LIBRARY_SCOPE = "GLOBAL"

    def start_timer(self):
        self._started = time.perf_counter()

    def stop_timer(self, name: str, count: int):
        """Append the mean seconds per iteration to the file in $BENCH_RESULTS."""
        seconds = (time.perf_counter() - self._started) / int(count)
        with open(os.environ["BENCH_RESULTS"], "a") as results:
            results.write(json.dumps({"name": name, "seconds": seconds}) + "\n")

    def do_nothing(self, argument):
        """Robot's floor: a keyword with one argument that does nothing."""

    def raw_get(self, session, url):
        """A keyword that only calls requests.Session.get."""
        return session.get(url)

    def open_raw_client(self, server, session_id):
        """An http.client connection carrying the ICWS session's credentials."""
        from robot.libraries.BuiltIn import BuiltIn

        icws = BuiltIn().get_library_instance("ICWSLibrary").get_session()
        parts = urlsplit(server)
        connection = http.client.HTTPConnection(parts.hostname, parts.port)
        headers = {name: str(value) for name, value in icws.http.credentials.headers.items()}
        headers["Accept-Language"] = "en-us"
        return connection, headers

    def raw_client_get(self, client, path):
        """The floor of an HTTP keyword: one keep-alive GET with http.client."""
        connection, headers = client
        connection.request("GET", path, headers=headers)
        return connection.getresponse().read()
