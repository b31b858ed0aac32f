"""Export many articles: names from titles, worker processes, a manifest, resumable.

Articles are loaded first, in order, in this process (a failing input is reported and
the rest go on); then the speaking and encoding, the slow part, runs in ``jobs``
worker processes, each with its own speech engine. ``jobs`` is the number of cores
kept busy: each process speaks and encodes in turn on one core, and overlaps the two
on a second core only when there are more cores than outputs left to share them. Output names come from titles,
made safe for every file system, unique within the batch and stable between runs. A
finished output records what it was made from in a hidden file beside it, so a rerun
skips outputs that are already complete for the same text, voice and settings.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

from readout.article import Article
from readout.errors import ReadoutError
from readout.export.audio import ExportOptions, export_article
from readout.filenames import safe_name
from readout.speech.lexicon import Lexicon


@dataclass(frozen=True)
class ManifestEntry:
    """One input's outcome, as ``--json`` prints it."""

    input: str
    output: str | None
    duration: float | None
    status: str  # "ok", "skipped" or "failed"
    error: str | None = None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def unique_names(titles: Sequence[str], suffix: str) -> list[str]:
    """Safe, unique names in input order: a repeated title gets " (2)", " (3)"..."""
    seen: dict[str, int] = {}
    names = []
    for title in titles:
        base = safe_name(title)
        count = seen.get(base.casefold(), 0) + 1
        seen[base.casefold()] = count
        names.append(f"{base}{'' if count == 1 else f' ({count})'}.{suffix}")
    return names


def export_key(article: Article, options: ExportOptions) -> str:
    """What an output is made from: the text, and every setting that changes the audio."""
    digest = hashlib.sha256(article.content_hash.encode())
    digest.update(repr(sorted(asdict(options).items())).encode())
    return digest.hexdigest()


def _marker(out: Path) -> Path:
    return out.with_name(f".{out.name}.readout")


def is_complete(out: Path, key: str) -> bool:
    marker = _marker(out)
    return out.is_file() and marker.is_file() and marker.read_text("utf-8").strip() == key


# --- the worker side -----------------------------------------------------------

_engine = None


def _start_worker(engine_name: str | None) -> None:
    global _engine
    from readout.speech.engines import start_engine

    _engine = start_engine(engine_name)


def _export(
    article: Article,
    out: str,
    options: ExportOptions,
    lexicon: Lexicon | None,
    key: str,
    overlap: bool,
) -> tuple[float, str | None]:
    assert _engine is not None
    try:
        voice = options.voice or _engine.voice_for_language(article.language)
        result = export_article(
            article,
            _engine,
            Path(out),
            _with_voice(options, voice),
            lexicon=lexicon,
            overlap=overlap,
        )
    except ReadoutError as error:
        return 0.0, str(error)
    marker = _marker(Path(out))
    marker.write_text(key + "\n", "utf-8")
    return result.duration_s, None


def _with_voice(options: ExportOptions, voice: str | None) -> ExportOptions:
    from dataclasses import replace

    return replace(options, voice=voice)


# --- the batch -------------------------------------------------------------------


def run_batch(
    specs: Sequence[str],
    out_dir: Path,
    options: ExportOptions,
    *,
    load: Callable[[str], Article],
    lexicon: Lexicon | None,
    engine_name: str | None,
    jobs: int,
    force: bool,
    on_done: Callable[[ManifestEntry, int, int], None],
) -> list[ManifestEntry]:
    """Export every input; report each as it finishes; return the manifest in input order."""
    entries: dict[int, ManifestEntry] = {}
    loaded: list[tuple[int, Article]] = []
    total = len(specs)

    def finish(index: int, entry: ManifestEntry) -> None:
        entries[index] = entry
        on_done(entry, len(entries), total)

    for index, spec in enumerate(specs):
        try:
            loaded.append((index, load(spec)))
        except ReadoutError as load_error:
            finish(index, ManifestEntry(spec, None, None, "failed", str(load_error)))
    names = unique_names([article.title for _, article in loaded], options.fmt)
    work: list[tuple[int, Article, Path, str]] = []
    for (index, article), name in zip(loaded, names, strict=True):
        out = out_dir / name
        key = export_key(article, options)
        if not force and is_complete(out, key):
            finish(index, ManifestEntry(specs[index], str(out), None, "skipped"))
        else:
            work.append((index, article, out, key))

    if work:
        if jobs <= 1:
            _start_worker(engine_name)
            try:
                for index, article, out, key in work:
                    duration, problem = _export(article, str(out), options, lexicon, key, False)
                    finish(index, _entry(specs[index], out, duration, problem))
            finally:
                if _engine is not None:
                    _engine.close()
        else:
            workers = min(jobs, len(work))
            overlap = jobs >= 2 * workers
            with ProcessPoolExecutor(
                max_workers=workers, initializer=_start_worker, initargs=(engine_name,)
            ) as pool:
                futures: dict[Future[tuple[float, str | None]], tuple[int, Path]] = {
                    pool.submit(_export, article, str(out), options, lexicon, key, overlap): (
                        index,
                        out,
                    )
                    for index, article, out, key in work
                }
                try:
                    for future in as_completed(futures):
                        index, out = futures[future]
                        try:
                            duration, problem = future.result()
                        except Exception as crash:  # a worker that died: report, go on
                            duration, problem = 0.0, f"the export process failed ({crash})"
                        finish(index, _entry(specs[index], out, duration, problem))
                except KeyboardInterrupt:
                    pool.shutdown(wait=True, cancel_futures=True)
                    raise
    return [entries[index] for index in range(total)]


def _entry(spec: str, out: Path, duration: float, error: str | None) -> ManifestEntry:
    if error is not None:
        return ManifestEntry(spec, None, None, "failed", error)
    return ManifestEntry(spec, str(out), round(duration, 3), "ok")
