"""How long an article takes to hear: its spoken words at the rate, and its pauses.

Counting the shown words (what a "min read" label usually does) leaves out most of what
a listener waits through: the silence after every sentence and block, and code, which
is read mark by mark ("open paren"). Measured on Python's ``textwrap`` page, words at
the rate said 8 minutes where the export ran 11 min 21 s.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from readout.article import Block, BlockKind
from readout.speech.script import Pauses

_CODE_TOKENS = re.compile(r"\w+|[^\w\s]")
"""In code, every name and every mark is said."""
_NUMBER = re.compile(r"\d+")
"""A number is said in words: "1997" takes two or three of them, not one."""


def spoken_words(block: Block) -> int:
    """About how many words the engine says for ``block``."""
    if block.kind is BlockKind.CODE:
        return len(_CODE_TOKENS.findall(block.text))
    return len(block.text.split()) + len(_NUMBER.findall(block.text))


def pause_seconds(block: Block, pauses: Pauses) -> float:
    """The silence after each of ``block``'s sentences, its last one's the longest."""
    units = len(block.sentences)
    if not units:
        return 0.0
    end = pauses.heading if block.kind is BlockKind.HEADING else pauses.paragraph
    return (units - 1) * pauses.sentence + end


@dataclass(frozen=True)
class Remaining:
    """What is left to hear from each block to the end: spoken words and seconds of
    silence, so the time left at any rate is one division (the rate changes often,
    the article does not)."""

    words: tuple[int, ...]
    silence_s: tuple[float, ...]

    def minutes(self, block: int, rate: int) -> float:
        """Minutes from the start of ``block`` to the end, at ``rate`` words a minute."""
        at = min(max(block, 0), len(self.words) - 1)
        return self.words[at] / max(rate, 1) + self.silence_s[at] / 60


def remaining(blocks: Sequence[Block], title: str = "", pauses: Pauses | None = None) -> Remaining:
    """The time left from each block of ``blocks``; the title, said first, counts in
    the first block's figure."""
    pauses = pauses or Pauses()
    words, silence = [0], [0.0]  # past the last block, nothing
    for block in reversed(blocks):
        words.append(words[-1] + spoken_words(block))
        silence.append(silence[-1] + pause_seconds(block, pauses))
    words.reverse()
    silence.reverse()
    if title:
        words[0] += len(title.split())
        silence[0] += pauses.heading
    return Remaining(tuple(words), tuple(silence))
