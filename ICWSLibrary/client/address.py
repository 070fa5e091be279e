"""ICWS server addresses: parsing what users type, and switching hosts on a 503."""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import quote, urlsplit

from requests import PreparedRequest

from .errors import ICWSError


@dataclass(frozen=True)
class ServerAddress:
    """Where an ICWS server answers: ``scheme://host:port/prefix/icws``.

    ``prefix`` is the path in front of ``/icws`` when a reverse proxy publishes ICWS
    under a path such as ``https://web/api/cic1/icws``; it is empty on a direct
    connection.
    """

    scheme: str
    host: str
    port: int | None
    prefix: str = ""

    @classmethod
    def parse(cls, url: str) -> ServerAddress:
        text = str(url).strip() if url is not None else ""
        example = "use a URL like http://cic1:8018 or https://cic1:8019"
        if not text:
            raise ICWSError(f"No ICWS server given: {example}.")
        if "://" not in text:
            raise ICWSError(f"Server URL {text!r} has no scheme: {example}.")
        try:
            parts = urlsplit(text)
            port = parts.port
        except ValueError as error:
            raise ICWSError(f"Server URL {text!r} is not valid ({error}): {example}.") from None
        if parts.scheme.lower() not in ("http", "https"):
            raise ICWSError(f"Server URL {text!r} must use http or https: {example}.")
        if not parts.hostname:
            raise ICWSError(f"Server URL {text!r} names no host: {example}.")
        if parts.query or parts.fragment:
            raise ICWSError(f"Server URL {text!r} must not have a query or fragment: {example}.")
        prefix = parts.path.rstrip("/")
        if prefix.lower().endswith("/icws"):
            prefix = prefix[: -len("/icws")]
        address = cls(parts.scheme.lower(), parts.hostname, port, prefix)
        try:
            # What the HTTP client will refuse (a space in the host, an empty label, a label
            # over 63 characters) is refused here, with the URL named.
            PreparedRequest().prepare_url(address.icws_root, None)
            if ":" not in address.host:  # the socket layer encodes names with IDNA
                address.host.encode("idna")
        except Exception as error:  # requests and urllib3 raise several kinds
            raise ICWSError(f"Server URL {text!r} is not valid ({error}): {example}.") from None
        return address

    def with_host(self, host: str) -> ServerAddress:
        """The same scheme, port and prefix on another host, as a 503 switchover asks."""
        return replace(self, host=host.strip().strip("[]"))

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = f":{self.port}" if self.port is not None else ""
        return f"{self.scheme}://{host}{port}{self.prefix}"

    @property
    def icws_root(self) -> str:
        return f"{self.base_url}/icws"

    def __str__(self) -> str:
        return self.base_url


def path_segment(value: str) -> str:
    """A value (a user id, say) as one percent-encoded path segment.

    ``/`` and everything else reserved is encoded. ``.`` and ``..`` cannot be sent as
    values at all: HTTP clients decode ``%2E`` back to a dot, and servers and proxies read
    the segment as "here" or "up one level", so they are refused (no CIC id is a dot).
    """
    text = str(value)
    if text.strip() in ("", ".", ".."):
        raise ICWSError(f"{text!r} cannot be an ICWS id in a request path.")
    return quote(text, safe="")
