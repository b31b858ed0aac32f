"""Put back the headings, lists and tables a main-content extractor left out of a body.

When trafilatura finds no container it trusts (a hand-written manual: one long
``<div class="container">`` of ``<h2>``, ``<p>``, ``<ul>`` and ``<pre>``), it gathers
the page's "wild" paragraphs and code and nothing else: every heading, list and table
between them is lost, so a listener hears "the engines listed below:" and then the
next section, with no sections to move by. The fix is structural: a heading, list or
table that stands beside the paragraphs it kept, in the same container, between two of
them, is part of the same body, and goes back in where the page has it. Only pages
where trafilatura gathered loose text are looked at so (``html.py`` watches for it):
elsewhere it keeps the headings it means to, and the few it drops are teasers'.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from lxml import etree

from readout.article import BlockKind
from readout.extract.blocks import tag_of, tree_to_blocks
from readout.extract.boilerplate import word_count
from readout.extract.raw import RawBlock

MAX_GAP = 3
"""The two kept blocks around a restored element are at most this far apart in the
result: the element sits inside the run trafilatura kept, not across a gap it cut."""
MAX_REACH = 6
"""A kept neighbour is at most this many block elements away: further off, the element
is not in the run of text that was kept."""
MAX_LINKED = 0.3
"""A list or table with more of its words in links than this is a menu or an index."""

_KEPT_TAGS = frozenset({"p", "pre", "blockquote"})
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LIST_TAGS = frozenset({"ul", "ol", "dl", "table"})
_CANDIDATES = _KEPT_TAGS | _HEADING_TAGS | _LIST_TAGS
_ITEMS = {"ul": ("li",), "ol": ("li",), "dl": ("dt", "dd"), "table": ("tr",)}
_STOPS = ("nav", "aside", "footer", "header", "form")
_BARRIERS = (*_CANDIDATES, *_STOPS)
_LAYOUT_CONTENT = ("p", "ul", "ol", "pre", "h1", "h2", "h3")


_KEY_LENGTH = 60
_KEY_WORDS = 16
_PUNCTUATION = str.maketrans("", "", string.punctuation)


@dataclass(frozen=True)
class _Found:
    """A block-level element of the page, and where its text is in the result (if it is)."""

    element: etree._Element
    first: int | None
    """The index in the result of the element's first block, if the result has it."""
    last: int | None
    """...and of its last (a list's last item)."""


def restore_structure(
    blocks: list[RawBlock], page: etree._Element, *, structure: bool = True
) -> list[RawBlock]:
    """Return ``blocks`` with code that came out as a paragraph made code again, and,
    when ``structure`` (the extractor gathered loose text), the headings, lists and
    tables inside their run put back."""
    if not structure and next(page.iter("pre"), None) is None:
        return blocks  # no code to look at, and nothing else to do
    index_of: dict[str, int] = {}
    for i, block in enumerate(blocks):
        index_of.setdefault(_key(block.text), i)
    if len(index_of) < 2:
        return blocks
    if not structure:
        return _code_as_code(blocks, page, index_of)
    found = _Located(_block_elements(page), index_of)
    restored: dict[int, tuple[int, list[RawBlock]]] = {}  # position -> (after index, blocks)
    for tags in (_LIST_TAGS, _HEADING_TAGS):  # lists and tables first: a heading heads one
        for position, element in enumerate(found.elements):
            if tag_of(element) in tags and found[position].first is None:
                placed = _place(found, position, restored, index_of)
                if placed is not None:
                    restored[position] = placed
    blocks = _code_as_code(blocks, page, index_of)
    if not restored:
        return blocks
    after: dict[int, list[RawBlock]] = {}
    for position in sorted(restored):
        index, new = restored[position]
        after.setdefault(index, []).extend(new)
    result: list[RawBlock] = []
    for i, block in enumerate(blocks):
        result.append(block)
        result.extend(after.get(i, []))
    return result


class _Located:
    """The page's block elements, each looked up in the result only when a rule asks:
    most are never a restored element's neighbour."""

    def __init__(self, elements: list[etree._Element], index_of: dict[str, int]) -> None:
        self.elements = elements
        self._index_of = index_of
        self._found: dict[int, _Found] = {}

    def __len__(self) -> int:
        return len(self.elements)

    def __getitem__(self, position: int) -> _Found:
        found = self._found.get(position)
        if found is None:
            found = self._found[position] = _locate(self.elements[position], self._index_of)
        return found


def _code_as_code(
    blocks: list[RawBlock], page: etree._Element, index_of: dict[str, int]
) -> list[RawBlock]:
    """A ``<pre>`` the result holds as a paragraph (trafilatura reads one in a layout
    table's cell, or in a list's item, as text) is code again, with its line breaks."""
    fixed: dict[int, RawBlock] = {}
    for element in page.iter("pre"):
        index = _index(element, index_of)
        if index is not None and blocks[index].kind is not BlockKind.CODE:
            code = tree_to_blocks(element)
            if len(code) == 1 and code[0].kind is BlockKind.CODE:
                fixed[index] = code[0]
    if not fixed:
        return blocks
    return [fixed.get(i, block) for i, block in enumerate(blocks)]


def _place(
    found: _Located,
    position: int,
    restored: dict[int, tuple[int, list[RawBlock]]],
    index_of: dict[str, int],
) -> tuple[int, list[RawBlock]] | None:
    """Where the element at ``position`` goes back (after which kept block) and its
    blocks, or None when it is not part of the run around it."""
    element = found[position].element
    before = _matched(found, position, step=-1)
    following = _matched(found, position, step=1)
    if before is None or following is None or before.last is None:
        return None
    gap = (following.first or 0) - before.last
    if not 0 < gap <= MAX_GAP or not _beside(element, before, following):
        return None
    if tag_of(element) in _HEADING_TAGS:
        if not (position + 1 in restored or _was_kept(found[position + 1], index_of)):
            return None  # it heads a box of links, not text that was kept
    elif tag_of(element) != "table" and tag_of(before.element) != "p":
        return None  # a list under the headline is a byline's name, handle and date
    new = tree_to_blocks(element)
    if tag_of(element) == "table" and len(new) < 2:
        return None  # a one-cell box: a notice ("This section needs expansion"), not data
    if not new or any(_key(b.text) in index_of for b in new) or _is_links(element, new):
        return None
    return before.last, new


def _block_elements(root: etree._Element) -> list[etree._Element]:
    """The paragraphs, code, quotes, headings, lists and tables of ``root``, in page
    order, outermost only (a list's own paragraphs are the list's), none in a menu,
    sidebar, header, footer or form."""
    layout = {table for table in root.iter("table") if _lays_out(table)}
    return [
        element
        for element in root.iter(*_CANDIDATES)
        if element not in layout
        and next((a for a in element.iterancestors(*_BARRIERS) if a not in layout), None) is None
    ]


def _lays_out(table: etree._Element) -> bool:
    """A table that lays a page out (its cells hold paragraphs, lists, code): its blocks
    are looked at one by one, as the page's own."""
    return next(table.iter(*_LAYOUT_CONTENT), None) is not None


def _locate(element: etree._Element, index_of: dict[str, int]) -> _Found:
    """Where the element's text stands in the result: a paragraph, code, quote or
    heading by its text, a list or table by its first and last item."""
    tag = tag_of(element)
    if tag not in _LIST_TAGS:
        index = _index(element, index_of)
        return _Found(element, index, index)
    items = list(element.iter(*_ITEMS[tag]))
    if not items:
        return _Found(element, None, None)
    first, last = (_index(item, index_of) for item in (items[0], items[-1]))
    return _Found(element, first, last if last is not None else first)


def _was_kept(item: _Found, index_of: dict[str, int]) -> bool:
    """Whether the result has the element's text; a list item is looked at as a block
    too, when its text as a whole is not found ("1. Mix the flour" for "Mix the flour")."""
    if item.first is not None:
        return True
    tag = tag_of(item.element)
    if tag not in _LIST_TAGS:
        return False
    first = next(item.element.iter(*_ITEMS[tag]), None)
    blocks = tree_to_blocks(first) if first is not None else []
    return bool(blocks) and _key(blocks[0].text) in index_of


def _index(element: etree._Element, index_of: dict[str, int]) -> int | None:
    """Where the result has the element's text as a block, if it does."""
    return index_of.get(_key(element.text_content()))


def _matched(found: _Located, position: int, step: int) -> _Found | None:
    """The nearest element before (step -1) or after (step 1) whose text was kept."""
    for near in range(position + step, position + step * (MAX_REACH + 1), step):
        if not 0 <= near < len(found):
            break
        if found[near].first is not None:
            return found[near]
    return None


def _beside(element: etree._Element, before: _Found, following: _Found) -> bool:
    """In the container of a kept neighbour: the same body, not a box beside it."""
    parent = element.getparent()
    return parent is not None and (
        parent is before.element.getparent() or parent is following.element.getparent()
    )


def _is_links(element: etree._Element, blocks: list[RawBlock]) -> bool:
    """A menu or index: a list or table mostly of links, a heading that is one."""
    words = sum(word_count(b.text) for b in blocks)
    links = [a for a in element.iter("a") if not (a.get("href") or "").startswith("#")]
    linked = sum(word_count(a.text_content()) for a in links)
    if tag_of(element) in _HEADING_TAGS:
        return linked >= words  # a teaser's headline links elsewhere
    return linked > MAX_LINKED * words


def _key(text: str) -> str:
    """Text to match by: its first and last words, letters and digits only (a table
    row the result reads as "Name; Size" is the page's "Name" and "Size" cells)."""
    head = "".join(text.split(None, _KEY_WORDS)[:_KEY_WORDS])[:_KEY_LENGTH]
    tail = "".join(text.rsplit(None, _KEY_WORDS)[-_KEY_WORDS:])[-_KEY_LENGTH:]
    return (head + tail).translate(_PUNCTUATION).casefold()
