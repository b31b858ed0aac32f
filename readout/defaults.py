"""Speech defaults and ranges, defined once for every face and engine."""

from __future__ import annotations

from typing import Literal

RATE_DEFAULT = 175
"""Words per minute when neither settings.toml nor the command line says."""
RATE_MIN = 80
RATE_MAX = 450
"""The range every engine is driven in, and settings.toml and --rate accept."""
VOLUME_DEFAULT = 100
"""Percent."""
VOLUME_MIN = 0
VOLUME_MAX = 100

Punctuation = Literal["none", "some", "all"]
"""How much punctuation is said aloud, as screen readers offer it (for proofreading)."""
PUNCTUATION_MODES: tuple[Punctuation, ...] = ("none", "some", "all")


Preference = Literal["rate", "volume"]
"""A number the listener set in the player, which the next run starts with (unless
the command line or settings.toml says otherwise)."""
