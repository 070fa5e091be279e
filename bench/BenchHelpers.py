"""Keywords the benchmark suites use to time themselves and to set Robot's own floor."""

import json
import os
import time


class BenchHelpers:
    ROBOT_LIBRARY_SCOPE = "GLOBAL"

    def start_timer(self):
        self._started = time.perf_counter()

    def stop_timer(self, name: str, count: int):
        """Append the mean seconds per iteration to the file in $BENCH_RESULTS."""
        seconds = (time.perf_counter() - self._started) / int(count)
        with open(os.environ["BENCH_RESULTS"], "a") as results:
            results.write(json.dumps({"name": name, "seconds": seconds}) + "\n")

    def raw_get(self, session, url):
        """Robot's floor: a keyword that only calls requests.Session.get."""
        return session.get(url)
