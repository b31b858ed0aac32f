"""A long article at full speed with random commands: no exception, no skipped or
repeated sentence between navigations, memory flat."""

from __future__ import annotations

import logging
import random
import resource
import time
from pathlib import Path

from readout.audio.output import NullDevice
from readout.keys import Command
from readout.loading import load
from readout.options import SessionOptions
from readout.reader import Reader, ReaderEvent, SentenceStarted
from readout.speech.engines import start_engine

COMMANDS = (
    "toggle", "toggle", "volume_up", "volume_down", "toggle_mute", "toggle_mute",
    "faster", "slower", "next_sentence", "previous_sentence", "next_paragraph",
    "forward_5", "back_5", "repeat_sentence",
)  # fmt: skip
MOVES = {
    "next_sentence",
    "previous_sentence",
    "next_paragraph",
    "forward_5",
    "back_5",
    "repeat_sentence",
}


def test_soak_random_commands_on_a_thousand_sentences(tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    article_path = tmp_path / "long.md"
    paragraphs = [
        " ".join(f"Sentence {p * 10 + s} of the soak says a few words." for s in range(10))
        for p in range(100)
    ]
    article_path.write_text("# Soak\n\n" + "\n\n".join(paragraphs) + "\n", "utf-8")
    article = load(str(article_path))
    assert sum(len(b.sentences) for b in article.blocks) == 1000

    timeline: list[tuple[str, object]] = []  # ("sentence", unit) and ("move", name), in order

    def on_event(event: ReaderEvent) -> None:
        if isinstance(event, SentenceStarted):
            timeline.append(("sentence", reader.unit_for(event.block, event.sentence)))

    engine = start_engine("espeak")
    reader = Reader(
        article,
        engine,
        lambda rate: NullDevice(rate, speed=20.0),
        on_event=on_event,
        options=SessionOptions(rate=450),
    )
    rng = random.Random(1000)
    with caplog.at_level(logging.ERROR):
        reader.start(0)
        time.sleep(1.0)
        rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        deadline = time.monotonic() + 12
        while time.monotonic() < deadline and not reader.wait_finished(0):
            command = rng.choice(COMMANDS)
            if command in MOVES:
                timeline.append(("move", command))
            if rng.random() < 0.05:  # now and then a change of voice, re-rendering the queue
                reader.controls.set_voice(rng.choice(["en-us", "en", "en-gb-scotland"]))
            else:
                reader.perform(Command(command))
            time.sleep(rng.uniform(0.1, 0.3))
        rss_end = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        reader.close()
        engine.close()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    sentences = [unit for kind, unit in timeline if kind == "sentence"]
    assert len(sentences) > 100  # it really played
    # Between two navigations, each sentence is the one after the last: none lost, none repeated.
    # (A sentence already starting as a move is made may still be reported just after
    # it, so the check resumes after the first two sentences after each move.)
    previous: int | None = None
    settling = 0
    for kind, value in timeline:
        if kind == "move":
            previous, settling = None, 2
            continue
        assert isinstance(value, int)
        if previous is not None and settling == 0:
            assert value == previous + 1, (previous, value)
        settling = max(0, settling - 1)
        previous = value
    assert rss_end - rss_start < 50 * 1024  # KiB: memory stays flat
