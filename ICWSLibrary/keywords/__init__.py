from .callbacks import CallbackKeywords
from .chats import ChatKeywords
from .configuration import ConfigurationKeywords
from .connection import ConnectionKeywords
from .directory import DirectoryKeywords
from .generic import GenericKeywords
from .interactions import InteractionKeywords
from .licenses import LicenseKeywords
from .logons import LogonKeywords
from .messaging import MessagingKeywords
from .queues import QueueKeywords
from .recording import RecordingKeywords
from .server import ServerKeywords
from .station import StationKeywords
from .statistics import StatisticsKeywords
from .status import StatusKeywords
from .supervision import SupervisionKeywords
from .timeline import TimelineKeywords
from .transfers import TransferKeywords
from .workforce import WorkforceKeywords
from .workgroups import WorkgroupKeywords

__all__ = [
    "CallbackKeywords",
    "ChatKeywords",
    "ConfigurationKeywords",
    "ConnectionKeywords",
    "DirectoryKeywords",
    "GenericKeywords",
    "InteractionKeywords",
    "LicenseKeywords",
    "LogonKeywords",
    "MessagingKeywords",
    "QueueKeywords",
    "RecordingKeywords",
    "ServerKeywords",
    "StationKeywords",
    "StatisticsKeywords",
    "StatusKeywords",
    "TimelineKeywords",
    "SupervisionKeywords",
    "TransferKeywords",
    "WorkforceKeywords",
    "WorkgroupKeywords",
]
