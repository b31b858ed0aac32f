"""Find the article in plain text, such as the text copied from a web page.

Select-all-and-copy text is a page's every block, one a line: often hundreds of menu
lines ("Home", "World", "Sections"...), a window-title line ("Headline | Site" and
icon names) in our users' copies, the headline, a byline and a date, the body with
its subheadings, lists and footnotes, then teasers, contact boxes, calls to give or
subscribe and the footer. The article is the densest run of prose in it.

The method (``region.py`` scores lines): every line gets a score for how much it
reads as prose (words in sentences count for it; menu-sized lines, lines repeated
elsewhere in the page and furniture count against it). The article body is the run
of lines with the highest total, so one footnote, a short heading or a section break
inside the body never ends it, and a menu, however long, never joins it. The headline
is the line that matches the window title, wherever it stands, or else the headline-
shaped line just before the body; a byline and a date are looked for between them.
"""

from __future__ import annotations

import itertools
import re
import textwrap
from dataclasses import dataclass

from readout.article import BlockKind
from readout.extract.boilerplate import (
    is_boilerplate,
    is_icon_line,
    is_placeholder,
    strip_icon_run,
    word_count,
)
from readout.extract.bylines import DATE, clean_byline
from readout.extract.raw import RawBlock, collapse, is_noise
from readout.extract.region import (
    LineScorer,
    best_region,
    comments_start,
    ends_like_sentence,
    headline_case,
    is_furniture,
)

_TITLE_SEPARATOR = re.compile(r"\s+(?:\||–|—|::|·|•|-)\s+")
_BYLINE = re.compile(
    r"^(?::?author:|by|written by|words by|story by|posted by|von|par|por|di|door|av)[:\s]+(\S.*)$",
    re.I,
)
_LIST_ITEM = re.compile(r"^(?:[-•–*·▪◦]|\d{1,3}[.)])\s+(\S.*)$")
_WORD = re.compile(r"\w+")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_SECTION_BREAK = re.compile(r"^[\W_]+$")
_RULE = re.compile(r"^([=\-~^*#+`'\".:_])\1{2,}$")
_MARKUP_LINE = re.compile(r"^\.\.(\s+[\w:-]+::.*|\s+_[^:]+:|\s*)$")
"""A reStructuredText directive, target or comment standing alone (".. note::")."""
_CODE_MARKS = frozenset("(){}[]=<>;$#/\\_|&*+%@")
_SENTENCE_END = (".", "!", "?", "…", "。", "！", "？")
HEADLINE_LOOKBACK = 30
"""How many lines before the body the headline may stand (bylines, dates, share bars)."""


@dataclass(frozen=True)
class TextExtraction:
    """What the plain-text extractor found, before segmentation."""

    title: str
    blocks: list[RawBlock]
    byline: str | None
    site: str | None
    published: str | None


def extract_text(text: str) -> TextExtraction:
    """Extract the article from plain or copied text."""
    lines = [line for line in split_paragraphs(text) if not is_icon_line(line)]
    if not lines:
        return TextExtraction("", [], None, None, None)
    window, site, lines = _window_title(lines)
    scorer = LineScorer(lines)
    scores = scorer.scores()
    thread = comments_start(lines, scores)
    start, end = best_region(scores[:thread])
    if start == end:
        start, end = best_region(scores)
    title_at = _find_headline(lines, start, end, window)
    if title_at is not None and start <= title_at < end:
        start = title_at + 1
    title = lines[title_at] if title_at is not None else (window or "")
    header_from = title_at + 1 if title_at is not None else max(0, start - 12)
    byline, published, header_end = _find_byline_and_date(lines, header_from, start)
    start = max(start, header_end)
    # A subheading or a lead-in ("Here's why:") that opens the body scores as a
    # label; take it back in.
    while (
        start > header_end
        and (_is_subheading(lines[start - 1], lines[start]) or _leads_in(lines[start - 1]))
        and not is_furniture(lines[start - 1])
        and not scorer.is_repeated(start - 1)
    ):
        start -= 1
    blocks = _classify(lines[start:end], scorer, start)
    return TextExtraction(title=title, blocks=blocks, byline=byline, site=site, published=published)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of ``text``: one a line, unless the text is hard-wrapped prose.

    Copied text puts each paragraph on one line. A hand-written .txt file (or a
    reStructuredText source) wraps lines at a fixed width and separates paragraphs
    with blank lines; there the lines of each blank-line-separated chunk are joined,
    except in an indented chunk (a literal or code block), which keeps its lines, and
    a heading's underline ("Concepts" over "========") is taken off.
    """
    raw_lines = text.split("\n")
    if not _is_hard_wrapped(raw_lines):
        return [collapse(line) for line in raw_lines if line.strip()]
    paragraphs: list[str] = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        if not chunk.strip() or _MARKUP_LINE.match(chunk.strip()):
            continue
        literal = bool(paragraphs) and paragraphs[-1].endswith("::")
        if _is_indented(chunk) and (literal or _reads_as_code(chunk)):
            if literal:  # reST's "a main module::" introduces the block: one colon said
                paragraphs[-1] = paragraphs[-1][:-1]
            paragraphs.append(textwrap.dedent(chunk).strip("\n").rstrip())
        else:
            paragraphs.append(collapse(" ".join(_without_rules(chunk.split("\n")))))
    return [paragraph for paragraph in paragraphs if paragraph.strip()]


def _is_hard_wrapped(lines: list[str]) -> bool:
    long_lines = [len(line.rstrip()) for line in lines if len(line.strip()) > 40]
    if len(long_lines) < 4:
        return False
    if sum(length > 100 for length in long_lines) > len(long_lines) / 10:
        return False  # a copied page: paragraphs are lines (a few long code lines are not)
    followed_by_text = sum(
        1
        for this, following in itertools.pairwise(lines)
        if len(this.strip()) > 40 and following.strip()
    )
    return followed_by_text >= len(long_lines) / 2


def _is_indented(chunk: str) -> bool:
    """Every line indented: a literal block, code, a quoted passage."""
    lines = [line for line in chunk.split("\n") if line.strip()]
    return bool(lines) and all(line.startswith(("  ", "\t")) for line in lines)


def _reads_as_code(chunk: str) -> bool:
    """Dense in the marks code is made of, as prose never is (an indented note is prose)."""
    marks = sum(char in _CODE_MARKS for char in chunk)
    return marks >= 0.03 * max(1, sum(not char.isspace() for char in chunk))


def _without_rules(lines: list[str]) -> list[str]:
    """The lines without a heading's over- or underline ("=====", "-----", "*****")."""
    return [line for line in lines if not _RULE.match(line.strip())]


def _normal(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def _window_title(lines: list[str]) -> tuple[str | None, str | None, list[str]]:
    """A first line "Headline | Site" with icon names: (headline, site, the other lines)."""
    first, icons = strip_icon_run(lines[0])
    parts = _TITLE_SEPARATOR.split(first)
    if icons == 0 and len(parts) < 2:
        return None, None, lines
    if len(parts) < 2:
        return first, None, lines[1:]
    return " - ".join(parts[:-1]) if len(parts) > 2 else parts[0], parts[-1], lines[1:]


def _find_headline(lines: list[str], start: int, end: int, window: str | None) -> int | None:
    """Index of the headline: the window title's match nearest the body, else the
    headline-shaped line just before the body."""
    if window:
        wanted = _normal(window)
        matches = [
            i
            for i, line in enumerate(lines[:end])
            if (found := _normal(line))
            and (found == wanted or (len(found) > 8 and wanted.startswith(found)))
        ]
        before = [i for i in matches if i <= start]
        if before:
            return before[-1]
        if matches:
            return matches[0]
    vocabulary = _vocabulary(lines[start:end])
    first = max(0, start - HEADLINE_LOOKBACK)
    # A byline or a date just above the body stands right under the headline.
    stamps = [
        stamp
        for stamp in range(start - 1, max(first, start - 12) - 1, -1)
        if _BYLINE.match(lines[stamp]) or _is_date_line(lines[stamp])
    ]
    above_stamp = _above_stamps(lines, stamps, start, vocabulary, first, fewest=3)
    if above_stamp is not None:
        return above_stamp
    candidates = [
        (_headline_score(lines, index, start, vocabulary), index)
        for index in range(first, min(start + 1, end))
        if _is_headline_shaped(lines[index])
        and not (
            index >= start and (ends_like_sentence(lines[index]) or word_count(lines[index]) > 20)
        )
    ]
    if candidates:
        return max(candidates)[1]
    # Nothing of three words or more: a two-word headline over a byline ("Logging
    # Cookbook"); a blog's name or a tag is often two words too, so only now.
    return _above_stamps(lines, stamps, start, vocabulary, first, fewest=2)


def _above_stamps(
    lines: list[str],
    stamps: list[int],
    start: int,
    vocabulary: set[str],
    first: int,
    *,
    fewest: int,
) -> int | None:
    """The best headline-shaped line just above one of the byline or date lines."""
    for stamp in stamps:
        above = [
            (_headline_score(lines, i, start, vocabulary), i)
            for i in range(max(first, stamp - 3), stamp)
            if _is_headline_shaped(lines[i], fewest_words=fewest)
            and _overlap(lines[i], vocabulary) >= 0.3
        ]
        if above:
            return max(above)[1]
    return None


def _headline_score(lines: list[str], index: int, start: int, vocabulary: set[str]) -> float:
    """How much line ``index`` looks like the headline of the body that begins at
    ``start``: it speaks of what the body speaks of (the strongest sign: a menu label or
    a share button does not), it is sizeable, in headline case, near the body, and a
    byline or a date follows it."""
    line = lines[index]
    score = (
        20 * _overlap(line, vocabulary) + 0.5 * min(word_count(line), 14) - 0.1 * abs(start - index)
    )
    if headline_case(line):
        score += 2
    following = lines[index + 1 : index + 4]
    if any(_BYLINE.match(f) or _is_date_line(f) for f in following):
        score += 6
    return score


def _overlap(line: str, vocabulary: set[str]) -> float:
    """The share of the line's content words that the body uses too."""
    words = _content_words(line)
    return sum(1 for w in words if w in vocabulary) / len(words) if words else 0.0


def _vocabulary(body: list[str], limit: int = 600) -> set[str]:
    """The content words of the body's opening, for matching a headline against it."""
    found: set[str] = set()
    count = 0
    for line in body:
        if word_count(line) < 12:
            continue  # captions, labels and credits inside the body say nothing of it
        words = _content_words(line)
        found.update(words)
        count += len(words)
        if count >= limit:
            break
    return found


def _content_words(line: str) -> list[str]:
    """Lower-cased words of five letters or more (any length outside ASCII scripts)."""
    return [w for w in _WORD.findall(line.casefold()) if len(w) >= 5 or not w.isascii()]


def _is_headline_shaped(line: str, *, fewest_words: int = 3) -> bool:
    """A line a headline could be: menu items ("Home", "World") have fewer words."""
    words = word_count(line)
    if not fewest_words <= words <= 30 or _BYLINE.match(line) or _is_date_line(line):
        return False
    if _CLOCK.search(line) or is_icon_line(line):
        return False
    if is_furniture(line) or line.endswith((":", "…", "...")):
        return False
    if line.startswith("(") and line.endswith(")"):
        return False  # a photo credit or an aside
    return not (words > 12 and line.rstrip().endswith("."))


def _is_date_line(line: str) -> bool:
    return bool(DATE.search(line)) and word_count(line) <= 10


def _find_byline_and_date(
    lines: list[str], start: int, body_start: int
) -> tuple[str | None, str | None, int]:
    """A byline and a date in the lines from ``start``, up to and just into the body.

    A byline is a "By ..." line, or else a line that is only a person's name standing
    next to the date. Returns them and the index of the first line after those used.
    """
    byline = published = None
    names: list[int] = []
    dates: list[int] = []
    after = start
    for index in range(start, min(len(lines), max(body_start, start) + 3)):
        line = lines[index]
        if word_count(line) > 14:
            if index >= body_start:
                break
            continue
        match = _BYLINE.match(line)
        date = DATE.search(line) or _CLOCK.search(line)
        if match and byline is None:
            byline = clean_byline(match.group(1))
            published = published or (date.group(1) if date and date.lastindex else None)
        elif date and word_count(line) <= 10:
            dates.append(index)
            found = DATE.search(line)
            published = published or (found.group(1) if found else None)
        elif _is_name_line(line):
            names.append(index)
            continue
        elif index >= body_start:
            break
        else:
            continue
        after = index + 1
    if byline is None:
        near = [i for i in names if any(abs(i - d) <= 2 for d in dates)]
        if near:
            byline = clean_byline(lines[near[0]])
            after = max(after, near[0] + 1) if near[0] < body_start else after
    return byline or None, published, after


_NAVIGATION = frozenset(
    "previous next post posts page home back menu share more top older newer article story".split()
)
_PARTICLES = frozenset("de da di du van von der den le la y e et and und & of bin al".split())


def _is_name_line(line: str) -> bool:
    """Two to five words, each capitalised (name particles aside), no digits: a name."""
    words = [w.strip(",") for w in line.split() if not w.startswith("@")]
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in line):
        return False
    if any(w.lower() in _NAVIGATION for w in words):
        return False  # "Previous Post", "Next Page": a control, not a person
    return all(w[:1].isupper() or w.lower() in _PARTICLES for w in words if w) and any(
        len(w) > 1 and w[1:].islower() for w in words
    )


def _classify(body: list[str], scorer: LineScorer, offset: int) -> list[RawBlock]:
    return [b for b in _blocks_of(body, scorer, offset) if not is_noise(b)]


def _blocks_of(body: list[str], scorer: LineScorer, offset: int) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    for index, line in enumerate(body):
        if _SECTION_BREAK.match(line) or is_placeholder(line) or is_boilerplate(line):
            continue
        if scorer.is_repeated(offset + index) and word_count(line) <= 6:
            continue
        item = _LIST_ITEM.match(line)
        following = body[index + 1] if index + 1 < len(body) else ""
        if "\n" in line:  # an indented chunk of hard-wrapped text, kept line by line
            blocks.append(RawBlock(BlockKind.CODE, line))
        elif item and not _SECTION_BREAK.match(item.group(1)):
            blocks.append(RawBlock(BlockKind.LIST_ITEM, item.group(1)))
        elif _is_subheading(line, following):
            blocks.append(RawBlock(BlockKind.HEADING, line, 2))
        else:
            blocks.append(RawBlock(BlockKind.PARAGRAPH, line))
    return blocks


def _is_subheading(line: str, following: str) -> bool:
    """A short line that is not a sentence, followed by prose. A line ending in a
    colon leads into what follows ("Here's an analogy:"): a paragraph, kept as written."""
    words = word_count(line)
    return (
        1 <= words <= 12
        and not line.rstrip().endswith((*_SENTENCE_END, ",", ";", ":"))
        and word_count(following) >= 12
    )


def _leads_in(line: str) -> bool:
    """A sentence of a few words that ends in a colon and hands over to the body."""
    return 3 <= word_count(line) <= 14 and line.rstrip().endswith(":")
