"""Find the article in an HTML page.

One parse, one extractor. The page is parsed once; what the markup itself says is
never article (hidden nodes, dialogs, permalink marks, tables of contents) is pruned;
then trafilatura, with its default balance of precision and recall and its own
fallbacks, finds the main content in the same tree, keeping headings of every level,
lists, quotes, tables and code. Its tree becomes our blocks (``blocks.py``), whole
across inline elements. The headline, byline and site come from ``titles.py``.

A small page that trafilatura finds nothing in (text straight in ``<div>``s, a few
paragraphs) falls back to the blocks of its ``<article>``, ``<main>`` or ``<body>``.
Measured on four public sets by ``benchmarks/extraction.py``.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass

from lxml import etree

from readout.article import BlockKind
from readout.extract.blocks import is_file_name, tag_of, tree_to_blocks
from readout.extract.boilerplate import (
    has_version,
    introduces_list,
    is_boilerplate,
    is_stamp_line,
    word_count,
)
from readout.extract.dropped import DropLog
from readout.extract.html_dropped import log_left_out
from readout.extract.pruning import prune_furniture
from readout.extract.raw import RawBlock, collapse, fold, is_noise
from readout.extract.split_body import recover_split_body
from readout.extract.titles import page_names, window_site

for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

FALLBACK_WORDS = 25
"""Below this many body words from trafilatura, the page's own blocks are tried too."""
BYLINE_LINES = 6
"""A line that only says the byline's names is left out among the first this many."""

PLAIN_PAGE_CONTAINERS = 3
"""A page with at most this many layout elements in its body is read whole..."""
PLAIN_PAGE_LINKED = 0.1
"""...when at most this share of its words are links (a page of links is a menu)."""
_CONTAINERS = etree.XPath(
    ".//div | .//table | .//nav | .//header | .//footer | .//aside | .//section"
    " | .//article | .//main | .//form"
)
_GENERATOR = etree.XPath("//meta[translate(@name, 'GENRATO', 'genrato')='generator']")
_DOC_GENERATORS = (
    "rustdoc",
    "sphinx",
    "docutils",
    "mdbook",
    "mkdocs",
    "docusaurus",
    "doxygen",
    "javadoc",
    "typedoc",
    "jsdoc",
    "pdoc",
    "vitepress",
    "antora",
    "docbook",
    "makeinfo",
    "texi2any",
    "texi2html",
    "asciidoc",
    "gtk-doc",
    "devhelp",
)
_HAS_CAPTIONS = etree.XPath("boolean(//figcaption | //img[@alt] | //p/span[@class='caption'])")
_CLASSED_CAPTIONS = etree.XPath("//p/span[@class='caption'][not(preceding-sibling::*)]/..")
_DATE_KEYS = ("article:published_time", "datepublished", "dc.date", "dcterms.created", "date")
_SECTION = re.compile(r"^(\d+(?:\.\d+)*\.?)\s")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class HtmlExtraction:
    """What the HTML extractor found, before segmentation."""

    title: str
    blocks: list[RawBlock]
    byline: str | None
    site: str | None
    published: str | None
    language: str | None


def extract_html(html: str, url: str | None = None, log: DropLog | None = None) -> HtmlExtraction:
    """Extract the article from ``html``; ``blocks`` is empty when there is none.

    ``log`` hears what is dropped and why: what pruning removed, then every block the
    page shows that the article does not have.
    """
    document = _parse(html)
    if document is None:
        return HtmlExtraction("", [], None, None, None, None)
    language = _declared_language(document)
    published = _published(document)
    landmarks = prune_furniture(document, log)
    _separate_code_alternatives(document)
    # trafilatura works on its own copy of the tree it is given (it copies it first),
    # so titles, captions and the split-body check read the same pruned page.
    page = document
    own_main = _documentation_main(page)
    if own_main is None:
        own_main = _plain_body(page)
    if own_main is not None:
        blocks = _own_blocks_of(own_main)
    else:
        blocks = recover_split_body(_main_content(document, url), page)
    if word_count(body_text(blocks)) < FALLBACK_WORDS:
        own = _own_blocks(page)
        if word_count(body_text(own)) > word_count(body_text(blocks)):
            blocks = own
    blocks = drop_empty_sections(drop_boilerplate([b for b in blocks if not is_noise(b)]))
    first_heading = next((b.text for b in blocks[:3] if b.kind is BlockKind.HEADING), None)
    names = page_names(page, landmarks, first_heading)
    title = names.title or ""
    blocks = _drop_repeated_title(blocks, title)
    blocks = _drop_site_heading(blocks, {fold(n) for n in (names.site, window_site(page)) if n})
    if names.byline:
        blocks = _drop_byline_lines(blocks, names.byline)
    if not any(b.kind is BlockKind.CAPTION for b in blocks):
        blocks = add_captions(blocks, page)
    if log is not None and log.on:
        header = " ".join(v for v in (title, names.byline, names.site) if v)
        log_left_out(page, [b.text for b in blocks], header, log)
    return HtmlExtraction(
        title=title,
        blocks=blocks,
        byline=names.byline,
        site=names.site,
        published=published,
        language=language,
    )


def body_text(blocks: list[RawBlock]) -> str:
    """The article text without captions, one block a line (what AEB scores)."""
    return "\n".join(b.text for b in blocks if b.kind is not BlockKind.CAPTION)


def _main_content(document: etree._Element, url: str | None) -> list[RawBlock]:
    import trafilatura

    try:
        found = trafilatura.bare_extraction(
            document,
            url=url,
            include_comments=False,
            include_images=False,
            include_tables=True,
            include_formatting=False,
            with_metadata=False,
        )
    except Exception:  # trafilatura raises assorted errors on odd pages; fall back
        return []
    body = getattr(found, "body", None)
    return tree_to_blocks(body) if body is not None else []


def drop_boilerplate(blocks: list[RawBlock]) -> list[RawBlock]:
    """Remove furniture blocks, and the list items that follow a "Related:" line."""
    kept: list[RawBlock] = []
    in_link_list = False
    for block in blocks:
        if in_link_list and block.kind is BlockKind.LIST_ITEM:
            continue
        in_link_list = False
        if block.kind is not BlockKind.CODE and is_boilerplate(block.text):
            in_link_list = introduces_list(block.text)
            continue
        kept.append(block)
    return kept


def drop_empty_sections(blocks: list[RawBlock]) -> list[RawBlock]:
    """Leave out a heading with nothing under it: the next block is a heading of its
    own level or above, or there is none ("Contents" over a table of contents that is
    gone, "Indices and tables" over links, "Comments" over no comments). A listener
    would be taken there by "next heading" to hear nothing."""
    kept: list[RawBlock] = []  # from the end: a section whose headings all go goes too
    for block in reversed(blocks):
        if block.kind is BlockKind.HEADING:
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


def _own_blocks(document: etree._Element) -> list[RawBlock]:
    """The blocks of the page's article, main or body element, furniture left out."""
    for path in (".//article", ".//main", ".//*[@role='main']", ".//body"):
        found = document.find(path)
        if found is not None:
            return _own_blocks_of(found)
    return []


def _own_blocks_of(element: etree._Element) -> list[RawBlock]:
    return [
        b
        for b in tree_to_blocks(element)
        if b.kind is BlockKind.CODE or not (is_boilerplate(b.text) or _is_link_label(b))
    ]


def _is_link_label(block: RawBlock) -> bool:
    """A stamp, not text: a few words around a version number ("1.57.0 · source"), or
    only stamp words ("const: unstable · source")."""
    if block.kind is not BlockKind.PARAGRAPH:
        return False
    return (len(block.text.split()) <= 6 and has_version(block.text)) or is_stamp_line(block.text)


def _plain_body(page: etree._Element) -> etree._Element | None:
    """The body of a page that is nothing but its text, else ``None``.

    A page written by hand or by a simple tool (a README, a manual's chapter, an
    example annotated between its listings) has its prose straight in ``<body>``,
    between ``<pre>``s, with no containers to lay out menus or sidebars. There is no
    furniture to find, and a news-tuned extractor loses the text that is not in a
    ``<p>`` and runs the listings into paragraphs, so such a page is read whole.
    """
    body = page.find(".//body")
    if body is None or len(_CONTAINERS(body)) > PLAIN_PAGE_CONTAINERS:
        return None
    words = len(" ".join(body.itertext()).split())
    linked = sum(len(" ".join(a.itertext()).split()) for a in body.iter("a"))
    return body if words and linked <= PLAIN_PAGE_LINKED * words else None


def _documentation_main(page: etree._Element) -> etree._Element | None:
    """The main element of a page that a documentation generator made, else ``None``.

    A generator says so in ``<meta name="generator">``, and its pages mark their main
    content (``<main>``, ``role="main"``). Their text is reference prose, code and
    headings of every level, which a news-tuned extractor thins out (rustdoc's method
    headings are link-dense, Sphinx's API entries are definition lists), so these
    pages are read from their main element with our own block rules.
    """
    generator = " ".join((meta.get("content") or "") for meta in _GENERATOR(page)).casefold()
    if not any(name in generator for name in _DOC_GENERATORS):
        return None
    for path in (".//main", ".//*[@role='main']", ".//article", ".//body"):
        found = page.find(path)
        if found is not None:
            return found  # a manual's page (DocBook, texinfo) is its body, less its pager
    return None


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
    classed = {_key(e.text_content()) for e in _CLASSED_CAPTIONS(document)}
    index_of = {_key(b.text): i for i, b in enumerate(blocks)}
    after: dict[int, list[str]] = {}
    last_seen: int | None = None
    pending: list[str] = []
    for element in document.iter(
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "figcaption", "img"
    ):
        tag = element.tag
        if tag == "img" or tag == "figcaption":
            caption = _caption_text(element)
            if caption and last_seen is not None and _key(caption) not in index_of:
                pending.append(caption)
            continue
        key = _key(element.text_content())
        found = index_of.get(key)
        if found is None:
            if tag == "p" and key in classed and last_seen is not None:
                pending.append(collapse(element.text_content()))
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


def _drop_repeated_title(blocks: list[RawBlock], title: str) -> list[RawBlock]:
    """The headline often opens the body too; the reader says it once."""
    for index, block in enumerate(blocks[:3]):
        if block.kind is BlockKind.HEADING and fold(block.text) == fold(title):
            return blocks[:index] + blocks[index + 1 :]
    return blocks


def _drop_site_heading(blocks: list[RawBlock], sites: set[str]) -> list[RawBlock]:
    """A heading over the article that is the site's or the product's name ("Node.js
    v20.20.2 documentation"), as the window title names it, is the page's banner."""
    for index, block in enumerate(blocks[:3]):
        if block.kind is BlockKind.HEADING and fold(block.text) in sites:
            return blocks[:index] + blocks[index + 1 :]
    return blocks


def _separate_code_alternatives(document: etree._Element) -> None:
    """A ``<pre>`` that holds the same example twice, one ``<code>`` each (Node's docs
    show its ES module and CommonJS forms so), keeps them apart by a blank line."""
    for pre in document.iter("pre"):
        codes = [child for child in pre if child.tag == "code"]
        for code in codes[:-1]:
            if not (code.tail or "").strip() and not (code.text_content() or "").endswith("\n"):
                code.tail = "\n\n" + (code.tail or "")


def _drop_byline_lines(blocks: list[RawBlock], byline: str) -> list[RawBlock]:
    """A manual's title page names its authors a line each; the byline says them."""
    names = {fold(byline), *(fold(name) for name in byline.split(", "))}
    head = [
        b
        for b in blocks[:BYLINE_LINES]
        if not (b.kind is not BlockKind.CODE and fold(b.text) in names)
    ]
    return head + blocks[BYLINE_LINES:]


def _parse(html: str) -> etree._Element | None:
    """The page parsed as trafilatura's ``load_html`` parses it (the same repairs, the
    same parser settings), with a parser of our own (``_parser``)."""
    import lxml.html
    from trafilatura.utils import decode_file, is_dubious_html, repair_faulty_html

    text = decode_file(html)
    beginning = text[:50].lower()
    text = repair_faulty_html(text, beginning)
    parser = _parser()
    try:
        try:
            document = lxml.html.fromstring(text, parser=parser)
        except ValueError:  # a str with an encoding declaration: parse its bytes
            document = None
        if document is None or len(document) < 1:
            document = lxml.html.fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, ValueError, TypeError):
        return None
    if is_dubious_html(beginning) and len(document) < 2:
        return None  # not HTML at all, as trafilatura judges it
    return document if tag_of(document) else None


_PARSERS = threading.local()


def _parser() -> etree.HTMLParser:
    """trafilatura's parser settings, but every element an ``HtmlElement`` chosen in C;
    one parser a thread (an lxml parser is not to be shared between threads).

    lxml.html's own parser picks each element's class in Python (forms and inputs get
    their own), once per element every time a pass touches it: with trafilatura's
    passes and ours, a twelfth of the time on readability-dev's pages.
    """
    parser: etree.HTMLParser | None = getattr(_PARSERS, "parser", None)
    if parser is None:
        import lxml.html

        parser = etree.HTMLParser(
            collect_ids=False,
            default_doctype=False,
            encoding="utf-8",
            remove_comments=True,
            remove_pis=True,
        )
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=lxml.html.HtmlElement,
                comment=lxml.html.HtmlComment,
                pi=lxml.html.HtmlProcessingInstruction,
                entity=lxml.html.HtmlEntity,
            )
        )
        _PARSERS.parser = parser
    return parser


def _published(document: etree._Element) -> str | None:
    """The publication date the page declares: metadata first, then a ``<time>``."""
    for meta in document.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _DATE_KEYS:
            found = _ISO_DATE.search(meta.get("content") or "")
            if found:
                return found.group(0)
    for time in document.iter("time"):
        found = _ISO_DATE.search(time.get("datetime") or "")
        if found:
            return found.group(0)
    return None


def _declared_language(document: etree._Element) -> str | None:
    lang = document.get("lang") or document.get("{http://www.w3.org/XML/1998/namespace}lang")
    return lang.strip() if lang and lang.strip() else None
