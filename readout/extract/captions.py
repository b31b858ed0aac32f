"""Figure captions and image descriptions, put back where they stand in the page."""

from __future__ import annotations

from lxml import etree

from readout.article import BlockKind
from readout.extract.blocks import ALT_TEXT_WORDS, is_file_name
from readout.extract.raw import RawBlock, collapse

_HAS_CAPTIONS = etree.XPath("boolean(//figcaption | //img[@alt] | //p/span[@class='caption'])")
_CLASSED_CAPTIONS = etree.XPath("//p/span[@class='caption'][not(preceding-sibling::*)]/..")


_PLACES = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "figcaption", "img")
"""The elements, in page order, among which a caption finds its place."""


def add_captions(blocks: list[RawBlock], document: etree._Element) -> list[RawBlock]:
    """Put figure captions and image descriptions back where they stand in the page.

    trafilatura keeps more of the text with images off, so captions are found again in
    the page itself: a ``<figcaption>`` or an image's alt text (three words or more)
    that stands between two paragraphs of the article goes in after the first of them.
    """
    if not _HAS_CAPTIONS(document):
        return blocks
    elements = list(document.iter(*_PLACES))
    places = _Places(elements, {_key(b.text): i for i, b in enumerate(blocks)})
    # A paragraph that only holds a caption ("<p><span class="caption">Listing 4-1:
    # ...</span></p>", as mdBook writes them under code and figures) is one too.
    classed = {_key(e.text_content()) for e in _CLASSED_CAPTIONS(document)}
    # The captions first, then the blocks on either side of each: only the page's
    # text near a caption is read, not all of it (most images describe nothing).
    groups: dict[int, tuple[int | None, list[str]]] = {}  # by the block before
    for position, element in enumerate(elements):
        caption = _caption_at(element, position, places, classed)
        if caption is None:
            continue
        before = places.block_before(position)
        if before is None:
            continue  # above the article
        _, texts = groups.setdefault(before, (places.block_after(position), []))
        texts.append(caption)
    after: dict[int, list[str]] = {}
    for before, (following, texts) in groups.items():
        if following is not None and places.found[following] > places.found[before]:
            after.setdefault(places.found[before], []).extend(dict.fromkeys(texts))
    if not after:
        return blocks
    result: list[RawBlock] = []
    for i, block in enumerate(blocks):
        result.append(block)
        result.extend(RawBlock(BlockKind.CAPTION, text) for text in after.get(i, []))
    return result


def _caption_at(
    element: etree._Element, position: int, places: _Places, classed: set[str]
) -> str | None:
    """The caption ``element`` holds that the article does not have already, if any."""
    if element.tag in ("img", "figcaption"):
        caption = _caption_text(element)
        return caption if caption and _key(caption) not in places.index_of else None
    in_classed = element.tag == "p" and classed and places.key(position) in classed
    return (
        collapse(element.text_content()) if in_classed and places.block(position) is None else None
    )


class _Places:
    """Which block of the article each text element of the page is, read lazily."""

    def __init__(self, elements: list[etree._Element], index_of: dict[str, int]) -> None:
        self.elements = elements
        self.index_of = index_of
        self._keys: dict[int, str] = {}
        self.found: dict[int, int] = {}
        """Position in the page -> index of the block it is, for the positions read."""

    def key(self, position: int) -> str:
        key = self._keys.get(position)
        if key is None:
            key = self._keys[position] = _key(self.elements[position].text_content())
        return key

    def block(self, position: int) -> int | None:
        if self.elements[position].tag in ("img", "figcaption"):
            return None
        found = self.index_of.get(self.key(position))
        if found is not None:
            self.found[position] = found
        return found

    def block_before(self, position: int) -> int | None:
        """The position of the nearest element before ``position`` that is a block."""
        return next((i for i in range(position - 1, -1, -1) if self.block(i) is not None), None)

    def block_after(self, position: int) -> int | None:
        return next(
            (i for i in range(position + 1, len(self.elements)) if self.block(i) is not None),
            None,
        )


def _caption_text(element: etree._Element) -> str:
    if element.tag == "figcaption":
        return collapse(element.text_content())
    figure = next((a for a in element.iterancestors("figure")), None)
    if figure is not None and figure.find(".//figcaption") is not None:
        return ""  # the figure's caption says it better than the alt text
    alt = collapse(element.get("alt") or "")
    return alt if len(alt.split()) >= ALT_TEXT_WORDS and not is_file_name(alt) else ""


def _key(text: str) -> str:
    return collapse(text).casefold()
