"""Render a whole article to one WAV file, written to ``NAME.part`` and renamed when done.

Blocks are spoken in order with a short pause after each sentence and a longer one
after paragraphs and headings. Nothing is left under the final name unless the file
is complete.
"""

from __future__ import annotations

import contextlib
import os
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from readout.article import Article, BlockKind
from readout.errors import ExportError
from readout.speech.engine import Engine


@dataclass(frozen=True)
class Pauses:
    """Silence, in seconds, after each kind of unit."""

    sentence: float = 0.25
    paragraph: float = 0.6
    heading: float = 0.8


@dataclass(frozen=True)
class ExportResult:
    """What was written."""

    path: Path
    duration_s: float
    sentences: int


def export_wav(
    article: Article,
    engine: Engine,
    out: Path,
    *,
    voice: str | None = None,
    rate: int = 175,
    pauses: Pauses | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ExportResult:
    """Speak ``article`` into ``out`` (WAV, 16-bit mono).

    Raises:
        ExportError: the file could not be written; no partial file is left.
    """
    pauses = pauses or Pauses()
    part = out.with_name(out.name + ".part")
    total = sum(len(b.sentences) for b in article.blocks) + 1
    done = 0
    frames = 0
    units = [(article.title, BlockKind.HEADING, True)]
    for block in article.blocks:
        for index, sentence in enumerate(block.sentences):
            units.append((sentence.text, block.kind, index == len(block.sentences) - 1))
    # The first sentence is rendered before the file is opened: a bad voice or a broken
    # engine fails here, with nothing on disk.
    first = engine.synthesize(units[0][0], voice, rate, 50)
    sample_rate = first.sample_rate
    try:
        with part.open("wb") as stream, wave.open(stream, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(sample_rate)
            for position, (text, kind, last_in_block) in enumerate(units):
                utterance = first if position == 0 else engine.synthesize(text, voice, rate, 50)
                pause = pauses.sentence
                if last_in_block:
                    pause = pauses.heading if kind is BlockKind.HEADING else pauses.paragraph
                silence = b"\x00\x00" * int(sample_rate * pause)
                wav.writeframes(utterance.pcm + silence)
                frames += (len(utterance.pcm) + len(silence)) // 2
                done += 1
                if progress:
                    progress(done, total)
        _fsync(part)
        os.replace(part, out)
    except OSError as error:
        with contextlib.suppress(OSError):
            part.unlink()
        raise ExportError(f"{out}: cannot write ({error.strerror or error})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            part.unlink()
        raise
    return ExportResult(path=out, duration_s=frames / sample_rate, sentences=done)


def _fsync(path: Path) -> None:
    with path.open("rb") as stream:
        os.fsync(stream.fileno())
