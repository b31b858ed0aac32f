"""Export many articles: names from titles, worker processes, a manifest, resumable.

Articles are loaded in this process, a few ahead of the one being named, so that
fetches overlap each other and the exports (a failing input is reported and the rest
go on); each is handed on as soon as it is named, and the speaking and encoding, the
slow part, runs in ``jobs`` worker processes, each with its own speech engine. ``jobs`` is the number of cores
kept busy: each process speaks and encodes in turn on one core, and overlaps the two
on a second core only when there are more cores than outputs left to share them. Output names come from titles,
made safe for every file system, unique within the batch and stable between runs. A
finished output records what it was made from in a hidden file beside it, so a rerun
skips outputs that are already complete for the same text, voice and settings.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

from readout.article import Article
from readout.errors import ReadoutError
from readout.export.audio import ExportOptions, export_article
from readout.filenames import safe_name
from readout.speech.lexicon import Lexicon
from readout.speech.pending import Pending


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


class UniqueNames:
    """Safe, unique names given in input order: a repeated title gets " (2)", " (3)"..."""

    def __init__(self, suffix: str) -> None:
        self._suffix = suffix
        self._seen: dict[str, int] = {}

    def name_for(self, title: str) -> str:
        base = safe_name(title)
        count = self._seen.get(base.casefold(), 0) + 1
        self._seen[base.casefold()] = count
        return f"{base}{'' if count == 1 else f' ({count})'}.{self._suffix}"


def unique_names(titles: Sequence[str], suffix: str) -> list[str]:
    """:class:`UniqueNames` for a whole list at once."""
    names = UniqueNames(suffix)
    return [names.name_for(title) for title in titles]


LOAD_AHEAD = 8
"""Inputs being loaded ahead of the one being named."""


def loaded_in_order(
    specs: Sequence[str], load: Callable[[str], Article]
) -> Iterator[tuple[int, Article | ReadoutError]]:
    """Each input's article (or error) in input order, up to ``LOAD_AHEAD`` loading at once.

    Loads run in daemon threads: a fetch still waiting when Ctrl-C stops the batch
    does not hold the process up.
    """
    pending: dict[int, Pending[Article]] = {}

    def start(index: int) -> None:
        result: Pending[Article] = Pending()

        def run() -> None:
            try:
                result.set_result(load(specs[index]))
            except BaseException as error:  # handed to the consumer
                result.set_exception(error)

        threading.Thread(target=run, name="readout-load", daemon=True).start()
        pending[index] = result

    for index in range(min(LOAD_AHEAD, len(specs))):
        start(index)
    for index in range(len(specs)):
        result = pending.pop(index)
        if index + LOAD_AHEAD < len(specs):
            start(index + LOAD_AHEAD)
        try:
            article = result.result()
        except ReadoutError as error:
            yield index, error
        else:
            yield index, article


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
    global _engine
    entries: dict[int, ManifestEntry] = {}
    total = len(specs)

    def finish(index: int, entry: ManifestEntry) -> None:
        entries[index] = entry
        on_done(entry, len(entries), total)

    names = UniqueNames(options.fmt)

    def work() -> Iterator[tuple[int, Article, Path, str]]:
        """What is left to export, as the inputs load; reports failures and skips."""
        for index, loaded in loaded_in_order(specs, load):
            if isinstance(loaded, ReadoutError):
                finish(index, ManifestEntry(specs[index], None, None, "failed", str(loaded)))
                continue
            out = out_dir / names.name_for(loaded.title)
            key = export_key(loaded, options)
            if not force and is_complete(out, key):
                finish(index, ManifestEntry(specs[index], str(out), None, "skipped"))
                continue
            yield index, loaded, out, key

    if jobs <= 1:
        try:
            for index, article, out, key in work():
                if _engine is None:
                    _start_worker(engine_name)  # not before there is something to speak
                duration, problem = _export(article, str(out), options, lexicon, key, False)
                finish(index, _entry(specs[index], out, duration, problem))
        finally:
            if _engine is not None:
                _engine.close()
                _engine = None
        return [entries[index] for index in range(total)]

    workers = min(jobs, total)
    overlap = jobs >= 2 * workers
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(engine_name,)
    ) as pool:
        futures: dict[Future[tuple[float, str | None]], tuple[int, Path]] = {}

        def report(future: Future[tuple[float, str | None]]) -> None:
            index, out = futures.pop(future)
            try:
                duration, problem = future.result()
            except Exception as crash:  # a worker that died: report, go on
                duration, problem = 0.0, f"the export process failed ({crash})"
            finish(index, _entry(specs[index], out, duration, problem))

        try:
            for index, article, out, key in work():
                future = pool.submit(_export, article, str(out), options, lexicon, key, overlap)
                futures[future] = (index, out)
                for done in [f for f in futures if f.done()]:  # while inputs still load
                    report(done)
            for future in as_completed(list(futures)):
                report(future)
        except KeyboardInterrupt:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return [entries[index] for index in range(total)]


def _entry(spec: str, out: Path, duration: float, error: str | None) -> ManifestEntry:
    if error is not None:
        return ManifestEntry(spec, None, None, "failed", error)
    return ManifestEntry(spec, str(out), round(duration, 3), "ok")
