"""A block before segmentation, shared by every extractor (no parser imports here)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from readout.article import BlockKind


@dataclass(frozen=True)
class RawBlock:
    """A block before segmentation."""

    kind: BlockKind
    text: str
    level: int | None = None


BADGE = re.compile(r"badge|shields\.io|\.svg(?:$|\?)|[?&]svg=true", re.I)
"""The address of a README's status badge ("https://repology.org/badge/…/x.svg")."""

_INVISIBLE = str.maketrans("", "", "\u00ad\u200b\ufeff")


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space and trim; text comes out NFC-normalised,
    without soft hyphens or zero-width spaces (which break words for speech and search)."""
    return " ".join(normalise(text).split())


def fold(text: str) -> str:
    """Text for comparison: case, punctuation and spacing folded ("Hello, World!" and
    "hello world" are one)."""
    return _NOT_WORD.sub(" ", text.casefold()).strip()


_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """NFC, with soft hyphens, zero-width spaces and stray byte-order marks removed."""
    if not text.isascii():
        if "\u00ad" in text or "\u200b" in text or "\ufeff" in text:
            text = text.translate(_INVISIBLE)
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
    return text


def tidy_code(text: str) -> str:
    """A code block's text: line breaks and indentation kept, trailing spaces and
    blank first and last lines dropped, tabs expanded, the common indent removed."""
    import textwrap

    lines = [line.rstrip() for line in normalise(text).expandtabs(4).split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return textwrap.dedent("\n".join(lines))


def is_noise(block: RawBlock) -> bool:
    """A block with nothing to read: a lone footnote number, a count, a stray symbol,
    or a banner drawn in marks (a README's name in ASCII art). A heading of marks is a
    reference's entry ("--", "$$") and is kept; one of dots or bullets is a divider."""
    if block.kind is BlockKind.CODE:
        return is_drawing(block.text)
    if any(ch.isalpha() for ch in block.text):
        return False
    if block.kind is BlockKind.HEADING:  # a reference's entry "--", "$$": the term itself
        if any(ch in _TERM_MARKS for ch in block.text):
            return False
        return len(block.text) <= 3 or not any(ch.isdigit() for ch in block.text)
    return len(block.text) <= 3


_TERM_MARKS = frozenset("-*$%&@#<>|~^+=:!?/\\")


def is_drawing(text: str) -> bool:
    """Lines of marks with hardly a letter in them: a picture, not code to read out."""
    marks = [ch for ch in text if not ch.isspace()]
    letters = sum(ch.isalnum() for ch in marks)
    return text.count("\n") >= 2 and len(marks) >= 40 and letters < 0.15 * len(marks)
