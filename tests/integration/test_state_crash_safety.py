"""The store under kill -9, a full disk, and damaged files: nothing saved is ever lost."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from readout.errors import StateError
from readout.state import Store
from tests.conftest import ROOT

WRITER = Path(__file__).with_name("store_writer.py")


def test_kill_9_two_hundred_times_keeps_the_store_sound_and_current(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    rng = random.Random(8)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(200):
        child = subprocess.Popen(
            [sys.executable, str(WRITER), str(path)], stdout=subprocess.PIPE, env=env
        )
        assert child.stdout is not None
        child.stdout.readline()  # it has started writing
        time.sleep(rng.uniform(0, 0.03))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=10)
        written = [int(n) for n in out.decode().split()]
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        store = Store(path)
        saved = store.load_position("article", "source")
        store.close()
        assert saved is not None
        if written:
            # The last value it reported committed, or the one it was writing when killed.
            assert saved.block in (written[-1], written[-1] + 1)


def test_a_full_disk_fails_in_one_error_and_keeps_what_was_saved(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    store = Store(path)
    store.save_position("article", "source", 3, 1)
    store.add_mark("source", "article", 3, 1, "A sentence.", "keep me")
    # SQLite's own "database or disk is full": no page may be added any more.
    pages = store._connection.execute("PRAGMA page_count").fetchone()[0]
    store._connection.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StateError, match="cannot save"):
        for number in range(2000):
            store.add_mark("source", "article", number, 0, "x" * 500, "y" * 500)
    store.close()
    again = Store(path)
    saved = again.load_position("article", "source")
    assert saved is not None and (saved.block, saved.sentence) == (3, 1)
    assert next(m.note for m in again.marks("source")) == "keep me"
    again.close()


def test_a_hundred_damaged_stores_each_start_cleanly(tmp_path: Path) -> None:
    rng = random.Random(100)
    good = tmp_path / "good.sqlite3"
    store = Store(good)
    for n in range(50):
        store.save_position(f"a{n}", "s", n, 0)
    store.close()
    content = good.read_bytes()
    for number in range(100):
        folder = tmp_path / f"v{number}"
        folder.mkdir()
        path = folder / "state.sqlite3"
        kind = number % 4
        if kind == 0:
            damaged = content[: rng.randrange(1, len(content))]
        elif kind == 1:
            damaged = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8192)))
        elif kind == 2:
            start = rng.randrange(100, len(content) - 200)
            damaged = (
                content[:start]
                + bytes(rng.randrange(256) for _ in range(200))
                + content[start + 200 :]
            )
        else:
            damaged = b"SQLite format 3\x00" + bytes(rng.randrange(256) for _ in range(4000))
        path.write_bytes(damaged)
        warnings: list[str] = []
        try:
            opened = Store(path, warn=warnings.append)
        except StateError:
            pytest.fail(f"variant {number} ({kind}) did not start")
        opened.save_position("new", "s", 1, 0)  # usable
        opened.close()
        assert len(warnings) <= 1


def _mount_tmpfs(where: Path, size: str) -> bool:
    """A small filesystem of our own, to make a real full disk or read-only folder."""
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    where = tmp_path / "disk"
    if os.geteuid() != 0 or not _mount_tmpfs(where, "256k"):
        pytest.skip("needs root to mount a small tmpfs")
    yield where
    subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


def _saved_home(disk: Path) -> Path:
    from tests.conftest import run_cli

    home = disk / "home"
    sample = str(ROOT / "assets" / "sample-article.txt")
    result = run_cli(
        "read", sample, "--audio-device", "null", "--from", "8", env={"READOUT_HOME": str(home)}
    )
    assert result.code == 0
    store = Store(home / "state" / "state.sqlite3")
    store.save_position("kept", "source", 4, 2)
    store.close()
    return home


def _kept(home: Path) -> None:
    store = Store(home / "state" / "state.sqlite3")
    saved = store.load_position("kept", "source")
    store.close()
    assert saved is not None and (saved.block, saved.sentence) == (4, 2)


def test_a_read_only_state_dir_gives_one_line_and_exit_74(small_disk: Path) -> None:
    from tests.conftest import run_cli

    home = _saved_home(small_disk)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    sample = str(ROOT / "assets" / "sample-article.txt")
    result = run_cli("marks", sample, "--remove", "1", env={"READOUT_HOME": str(home)})
    assert result.code in (2, 74), result.stderr  # no mark 1, or the store cannot be opened
    result = run_cli(
        "read", sample, "--audio-device", "null", "--from", "8", env={"READOUT_HOME": str(home)}
    )
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) <= 1
    assert result.code in (0, 74)
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    _kept(home)


def test_a_really_full_disk_gives_one_line_and_exit_74(small_disk: Path) -> None:
    from tests.conftest import run_cli

    home = _saved_home(small_disk)
    filler = small_disk / "filler"
    with filler.open("wb", buffering=0) as stream:
        try:
            while True:
                stream.write(b"\0" * 4096)
        except OSError:
            pass  # the disk is full now
    result = run_cli(
        "export", str(ROOT / "assets" / "sample-article.txt"), "-o", str(small_disk / "out.wav"),
        env={"READOUT_HOME": str(home)},
    )  # fmt: skip
    assert result.code == 74 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (small_disk / "out.wav").exists() and not (small_disk / "out.wav.part").exists()
    filler.unlink()
    _kept(home)
