"""A plain-Python ICWS client, independent of Robot Framework."""

from ..protocol.dates import format_datetime, parse_date, parse_datetime, parse_time
from ..protocol.versions import describe_version, parse_version, server_version_tuple
from .address import ServerAddress
from .channel import MessageChannel, MessagingMode
from .errors import ICWSError
from .session import ConnectionState, ConnectionStatus, ICWSSession

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
