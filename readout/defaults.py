"""Speech defaults and ranges, defined once for every face and engine."""

from __future__ import annotations

RATE_DEFAULT = 175
"""Words per minute when neither settings.toml nor the command line says."""
RATE_MIN = 80
RATE_MAX = 450
"""The range every engine is driven in, and settings.toml and --rate accept."""
VOLUME_DEFAULT = 100
"""Percent."""
