from .connection import ConnectionKeywords
from .generic import GenericKeywords
from .licenses import LicenseKeywords
from .messaging import MessagingKeywords
from .server import ServerKeywords
from .station import StationKeywords
from .status import StatusKeywords

__all__ = [
    "ConnectionKeywords",
    "GenericKeywords",
    "LicenseKeywords",
    "MessagingKeywords",
    "ServerKeywords",
    "StationKeywords",
    "StatusKeywords",
]
