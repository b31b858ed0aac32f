"""Figure captions and image descriptions, put back where they stand in the page."""

from __future__ import annotations

from lxml import etree

from readout.article import BlockKind
from readout.extract.blocks import is_file_name
from readout.extract.raw import RawBlock, collapse

_HAS_CAPTIONS = etree.XPath("boolean(//figcaption | //img[@alt] | //p/span[@class='caption'])")
_CLASSED_CAPTIONS = etree.XPath("//p/span[@class='caption'][not(preceding-sibling::*)]/..")


def add_captions(blocks: list[RawBlock], document: etree._Element) -> list[RawBlock]:
    """Put figure captions and image descriptions back where they stand in the page.

    trafilatura keeps more of the text with images off, so captions are found again in
    the page itself: a ``<figcaption>`` or an image's alt text (three words or more)
    that stands between two paragraphs of the article goes in after the first of them.
    """
    if not _HAS_CAPTIONS(document):
        return blocks
    # A paragraph that only holds a caption ("<p><span class="caption">Listing 4-1:
    # ...</span></p>", as mdBook writes them under code and figures) is one too.
    classed_elements = _CLASSED_CAPTIONS(document)
    classed = {_key(e.text_content()) for e in classed_elements}
    # Past the last caption, with none waiting for its place, the walk can stop.
    unseen = sum(1 for _ in document.iter("figcaption", "img")) + len(classed_elements)
    index_of = {_key(b.text): i for i, b in enumerate(blocks)}
    after: dict[int, list[str]] = {}
    last_seen: int | None = None
    pending: list[str] = []
    for element in document.iter(
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "figcaption", "img"
    ):
        if not unseen and not pending:
            break
        tag = element.tag
        if tag == "img" or tag == "figcaption":
            unseen -= 1
            caption = _caption_text(element)
            if caption and last_seen is not None and _key(caption) not in index_of:
                pending.append(caption)
            continue
        key = _key(element.text_content())
        found = index_of.get(key)
        if tag == "p" and key in classed:
            unseen -= 1
            if found is None and last_seen is not None:
                pending.append(collapse(element.text_content()))
        if found is None:
            continue
        if pending and last_seen is not None and found > last_seen:
            after.setdefault(last_seen, []).extend(dict.fromkeys(pending))
        pending = []
        last_seen = found
    if not after:
        return blocks
    result: list[RawBlock] = []
    for i, block in enumerate(blocks):
        result.append(block)
        result.extend(RawBlock(BlockKind.CAPTION, text) for text in after.get(i, []))
    return result


def _caption_text(element: etree._Element) -> str:
    if element.tag == "figcaption":
        return collapse(element.text_content())
    figure = next((a for a in element.iterancestors("figure")), None)
    if figure is not None and figure.find(".//figcaption") is not None:
        return ""  # the figure's caption says it better than the alt text
    alt = collapse(element.get("alt") or "")
    return alt if len(alt.split()) >= 3 and not is_file_name(alt) else ""


def _key(text: str) -> str:
    return collapse(text).casefold()
