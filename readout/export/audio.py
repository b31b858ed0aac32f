"""Export one article: audio in any format, with tags, chapters, captions and a sync map.

Every output is written to ``NAME.part`` first and renamed only when all of them are
complete (the audio last), so a failure or Ctrl-C never leaves a partial file under a
final name, and a file under its final name is always whole.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from readout.article import Article
from readout.defaults import RATE_DEFAULT, Punctuation
from readout.errors import ExportError
from readout.export.captions import to_srt, to_vtt
from readout.export.render import render
from readout.export.sinks import open_sink
from readout.export.tags import chapter_file, write_tags
from readout.speech.lexicon import Lexicon
from readout.speech.script import Pauses, spoken_units
from readout.speech.worker import SpeechWorker


@dataclass(frozen=True)
class ExportOptions:
    fmt: str = "wav"
    voice: str | None = None
    rate: int = RATE_DEFAULT
    bitrate_kbps: int = 64
    captions: str | None = None  # "vtt" | "srt"
    sync_map: bool = False
    chapters_by: str = "heading"  # or "paragraph"
    pauses: Pauses = field(default_factory=Pauses)
    verbatim: bool = False
    punctuation: Punctuation = "none"


@dataclass(frozen=True)
class ExportResult:
    """What was written."""

    path: Path
    duration_s: float
    sentences: int
    extra_files: tuple[Path, ...] = ()


def export_article(
    article: Article,
    engine: SpeechWorker,
    out: Path,
    options: ExportOptions,
    *,
    lexicon: Lexicon | None = None,
    overlap: bool = True,
) -> ExportResult:
    """Speak ``article`` into ``out`` and its side files.

    ``overlap`` lets synthesis and encoding run on two cores at once (see ``render``).

    Raises:
        ExportError: something could not be written; nothing partial is left.
    """
    units = spoken_units(
        article, lexicon, verbatim=options.verbatim, punctuation=options.punctuation
    )
    part = _part(out)
    written: list[tuple[Path, Path]] = []
    try:
        timeline = render(
            units,
            engine,
            lambda rate: open_sink(options.fmt, part, rate, bitrate_kbps=options.bitrate_kbps),
            voice=options.voice,
            rate=options.rate,
            pauses=options.pauses,
            overlap=overlap,
        )
        chapters = timeline.chapters(article, options.chapters_by)
        write_tags(part, options.fmt, article, chapters)
        sides: dict[str, str] = {}
        if options.captions == "vtt":
            sides[".vtt"] = to_vtt(timeline)
        elif options.captions == "srt":
            sides[".srt"] = to_srt(timeline)
        if options.sync_map:
            sides[".sync.json"] = json.dumps(timeline.to_sync_map(), ensure_ascii=False, indent=1)
        if options.fmt != "mp3":
            sides[".chapters.txt"] = chapter_file(chapters)
        for suffix, text in sides.items():
            final = out.with_name(out.stem + suffix)
            side_part = _part(final)
            side_part.write_text(text, "utf-8")
            written.append((side_part, final))
        for side_part, _ in [*written, (part, out)]:
            _fsync(side_part)
        for side_part, final in [*written, (part, out)]:
            os.replace(side_part, final)
    except OSError as error:
        _discard([part, *(p for p, _ in written)])
        raise ExportError(f"{out}: cannot write ({error.strerror or error})") from None
    except BaseException:
        _discard([part, *(p for p, _ in written)])
        raise
    return ExportResult(out, timeline.duration_s, len(units), tuple(final for _, final in written))


def _part(path: Path) -> Path:
    return path.with_name(path.name + ".part")


def _discard(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def _fsync(path: Path) -> None:
    with path.open("rb") as stream:
        os.fsync(stream.fileno())
