"""The export progress line: sentences spoken of all, audio made, time left, on one
terminal line redrawn in place.

Outputs report how far they are (:class:`OutputProgress`, from this process or from a
batch's worker processes); a :class:`Tally` adds them up; :func:`progress_line` words
the sum to fit a width; a :class:`ProgressDisplay` draws it on a terminal, where
finished outputs' lines go above it. The time left comes from the share of the text
spoken so far, so a long sentence does not throw it out as a count of sentences would.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TextIO

from readout.article import Article
from readout.speech.script import SpokenUnit

ETA_AFTER_S = 0.5
"""No time left is guessed from less than this much of the work."""

REDRAW_EVERY_S = 0.1
"""The line is redrawn at most this often (a batch reports far more often)."""


@dataclass(frozen=True)
class OutputProgress:
    """How far one output is: sentences written, their share of the text, audio made."""

    sentences_done: int
    sentences_total: int
    text_done: int
    text_total: int
    audio_s: float


def planned(article: Article) -> OutputProgress:
    """An output of ``article`` before any of it is spoken: the title, then every sentence."""
    sentences = [sentence.text for block in article.blocks for sentence in block.sentences]
    return OutputProgress(
        0, 1 + len(sentences), 0, len(article.title) + sum(map(len, sentences)), 0.0
    )


class OutputTally:
    """Counts one output's units as they are written, and reports each step."""

    def __init__(self, article: Article, report: Callable[[OutputProgress], None]) -> None:
        self._progress = planned(article)
        self._report = report
        report(self._progress)

    def written(self, unit: SpokenUnit, audio_s: float) -> None:
        """``unit`` is in the file, which now holds ``audio_s`` seconds."""
        done = self._progress
        self._progress = replace(
            done,
            sentences_done=done.sentences_done + 1,
            text_done=min(done.text_total, done.text_done + len(unit.spoken.shown)),
            audio_s=audio_s,
        )
        self._report(self._progress)


@dataclass(frozen=True)
class ProgressView:
    """What the line says. ``files_total`` is None for a single output; ``estimated``
    marks a sentence total that counts inputs not loaded yet at the average so far."""

    sentences_done: int
    sentences_total: int
    audio_s: float
    left_s: float | None
    files_done: int = 0
    files_total: int | None = None
    estimated: bool = False


def time_left(fraction_done: float, elapsed_s: float) -> float | None:
    """Seconds left at the pace so far; None before there is a pace to go by."""
    if fraction_done <= 0 or elapsed_s < ETA_AFTER_S:
        return None
    return max(0.0, elapsed_s * (1 - fraction_done) / fraction_done)


def progress_line(view: ProgressView, width: int) -> str:
    """The line for ``view``, in words when they fit ``width``, else in figures, else cut."""
    for wording in (_WORDS, _FIGURES):
        line = ", ".join(wording.fields(view))
        if len(line) <= width:
            return line
    return line[: max(0, width)]


@dataclass(frozen=True)
class _Wording:
    """How each field is put: a format for it, and one for durations."""

    files: str
    sentences: str
    about: str
    audio: str
    left: str
    duration: Callable[[float], str]

    def fields(self, view: ProgressView) -> list[str]:
        about = self.about if view.estimated else ""
        files = [self.files.format(view.files_done, view.files_total)] if view.files_total else []
        fields = [*files, self.sentences.format(view.sentences_done, about, view.sentences_total)]
        fields.append(self.audio.format(self.duration(view.audio_s)))
        if view.left_s is not None and view.left_s >= 1:  # not "about 0 s left" at the end
            fields.append(self.left.format(self.duration(view.left_s)))
        return fields


def duration_text(seconds: float) -> str:
    """ "25 s", "4 min 10 s", "2 h 05 min"."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


def _clock(seconds: float) -> str:
    """ "0:25", "4:10", "2:05:00"."""
    hours, rest = divmod(round(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


_WORDS = _Wording(
    "{} of {} files",
    "{} of {}{} sentences",
    "about ",
    "{} of audio",
    "about {} left",
    duration_text,
)
_FIGURES = _Wording("{}/{} files", "{}/{}{}", "~", "{} audio", "{} left", _clock)


class Tally:
    """Every output's progress added up, and the time left for all of them.

    Outputs not yet loaded (a batch loads a few ahead) count as the average of those
    known. Skipped and failed outputs drop out: they make no audio now.
    """

    def __init__(self, files_total: int | None, *, clock: Callable[[], float]) -> None:
        self._files_total = files_total
        self._clock = clock
        self._started: float | None = None
        self._outputs: dict[int, OutputProgress] = {}
        self._finished: set[int] = set()

    def progressed(self, index: int, progress: OutputProgress) -> None:
        if self._started is None:
            self._started = self._clock()
        if index not in self._finished:
            self._outputs[index] = progress

    def finished(self, index: int, *, made: bool) -> None:
        """Output ``index`` is done: made now (it counts in full), or skipped or failed."""
        self._finished.add(index)
        known = self._outputs.get(index)
        if not made:
            self._outputs.pop(index, None)
        elif known is not None:
            self._outputs[index] = replace(
                known, sentences_done=known.sentences_total, text_done=known.text_total
            )

    def view(self) -> ProgressView:
        outputs = list(self._outputs.values())
        unknown = self._not_loaded()
        sentences = sum(o.sentences_total for o in outputs)
        text = sum(o.text_total for o in outputs)
        if unknown and outputs:
            sentences += unknown * sentences // len(outputs)
            text += unknown * text // len(outputs)
        done = sum(o.text_done for o in outputs)
        elapsed = 0.0 if self._started is None else self._clock() - self._started
        return ProgressView(
            sentences_done=sum(o.sentences_done for o in outputs),
            sentences_total=sentences,
            audio_s=sum(o.audio_s for o in outputs),
            left_s=time_left(done / text, elapsed) if text else None,
            files_done=len(self._finished),
            files_total=self._files_total,
            estimated=bool(unknown),
        )

    def _not_loaded(self) -> int:
        """Inputs of a batch not heard of yet (a batch loads a few ahead)."""
        if self._files_total is None:
            return 0
        return self._files_total - len(self._outputs.keys() | self._finished)


def progress_wanted(stream: TextIO, *, quiet: bool) -> bool:
    """A line redrawn in place suits a terminal, not a file, a pipe, a dumb terminal or a
    screen reader (``READOUT_ACCESSIBLE``), nor ``--quiet``."""
    accessible = os.environ.get("READOUT_ACCESSIBLE", "").lower() not in ("", "0", "false", "no")
    return not quiet and stream.isatty() and os.environ.get("TERM") != "dumb" and not accessible


class ProgressDisplay:
    """A :class:`Tally` drawn on one terminal line, redrawn in place (carriage return,
    then clear to the end of the line), never wider than the terminal. Safe to call from
    any thread: a batch's progress arrives on its own."""

    def __init__(
        self,
        stream: TextIO,
        files_total: int | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._tally = Tally(files_total, clock=clock)
        self._clock = clock
        self._lock = threading.Lock()
        self._drawn_at: float | None = None
        self._closed = False

    def progressed(self, index: int, progress: OutputProgress) -> None:
        """Output ``index`` (0 for a single output) got this far."""
        with self._lock:
            self._tally.progressed(index, progress)
            now = self._clock()
            if self._drawn_at is None or now - self._drawn_at >= REDRAW_EVERY_S:
                self._draw()

    def finished(self, index: int, *, made: bool) -> None:
        """Output ``index`` is done (shown at the next redraw, or :meth:`cleared`)."""
        with self._lock:
            self._tally.finished(index, made=made)

    @contextlib.contextmanager
    def cleared(self) -> Iterator[None]:
        """Lines written inside go above the progress line."""
        with self._lock:
            self._erase()
            try:
                yield
            finally:
                self._draw()

    def close(self) -> None:
        """Take the line away for good (the export ended, or was interrupted)."""
        with self._lock:
            self._erase()
            self._closed = True

    def _draw(self) -> None:
        if self._closed:
            return
        line = progress_line(self._tally.view(), _columns(self._stream) - 1)
        self._write(f"\r{line}\x1b[K")
        self._drawn_at = self._clock()

    def _erase(self) -> None:
        if self._drawn_at is not None and not self._closed:
            self._write("\r\x1b[K")

    def _write(self, text: str) -> None:
        with contextlib.suppress(OSError, ValueError):  # the terminal went away
            self._stream.write(text)
            self._stream.flush()


def _columns(stream: TextIO) -> int:
    """The terminal's width now (it can change); 80 when it does not say."""
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError):
        columns = 0
    return columns or 80
