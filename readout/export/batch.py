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

import contextlib
import hashlib
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

from readout.article import Article
from readout.errors import ReadoutError
from readout.export.audio import ExportOptions, export_article
from readout.export.tags import audio_length
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


def free_name(names: UniqueNames, out_dir: Path, title: str, source: str) -> Path:
    """The output path for ``title``: its name, or "Title (2)" and on when an earlier
    output of that name came from another source ("Letters", "Weather")."""
    while True:
        out = out_dir / names.name_for(title)
        if not belongs_to_another(out, source):
            return out


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
    marker.write_text(f"{key}\n{article.source or ''}\n{result.duration_s:.3f}\n", "utf-8")
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
            out = free_name(names, out_dir, loaded.title, loaded.source or "")
            key = export_key(loaded, options)
            duration = None if force else complete_duration(out, key)
            if duration is not None:
                finish(index, ManifestEntry(specs[index], str(out), round(duration, 3), "skipped"))
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
