"""Ctrl-C ends a batch in bounded time, even when a worker does not stop.

A real process pool, started as a batch starts it; the fault injected is a worker
stuck in its task (a sleep that outlasts the grace period), which an export stuck in
a speech library would be."""

from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from readout.article import Article
from readout.export import batch
from readout.export.audio import ExportOptions, output_files

ROOT = Path(__file__).resolve().parents[2]


def _work(index: int, out: Path) -> batch._Work:
    return batch._Work(index, str(out), Article(title="T", blocks=()), out, "key")


def _parts(out: Path, options: ExportOptions) -> list[Path]:
    parts = [path.with_name(path.name + ".part") for path in output_files(out, options)]
    for part in parts:
        part.write_bytes(b"half")
    return parts


def test_a_worker_that_does_not_stop_is_ended_and_its_part_files_removed(
    tmp_path: Path,
) -> None:
    options = ExportOptions(fmt="flac", captions="vtt")
    stuck_out, quick_out = tmp_path / "stuck.flac", tmp_path / "quick.flac"
    stuck_parts, quick_parts = _parts(stuck_out, options), _parts(quick_out, options)
    pool = ProcessPoolExecutor(max_workers=2, mp_context=batch._worker_context())
    stuck = _work(0, stuck_out)
    pool.submit(time.sleep, 3600)
    pool.submit(time.sleep, 0.2)  # the quick one, reported before the stop
    processes = list(pool._processes.values())
    while not all(process.is_alive() for process in processes):
        time.sleep(0.01)
    time.sleep(0.5)  # both tasks running: the quick one ended; the stuck one never will
    began = time.monotonic()
    batch._stop_pool(pool, [stuck], options, grace_s=1.0)
    assert time.monotonic() - began < 10
    assert not any(process.is_alive() for process in processes)
    assert not any(part.exists() for part in stuck_parts)
    # The quick task was reported finished: its files are its own to keep or remove.
    assert all(part.exists() for part in quick_parts)


def test_the_readout_process_ends_after_ctrl_c_even_if_its_exit_would_wait(
    tmp_path: Path,
) -> None:
    """A thread that never ends keeps a Python process from exiting; after Ctrl-C the
    readout command ends anyway, with 130 and its one line."""
    script = (
        "import threading, time, sys\n"
        "import readout.__main__ as entry\n"
        "entry.EXIT_WITHIN_S = 1.0\n"
        "threading.Thread(target=time.sleep, args=(3600,)).start()\n"
        "import readout.cli\n"
        "def interrupted(argv=None):\n"
        "    raise KeyboardInterrupt\n"
        "readout.cli.main = interrupted\n"
        "sys.exit(entry.run())\n"
    )
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, timeout=60, cwd=ROOT, check=False
    )
    assert time.monotonic() - began < 30
    assert (done.returncode, done.stderr.decode()) == (130, "readout: interrupted\n")
