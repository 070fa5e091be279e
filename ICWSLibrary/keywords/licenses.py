"""Licenses: acquire, release and check them."""

from __future__ import annotations

from robot.api.deco import keyword

from ..client.licenses import describe
from .base import LibraryComponent


class LicenseKeywords(LibraryComponent):
    @keyword("Acquire Licenses")
    def acquire_licenses(self, *licenses: str) -> list:
        """Acquires ``licenses`` for the current session and returns the server's results.

        Each result is a dictionary with ``licenseName``, ``isAvailable`` and
        ``licenseStatus``. Fails naming every license that was not granted and why, for
        example ``I3_ACCESS_ACD: not assigned to the user``. Acquiring a license already
        held has no effect.

        Example:
        | ${results} = | Acquire Licenses | I3_ACCESS_CLIENT | I3_ACCESS_ACD |
        | License Should Be Acquired | I3_ACCESS_ACD |
        """
        results = self.connected_session().licenses.acquire(list(licenses))
        refused = [describe(result) for result in results if not result.get("isAvailable")]
        if refused:
            raise AssertionError("Licenses not granted: " + "; ".join(refused) + ".")
        self.info(f"Acquired {', '.join(licenses)}.")
        return results

    @keyword("Release Licenses")
    def release_licenses(self, *licenses: str) -> None:
        """Releases ``licenses``, or every license of the session when none are named.

        Examples:
        | Release Licenses | I3_ACCESS_ACD |
        | Release Licenses |
        """
        self.connected_session().licenses.release(list(licenses))
        self.info(f"Released {', '.join(licenses) if licenses else 'every license'}.")

    @keyword("Get Acquired Licenses")
    def get_acquired_licenses(self) -> list:
        """Returns the names of the licenses this session has acquired.

        ICWS has no call that lists them, so this is what the session's own acquisitions
        and releases reported (licenses a station logon takes are not included).

        Example:
        | Acquire Licenses | I3_ACCESS_CLIENT |
        | ${names} = | Get Acquired Licenses |
        | Should Contain | ${names} | I3_ACCESS_CLIENT |
        """
        names = list(self.connected_session().licenses.acquired)
        self.info(f"Acquired licenses: {', '.join(names) or 'none'}.")
        return names

    @keyword("License Should Be Acquired")
    def license_should_be_acquired(self, license: str, message: str | None = None) -> None:
        """Fails unless this session has acquired ``license`` (names compare in any case).

        Example:
        | Acquire Licenses | I3_ACCESS_CLIENT |
        | License Should Be Acquired | I3_ACCESS_CLIENT |
        """
        names = self.connected_session().licenses.acquired
        self.fail_unless(
            license.upper() in {name.upper() for name in names},
            f"Expected license '{license}' to be acquired, but the session holds "
            f"{', '.join(names) or 'none'}.",
            message,
        )
        self.info(f"License {license} is acquired.")
