"""The player against a recording null device: exact samples, live pause/volume/mute."""

from __future__ import annotations

import array
import time

from readout.audio.output import NullDevice
from readout.audio.player import Clip, ClipFinished, ClipStarted, Player, PlayerEvent, WordReached

RATE = 22050
PERIOD = int(RATE * 0.02)


def ramp(frames: int) -> bytes:
    """Distinct non-zero samples, so any skipped or repeated sample shows."""
    return array.array("h", [(i % 30000) + 1 for i in range(frames)]).tobytes()


def drive(player: Player, periods: int) -> bytes:
    """Pull ``periods`` periods synchronously, as a device would."""
    source = player.source()
    return b"".join(source.send(PERIOD) for _ in range(periods))


def test_pause_resumes_at_the_same_sample() -> None:
    events: list[PlayerEvent] = []
    player = Player(events.append)
    pcm = ramp(RATE)  # one second
    player.enqueue(Clip("a", pcm))
    source = player.source()
    out = bytearray()
    for period in range(80):
        if period == 17:
            player.pause()
        if period == 30:
            player.resume()
        out += source.send(PERIOD)
    played = array.array("h", [s for s in array.array("h", bytes(out)) if s])  # ramp has no zeros
    assert played.tobytes() == pcm  # nothing skipped, nothing repeated
    paused = out[17 * PERIOD * 2 : 30 * PERIOD * 2]
    assert paused == bytes(len(paused))  # silence from the very next period
    assert events[0] == ClipStarted("a") and ClipFinished("a") in events


def test_volume_and_mute_apply_within_one_period() -> None:
    player = Player(lambda event: None)
    player.enqueue(Clip("a", array.array("h", [10000] * RATE).tobytes()))
    source = player.source()
    assert set(array.array("h", source.send(PERIOD))) == {10000}
    player.set_volume(0.6)
    assert set(array.array("h", source.send(PERIOD))) == {6000}
    player.set_muted(True)
    assert set(array.array("h", source.send(PERIOD))) == {0}
    player.set_muted(False)
    assert set(array.array("h", source.send(PERIOD))) == {6000}


def test_clips_play_back_to_back_with_their_pauses_and_words() -> None:
    events: list[PlayerEvent] = []
    player = Player(events.append)
    player.enqueue(Clip("a", ramp(1000), pause_frames=500, word_frames=(0, 600)))
    player.enqueue(Clip("b", ramp(800), word_frames=(0,)))
    out = drive(player, 6)
    assert out[:2000] == ramp(1000)
    assert out[2000:3000] == bytes(1000)
    assert out[3000:4600] == ramp(800)
    kinds = [type(e).__name__ for e in events]
    assert kinds[:6] == [
        "ClipStarted",
        "WordReached",
        "WordReached",
        "ClipFinished",
        "ClipStarted",
        "WordReached",
    ]
    assert WordReached("a", 1) in events


def test_null_device_consumes_at_real_time_pace() -> None:
    player = Player(lambda event: None)
    device = NullDevice(RATE)
    device.start(player.source())
    time.sleep(0.5)
    device.close()
    seconds = device.frames_consumed / RATE
    assert 0.4 <= seconds <= 0.6


def test_an_aside_waits_for_the_sentence_to_end_and_plays_at_once_when_paused() -> None:
    player = Player(lambda event: None)
    sentence = ramp(2 * PERIOD)
    aside = array.array("h", [-5] * PERIOD).tobytes()
    player.enqueue(Clip("a", sentence))
    player.enqueue(Clip("b", sentence))
    source = player.source()
    first = source.send(PERIOD)
    player.say_aside(Clip(None, aside))
    second = source.send(PERIOD)
    assert first + second == sentence  # the sentence is not interrupted
    assert source.send(PERIOD) == aside  # then the aside, before the next sentence
    assert source.send(PERIOD) == sentence[: PERIOD * 2]
    player.pause()
    player.say_aside(Clip(None, aside))
    assert source.send(PERIOD) == aside  # paused: said at once
    assert source.send(PERIOD) == bytes(PERIOD * 2)  # then silence; the clock stays put
    player.resume()
    assert source.send(PERIOD) == sentence[PERIOD * 2 :]


def test_clearing_for_a_move_interrupts_an_aside_too() -> None:
    player = Player(lambda event: None)
    aside = array.array("h", [-5] * (4 * PERIOD)).tobytes()
    player.pause()
    source = player.source()
    player.say_aside(Clip(None, aside))
    player.say_aside(Clip(None, aside))
    assert source.send(PERIOD) == aside[: PERIOD * 2]  # the first aside has begun
    player.clear()  # a move: a long slow repeat must not hold the listener for seconds
    assert source.send(PERIOD) == bytes(PERIOD * 2)
