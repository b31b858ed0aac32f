"""Marks on an article: find each flagged sentence again, and report them.

A mark keeps the exact text of the sentence it flags. When the article changes
(another paragraph edited, a paragraph added), the mark is found again by that text,
so it still points at its sentence; a mark whose sentence was itself rewritten keeps
its old place and says so.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from readout.article import Article
from readout.numbering import Numbering
from readout.state import Mark


@dataclass(frozen=True)
class PlacedMark:
    """A mark and where it is in the article as it is now."""

    mark: Mark
    block: int
    sentence: int
    found: bool  # False: the flagged sentence is no longer in the article


def place_marks(article: Article, marks: list[Mark]) -> list[PlacedMark]:
    """Anchor each mark by its text: the occurrence nearest its old place wins."""
    where: dict[str, list[tuple[int, int]]] = {}
    for block_index, shown in enumerate(article.blocks):
        for sentence_index, found in enumerate(shown.sentences):
            where.setdefault(found.text, []).append((block_index, sentence_index))
    placed = []
    for mark in marks:
        candidates = where.get(mark.text, [])
        if candidates:
            block, sentence = min(
                candidates, key=lambda c: (abs(c[0] - mark.block), abs(c[1] - mark.sentence))
            )
            placed.append(PlacedMark(mark, block, sentence, True))
        else:
            placed.append(PlacedMark(mark, mark.block, mark.sentence, False))
    return sorted(placed, key=lambda p: (p.block, p.sentence, p.mark.id))


def report(article: Article, placed: list[PlacedMark], fmt: str) -> str:
    """The marks as a list a colleague can act on: markdown, csv or json.

    Places are named as the listener heard them ("Paragraph 4 of 8, sentence 2 of 3",
    :mod:`readout.numbering`); ``block`` is the 0-based index of ``readout text``'s JSON.
    """
    numbering = Numbering(article)
    rows = [
        {
            "place": numbering.place(p.block, p.sentence),
            "block": p.block,
            "sentence": p.sentence + 1,
            "text": p.mark.text,
            "note": p.mark.note,
            "found": p.found,
        }
        for p in placed
    ]
    if fmt == "json":
        return (
            json.dumps(
                {"title": article.title, "source": article.source, "marks": rows},
                ensure_ascii=False,
                indent=1,
            )
            + "\n"
        )
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(
            out, fieldnames=["place", "block", "sentence", "text", "note", "found"]
        )
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue()
    lines = [f"# Marks: {article.title}", ""]
    if not rows:
        lines.append("No marks.")
    for number, row in enumerate(rows, 1):
        status = "" if row["found"] else " (this sentence has since changed)"
        lines.append(f"{number}. {row['place']}{status}:")
        lines.append(f"   > {row['text']}")
        if row["note"]:
            lines.append(f"   Note: {row['note']}")
    return "\n".join(lines) + "\n"
