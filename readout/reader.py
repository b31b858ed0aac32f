"""The reading session every face shares: position, playback, navigation, events.

A :class:`Reader` owns a :class:`~readout.audio.player.Player` on an output device and
speaks an article unit by unit (the title, then each sentence). A feeder thread keeps
the next sentence rendered and queued, so there is no gap between sentences, and
renders a few more ahead through the engine's worker. Commands may come from any
thread; events (:class:`SentenceStarted`, :class:`WordStarted`, :class:`StateChanged`,
:class:`Announced`...) are delivered, in order, on one dispatcher thread to a plain
callback. The position is saved at every sentence start, on pause and on close.
"""

from __future__ import annotations

import contextlib
import itertools
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from readout.article import Article, BlockKind
from readout.audio.output import OutputDevice
from readout.audio.player import (
    Clip,
    ClipFinished,
    ClipStarted,
    DeviceLost,
    Player,
    PlayerEvent,
    PlayerIdle,
    WordReached,
)
from readout.audio.watch import DeviceWatch
from readout.defaults import RATE_DEFAULT
from readout.errors import AudioDeviceError, EngineError, ReadoutError
from readout.keys import Command
from readout.numbering import Numbering
from readout.speech.engine import Utterance
from readout.speech.normalize import spell
from readout.speech.pending import Cancelled, Pending
from readout.speech.script import Pauses, spoken_units
from readout.speech.worker import SpeechWorker
from readout.state import Store

if TYPE_CHECKING:
    from readout.speech.lexicon import Lexicon

_NOT_SPOKEN = frozenset({"Playing", "Muted"})
"""Said by the voice itself: resuming is heard, and "Muted" would break the silence."""

RATE_STEP = 1.1
"""[ and ] divide or multiply the rate by this (mpv's speed step)."""
VOLUME_STEP = 10
RENDER_RETRIES = 1
"""A sentence whose render fails is tried this many more times, then skipped."""
START_ATTEMPTS = 3
"""Units tried at start before the engine itself is taken to be broken."""
RENDER_TIMEOUT_S = 20.0
"""A render that takes longer than this counts as failed (a hung engine)."""
BACK_GRACE_S = 2.0
""""Previous" within this long of a start goes one further back."""
WHOLE_WAIT_S = 10.0
"""The longest a command waits for the whole of a long article (it takes ~0.3 s)."""


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


@dataclass(frozen=True)
class _Queued:
    unit: int
    words: tuple[tuple[int, int], ...]  # shown (start, length) for each word mark
    frames_per_second: int


class EventRelay:
    """Holds a reader's events until a face is ready for them, then passes them on, in
    order. The player starts speaking before its screen has loaded: what was said
    meanwhile is shown once it has."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: list[ReaderEvent] = []
        self._target: Callable[[ReaderEvent], None] | None = None

    def __call__(self, event: ReaderEvent) -> None:
        with self._lock:
            if self._target is None:
                self._held.append(event)
                return
            target = self._target
        target(event)

    def attach(self, target: Callable[[ReaderEvent], None]) -> None:
        """From now on, events go to ``target``; the held ones first."""
        with self._lock:
            held, self._held = self._held, []
            for event in held:
                target(event)
            self._target = target


class Reader:
    """A reading session over one article."""

    def __init__(
        self,
        article: Article,
        engine: SpeechWorker,
        open_device: Callable[[int], OutputDevice],
        *,
        on_event: Callable[[ReaderEvent], None],
        rate: int = RATE_DEFAULT,
        voice: str | None = None,
        volume: int = 100,
        lexicon: Lexicon | None = None,
        store: Store | None = None,
        pauses: Pauses | None = None,
        lookahead: int = 3,
        speak_announcements: bool = False,
        only_blocks: frozenset[int] | None = None,
        verbatim: bool = False,
        punctuation: str = "none",
        partial: bool = False,
    ) -> None:
        self.article = article
        # A partial article is the first blocks of a long one (see loading.load_head):
        # reading starts at once and :meth:`complete` hands over the whole.
        self._whole = threading.Event()
        if not partial:
            self._whole.set()
        self._lexicon = lexicon
        self._verbatim = verbatim
        self.units = spoken_units(article, lexicon, verbatim=verbatim, punctuation=punctuation)
        self._engine = engine
        self._open_device = open_device
        self._device: OutputDevice | None = None
        self._watch: DeviceWatch | None = None
        self._on_event = on_event
        self._store = store
        self._pauses = pauses or Pauses()
        self._speak_announcements = speak_announcements
        self._only_blocks = only_blocks
        self._lookahead = lookahead
        self.rate = rate
        self.voice = voice
        self.volume = volume
        self.muted = False
        self.state = ReaderState.STOPPED
        self.unit = 0
        self._started_at = time.monotonic()
        self._cond = threading.Condition()
        self._next_to_queue = 0
        self._epoch = 0
        self._live: dict[int, _Queued] = {}
        self._tags = itertools.count()
        self._cache: dict[tuple[int, int, str | None], Pending[Utterance]] = {}
        self._failures: dict[int, int] = {}  # unit -> renders that failed
        self._shown_unit: int | None = None  # a unit whose block line a paused jump gave
        self._asides: queue.Queue[tuple[str, int | None] | None] = queue.Queue(maxsize=4)
        self._aside_thread: threading.Thread | None = None
        self._seek_into_next = 0
        self._closed = False
        self._finished = threading.Event()
        self._save_failed = False
        self._last_word: tuple[int, int, int, int] | None = None
        self._events: queue.Queue[ReaderEvent | PlayerEvent | None] = queue.Queue()
        self._last_block: int | None = None
        self.numbering = Numbering(article)
        self._player = Player(self._events.put)
        self._player.set_volume(volume / 100)
        self._dispatcher = threading.Thread(
            target=self._dispatch, name="readout-events", daemon=True
        )
        self._feeder = threading.Thread(target=self._feed, name="readout-feeder", daemon=True)
        self._dispatcher.start()
        self._feeder.start()

    # --- lifecycle ------------------------------------------------------------

    def start(self, unit: int = 0, *, announce: str | None = None) -> OutputDevice:
        """Begin playing at ``unit`` (0 is the title); return the device opened.

        The first sentence is rendered before the device opens, at the sample rate the
        engine gives, so the first sound comes as soon as that sentence is ready.
        """
        if announce:
            self._announce(announce)
        unit, first = self._first_playable(unit)
        self._device = self._open_device(first.sample_rate)
        self._watch = DeviceWatch(self._device, self._player.source, self._events.put)
        self._jump(unit)
        self._enqueue(unit, first, self._epoch)  # queued before the device asks for audio
        self._player.resume()
        self._set_state(ReaderState.PLAYING)
        self._watch.start()
        if self._whole.is_set():
            self._record_opened()
        return self._device

    def _first_playable(self, unit: int) -> tuple[int, Utterance]:
        """The first unit from ``unit`` on that renders, with its audio; units that fail
        twice are skipped (and said so). An engine that fails on the first few units
        is broken, not the text: its error is raised."""
        error: Exception | None = None
        for candidate in range(unit, min(unit + START_ATTEMPTS, len(self.units))):
            for _ in range(RENDER_RETRIES + 1):
                self._cache.pop((candidate, self.rate, self.voice), None)
                try:
                    utterance = self._render(candidate).result(timeout=RENDER_TIMEOUT_S)
                except Exception as failed:  # tried again, then the next unit
                    error = failed
                    continue
                if len(utterance.pcm):
                    return candidate, utterance
            self._failures[candidate] = RENDER_RETRIES + 1
            self._announce(f"Could not speak {self._where(candidate)}; skipped")
        if isinstance(error, ReadoutError):
            raise error
        raise EngineError(f"the speech engine gave no audio ({error or 'empty'})")

    def _where(self, unit: int) -> str:
        """ "Paragraph 2 of 4, sentence 2 of 2" (or "Title") for a unit."""
        place = self.units[unit]
        return self.numbering.place(place.block, place.sentence, totals=self._whole.is_set())

    @property
    def partial(self) -> bool:
        """True while only the first blocks of a long article are in."""
        return not self._whole.is_set()

    def complete(self, article: Article) -> None:
        """Take over the whole article, of which this reader was given the first blocks.

        Block and unit numbers stay as they were: the first blocks are the whole's
        first blocks. Should the whole differ after all, what was rendered from the
        differing blocks is dropped and reading goes on at the same unit number.
        """
        if self._whole.is_set():
            return
        units = spoken_units(
            article, self._lexicon, verbatim=self._verbatim, punctuation=self.units.punctuation
        )
        old = self.article.blocks
        same = next(
            (i for i, (a, b) in enumerate(zip(old, article.blocks, strict=False)) if a != b),
            min(len(old), len(article.blocks)),
        )
        first_changed = 1 + sum(len(block.sentences) for block in old[:same])
        if self.article.title != article.title:
            first_changed = 0
        with self._cond:
            self.article = article
            self.units = units
            self.numbering = Numbering(article)
            for key in [k for k in self._cache if k[0] >= first_changed]:
                self._cache.pop(key).cancel()
            self._whole.set()
            if self.unit >= first_changed or self._next_to_queue > len(units):
                self._jump(min(self.unit, len(units) - 1))
            self._cond.notify_all()
        self._events.put(ArticleCompleted(len(article.blocks)))
        self._record_opened()
        self.save_position()

    def complete_from(self, whole: Callable[[], Article]) -> None:
        """:meth:`complete` with ``whole()``; if that fails, the first blocks are all there is
        (waiting commands must not wait for ever)."""
        try:
            article = whole()
        except Exception:
            import logging

            logging.getLogger(__name__).exception("the rest of the article could not be read")
            article = self.article
        self.complete(article)

    def _await_whole(self) -> None:
        """Commands that look beyond the first blocks wait for the whole article."""
        self._whole.wait(WHOLE_WAIT_S)

    def _record_opened(self) -> None:
        if self._store is not None:
            self._guard_save(
                lambda store: store.record_opened(
                    self.article.content_hash, self._source, self.article.title
                )
            )

    def close(self) -> None:
        """Save the position and stop; never waits on speech for long."""
        if self._closed:
            return
        self._whole.wait(WHOLE_WAIT_S)  # quitting at once still saves the place
        self.save_position()
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._player.clear()
        if self._watch is not None:
            self._watch.close()
        self._events.put(None)
        with contextlib.suppress(queue.Full):  # then it sees _closed after its aside
            self._asides.put_nowait(None)
        self._dispatcher.join(1.0)
        self._feeder.join(1.0)
        for future in self._cache.values():
            future.cancel()

    def wait_finished(self, timeout: float | None = None) -> bool:
        """Block until the article has been read to the end."""
        return self._finished.wait(timeout)

    # --- commands ---------------------------------------------------------------

    def play(self) -> None:
        if self.device_lost and not self._reconnected():
            return
        if self.state is ReaderState.FINISHED:
            self._finished.clear()
            self._jump(0)
        self._player.resume()
        self._set_state(ReaderState.PLAYING)

    def pause(self) -> None:
        if self.state is not ReaderState.PLAYING:
            return
        self._player.pause()
        self._set_state(ReaderState.PAUSED)
        self.save_position()

    @property
    def device_lost(self) -> bool:
        """True from the moment the sound device stopped taking audio until one takes it again."""
        return self._watch is not None and self._watch.lost

    def _reconnected(self) -> bool:
        """Open the lost device again; if it cannot be had, say so and stay paused."""
        assert self._watch is not None
        try:
            self._watch.reopen()
        except AudioDeviceError as error:
            self._events.put(Announced(f"Still no sound device: {error}; paused"))
            return False
        return True

    def toggle(self) -> None:
        if self.state is ReaderState.PLAYING:
            self.pause()
        else:
            self.play()

    def stop(self) -> None:
        self._player.pause()
        self._jump(self.unit)
        self._set_state(ReaderState.STOPPED)
        self.save_position()

    def next_sentence(self) -> None:
        self._await_whole()
        self._go(self.unit + 1)

    def previous_sentence(self) -> None:
        self._await_whole()
        target = self.unit - 1 if self._elapsed_in_unit() < BACK_GRACE_S else self.unit
        self._go(max(0, target))

    def repeat_sentence(self) -> None:
        self._await_whole()
        self._go(self.unit)

    def next_paragraph(self) -> None:
        self._await_whole()
        block = self.units[self.unit].block
        self._go_to_block_after(block, lambda b: True)

    def previous_paragraph(self) -> None:
        self._await_whole()
        self._go_back_block(lambda b: True)

    def next_heading(self) -> None:
        self._await_whole()
        block = self.units[self.unit].block
        self._go_to_block_after(block, lambda b: self.article.blocks[b].kind is BlockKind.HEADING)

    def previous_heading(self) -> None:
        self._await_whole()
        self._go_back_block(lambda b: self.article.blocks[b].kind is BlockKind.HEADING)

    def go_to_block(self, block: int) -> None:
        """Go to block ``block`` (0-based; -1 is the title)."""
        self._await_whole()
        block = max(-1, min(block, len(self.article.blocks) - 1))
        self._go(self._first_unit_of(block))

    def go_to_start(self) -> None:
        self._await_whole()
        self._go(0)

    def go_to_end(self) -> None:
        self._await_whole()
        self._go(self._first_unit_of(self.units[-1].block))

    def jump_seconds(self, seconds: float) -> None:
        """Move by ``seconds`` of speech, across sentences if need be."""
        self._await_whole()
        target = self._elapsed_in_unit() + seconds
        unit = self.unit
        while target < 0 and unit > 0:
            unit -= 1
            target += self._duration(unit)
        while unit < len(self.units) - 1 and target >= self._duration(unit):
            target -= self._duration(unit)
            unit += 1
        self._go(unit, offset_s=max(0.0, target))

    def faster(self) -> None:
        self.set_rate(round(self.rate * RATE_STEP))

    def slower(self) -> None:
        self.set_rate(round(self.rate / RATE_STEP))

    def set_rate(self, rate: int) -> None:
        low, high = self._engine.rate_range
        clamped = max(low, min(high, rate))
        if clamped == self.rate:
            self._announce("Maximum speed" if rate > self.rate else "Minimum speed")
            return
        with self._cond:
            self.rate = clamped
            self._requeue_after_current()
        self._announce(f"Speed {clamped} words per minute")

    def set_voice(self, voice: str | None) -> None:
        with self._cond:
            self.voice = voice
            self._requeue_after_current()
        self._announce(f"Voice {voice or 'default'}")

    def volume_up(self) -> None:
        self.set_volume(self.volume + VOLUME_STEP)

    def volume_down(self) -> None:
        self.set_volume(self.volume - VOLUME_STEP)

    def set_volume(self, volume: int) -> None:
        self.volume = max(0, min(100, volume))
        self.muted = False
        self._player.set_muted(False)
        self._player.set_volume(self.volume / 100)
        self._announce(f"Volume {self.volume}%")

    def toggle_mute(self) -> None:
        self.muted = not self.muted
        self._player.set_muted(self.muted)
        self._announce("Muted" if self.muted else f"Unmuted, volume {self.volume}%")

    def where_am_i(self) -> None:
        self._await_whole()
        self._announce(self.describe_position())

    def flag(self, note: str = "") -> int | None:
        """Mark the current sentence (for proofreading), then step back one sentence so
        it can be heard again. Returns the mark's id, or None without a store."""
        self._await_whole()
        unit = self.units[self.unit]
        text = (
            self.article.title
            if unit.block < 0
            else self.article.blocks[unit.block].sentences[unit.sentence].text
        )
        mark_id: int | None = None
        if self._store is not None:
            try:
                mark_id = self._store.add_mark(
                    self._source, self.article.content_hash, unit.block, unit.sentence, text, note
                )
            except ReadoutError as error:
                self._announce(f"Cannot save the mark: {error}")
                return None
        where = "the title" if unit.block < 0 else self._where(self.unit)
        self._announce(f"Flagged {where}")
        self._go(max(0, self.unit - 1))
        return mark_id

    def spell_word(self) -> None:
        """Say the word being read (or, paused, the last one heard) letter by letter."""
        self._await_whole()
        block, sentence, start, length = self._last_word or (*self.units.positions[self.unit], 0, 0)
        if block < 0:
            text = self.article.title
        else:
            text = self.article.blocks[block].sentences[sentence].text
        word = text[start : start + length] if length else (text.split() or [""])[0]
        self._aside(spell(word) or "nothing to spell", self.rate)

    def repeat_slowly(self) -> None:
        """Say the current sentence again at 60% of the speed, between sentences."""
        self._await_whole()
        slow = max(self._engine.rate_range[0], round(self.rate * 0.6))
        self._aside(self.units[self.unit].spoken.text, slow)

    def cycle_punctuation(self) -> None:
        """None, some, all: how much punctuation is said aloud (for proofreading)."""
        self._await_whole()
        modes = ("none", "some", "all")
        mode = modes[(modes.index(self.units.punctuation) + 1) % len(modes)]
        with self._cond:
            self.units = spoken_units(
                self.article, self._lexicon, verbatim=self._verbatim, punctuation=mode
            )
            for future in self._cache.values():
                future.cancel()
            self._cache.clear()
            self._requeue_after_current()
        self._announce(f"Punctuation: {mode}")

    def perform(self, command: Command) -> bool:
        """Carry out a listener's command (:class:`readout.keys.Command`); False for the
        commands a face carries out itself (:data:`readout.keys.FACE_COMMANDS`)."""
        handler = self._commands().get(command)
        if handler is None:
            return False
        handler()
        return True

    def _commands(self) -> dict[Command, Callable[[], None]]:
        return {
            Command.TOGGLE: self.toggle,
            Command.NEXT_SENTENCE: self.next_sentence,
            Command.PREVIOUS_SENTENCE: self.previous_sentence,
            Command.NEXT_PARAGRAPH: self.next_paragraph,
            Command.PREVIOUS_PARAGRAPH: self.previous_paragraph,
            Command.NEXT_HEADING: self.next_heading,
            Command.PREVIOUS_HEADING: self.previous_heading,
            Command.FORWARD_5: lambda: self.jump_seconds(5.0),
            Command.BACK_5: lambda: self.jump_seconds(-5.0),
            Command.FORWARD_60: lambda: self.jump_seconds(60.0),
            Command.BACK_60: lambda: self.jump_seconds(-60.0),
            Command.GO_TO_START: self.go_to_start,
            Command.GO_TO_END: self.go_to_end,
            Command.REPEAT_SENTENCE: self.repeat_sentence,
            Command.SLOWER: self.slower,
            Command.FASTER: self.faster,
            Command.VOLUME_DOWN: self.volume_down,
            Command.VOLUME_UP: self.volume_up,
            Command.TOGGLE_MUTE: self.toggle_mute,
            Command.WHERE_AM_I: self.where_am_i,
            Command.SPELL_WORD: self.spell_word,
            Command.REPEAT_SLOWLY: self.repeat_slowly,
            Command.CYCLE_PUNCTUATION: self.cycle_punctuation,
        }

    def describe_position(self) -> str:
        self._await_whole()
        return f"{self._where(self.unit)}, {self.state.value.lower()}"

    def block_label(self, block: int) -> str:
        """ "Heading 2 of 3", "Paragraph 7 of 15", "Quote 4 of 15" ("Title" for -1): the
        one numbering (:mod:`readout.numbering`); no totals until a long article is in."""
        return self.numbering.label(block, totals=self._whole.is_set())

    def unit_for(self, block: int, sentence: int) -> int:
        """The unit index of a (block, sentence) position, clamped to the article."""
        self._await_whole()
        for index, (unit_block, unit_sentence) in enumerate(self.units.positions):
            if (unit_block == block and unit_sentence >= sentence) or unit_block > block:
                return index
        return len(self.units) - 1

    def resume_point(self) -> tuple[int, str | None]:
        """Where the last session of this article stopped, and the words to say so."""
        self._await_whole()
        if self._store is None:
            return 0, None
        try:
            saved = self._store.load_position(self.article.content_hash, self._source)
        except ReadoutError:
            return 0, None
        if saved is None:
            return 0, None
        unit = self.unit_for(saved.block, saved.sentence)
        if unit == 0:
            return 0, None
        label = self.block_label(self.units[unit].block)
        return unit, f"Resuming at {label[0].lower()}{label[1:]}"

    def save_position(self) -> None:
        if self._store is None or not self._whole.is_set():
            return  # a partial article's hash is not the whole's: saved once complete
        unit = self.units[self.unit]
        place = self._where(self.unit)
        self._guard_save(
            lambda store: store.save_position(
                self.article.content_hash, self._source, unit.block, unit.sentence, place
            )
        )

    @property
    def store(self) -> Store | None:
        return self._store

    # --- internals: navigation -------------------------------------------------

    @property
    def _source(self) -> str:
        return self.article.source or ""

    def _go(self, unit: int, *, offset_s: float = 0.0) -> None:
        if unit >= len(self.units):
            self._announce("End of article")
            return
        if self.state is ReaderState.FINISHED:
            self._finished.clear()
            self._set_state(ReaderState.PAUSED if self._player.paused else ReaderState.PLAYING)
        self._jump(unit, offset_s)
        if self.state is not ReaderState.PLAYING:
            self._show_move(unit)

    def _show_move(self, index: int) -> None:
        """While paused, say where a jump landed, as reading would when it got there:
        the block's line when the block changes, else the sentence, whole; and move the
        highlight. Reading on from there does not say the block again."""
        unit = self.units[index]
        events: list[ReaderEvent] = []
        if unit.block != self._last_block or unit.sentence == 0:
            events.append(self._block_started(unit.block))
            self._shown_unit = index
        else:
            shown = self.article.blocks[unit.block]
            part = "Line" if shown.kind is BlockKind.CODE else "Sentence"
            text = shown.sentences[unit.sentence].text
            events.append(
                Announced(f"{part} {unit.sentence + 1} of {len(shown.sentences)}: {text}")
            )
        self._last_block = unit.block
        events.append(SentenceStarted(unit.block, unit.sentence))
        for event in events:
            self._events.put(event)

    def _go_to_block_after(self, block: int, wanted: Callable[[int], bool]) -> None:
        for candidate in range(block + 1, len(self.article.blocks)):
            if wanted(candidate):
                self._go(self._first_unit_of(candidate))
                return
        self._announce("End of article")

    def _go_back_block(self, wanted: Callable[[int], bool]) -> None:
        block = self.units[self.unit].block
        at_start = self.units[self.unit].sentence == 0 and self._elapsed_in_unit() < BACK_GRACE_S
        candidates = range(block if not at_start else block - 1, -1, -1)
        for candidate in candidates:
            if wanted(candidate):
                self._go(self._first_unit_of(candidate))
                return
        self._go(0)

    def _first_unit_of(self, block: int) -> int:
        return next(i for i, (b, _) in enumerate(self.units.positions) if b == block)

    def _jump(self, unit: int, offset_s: float = 0.0) -> None:
        with self._cond:
            self._player.clear()
            self._live.clear()
            self._epoch += 1
            self.unit = unit
            self._next_to_queue = unit
            self._seek_into_next = int(offset_s * 1000)
            self._started_at = time.monotonic()
            self._cond.notify_all()

    def _requeue_after_current(self) -> None:
        """Rate or voice changed: what is queued is rendered again; the current sentence plays on."""
        for tag in self._player.drop_queued():
            self._live.pop(tag, None)
        self._epoch += 1
        self._next_to_queue = self.unit + 1 if self._player.position() else self.unit
        self._cond.notify_all()

    def _elapsed_in_unit(self) -> float:
        position = self._player.position()
        if position is None:
            return 0.0
        tag, offset = position
        queued = self._live.get(tag)
        return offset / queued.frames_per_second if queued else 0.0

    def _duration(self, unit: int) -> float:
        future = self._cache.get((unit, self.rate, self.voice))
        if future is not None and future.done() and not future.exception():
            return future.result().duration_s + self._pauses.after(self.units[unit])
        words = len(self.units[unit].spoken.text.split())
        return words / self.rate * 60 + self._pauses.after(self.units[unit])

    # --- internals: rendering and feeding --------------------------------------

    def _render(self, unit: int) -> Pending[Utterance]:
        key = (unit, self.rate, self.voice)
        future = self._cache.get(key)
        if future is None:
            future = self._engine.submit(self.units[unit].spoken.text, self.voice, self.rate)
            self._cache[key] = future
        return future

    def _prefetch(self, unit: int) -> None:
        for ahead in range(unit, min(len(self.units), unit + self._lookahead + 1)):
            self._render(ahead)
        stale = [k for k in self._cache if k[0] < unit - 2 or k[0] > unit + self._lookahead + 2]
        for key in stale:
            self._cache.pop(key).cancel()

    def allowed(self, unit: int) -> bool:
        """Whether ``unit`` is read: all are, unless reading only some blocks (what changed)."""
        return self._only_blocks is None or self.units.positions[unit][0] in self._only_blocks

    def first_allowed(self, unit: int) -> int | None:
        """The first unit at or after ``unit`` that is read."""
        for index in range(unit, len(self.units)):
            if self.allowed(index):
                return index
        return None

    @property
    def _last_unit(self) -> int:
        for index in range(len(self.units) - 1, -1, -1):
            if self.allowed(index):
                return index
        return len(self.units) - 1

    def _feed(self) -> None:
        while True:
            with self._cond:
                if self._only_blocks is not None and self._next_to_queue < len(self.units):
                    following = self.first_allowed(self._next_to_queue)
                    self._next_to_queue = len(self.units) if following is None else following
                while not self._closed and not (
                    self.state in (ReaderState.PLAYING, ReaderState.PAUSED)
                    and self._next_to_queue < len(self.units)
                    and self._player.pending() < 2
                ):
                    self._cond.wait(0.05)
                if self._closed:
                    return
                unit, epoch = self._next_to_queue, self._epoch
                seek_ms, self._seek_into_next = self._seek_into_next, 0
                self._prefetch(unit)
                future = self._render(unit)
            try:
                utterance = future.result(timeout=RENDER_TIMEOUT_S)
            except Cancelled:
                continue  # a render cancelled by a jump: go round again
            except Exception as error:  # a failed, hung or broken render
                self._render_failed(unit, epoch, error)
                continue
            if not len(utterance.pcm):
                self._render_failed(unit, epoch, ReadoutError("the engine returned no audio"))
                continue
            self._enqueue(unit, utterance, epoch, seek_ms)

    def _render_failed(self, unit: int, epoch: int, error: BaseException) -> None:
        """Try a failed sentence once more; after that, skip it and say so.

        Never re-fetch the same failed render: that spun at full CPU before.
        """
        with self._cond:
            if epoch != self._epoch or self._closed:
                return
            for key in [k for k in self._cache if k[0] == unit]:
                self._cache.pop(key).cancel()
            failures = self._failures.get(unit, 0) + 1
            self._failures[unit] = failures
            if failures <= RENDER_RETRIES:
                return  # the loop renders it afresh
            self._next_to_queue = unit + 1
            self._cond.notify_all()
        self._announce(f"Could not speak {self._where(unit)}; skipped")
        if self._ends_article(unit) and self._player.pending() == 0:
            for event in self._on_finished():
                self._events.put(event)

    def _ends_article(self, unit: int) -> bool:
        """True when nothing readable follows ``unit`` (all later units were skipped)."""
        if not self._whole.is_set():
            return False
        later = range(unit + 1, self._last_unit + 1)
        return all(not self.allowed(u) or self._failures.get(u, 0) > RENDER_RETRIES for u in later)

    def _enqueue(self, unit: int, utterance: Utterance, epoch: int, seek_ms: int = 0) -> None:
        """Queue a rendered unit to the player, unless a jump has made it stale."""
        clip, queued = self._clip(unit, utterance, seek_ms)
        with self._cond:
            stale = unit != self._next_to_queue and unit != self.first_allowed(self._next_to_queue)
            if epoch != self._epoch or self._closed or stale:
                return
            self._live[clip.tag] = queued
            self._player.enqueue(clip)
            self._next_to_queue = unit + 1

    def _clip(self, unit: int, utterance: Utterance, seek_ms: int) -> tuple[Clip, _Queued]:
        spoken = self.units[unit].spoken
        rate = utterance.sample_rate
        pause = int(rate * self._pauses.after(self.units[unit]))
        clip = Clip(
            tag=next(self._tags),
            pcm=utterance.pcm,
            pause_frames=pause,
            word_frames=tuple(int(w.time_s * rate) for w in utterance.words),
            start_frame=min(int(seek_ms * rate / 1000), max(0, len(utterance.pcm) // 2 - 1)),
        )
        words = tuple(spoken.to_shown(w.start, w.length) for w in utterance.words)
        return clip, _Queued(unit, words, rate)

    # --- internals: events --------------------------------------------------------

    def _dispatch(self) -> None:
        while True:
            event = self._events.get()
            if event is None:
                return
            for reader_event in self._translate(event):
                try:
                    self._on_event(reader_event)
                except Exception:  # a face's bug must not stop the reading; it is logged
                    import logging

                    logging.getLogger(__name__).exception(
                        "event handler failed on %r", reader_event
                    )

    def _translate(self, event: ReaderEvent | PlayerEvent) -> list[ReaderEvent]:
        if isinstance(
            event,
            (BlockStarted, SentenceStarted, WordStarted, StateChanged, Announced, ArticleCompleted),
        ):
            return [event]
        if isinstance(event, PlayerIdle):
            return []
        if isinstance(event, DeviceLost):
            return self._on_device_lost(event)
        queued = self._live.get(event.tag)
        if queued is None:
            return []  # a clip from before a jump
        unit = self.units[queued.unit]
        if isinstance(event, ClipStarted):
            return self._on_unit_started(queued.unit)
        if isinstance(event, WordReached):
            start, length = queued.words[event.word]
            self._last_word = (unit.block, unit.sentence, start, length)
            return [WordStarted(unit.block, unit.sentence, start, length)]
        if isinstance(event, ClipFinished):
            self._live.pop(event.tag, None)
            with self._cond:
                self._cond.notify_all()
            if self._ends_article(queued.unit):
                return self._on_finished()
        return []

    def _on_device_lost(self, event: DeviceLost) -> list[ReaderEvent]:
        """Pause where the sound stopped, and say so in one line (not aloud: there is
        nothing to say it on). Playing again opens the device again."""
        events: list[ReaderEvent] = []
        if self.state is ReaderState.PLAYING:
            self._player.pause()
            self.state = ReaderState.PAUSED
            self.save_position()
            events.append(StateChanged(ReaderState.PAUSED))
        place = self._where(self.unit)
        return [
            *events,
            Announced(
                f"Sound device lost ({event.device} took no audio for {event.silent_s:g} s); "
                f"paused at {place[0].lower()}{place[1:]}; play to resume there"
            ),
        ]

    def _on_unit_started(self, index: int) -> list[ReaderEvent]:
        with self._cond:
            self.unit = index
            self._started_at = time.monotonic()
            self._cond.notify_all()
        unit = self.units[index]
        events: list[ReaderEvent] = []
        shown, self._shown_unit = self._shown_unit == index, None
        if (unit.sentence == 0 or unit.block != self._last_block) and not shown:
            events.append(self._block_started(unit.block))
        self._last_block = unit.block
        events.append(SentenceStarted(unit.block, unit.sentence))
        self.save_position()
        return events

    def _block_started(self, block: int) -> BlockStarted:
        if block < 0:
            return BlockStarted(block, self.block_label(block), self.article.title)
        shown = self.article.blocks[block]
        label = self.block_label(block)
        if self._only_blocks is not None:
            label = f"Changed {label[0].lower()}{label[1:]}"
        return BlockStarted(block, label, shown.text, shown.kind)

    def _on_finished(self) -> list[ReaderEvent]:
        self.state = ReaderState.FINISHED
        if self._store is not None:
            self._guard_save(
                lambda store: store.forget_position(self.article.content_hash, self._source)
            )
        self._finished.set()
        return [StateChanged(ReaderState.FINISHED), Announced("Finished")]

    def _set_state(self, state: ReaderState) -> None:
        if state is self.state:
            return
        self.state = state
        with self._cond:
            self._cond.notify_all()
        self._events.put(StateChanged(state))
        self._announce(state.value)

    def _announce(self, text: str) -> None:
        self._events.put(Announced(text))
        if self._speak_announcements and text not in _NOT_SPOKEN and not self._closed:
            self._queue_aside(text, None)

    def _aside(self, text: str, rate: int) -> None:
        self._queue_aside(text, rate)

    def _queue_aside(self, text: str, rate: int | None) -> None:
        """Hand ``text`` to the one thread that speaks asides; the oldest waiting one
        gives way when several pile up, so the thread count stays bounded."""
        with self._cond:
            if self._aside_thread is None:
                self._aside_thread = threading.Thread(
                    target=self._speak_asides, name="readout-asides", daemon=True
                )
                self._aside_thread.start()
        while True:
            try:
                self._asides.put_nowait((text, rate))
                return
            except queue.Full:
                with contextlib.suppress(queue.Empty):
                    self._asides.get_nowait()

    def _speak_asides(self) -> None:
        while True:
            item = self._asides.get()
            if item is None or self._closed:
                return
            self._say_aside(*item)

    def _say_aside(self, text: str, rate: int | None = None) -> None:
        """Render an announcement and hand it to the player to say between sentences."""
        try:
            utterance = self._engine.submit(text, self.voice, rate or self.rate).result(timeout=10)
        except Exception:  # an announcement that cannot be spoken is still shown
            return
        pause = int(utterance.sample_rate * 0.2)
        self._player.say_aside(Clip(tag=None, pcm=utterance.pcm, pause_frames=pause))

    def _guard_save(self, action: Callable[[Store], None]) -> None:
        if self._store is None or self._save_failed:
            return
        try:
            action(self._store)
        except ReadoutError as error:
            self._save_failed = True
            self._announce(f"Cannot save your place: {error}")
