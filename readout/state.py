"""The user's reading state: resume positions and history, in SQLite.

Every write is its own transaction in WAL mode, so a process killed at any moment
leaves the store consistent with the last or the next value. Positions are keyed by
the article's content hash and its source. A store that cannot be read as a database
is moved aside (``NAME.corrupt-<time>``) with a one-line warning and started afresh;
nothing is ever silently overwritten.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readout.defaults import Preference
from readout.errors import StateError

_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS positions (
    article TEXT NOT NULL,
    source TEXT NOT NULL,
    block INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    updated REAL NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article, source)
);
CREATE TABLE IF NOT EXISTS marks (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    article TEXT NOT NULL,
    block INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    text TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS preferences (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS history (
    article TEXT NOT NULL,
    source TEXT NOT NULL,
    title TEXT NOT NULL,
    opened REAL NOT NULL,
    PRIMARY KEY (article, source)
);
"""


class _DamagedStore(Exception):
    """The file is a database, but not one of ours."""


@dataclass(frozen=True)
class SavedPosition:
    """Where reading stopped: block -1 is the title."""

    block: int
    sentence: int
    updated: float
    place: str = ""
    """The place as the listener heard it ("Paragraph 4 of 8, sentence 2 of 3")."""


@dataclass(frozen=True)
class Mark:
    """A flagged sentence: where it was, its exact text (to find it again after edits), a note."""

    id: int
    source: str
    article: str
    block: int
    sentence: int
    text: str
    note: str
    created: float


@dataclass(frozen=True)
class HistoryEntry:
    source: str
    title: str
    opened: float
    position: SavedPosition | None

    @property
    def stopped_at(self) -> str:
        """ "stopped at paragraph 4 of 8, sentence 2 of 3", in the one numbering."""
        if self.position is None or self.position.block < 0:
            return "from the start"
        place = self.position.place
        return f"stopped at {place[:1].lower()}{place[1:]}" if place else "stopped partway"


class Store:
    """The state database. Thread-safe; every method is one short transaction."""

    def __init__(self, path: Path, *, warn: Callable[[str], None] | None = None) -> None:
        self.path = path
        self._warn = warn or (lambda message: None)
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StateError(
                f"{path.parent}: cannot create the state directory ({error.strerror})"
            ) from None
        self._connection = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except _DamagedStore:
            pass
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError) and not self._is_corrupt():
                raise StateError(f"{self.path}: cannot open the state store ({error})") from None
        moved = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(self.path, moved)
            for suffix in ("-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.replace(f"{self.path}{suffix}", f"{moved}{suffix}")
        except OSError as error:
            raise StateError(
                f"{self.path}: the state store is damaged and cannot be moved aside ({error.strerror})"
            ) from None
        self._warn(f"the state store was damaged; moved it to {moved.name} and started afresh")
        try:
            return self._connect()
        except sqlite3.DatabaseError as error:
            raise StateError(f"{self.path}: cannot create the state store ({error})") from None

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(
            self.path, timeout=5.0, isolation_level=None, check_same_thread=False
        )
        try:
            connection.execute("PRAGMA busy_timeout = 5000")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, _SCHEMA_VERSION):
                raise _DamagedStore(f"unknown schema version {version}")
            connection.executescript(_SCHEMA)
            columns = {row[1] for row in connection.execute("PRAGMA table_info(positions)")}
            if "place" not in columns:  # a store from before places were kept
                connection.execute(
                    "ALTER TABLE positions ADD COLUMN place TEXT NOT NULL DEFAULT ''"
                )
            connection.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
            try:
                connection.execute(
                    "SELECT article, source, block, sentence, updated FROM positions"
                )
                connection.execute("SELECT article, source, title, opened FROM history")
            except sqlite3.OperationalError as error:
                raise _DamagedStore(f"unexpected tables ({error})") from None
        except (sqlite3.DatabaseError, _DamagedStore):
            connection.close()
            raise
        except UnicodeDecodeError as error:
            # Garbled pages can put bytes that are not text where SQLite returns text
            # (a pragma's answer, an error message): damage as well.
            connection.close()
            raise _DamagedStore(f"garbled text ({error.reason})") from None
        return connection

    def _is_corrupt(self) -> bool:
        """An OperationalError may mean a locked or unwritable file rather than damage."""
        try:
            with self.path.open("rb") as stream:
                header = stream.read(16)
        except OSError:
            return False
        return header != b"SQLite format 3\x00"

    def _read(self, sql: str, parameters: tuple[object, ...]) -> list[Any]:
        """The rows ``sql`` selects; a damaged store is one clear error."""
        with self._lock:
            try:
                return self._connection.execute(sql, parameters).fetchall()
            except sqlite3.Error as error:
                raise StateError(f"{self.path}: cannot read ({error})") from None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._connection.execute("BEGIN IMMEDIATE")
                try:
                    yield self._connection
                except BaseException:
                    self._connection.execute("ROLLBACK")
                    raise
                self._connection.execute("COMMIT")
            except sqlite3.Error as error:
                raise StateError(f"{self.path}: cannot save ({error})") from None

    def save_position(
        self, article: str, source: str, block: int, sentence: int, place: str = ""
    ) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO positions (article, source, block, sentence, updated, place) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (article, source) DO UPDATE SET "
                "block = excluded.block, sentence = excluded.sentence, "
                "updated = excluded.updated, place = excluded.place",
                (article, source, block, sentence, time.time(), place),
            )

    def forget_position(self, article: str, source: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM positions WHERE article = ? AND source = ?", (article, source))

    def load_position(self, article: str, source: str) -> SavedPosition | None:
        rows = self._read(
            "SELECT block, sentence, updated, place FROM positions "
            "WHERE article = ? AND source = ?",
            (article, source),
        )
        return SavedPosition(*rows[0]) if rows else None

    def has_position(self, source: str) -> bool:
        """Whether any version of ``source`` has a saved position (cheaper than hashing it)."""
        return bool(self._read("SELECT 1 FROM positions WHERE source = ? LIMIT 1", (source,)))

    def record_opened(self, article: str, source: str, title: str) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO history VALUES (?, ?, ?, ?) ON CONFLICT (article, source) "
                "DO UPDATE SET title = excluded.title, opened = excluded.opened",
                (article, source, title, time.time()),
            )

    def history(self, limit: int = 50) -> list[HistoryEntry]:
        rows = self._read(
            "SELECT h.source, h.title, h.opened, p.block, p.sentence, p.updated, p.place "
            "FROM history h "
            "LEFT JOIN positions p ON p.article = h.article AND p.source = h.source "
            "ORDER BY h.opened DESC LIMIT ?",
            (limit,),
        )
        return [
            HistoryEntry(
                source, title, opened, SavedPosition(b, s, u, place) if b is not None else None
            )
            for source, title, opened, b, s, u, place in rows
        ]

    def add_mark(
        self, source: str, article: str, block: int, sentence: int, text: str, note: str = ""
    ) -> int:
        """Flag a sentence; returns the mark's id."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO marks (source, article, block, sentence, text, note, created) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (source, article, block, sentence, text, note, time.time()),
            )
            return int(cursor.lastrowid or 0)

    def set_mark_note(self, mark_id: int, note: str) -> None:
        with self._transaction() as db:
            db.execute("UPDATE marks SET note = ? WHERE id = ?", (note, mark_id))

    def remove_mark(self, mark_id: int) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM marks WHERE id = ?", (mark_id,))

    def marks(self, source: str) -> list[Mark]:
        """Every mark made on this source (any version of its text), oldest first."""
        rows = self._read(
            "SELECT id, source, article, block, sentence, text, note, created FROM marks "
            "WHERE source = ? ORDER BY created, id",
            (source,),
        )
        return [Mark(*row) for row in rows]

    def set_preference(self, name: str, value: str) -> None:
        """Remember a choice made in the app (the theme, say) for next time."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO preferences VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (name, value),
            )

    def remembered(self, name: Preference) -> int | None:
        """The speed or volume the listener last chose, if they chose one."""
        value = self.preference(name)
        return int(value) if value is not None and value.isdigit() else None

    def preference(self, name: str) -> str | None:
        rows = self._read("SELECT value FROM preferences WHERE name = ?", (name,))
        return str(rows[0][0]) if rows else None

    def close(self) -> None:
        with self._lock:
            self._connection.close()


def open_store(warn: Callable[[str], None] | None = None) -> Store:
    """The user's store, in the state directory."""
    from readout.paths import state_dir

    return Store(state_dir() / "state.sqlite3", warn=warn)
