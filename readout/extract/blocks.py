"""Turn element trees (trafilatura's XML or ordinary HTML) into raw blocks.

Both extractors we build on return a tree; this walks it once, in document order, and
yields ``RawBlock`` records (kind, text, level). A paragraph stays whole across inline
elements (``code``, ``a``, ``em``, ``kbd``, ``span``, ``sup``...): only block elements
start a new block. Code blocks keep their line breaks; every other block has its
whitespace collapsed. Segmenting into sentences happens later, in one place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import islice

from lxml import etree

from readout.article import BlockKind
from readout.extract.raw import RawBlock, collapse, tidy_code

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
ENTRY_TERM = "data-readout-entry"
"""Set by pruning on a ``<dt>`` that is a reference's entry: it is read as a heading."""
_LIST_ITEMS = {"li", "item"}  # a definition list's <dt>/<dd> are a term and its prose
_QUOTES = {"blockquote", "quote"}
_IMAGES = {"img", "graphic"}
_CAPTIONS = {"figcaption", "caption"}
_TABLE_ROWS = {"tr", "row"}
_CELLS = {"td", "th", "cell"}
_LAYOUT_BLOCKS = {
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "table",
    "blockquote",
}
_SKIPPED = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "nav",
    "footer",
    "form",
    "button",
    "select",
    "textarea",
    "input",
    "iframe",
    "object",
    "embed",
    "title",
    "meta",
    "dialog",
}
BLOCK_TAGS = (
    set(_HEADINGS)
    | _LIST_ITEMS
    | _QUOTES
    | _IMAGES
    | _CAPTIONS
    | _TABLE_ROWS
    | {
        "p",
        "div",
        "section",
        "article",
        "main",
        "ul",
        "ol",
        "dl",
        "list",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "figure",
        "pre",
        "head",
        "header",
        "aside",
        "body",
        "hr",
        "details",
        "summary",
        "dt",
        "dd",
    }
)
# Elements whose children are blocks: a <code> standing alone in one of them is a
# code block (trafilatura's XML puts a <pre><code> there as a bare <code>).
_CONTAINERS = {"main", "body", "div", "section", "article", "quote", "blockquote", "doc", "figure"}
_IMAGE_FILE = re.compile(r"\.(png|jpe?g|gif|svg|webp|avif|bmp|tiff?)$", re.I)
LEAD_IN_WORDS = 6
"""A sentence this long that ends in ":" hands over to the list under it..."""
_FILE_NAME = re.compile(r"^[\w.-]*/")
_LINKS = {"a", "ref"}
ALT_TEXT_WORDS = 3
"""An image's description this long is read as its caption; a shorter one names a logo
or an icon ("Cargo Logo", "Menu")."""
LINK_CONTROL_WORDS = 3
"""A block made only of a link this short is a control ("Source"), not article text."""
_CAPTION_NAME = re.compile(r"caption|credit|wp-caption-text", re.I)
# Permalink marks that documentation generators put after headings ("Title¶", "Title§").
_PERMALINK = re.compile(r"\s*[¶§🔗#]+\s*$")
_PERMALINK_MARKS = "¶§🔗#"


def _without_permalink(text: str) -> str:
    """``text`` without the permalink mark that ends it, if one does. Most texts end in
    none, and the pattern, anchored at the end, is tried from every position: so the
    last character is looked at first."""
    last = text.rstrip()[-1:]
    if not last or last not in _PERMALINK_MARKS:
        return text
    return _PERMALINK.sub("", text)


def tree_to_blocks(root: etree._Element) -> list[RawBlock]:
    """Walk ``root`` and return its blocks in document order."""
    return [block for block in _walk(root, BlockKind.PARAGRAPH) if block.text]


def tag_of(element: etree._Element) -> str:
    """The element's lower-case local name; "" for comments and processing instructions."""
    tag = element.tag
    name = _TAG_NAMES.get(tag)
    if name is None:
        name = tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""
        if len(_TAG_NAMES) < _TAG_NAMES_KEPT:
            _TAG_NAMES[tag] = name
    return name


_TAG_NAMES: dict[object, str] = {}
"""Tags met so far and their names: every walk asks for them, element by element."""
_TAG_NAMES_KEPT = 4096


def _walk(element: etree._Element, context: BlockKind) -> Iterator[RawBlock]:
    tag = tag_of(element)
    if not tag or tag in _SKIPPED:
        return
    if tag in _HEADINGS or (tag == "head" and element.get("rend") is not None):
        level = _HEADINGS.get(tag) or _HEADINGS.get(element.get("rend", ""), 2)
        yield RawBlock(BlockKind.HEADING, _without_permalink(text_of(element)), level)
        return
    if tag == "dt" and element.get(ENTRY_TERM) is not None:
        yield RawBlock(BlockKind.HEADING, text_of(element), _entry_level(element))
        return
    if _is_code_block(element, tag):
        yield RawBlock(BlockKind.CODE, tidy_code(_raw_text(element)))
        return
    if tag in _IMAGES:
        alt = collapse(element.get("alt") or element.get("title") or "")
        if len(alt.split()) >= ALT_TEXT_WORDS and not is_file_name(alt):
            yield RawBlock(BlockKind.CAPTION, alt)
        return
    if tag in _CAPTIONS or _is_caption(element, tag):
        yield RawBlock(BlockKind.CAPTION, text_of(element))
        return
    if tag == "dl" or (tag == "list" and element.get("rend") == "dl"):
        fields = _fields(element)
        if fields is not None:  # "Author: Ada Whitcombe", one line, not two
            yield from (RawBlock(context, field) for field in fields)
            return
    if tag in _TABLE_ROWS:
        cells = [cell for cell in element if tag_of(cell) in _CELLS]
        if any(_holds_blocks(cell) for cell in cells):  # a table that lays a page out
            yield from _layout_row(cells, context)
            return
        texts = [text_of(cell) for cell in cells]
        yield RawBlock(context, _row_text([text for text in texts if text]))
        return
    if tag in _QUOTES:
        context = BlockKind.QUOTE
    elif tag in _LIST_ITEMS:
        number = _item_number(element)
        depth = 1 + sum(1 for above in element.iterancestors() if tag_of(above) in _LIST_ITEMS)
        for block in _walk_inside(element, tag, BlockKind.LIST_ITEM):
            if block.kind is BlockKind.LIST_ITEM and block.level is None:
                block, number = RawBlock(block.kind, number + block.text, depth), ""
            yield block
        return
    yield from _walk_inside(element, tag, context)


def _entry_level(term: etree._Element) -> int:
    """An entry's heading level: one under the heading of the section it stands in, and
    one more for each entry it is part of (a class's methods under the class)."""
    above, inside = 1, 0
    for ancestor in term.iterancestors():
        if tag_of(ancestor) == "dd" and any(
            tag_of(sibling) == "dt" and sibling.get(ENTRY_TERM) is not None
            for sibling in ancestor.itersiblings(preceding=True)
        ):
            inside += 1
        heading = next(
            (s for s in ancestor.itersiblings(preceding=True) if tag_of(s) in _HEADINGS), None
        )
        if heading is not None:
            above = _HEADINGS[tag_of(heading)]
            break
    return min(6, above + 1 + inside)


def _item_number(item: etree._Element) -> str:
    """ "3. " for the third item of an ordered list (from its ``start``), else ""."""
    parent = item.getparent()
    if parent is None or not (
        tag_of(parent) == "ol" or (tag_of(parent) == "list" and parent.get("rend") == "ol")
    ):
        return ""
    start = parent.get("start") or "1"
    first = int(start) if start.isdigit() else 1
    place = sum(
        1 for sibling in item.itersiblings(preceding=True) if tag_of(sibling) in _LIST_ITEMS
    )
    return f"{first + place}. "


def _walk_inside(element: etree._Element, tag: str, context: BlockKind) -> Iterator[RawBlock]:
    """The blocks of ``element``'s content, read as ``context``."""
    if not any(_starts_block(child) for child in element):
        if not _is_link_control(element):
            for text, heading in _paragraphs_of(element):
                text = _without_permalink(text)
                yield RawBlock(BlockKind.HEADING, text, 2) if heading else RawBlock(context, text)
        return
    # Mixed content: loose text between block children becomes blocks of its own; a
    # lone link there ("Source", "Edit") is a control, not text.
    # In a list item, its first block is the item; paragraphs and code after it in the
    # same item are its body, read as paragraphs, not as more items.
    said = False
    pending = [element.text or ""]
    loose: list[etree._Element] = []
    after_element = False  # the text so far ends where an element ends
    for child in element:
        if _starts_block(child):
            for block in _loose_block(context, pending, loose):
                said = True
                yield block
            pending, loose = [], []
            inner = BlockKind.PARAGRAPH if said and tag in _LIST_ITEMS else context
            for block in _walk(child, inner):
                said = True
                yield block
        elif tag_of(child) not in _SKIPPED:
            pending.append(_label_gap(after_element, child, pending))
            pending.append(text_of(child, collapse_space=False))
            loose.append(child)
        pending.append(child.tail or "")
        after_element = not child.tail
    yield from _loose_block(
        BlockKind.PARAGRAPH if said and tag in _LIST_ITEMS else context, pending, loose
    )


def _row_text(cells: list[str]) -> str:
    """A table row as one line, its cells apart by "; ", except after a cell that
    names or numbers the next ("cur:" and what it is, as an API's parameter table has
    them; "1.1." and its question)."""
    text = ""
    for cell in cells:
        labels = text.endswith(":") or _numbers_only(text)
        text += ("" if not text else " " if labels else "; ") + cell
    return text


def _numbers_only(text: str) -> bool:
    """ "1.1.", "2)": a number and its marks; not an operator ("!=") a table explains."""
    return any(ch.isdigit() for ch in text) and not any(ch.isalpha() for ch in text)


def _layout_row(cells: list[etree._Element], context: BlockKind) -> Iterator[RawBlock]:
    """A layout row's cells, each read as blocks; a cell that only numbers the next
    ("2.1.") goes in front of its first block."""
    label = ""
    for cell in cells:
        text = text_of(cell)
        if not _holds_blocks(cell) and text and len(text) <= 8 and _numbers_only(text):
            label = text
            continue
        for block in _walk(cell, context):
            if label:
                block, label = RawBlock(block.kind, f"{label} {block.text}", block.level), ""
            yield block


def _holds_blocks(cell: etree._Element) -> bool:
    """A cell with paragraphs, headings, listings or lists in it: the table is the
    page's layout (a manual's questions and answers, a listing in a frame), not data."""
    paragraphs = 0
    for inner in cell.iterdescendants():
        tag = tag_of(inner)
        if tag in _LAYOUT_BLOCKS:
            return True
        paragraphs += tag in ("p", "div")
    return paragraphs >= 2  # a data cell may wrap its one value in a <p> (Sphinx does)


FIELD_NAME_WORDS = 4
FIELD_VALUE_WORDS = 12


def _fields(element: etree._Element) -> list[str] | None:
    """A list of short name and value pairs (a manual's "Author:", "Release:"), each
    as one line; None when it is a definition list with prose to read as it stands."""
    children = [child for child in element if tag_of(child)]
    if not children or [_role(c) for c in children] != ["dt", "dd"] * (len(children) // 2):
        return None
    if any(child.get(ENTRY_TERM) is not None for child in children):
        return None  # a reference's entries, each a heading over its description
    fields = []
    for name, value in zip(children[::2], children[1::2], strict=True):
        term, said = text_of(name), text_of(value)
        if not term or len(term.split()) > FIELD_NAME_WORDS:
            return None
        if not said or len(said.split()) > FIELD_VALUE_WORDS:
            return None
        fields.append(f"{term} {said}" if term.endswith(":") else f"{term}: {said}")
    return fields


def _role(child: etree._Element) -> str:
    """ "dt" or "dd" for a definition list's child (trafilatura's ``<item rend="dt-1">``)."""
    tag = tag_of(child)
    return (child.get("rend") or "")[:2] if tag == "item" else tag


def _loose_block(
    context: BlockKind, pending: list[str], loose: list[etree._Element]
) -> Iterator[RawBlock]:
    text = collapse("".join(pending))
    links = collapse(" ".join(_link_text(e) for e in loose))
    control = text == links and len(text.split()) <= LINK_CONTROL_WORDS
    if text and not (control and not any(_names_code(e) for e in loose)):
        yield RawBlock(context, text)


def _is_link_control(element: etree._Element) -> bool:
    """A block whose whole text is one short link: "Source", "Read more", "Edit". A
    link to a function or a type, written as code, is what a list of them is made of
    ("inspect.stack()" in a list of what changed), not a control; nor is a linked item
    of a list whose other items are prose."""
    text = text_of(element)
    if not text or len(text.split()) > LINK_CONTROL_WORDS or _role(element) == "dt":
        return False  # (a term is what its definition speaks of: "Drain", "A draining...")
    if _link_text(element) != text or _names_code(element) or _is_linked_term(element):
        return False
    return not (tag_of(element) in _LIST_ITEMS and _in_a_list_of_prose(element))


def _is_linked_term(paragraph: etree._Element | None) -> bool:
    """A bold link over the paragraph that says what it leads to (an index page's
    "**Cargo Guide**" / "The guide will give you..."): the name of what the prose
    describes, as a definition's term is, not a control."""
    if paragraph is None or tag_of(paragraph) != "p" or not _all_bold(paragraph):
        return False
    before = paragraph.getprevious()
    if before is not None and tag_of(before) == "p" and _is_linked_term(before.getprevious()):
        return True  # one more of the same list: the last may have no prose under it
    following = paragraph.getnext()
    if following is None or tag_of(following) != "p":
        return False
    prose = text_of(following)
    return len(prose.split()) >= LEAD_IN_WORDS and _link_text(following) != prose


def _all_bold(element: etree._Element) -> bool:
    """The element's whole text is set in bold (``<strong>``, ``<b>``): a label."""
    text = text_of(element)
    return any(text_of(bold) == text for bold in element.iterchildren("strong", "b"))


def _in_a_list_of_prose(item: etree._Element) -> bool:
    """Another item of the list says more than its links ("Variables and function
    parameters" beside "Items"), or a sentence hands over to the list ("...the
    following kinds of tokens:"): the list is the text's, its linked items too."""
    parent = item.getparent()
    if parent is None:
        return False
    before = parent.getprevious()
    if before is not None and tag_of(before) == "p":
        lead_in = text_of(before)
        # "...the following kinds of tokens:", or a bold label ("**Appendices:**")
        if lead_in.endswith(":") and (len(lead_in.split()) >= LEAD_IN_WORDS or _all_bold(before)):
            return True
    siblings = parent.iterchildren(*_LIST_ITEMS)
    return any(_link_text(other) != text_of(other) for other in siblings if other is not item)


_CODE_TAGS = ("code", "kbd", "samp", "tt", "var")


def _names_code(element: etree._Element) -> bool:
    """The element is, or holds, code: ``<code>``, ``<kbd>``..."""
    return tag_of(element) in _CODE_TAGS or any(True for _ in element.iter(*_CODE_TAGS))


def _link_text(element: etree._Element) -> str:
    """The text of the links in ``element`` (itself, if it is one)."""
    if tag_of(element) in _LINKS:
        return text_of(element)
    return collapse(" ".join(text_of(a) for a in element.iter("a", "ref") if a is not element))


def is_file_name(text: str) -> bool:
    """An image's file name or address standing in for its description (a wiki's is
    the file name with spaces: "Harbour logo.png")."""
    return bool(_IMAGE_FILE.search(text)) or (" " not in text and bool(_FILE_NAME.search(text)))


def _starts_block(element: etree._Element) -> bool:
    tag = tag_of(element)
    if tag in _CELLS:  # a layout table's cell left on its own (trafilatura keeps one)
        return _holds_blocks(element)
    return tag in BLOCK_TAGS or _is_code_block(element, tag)


def _is_code_block(element: etree._Element, tag: str) -> bool:
    """A ``<pre>``, or a ``<code>`` that stands alone among blocks (not inside a sentence)."""
    if tag == "pre":
        return True
    if tag != "code":
        return False
    parent = element.getparent()
    if parent is None or tag_of(parent) not in _CONTAINERS:
        return False
    previous = element.getprevious()
    before = (previous.tail if previous is not None else parent.text) or ""
    return not before.strip() and not (element.tail or "").strip()


def _is_caption(element: etree._Element, tag: str) -> bool:
    """A caption by its class or id, or a short paragraph right after an image."""
    names = f"{element.get('class', '')} {element.get('id', '')}"
    if _CAPTION_NAME.search(names):
        return True
    if tag != "p":
        return False
    previous = element.getprevious()
    if previous is not None and tag_of(previous) in _IMAGES:
        return len(text_of(element).split()) <= 30
    # mdBook's "<p><span class="caption">Listing 4-1: …</span></p>" under a listing.
    first = element[0] if len(element) else None
    return (
        first is not None
        and not (element.text or "").strip()
        and _CAPTION_NAME.search(f"{first.get('class', '')} {first.get('id', '')}") is not None
    )


def text_of(element: etree._Element, *, collapse_space: bool = True) -> str:
    """The element's text with its inline children, as one run of words."""
    parts: list[str] = []
    _gather(element, parts)
    text = "".join(parts)
    return collapse(text) if collapse_space else text


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_RULE_LINE = re.compile(r"^[\W_]+$")


def _paragraphs_of(element: etree._Element) -> list[tuple[str, bool]]:
    """The element's paragraphs, each with whether it is a heading. A text file laid
    out with ``<br>`` (DocBook's literallayout, a release's NEWS) is one paragraph for
    each run between blank lines ("<br><br>"), not one of 200,000 characters, and a
    line underlined with a rule ("Release 3.19.0" over "~~~~") is a heading."""
    if sum(1 for _ in islice(element.iter("br", "lb"), 2)) < 2:
        return [(text_of(element), False)]
    found: list[tuple[str, bool]] = []
    for piece in _BLANK_LINE.split("".join(_text_by_breaks(element))):
        lines = [collapse(line) for line in piece.split("\n")]
        lines = [line for line in lines if line]
        underlined = len(lines) == 2 and bool(_RULE_LINE.match(lines[1]))
        text = " ".join(line for line in lines if not _RULE_LINE.match(line))
        if text:
            found.append((text, underlined))
    return found if len(found) > 1 else [(text_of(element), False)]


def _text_by_breaks(element: etree._Element) -> Iterator[str]:
    """The element's text with a line break for each ``<br>`` and none for the
    markup's own newlines (which are spaces in HTML)."""
    tag = tag_of(element)
    if tag in ("br", "lb"):
        yield "\n"
    elif tag and tag not in _SKIPPED and tag not in _IMAGES:
        yield (element.text or "").replace("\n", " ")
        for child in element:
            yield from _text_by_breaks(child)
            yield (child.tail or "").replace("\n", " ")


def _raw_text(element: etree._Element) -> str:
    """All text inside ``element``, line breaks kept (``<br>`` becomes one)."""
    return "".join(_ordered_text(element))


def _ordered_text(element: etree._Element) -> Iterator[str]:
    tag = tag_of(element)
    if tag in ("br", "lb"):
        yield "\n"
    elif tag in ("div", "p"):
        # A block inside code is a line of its own (rustdoc's "where" clause).
        yield "\n"
        yield from _ordered_children(element)
        yield "\n"
    elif tag and tag not in _SKIPPED:
        yield from _ordered_children(element)


def _ordered_children(element: etree._Element) -> Iterator[str]:
    yield element.text or ""
    for child in element:
        yield from _ordered_text(child)
        yield child.tail or ""


def _gather(element: etree._Element, parts: list[str]) -> None:
    """Append the text in ``element`` to ``parts``."""
    tag = tag_of(element)
    if tag in _SKIPPED or _is_icon(element):
        return
    if tag in ("br", "lb"):
        parts.append(" ")
    elif tag in _IMAGES:
        pass  # an inline image's alt text is not part of the sentence
    elif tag:
        parts.append(element.text or "")
        after_element = False  # the text so far ends where an element ends
        for child in element:
            apart = tag_of(child) in _BLOCKS_IN_TEXT  # rustdoc's "-> bool" + "where T: Ord"
            parts.append(" " if apart else _label_gap(after_element, child, parts))
            _gather(child, parts)
            parts.append(" " if apart else "")
            parts.append(child.tail or "")
            after_element = not child.tail and not apart


_BLOCKS_IN_TEXT = frozenset(
    "div p section blockquote pre table ul ol li h1 h2 h3 h4 h5 h6 head list item".split()
)
"""Blocks that a heading or a cell holds (trafilatura's ``head``, ``list`` and ``item``
among them): their text is words apart from what is beside, never "GNOMEThe"."""


LABEL_WORDS = 3


def _label_gap(after_element: bool, child: etree._Element, parts: list[str]) -> str:
    """The space a badge set right after another element's word needs ("DrainSorted" +
    "Experimental": two words on screen), else nothing."""
    return " " if after_element and _is_label(child) and _ends_in_word(parts) else ""


def _is_label(element: etree._Element) -> bool:
    """A styled badge set right after an element ("<a>DrainSorted</a><span
    class="stab">Experimental</span>"): the page's style spaces it apart, its text
    does not. A capital opens it, so a word split across elements stays whole."""
    if element.tag != "span" or not element.get("class"):
        return False
    text = "".join(element.itertext())
    return text[:1].isupper() and len(text.split()) <= LABEL_WORDS


def _is_icon(element: etree._Element) -> bool:
    """A styled element that holds only a pictograph ("<span class="emoji">👎</span>"
    before "Deprecated since 1.3.0"): an icon, which the words beside it say."""
    if not element.get("class") or len(element):
        return False
    text = (element.text or "").strip()
    return bool(text) and all(unicodedata.category(char) in _ICON_CATEGORIES for char in text)


_ICON_CATEGORIES = frozenset({"So", "Sk", "Mn", "Cf"})  # with variation selectors, joiners


def _ends_in_word(parts: list[str]) -> bool:
    last = next((part for part in reversed(parts) if part), "")
    return last[-1:].isalnum()
