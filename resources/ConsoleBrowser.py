"""A real browser for tests and acceptance suites, with no driver to install: Debian's
Chromium, headless, driven over the DevTools protocol on a pipe
(``--remote-debugging-pipe``: JSON messages ended by NUL on file descriptors 3 and 4).
Tests skip, saying why, when no Chromium is installed or it cannot start."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class Chromium:
    def __init__(self) -> None:
        if CHROMIUM is None:
            raise RuntimeError("no chromium on PATH")
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def descriptors() -> None:  # in the child: the pipe ends Chromium expects
            reading, writing = os.dup(to_browser_read), os.dup(from_browser_write)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self._profile = tempfile.mkdtemp(prefix="icws-chromium-")
        self.process = subprocess.Popen(  # noqa: S603 - a fixed browser, for tests
            [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-dev-shm-usage",
             "--remote-debugging-pipe", f"--user-data-dir={self._profile}", "about:blank"],
            # 3 and 4 are kept too: the child closes what pass_fds does not name after
            # preexec_fn made them.
            pass_fds=(3, 4, to_browser_read, from_browser_write), preexec_fn=descriptors,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._ids = iter(range(1, 1_000_000))
        self._buffer = b""
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]

    def call(self, method: str, session: str | None = None, **params) -> dict:
        number = next(self._ids)
        message = {"id": number, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._buffer:
                chunk = os.read(self._from_browser, 65536)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self._buffer += chunk
            raw, _, self._buffer = self._buffer.partition(b"\0")
            answer = json.loads(raw)
            if answer.get("id") == number:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def open(self, url: str) -> None:
        self.call("Page.navigate", self._session, url=url)

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", self._session, expression=expression,
                           returnByValue=True, awaitPromise=True)  # fmt: skip
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 10.0):
        """The value of ``expression`` once truthy; fails after ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = self.evaluate(expression)
            except RuntimeError:
                value = None
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"The page never showed: {expression}")
            time.sleep(0.1)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.write(self._to_browser, json.dumps({"id": 0, "method": "Browser.close"})
                     .encode() + b"\0")  # fmt: skip
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for end in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(end)
        shutil.rmtree(self._profile, ignore_errors=True)


class ConsoleBrowser:
    """Robot keywords over :class:`Chromium`, for the console's acceptance suite."""

    ROBOT_LIBRARY_SCOPE = "SUITE"

    def __init__(self) -> None:
        self.browser: Chromium | None = None

    def open_browser_at(self, url: str) -> None:
        """Opens headless Chromium at ``url``; skips the test when none can run here."""
        from robot.api import SkipExecution

        if CHROMIUM is None:
            raise SkipExecution("No Chromium installed: the console's browser test needs it.")
        try:
            self.browser = Chromium()
        except RuntimeError as error:
            raise SkipExecution(f"Chromium would not start here: {error}.") from None
        self.browser.open(url)

    def click(self, selector: str) -> None:
        """Clicks the element ``selector`` (CSS) once the page shows it."""
        wanted = json.dumps(selector)
        self._browser().wait_for(f"document.querySelector({wanted}) !== null")
        self._browser().evaluate(f"document.querySelector({wanted}).click()")

    def page_should_show(self, expression: str, timeout: float = 10.0):
        """Waits until the JavaScript ``expression`` is truthy on the page; returns it."""
        return self._browser().wait_for(expression, float(timeout))

    def close_browser(self) -> None:
        if self.browser is not None:
            self.browser.close()
            self.browser = None

    def _browser(self) -> Chromium:
        if self.browser is None:
            raise AssertionError("No browser is open: use Open Browser At first.")
        return self.browser
