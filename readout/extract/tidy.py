"""What is left out of an HTML page's blocks once they are found: furniture blocks,
headings with nothing under them, and the title, site name and byline said again."""

from __future__ import annotations

import re

from readout.article import BlockKind
from readout.extract.boilerplate import introduces_list, is_boilerplate
from readout.extract.raw import RawBlock, fold

BYLINE_LINES = 6
"""A line that only says the byline's names is left out among the first this many."""
_SECTION = re.compile(r"^(\d+(?:\.\d+)*\.?)\s")


def drop_boilerplate(blocks: list[RawBlock], *, headings: bool = True) -> list[RawBlock]:
    """Remove furniture blocks, and the list items that follow a "Related:" line.
    ``headings=False`` keeps every heading: a documentation page's "Comments" is a
    chapter on comments (a heading over nothing goes in ``drop_empty_sections``)."""
    kept: list[RawBlock] = []
    in_link_list = False
    for block in blocks:
        if in_link_list and block.kind is BlockKind.LIST_ITEM:
            continue
        in_link_list = False
        if block.kind is BlockKind.HEADING and not headings:
            kept.append(block)
            continue
        if block.kind is not BlockKind.CODE and is_boilerplate(block.text):
            in_link_list = introduces_list(block.text)
            continue
        kept.append(block)
    return kept


_DECLARATION = re.compile(
    r"^(?:pub(?:\([\w:]+\))?\s+)?(?:impl|fn|struct|enum|trait|type|const|static|unsafe|async"
    r"|class|def|interface|function)\b[<\s]|^[A-Za-z_$][\w.$:]*\(.*\)|^--?[A-Za-z][\w-]*(?:=\S*)?$"
)
"""A reference's entry: a declaration ("impl<T> Send for Vec<T>", "pub fn len(&self)"),
a call's signature ("path.basename(path[, suffix])") or an option's name ("--jitless",
a command's list of the options it passes on)."""


def drop_empty_sections(blocks: list[RawBlock]) -> list[RawBlock]:
    """Leave out a heading with nothing under it: the next block is a heading of its
    own level or above, or there is none ("Contents" over a table of contents that is
    gone, "Indices and tables" over links, "Comments" over no comments). A listener
    would be taken there by "next heading" to hear nothing. A heading that is code says
    something itself: a reference's entry ("impl<T> Send for Vec<T>") needs no prose."""
    kept: list[RawBlock] = []  # from the end: a section whose headings all go goes too
    for block in reversed(blocks):
        if block.kind is BlockKind.HEADING and not _DECLARATION.match(block.text):
            following = kept[-1] if kept else None
            if following is None or (
                following.kind is BlockKind.HEADING
                and (following.level or 2) <= (block.level or 2)
                and not _numbered_under(following.text, block.text)
            ):
                continue
        kept.append(block)
    return kept[::-1]


def _numbered_under(heading: str, over: str) -> bool:
    """ "7.1.2.1 Streebog" is a subsection of "7.1.2 Miscellaneous hash functions", even
    when both are <h4>s (texinfo writes them so)."""
    inner, outer = _SECTION.match(heading), _SECTION.match(over)
    return bool(inner and outer and inner.group(1).startswith(outer.group(1).rstrip(".") + "."))


def drop_repeated_title(blocks: list[RawBlock], title: str) -> list[RawBlock]:
    """The headline often opens the body too; the reader says it once."""
    return _drop_opening_heading(blocks, {fold(title)})


def numbered_title(blocks: list[RawBlock], title: str) -> str:
    """The opening heading when it is the title with its section number ("2.2 Simple
    Example" under the window title "Simple Example"): a manual's page says where it
    stands in the manual so, and the heading is then said once, as the title."""
    for block in blocks[:3]:
        number = _SECTION.match(block.text) if block.kind is BlockKind.HEADING else None
        if number and title and fold(block.text[number.end() :]) == fold(title):
            return block.text
    return title


def drop_site_heading(blocks: list[RawBlock], sites: set[str]) -> list[RawBlock]:
    """A heading over the article that is the site's or the product's name ("Node.js
    v20.20.2 documentation"), as the window title names it, is the page's banner."""
    return _drop_opening_heading(blocks, sites)


def _drop_opening_heading(blocks: list[RawBlock], said: set[str]) -> list[RawBlock]:
    """``blocks`` without the first heading among the first three whose folded text is
    one of ``said``."""
    for index, block in enumerate(blocks[:3]):
        if block.kind is BlockKind.HEADING and fold(block.text) in said:
            return blocks[:index] + blocks[index + 1 :]
    return blocks


def drop_byline_lines(blocks: list[RawBlock], byline: str) -> list[RawBlock]:
    """A manual's title page names its authors a line each; the byline says them."""
    names = {fold(byline), *(fold(name) for name in byline.split(", "))}
    head = [
        b
        for b in blocks[:BYLINE_LINES]
        if not (b.kind is not BlockKind.CODE and fold(b.text) in names)
    ]
    return head + blocks[BYLINE_LINES:]
