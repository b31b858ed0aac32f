"""Render a whole article to one WAV file, written to ``NAME.part`` and renamed when done.

Units (the title, then every sentence) are spoken in order with a short pause after
each sentence and a longer one after paragraphs and headings. A few units are queued
ahead to the engine's thread, so synthesis overlaps writing. Nothing is left under the
final name unless the file is complete.
"""

from __future__ import annotations

import collections
import contextlib
import os
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from readout.errors import ExportError
from readout.speech.engine import Utterance
from readout.speech.pending import Pending
from readout.speech.script import Pauses, SpokenUnit
from readout.speech.worker import SpeechWorker

LOOKAHEAD = 4
"""Units queued to the engine ahead of the one being written."""


@dataclass(frozen=True)
class ExportResult:
    """What was written."""

    path: Path
    duration_s: float
    sentences: int


def export_wav(
    units: Sequence[SpokenUnit],
    engine: SpeechWorker,
    out: Path,
    *,
    voice: str | None = None,
    rate: int = 175,
    pauses: Pauses | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ExportResult:
    """Speak ``units`` into ``out`` (WAV, 16-bit mono).

    Raises:
        ExportError: the file could not be written; no partial file is left.
    """
    if not units:
        raise ExportError(f"{out}: nothing to say")
    pauses = pauses or Pauses()
    part = out.with_name(out.name + ".part")
    pending: collections.deque[Pending[Utterance]] = collections.deque()
    queued = 0

    def fill() -> None:
        nonlocal queued
        while queued < len(units) and len(pending) < LOOKAHEAD:
            pending.append(engine.submit(units[queued].spoken.text, voice, rate))
            queued += 1

    fill()
    # The first unit is rendered before the file is opened: a bad voice or a broken
    # engine fails here, with nothing on disk.
    first = pending[0].result()
    frames = 0
    try:
        with part.open("wb") as stream, wave.open(stream, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(first.sample_rate)
            for index, unit in enumerate(units):
                utterance = pending.popleft().result()
                fill()
                silence = b"\x00\x00" * int(utterance.sample_rate * pauses.after(unit))
                wav.writeframes(utterance.pcm)
                wav.writeframes(silence)
                frames += (len(utterance.pcm) + len(silence)) // 2
                if progress:
                    progress(index + 1, len(units))
        _fsync(part)
        os.replace(part, out)
    except OSError as error:
        _discard(part, pending)
        raise ExportError(f"{out}: cannot write ({error.strerror or error})") from None
    except BaseException:
        _discard(part, pending)
        raise
    return ExportResult(path=out, duration_s=frames / first.sample_rate, sentences=len(units))


def _discard(part: Path, pending: collections.deque[Pending[Utterance]]) -> None:
    for future in pending:
        future.cancel()
    with contextlib.suppress(OSError):
        part.unlink()


def _fsync(path: Path) -> None:
    with path.open("rb") as stream:
        os.fsync(stream.fileno())
