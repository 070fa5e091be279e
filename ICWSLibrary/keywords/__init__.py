from .configuration import ConfigurationKeywords
from .connection import ConnectionKeywords
from .generic import GenericKeywords
from .interactions import InteractionKeywords
from .licenses import LicenseKeywords
from .messaging import MessagingKeywords
from .queues import QueueKeywords
from .server import ServerKeywords
from .station import StationKeywords
from .status import StatusKeywords
from .workgroups import WorkgroupKeywords

__all__ = [
    "ConfigurationKeywords",
    "ConnectionKeywords",
    "GenericKeywords",
    "InteractionKeywords",
    "LicenseKeywords",
    "MessagingKeywords",
    "QueueKeywords",
    "ServerKeywords",
    "StationKeywords",
    "StatusKeywords",
    "WorkgroupKeywords",
]
