"""Export many articles: names from titles, worker processes, a manifest, resumable.

Articles are loaded in this process, a few ahead of the one being named, so that
fetches overlap each other and the exports (a failing input is reported and the rest
go on); each is handed on as soon as it is named, and the speaking and encoding, the
slow part, runs in ``jobs`` worker processes (see ``workers``), each with its own speech
engine. ``jobs`` is the number of cores kept busy: each process speaks and encodes in
turn on one core, and overlaps the two on a second core only when there are more cores
than outputs left to share them. Output names come from titles, made safe for every file
system, unique within the batch and stable between runs. A finished output records what
it was made from beside it (see ``records``), so a rerun skips outputs that are already
complete for the same text, voice and settings.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import multiprocessing.context
import multiprocessing.process
import os
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from readout.article import Article
from readout.errors import ReadoutError
from readout.export import workers
from readout.export.audio import ExportOptions, discard_parts
from readout.export.progress import planned
from readout.export.records import belongs_to_another, complete_duration, export_key
from readout.filenames import safe_name
from readout.speech.lexicon import Lexicon
from readout.speech.pending import Pending

if TYPE_CHECKING:
    from readout.export.workers import ProgressQueue


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


def free_name(names: UniqueNames, out_dir: Path, title: str, source: str) -> Path:
    """The output path for ``title``: its name, or "Title (2)" and on when an earlier
    output of that name came from another source ("Letters", "Weather")."""
    while True:
        out = out_dir / names.name_for(title)
        if not belongs_to_another(out, source):
            return out


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
    on_done: Callable[[int, ManifestEntry, int, int], None],
    on_progress: workers.Report | None = None,
) -> list[ManifestEntry]:
    """Export every input; return the manifest in input order.

    ``on_done(index, entry, done, total)`` hears of each input as it finishes;
    ``on_progress(index, progress)`` of each output as it is rendered, from whichever
    process renders it (called from another thread for worker processes).
    """
    entries: dict[int, ManifestEntry] = {}
    total = len(specs)

    def finish(index: int, entry: ManifestEntry) -> None:
        entries[index] = entry
        on_done(index, entry, len(entries), total)

    names = UniqueNames(options.fmt)

    def work() -> Iterator[_Work]:
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
            if on_progress:
                on_progress(index, planned(loaded))
            yield _Work(index, specs[index], loaded, out, key)

    job = _Job(options, lexicon, engine_name, on_progress)
    if jobs <= 1:
        _export_here(work(), job, finish)
    else:
        count = min(jobs, total)
        _export_in_pool(work(), job, finish, count, overlap=jobs >= 2 * count)
    return [entries[index] for index in range(total)]


@dataclass(frozen=True)
class _Work:
    """One output to make."""

    index: int
    spec: str
    article: Article
    out: Path
    key: str


@dataclass(frozen=True)
class _Job:
    """What every output of the batch is made with."""

    options: ExportOptions
    lexicon: Lexicon | None
    engine_name: str | None
    report: workers.Report | None


_Finish = Callable[[int, ManifestEntry], None]


def _export_here(work: Iterator[_Work], job: _Job, finish: _Finish) -> None:
    """One job: export in this process, one output after another."""
    try:
        for item in work:
            if not workers.has_engine():
                workers.start_worker(job.engine_name, job.report)  # once there is work
            made = workers.export_one(
                item.index, item.article, str(item.out), job.options, job.lexicon, item.key, False
            )
            finish(item.index, _entry(item, *made))
    finally:
        workers.stop_worker()


def _export_in_pool(
    work: Iterator[_Work], job: _Job, finish: _Finish, count: int, *, overlap: bool
) -> None:
    """Hand each output to a pool of ``count`` worker processes as its input loads."""
    context = _worker_context()
    stopped = context.Event()  # a stop that reaches this process alone
    with (
        _progress_relay(job.report, context) as progress,
        ProcessPoolExecutor(
            max_workers=count,
            mp_context=context,
            initializer=workers.start_pool_worker,
            initargs=(job.engine_name, progress, stopped),
        ) as pool,
    ):
        futures: dict[Future[tuple[float, str | None]], _Work] = {}
        handed: dict[int, _Work] = {}  # handed to the pool and not reported yet

        def report(future: Future[tuple[float, str | None]]) -> None:
            item = futures.pop(future)
            try:
                made = future.result()
            except Exception as crash:  # a worker that died: report, go on
                discard_parts(item.out, job.options)  # it could not remove its own
                made = 0.0, f"the export process failed ({crash})"
            finish(item.index, _entry(item, *made))
            handed.pop(item.index, None)

        try:
            for item in work:
                handed[item.index] = item  # before: a stop may come inside submit()
                with _interrupts_held():  # the first submit forks the workers
                    future = pool.submit(
                        workers.export_one, item.index, item.article, str(item.out),
                        job.options, job.lexicon, item.key, overlap,
                    )  # fmt: skip
                futures[future] = item
                for done in [f for f in futures if f.done()]:  # while inputs still load
                    report(done)
            for future in as_completed(list(futures)):
                report(future)
        except KeyboardInterrupt:
            stopped.set()  # the workers' exports stop at their next sentence
            with _deaf_to_stops():  # a second stop (timeout sends two) must not cut it short
                _stop_pool(pool, list(handed.values()), job.options)
            raise


STOP_GRACE_S = 10.0
"""After Ctrl-C, a worker has this long to stop its export at a sentence's end (it
removes its own ``.part`` files); one still running then is ended."""


def _stop_pool(
    pool: ProcessPoolExecutor,
    unfinished: list[_Work],
    options: ExportOptions,
    grace_s: float = STOP_GRACE_S,
) -> None:
    """Shut ``pool`` down after Ctrl-C without ever waiting on it for ever: queued exports
    are cancelled, running ones get ``grace_s`` to stop, and a worker that has not
    stopped by then (stuck in a speech library, say) is killed. The unfinished outputs'
    ``.part`` files are removed here once no worker runs. Ctrl-C must end the batch."""
    # The pool's own list (3.14 has pool.kill_workers()): shutdown() lets go of it.
    processes = list((pool._processes or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    late = _still_running(processes, grace_s)
    for process in late:
        with contextlib.suppress(OSError):
            process.kill()
    if late:
        _still_running(late, grace_s)
    # A worker that stopped at a sentence removed its own; one killed with the batch
    # (``timeout`` and ``kill 0`` send SIGTERM to the whole group) could not.
    for item in unfinished:
        discard_parts(item.out, options)
    pool.shutdown(wait=True)


def _still_running(
    processes: Sequence[multiprocessing.process.BaseProcess], within_s: float
) -> list[multiprocessing.process.BaseProcess]:
    """Wait up to ``within_s`` for ``processes`` to end; those that have not. A process's
    sentinel is ready once it has ended, and waiting on it reads nothing, so the pool's
    own thread still reaps the process as it always does."""
    running = {process.sentinel: process for process in processes}
    deadline = time.monotonic() + within_s
    while running and (left := deadline - time.monotonic()) > 0:
        ended = set(multiprocessing.connection.wait(list(running), left))
        running = {sentinel: p for sentinel, p in running.items() if sentinel not in ended}
    return list(running.values())


def _worker_context() -> multiprocessing.context.BaseContext:
    """How worker processes start: from a fork server, never by forking this process.

    This process has threads by the time the pool starts (inputs load ahead, progress
    is relayed); a process forked from it inherits any lock one of them held, such as
    a module's import lock mid-import, and can hang before its first export, deaf to
    Ctrl-C. The fork server is a fresh single-threaded process that has imported the
    worker's modules once (``workers_preload``), so a worker still starts in
    milliseconds, and with Ctrl-C and hang-up ignored until its own handler is in.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["readout.export.workers_preload"])
    _start_helpers_deaf_to_interrupts()
    return context


def _start_helpers_deaf_to_interrupts() -> None:
    """Start multiprocessing's fork server and resource tracker with Ctrl-C and hang-up
    ignored, as they then stay: they are in the terminal's process group, and a tracker
    killed by a hang-up is started again by the next worker's exit, with a warning and
    tracebacks of its own."""
    from multiprocessing import forkserver, resource_tracker

    if threading.current_thread() is not threading.main_thread():
        return  # signal dispositions can be changed from the main thread only
    before = {number: signal.signal(number, signal.SIG_IGN) for number in workers.INTERRUPTS}
    try:
        with _in_an_empty_folder():
            resource_tracker.ensure_running()
            forkserver.ensure_running()
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


@contextlib.contextmanager
def _in_an_empty_folder() -> Iterator[None]:
    """Work in a new empty folder for the moment: the helpers start as ``python -c``,
    which imports from the current folder first, and a folder holding a ``json/`` or
    an old ``readout/`` checkout would be imported in place of the real ones (each
    worker is then put back in this process's folder before it starts)."""
    here = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="readout-") as empty:
        os.chdir(empty)
        try:
            yield
        finally:
            os.chdir(here)


@contextlib.contextmanager
def _progress_relay(
    report: workers.Report | None, context: multiprocessing.context.BaseContext
) -> Iterator[ProgressQueue | None]:
    """A queue for the workers' progress, and a thread handing it on to ``report``,
    until the pool is gone (leave the pool first)."""
    if report is None:
        yield None
        return
    queue: ProgressQueue = context.Queue()
    relay = threading.Thread(
        target=_relay, args=(queue, report), name="readout-progress", daemon=True
    )
    relay.start()
    try:
        yield queue
    finally:
        queue.put(None)
        relay.join(timeout=5)
        queue.close()
        queue.cancel_join_thread()  # a relay that gave up reads no more: never wait on it


def _relay(queue: ProgressQueue, report: workers.Report) -> None:
    try:
        while (item := queue.get()) is not None:
            report(*item)
    except Exception:  # progress is only shown: a broken relay must never print or stop
        return  # the batch (a worker killed mid-put leaves half a message)


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Ctrl-C and hang-up held back (in this thread) while worker processes may be forked:
    a worker gets them only once its own handler is in place, and this process right after."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, workers.INTERRUPTS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


_STOPS = (signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else []))


@contextlib.contextmanager
def _deaf_to_stops() -> Iterator[None]:
    """Ctrl-C, hang-up and ``kill`` ignored while a stop cleans up, which takes at most
    two grace periods: ``timeout`` signals the process, then its whole group, and a
    second Ctrl-C is pressed when the first seems slow; either cut the clean-up short
    and left the workers' ``.part`` files behind."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {number: signal.signal(number, signal.SIG_IGN) for number in _STOPS}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def _entry(item: _Work, duration: float, error: str | None) -> ManifestEntry:
    if error is not None:
        return ManifestEntry(item.spec, None, None, "failed", error)
    return ManifestEntry(item.spec, str(item.out), round(duration, 3), "ok")
