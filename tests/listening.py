"""Measurements on recordings: where a rendered piece is, silences, level, changes.

No pytest here: the benchmarks use it too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tests.soundserver import RATE, Samples

SILENCE = 64
"""Samples this close to zero (-54 dBFS) are silence: what a listener hears as none."""


@dataclass(frozen=True)
class Match:
    offset: int
    """Where the piece starts in what was searched."""
    score: float
    """Normalised cross-correlation there: 1.0 for the very same samples."""


def locate(haystack: Samples, needle: Samples) -> Match:
    """Where ``needle`` is in ``haystack``, by normalised cross-correlation (FFT)."""
    hay = haystack.astype(np.float64)
    piece = needle.astype(np.float64)
    span = len(hay) - len(piece) + 1
    if span <= 0 or not piece.any():
        return Match(0, 0.0)
    size = 1 << (len(hay) + len(piece) - 1).bit_length()
    spectrum = np.fft.rfft(hay, size) * np.conj(np.fft.rfft(piece, size))
    correlation = np.fft.irfft(spectrum, size)[:span]
    energy = np.concatenate(([0.0], np.cumsum(hay * hay)))
    windows = energy[len(piece) :][:span] - energy[:span]
    scores = correlation / np.sqrt(np.maximum(windows, 1.0) * float(piece @ piece))
    best = int(np.argmax(scores))
    return Match(best, float(scores[best]))


def silent_runs(samples: Samples, min_s: float) -> list[tuple[int, int]]:
    """(start, length) of every run of silence at least ``min_s`` long."""
    quiet = np.abs(samples.astype(np.int32)) <= SILENCE
    edges = np.diff(np.concatenate(([0], quiet.astype(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    shortest = round(min_s * RATE)
    return [(int(a), int(b - a)) for a, b in zip(starts, ends, strict=True) if b - a >= shortest]


def is_silent(samples: Samples) -> bool:
    return bool(np.all(np.abs(samples.astype(np.int32)) <= SILENCE))


def gain_db(heard: Samples, rendered: Samples) -> float:
    """How much louder (or, negative, quieter) ``heard`` is than ``rendered``."""
    return float(20 * np.log10(_rms(heard) / _rms(rendered)))


def _rms(samples: Samples) -> float:
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2)))


def sounding_s(samples: Samples, window_s: float = 0.01) -> float:
    """Seconds of sound: the windows of ``window_s`` that are not all silence."""
    size = round(window_s * RATE)
    windows = np.abs(samples[: len(samples) // size * size].astype(np.int32)).reshape(-1, size)
    return float(np.count_nonzero(windows.max(axis=1) > SILENCE) * window_s)
