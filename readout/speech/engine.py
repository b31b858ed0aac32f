"""The seam between readout and speech engines: ``Engine`` and ``Utterance``.

Engines render one sentence at a time to PCM with word marks; playback and export are
other layers' jobs. Word marks point into the text the engine was given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class WordMark:
    """A word: ``start``/``length`` in characters of the text spoken, ``time_s`` into the audio."""

    start: int
    length: int
    time_s: float


@dataclass(frozen=True)
class Utterance:
    """One rendered sentence.

    Attributes:
        pcm: Signed 16-bit little-endian mono samples.
        sample_rate: Samples per second.
        words: Word marks in order.
        timings_estimated: True when the engine gave no word times and they were
            estimated from the audio length.
    """

    pcm: bytes
    sample_rate: int
    words: tuple[WordMark, ...]
    timings_estimated: bool = False

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate


@dataclass(frozen=True)
class Voice:
    """A voice an engine offers."""

    id: str
    name: str
    language: str
    gender: str


class Engine(Protocol):
    """What every speech engine provides."""

    @property
    def name(self) -> str:
        """A short name: "espeak", "pyttsx3"."""
        ...

    @property
    def rate_range(self) -> tuple[int, int]:
        """The slowest and fastest rates, in words per minute."""
        ...

    def synthesize(self, text: str, voice: str | None, rate: int, pitch: int) -> Utterance:
        """Render ``text`` (one sentence) at ``rate`` words per minute."""
        ...

    def voices(self) -> list[Voice]:
        """The voices available."""
        ...

    def voice_for_language(self, language: str | None) -> str | None:
        """The best voice for a BCP 47 ``language`` tag, or ``None`` for the default."""
        ...


def pick_voice(voices: list[Voice], language: str | None) -> str | None:
    """The voice whose language matches ``language`` exactly, else by its primary tag."""
    if not language:
        return None
    wanted = language.casefold().replace("_", "-")
    primary = wanted.split("-")[0]
    keys: list[Callable[[Voice], str]] = [
        lambda v: v.language.casefold(),
        lambda v: v.id.casefold().rsplit("/", 1)[-1],
    ]
    for candidate in (wanted, primary):
        for key in keys:
            match = next((v.id for v in voices if key(v) == candidate), None)
            if match:
                return match
    return next((v.id for v in voices if v.language.casefold().split("-")[0] == primary), None)


def clamp_rate(rate: int, engine: Engine) -> tuple[int, bool]:
    """Clamp ``rate`` to the engine's range; say whether it was clamped."""
    low, high = engine.rate_range
    clamped = max(low, min(high, rate))
    return clamped, clamped != rate
