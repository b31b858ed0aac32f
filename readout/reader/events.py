"""What a reading session tells its faces: the events, the states, and a relay.

Events are delivered in order on one thread to a plain callback; a face renders them
and never reaches into the session to find out what happened.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Generic, TypeVar

from readout.article import BlockKind

T = TypeVar("T")


class ReaderState(str, Enum):
    STOPPED = "Stopped"
    PLAYING = "Playing"
    PAUSED = "Paused"
    FINISHED = "Finished"


@dataclass(frozen=True)
class BlockStarted:
    """A block (or the title, block -1) started being spoken."""

    block: int
    label: str
    text: str
    kind: BlockKind = BlockKind.PARAGRAPH
    """The block's kind: a face shows a code block's lines as lines."""
    credits: str = ""
    """With the title: its byline, site and date (:func:`words.credits`), shown, not said."""


@dataclass(frozen=True)
class SentenceStarted:
    block: int
    sentence: int


@dataclass(frozen=True)
class WordStarted:
    """A word started: ``start``/``length`` in the shown sentence's text."""

    block: int
    sentence: int
    start: int
    length: int


@dataclass(frozen=True)
class StateChanged:
    state: ReaderState


@dataclass(frozen=True)
class Announced:
    """A state change or answer, in words ("Paused", "Volume 60%", "Maximum speed")."""

    text: str


@dataclass(frozen=True)
class ArticleCompleted:
    """The whole of a long article is in (the reader started on its first blocks)."""

    blocks: int


ReaderEvent = (
    BlockStarted | SentenceStarted | WordStarted | StateChanged | Announced | ArticleCompleted
)
READER_EVENTS = (
    BlockStarted,
    SentenceStarted,
    WordStarted,
    StateChanged,
    Announced,
    ArticleCompleted,
)


class Relay(Generic[T]):
    """Holds what is sent until a face is ready for it, then passes it on, in order.
    The player starts speaking before its screen has loaded: what was said meanwhile
    (events, and notes such as "no audio device: playing silently", which opening the
    device teaches only once speech starts) is shown once it has."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: list[T] = []
        self._target: Callable[[T], None] | None = None

    def __call__(self, item: T) -> None:
        with self._lock:
            if self._target is None:
                self._held.append(item)
                return
            target = self._target
        target(item)

    def attach(self, target: Callable[[T], None]) -> None:
        """From now on, what is sent goes to ``target``; the held first."""
        with self._lock:
            held, self._held = self._held, []
            for item in held:
                target(item)
            self._target = target


class EventRelay(Relay[ReaderEvent]):
    """A reader's events, held until the player's screen is up."""
