"""The user's settings: ``settings.toml`` in the config directory.

    voice = "en-us"          # a voice id, name or language tag
    rate = 200               # words per minute
    volume = 80              # percent
    engine = "espeak"        # or "pyttsx3"
    audio_device = "null"    # a device name, or "null"
    theme = "ansi-dark"      # the player's theme (default: readout-high-contrast)

    [keys]                   # remap or turn off keys, by binding id (press ? to see them)
    mute = "ctrl+m"
    where = ""

Command-line options override the file; a malformed file is a usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from readout.defaults import RATE_DEFAULT, RATE_MAX, RATE_MIN, VOLUME_DEFAULT, Preference
from readout.errors import UsageError

DEFAULT_RATE = RATE_DEFAULT


@dataclass(frozen=True)
class Settings:
    voice: str | None = None
    rate: int = DEFAULT_RATE
    volume: int = VOLUME_DEFAULT
    engine: str | None = None
    audio_device: str | None = None
    theme: str | None = None
    keys: tuple[tuple[str, str], ...] = ()
    """(binding id, keys) pairs from the ``[keys]`` table."""
    given: frozenset[str] = field(default=frozenset(), compare=False)
    """The names settings.toml or the command line set (the rest are defaults, which a
    speed or volume the listener last chose in the player takes the place of)."""

    def overridden(self, **values: Any) -> Settings:
        """These settings with every non-None value in ``values`` taking precedence."""
        chosen = {k: v for k, v in values.items() if v is not None}
        return replace(self, **chosen, given=self.given | frozenset(chosen))

    def with_remembered(self, remembered: Callable[[Preference], int | None]) -> Settings:
        """These settings with the speed and volume last chosen in the player where
        neither settings.toml nor the command line set them."""
        rate = remembered("rate") if "rate" not in self.given else None
        volume = remembered("volume") if "volume" not in self.given else None
        return replace(
            self,
            rate=self.rate if rate is None or not RATE_MIN <= rate <= RATE_MAX else rate,
            volume=self.volume if volume is None or not 0 <= volume <= 100 else volume,
        )


def load_settings(path: Path) -> Settings:
    """Read ``path``; a missing file gives the defaults."""
    if not path.is_file():
        return Settings()
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UsageError(f"{path}: cannot read settings ({error})") from None
    values: dict[str, Any] = {}
    checks: dict[str, tuple[type, Any]] = {
        "voice": (str, None),
        "rate": (int, range(RATE_MIN, RATE_MAX + 1)),
        "volume": (int, range(0, 101)),
        "engine": (str, ("espeak", "pyttsx3")),
        "audio_device": (str, None),
        "theme": (str, None),
        "keys": (dict, None),
    }
    for key, value in data.items():
        if key not in checks:
            raise UsageError(f"{path}: unknown setting {key!r}")
        kind, allowed = checks[key]
        if (
            not isinstance(value, kind)
            or isinstance(value, bool)
            or (allowed and value not in allowed)
        ):
            raise UsageError(f"{path}: bad value for {key}: {value!r}")
        if key == "keys":
            assert isinstance(value, dict)
            if not all(isinstance(v, str) for v in value.values()):
                raise UsageError(
                    f'{path}: every entry in [keys] must be text, like mute = "ctrl+m"'
                )
            value = tuple(sorted(value.items()))
        values[key] = value
    return Settings(**values, given=frozenset(values))
