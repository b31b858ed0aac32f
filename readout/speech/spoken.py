"""Spoken text that remembers where each part came from in the shown text.

The text on screen never changes; the engine is given a spoken form. A
:class:`SpokenText` is made of segments, each a run of shown text and what is said
for it, so a word mark in the spoken form maps back to the characters the reader
sees (a number spoken as four words highlights the whole number).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from readout.defaults import Punctuation


@dataclass(frozen=True)
class Segment:
    """``shown[shown_start:shown_end]`` is said as ``text[spoken_start:spoken_end]``.

    ``verbatim`` segments are the shown text itself (character for character, quotes
    straightened), so offsets inside them map one to one.
    """

    shown_start: int
    shown_end: int
    spoken_start: int
    spoken_end: int
    verbatim: bool


@dataclass(frozen=True)
class SpokenText:
    """The spoken form of ``shown``, with the segment map between the two."""

    shown: str
    text: str
    segments: tuple[Segment, ...]

    def to_shown(self, start: int, length: int) -> tuple[int, int]:
        """Map a spoken span (a word mark) to a shown ``(start, length)``."""
        if not self.segments:
            return 0, 0
        first = self._segment_at(start)
        last = self._segment_at(max(start, start + length - 1))
        shown_start = (
            first.shown_start + (start - first.spoken_start)
            if first.verbatim
            else first.shown_start
        )
        end = start + length
        shown_end = (
            min(last.shown_end, last.shown_start + (end - last.spoken_start))
            if last.verbatim
            else last.shown_end
        )
        shown_start = min(max(shown_start, 0), len(self.shown))
        return shown_start, max(0, min(shown_end, len(self.shown)) - shown_start)

    def _segment_at(self, spoken_offset: int) -> Segment:
        starts = [s.spoken_start for s in self.segments]
        index = max(0, bisect.bisect_right(starts, spoken_offset) - 1)
        return self.segments[index]


class SpokenBuilder:
    """Builds a :class:`SpokenText` from left to right."""

    def __init__(self, shown: str, punctuation: Punctuation = "none") -> None:
        self._shown = shown
        self.punctuation = punctuation
        """How much punctuation is said aloud: "none", "some" or "all"."""
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self._length = 0

    def add(self, shown_start: int, shown_end: int, spoken: str, *, verbatim: bool) -> None:
        """Append what is said for ``shown[shown_start:shown_end]``."""
        if shown_start == shown_end and not spoken:
            return
        self._segments.append(
            Segment(shown_start, shown_end, self._length, self._length + len(spoken), verbatim)
        )
        self._parts.append(spoken)
        self._length += len(spoken)

    def build(self) -> SpokenText:
        return SpokenText(self._shown, "".join(self._parts), tuple(self._segments))
