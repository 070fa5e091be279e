"""Robot Framework keyword library for Genesys CIC / PureConnect ICWS.

``Library    ICWSLibrary`` gives the ICWS keywords; ``Library    ICWSLibrary.Simulator``
gives the keywords that start and control the bundled ICWS simulator.
"""

from .library import ICWSLibrary
from .version import __version__

__all__ = ["ICWSLibrary", "__version__"]


def __getattr__(name: str):
    # Imported only when asked for: suites that test a real server never load the simulator.
    if name == "Simulator":
        from .simulator.library import Simulator

        return Simulator
    raise AttributeError(f"module 'ICWSLibrary' has no attribute {name!r}")
