from .connection import ConnectionKeywords
from .generic import GenericKeywords
from .messaging import MessagingKeywords
from .server import ServerKeywords
from .status import StatusKeywords

__all__ = [
    "ConnectionKeywords",
    "GenericKeywords",
    "MessagingKeywords",
    "ServerKeywords",
    "StatusKeywords",
]
