"""Recordings of ICWS conversations, with secrets scrubbed, for replay in CI.

A recording is one human-readable JSON file: the exchanges of every session in the order
they happened, and the messages the sessions received between them. Secrets and values that
change from run to run never reach it; they become stable placeholders such as
``{{csrfToken:1}}``, ``{{session:2}}`` or ``{{password:1}}`` (the same value always gets the
same placeholder), so a replay can still check that a client sends back the token and
cookie it was given, and a recording made on one server replays anywhere.
"""

from .format import FORMAT, canonical_body, canonical_query, json_or_text, load
from .recorder import Recorder
from .templater import Templater

__all__ = [
    "FORMAT",
    "Recorder",
    "Templater",
    "canonical_body",
    "canonical_query",
    "json_or_text",
    "load",
]
