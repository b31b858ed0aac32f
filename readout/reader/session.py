"""The reading session every face shares: a thin :class:`Reader` that wires the parts.

The :class:`~readout.reader.scheduler.Scheduler` plays and renders ahead,
:mod:`~readout.reader.navigation` says where a command lands,
:mod:`~readout.reader.words` says everything the listener hears about the session,
the :class:`~readout.reader.recorder.PositionRecorder` keeps the place, and the
:class:`~readout.reader.asides.AsideSpeaker` speaks announcements between sentences.
Commands may come from any thread (:meth:`Reader.perform` is the one dispatcher both
faces call); events are delivered, in order, on one thread to a plain callback.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

from readout.article import Article
from readout.audio.output import OutputDevice
from readout.audio.player import DeviceLost, PlayerEvent
from readout.audio.watch import DeviceWatch
from readout.defaults import Punctuation
from readout.errors import AudioDeviceError
from readout.keys import Command
from readout.numbering import Numbering
from readout.options import Listening, SessionOptions
from readout.reader import navigation, words
from readout.reader.asides import AsideSpeaker
from readout.reader.controls import Controls
from readout.reader.events import (
    Announced,
    ArticleCompleted,
    ReaderEvent,
    ReaderState,
    StateChanged,
)
from readout.reader.narrator import Narrator
from readout.reader.navigation import Position, Target
from readout.reader.recorder import PositionRecorder
from readout.reader.scheduler import Scheduler, SpeechSettings
from readout.speech.normalize import spell
from readout.speech.script import Pauses, Script, spoken_units
from readout.speech.worker import SpeechWorker
from readout.state import Store

SLOW_REPEAT = 0.6
"""w says the sentence again at this fraction of the speed."""
WHOLE_WAIT_S = 10.0
"""The longest a command waits for the whole of a long article (it takes ~0.3 s)."""

DEFAULTS = SessionOptions()
EVERY_BLOCK = Listening()

_log = logging.getLogger(__name__)


class Reader:
    """A reading session over one article."""

    def __init__(
        self,
        article: Article,
        engine: SpeechWorker,
        open_device: Callable[[int], OutputDevice],
        *,
        on_event: Callable[[ReaderEvent], None],
        options: SessionOptions = DEFAULTS,
        listening: Listening = EVERY_BLOCK,
        store: Store | None = None,
        pauses: Pauses | None = None,
        lookahead: int = 3,
        partial: bool = False,
    ) -> None:
        """``options`` say how to speak, ``listening`` what to say and read; ``partial``
        is True when ``article`` is the first blocks of a long one (see
        :func:`readout.loading.load_head`): :meth:`complete` hands over the whole."""
        self.article = article
        self.numbering = Numbering(article)
        self._whole = threading.Event()
        if not partial:
            self._whole.set()
        self._lexicon, self._verbatim = options.lexicon, options.verbatim
        self._engine = engine
        self._open_device = open_device
        self._device: OutputDevice | None = None
        self._watch: DeviceWatch | None = None
        self._on_event = on_event
        self._speak_announcements = listening.spoken
        self.state = ReaderState.STOPPED
        self._closed = False
        self._finished = threading.Event()
        self._events: queue.Queue[ReaderEvent | PlayerEvent | None] = queue.Queue()
        self._dispatcher: threading.Thread | None = None
        self.recorder = PositionRecorder(store, self._announce)
        self.recorder.follow(article, self.numbering, whole=not partial)
        self.pauses = pauses or Pauses()
        """The silence after each sentence, paragraph and heading."""
        self._scheduler = self._schedule(options, listening, self.pauses, lookahead)
        self.player = self._scheduler.player
        self.controls = Controls(
            self._scheduler,
            engine.rate_range,
            self._announce,
            lambda mode: self._script(mode),
            volume=options.volume,
        )
        self._asides = AsideSpeaker(engine, self.player, lambda: (self.rate, self.voice))
        self._narrator = Narrator(
            self,
            self._scheduler,
            self._finish,
            changed_only=listening.only_blocks is not None,
            added=listening.added_blocks,
        )

    def _schedule(
        self, options: SessionOptions, listening: Listening, pauses: Pauses, lookahead: int
    ) -> Scheduler:
        return Scheduler(
            self._engine,
            self._script(options.punctuation),
            self._events.put,
            speech=SpeechSettings(options.rate, options.voice),
            pauses=pauses,
            lookahead=lookahead,
            only_blocks=listening.only_blocks,
            whole=self._whole,
            on_skipped=lambda unit: self._announce(words.skipped(self._where(unit))),
            on_ran_out=lambda: self._events.put(StateChanged(ReaderState.FINISHED)),
        )

    def _script(self, punctuation: Punctuation, article: Article | None = None) -> Script:
        """The article's units, with punctuation said as ``punctuation``."""
        return spoken_units(
            article or self.article, self._lexicon, verbatim=self._verbatim, punctuation=punctuation
        )

    # --- what faces read ------------------------------------------------------------

    @property
    def units(self) -> Script:
        return self._scheduler.units

    @property
    def unit(self) -> int:
        """The unit playing (0 is the title), or the one reading will go on from."""
        return self._scheduler.unit

    @property
    def rate(self) -> int:
        return self.controls.rate

    @property
    def voice(self) -> str | None:
        return self.controls.voice

    @property
    def volume(self) -> int:
        return self.controls.volume

    @property
    def muted(self) -> bool:
        return self.controls.muted

    @property
    def store(self) -> Store | None:
        return self.recorder.store

    @property
    def partial(self) -> bool:
        """True while only the first blocks of a long article are in."""
        return not self._whole.is_set()

    def block_label(self, block: int) -> str:
        """ "Heading 2 of 3", "Paragraph 7 of 15" ("Title" for -1): the one numbering
        (:mod:`readout.numbering`); no totals until a long article is in."""
        return self.numbering.label(block, totals=self._whole.is_set())

    def describe_position(self) -> str:
        self._await_whole()
        return words.position(self._where(self.unit), self.state.value)

    def unit_for(self, block: int, sentence: int) -> int:
        """The unit index of a (block, sentence) position, clamped to the article."""
        self._await_whole()
        return navigation.unit_at(self.units, block, sentence)

    def first_allowed(self, unit: int) -> int | None:
        """The first unit at or after ``unit`` that is read (all, unless only some blocks)."""
        return self._scheduler.first_allowed(unit)

    def resume_point(self) -> tuple[int, str | None]:
        """Where the last session of this article stopped, and the words to say so.

        With no saved place, the top, at once: the whole of a long article is extracted
        only once reading starts, so waiting for it here waited its full ten seconds."""
        saved = self.recorder.saved_place()
        if saved is None:
            return 0, None
        unit = self.unit_for(saved.block, saved.sentence)  # waits for the whole
        if unit == 0:
            return 0, None
        return unit, words.resuming(self.block_label(self.units[unit].block))

    # --- lifecycle ----------------------------------------------------------------------

    def start(self, unit: int = 0, *, announce: str | None = None) -> OutputDevice:
        """Begin playing at ``unit`` (0 is the title); return the device opened.

        The first sentence is rendered before the device opens, at the sample rate the
        engine gives, so the first sound comes as soon as that sentence is ready.
        """
        self._dispatcher = threading.Thread(
            target=self._dispatch, name="readout-events", daemon=True
        )
        self._dispatcher.start()
        if announce:
            self._announce(announce)
        unit, first = self._scheduler.first_playable(unit)
        self._device = self._open_device(first.sample_rate)
        self._watch = DeviceWatch(self._device, self.player.source, self._events.put)
        self._scheduler.begin(unit, first)
        self.player.resume()
        self._set_state(ReaderState.PLAYING)
        self._watch.start()
        self.recorder.opened()
        return self._device

    def complete(self, article: Article) -> None:
        """Take over the whole article, of which this reader was given the first blocks.

        Block and unit numbers stay as they were: the first blocks are the whole's
        first blocks. Should the whole differ after all, what was rendered from the
        differing blocks is dropped and reading goes on at the same unit number.
        """
        if self._whole.is_set():
            return
        units = self._script(self.units.punctuation, article)
        old = self.article.blocks
        same = next(
            (i for i, (a, b) in enumerate(zip(old, article.blocks, strict=False)) if a != b),
            min(len(old), len(article.blocks)),
        )
        first_changed = 1 + sum(len(block.sentences) for block in old[:same])
        if self.article.title != article.title:
            first_changed = 0
        with self._scheduler.cond:
            self.article, self.numbering = article, Numbering(article)
            self._whole.set()
            self._scheduler.extend(units, first_changed)
        self.recorder.follow(article, self.numbering, whole=True)
        self._events.put(ArticleCompleted(len(article.blocks)))
        self.recorder.opened()
        self.save_position()

    def complete_from(self, whole: Callable[[], Article]) -> None:
        """:meth:`complete` with ``whole()``; if that fails, the first blocks are all there is
        (waiting commands must not wait for ever)."""
        try:
            article = whole()
        except Exception:
            _log.exception("the rest of the article could not be read")
            article = self.article
        self.complete(article)

    def close(self) -> None:
        """Save the position and stop; never waits on speech for long."""
        if self._closed:
            return
        self._whole.wait(WHOLE_WAIT_S)  # quitting at once still saves the place
        self.save_position()
        self.recorder.remember(self.controls.chosen)
        self._closed = True
        self._asides.close()
        self._scheduler.close()
        if self._watch is not None:
            self._watch.close()
        self._events.put(None)
        if self._dispatcher is not None:
            self._dispatcher.join(1.0)

    def wait_finished(self, timeout: float | None = None) -> bool:
        """Block until the article has been read to the end."""
        return self._finished.wait(timeout)

    def save_position(self) -> None:
        """Keep the place (not once the article is finished: its place was forgotten,
        and the next run starts at the top)."""
        if self.state is ReaderState.FINISHED:
            return
        block, sentence = self.units.positions[self.unit]
        self.recorder.save(block, sentence)

    # --- commands --------------------------------------------------------------------

    def perform(self, command: Command) -> bool:
        """Carry out a listener's command (:class:`readout.keys.Command`); False for the
        commands a face carries out itself (:data:`readout.keys.FACE_COMMANDS`)."""
        if command in navigation.NAVIGATION:
            self._await_whole()
            at = Position(self.unit, self._scheduler.elapsed_in_unit())
            landing = navigation.land(
                command, self.units, self.article, at, self._scheduler.duration
            )
            nowhere = words.NO_MORE_HEADINGS if command is Command.NEXT_HEADING else None
            self._go(landing, nowhere)
            return True
        handler = _HANDLERS.get(command)
        if handler is None:
            return False
        handler(self)
        return True

    @property
    def device_lost(self) -> bool:
        """True from the moment the sound device stopped taking audio until one takes it again."""
        return self._watch is not None and self._watch.lost

    def play(self) -> None:
        if self.device_lost and not self._reconnected():
            return
        if self.state is ReaderState.FINISHED:
            self._finished.clear()
            self._scheduler.jump(0)
        self.player.resume()
        self._set_state(ReaderState.PLAYING)

    def _reconnected(self) -> bool:
        """Open the lost device again; if it cannot be had, say so and stay paused."""
        assert self._watch is not None
        try:
            self._watch.reopen()
        except AudioDeviceError as error:
            self._events.put(Announced(words.still_no_device(error)))
            return False
        return True

    def pause(self) -> None:
        if self.state is not ReaderState.PLAYING:
            return
        self.player.pause()
        self._set_state(ReaderState.PAUSED)
        self.save_position()

    def toggle(self) -> None:
        self.pause() if self.state is ReaderState.PLAYING else self.play()

    def stop(self) -> None:
        self.player.pause()
        self._scheduler.jump(self.unit)
        self._set_state(ReaderState.STOPPED)
        self.save_position()

    def go_to_block(self, block: int) -> None:
        """Go to block ``block`` (0-based; -1 is the title)."""
        self._await_whole()
        self._go(navigation.to_block(self.units, self.article, block))

    def flag(self, note: str = "") -> int | None:
        """Mark the current sentence (for proofreading), then step back one sentence so
        it can be heard again. Returns the mark's id, or None without a store."""
        self._await_whole()
        block, sentence = self.units.positions[self.unit]
        try:
            mark_id = self.recorder.add_mark(block, sentence, self._text_of(block, sentence), note)
        except Exception as error:  # a store that cannot save: said, and nothing moves
            self._announce(words.cannot_save_mark(error))
            return None
        flagged = words.flagged("the title" if block < 0 else self._where(self.unit))
        self._go(Target(max(0, self.unit - 1)))
        self._announce(flagged)  # after the move, which would cut it short
        return mark_id

    def where_am_i(self) -> None:
        self._announce(self.describe_position())

    def cycle_punctuation(self) -> None:
        self._await_whole()
        self.controls.cycle_punctuation()

    def spell_word(self) -> None:
        """Say the word being read (or, paused, the last one heard) letter by letter."""
        self._await_whole()
        block, sentence, start, length = self._narrator.last_word or (
            *self.units.positions[self.unit],
            0,
            0,
        )
        text = self._text_of(block, sentence)
        word = text[start : start + length] if length else (text.split() or [""])[0]
        spelled = spell(word) or "nothing to spell"
        self._events.put(Announced(words.spelling(word, spelled)))  # shown, then said
        self._asides.say(spelled, self.rate)

    def repeat_slowly(self) -> None:
        """Say the current sentence again at 60% of the speed, between sentences."""
        self._await_whole()
        slow = max(self._engine.rate_range[0], round(self.rate * SLOW_REPEAT))
        block, sentence = self.units.positions[self.unit]
        self._events.put(Announced(words.slowly(self._text_of(block, sentence))))
        self._asides.say(self.units[self.unit].spoken.text, slow)

    # --- internals ------------------------------------------------------------------------

    def _await_whole(self) -> None:
        """Commands that look beyond the first blocks wait for the whole article."""
        self._whole.wait(WHOLE_WAIT_S)

    def _where(self, unit: int) -> str:
        """ "Paragraph 2 of 4, sentence 2 of 2" (or "Title") for a unit."""
        block, sentence = self.units.positions[unit]
        return self.numbering.place(block, sentence, totals=self._whole.is_set())

    def _text_of(self, block: int, sentence: int) -> str:
        if block < 0:
            return self.article.title
        return self.article.blocks[block].sentences[sentence].text

    def _go(self, landing: navigation.Landing, nowhere: str | None = None) -> None:
        """Move to ``landing``; when there is none, say so (``nowhere``, else "End of
        article") and go on where reading was."""
        if landing is None or landing.unit >= len(self.units):
            self._announce(nowhere or words.END_OF_ARTICLE)
            return
        if self.state is ReaderState.FINISHED:
            self._finished.clear()
            self._set_state(ReaderState.PAUSED if self.player.paused else ReaderState.PLAYING)
        self._scheduler.jump(landing.unit, landing.offset_s)
        if self.state is not ReaderState.PLAYING:
            for event in self._narrator.moved(landing.unit):
                self._events.put(event)

    def _set_state(self, state: ReaderState) -> None:
        if state is self.state:
            return
        self.state = state
        self._scheduler.set_active(state in (ReaderState.PLAYING, ReaderState.PAUSED))
        self._events.put(StateChanged(state))
        self._announce(state.value)

    def _announce(self, text: str) -> None:
        self._events.put(Announced(text))
        if self._speak_announcements and text not in words.NOT_SPOKEN and not self._closed:
            self._asides.say(text)

    # --- internals: events ---------------------------------------------------------------

    def _dispatch(self) -> None:
        while True:
            event = self._events.get()
            if event is None:
                return
            if isinstance(event, StateChanged) and event.state is ReaderState.FINISHED:
                told = self._finish()  # nothing readable was left (the rest was skipped)
            elif isinstance(event, DeviceLost):
                told = self._device_lost(event)
            else:
                told = self._narrator.translate(event)
            for reader_event in told:
                self.recorder.observe(reader_event)
                try:
                    self._on_event(reader_event)
                except Exception:  # a face's bug must not stop the reading; it is logged
                    _log.exception("event handler failed on %r", reader_event)

    def _device_lost(self, event: DeviceLost) -> list[ReaderEvent]:
        """Pause where the sound stopped, and say so in one line (not aloud: there is
        nothing to say it on). Playing again opens the device again."""
        events: list[ReaderEvent] = []
        if self.state is ReaderState.PLAYING:
            self.player.pause()
            self.state = ReaderState.PAUSED
            self._scheduler.set_active(True)
            self.save_position()
            events.append(StateChanged(ReaderState.PAUSED))
        where = self._where(self.unit)
        return [*events, Announced(words.device_lost(event.device, event.silent_s, where))]

    def _finish(self) -> list[ReaderEvent]:
        self.state = ReaderState.FINISHED
        self._scheduler.set_active(False)
        self._finished.set()
        return [StateChanged(ReaderState.FINISHED), Announced(words.FINISHED)]


_HANDLERS: dict[Command, Callable[[Reader], None]] = {
    Command.TOGGLE: Reader.toggle,
    Command.SLOWER: lambda reader: reader.controls.slower(),
    Command.FASTER: lambda reader: reader.controls.faster(),
    Command.VOLUME_DOWN: lambda reader: reader.controls.volume_down(),
    Command.VOLUME_UP: lambda reader: reader.controls.volume_up(),
    Command.TOGGLE_MUTE: lambda reader: reader.controls.toggle_mute(),
    Command.WHERE_AM_I: Reader.where_am_i,
    Command.SPELL_WORD: Reader.spell_word,
    Command.REPEAT_SLOWLY: Reader.repeat_slowly,
    Command.CYCLE_PUNCTUATION: Reader.cycle_punctuation,
}
SESSION_COMMANDS = navigation.NAVIGATION | _HANDLERS.keys()
"""The commands :meth:`Reader.perform` carries out; faces carry out the rest."""
