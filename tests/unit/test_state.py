"""The state store: round trips, and damaged files moved aside with one warning."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from readout.errors import StateError
from readout.state import SavedPosition, Store


def make_store(path: Path, warnings: list[str]) -> Store:
    return Store(path, warn=warnings.append)


def test_positions_and_history_round_trip(tmp_path: Path) -> None:
    store = make_store(tmp_path / "s.db", [])
    store.record_opened("hash", "a.txt", "A title")
    store.save_position("hash", "a.txt", 3, 1)
    store.save_position("hash", "a.txt", 4, 0)
    saved = store.load_position("hash", "a.txt")
    assert saved is not None and (saved.block, saved.sentence) == (4, 0)
    assert store.load_position("hash", "b.txt") is None
    [entry] = store.history()
    assert entry.title == "A title" and entry.position is not None and entry.position.block == 4
    store.forget_position("hash", "a.txt")
    assert store.load_position("hash", "a.txt") is None
    store.close()


def _variants(path: Path) -> dict[str, bytes]:
    good = make_store(path, [])
    good.save_position("h", "s", 1, 1)
    good.close()
    content = path.read_bytes()
    path.unlink()
    return {
        "zero bytes": b"",
        "truncated": content[: len(content) // 3],
        "random bytes": os.urandom(4096),
        "text file": b"not a database at all\n" * 50,
        "header only": content[:100],
        "garbled pages": content[:1024] + os.urandom(len(content) - 1024),
    }


@pytest.mark.parametrize(
    "variant",
    ["zero bytes", "truncated", "random bytes", "text file", "header only", "garbled pages"],
)
def test_a_damaged_store_is_moved_aside_and_started_afresh(tmp_path: Path, variant: str) -> None:
    path = tmp_path / "state.sqlite3"
    damaged = _variants(path)[variant]
    path.write_bytes(damaged)
    warnings: list[str] = []
    store = make_store(path, warnings)
    store.save_position("h", "s", 2, 0)
    assert store.load_position("h", "s") is not None
    store.close()
    aside = list(tmp_path.glob("state.sqlite3.corrupt-*"))
    if variant == "zero bytes":
        assert not aside and not warnings  # an empty file is simply a new database
    else:
        assert len(warnings) == 1 and "moved it to" in warnings[0]
        moved = next(p for p in aside if not p.name.endswith(("-wal", "-shm")))
        assert moved.read_bytes() == damaged


def test_wrong_schema_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE positions (x TEXT)")
        db.execute("CREATE TABLE history (y TEXT)")
    warnings: list[str] = []
    store = make_store(path, warnings)
    store.save_position("h", "s", 0, 0)
    store.close()
    assert len(warnings) == 1


def test_a_state_dir_that_cannot_be_made_is_a_state_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    with pytest.raises(StateError, match="cannot create the state directory"):
        Store(blocker / "state" / "state.sqlite3")


def test_a_store_from_before_places_is_migrated_and_keeps_its_positions(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE positions (article TEXT NOT NULL, source TEXT NOT NULL, "
        "block INTEGER NOT NULL, sentence INTEGER NOT NULL, updated REAL NOT NULL, "
        "PRIMARY KEY (article, source));"
        "INSERT INTO positions VALUES ('h', 'a.txt', 3, 1, 1.0);"
        "PRAGMA user_version = 1;"
    )
    old.commit()
    old.close()
    store = Store(path)
    assert store.load_position("h", "a.txt") == SavedPosition(3, 1, 1.0, "")
    store.save_position("h", "a.txt", 4, 0, "Paragraph 4 of 8, sentence 1 of 2")
    saved = store.load_position("h", "a.txt")
    assert saved is not None and saved.place == "Paragraph 4 of 8, sentence 1 of 2"
    store.close()


@pytest.mark.parametrize("seed", [127, 284, 527])
def test_a_store_whose_garbled_pages_give_sqlite_bytes_that_are_not_text_is_moved_aside(
    tmp_path: Path, seed: int
) -> None:
    """These garblings make SQLite hand back bytes that are not UTF-8 where it returns
    text: Python raised UnicodeDecodeError, not a database error, and readout crashed
    (found by the random "garbled pages" case above, 3 times in 300)."""
    import random

    path = tmp_path / "state.sqlite3"
    good = make_store(path, [])
    good.save_position("h", "s", 1, 1)
    good.close()
    content = path.read_bytes()
    path.write_bytes(content[:1024] + random.Random(seed).randbytes(len(content) - 1024))
    warnings: list[str] = []
    store = make_store(path, warnings)
    store.save_position("h", "s", 2, 0)
    assert store.load_position("h", "s") is not None
    store.close()
    assert len(warnings) == 1 and "damaged" in warnings[0]
