"""What a listener hears: readout through miniaudio's PulseAudio backend into a private
sound server, recorded at the sink, against what readout rendered.

The server's sink takes readout's own format, so the recording holds the very samples
that left readout (see ``tests/soundserver.py``); where a test says "as recorded",
times come from the recording's own clock, not from when Python got round to looking.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time

import numpy as np
import pytest

from readout.audio.output import OutputDevice, open_output
from readout.audio.player import Clip, Player
from readout.loading import load
from readout.options import SessionOptions
from readout.reader import Reader, ReaderEvent
from readout.speech.script import Pauses
from readout.speech.worker import SpeechWorker
from tests.conftest import FIXTURES
from tests.integration.test_reader import RenderLog
from tests.listening import gain_db, is_silent, locate, silent_runs
from tests.soundserver import (
    RATE,
    SINK_DESCRIPTION,
    Recording,
    Samples,
    SoundServer,
)

ARTICLE_PATH = FIXTURES / "listening.md"
ARTICLE = load(str(ARTICLE_PATH))
WPM = 250
LONG_SENTENCE = (
    "The reading room on the ground floor seats forty people and has six computers, "
    "a printer and a shelf of newspapers, and it stays open until two in the morning "
    "for everyone who works late."
)
PAUSE_BOUND_S = 0.15
"""A pause or a volume change is heard within this long of the command, as recorded:
at once, not at the next sentence. The goal, 50 ms, is a timing figure measured by
``benchmarks/playback.py`` (a loaded CI machine took 52 ms once); here the bound only
has to tell "at once" from "later"."""
GAP_S = 0.1
"""A silence this long that the article does not have is an audible gap."""


def open_sink(sample_rate: int) -> OutputDevice:
    """The private server's sink, by the name ``readout devices`` gives it."""
    return open_output(SINK_DESCRIPTION, sample_rate).device


def rendered_stream(reader: Reader, log: RenderLog) -> list[Samples]:
    """Each unit as the player hands it out: its audio, then its pause."""
    assert len(log.rendered) == len(reader.units)  # each sentence rendered once
    pieces = []
    for unit, future in zip(reader.units, log.rendered, strict=True):
        pcm = np.frombuffer(future.result().pcm, dtype="<i2")
        pause = np.zeros(round(RATE * Pauses().after(unit)), dtype=np.int16)
        pieces.append(np.concatenate((pcm, pause)))
    return pieces


def read_article(server: SoundServer, engine: SpeechWorker) -> tuple[Samples, list[Samples]]:
    """Read the short article to the end; what the sink played and what was rendered."""
    log = RenderLog(engine)
    events: list[ReaderEvent] = []
    recorder = server.record()
    reader = Reader(
        ARTICLE, log, open_sink, on_event=events.append, options=SessionOptions(rate=WPM)
    )  # type: ignore[arg-type]
    reader.start(0)
    assert reader.wait_finished(60)
    time.sleep(0.3)  # the last pause still in the buffers
    reader.close()
    return recorder.stop().samples, rendered_stream(reader, log)


def test_the_sink_plays_every_rendered_sentence_once_in_order(
    sound_server: SoundServer, engine: SpeechWorker
) -> None:
    heard, pieces = read_article(sound_server, engine)
    matches = [locate(heard, piece) for piece in pieces]
    assert min(match.score for match in matches) > 0.99  # the same samples, each sentence
    for match, piece, following in zip(matches, pieces, matches[1:], strict=False):
        # Each sentence follows the one before it by exactly that one's length: none
        # dropped, doubled or cut, at most a short gap from the device.
        assert abs(following.offset - match.offset - len(piece)) < GAP_S * RATE
    start, end = matches[0].offset, matches[-1].offset + len(pieces[-1])
    assert is_silent(heard[:start]) and is_silent(heard[end:])  # nothing else was played
    played = np.concatenate(pieces)
    assert np.array_equal(heard[start : start + len(played)], played)  # sample for sample


def test_playing_with_a_cpu_hog_on_every_core_leaves_no_gap(
    sound_server: SoundServer, engine: SpeechWorker
) -> None:
    hogs = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"])
        for _ in range(os.cpu_count() or 2)
    ]
    try:
        heard, pieces = read_article(sound_server, engine)
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    played = np.concatenate(pieces)
    start = locate(heard, pieces[0]).offset
    heard = heard[start : start + len(played)]
    own = silent_runs(played, GAP_S)
    gaps = silent_runs(heard, GAP_S)
    # The same silences in the same order, none longer by a gap's length.
    assert len(gaps) == len(own), (gaps, own)
    assert all(
        length < ours + GAP_S * RATE for (_, length), (_, ours) in zip(gaps, own, strict=True)
    ), (gaps, own)


def test_the_collectors_full_passes_over_a_large_heap_while_playing_leave_no_click(
    sound_server: SoundServer, engine: SpeechWorker
) -> None:
    """A full pass of Python's collector holds the GIL, which the device's callback
    needs; over this heap it takes longer than a period. What was alive when playing
    began is kept out of those passes, so the sound goes on sample for sample."""
    heap = [[n] for n in range(400_000)]  # a long article in a busy player, and more
    playing = Playing(sound_server, engine)
    for _ in range(6):
        time.sleep(0.15)
        gc.collect()
    time.sleep(0.5)
    recording = playing.stop()
    del heap
    heard, rendered = recording.samples, playing.rendered
    start = locate(heard, rendered[: RATE // 2]).offset
    played = RATE  # the first second: all of it heard before the device closed
    assert np.array_equal(heard[start : start + played], rendered[:played])


class Playing:
    """One long sentence played by a Player straight to the sink, recorded."""

    def __init__(self, server: SoundServer, engine: SpeechWorker) -> None:
        pcm = engine.submit(LONG_SENTENCE, None, 175).result().pcm
        self.rendered: Samples = np.frombuffer(pcm, dtype="<i2")
        self.player = Player(lambda event: None)
        self.recorder = server.record()
        self.device = open_sink(RATE)
        self.player.enqueue(Clip("sentence", pcm))
        self.device.start(self.player.source())

    def offset(self) -> int:
        position = self.player.position()
        assert position is not None
        return position[1]

    def stop(self) -> Recording:
        self.device.close()
        return self.recorder.stop()


def test_pause_is_silent_at_once_as_recorded_and_resume_goes_on_from_that_sample(
    sound_server: SoundServer, engine: SpeechWorker
) -> None:
    playing = Playing(sound_server, engine)
    pauses = []
    for _ in range(3):
        time.sleep(0.7)
        commanded = time.monotonic()
        playing.player.pause()
        pauses.append((commanded, playing.offset()))  # frozen: no frame after it is handed out
        time.sleep(0.4)
        playing.player.resume()
    time.sleep(0.5)
    recording = playing.stop()
    heard, rendered = recording.samples, playing.rendered
    lag = locate(heard, rendered[: RATE // 2]).offset  # where sample 0 was played
    for commanded, frozen in pauses:
        silence_from = lag + frozen
        before = RATE // 4  # all that played since the last resume
        assert np.array_equal(
            heard[silence_from - before : silence_from], rendered[frozen - before : frozen]
        )
        assert recording.time_of(silence_from) - commanded <= PAUSE_BOUND_S
        # Resumed: the very next sample, after nothing but silence.
        window = heard[silence_from : silence_from + 2 * RATE]
        resumed = silence_from + locate(window, rendered[frozen : frozen + RATE // 4]).offset
        assert is_silent(heard[silence_from:resumed]) and resumed - silence_from > RATE // 4
        assert np.array_equal(
            heard[resumed : resumed + RATE // 4], rendered[frozen : frozen + RATE // 4]
        )
        lag = resumed - frozen


def test_volume_half_is_6_db_down_as_recorded_mute_is_silence_and_unmute_brings_it_back(
    sound_server: SoundServer, engine: SpeechWorker
) -> None:
    playing = Playing(sound_server, engine)
    changes = []
    for change in (
        lambda: playing.player.set_volume(0.5),
        lambda: playing.player.set_muted(True),
        lambda: playing.player.set_muted(False),
    ):
        time.sleep(1.2)
        commanded = time.monotonic()
        change()
        changes.append((commanded, playing.offset()))  # every frame after it is changed
    time.sleep(1.2)
    recording = playing.stop()
    heard, rendered = recording.samples, playing.rendered
    lag = locate(heard, rendered[: RATE // 2]).offset
    aligned = heard[lag : lag + len(rendered)]
    (commanded, halved), (_, muted), (_, unmuted) = changes
    full, half = slice(RATE // 4, halved), slice(halved, muted)
    mute, back = slice(muted, unmuted), slice(unmuted, unmuted + RATE)
    assert gain_db(aligned[full], rendered[full]) == pytest.approx(0.0, abs=0.1)
    assert gain_db(aligned[half], rendered[half]) == pytest.approx(-6.02, abs=1.0)
    assert is_silent(aligned[mute]) and not is_silent(rendered[mute])
    assert gain_db(aligned[back], rendered[back]) == pytest.approx(-6.02, abs=1.0)  # as before
    # The new level starts at that very frame, and it was heard within the bound.
    scaled = np.trunc(rendered[half] * 0.5).astype(np.int16)
    assert np.array_equal(aligned[half], scaled)
    assert np.array_equal(aligned[RATE // 4 : halved], rendered[RATE // 4 : halved])
    assert recording.time_of(lag + halved) - commanded <= PAUSE_BOUND_S
