"""The worker side of a batch: each worker process owns one speech engine and exports
the articles handed to it, one at a time."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from readout.article import Article
from readout.errors import ReadoutError
from readout.export.audio import ExportOptions, export_article
from readout.export.records import write_record
from readout.speech.lexicon import Lexicon
from readout.speech.worker import SpeechWorker

_engine: SpeechWorker | None = None


def start_worker(engine_name: str | None) -> None:
    """Start this process's engine (the pool's initializer, or the parent for one job)."""
    global _engine
    from readout.speech.engines import start_engine

    _engine = start_engine(engine_name)


def stop_worker() -> None:
    """Close this process's engine, if it has one."""
    global _engine
    if _engine is not None:
        _engine.close()
        _engine = None


def has_engine() -> bool:
    return _engine is not None


def export_one(
    article: Article,
    out: str,
    options: ExportOptions,
    lexicon: Lexicon | None,
    key: str,
    overlap: bool,
) -> tuple[float, str | None]:
    """Export ``article`` to ``out`` and record it; (duration, None) or (0, the error)."""
    assert _engine is not None
    try:
        voice = options.voice or _engine.voice_for_language(article.language)
        result = export_article(
            article,
            _engine,
            Path(out),
            replace(options, voice=voice),
            lexicon=lexicon,
            overlap=overlap,
        )
    except ReadoutError as error:
        return 0.0, str(error)
    write_record(Path(out), key, article.source or "", result.duration_s)
    return result.duration_s, None
