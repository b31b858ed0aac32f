"""The scheduler: owns the player, renders ahead and keeps the next unit queued.

A feeder thread keeps the unit after the one playing rendered and queued, so there is
no gap between sentences, and asks the engine's worker for a few more ahead. A unit
whose render fails is tried once more, then skipped; a hung render counts as failed
after :data:`RENDER_TIMEOUT_S`. The same failed render is never fetched twice (that
spun at full CPU once).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass

from readout.audio.player import Clip, Player, PlayerEvent
from readout.errors import EngineError, ReadoutError, UsageError
from readout.speech.engine import Utterance
from readout.speech.pending import Cancelled, Pending
from readout.speech.script import Pauses, Script
from readout.speech.worker import SpeechWorker

RENDER_RETRIES = 1
"""A sentence whose render fails is tried this many more times, then skipped."""
START_ATTEMPTS = 3
"""Units tried at start before the engine itself is taken to be broken."""
RENDER_TIMEOUT_S = 20.0
"""A render that takes longer than this counts as failed (a hung engine)."""


@dataclass(frozen=True)
class Queued:
    """A unit handed to the player: which, and where its words are in the shown text."""

    unit: int
    words: tuple[tuple[int, int], ...]  # shown (start, length) for each word mark
    frames_per_second: int


@dataclass(frozen=True)
class SpeechSettings:
    """What a render depends on besides the text."""

    rate: int
    voice: str | None


class Scheduler:
    """Keeps the player fed with the units of a script, from a place it is told.

    ``on_skipped(unit)`` is called (on the feeder thread) when a unit is given up on;
    ``on_ran_out()`` when that leaves nothing to read.
    """

    def __init__(
        self,
        engine: SpeechWorker,
        units: Script,
        emit: Callable[[PlayerEvent], None],
        *,
        speech: SpeechSettings,
        pauses: Pauses,
        lookahead: int,
        only_blocks: frozenset[int] | None,
        whole: threading.Event,
        on_skipped: Callable[[int], None],
        on_ran_out: Callable[[], None],
    ) -> None:
        self.units = units
        self.speech = speech
        self.player = Player(emit)
        self.cond = threading.Condition()
        self.unit = 0
        """The unit playing, or the one reading will start from."""
        self._engine = engine
        self._pauses = pauses
        self._lookahead = lookahead
        self._only_blocks = only_blocks
        self._whole = whole
        self._on_skipped = on_skipped
        self._on_ran_out = on_ran_out
        self._active = False
        self._closed = False
        self._next_to_queue = 0
        self._epoch = 0
        self._seek_into_next = 0
        self._live: dict[int, Queued] = {}
        self._tags = itertools.count()
        self._cache: dict[tuple[int, SpeechSettings], Pending[Utterance]] = {}
        self._failures: dict[int, int] = {}  # unit -> renders that failed
        self._thread: threading.Thread | None = None

    # --- lifecycle ----------------------------------------------------------------

    def begin(self, unit: int, first: Utterance) -> None:
        """Start feeding from ``unit``, whose audio ``first`` is queued at once (after
        anything already said, such as "Resuming at paragraph 4")."""
        self.jump(unit, interrupt=False)
        self._enqueue(unit, first, self._epoch)
        self.set_active(True)
        if self._thread is None:
            self._thread = threading.Thread(target=self._feed, name="readout-feeder", daemon=True)
            self._thread.start()

    def set_active(self, active: bool) -> None:
        """Feed while playing or paused (paused, the next unit is still made ready)."""
        with self.cond:
            self._active = active
            self.cond.notify_all()

    def close(self) -> None:
        with self.cond:
            self._closed = True
            self.cond.notify_all()
        self.player.clear()
        if self._thread is not None:
            self._thread.join(1.0)
        for future in self._cache.values():
            future.cancel()

    def first_playable(self, unit: int) -> tuple[int, Utterance]:
        """The first unit from ``unit`` on that renders, with its audio; units that fail
        twice are skipped (and ``on_skipped`` told). An engine that fails on the first
        few units is broken, not the text: its error is raised."""
        error: Exception | None = None
        for candidate in range(unit, min(unit + START_ATTEMPTS, len(self.units))):
            for _ in range(RENDER_RETRIES + 1):
                self._cache.pop((candidate, self.speech), None)
                try:
                    utterance = self._render(candidate).result(timeout=RENDER_TIMEOUT_S)
                except UsageError:
                    raise  # the listener's choice (a voice the engine lacks), not the text's
                except Exception as failed:  # tried again, then the next unit
                    error = failed
                    continue
                if len(utterance.pcm):
                    return candidate, utterance
            self._failures[candidate] = RENDER_RETRIES + 1
            self._on_skipped(candidate)
        if isinstance(error, ReadoutError):
            raise error
        raise EngineError(f"the speech engine gave no audio ({error or 'empty'})")

    # --- moving and changing --------------------------------------------------------

    def jump(self, unit: int, offset_s: float = 0.0, *, interrupt: bool = True) -> None:
        """Drop what is queued and go on from ``unit``, ``offset_s`` into it; an aside
        being said stops too, unless ``interrupt`` is False."""
        with self.cond:
            self.player.clear(asides=interrupt)
            self._live.clear()
            self._epoch += 1
            self.unit = unit
            self._next_to_queue = unit
            self._seek_into_next = int(offset_s * 1000)
            self.cond.notify_all()

    def change_speech(self, speech: SpeechSettings) -> None:
        """Rate or voice changed: what is queued is rendered again; the current unit plays on."""
        with self.cond:
            self.speech = speech
            self._requeue_after_current()

    def respeak(self, units: Script) -> None:
        """The same units, said differently (punctuation): everything is rendered again
        from the unit after the one playing."""
        with self.cond:
            self.units = units
            for future in self._cache.values():
                future.cancel()
            self._cache.clear()
            self._requeue_after_current()

    def extend(self, units: Script, first_changed: int) -> None:
        """The whole of a long article is in: renders from unit ``first_changed`` on
        (where it differs from the first blocks) are dropped, and reading goes on at the
        same unit number."""
        with self.cond:
            self.units = units
            for key in [k for k in self._cache if k[0] >= first_changed]:
                self._cache.pop(key).cancel()
            if self.unit >= first_changed or self._next_to_queue > len(units):
                self.jump(min(self.unit, len(units) - 1))
            self.cond.notify_all()

    def _requeue_after_current(self) -> None:
        for tag in self.player.drop_queued():
            self._live.pop(tag, None)
        self._epoch += 1
        self._next_to_queue = self.unit + 1 if self.player.position() else self.unit
        self.cond.notify_all()

    # --- what the player reports ----------------------------------------------------

    def queued(self, tag: object) -> Queued | None:
        """The unit a player clip belongs to; None for a clip from before a jump."""
        return self._live.get(tag) if isinstance(tag, int) else None

    def started(self, unit: int) -> None:
        with self.cond:
            self.unit = unit
            self.cond.notify_all()

    def clip_finished(self, tag: object) -> None:
        if isinstance(tag, int):
            self._live.pop(tag, None)
        with self.cond:
            self.cond.notify_all()

    def elapsed_in_unit(self) -> float:
        """Seconds of the playing unit heard so far (the player's frame count)."""
        position = self.player.position()
        if position is None:
            return 0.0
        tag, offset = position
        queued = self._live.get(tag)
        return offset / queued.frames_per_second if queued else 0.0

    def duration(self, unit: int) -> float:
        """How long ``unit`` takes with its pause: its render's length, else an estimate."""
        future = self._cache.get((unit, self.speech))
        pause = self._pauses.after(self.units[unit])
        if future is not None and future.done() and not future.exception():
            return future.result().duration_s + pause
        return len(self.units[unit].spoken.text.split()) / self.speech.rate * 60 + pause

    # --- which units are read ----------------------------------------------------------

    def allowed(self, unit: int) -> bool:
        """Whether ``unit`` is read: all are, unless reading only some blocks (what changed)."""
        return self._only_blocks is None or self.units.positions[unit][0] in self._only_blocks

    def first_allowed(self, unit: int) -> int | None:
        """The first unit at or after ``unit`` that is read."""
        return next((i for i in range(unit, len(self.units)) if self.allowed(i)), None)

    def ends_article(self, unit: int) -> bool:
        """True when nothing readable follows ``unit`` (all later units were skipped)."""
        if not self._whole.is_set():
            return False
        last = next(
            (i for i in range(len(self.units) - 1, -1, -1) if self.allowed(i)), len(self.units) - 1
        )
        later = range(unit + 1, last + 1)
        return all(not self.allowed(u) or self._failures.get(u, 0) > RENDER_RETRIES for u in later)

    # --- feeding ------------------------------------------------------------------------

    def _feed(self) -> None:
        while True:
            with self.cond:
                if self._only_blocks is not None and self._next_to_queue < len(self.units):
                    following = self.first_allowed(self._next_to_queue)
                    self._next_to_queue = len(self.units) if following is None else following
                while not self._closed and not (
                    self._active
                    and self._next_to_queue < len(self.units)
                    and self.player.pending() < 2
                ):
                    self.cond.wait(0.05)
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

    def _render(self, unit: int) -> Pending[Utterance]:
        key = (unit, self.speech)
        future = self._cache.get(key)
        if future is None:
            text = self.units[unit].spoken.text
            future = self._engine.submit(text, self.speech.voice, self.speech.rate)
            self._cache[key] = future
        return future

    def _prefetch(self, unit: int) -> None:
        for ahead in range(unit, min(len(self.units), unit + self._lookahead + 1)):
            self._render(ahead)
        stale = [k for k in self._cache if k[0] < unit - 2 or k[0] > unit + self._lookahead + 2]
        for key in stale:
            self._cache.pop(key).cancel()

    def _render_failed(self, unit: int, epoch: int, error: BaseException) -> None:
        """Try a failed unit once more; after that, skip it and say so."""
        with self.cond:
            if epoch != self._epoch or self._closed:
                return
            for key in [k for k in self._cache if k[0] == unit]:
                self._cache.pop(key).cancel()
            failures = self._failures.get(unit, 0) + 1
            self._failures[unit] = failures
            if failures <= RENDER_RETRIES:
                return  # the loop renders it afresh
            self._next_to_queue = unit + 1
            self.cond.notify_all()
        self._on_skipped(unit)
        if self.ends_article(unit) and self.player.pending() == 0:
            self._on_ran_out()

    def _enqueue(self, unit: int, utterance: Utterance, epoch: int, seek_ms: int = 0) -> None:
        """Queue a rendered unit to the player, unless a jump has made it stale."""
        clip, queued = self._clip(unit, utterance, seek_ms)
        with self.cond:
            stale = unit != self._next_to_queue and unit != self.first_allowed(self._next_to_queue)
            if epoch != self._epoch or self._closed or stale:
                return
            self._live[clip.tag] = queued
            self.player.enqueue(clip)
            self._next_to_queue = unit + 1

    def _clip(self, unit: int, utterance: Utterance, seek_ms: int) -> tuple[Clip, Queued]:
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
        return clip, Queued(unit, words, rate)
