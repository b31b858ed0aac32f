"""One numbering for every place a listener is told about: "Paragraph 4 of 8, sentence 2".

The status line, announcements, "where am I", the marks report, ``readout diff``, the
history and ``--from`` all name a block the same way: headings are counted among
headings ("Heading 2 of 3"), every other block among the body's blocks
("Paragraph 4 of 8", "Quote 5 of 8", "Code 6 of 8"), from 1. A proofreader can hand
the report on and the reader of it finds the same sentence by ear.
"""

from __future__ import annotations

import re

from readout.article import Article, BlockKind
from readout.errors import UsageError

_NAMES = {
    BlockKind.HEADING: "Heading",
    BlockKind.PARAGRAPH: "Paragraph",
    BlockKind.LIST_ITEM: "List item",
    BlockKind.QUOTE: "Quote",
    BlockKind.CAPTION: "Caption",
    BlockKind.CODE: "Code",
}
_SPEC = re.compile(r"^\s*(?:(h|heading)\s*)?(\d+)\s*$", re.I)


class Numbering:
    """The listener's numbers for one article's blocks."""

    def __init__(self, article: Article) -> None:
        self._article = article
        self.headings = [i for i, b in enumerate(article.blocks) if b.kind is BlockKind.HEADING]
        self.body = [i for i, b in enumerate(article.blocks) if b.kind is not BlockKind.HEADING]
        self._number = {block: n for n, block in enumerate(self.headings, 1)}
        self._number.update({block: n for n, block in enumerate(self.body, 1)})

    def number(self, block: int) -> int:
        """The block's number among its own count (headings, or the body's blocks)."""
        return self._number[block]

    def label(self, block: int, *, totals: bool = True) -> str:
        """ "Paragraph 4 of 8", "Heading 2 of 3", "Title" (block -1); without totals,
        "Paragraph 4"."""
        if block < 0:
            return "Title"
        kind = self._article.blocks[block].kind
        count = self.headings if kind is BlockKind.HEADING else self.body
        total = f" of {len(count)}" if totals else ""
        return f"{_NAMES[kind]} {self._number[block]}{total}"

    def place(self, block: int, sentence: int, *, totals: bool = True) -> str:
        """ "Paragraph 4 of 8, sentence 2 of 3" ("Line 2 of 5" in code; "Title")."""
        if block < 0:
            return "Title"
        sentences = len(self._article.blocks[block].sentences)
        unit = "line" if self._article.blocks[block].kind is BlockKind.CODE else "sentence"
        of = f" of {sentences}" if totals else ""
        return f"{self.label(block, totals=totals)}, {unit} {sentence + 1}{of}"

    def block_for(self, spec: str) -> int:
        """The block a listener names: "4" is the body's block 4 (what the status line
        calls Paragraph 4), "h2" or "heading 2" is heading 2.

        Raises:
            UsageError: no such block.
        """
        found = _SPEC.match(spec)
        if not found:
            raise UsageError(f"--from {spec!r}: give a paragraph number, or h and a heading's")
        count = self.headings if found.group(1) else self.body
        number = int(found.group(2))
        if not 1 <= number <= len(count):
            what = "heading" if found.group(1) else "paragraph"
            plural = "" if len(count) == 1 else "s"
            has = f"the article has {len(count)} {what}{plural}"
            if number == 0 and count:
                has = f"{what}s are numbered from 1 ({has})"
            raise UsageError(f"--from {spec}: {has}")
        return count[number - 1]
