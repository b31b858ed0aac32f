"""The reading core: one session over one article, made of parts with one job each.

:class:`Reader` (``session``) wires them: the scheduler (plays and renders ahead),
navigation (where a command lands), words (all the listener hears about the session),
the position recorder (what is kept in the store), asides (spoken announcements).
"""

from readout.reader.events import (
    Announced,
    ArticleCompleted,
    BlockStarted,
    EventRelay,
    ReaderEvent,
    ReaderState,
    Relay,
    SentenceStarted,
    StateChanged,
    WordStarted,
)
from readout.reader.session import Reader

__all__ = [
    "Announced",
    "ArticleCompleted",
    "BlockStarted",
    "EventRelay",
    "Reader",
    "ReaderEvent",
    "ReaderState",
    "Relay",
    "SentenceStarted",
    "StateChanged",
    "WordStarted",
]
