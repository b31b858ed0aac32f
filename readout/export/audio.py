"""Export one article: audio in any format, with tags, chapters, captions and a sync map.

Every output is written to ``NAME.part`` first and renamed only when all of them are
complete (the audio last), so a failure or Ctrl-C never leaves a partial file under a
final name, and a file under its final name is always whole.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from readout.article import Article
from readout.defaults import RATE_DEFAULT, Punctuation
from readout.errors import ExportError, UsageError
from readout.export.captions import to_srt, to_vtt
from readout.export.progress import OutputProgress, OutputTally
from readout.export.render import render
from readout.export.sinks import open_sink
from readout.export.tags import chapter_file, check_chapters, write_tags
from readout.export.timeline import Chapter, Timeline, chapter_titles
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
    progress: Callable[[OutputProgress], None] | None = None,
) -> ExportResult:
    """Speak ``article`` into ``out`` and its side files.

    ``overlap`` lets synthesis and encoding run on two cores at once (see ``render``);
    ``progress`` hears how far it is, before the first sentence and after each.
    What can be checked before the work is checked first: where the files go, and that
    the format holds every chapter.

    Raises:
        UsageError: an output name is a folder, or the chapters do not fit the format.
        ExportError: something could not be written; nothing partial is left.
    """
    check_target(out, options)
    check_chapters(options.fmt, article, chapter_titles(article, options.chapters_by))
    units = spoken_units(
        article, lexicon, verbatim=options.verbatim, punctuation=options.punctuation
    )
    tally = OutputTally(article, progress) if progress else None
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
            on_written=tally.written if tally else None,
        )
        chapters = timeline.chapters(article, options.chapters_by)
        write_tags(part, options.fmt, article, chapters)
        for suffix, final in _side_files(out, options).items():
            side_part = _part(final)
            side_part.write_text(_side_text(suffix, timeline, chapters), "utf-8")
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


def output_files(out: Path, options: ExportOptions) -> list[Path]:
    """Every file an export to ``out`` writes: the audio first, then its side files."""
    return [out, *_side_files(out, options).values()]


def _side_files(out: Path, options: ExportOptions) -> dict[str, Path]:
    """The files written beside ``out``, by suffix."""
    suffixes = [f".{options.captions}"] if options.captions else []
    if options.sync_map:
        suffixes.append(".sync.json")
    if options.fmt != "mp3":
        suffixes.append(".chapters.txt")
    return {suffix: out.with_name(out.stem + suffix) for suffix in suffixes}


def _side_text(suffix: str, timeline: Timeline, chapters: list[Chapter]) -> str:
    if suffix == ".vtt":
        return to_vtt(timeline)
    if suffix == ".srt":
        return to_srt(timeline)
    if suffix == ".sync.json":
        return json.dumps(timeline.to_sync_map(), ensure_ascii=False, indent=1)
    return chapter_file(chapters)


def check_target(out: Path, options: ExportOptions, *, source: str | None = None) -> None:
    """Refuse now, before anything is loaded or spoken, outputs that could not be written.

    Raises:
        UsageError: an output name is a folder, or the input ``source`` itself.
        ExportError: no file can be created in the output's folder.
    """
    for path in output_files(out, options):
        if path.is_dir():
            raise UsageError(f"{path} is a folder; name a file to write")
    if source and out.exists() and Path(source).exists() and os.path.samefile(source, out):
        raise UsageError(f"{out} is the input itself; name another file to write")
    check_folder(out.parent)


def make_folder(folder: Path) -> None:
    """Create ``folder`` if need be, and check that files can be written in it.

    Raises:
        ExportError: it cannot be created, or written in.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"{folder}: cannot create the folder ({error.strerror})") from None
    check_folder(folder)


def check_folder(folder: Path) -> None:
    """Raises ExportError unless a file can be created in ``folder``."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise ExportError(f"{folder}: cannot write files there ({error.strerror})") from None


def discard_parts(out: Path, options: ExportOptions) -> None:
    """Remove the ``.part`` files an export to ``out`` that was killed mid-way left."""
    _discard([_part(path) for path in output_files(out, options)])


def _part(path: Path) -> Path:
    return path.with_name(path.name + ".part")


def _discard(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def _fsync(path: Path) -> None:
    with path.open("rb") as stream:
        os.fsync(stream.fileno())
