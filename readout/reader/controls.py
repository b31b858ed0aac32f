"""The listener's controls: speed, voice, volume, mute and punctuation said aloud.

Each change takes effect from the next sentence (the current one plays on, except for
volume and mute, which act at once) and is said in words ("Speed 193 words per
minute", "Maximum speed", "Muted"), never shown by colour alone.
"""

from __future__ import annotations

from collections.abc import Callable

from readout.audio.player import Player
from readout.defaults import (
    PUNCTUATION_MODES,
    RATE_DEFAULT,
    VOLUME_MAX,
    VOLUME_MIN,
    Preference,
    Punctuation,
)
from readout.reader import words
from readout.reader.scheduler import Scheduler, SpeechSettings
from readout.speech.script import Script

RATE_STEP = 1.1
"""[ and ] divide or multiply the rate by this (mpv's speed step)."""
VOLUME_STEP = 10


def speed_ladder(start: int) -> tuple[int, ...]:
    """The speeds [ and ] step through: 10% apart, from the speed the session started
    at, so that one press of each always comes back where it was (175, 159, 145, then
    up again 159, 175)."""
    return tuple(sorted({round(start * RATE_STEP**k) for k in range(-25, 26)}))


def rate_step(rate: int, *, faster: bool, ladder: tuple[int, ...] | None = None) -> int:
    """The next speed on ``ladder`` (by default, the default speed's) above or below
    ``rate``."""
    steps = ladder or speed_ladder(RATE_DEFAULT)
    if faster:
        return next((r for r in steps if r > rate), round(rate * RATE_STEP))
    return next((r for r in reversed(steps) if r < rate), round(rate / RATE_STEP))


class Controls:
    """Speed, voice, volume, mute and punctuation for one session."""

    def __init__(
        self,
        scheduler: Scheduler,
        rate_range: tuple[int, int],
        announce: Callable[[str], None],
        respoken: Callable[[Punctuation], Script],
        *,
        volume: int,
    ) -> None:
        """``respoken(mode)`` gives the article's units with punctuation said as ``mode``."""
        self._scheduler = scheduler
        self._rate_range = rate_range
        self._announce = announce
        self._respoken = respoken
        self.volume = volume
        self.muted = False
        self.chosen: dict[Preference, int] = {}
        """Speed and volume the listener set in this session, to start the next with."""
        self._ladder = speed_ladder(scheduler.speech.rate)
        self._player.set_volume(volume / 100)

    @property
    def _player(self) -> Player:
        return self._scheduler.player

    @property
    def rate(self) -> int:
        return self._scheduler.speech.rate

    @property
    def voice(self) -> str | None:
        return self._scheduler.speech.voice

    def faster(self) -> None:
        self.set_rate(rate_step(self.rate, faster=True, ladder=self._ladder))

    def slower(self) -> None:
        self.set_rate(rate_step(self.rate, faster=False, ladder=self._ladder))

    def set_rate(self, rate: int) -> None:
        low, high = self._rate_range
        clamped = max(low, min(high, rate))
        if clamped == self.rate:
            self._announce(words.speed_limit(faster=rate > self.rate))
            return
        self._scheduler.change_speech(SpeechSettings(clamped, self.voice))
        self.chosen["rate"] = clamped
        self._announce(words.speed(clamped))

    def set_voice(self, voice: str | None) -> None:
        self._scheduler.change_speech(SpeechSettings(self.rate, voice))
        self._announce(words.voice(voice))

    def volume_up(self) -> None:
        self.set_volume(self.volume + VOLUME_STEP)

    def volume_down(self) -> None:
        self.set_volume(self.volume - VOLUME_STEP)

    def set_volume(self, volume: int) -> None:
        self.volume = max(VOLUME_MIN, min(VOLUME_MAX, volume))
        self.chosen["volume"] = self.volume
        self.muted = False
        self._player.set_muted(False)
        self._player.set_volume(self.volume / 100)
        self._announce(words.volume(self.volume))

    def toggle_mute(self) -> None:
        self.muted = not self.muted
        self._player.set_muted(self.muted)
        self._announce(words.mute(self.muted, self.volume))

    def cycle_punctuation(self) -> None:
        """None, some, all: how much punctuation is said aloud (for proofreading)."""
        modes = PUNCTUATION_MODES
        mode = modes[(modes.index(self._scheduler.units.punctuation) + 1) % len(modes)]
        self._scheduler.respeak(self._respoken(mode))
        self._announce(words.punctuation(mode))
