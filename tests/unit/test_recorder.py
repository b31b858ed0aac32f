"""The position recorder keeps the place from the session's events, in the one numbering."""

from __future__ import annotations

from pathlib import Path

from readout.errors import StateError
from readout.loading import load
from readout.numbering import Numbering
from readout.reader.events import ReaderState, SentenceStarted, StateChanged
from readout.reader.recorder import PositionRecorder
from readout.state import Store
from tests.conftest import FIXTURES

ARTICLE = load(str(FIXTURES / "navigation.md"))


def recorder(tmp_path: Path, said: list[str], *, whole: bool = True) -> PositionRecorder:
    made = PositionRecorder(Store(tmp_path / "state.sqlite3"), said.append)
    made.follow(ARTICLE, Numbering(ARTICLE), whole=whole)
    return made


def test_each_sentence_start_is_saved_with_its_place_and_finishing_forgets_it(
    tmp_path: Path,
) -> None:
    said: list[str] = []
    kept = recorder(tmp_path, said)
    kept.observe(SentenceStarted(3, 1))
    saved = kept.saved_place()
    assert saved is not None and (saved.block, saved.sentence) == (3, 1)
    assert saved.place == "Paragraph 3 of 4, sentence 2 of 2"
    kept.observe(StateChanged(ReaderState.FINISHED))
    assert kept.saved_place() is None
    assert said == []


def test_a_partial_article_is_not_saved_until_whole(tmp_path: Path) -> None:
    kept = recorder(tmp_path, [], whole=False)
    kept.observe(SentenceStarted(2, 0))
    assert kept.saved_place() is None
    kept.follow(ARTICLE, Numbering(ARTICLE), whole=True)
    kept.observe(SentenceStarted(2, 0))
    assert kept.saved_place() is not None


class FullDisk(Store):
    """The real store, except that saving a place fails as on a full disk."""

    def save_position(self, *args: object, **kwargs: object) -> None:
        raise StateError(f"{self.path}: cannot write (database or disk is full)")


def test_a_store_that_fails_is_said_once_and_reading_goes_on(tmp_path: Path) -> None:
    said: list[str] = []
    kept = PositionRecorder(FullDisk(tmp_path / "state.sqlite3"), said.append)
    kept.follow(ARTICLE, Numbering(ARTICLE), whole=True)
    for sentence in range(2):
        kept.observe(SentenceStarted(0, sentence))
    assert len(said) == 1 and said[0].startswith("Cannot save your place: ")
    assert "disk is full" in said[0]
