"""How a session speaks, decided once: settings.toml, then the command line.

Play, read and export all take a :class:`SessionOptions`; nothing downstream reads
settings or arguments again, so a default or a range is never written twice (export
once fell back to its own rate while the player used the user's).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from readout.defaults import (
    RATE_DEFAULT,
    VOLUME_DEFAULT,
    VOLUME_MAX,
    VOLUME_MIN,
    Punctuation,
)
from readout.errors import UsageError
from readout.settings import Settings

if TYPE_CHECKING:
    from readout.speech.lexicon import Lexicon

Announce = Literal["speech", "text", "both", "none"]
"""Where state changes and answers go: spoken, shown, both, or neither."""


@dataclass(frozen=True)
class SessionOptions:
    """Voice, rate, volume, engine, punctuation, device and lexicon for one run."""

    engine: str | None = None
    """An engine name (see :data:`readout.speech.engines.ENGINE_NAMES`), or the platform's."""
    voice: str | None = None
    rate: int = RATE_DEFAULT
    volume: int = VOLUME_DEFAULT
    punctuation: Punctuation = "none"
    verbatim: bool = False
    lexicon: Lexicon | None = None
    audio_device: str | None = None

    @classmethod
    def build(
        cls,
        settings: Settings,
        *,
        punctuation: Punctuation = "none",
        verbatim: bool = False,
        lexicon: Lexicon | None = None,
    ) -> SessionOptions:
        """From ``settings`` already overridden by the command line.

        Raises:
            UsageError: a value out of range.
        """
        if not VOLUME_MIN <= settings.volume <= VOLUME_MAX:
            raise UsageError(
                f"volume {settings.volume} is out of range; give {VOLUME_MIN} to {VOLUME_MAX}"
            )
        return cls(
            engine=settings.engine,
            voice=settings.voice,
            rate=settings.rate,
            volume=settings.volume,
            punctuation=punctuation,
            verbatim=verbatim,
            lexicon=lexicon,
            audio_device=settings.audio_device,
        )

    def kept(self, *, rate: int, volume: int) -> SessionOptions:
        """These options with what the listener set while reading, for the next article."""
        return replace(self, rate=rate, volume=volume)


@dataclass(frozen=True)
class Listening:
    """What a reading session adds to the options: announcements, blocks to read."""

    announce: Announce = "text"
    only_blocks: frozenset[int] | None = None
    """Read only these blocks (``--changed-since``); None reads them all."""
    added_blocks: frozenset[int] = frozenset()
    """Of those, the ones that are new ("Added paragraph 8", not "Changed")."""

    @property
    def spoken(self) -> bool:
        return self.announce in ("speech", "both")

    @property
    def shown(self) -> bool:
        return self.announce in ("text", "both")
