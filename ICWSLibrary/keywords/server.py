"""Server facts: feature versions, the CIC version, the server clock."""

from __future__ import annotations

from datetime import datetime

from robot.api.deco import keyword

from ..client import describe_version, parse_datetime, parse_version, server_version_tuple
from .base import LibraryComponent


class ServerKeywords(LibraryComponent):
    @keyword("Get Feature Versions")
    def get_feature_versions(self) -> dict:
        """Returns the server's ICWS feature versions as a dictionary ``featureId: version``.

        Uses the list that came with the logon (no request). Without a session, asks the
        library's ``server`` (one session-less request).

        Example:
        | ${features} = | Get Feature Versions |
        | Should Be True | ${features}[messaging] >= 2 |
        """
        features = self.ctx.server_source().features()
        self.info(
            "Feature versions: "
            + ", ".join(f"{name} {version}" for name, version in sorted(features.items()))
            + "."
        )
        return dict(features)

    @keyword("Get Feature Version")
    def get_feature_version(self, feature: str) -> int:
        """Returns the version of one ICWS feature, or ``0`` when the server lacks it.

        Feature ids are the ICWS ones: ``connection``, ``messaging``, ``status``,
        ``interactions``, ``licenses``, ... (see `Get Feature Versions`).

        Example:
        | ${version} = | Get Feature Version | messaging |
        """
        version = self._features().get(feature, 0)
        self.info(f"Feature '{feature}' is at version {version}.")
        return version

    @keyword("Feature Version Should Be At Least")
    def feature_version_should_be_at_least(
        self, feature: str, version: int, message: str | None = None
    ) -> None:
        """Fails unless the server supports ``feature`` at ``version`` or later.

        Example:
        | Feature Version Should Be At Least | connection | 11 |
        """
        features = self._features()
        actual = features.get(feature)
        if actual is None:
            self.fail_unless(
                False,
                f"Expected feature '{feature}' at version {version} or later, but "
                f"{self._where()} does not support it. Supported features: "
                f"{', '.join(sorted(features)) or 'none'}.",
                message,
            )
        self.fail_unless(
            actual >= version,
            f"Expected feature '{feature}' at version {version} or later, but {self._where()} "
            f"has version {actual}.",
            message,
        )
        self.info(f"Feature '{feature}' is at version {actual} (at least {version}).")

    @keyword("Feature Should Be Supported")
    def feature_should_be_supported(self, feature: str, message: str | None = None) -> None:
        """Fails unless the server lists ``feature`` among its ICWS features.

        Example:
        | Feature Should Be Supported | status |
        """
        features = self._features()
        self.fail_unless(
            feature in features,
            f"Expected {self._where()} to support feature '{feature}', but it does not. "
            f"Supported features: {', '.join(sorted(features)) or 'none'}.",
            message,
        )
        self.info(f"Feature '{feature}' is supported at version {features[feature]}.")

    @keyword("Get Server Version")
    def get_server_version(self) -> dict:
        """Returns the CIC server version as the dictionary that ICWS gives.

        Keys include ``majorVersion`` (``15`` is CIC 2015), ``minorVersion`` (``1`` is R1),
        ``su`` (the patch), ``build``, ``productReleaseDisplayString`` and
        ``productPatchDisplayString`` (e.g. ``CIC 2015 R1 Patch2``); all values are strings.

        Example:
        | ${version} = | Get Server Version |
        | Log | ${version}[productPatchDisplayString] |
        """
        version = self.ctx.server_source().server_version()
        self.info(f"Server version: {describe_version(version)}.")
        return dict(version)

    @keyword("Server Version Should Be At Least")
    def server_version_should_be_at_least(self, version: str, message: str | None = None) -> None:
        """Fails unless the CIC server is ``version`` or newer.

        ``version`` may be written ``2015 R1``, ``2015 R1 Patch2``, ``CIC 2015 R2`` or
        ``15.1.2``.

        Example:
        | Server Version Should Be At Least | 2015 R1 Patch2 |
        """
        wanted = parse_version(version)
        actual_body = self.ctx.server_source().server_version()
        actual = server_version_tuple(actual_body)
        self.fail_unless(
            actual >= wanted,
            f"Expected CIC {version} ({'.'.join(map(str, wanted))}) or newer, but "
            f"{self._where()} runs {describe_version(actual_body)}.",
            message,
        )
        self.info(f"Server runs {describe_version(actual_body)}, at least {version}.")

    @keyword("Get Server Time")
    def get_server_time(self) -> datetime:
        """Returns the server's current time as a timezone-aware UTC ``datetime``.

        Asks the server each time (one request). Compare it with the test machine's clock to
        catch clock skew that would break time-based checks.

        Example:
        | ${server time} = | Get Server Time |
        | ${skew} = | Evaluate | abs((datetime.datetime.now(datetime.timezone.utc) - $server_time).total_seconds()) |
        | Should Be True | ${skew} < 5 |
        """
        text = self.ctx.server_source().server_time()
        value = parse_datetime(text)
        self.info(f"Server time: {value.isoformat()} ({text}).")
        return value

    def _features(self) -> dict[str, int]:
        return self.ctx.server_source().features()

    def _where(self) -> str:
        return str(self.ctx.server_source().address)
