"""The worker side of a batch: each worker process owns one speech engine and exports
the articles handed to it, one at a time.

Ctrl-C (and a hang-up) reaches every process of the terminal's process group. A worker
must not die of it: the pool takes a worker that exits on its own for a crash and kills
the others, mid-write. So in a worker, Ctrl-C stops the export being rendered (its
``.part`` files are removed on the way out, the error goes back to the parent) and
refuses every later one, and the process lives on, quietly, until the pool shuts it down.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from readout.article import Article
from readout.errors import ReadoutError
from readout.export.audio import ExportOptions, export_article
from readout.export.progress import OutputProgress
from readout.export.records import write_record
from readout.speech.lexicon import Lexicon
from readout.speech.worker import SpeechWorker

if TYPE_CHECKING:
    from multiprocessing.queues import Queue
    from multiprocessing.synchronize import Event

    ProgressQueue = Queue[tuple[int, OutputProgress] | None]

Report = Callable[[int, OutputProgress], None]

INTERRUPTS = {signal.SIGINT, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])}
"""What stops an export in a worker."""

REPORT_EVERY_S = 0.1
"""A worker sends an output's progress at most this often (and always the first and last)."""

_engine: SpeechWorker | None = None
_rendering = False
"""An export is being rendered in this process: Ctrl-C stops it."""
_interrupted = False
"""Ctrl-C came: no export starts in this process any more."""
_report: Report | None = None
_stopped: Event | None = None
"""Set by the parent when it was stopped alone (``kill``): the exports stop too."""


def start_pool_worker(
    engine_name: str | None, progress: ProgressQueue | None, stopped: Event
) -> None:
    """The pool's initializer: Ctrl-C and hang-up handled as above (SIGTERM is left as
    it is: the pool itself ends broken workers with it), the parent's stop heeded,
    progress sent back on the parent's queue, then the engine."""
    global _stopped
    _stopped = stopped
    for number in INTERRUPTS:  # a terminal that goes away hangs up the whole group
        signal.signal(number, _on_interrupt)
    if hasattr(signal, "pthread_sigmask"):  # the parent held them back while forking us
        signal.pthread_sigmask(signal.SIG_UNBLOCK, INTERRUPTS)
    if progress is not None:
        # Progress is only shown: this process's exit never waits for it to be sent, or
        # a parent that stopped reading (Ctrl-C) would keep it, and the pool, for ever.
        progress.cancel_join_thread()
    start_worker(engine_name, _Sender(progress) if progress is not None else None)


class _Sender:
    """Puts an output's progress on the parent's queue, not more often than it can use."""

    def __init__(self, queue: ProgressQueue) -> None:
        self._queue = queue
        self._sent_at = float("-inf")

    def __call__(self, index: int, progress: OutputProgress) -> None:
        now = time.monotonic()
        ends = progress.sentences_done in (0, progress.sentences_total)
        if ends or now - self._sent_at >= REPORT_EVERY_S:
            self._queue.put((index, progress))
            self._sent_at = now


def _on_interrupt(signum: int, frame: FrameType | None) -> None:
    global _interrupted, _rendering
    _interrupted = True
    if _rendering:
        _rendering = False  # a second Ctrl-C must not break off the clean-up
        raise KeyboardInterrupt


def start_worker(engine_name: str | None, report: Report | None = None) -> None:
    """Start this process's engine (for a pool worker, or the parent for one job);
    ``report`` hears how far each output is."""
    global _engine, _report
    from readout.speech.engines import start_engine

    _engine = start_engine(engine_name)
    _report = report


def _reporter(index: int) -> Callable[[OutputProgress], None] | None:
    """What hears of each step of output ``index``: it is reported, and it is where a
    stop of the parent's stops the export."""
    report, stopped = _report, _stopped
    if report is None and stopped is None:
        return None

    def step(progress: OutputProgress) -> None:
        if stopped is not None and stopped.is_set():
            raise KeyboardInterrupt
        if report is not None:
            report(index, progress)

    return step


def stop_worker() -> None:
    """Close this process's engine, if it has one."""
    global _engine
    if _engine is not None:
        _engine.close()
        _engine = None


def has_engine() -> bool:
    return _engine is not None


def export_one(
    index: int,
    article: Article,
    out: str,
    options: ExportOptions,
    lexicon: Lexicon | None,
    key: str,
    overlap: bool,
) -> tuple[float, str | None]:
    """Export ``article`` (input ``index``) to ``out`` and record it; (duration, None)
    or (0, the error)."""
    global _rendering
    assert _engine is not None
    _rendering = True
    try:
        if _interrupted or (_stopped is not None and _stopped.is_set()):
            raise KeyboardInterrupt  # queued before the stop: refused, not rendered whole
        voice = options.voice or _engine.voice_for_language(article.language)
        result = export_article(
            article,
            _engine,
            Path(out),
            replace(options, voice=voice),
            lexicon=lexicon,
            overlap=overlap,
            progress=_reporter(index),
        )
    except ReadoutError as error:
        return 0.0, str(error)
    finally:
        _rendering = False
    write_record(Path(out), key, article.source or "", result.duration_s)
    return result.duration_s, None
