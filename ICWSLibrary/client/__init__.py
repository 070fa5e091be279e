"""A plain-Python ICWS client, independent of Robot Framework."""

from .address import ServerAddress
from .channel import MessageChannel, MessagingMode
from .dates import format_datetime, parse_date, parse_datetime, parse_time
from .errors import ICWSError
from .session import ConnectionState, ConnectionStatus, ICWSSession
from .versions import describe_version, parse_version, server_version_tuple

__all__ = [
    "ConnectionState",
    "ConnectionStatus",
    "ICWSError",
    "ICWSSession",
    "MessageChannel",
    "MessagingMode",
    "ServerAddress",
    "describe_version",
    "format_datetime",
    "parse_date",
    "parse_datetime",
    "parse_time",
    "parse_version",
    "server_version_tuple",
]
