"""Snapshots of the player, not reading (so nothing moves): fixed sizes, animation off."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from readout.audio.output import NullDevice
from readout.loading import load
from readout.speech.engines import start_engine
from readout.speech.worker import SpeechWorker
from readout.tui.app import ReadoutApp, make_app
from tests.conftest import ASSETS, FIXTURES


@pytest.fixture(scope="module")
def engine() -> Iterator[SpeechWorker]:
    worker = start_engine("espeak")
    yield worker
    worker.close()


def still(engine: SpeechWorker, path: str, theme: str | None = None) -> ReadoutApp:
    return make_app(load(path), engine, lambda rate: NullDevice(rate), autoplay=False, theme=theme)


def test_main_screen_120x40(snap_compare, engine: SpeechWorker) -> None:  # type: ignore[no-untyped-def]
    """The sample article, header, controls and status bar at a roomy size."""
    assert snap_compare(still(engine, str(ASSETS / "sample-article.txt")), terminal_size=(120, 40))


def test_main_screen_40x12(snap_compare, engine: SpeechWorker) -> None:  # type: ignore[no-untyped-def]
    """A magnified terminal: short control labels, keys kept, status still in words."""
    assert snap_compare(still(engine, str(ASSETS / "sample-article.txt")), terminal_size=(40, 12))


def test_help_screen(snap_compare, engine: SpeechWorker) -> None:  # type: ignore[no-untyped-def]
    """? lists every key with its action and id."""
    app = still(engine, str(ASSETS / "sample-article.txt"))
    assert snap_compare(app, terminal_size=(120, 40), press=["question_mark"])


def test_ansi_theme(snap_compare, engine: SpeechWorker) -> None:  # type: ignore[no-untyped-def]
    """The ANSI theme, which follows the user's own terminal palette."""
    app = still(engine, str(ASSETS / "sample-article.txt"), theme="ansi-dark")
    assert snap_compare(app, terminal_size=(120, 40))


def test_hostile_text(snap_compare, engine: SpeechWorker) -> None:  # type: ignore[no-untyped-def]
    """Escapes stripped, markup shown literally."""
    assert snap_compare(still(engine, str(FIXTURES / "hostile.html")), terminal_size=(120, 40))
