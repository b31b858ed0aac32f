"""The narrator: tells the faces, in events, what reading is doing.

It turns the player's reports (a clip started, a word reached, a clip finished) into
the listener's terms (:class:`BlockStarted`, :class:`SentenceStarted`,
:class:`WordStarted`), and tells a move made while paused exactly as reading would
tell it on getting there, so the highlight, the marker and plain mode's lines follow
every command at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from readout.article import Article
from readout.audio.player import ClipFinished, ClipStarted, PlayerEvent, WordReached
from readout.reader import words
from readout.reader.events import (
    READER_EVENTS,
    Announced,
    BlockStarted,
    ReaderEvent,
    SentenceStarted,
    WordStarted,
)
from readout.reader.scheduler import Scheduler
from readout.speech.script import Script


class Shown(Protocol):
    """What the narrator reads of the session: the article, its units, the labels."""

    article: Article

    @property
    def units(self) -> Script: ...

    def block_label(self, block: int) -> str: ...


class Narrator:
    """Events for one session; ``finish()`` gives the events of reaching the end."""

    def __init__(
        self,
        session: Shown,
        scheduler: Scheduler,
        finish: Callable[[], list[ReaderEvent]],
        *,
        changed_only: bool = False,
        added: frozenset[int] = frozenset(),
    ) -> None:
        self._session = session
        self._scheduler = scheduler
        self._finish = finish
        self._changed_only = changed_only
        self._added = added
        self._last_block: int | None = None
        self._shown_unit: int | None = None  # a unit whose block line a paused move gave
        self.last_word: tuple[int, int, int, int] | None = None
        """(block, sentence, start, length) of the word heard last."""

    def moved(self, index: int) -> list[ReaderEvent]:
        """A move while paused: the block's line when the block changes, and the
        sentence, whole, when it is not the block's first (back a sentence into the
        paragraph before lands on its last); and the highlight. Reading on from there
        does not say the block again."""
        block, sentence = self._session.units.positions[index]
        events: list[ReaderEvent] = []
        if block != self._last_block or sentence == 0:
            events.append(self.block_started(block))
            self._shown_unit = index
        self._last_block = block
        events.append(SentenceStarted(block, sentence))  # the highlight first
        if sentence > 0 and block >= 0:  # within a block: which sentence, whole
            events.append(Announced(words.step(self._session.article.blocks[block], sentence)))
        return events

    def translate(self, event: ReaderEvent | PlayerEvent) -> list[ReaderEvent]:
        """A player's event in the listener's terms; the session's own pass as they are."""
        if isinstance(event, READER_EVENTS):
            return [event]
        queued = self._scheduler.queued(getattr(event, "tag", None))
        if queued is None:
            return []  # idle, or a clip from before a jump
        block, sentence = self._session.units.positions[queued.unit]
        if isinstance(event, ClipStarted):
            return self._unit_started(queued.unit)
        if isinstance(event, WordReached):
            start, length = queued.words[event.word]
            self.last_word = (block, sentence, start, length)
            return [WordStarted(block, sentence, start, length)]
        if isinstance(event, ClipFinished):
            self._scheduler.clip_finished(event.tag)
            if self._scheduler.ends_article(queued.unit):
                return self._finish()
        return []

    def block_started(self, block: int) -> BlockStarted:
        article = self._session.article
        label = self._session.block_label(block)
        if block < 0:
            return BlockStarted(block, label, article.title, credits=words.credits(article))
        shown = article.blocks[block]
        if self._changed_only:
            label = words.changed(label, added=block in self._added)
        return BlockStarted(block, label, shown.text, shown.kind)

    def _unit_started(self, index: int) -> list[ReaderEvent]:
        self._scheduler.started(index)
        block, sentence = self._session.units.positions[index]
        events: list[ReaderEvent] = []
        shown, self._shown_unit = self._shown_unit == index, None
        if (sentence == 0 or block != self._last_block) and not shown:
            events.append(self.block_started(block))
        self._last_block = block
        events.append(SentenceStarted(block, sentence))
        return events
