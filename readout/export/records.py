"""The hidden record beside each batch output: what it was made from, and how long it is.

``.NAME.readout`` holds three lines: the export key (the text and every setting that
changes the audio), the source, and the duration in seconds. A rerun skips an output
whose key matches; a new output never replaces one that another source made.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import asdict
from pathlib import Path

from readout.article import Article
from readout.export.audio import ExportOptions
from readout.export.tags import audio_length


def export_key(article: Article, options: ExportOptions) -> str:
    """What an output is made from: the text, and every setting that changes the audio."""
    digest = hashlib.sha256(article.content_hash.encode())
    digest.update(repr(sorted(asdict(options).items())).encode())
    return digest.hexdigest()


def write_record(out: Path, key: str, source: str, duration_s: float) -> None:
    """Record what the finished ``out`` was made from."""
    _marker(out).write_text(f"{key}\n{source}\n{duration_s:.3f}\n", "utf-8")


def _marker(out: Path) -> Path:
    return out.with_name(f".{out.name}.readout")


def _record(out: Path) -> list[str] | None:
    """The lines of ``out``'s record (what it was made from), or None without one."""
    try:
        return _marker(out).read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None


def complete_duration(out: Path, key: str) -> float | None:
    """How long ``out`` is, if it is complete for ``key``; None if it must be made.

    The record keeps the duration, so a skipped output's manifest entry has one; for a
    record from before durations were kept the file itself says. An output whose
    length cannot be read at all is made again rather than reported without one.
    """
    record = _record(out)
    if not out.is_file() or not record or record[0].strip() != key:
        return None
    if len(record) > 2:
        with contextlib.suppress(ValueError):
            return float(record[2])
    return audio_length(out)


def belongs_to_another(out: Path, source: str) -> bool:
    """An existing output that another source made (or that readout did not make at
    all): a new output must not replace it. A record from before sources were kept
    counts as this source's."""
    if not out.exists():
        return False
    record = _record(out)
    if record is None:
        return True
    return len(record) > 1 and record[1] != source
