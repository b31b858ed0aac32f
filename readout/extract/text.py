"""Find the article in plain text, such as the text scraped from a web page.

Scraped text looks like this: a window-title line ("Headline | Site" plus a run of
icon names), the headline again, perhaps a byline and a date, the body, footnotes,
then the site's furniture: teasers, a contact box, calls to give or subscribe, help
text, placeholder lines. We find the headline by matching it against the window
title, and the end of the body at the first line after which the rest of the text is
mostly furniture. The rules are about the shape of lines, not phrases from one site.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from readout.article import BlockKind
from readout.extract.boilerplate import (
    is_boilerplate,
    is_contact_detail,
    is_icon_line,
    is_lead_in,
    is_placeholder,
    strip_icon_run,
    word_count,
)
from readout.extract.raw import RawBlock, collapse

_TITLE_SEPARATOR = re.compile(r"\s+(?:\||–|—|::|·|•)\s+")
_BYLINE = re.compile(r"^(?:by|written by|words by|story by)\s+(\S.*)$", re.I)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = re.compile(
    rf"(\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
    r"|\d{1,2}/\d{1,2}/\d{2,4})",
    re.I,
)
_FOOTNOTE = re.compile(r"^(?:[*†‡§]+|\[\d+\]|\d+\))\s*\S")
_LIST_ITEM = re.compile(r"^(?:[-•–*]|\d{1,3}[.)])\s+(\S.*)$")
_TERMINAL = (".", "!", "?", "…", '"', "”", "’", "'", ")", ":")


@dataclass(frozen=True)
class TextExtraction:
    """What the plain-text extractor found, before segmentation."""

    title: str
    blocks: list[RawBlock]
    byline: str | None
    site: str | None
    published: str | None


def extract_text(text: str) -> TextExtraction:
    """Extract the article from plain or scraped text."""
    lines = [line for line in split_paragraphs(text) if not is_icon_line(line)]
    title, site, start = _find_headline(lines)
    byline, published, start = _find_byline_and_date(lines, start)
    body = lines[start:]
    body = body[: _find_article_end(body)]
    blocks = _classify(body)
    return TextExtraction(title=title, blocks=blocks, byline=byline, site=site, published=published)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of ``text``: one a line, unless the text is hard-wrapped prose.

    Scraped text puts each paragraph on one line. A hand-written .txt file wraps lines
    at a fixed width and separates paragraphs with blank lines; there the lines of each
    blank-line-separated chunk are joined.
    """
    raw_lines = text.split("\n")
    if _is_hard_wrapped(raw_lines):
        chunks = re.split(r"\n\s*\n", text)
        return [collapse(chunk) for chunk in chunks if chunk.strip()]
    return [collapse(line) for line in raw_lines if line.strip()]


def _is_hard_wrapped(lines: list[str]) -> bool:
    long_lines = [len(line.rstrip()) for line in lines if len(line.strip()) > 40]
    if len(long_lines) < 4 or max(long_lines) > 100:
        return False
    followed_by_text = sum(
        1
        for this, following in itertools.pairwise(lines)
        if len(this.strip()) > 40 and following.strip()
    )
    return followed_by_text >= len(long_lines) / 2


def is_prose(line: str) -> bool:
    """A line that reads as sentences: long, or a few words ending like a sentence."""
    words = word_count(line)
    return words >= 15 or (words >= 5 and line.rstrip().endswith(_TERMINAL))


def _normal(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def _find_headline(lines: list[str]) -> tuple[str, str | None, int]:
    """Return (title, site, index of the first line after the headline)."""
    if not lines:
        return "", None, 0
    first, icons = strip_icon_run(lines[0])
    parts = _TITLE_SEPARATOR.split(first)
    window_title = icons > 0 or len(parts) > 1
    candidate = parts[0] if len(parts) > 1 else first
    site = parts[-1] if len(parts) > 1 else None
    wanted = _normal(candidate)
    for index in range(1, min(len(lines), 6)):
        found = _normal(lines[index])
        if (
            found
            and wanted
            and (found == wanted or found.startswith(wanted) or wanted.startswith(found))
        ):
            return lines[index], site, index + 1
    if window_title or (not is_prose(first) and word_count(first) <= 20):
        return candidate, site, 1
    return "", None, 0


def _find_byline_and_date(lines: list[str], start: int) -> tuple[str | None, str | None, int]:
    byline = published = None
    for _ in range(3):
        if start >= len(lines) or word_count(lines[start]) > 12:
            break
        line = lines[start]
        match = _BYLINE.match(line)
        date = _DATE.search(line)
        if match and byline is None:
            byline = match.group(1).strip()
        elif date and published is None and word_count(line) <= 8:
            published = date.group(1)
        else:
            break
        start += 1
    return byline, published, start


def _is_furniture(line: str) -> bool:
    return (
        is_boilerplate(line)
        or is_contact_detail(line)
        or is_placeholder(line)
        or (is_lead_in(line) and not is_prose(line))
    )


def _is_label(line: str) -> bool:
    """A short line that is not a sentence: a heading, a name, a button, a job title."""
    return word_count(line) <= 8 and not line.rstrip().endswith((".", "!", "?"))


def _find_article_end(body: list[str]) -> int:
    """Index of the first line of the trailing furniture (``len(body)`` if none)."""
    seen_prose = False
    index = 0
    while index < len(body):
        line = body[index]
        if seen_prose and _FOOTNOTE.match(line) and not _LIST_ITEM.match(line):
            # Footnotes close an article: keep them, and end after the last one.
            while index < len(body) and _FOOTNOTE.match(body[index]):
                index += 1
            return index
        if seen_prose and _is_furniture(line):
            cut = index
            if is_contact_detail(line):
                # A contact box starts with its heading, name and job title.
                while cut > 0 and _is_label(body[cut - 1]) and not is_prose(body[cut - 1]):
                    cut -= 1
            if _mostly_furniture(body[cut:]):
                return _trim_trailing_labels(body, cut)
        seen_prose = seen_prose or is_prose(line)
        index += 1
    return _trim_trailing_labels(body, len(body))


def _mostly_furniture(tail: list[str]) -> bool:
    """True when what follows is at least as much furniture as article."""
    furniture = sum(1 for line in tail if _is_furniture(line) or _is_label(line))
    prose_words = sum(
        word_count(line) for line in tail if is_prose(line) and not _is_furniture(line)
    )
    return furniture >= 2 and prose_words <= 25 * furniture


def _trim_trailing_labels(body: list[str], end: int) -> int:
    """Drop short non-sentences left at the very end (buttons, a lone teaser title)."""
    while end > 0 and (_is_label(body[end - 1]) or _is_furniture(body[end - 1])):
        if _FOOTNOTE.match(body[end - 1]):
            break
        end -= 1
    return end


def _classify(body: list[str]) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    for index, line in enumerate(body):
        if is_placeholder(line) or is_boilerplate(line):
            continue
        item = _LIST_ITEM.match(line)
        following = body[index + 1] if index + 1 < len(body) else ""
        if item:
            blocks.append(RawBlock(BlockKind.LIST_ITEM, item.group(1)))
        elif (
            _is_label(line)
            and not is_prose(line)
            and is_prose(following)
            and word_count(line) <= 12
        ):
            blocks.append(RawBlock(BlockKind.HEADING, line.rstrip(":"), 2))
        else:
            blocks.append(RawBlock(BlockKind.PARAGRAPH, line))
    return blocks
