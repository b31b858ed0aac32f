"""How long an article takes to hear: its spoken words at the rate, and its pauses.

Counting the shown words (what a "min read" label usually does) leaves out most of what
a listener waits through: the silence after every sentence and block, and code, which
is read mark by mark ("open paren"). Measured on Python's ``textwrap`` page, words at
the rate said 8 minutes where the export ran 11 min 21 s. Speech takes time by its
sounds, not its words: the estimate counts the characters said.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from readout.article import Block, BlockKind
from readout.speech.normalize import MARK_NAMES, speakable
from readout.speech.script import Pauses

CHARS_PER_WORD = 5.9
"""The spoken text's characters (spaces in, code's marks as their names) that take as
long as one word at the rate. Measured against exports of seven documents (Node's
path, events and url pages, npm's install page, ninja's and valgrind's manuals, the
sample article): within 8% of each, where counting code's marks and names as a word
each was 11% to 28% short on code-heavy pages and 11% long on plain prose."""
_SAID_OTHERWISE = re.compile(r"\d|://|www\.|@")
"""Text that speech says in other words than it shows: numbers ("1997" is "nineteen
ninety-seven"), web and mail addresses ("github dot com slash..."). Only such text is
made speakable for its length: the rest is said as it stands."""


def spoken_words(block: Block) -> int:
    """About how many words' time the engine takes to say ``block``."""
    if block.kind is BlockKind.CODE:
        tokens = block.text.split()
        chars = sum(_said_length(token) for token in tokens) + len(tokens)  # and the spaces
    elif _SAID_OTHERWISE.search(block.text):  # numbers, addresses: said in more words
        chars = sum(len(speakable(s.text).text) for s in block.sentences)
    else:
        chars = len(block.text)
    return max(1, round(chars / CHARS_PER_WORD)) if block.text.strip() else 0


def _said_length(token: str) -> int:
    """A code token's length as it is said: every mark by its name ("open paren ")."""
    return sum(len(MARK_NAMES[ch]) + 1 if ch in MARK_NAMES else 1 for ch in token)


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
