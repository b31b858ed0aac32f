"""The Reader with real espeak synthesis and the null device."""

from __future__ import annotations

import array
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from readout.article import BlockKind
from readout.audio.output import NullDevice
from readout.extract import extract
from readout.keys import Command
from readout.loading import load, load_head
from readout.options import Listening, SessionOptions
from readout.reader import (
    Announced,
    Reader,
    ReaderEvent,
    ReaderState,
    SentenceStarted,
    StateChanged,
)
from readout.sources import load_source
from readout.speech.engine import Utterance
from readout.speech.engines import start_engine
from readout.speech.pending import Pending
from readout.speech.worker import SpeechWorker
from readout.state import Store
from tests.conftest import FIXTURES
from tests.long_inputs import long_scraped_text

ARTICLE = load(str(FIXTURES / "navigation.md"))

SPOKEN = Listening(announce="both")


@pytest.fixture(scope="module")
def engine() -> Iterator[SpeechWorker]:
    worker = start_engine("espeak")
    yield worker
    worker.close()


class Session:
    """A Reader plus the events it sent, for assertions."""

    def __init__(
        self,
        engine: SpeechWorker,
        *,
        speed: float = 20.0,
        rate: int = 300,
        store: Store | None = None,
    ) -> None:
        self.events: queue.Queue[ReaderEvent] = queue.Queue()
        self.log: list[ReaderEvent] = []
        self.devices: list[NullDevice] = []
        self._lock = threading.Lock()

        def device(sample_rate: int) -> NullDevice:
            made = NullDevice(sample_rate, speed=speed, record=True)
            self.devices.append(made)
            return made

        self.reader = Reader(
            ARTICLE,
            engine,
            device,
            on_event=self._on,
            options=SessionOptions(rate=rate),
            store=store,
        )

    def _on(self, event: ReaderEvent) -> None:
        with self._lock:
            self.log.append(event)
        self.events.put(event)

    def next_sentence_started(self, timeout: float = 10.0) -> tuple[int, int]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            event = self.events.get(timeout=max(0.01, deadline - time.monotonic()))
            if isinstance(event, SentenceStarted):
                return event.block, event.sentence
        raise AssertionError("no sentence started")

    def drain(self) -> None:
        while not self.events.empty():
            self.events.get_nowait()

    def close(self) -> None:
        self.reader.close()


def units_of(reader: Reader) -> list[tuple[int, int]]:
    return [(u.block, u.sentence) for u in reader.units]


def test_reads_every_sentence_once_in_order_then_finished(engine: SpeechWorker) -> None:
    session = Session(engine)
    session.reader.start(0)
    assert session.reader.wait_finished(30)
    session.close()
    started = [(e.block, e.sentence) for e in session.log if isinstance(e, SentenceStarted)]
    assert started == units_of(session.reader)
    assert StateChanged(ReaderState.FINISHED) in session.log
    assert session.log[-1] == Announced("Finished")


def test_reading_to_the_end_forgets_the_place_and_closing_does_not_bring_it_back(
    engine: SpeechWorker, tmp_path: Path
) -> None:
    store = Store(tmp_path / "state.sqlite3")
    session = Session(engine, store=store)
    session.reader.start(session.reader.unit_for(5, 1))
    assert session.reader.wait_finished(30)
    session.close()
    assert store.load_position(ARTICLE.content_hash, ARTICLE.source or "") is None
    again = Session(engine, store=store)
    assert again.reader.resume_point() == (0, None)  # the next run starts at the top
    again.close()
    store.close()


class RenderLog:
    """The real engine, keeping every utterance it renders (espeak's output varies
    slightly from call to call, so the test compares against what was really played)."""

    def __init__(self, engine: SpeechWorker) -> None:
        self._engine = engine
        self.rate_range = engine.rate_range
        self.rendered: list[Pending[Utterance]] = []

    def submit(
        self, text: str, voice: str | None, rate: int, pitch: int = 50
    ) -> Pending[Utterance]:
        future = self._engine.submit(text, voice, rate, pitch)
        self.rendered.append(future)
        return future


def test_pause_mid_sentence_then_resume_loses_and_repeats_nothing(engine: SpeechWorker) -> None:
    log = RenderLog(engine)
    session = Session(log, speed=4.0, rate=450)  # type: ignore[arg-type]
    reader = session.reader
    reader.start(0)
    session.next_sentence_started()
    session.next_sentence_started()  # now inside the first paragraph
    time.sleep(0.1)
    reader.pause()
    time.sleep(0.3)
    reader.play()
    assert reader.wait_finished(30)
    session.close()
    recorded = array.array("h", bytes(session.devices[0].recording or b""))
    assert len(log.rendered) == len(reader.units)  # each sentence rendered once
    played = b"".join(future.result().pcm for future in log.rendered)
    expected = array.array("h", [s for s in array.array("h", played) if s])
    assert array.array("h", [s for s in recorded if s]) == expected  # sample for sample


def navigate(
    engine: SpeechWorker, start: tuple[int, int], command: str, *args: float
) -> tuple[int, int]:
    """Start at ``start``, pause there, run ``command``, and say where speech resumes."""
    session = Session(engine, speed=1.0, rate=200)
    reader = session.reader
    reader.start(reader.unit_for(*start))
    assert session.next_sentence_started() == start
    reader.pause()
    session.drain()
    if command == "go_to_block":
        reader.go_to_block(int(args[0]))
    else:
        assert reader.perform(Command(command))
    reader.play()
    landed = session.next_sentence_started()
    session.close()
    return landed


@pytest.mark.parametrize(
    ("start", "command", "args", "expected"),
    [
        ((0, 0), "next_sentence", (), (0, 1)),
        ((0, 1), "previous_sentence", (), (0, 0)),  # within 2 s of its start: one further back
        ((2, 0), "next_paragraph", (), (3, 0)),
        ((3, 1), "previous_paragraph", (), (3, 0)),  # back to the start of this paragraph
        ((3, 0), "previous_paragraph", (), (2, 0)),  # at its start: the one before
        ((0, 0), "next_heading", (), (1, 0)),
        ((3, 0), "next_heading", (), (4, 0)),
        ((5, 1), "previous_heading", (), (4, 0)),
        ((2, 1), "repeat_sentence", (), (2, 1)),
        ((0, 0), "go_to_block", (5,), (5, 0)),
        ((5, 2), "go_to_start", (), (-1, 0)),
        ((0, 0), "go_to_end", (), (5, 0)),
        ((0, 0), "forward_5", (), None),
    ],
)
def test_navigation_lands_where_stated(
    engine: SpeechWorker,
    start: tuple[int, int],
    command: str,
    args: tuple[float, ...],
    expected: tuple[int, int] | None,
) -> None:
    landed = navigate(engine, start, command, *args)
    if expected is None:  # +5 s from the first sentence of a ~2 s-per-sentence article
        assert landed > start
    else:
        assert landed == expected


@pytest.mark.parametrize(
    ("start", "command", "said"),
    [((5, 0), "next_heading", "No more headings"), ((5, 0), "next_paragraph", "End of article")],
)
def test_a_move_with_nowhere_to_go_says_why_and_reading_stays(
    engine: SpeechWorker, start: tuple[int, int], command: str, said: str
) -> None:
    session = Session(engine, speed=1.0, rate=200)
    reader = session.reader
    reader.start(reader.unit_for(*start))
    assert session.next_sentence_started() == start
    reader.pause()
    assert reader.perform(Command(command))
    reader.play()
    assert session.next_sentence_started() == (start[0], start[1] + 1)  # on from where it was
    session.close()
    announced = [e.text for e in session.log if isinstance(e, Announced)]
    assert said in announced and "End of article" not in announced[: announced.index(said)]


def test_faster_and_slower_are_clamped_and_announced(engine: SpeechWorker) -> None:
    session = Session(engine, rate=440)
    reader = session.reader
    reader.start(0)
    reader.pause()
    reader.controls.faster()
    reader.controls.faster()
    assert reader.rate == 450
    session.close()
    announced = [e.text for e in session.log if isinstance(e, Announced)]
    assert "Speed 450 words per minute" in announced
    assert announced.count("Maximum speed") == 1


def test_position_is_saved_at_sentence_starts_and_on_close(
    engine: SpeechWorker, tmp_path: Path
) -> None:
    store = Store(tmp_path / "state.sqlite3")
    session = Session(engine, speed=1.0, store=store)
    reader = session.reader
    reader.start(reader.unit_for(2, 0))
    session.next_sentence_started()
    assert session.next_sentence_started() == (2, 1)
    saved = store.load_position(ARTICLE.content_hash, ARTICLE.source or "")
    assert saved is not None and (saved.block, saved.sentence) in ((2, 0), (2, 1))
    reader.pause()
    session.close()
    saved = store.load_position(ARTICLE.content_hash, ARTICLE.source or "")
    assert saved is not None and (saved.block, saved.sentence) == (2, 1)
    store.close()


def test_announcements_are_spoken_while_paused_without_moving_the_article(
    engine: SpeechWorker,
) -> None:
    devices: list[NullDevice] = []

    def device(rate: int) -> NullDevice:
        made = NullDevice(rate, speed=1.0, record=True)
        devices.append(made)
        return made

    reader = Reader(
        ARTICLE,
        engine,
        device,
        on_event=lambda e: None,
        options=SessionOptions(rate=300),
        listening=SPOKEN,
    )
    reader.start(0)
    time.sleep(0.3)
    reader.pause()
    position = reader.player.position()
    heard_before = len(devices[0].recording or b"")
    time.sleep(1.2)
    said_while_paused = array.array("h", bytes((devices[0].recording or b"")[heard_before:]))
    assert any(said_while_paused)  # "Paused" was spoken
    assert reader.player.position() == position  # the article did not move
    reader.close()


class SpeechLog(RenderLog):
    """Also records what was asked for: (text, rate)."""

    def __init__(self, engine: SpeechWorker) -> None:
        super().__init__(engine)
        self.asked: list[tuple[str, int]] = []

    def submit(
        self, text: str, voice: str | None, rate: int, pitch: int = 50
    ) -> Pending[Utterance]:
        self.asked.append((text, rate))
        return super().submit(text, voice, rate, pitch)


def test_spell_and_slow_repeat_say_and_show_the_right_things(engine: SpeechWorker) -> None:
    log = SpeechLog(engine)
    shown: list[ReaderEvent] = []
    reader = Reader(
        ARTICLE,
        log,
        lambda rate: NullDevice(rate),
        on_event=shown.append,
        options=SessionOptions(rate=300),
    )  # type: ignore[arg-type]
    reader.start(reader.unit_for(0, 1))  # "This is the second one."
    reader.pause()
    reader.repeat_slowly()
    reader.spell_word()
    time.sleep(1.0)
    reader.close()
    assert ("This is the second one.", 180) in log.asked  # 60% of 300 words per minute
    assert any(text.startswith("capital T, h, i, s") for text, _ in log.asked)
    # Shown too, for a braille display or plain mode's lines:
    said = [e.text for e in shown if isinstance(e, Announced)]
    assert "Slowly: This is the second one." in said
    assert "Spelling This: capital T, h, i, s" in said


def test_punctuation_cycles_and_re_renders(engine: SpeechWorker) -> None:
    reader = Reader(ARTICLE, engine, lambda rate: NullDevice(rate), on_event=lambda e: None)
    reader.cycle_punctuation()
    assert reader.units.punctuation == "some"
    reader.cycle_punctuation()
    assert "period" in reader.units[1].spoken.text
    reader.close()


def _wait_for(events: queue.Queue[ReaderEvent], wanted: Callable[[ReaderEvent], bool]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if wanted(events.get(timeout=max(0.01, deadline - time.monotonic()))):
            return
    raise AssertionError("never happened")


def test_a_long_article_starts_from_its_first_blocks_then_takes_the_whole(
    engine: SpeechWorker, tmp_path: Path
) -> None:
    source = load_source(str(long_scraped_text(tmp_path)))
    head, whole = load_head(source), extract(source)
    assert head is not None
    store = Store(tmp_path / "state.sqlite3")
    events: queue.Queue[ReaderEvent] = queue.Queue()
    reader = Reader(
        head, engine, lambda rate: NullDevice(rate, speed=20.0), on_event=events.put,
        options=SessionOptions(rate=300), store=store, partial=True,
    )  # fmt: skip
    # Nothing saved: the top, at once (the whole is extracted once reading starts).
    asked = threading.Thread(target=reader.resume_point)
    asked.start()
    asked.join(5)
    assert not asked.is_alive() and reader.resume_point() == (0, None)
    assert reader.partial  # it did not wait for the whole
    reader.start(0)
    assert reader.partial and reader.block_label(0) == "Paragraph 1"  # no total yet
    assert not store.has_position(whole.source or "") and not store.history()
    far = len(head.blocks) + 100
    command = threading.Thread(target=reader.go_to_block, args=(far,))
    command.start()
    command.join(0.3)
    assert command.is_alive()  # a command that looks past the first blocks waits
    reader.complete(whole)
    command.join(5)
    assert not command.is_alive() and not reader.partial
    paragraphs = sum(1 for block in whole.blocks if block.kind is not BlockKind.HEADING)
    assert reader.block_label(0) == f"Paragraph 1 of {paragraphs}"
    _wait_for(events, lambda e: isinstance(e, SentenceStarted) and e.block == far)
    reader.close()
    saved = store.load_position(whole.content_hash, whole.source or "")
    assert saved is not None and saved.block == far
    assert [entry.title for entry in store.history()] == [whole.title]
    store.close()


def test_the_end_of_the_first_blocks_is_not_the_end_of_the_article(
    engine: SpeechWorker, tmp_path: Path
) -> None:
    whole = extract(load_source(str(long_scraped_text(tmp_path))))
    first = replace(whole, blocks=whole.blocks[:1])
    log: list[ReaderEvent] = []
    reader = Reader(
        first, engine, lambda rate: NullDevice(rate, speed=50.0), on_event=log.append,
        options=SessionOptions(rate=450), partial=True,
    )  # fmt: skip
    reader.start(0)
    deadline = time.monotonic() + 20
    while not any(isinstance(e, SentenceStarted) and e.block == 0 for e in log):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(3.0)  # far longer than the title and one paragraph take at 50x
    assert StateChanged(ReaderState.FINISHED) not in log
    reader.complete(whole)
    deadline = time.monotonic() + 20
    while not any(isinstance(e, SentenceStarted) and e.block == 1 for e in log):
        assert time.monotonic() < deadline, "reading did not go on into the whole article"
        time.sleep(0.05)
    assert StateChanged(ReaderState.FINISHED) not in log
    reader.close()
