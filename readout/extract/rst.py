"""Read an article written in reStructuredText (a Python project's README, a Sphinx source).

docutils parses; we walk its document tree as the Markdown reader walks its tokens,
keeping the text of sections' titles (as headings of their depth), paragraphs, list
items, quotes, notes ("Note: ..."), definitions, fields and table rows ("cell; cell"),
and code blocks with their line breaks. Badges, link targets, substitutions, comments
and a ``.. contents::`` list are left out. Sphinx's own roles (``:func:`run```,
``:ref:`the guide <guide>```) read as their text; its directives that only organise a
project (``toctree``, ``automodule``, ``index``) are not read, and those that hold text
(``versionadded``, ``seealso``, ``code-block``) are. Nothing is read from other files
and no raw HTML is passed on: the text is a person's, not a page to trust.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from docutils import nodes
from docutils.core import publish_doctree

from readout.article import BlockKind
from readout.extract.dropped import DropLog, DropReason
from readout.extract.raw import BADGE, RawBlock, collapse, is_noise, tidy_code
from readout.extract.sphinx_markup import register_sphinx_markup

_SETTINGS = {
    "report_level": 5,  # a directive Sphinx knows and docutils does not is not an error here
    "halt_level": 5,
    "warning_stream": False,
    "file_insertion_enabled": False,  # ".. include:: /etc/passwd" reads nothing
    "raw_enabled": False,
    "_disable_config": True,  # no docutils.conf of the user's changes what is read
    "input_encoding": "unicode",
    "syntax_highlight": "none",
    "smart_quotes": False,
    "doctitle_xform": True,
    "docinfo_xform": True,
}


@dataclass(frozen=True)
class RstExtraction:
    """What the reStructuredText reader found, before segmentation."""

    title: str
    blocks: list[RawBlock]
    byline: str | None
    published: str | None


def extract_rst(text: str, log: DropLog | None = None) -> RstExtraction | None:
    """The title, blocks and docinfo of reStructuredText ``text``; None when docutils
    cannot parse it (then it is read as plain text)."""
    log = log or DropLog(on=False)
    register_sphinx_markup()
    try:
        document = publish_doctree(text, settings_overrides=_SETTINGS)
    except Exception:
        return None
    title, first = "", _opening_section(document)
    depth = 0  # a top-level section's heading is level 1, under a title level 2
    if document.children and isinstance(document.children[0], nodes.title):
        title, depth = collapse(document.children[0].astext()), 1
    elif first is not None and first.next_node(nodes.section, include_self=False) is not None:
        # Not docutils' lone section: a README with its change log after it ("PathSpec"
        # over its own sections, then "Change History"). Its opening section names it;
        # an opening section with none of its own is a section ("Introduction").
        title = collapse(first.children[0].astext())
        first.children[0].parent = None
        del first.children[0]
    walker = _Walker(log)
    try:
        walker.walk(document, depth)
    except RecursionError:  # lists in quotes in lists, thousands deep
        return None
    blocks = [block for block in walker.blocks if block.text and not is_noise(block)]
    return RstExtraction(title, blocks, walker.byline, walker.published)


def _opening_section(document: nodes.document) -> nodes.section | None:
    """The first section, if nothing before it has text to read (badges may)."""
    for child in document.children:
        if isinstance(child, nodes.section):
            return child
        if isinstance(child, nodes.paragraph) and inline_text(child):
            return None
    return None


class _Walker:
    """Blocks from a docutils tree, in reading order."""

    def __init__(self, log: DropLog) -> None:
        self.log = log
        self.blocks: list[RawBlock] = []
        self.byline: str | None = None
        self.published: str | None = None

    def walk(self, node: nodes.Element, depth: int, kind: BlockKind = BlockKind.PARAGRAPH) -> None:
        for child in node.children:
            if isinstance(child, nodes.Element):
                self._visit(child, depth, kind)

    def _add(self, kind: BlockKind, text: str, level: int | None = None) -> None:
        self.blocks.append(RawBlock(kind, text, level))

    def _visit(self, node: nodes.Element, depth: int, kind: BlockKind) -> None:
        if isinstance(node, (nodes.title, nodes.subtitle)) and isinstance(
            node.parent, nodes.document
        ):
            if isinstance(node, nodes.subtitle):
                self._add(BlockKind.PARAGRAPH, inline_text(node))
        elif isinstance(node, nodes.section):
            self.walk(node, depth + 1, kind)
        elif isinstance(node, (nodes.title, nodes.rubric)):
            self._add(BlockKind.HEADING, inline_text(node), min(depth, 6))
        elif isinstance(node, nodes.paragraph):
            self._add(
                kind, inline_text(node), _list_depth(node) if kind is BlockKind.LIST_ITEM else None
            )
        elif isinstance(node, (nodes.literal_block, nodes.doctest_block)):
            self._add(BlockKind.CODE, tidy_code(node.astext()))
        elif isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
            self._list(node, depth)
        elif isinstance(node, nodes.block_quote):
            self.walk(
                node, depth, BlockKind.LIST_ITEM if kind is BlockKind.LIST_ITEM else BlockKind.QUOTE
            )
        elif isinstance(node, nodes.Admonition):
            self._admonition(node, depth, kind)
        elif isinstance(node, nodes.docinfo):
            self._docinfo(node)
        elif isinstance(node, (nodes.field_list, nodes.option_list, nodes.definition_list)):
            self._terms(node, depth, kind)
        elif isinstance(node, nodes.table):
            for row in node.findall(nodes.row):
                cells = [collapse(inline_text(entry)) for entry in row.children]
                self._add(kind, "; ".join(cell for cell in cells if cell))
        elif isinstance(node, nodes.line_block):
            for line in node.findall(nodes.line):
                self._add(kind, inline_text(line))
        elif isinstance(node, (nodes.footnote, nodes.citation)):
            label = node.next_node(nodes.label)
            number = f"{label.astext()}. " if label is not None else ""
            body = " ".join(inline_text(p) for p in node.findall(nodes.paragraph))
            self._add(BlockKind.LIST_ITEM, number + body, 1)
        elif isinstance(node, nodes.topic) and "contents" in node["classes"]:
            self.log.add(collapse(node.astext()), DropReason.CONTENTS)
        elif isinstance(node, (nodes.figure, nodes.image)):
            self._image(node)
        elif isinstance(node, nodes.comment):
            self.log.add(collapse(node.astext()), DropReason.MARKUP)
        elif isinstance(node, nodes.system_message):  # a directive docutils cannot run
            for source in node.findall(nodes.literal_block):
                self.log.add(collapse(source.astext()), DropReason.MARKUP)
        elif isinstance(node, (nodes.target, nodes.substitution_definition, nodes.transition)):
            pass  # a link's target, a badge's definition, a section break: nothing to read
        elif isinstance(node, nodes.Structural | nodes.Body | nodes.container):
            self.walk(node, depth, kind)  # a topic, a sidebar, a compound: what it holds

    def _list(self, node: nodes.Element, depth: int) -> None:
        start = int(node.get("start", 1))
        numbered = isinstance(node, nodes.enumerated_list) and node.get("enumtype") == "arabic"
        for offset, item in enumerate(node.children):
            before = len(self.blocks)
            if isinstance(item, nodes.Element):
                self.walk(item, depth, BlockKind.LIST_ITEM)
                self._continued(before)
            if (
                numbered
                and len(self.blocks) > before
                and self.blocks[before].kind is BlockKind.LIST_ITEM
            ):
                first = self.blocks[before]
                self.blocks[before] = RawBlock(
                    first.kind, f"{start + offset}. {first.text}", first.level
                )

    def _continued(self, first: int) -> None:
        """An item's paragraphs after its first (and an indented line in it) go on with
        the item: paragraphs, not items of their own with a bullet each."""
        if first >= len(self.blocks) or self.blocks[first].kind is not BlockKind.LIST_ITEM:
            return
        level = self.blocks[first].level
        for at in range(first + 1, len(self.blocks)):
            block = self.blocks[at]
            if block.kind is BlockKind.LIST_ITEM and block.level == level:
                self.blocks[at] = RawBlock(BlockKind.PARAGRAPH, block.text)

    def _admonition(self, node: nodes.Element, depth: int, kind: BlockKind) -> None:
        """ "Note: ..." before a note's first paragraph, as GitHub writes "> [!NOTE]"."""
        title = node.children[0] if node.children else None
        titled = isinstance(title, nodes.title)
        label = inline_text(title) if titled and title is not None else node.tagname.capitalize()
        before = len(self.blocks)
        for child in node.children[1:] if titled else node.children:
            if isinstance(child, nodes.Element):
                self._visit(child, depth, kind)
        if len(self.blocks) > before and self.blocks[before].kind is not BlockKind.CODE:
            first = self.blocks[before]
            self.blocks[before] = RawBlock(first.kind, f"{label}: {first.text}", first.level)
        else:
            self._add(kind, label)

    def _docinfo(self, node: nodes.Element) -> None:
        """ ":Author: Ada Whitcombe", ":Date: 2026-03-01": the header's, not read twice."""
        for field in node.children:
            if not isinstance(field, nodes.Element):
                continue
            name = field.tagname
            value = collapse(field.astext())
            if isinstance(field, nodes.field):
                name, value = (collapse(part.astext()) for part in field.children[:2])
                if name.casefold() in _SPHINX_FILE_FIELDS:
                    self.log.add(f"{name}: {value}", DropReason.MARKUP)
                else:
                    self._add(BlockKind.PARAGRAPH, f"{name}: {value}")
            elif name in ("author", "authors"):
                self.byline = self.byline or value
            elif name == "date":
                self.published = self.published or value
            else:
                self._add(BlockKind.PARAGRAPH, f"{name.capitalize()}: {value}")

    def _terms(self, node: nodes.Element, depth: int, kind: BlockKind) -> None:
        """A field, an option or a term with what it says: "Term: what it says" when
        that is one paragraph, else the term over its paragraphs."""
        for item in node.children:
            if not isinstance(item, nodes.Element) or len(item.children) < 2:
                continue
            head, body = item.children[0], item.children[-1]
            name = _term(head)
            if not self.blocks and self._header_field(name, body):
                continue
            parts = body.children if isinstance(body, nodes.Element) else []
            if len(parts) == 1 and isinstance(parts[0], nodes.paragraph):
                said = name if name.endswith(":") else f"{name}:"  # "README.rst:" in the source
                self._add(kind, f"{said} {inline_text(parts[0])}")
            else:
                self._add(kind, name)
                if isinstance(body, nodes.Element):
                    self.walk(body, depth, kind)

    def _header_field(self, name: str, body: nodes.Node) -> bool:
        if name.casefold() in _SPHINX_FILE_FIELDS:
            self.log.add(f"{name}: {collapse(body.astext())}", DropReason.MARKUP)
            return True
        """An ":Author:" or ":Date:" field before the text that docutils left in it
        (a badge stood before the title): the header's, as docinfo is."""
        value = collapse(body.astext())
        if name.casefold() in ("author", "authors") and self.byline is None:
            self.byline = value
        elif name.casefold() == "date" and self.published is None:
            self.published = value
        else:
            return False
        return True

    def _image(self, node: nodes.Element) -> None:
        caption = node.next_node(nodes.caption) if isinstance(node, nodes.figure) else None
        image = node if isinstance(node, nodes.image) else node.next_node(nodes.image)
        alt = collapse(str(image.get("alt", ""))) if image is not None else ""
        badge = image is not None and BADGE.search(str(image.get("uri", "")))
        said = inline_text(caption) if caption is not None else "" if badge else alt
        if len(said.split()) >= 3:  # "Code coverage status": a badge, not a picture
            self._add(BlockKind.CAPTION, said)
        elif image is not None:
            self.log.add(f"image: {alt or image.get('uri', '')}", DropReason.IMAGE_TEXT)


_SPHINX_FILE_FIELDS = frozenset({"tocdepth", "orphan", "nocomments", "nosearch"})
"""A Sphinx source's own settings (":tocdepth: 2"), fields at its top, not text."""


def _term(node: nodes.Node) -> str:
    """A definition's term, a field's name, or an option's forms ("-m N, --month N")."""
    if isinstance(node, nodes.option_group):
        forms = []
        for option in node.findall(nodes.option):
            parts = []
            for part in option.children:
                if isinstance(part, nodes.option_argument):
                    parts.append(str(part.get("delimiter", " ")))
                parts.append(part.astext())
            forms.append("".join(parts))
        return collapse(", ".join(forms))
    return inline_text(node)


def _list_depth(node: nodes.Node) -> int:
    depth, parent = 0, node.parent
    while parent is not None:
        if isinstance(parent, (nodes.bullet_list, nodes.enumerated_list)):
            depth += 1
        parent = parent.parent
    return max(depth, 1)


def inline_text(node: nodes.Node) -> str:
    """The text a reader sees: a footnote's mark as "[1]", an image or a target not at all."""
    return collapse("".join(_inline_parts(node)))


def _inline_parts(node: nodes.Node) -> Iterator[str]:
    for child in node.children if isinstance(node, nodes.Element) else ():
        if isinstance(child, nodes.Text):
            yield str(child)
        elif isinstance(child, (nodes.footnote_reference, nodes.citation_reference)):
            yield f"[{child.astext()}]"
        elif isinstance(child, (nodes.image, nodes.system_message)) or (
            isinstance(child, nodes.target) and not child.children
        ):
            continue  # an inline target's text ("_`snapshot`") is read
        elif isinstance(child, (nodes.paragraph, nodes.line)):
            yield " "
            yield from _inline_parts(child)
        else:
            yield from _inline_parts(child)
