from .connection import ConnectionKeywords
from .generic import GenericKeywords
from .server import ServerKeywords

__all__ = ["ConnectionKeywords", "GenericKeywords", "ServerKeywords"]
