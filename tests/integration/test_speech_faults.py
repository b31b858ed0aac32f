"""A sentence that cannot be spoken is retried once, then skipped; nothing spins.

The double wraps the real espeak engine and injects faults for chosen sentences (an
error, an empty clip, a render that never finishes); every other sentence is really
synthesised and played into the null device.
"""

from __future__ import annotations

import queue
import resource
import threading
import time
from collections.abc import Iterator

import pytest

from readout.audio.output import NullDevice
from readout.errors import EngineError
from readout.loading import load
from readout.options import Listening, SessionOptions
from readout.reader import Announced, Reader, ReaderEvent, ReaderState, SentenceStarted
from readout.speech.engine import Utterance
from readout.speech.engines import start_engine
from readout.speech.pending import Pending
from readout.speech.worker import SpeechWorker
from tests.conftest import FIXTURES

ARTICLE = load(str(FIXTURES / "navigation.md"))
BROKEN = "It also has a second sentence here."  # paragraph 2's second sentence

SPOKEN = Listening(announce="both")


@pytest.fixture(scope="module")
def engine() -> Iterator[SpeechWorker]:
    worker = start_engine("espeak")
    yield worker
    worker.close()


class FaultyEngine:
    """The real engine, except for sentences containing ``broken``: those fail."""

    def __init__(self, engine: SpeechWorker, broken: str, fault: str, spare: str = "\0") -> None:
        self._engine = engine
        self.rate_range = engine.rate_range
        self._broken, self._fault, self._spare = broken, fault, spare
        self.faults = 0

    def submit(
        self, text: str, voice: str | None, rate: int, pitch: int = 50
    ) -> Pending[Utterance]:
        if self._broken not in text or self._spare in text:
            return self._engine.submit(text, voice, rate, pitch)
        self.faults += 1
        pending: Pending[Utterance] = Pending()
        if self._fault == "error":
            pending.set_exception(EngineError("the voice broke"))
        elif self._fault == "empty":
            real = self._engine.submit(text, voice, rate, pitch).result()
            pending.set_result(Utterance(pcm=b"", sample_rate=real.sample_rate, words=()))
        return pending  # "hang": never settled


SESSION_THREADS = 5
"""A session's own threads, whatever happens: events, feeder, device, its watch, asides."""


def _run(
    engine: SpeechWorker, fault: str, seconds: float
) -> tuple[list[ReaderEvent], Reader, float, int]:
    faulty = FaultyEngine(engine, BROKEN, fault)
    events: queue.Queue[ReaderEvent] = queue.Queue()
    threads = threading.active_count()
    reader = Reader(
        ARTICLE,
        faulty,  # type: ignore[arg-type]
        lambda rate: NullDevice(rate, speed=20.0),
        on_event=events.put,
        options=SessionOptions(rate=400),
        listening=SPOKEN,
    )
    before = resource.getrusage(resource.RUSAGE_SELF)
    reader.start(0)
    reader.wait_finished(seconds)
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    grown = threading.active_count() - threads
    log: list[ReaderEvent] = []
    while not events.empty():
        log.append(events.get())
    return log, reader, cpu, grown


@pytest.mark.parametrize("fault", ["error", "empty"])
def test_a_failing_sentence_is_skipped_with_an_announcement(
    engine: SpeechWorker, fault: str
) -> None:
    log, reader, _cpu, grown = _run(engine, fault, 20.0)
    reader.close()
    said = [e.text for e in log if isinstance(e, Announced)]
    assert "Could not speak Paragraph 2 of 4, sentence 2 of 2; skipped" in said
    assert reader.state is ReaderState.FINISHED  # reading went on to the end
    started = [(e.block, e.sentence) for e in log if isinstance(e, SentenceStarted)]
    assert (
        ARTICLE.blocks.index(next(b for b in ARTICLE.blocks if BROKEN in b.text)),
        1,
    ) not in started
    assert grown <= SESSION_THREADS, f"{grown} threads more than before"


def test_a_hung_render_times_out_and_nothing_spins(
    engine: SpeechWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("readout.reader.scheduler.RENDER_TIMEOUT_S", 1.0)
    log, reader, _cpu, grown = _run(engine, "hang", 10.0)
    reader.close()
    said = [e.text for e in log if isinstance(e, Announced)]
    assert any(text.startswith("Could not speak") for text in said)
    assert reader.state is ReaderState.FINISHED
    assert grown <= SESSION_THREADS


def test_a_failure_costs_almost_no_cpu_while_it_waits(engine: SpeechWorker) -> None:
    """The old reader re-fetched the failed render: 181,010 failures in 2 s at 100% CPU."""
    faulty = FaultyEngine(engine, "", "error", spare="Navigation test")  # all but the title fail
    reader = Reader(
        ARTICLE,
        faulty,  # type: ignore[arg-type]
        # At real pace, as a listener's device pulls: a null device at 20 times speed
        # wakes every millisecond, and that, not the reader, is what it measured.
        lambda rate: NullDevice(rate),
        on_event=lambda e: None,
        options=SessionOptions(rate=400),
    )
    reader.start(0)
    time.sleep(0.5)
    before = resource.getrusage(resource.RUSAGE_SELF)
    time.sleep(5.0)
    after = resource.getrusage(resource.RUSAGE_SELF)
    reader.close()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert cpu < 0.25, f"{cpu:.2f} s of CPU in 5 s"  # under 5% of one core
    assert faulty.faults <= 2 * len(reader.units)  # each sentence tried twice at most


def test_an_engine_that_fails_from_the_start_is_an_error_not_a_hang(engine: SpeechWorker) -> None:
    faulty = FaultyEngine(engine, "", "error")  # nothing can be spoken
    reader = Reader(
        ARTICLE,
        faulty,  # type: ignore[arg-type]
        lambda rate: NullDevice(rate, speed=20.0),
        on_event=lambda e: None,
    )
    with pytest.raises(EngineError, match="the voice broke"):
        reader.start(0)
    reader.close()
