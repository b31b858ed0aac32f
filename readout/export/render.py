"""Speak an article's units into an audio sink, recording when each sentence and word is heard.

With ``overlap`` a few units are queued ahead to the engine's thread, so synthesis
overlaps encoding on a second core; without it each unit is spoken, then written, so
one export keeps one core busy (what ``--jobs 1`` promises, and what a batch of many
worker processes wants). The first unit is rendered before the sink is opened: a bad
voice or a broken engine fails with nothing on disk.
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Sequence

from readout.export.sinks import AudioSink
from readout.export.timeline import SentenceTiming, Timeline, WordTiming
from readout.speech.engine import Utterance
from readout.speech.pending import Pending
from readout.speech.script import Pauses, SpokenUnit
from readout.speech.worker import SpeechWorker

LOOKAHEAD = 4
"""Units queued to the engine ahead of the one being written."""


def render(
    units: Sequence[SpokenUnit],
    engine: SpeechWorker,
    open_sink: Callable[[int], AudioSink],
    *,
    voice: str | None,
    rate: int,
    pauses: Pauses,
    on_written: Callable[[SpokenUnit, float], None] | None = None,
    overlap: bool = True,
) -> Timeline:
    """Render every unit in order into the sink ``open_sink(sample_rate)`` makes.

    ``on_written(unit, audio_s)`` is called as each unit is in the sink, with the seconds
    of audio written so far.
    """
    pending: collections.deque[Pending[Utterance]] = collections.deque()
    queued = 0
    ahead = LOOKAHEAD if overlap else 1

    def fill() -> None:
        nonlocal queued
        while queued < len(units) and len(pending) < ahead:
            pending.append(engine.submit(units[queued].spoken.text, voice, rate))
            queued += 1

    fill()
    try:
        first = pending[0].result()
        sink = open_sink(first.sample_rate)
        try:
            timings: list[SentenceTiming] = []
            clock = 0
            for unit in units:
                utterance = pending.popleft().result()
                if overlap:
                    fill()
                timings.append(_timing(unit, utterance, clock))
                silence = b"\x00\x00" * int(utterance.sample_rate * pauses.after(unit))
                sink.write(utterance.pcm)
                sink.write(silence)
                if not overlap:
                    fill()
                clock += (len(utterance.pcm) + len(silence)) // 2
                if on_written:
                    on_written(unit, clock / first.sample_rate)
        finally:
            sink.close()
    finally:
        for future in pending:
            future.cancel()
    return Timeline(tuple(timings), clock / first.sample_rate)


def _timing(unit: SpokenUnit, utterance: Utterance, clock: int) -> SentenceTiming:
    rate = utterance.sample_rate
    start = clock / rate
    end = (clock + len(utterance.pcm) // 2) / rate
    marks = utterance.words
    words = []
    for number, mark in enumerate(marks):
        word_end = marks[number + 1].time_s if number + 1 < len(marks) else utterance.duration_s
        shown_start, shown_length = unit.spoken.to_shown(mark.start, mark.length)
        words.append(WordTiming(start + mark.time_s, start + word_end, shown_start, shown_length))
    text = unit.spoken.shown
    return SentenceTiming(unit.block, unit.sentence, unit.kind, text, start, end, tuple(words))
