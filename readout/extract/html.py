"""Find the article in an HTML page.

We build on two well-kept extractors and add what neither does alone. trafilatura in
precision mode is the first choice; readability-lxml is a second opinion. When the two
broadly agree we keep trafilatura's text; when they disagree, precision mode has
usually cut the body short (at an ad break, or kept only a notice), so we take the
longer of the two. Then page furniture that both let through (teasers, "Related"
lists, calls to subscribe) is dropped by our shared boilerplate rules. Measured on
the AEB benchmark by ``benchmarks/extraction.py``.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass

import lxml.html
from lxml import etree

from readout.article import BlockKind
from readout.extract.blocks import tree_to_blocks
from readout.extract.boilerplate import introduces_list, is_boilerplate
from readout.extract.raw import RawBlock, collapse

for _name in ("trafilatura", "readability", "htmldate", "courlan"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

AGREEMENT_THRESHOLD = 0.7
"""Shingle F1 between the two candidates above which trafilatura's text is kept."""

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class HtmlExtraction:
    """What the HTML extractor found, before segmentation."""

    title: str
    blocks: list[RawBlock]
    byline: str | None
    site: str | None
    published: str | None
    language: str | None


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """Extract the article from ``html``; ``blocks`` is empty when there is none."""
    document = _parse(html)
    meta = _metadata(html, url)
    primary = _trafilatura_blocks(html, url)
    second = _readability_blocks(html)
    blocks = choose_candidate(primary, second)
    blocks = drop_boilerplate(blocks)
    title = meta.get("title") or _fallback_title(document) or ""
    blocks = _drop_repeated_title(blocks, title)
    if document is not None and not any(b.kind is BlockKind.CAPTION for b in blocks):
        blocks = add_captions(blocks, document)
    language = meta.get("language") or _declared_language(document)
    return HtmlExtraction(
        title=title,
        blocks=blocks,
        byline=meta.get("author"),
        site=meta.get("sitename"),
        published=meta.get("date"),
        language=language,
    )


def body_text(blocks: list[RawBlock]) -> str:
    """The article text without captions, one block a line (what AEB scores)."""
    return "\n".join(b.text for b in blocks if b.kind is not BlockKind.CAPTION)


def choose_candidate(primary: list[RawBlock], second: list[RawBlock]) -> list[RawBlock]:
    """Pick trafilatura's blocks unless readability's disagree and are longer."""
    first_text, second_text = body_text(primary), body_text(second)
    if not _WORD.search(first_text):
        return second
    if not _WORD.search(second_text):
        return primary
    if agreement(first_text, second_text) > AGREEMENT_THRESHOLD:
        return primary
    return second if len(second_text) > len(first_text) else primary


def agreement(a: str, b: str) -> float:
    """F1 of the two texts' word 4-shingles (the AEB metric, used here as a similarity)."""
    sa, sb = _shingles(a), _shingles(b)
    common = sum((sa & sb).values())
    if not common:
        return 0.0
    precision, recall = common / sum(sb.values()), common / sum(sa.values())
    return 2 * precision * recall / (precision + recall)


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _WORD.findall(text)
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def drop_boilerplate(blocks: list[RawBlock]) -> list[RawBlock]:
    """Remove furniture blocks, and the list items that follow a "Related:" line."""
    kept: list[RawBlock] = []
    in_link_list = False
    for block in blocks:
        if in_link_list and block.kind is BlockKind.LIST_ITEM:
            continue
        in_link_list = False
        if is_boilerplate(block.text):
            in_link_list = introduces_list(block.text)
            continue
        kept.append(block)
    return kept


def add_captions(blocks: list[RawBlock], document: etree._Element) -> list[RawBlock]:
    """Put figure captions and image descriptions back where they stand in the page.

    trafilatura keeps more of the text with images off, so captions are found again in
    the page itself: a ``<figcaption>`` or an image's alt text (three words or more)
    that stands between two paragraphs of the article goes in after the first of them.
    """
    index_of = {_key(b.text): i for i, b in enumerate(blocks)}
    after: dict[int, list[str]] = {}
    last_seen: int | None = None
    pending: list[str] = []
    for element in document.iter(
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "img"
    ):
        tag = element.tag
        if tag == "img" or tag == "figcaption":
            caption = _caption_text(element)
            if caption and last_seen is not None and _key(caption) not in index_of:
                pending.append(caption)
            continue
        found = index_of.get(_key(element.text_content()))
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
    return alt if len(alt.split()) >= 3 else ""


def _key(text: str) -> str:
    return collapse(text).casefold()


def _drop_repeated_title(blocks: list[RawBlock], title: str) -> list[RawBlock]:
    """The headline often opens the body too; the reader says it once."""
    first = blocks[0] if blocks else None
    if first and first.kind is BlockKind.HEADING and _key(first.text) == _key(title):
        return blocks[1:]
    return blocks


def _parse(html: str) -> etree._Element | None:
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _metadata(html: str, url: str | None) -> dict[str, str]:
    import trafilatura

    try:
        meta = trafilatura.extract_metadata(html, default_url=url)
    except Exception:  # trafilatura raises assorted errors on odd pages; metadata is optional
        return {}
    if meta is None:
        return {}
    found: dict[str, str] = {}
    for key in ("title", "author", "sitename", "date"):
        value = getattr(meta, key, None)
        if isinstance(value, str) and value.strip():
            found[key] = collapse(value)
    return found


def _trafilatura_blocks(html: str, url: str | None) -> list[RawBlock]:
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            favor_precision=True,
            include_comments=False,
            include_images=False,  # with images on, it keeps less of the text (AEB: 0.969 vs 0.977)
            include_tables=True,
        )
    except Exception:  # a failure of one candidate is not fatal: the other may work
        return []
    body = getattr(document, "body", None)
    return tree_to_blocks(body) if body is not None else []


def _readability_blocks(html: str) -> list[RawBlock]:
    from readability import Document

    try:
        summary = Document(html).summary(html_partial=True)
        return tree_to_blocks(lxml.html.fragment_fromstring(summary, create_parent="div"))
    except Exception:  # readability raises bare Unparseable and others
        return []


def _fallback_title(document: etree._Element | None) -> str | None:
    if document is None:
        return None
    for path in ("//h1", "//title"):
        found = document.xpath(path)
        if found:
            text = collapse(found[0].text_content())
            if text:
                return re.split(r"\s+[|–—-]\s+", text)[0]
    return None


def _declared_language(document: etree._Element | None) -> str | None:
    if document is None:
        return None
    lang = document.get("lang") or document.get("{http://www.w3.org/XML/1998/namespace}lang")
    return lang.strip() if lang and lang.strip() else None
