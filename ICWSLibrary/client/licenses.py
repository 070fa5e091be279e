"""Feature ``licenses``: acquire and release licenses, and say why one was not granted."""

from __future__ import annotations

from typing import Any, Protocol

from .errors import ICWSError

# [doc] SDK licenseStatus, in words.
LICENSE_STATUS = {
    0: "an unknown error",
    1: "no status",
    2: "available",
    3: "not assigned to the user",
    4: "none available (all in use)",
    5: "the user is on another station",
    6: "the station is in use on another machine",
    7: "the station is in use by another user",
    8: "another application is using it",
    9: "no such license",
}


class Caller(Protocol):
    user_id: str | None

    def call(self, method: str, path: str, body: Any = None) -> Any: ...


def describe(result: dict) -> str:
    status = result.get("licenseStatus")
    words = LICENSE_STATUS.get(status, f"licenseStatus {status}")
    details = result.get("errorDetails")
    return f"{result.get('licenseName')}: {words}" + (f" ({details})" if details else "")


class LicenseAPI:
    """Licenses of one session. ICWS has no call that lists them, so the session keeps
    what its own acquisitions and releases reported."""

    def __init__(self, session: Caller):
        self._session = session
        self.acquired: list[str] = []

    def acquire(self, names: list[str]) -> list[dict]:
        answer = self._session.call("POST", "/licenses", {"licenseList": list(names)})
        results = _results(answer)
        self._note(results)
        return results

    def release(self, names: list[str] | None = None) -> None:
        """Release these licenses, or all of them when none are named."""
        if not names:
            self._session.call("DELETE", "/licenses")
            self.acquired = []
            return
        released = {name.upper() for name in names}
        keep = [name for name in self.acquired if name.upper() not in released]
        results = _results(self._session.call("PUT", "/licenses", {"licenseList": keep}))
        self.acquired = []
        self._note(results)

    def _note(self, results: list[dict]) -> None:
        for result in results:
            name = str(result.get("licenseName"))
            if result.get("isAvailable") and name.upper() not in {n.upper() for n in self.acquired}:
                self.acquired.append(name)


def _results(answer: Any) -> list[dict]:
    results = answer.get("licenseOperationResultList") if isinstance(answer, dict) else None
    if not isinstance(results, list):
        raise ICWSError(f"The licenses answer has no licenseOperationResultList: {answer!r:.200}")
    return [result for result in results if isinstance(result, dict)]
