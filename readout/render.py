"""Render an article as plain text, Markdown or JSON for ``readout text``."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Sequence

from readout.article import Article, Block, BlockKind, says_its_number
from readout.extract.dropped import Dropped
from readout.reader.words import credits
from readout.speech.script import SpokenUnit


def as_plain(article: Article) -> str:
    """Title, its credits line under it ("By Mira Sol · Harbour News"), a blank line,
    then the blocks separated by blank lines; a list item shows its bullet ("• "), as
    the player does, an item inside an item two columns in."""
    head = "\n".join(line for line in (article.title, credits(article)) if line)
    return "\n\n".join([head, *(_plain_block(block) for block in article.blocks)]) + "\n"


def _plain_block(block: Block) -> str:
    if block.kind is not BlockKind.LIST_ITEM:
        return block.text
    mark = "" if says_its_number(block.text) else "• "
    return "  " * ((block.level or 1) - 1) + mark + block.text


def as_markdown(article: Article) -> str:
    """A Markdown document: the title as a level-1 heading, metadata, then the body."""
    lines = [f"# {article.title}"]
    if meta := credits(article):
        lines.append(meta)
    # Under the title's "#", the body's highest headings are "##" and each level below
    # keeps its distance from them: a page's h1 and h2 are "##" and "###", not both "##".
    levels = [b.level or 2 for b in article.blocks if b.kind is BlockKind.HEADING]
    shift = 2 - min(levels, default=2)
    for block in article.blocks:
        if block.kind is BlockKind.HEADING:
            lines.append(f"{'#' * max(2, min((block.level or 2) + shift, 6))} {block.text}")
        elif block.kind is BlockKind.LIST_ITEM:
            # An ordered list's item carries its number ("2. Press"): Markdown's own mark.
            item = block.text if says_its_number(block.text) else f"- {block.text}"
            lines.append("    " * ((block.level or 1) - 1) + item)  # an item in an item
        elif block.kind is BlockKind.QUOTE:
            lines.append(f"> {block.text}")
        elif block.kind is BlockKind.CAPTION:
            lines.append(f"*Caption: {block.text}*")  # a listing's as well as a picture's
        elif block.kind is BlockKind.CODE:
            fence = "````" if "```" in block.text else "```"
            lines.append(f"{fence}\n{block.text}\n{fence}")
        else:
            lines.append(block.text)
    return "\n\n".join(lines) + "\n"


def as_json(article: Article, spoken: Sequence[SpokenUnit] | None = None) -> str:
    """The JSON schema of DESIGN.md, indented; with ``spoken``, each sentence also has
    ``"spoken"``: exactly what the engine will be given (and the title ``"title_spoken"``)."""
    data = article.to_dict()
    if spoken is not None:
        for unit in spoken:
            if unit.block < 0:
                data["title_spoken"] = unit.spoken.text
            else:
                data["blocks"][unit.block]["sentences"][unit.sentence]["spoken"] = unit.spoken.text
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def spoken_as_plain(units: Sequence[SpokenUnit]) -> str:
    """The spoken form laid out like :func:`as_plain`: title, then one block a paragraph."""
    paragraphs: list[list[str]] = []
    current = -2
    for unit in units:
        if unit.block != current:
            paragraphs.append([])
            current = unit.block
        paragraphs[-1].append(unit.spoken.text)
    return "\n\n".join(" ".join(p) for p in paragraphs) + "\n"


def dropped_as_plain(dropped: Sequence[Dropped]) -> str:
    """What was left out, in page order, one piece a line after its reason in brackets,
    below a count by reason."""
    if not dropped:
        return "Nothing was left out.\n"
    counts = Counter(item.reason for item in dropped)
    words = sum(len(item.text.split()) for item in dropped)
    summary = ", ".join(f"{reason.value} {count}" for reason, count in counts.most_common())
    count = "1 piece" if len(dropped) == 1 else f"{len(dropped)} pieces"
    lines = [f"Left out {count}, {words} word{'' if words == 1 else 's'}: {summary}.", ""]
    for reason, pieces in itertools.groupby(dropped, key=lambda item: item.reason):
        lines.extend(f"[{reason.value}] {text}" for text in _runs([p.text for p in pieces]))
    return "\n".join(lines) + "\n"


SHORT_PIECE_WORDS = 3
"""Pieces this short in a row (menu items, "¶" marks) share a line: a copied page's
hundreds of menu lines are a few lines to read, not hundreds."""


def _runs(texts: list[str]) -> list[str]:
    """Consecutive pieces of one reason as lines: a longer piece alone, short ones
    joined with " · ", the same short piece over and over once, with how many times
    ("¶ ×82")."""
    lines: list[str] = []
    short: list[str] = []
    for text in [*texts, ""]:  # "" ends the last run
        if text and len(text.split()) <= SHORT_PIECE_WORDS:
            short.append(text)
            continue
        if short:
            counted = [(piece, len(list(same))) for piece, same in itertools.groupby(short)]
            lines.append(" · ".join(p if n == 1 else f"{p} ×{n}" for p, n in counted))
            short = []
        if text:
            lines.append(text)
    return lines


def dropped_as_json(dropped: Sequence[Dropped]) -> str:
    """``{"dropped": [{"reason": ..., "text": ...}, ...]}`` in page order."""
    items = [{"reason": item.reason.value, "text": item.text} for item in dropped]
    return json.dumps({"dropped": items}, ensure_ascii=False, indent=2) + "\n"
