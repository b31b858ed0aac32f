"""The shapes of a line of text that tell prose from headlines, for every text rule."""

from __future__ import annotations

import re

LIST_ITEM = re.compile(r"^(?:[-•–*·▪◦]|\d{1,3}[.)])\s+(\S.*)$")
"""A list's item: a bullet or a number, then its text ("- start services", "2. Press")."""

_BULLET_MARKS = "*+•·▪◦o-"
BULLET = re.compile(rf"^[{_BULLET_MARKS}] ")
"""A list item's bullet, as text renderings of a page write them ("* ", "+ ", "o ")."""
NESTED_ITEM = re.compile(rf"^\s+[{_BULLET_MARKS}] (\S.*)$")
"""An indented item of a nested list ("    + path.format(pathObject)"); group 1 is its text."""

_CLOSERS = "\"'”’»)]"
_SENTENCE_END = (".", "!", "?", "…", "。", "！", "？", ":")


def ends_like_sentence(line: str) -> bool:
    """The line ends in sentence punctuation, closing quotes or brackets aside."""
    return line.rstrip().rstrip(_CLOSERS).endswith(_SENTENCE_END)


def headline_case(line: str) -> bool:
    """Most of the first eight words capitalised: a headline, not a sentence."""
    words = [w for w in line.split()[:8] if w[:1].isalpha()]
    if len(words) < 5:
        return False
    return sum(w[0].isupper() for w in words) >= 0.75 * len(words)
