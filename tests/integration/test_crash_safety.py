"""Kill -9 during playback, again and again: the store stays sound and resume keeps up."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from readout.loading import load
from readout.state import Store
from tests.conftest import FIXTURES, ROOT

HARNESS = Path(__file__).with_name("kill_harness.py")
ARTICLE = FIXTURES / "scraped-clinic.txt"
KILLS = 50


def test_kill_9_fifty_times_never_corrupts_and_resume_is_at_most_one_sentence_behind(
    tmp_path: Path,
) -> None:
    article = load(str(ARTICLE))
    units = [(-1, 0)] + [
        (b, s) for b, block in enumerate(article.blocks) for s in range(len(block.sentences))
    ]
    store_path = tmp_path / "state.sqlite3"
    rng = random.Random(20261128)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    checked = 0
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(HARNESS), str(ARTICLE), str(store_path)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        )  # fmt: skip
        time.sleep(rng.uniform(0.25, 0.9))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=10)
        spoken = [
            tuple(map(int, line.split())) for line in out.decode().splitlines() if line.strip()
        ]

        with sqlite3.connect(store_path) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        store = Store(store_path)
        saved = store.load_position(article.content_hash, article.source or "")
        store.close()
        if not spoken:
            continue  # killed before the first sentence: nothing new to keep
        last = units.index(spoken[-1])
        if saved is None:
            assert last >= len(units) - 1  # only a finished article forgets its position
            continue
        position = units.index((saved.block, saved.sentence))
        assert position >= last - 1, (spoken[-1], (saved.block, saved.sentence))
        checked += 1
    assert checked >= KILLS // 2
