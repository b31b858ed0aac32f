"""What an HTML page shows that its article leaves out: the HTML half of ``--dropped``.

Pruning logs what it removes as it goes (hidden, dialogs, permalinks, contents). The
rest is found afterwards: the page is walked as a browser lays it out, one line per
block element (``<p>``, ``<li>``, ``<td>``, a ``<br>``...) with its inline text, and
every line the article does not contain is left out, with the reason its markup or
shape gives: a ``<nav>``, ``<footer>`` or ``<form>``; a caption; furniture; else
outside the main content.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from readout.article import BlockKind
from readout.extract.blocks import BLOCK_TAGS, tag_of
from readout.extract.boilerplate import is_boilerplate
from readout.extract.dropped import DropLog, DropReason, is_header_line
from readout.extract.raw import RawBlock, collapse, fold, is_noise

_UNSHOWN = {"script", "style", "noscript", "template", "head", "title", "meta", "svg", "math"}
_MARKED = {
    "nav": DropReason.NAVIGATION,
    "footer": DropReason.NAVIGATION,
    "form": DropReason.NAVIGATION,
    "figcaption": DropReason.IMAGE_TEXT,
    "caption": DropReason.IMAGE_TEXT,
}
_LINE_TAGS = BLOCK_TAGS | {"td", "th", "tr", "nav", "footer", "form", "br", "figcaption"}


def log_left_out(page: etree._Element, kept: list[str], header: str, log: DropLog) -> None:
    """Log every line of ``page`` that no kept text contains; the lines that gave the
    title, byline, site and date (``header``) were used, not left out."""
    # Whole words only: "Drain" left out is not in "a draining iterator" that was kept.
    kept_text = f" {'  '.join(fold(text) for text in [*kept, header])} "
    body = page.find(".//body")
    for text, marked in _lines(body if body is not None else page, None):
        folded = fold(text)
        if not folded or f" {folded} " in kept_text or is_header_line(text, header):
            continue
        if marked is not None:
            log.add(text, marked)
        elif is_boilerplate(text):
            log.add(text, DropReason.FURNITURE)
        elif is_noise(RawBlock(BlockKind.PARAGRAPH, text)):
            log.add(text, DropReason.NOTHING_TO_READ)
        else:
            log.add(text, DropReason.OUTSIDE)


def _lines(
    element: etree._Element, marked: DropReason | None
) -> Iterator[tuple[str, DropReason | None]]:
    """The page's text as laid out: one line per block element, with the reason its
    nearest marked ancestor (``<nav>``, ``<figcaption>``...) gives, if any."""
    pending: list[str] = []

    def flush() -> Iterator[tuple[str, DropReason | None]]:
        text = collapse("".join(pending))  # the text keeps its own spaces: "<code>recv</code>s"
        pending.clear()
        if text:
            yield text, marked

    def walk(
        node: etree._Element, mark: DropReason | None
    ) -> Iterator[tuple[str, DropReason | None]]:
        nonlocal marked
        tag = tag_of(node)
        if tag in _UNSHOWN or not tag:
            return
        if tag in _LINE_TAGS:
            yield from flush()
        outer, marked = marked, _MARKED.get(tag, mark)
        if node.text:
            pending.append(node.text)
        for child in node:
            yield from walk(child, marked)
            if child.tail:
                pending.append(child.tail)
        if tag in _LINE_TAGS:
            yield from flush()
        marked = outer

    yield from walk(element, marked)
    yield from flush()
