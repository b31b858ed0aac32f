"""Text written as a file and hard-wrapped at a margin (a README, a NEWS file, a
licence): its blank-line-apart chunks joined into paragraphs, but a table, a record's
fields, a title page's lines, a code block, a diagram, a heading over its underline
and a list's items kept apart."""

from __future__ import annotations

import itertools
import re
import textwrap

from readout.extract.boilerplate import word_count
from readout.extract.drawn_tables import drawn_table_rows, is_drawn_table
from readout.extract.dropped import DropLog, DropReason
from readout.extract.raw import collapse
from readout.extract.region import is_code_line, reads_as_code
from readout.extract.shapes import LIST_ITEM, ends_like_sentence

_RULE = re.compile(r"^([=\-~^*#+`'\".:_])\1{2,}$")
_MARKUP_LINE = re.compile(r"^\.\.(\s+[\w:-]+::.*|\s+_[^:]+:|\s*)$")


def wrapped_paragraphs(text: str, log: DropLog | None) -> list[str]:
    """The paragraphs of hard-wrapped text: each blank-line-apart chunk joined, but a
    table, a record's fields, a title page's lines, a code block, a heading over its
    underline and a list's items apart."""
    paragraphs: list[str] = []
    margin = _margin(text)
    for whole_chunk in re.split(r"\n[ \t]*\n", text):
        heading, chunk = _underlined_heading(whole_chunk)
        if heading:
            paragraphs.append(heading)
        if not chunk.strip():
            continue
        lines = chunk.split("\n")
        if is_drawn_table(lines):
            paragraphs.extend(drawn_table_rows(lines))
            continue
        if _MARKUP_LINE.match(chunk.strip()):
            if log is not None:
                log.add(chunk, DropReason.MARKUP)
            continue
        literal = bool(paragraphs) and paragraphs[-1].endswith("::")
        if _is_diagram(chunk):  # boxes and arrows: shown as drawn, its lines kept
            paragraphs.append(textwrap.dedent(chunk).strip("\n").rstrip())
        elif _is_column_table(chunk):
            paragraphs.extend(as_row(line) for line in lines if line.strip())
        elif not literal and len(items := _wrapped_items(lines)) > 1:
            paragraphs.extend(items)  # "does things like:" over " - notify applications"
        elif is_indented(chunk) and (
            literal or (reads_as_code(chunk) and not _is_prose_chunk(chunk))
        ):
            if literal:  # reST's "a main module::" introduces the block: one colon said
                paragraphs[-1] = paragraphs[-1][:-1]
            paragraphs.append(textwrap.dedent(chunk).strip("\n").rstrip())
        elif _is_record(chunk):
            paragraphs.extend(_fields(chunk))
        elif _is_centred(chunk) or _is_short_lines(chunk, margin):
            # a title page's lines (its title, version, date), an address, a contents list
            paragraphs.extend(collapse(line) for line in chunk.split("\n") if line.strip())
        else:
            paragraphs.append(_joined(_without_rules(chunk.split("\n"))))
    return [paragraph for paragraph in paragraphs if paragraph.strip()]


SHORT_LINE_SHARE = 0.6
"""A line of a wrapped text that stops before this share of the margin ends there."""


def _margin(text: str) -> int:
    """The column the text is wrapped at: the median length of its lines of prose width."""
    lengths = sorted(len(line.rstrip()) for line in text.split("\n") if len(line.strip()) > 40)
    return lengths[len(lengths) // 2] if lengths else 0


def _is_short_lines(chunk: str, margin: int) -> bool:
    """Two lines or more, each ending well before the margin: lines set one under the
    other (an address, a contents list, a verse), not a paragraph the wrap broke."""
    lines = [line for line in chunk.split("\n") if line.strip()]
    return len(lines) >= 2 and all(len(line.rstrip()) < SHORT_LINE_SHARE * margin for line in lines)


class UnderlinedHeading(str):
    """A paragraph that its text underlines: a heading, whatever its length."""


_UNDERLINE = re.compile(r"^([=\-~^*#+])\1+$")
"""A heading's under- or overline, two marks or more ("Security" over "==")."""
UNDERLINED_HEADING_WORDS = 12


def _underlined_heading(chunk: str) -> tuple[UnderlinedHeading | None, str]:
    """A heading that opens ``chunk`` over its underline ("Introduction" over "===",
    or between two rules), and the rest of the chunk; else no heading and the chunk."""
    lines = chunk.strip("\n").split("\n")
    at = 1 if len(lines) >= 3 and _UNDERLINE.match(lines[0].strip()) else 0
    if len(lines) < at + 2 or not _UNDERLINE.match(lines[at + 1].strip()):
        return None, chunk
    title = lines[at].strip()
    if not title or word_count(title) > UNDERLINED_HEADING_WORDS or _UNDERLINE.match(title):
        return None, chunk
    return UnderlinedHeading(collapse(title)), "\n".join(lines[at + 2 :])


def _wrapped_items(lines: list[str]) -> list[str]:
    """A chunk's lead-in and its list's items, each item's wrapped lines joined, when
    two lines or more of it open with a bullet or a number ("- start services on
    demand"); else the chunk as one."""
    starts = [i for i, line in enumerate(lines) if LIST_ITEM.match(line.strip())]
    if len(starts) < 2:
        return [_joined(lines)]
    cuts = ([0] if starts[0] > 0 else []) + starts + [len(lines)]
    return [_joined(lines[a:b]) for a, b in itertools.pairwise(cuts) if a < b]


def _is_diagram(chunk: str) -> bool:
    """Three lines or more drawn in box-drawing characters or in bars and dashes (a
    state diagram), not text to join into a paragraph."""
    marks = [char for char in chunk if not char.isspace()]
    boxes = sum("\u2500" <= char <= "\u257f" for char in marks)
    bars = sum(char in "|+-/\\" for char in marks)
    return chunk.strip().count("\n") >= 2 and (
        boxes >= 0.1 * len(marks) or bars >= 0.3 * len(marks)
    )


def _is_column_table(chunk: str) -> bool:
    """Two lines or more, each of cells apart by columns of spaces ("unpacked    never
    maybe    No"), none of them code: a table's rows."""
    lines = [line.strip() for line in chunk.split("\n") if line.strip()]
    return (
        len(lines) >= 2
        and all(len(CELL_GAP.split(line)) >= 2 for line in lines)
        and not any(is_code_line(line) for line in lines)
    )


def _is_prose_chunk(chunk: str) -> bool:
    """Indented sentences that quote a command ("'gunzip --help >/dev/full' now
    exits..."): mostly words, ending as a sentence ends, not code."""
    words = chunk.split()
    plain = sum(1 for word in words if _PLAIN_WORD.match(word))
    sentences = ends_like_sentence(chunk.strip()) or _SENTENCE_INSIDE.search(chunk)
    return len(words) >= 12 and plain >= 0.75 * len(words) and bool(sentences)


_SENTENCE_INSIDE = re.compile(r"[a-z][.!?]['\")\]]?\s+[A-Z'\"(]")


_PLAIN_WORD = re.compile(
    r"^[(\"'‘“]?[^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*[)\"'’”]?[.,;:!?]?[)\"'’”]?$"
)


_BROKEN_AT_HYPHEN = re.compile(r"(?<=[^\W\d_]-)[ \t]*\n[ \t]*(?=[^\W\d_])")
"""A line that ends in a word's hyphen, the word going on under it ("easily-" over
"misunderstood")."""


def _joined(lines: list[str]) -> str:
    """A wrapped paragraph's lines as one line; a word broken after its hyphen is one
    word again, hyphen kept ("well-known", never "well- known"; a dictionary would be
    needed to tell a hyphen the wrap added)."""
    return collapse(_BROKEN_AT_HYPHEN.sub("", "\n".join(lines)))


_FIELD = re.compile(r"^[A-Z][A-Za-z0-9-]*:(?:\s|$)")
"""A record's field, unindented ("Files: *", "Copyright: 1999-2022 ...", "License: GPL-3+")."""


def _is_record(chunk: str) -> bool:
    """A chunk of fields, each on a line of its own with its value's lines under it:
    a Debian copyright file's stanza, a package's control record, a mail's header."""
    lines = [line.strip() for line in chunk.split("\n") if line.strip()]
    fields = sum(bool(_FIELD.match(line)) for line in lines)
    return bool(_FIELD.match(lines[0])) and (fields >= 2 or "." in lines)


def _fields(chunk: str) -> list[str]:
    """A record's fields, each with its value's lines joined; a line of only "." in a
    value (how such a record writes a blank line) ends a paragraph."""
    fields: list[list[str]] = []
    for line in chunk.split("\n"):
        line = line.strip()
        if not line:
            continue
        if _FIELD.match(line) or not fields:
            fields.append([line])
        elif line == ".":
            fields.append([])
        else:
            fields[-1].append(line)
    return [_joined(field) for field in fields if field]


CENTRED_INDENT = 6
"""A centred line of a hard-wrapped text stands at least this far in..."""
CENTRE_DRIFT = 3
"""...and the middles of a centred chunk's lines are this many columns apart at most."""


def _is_centred(chunk: str) -> bool:
    """Lines set in the middle of the page, each its own ("GNU GENERAL PUBLIC LICENSE"
    over "Version 3, 29 June 2007"): their indents differ, their middles do not."""
    lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
    indents = [len(line) - len(line.lstrip()) for line in lines]
    middles = [
        indent + (len(line) - indent) / 2 for line, indent in zip(lines, indents, strict=True)
    ]
    return (
        len(lines) >= 2
        and min(indents) >= CENTRED_INDENT
        and len(set(indents)) > 1
        and max(middles) - min(middles) <= CENTRE_DRIFT
    )


def as_row(line: str) -> str:
    """The line collapsed; a table's row with its cells apart by "; ", as an HTML table's
    row is read ("as; type cast expressions"), where a copy had tabs or a rendering had
    columns of spaces between them."""
    cells = [cell for cell in CELL_GAP.split(line.strip()) if cell.strip()]
    if len(cells) > 1 and cells[0].endswith(":") and " " not in cells[0].strip():
        cells[:2] = [f"{cells[0]} {cells[1]}"]  # a header's "Date:   Thu": a field, not a cell
    return "; ".join(collapse(cell) for cell in cells) if len(cells) > 1 else collapse(line)


CELL_GAP = re.compile(r"\s*\t\s*| {3,}")


def is_indented(chunk: str) -> bool:
    """Every line indented: a literal block, code, a quoted passage."""
    lines = [line for line in chunk.split("\n") if line.strip()]
    return bool(lines) and all(line.startswith(("  ", "\t")) for line in lines)


def _without_rules(lines: list[str]) -> list[str]:
    """The lines without a heading's over- or underline ("=====", "-----", "*****")."""
    return [line for line in lines if not _RULE.match(line.strip())]
