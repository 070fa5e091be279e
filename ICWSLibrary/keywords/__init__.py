from .connection import ConnectionKeywords
from .generic import GenericKeywords
from .server import ServerKeywords
from .status import StatusKeywords

__all__ = ["ConnectionKeywords", "GenericKeywords", "ServerKeywords", "StatusKeywords"]
