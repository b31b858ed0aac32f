"""Find the article in an HTML page.

One parse, one extractor. The page is parsed once; what the markup itself says is
never article (hidden nodes, dialogs, permalink marks, tables of contents) is pruned;
then trafilatura, with its default balance of precision and recall and its own
fallbacks, finds the main content in the same tree, keeping headings of every level,
lists, quotes, tables and code. Its tree becomes our blocks (``blocks.py``), whole
across inline elements; the headings, lists and tables it left out between the
paragraphs it kept go back in (``restore.py``). The headline, byline and site come
from ``titles.py``; what is said again or is furniture goes (``tidy.py``); captions go
back in (``captions.py``).

A documentation generator's page, and a page that is nothing but its text, are read
with our own block rules (``own_blocks.py``). A small page that trafilatura finds
nothing in (text straight in ``<div>``s, a few paragraphs) falls back to the blocks of
its ``<article>``, ``<main>`` or ``<body>``.
Measured on four public sets by ``benchmarks/extraction.py``.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass

from lxml import etree

from readout.article import BlockKind
from readout.extract.blocks import tag_of, tree_to_blocks
from readout.extract.boilerplate import word_count
from readout.extract.captions import add_captions
from readout.extract.dropped import DropLog
from readout.extract.html_dropped import log_left_out
from readout.extract.own_blocks import (
    documentation_main,
    has_docutils_sections,
    own_blocks,
    own_blocks_of,
    plain_body,
)
from readout.extract.pruning import prune_furniture
from readout.extract.raw import RawBlock, fold, is_noise
from readout.extract.restore import restore_structure
from readout.extract.split_body import recover_split_body
from readout.extract.tidy import (
    drop_boilerplate,
    drop_byline_lines,
    drop_empty_sections,
    drop_repeated_title,
    drop_site_heading,
    numbered_title,
)
from readout.extract.titles import page_names, window_site

for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

FALLBACK_WORDS = 25
"""Below this many body words from trafilatura, the page's own blocks are tried too."""

_DATE_KEYS = ("article:published_time", "datepublished", "dc.date", "dcterms.created", "date")
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
    redirect: str | None = None
    """Where the page sends the reader on (``<meta http-equiv="refresh">``), if it does."""


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
    docutils_sections = has_docutils_sections(document)  # before pruning takes their marks
    landmarks = prune_furniture(document, log)
    _prepare_code(document)
    _space_signatures(document)
    wrap_loose_text(document)
    # trafilatura works on its own copy of the tree it is given (it copies it first),
    # so titles, captions and the split-body check read the same pruned page.
    page = document
    own_main = documentation_main(page, docutils_sections)
    if own_main is None:
        own_main = plain_body(page)
    if own_main is not None:
        blocks = own_blocks_of(own_main)
    else:
        found, gathered = _main_content(document, url)
        blocks = recover_split_body(found, page)
        blocks = restore_structure(blocks, page, structure=gathered)
    if word_count(body_text(blocks)) < FALLBACK_WORDS:
        own = own_blocks(page)
        if word_count(body_text(own)) > word_count(body_text(blocks)):
            blocks = own
    blocks = [b for b in blocks if not is_noise(b)]
    blocks = drop_empty_sections(drop_boilerplate(blocks, headings=own_main is None))
    banner = fold(window_site(page) or "")  # "Node.js v20.20.2 documentation" over it all
    first_heading = next(
        (b.text for b in blocks[:3] if b.kind is BlockKind.HEADING and fold(b.text) != banner),
        None,
    )
    names = page_names(page, landmarks, first_heading)
    title = numbered_title(blocks, names.title or "")
    blocks = drop_repeated_title(blocks, title)
    blocks = drop_site_heading(blocks, {n for n in (fold(names.site or ""), banner) if n})
    if names.byline:
        blocks = drop_byline_lines(blocks, names.byline)
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
        redirect=_refresh_target(page),
    )


def body_text(blocks: list[RawBlock]) -> str:
    """The article text without captions, one block a line (what AEB scores)."""
    return "\n".join(b.text for b in blocks if b.kind is not BlockKind.CAPTION)


_BLOCK_CHILDREN = frozenset(
    "p div pre ul ol dl table blockquote section article aside header footer nav form"
    " figure h1 h2 h3 h4 h5 h6 hr".split()
)
_CODE_WORDS = ("code", "tt", "kbd", "var", "samp")
LOOSE_TEXT_WORDS = 8
"""A ``<div>`` with this much text outside its children has paragraphs of its own."""


def wrap_loose_text(document: etree._Element) -> None:
    """Put the text that stands straight in a documentation ``<div>`` (one that names
    code: "Construct a new parser. <code>encoding</code> is...") into paragraphs.
    trafilatura reads such a div's children and drops its own text, cutting sentences.
    Elsewhere its reading of divs holds, so only these are changed."""
    for div in list(document.iter("div")):
        if next(div.iterchildren(*_CODE_WORDS), None) is None:
            continue  # the cheap test first: most divs name no code
        own = [div.text or "", *(child.tail or "" for child in div)]
        if sum(len(part.split()) for part in own) >= LOOSE_TEXT_WORDS:
            _wrap_runs(div)


def _wrap_runs(div: etree._Element) -> None:
    """Each run of text and inline elements between ``div``'s blocks becomes a ``<p>``."""
    runs: list[tuple[str, list[etree._Element]]] = []
    text, inline = div.text or "", list[etree._Element]()
    div.text = None
    for child in list(div):
        if child.tag in _BLOCK_CHILDREN:
            runs += [(text, inline), ("", [child])]
            text, inline, child.tail = child.tail or "", [], None
        else:
            inline.append(child)
    runs.append((text, inline))
    for child in list(div):
        div.remove(child)
    for text, children in runs:
        if len(children) == 1 and children[0].tag in _BLOCK_CHILDREN and not text:
            div.append(children[0])
        elif text.strip() or children:
            paragraph = etree.SubElement(div, "p")
            paragraph.text = text
            paragraph.extend(children)


def _main_content(document: etree._Element, url: str | None) -> tuple[list[RawBlock], bool]:
    """trafilatura's main content, and whether it had to gather the page's loose text
    (no container it trusts): then it kept paragraphs and code, and nothing between."""
    import trafilatura

    watching = _watch_gathering()
    _GATHERING.gathered = False
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
        return [], False
    gathered = bool(getattr(_GATHERING, "gathered", False)) or not watching
    body = getattr(found, "body", None)
    return (tree_to_blocks(body) if body is not None else []), gathered


_GATHERING = threading.local()
_watched = False


def _watch_gathering() -> bool:
    """Have trafilatura say when it gathers a page's loose text: its
    ``recover_wild_text``, wrapped once to set a flag of this thread's. That is when it
    drops the headings, lists and tables between what it keeps (``restore.py``); on the
    other pages putting them back is all cost (a tenth of the page's time) for
    nothing. False when the function is not there: then every page is looked at."""
    global _watched
    if _watched:
        return True
    from trafilatura import main_extractor

    gather = getattr(main_extractor, "recover_wild_text", None)
    if gather is None:
        return False

    def watched(*args: object, **kwargs: object) -> object:
        _GATHERING.gathered = True
        return gather(*args, **kwargs)

    main_extractor.recover_wild_text = watched
    _watched = True
    return True


def _prepare_code(document: etree._Element) -> None:
    """Code as trafilatura and our block rules should read it, in one pass over the
    ``<pre>``s: each gets a ``<code>`` if it has none, two examples in one ``<pre>`` are
    kept apart, and a ``<figure>`` that holds code becomes a ``<div>``."""
    for pre in document.iter("pre"):
        codes = [child for child in pre if child.tag == "code"]
        if not codes and next(pre.iter("code"), None) is None:
            _mark_bare_preformatted(pre)
        _separate_code_alternatives(codes)
        for figure in list(pre.iterancestors("figure")):
            figure.tag = "div"


def _space_signatures(document: etree._Element) -> None:
    """Code set straight after a bold name (``<b>each</b><code>_.each(list)</code>``, a
    manual's entry: the name, then its signature) is a word apart, as the page's style
    shows it; read as it stands, "each_.each(list)" is one word."""
    for code in document.iter("code", "tt"):
        name = code.getprevious()
        if name is None or name.tag not in ("b", "strong") or name.tail:
            continue
        if (name.text or "")[-1:].isalnum():
            name.tail = " "


def _mark_bare_preformatted(pre: etree._Element) -> None:
    """A ``<pre>`` with no ``<code>`` in it is given one around its content. trafilatura
    reads a bare ``<pre>`` as a quote, its lines run together ("thetool --version
    thetool --help"), unless its text looks like code to it; with ``<code>`` inside,
    it keeps it as code, line by line, as readout's own block rules do."""
    code = etree.Element("code")
    code.text, pre.text = pre.text, None
    code.extend(list(pre))
    pre.append(code)


def _separate_code_alternatives(codes: list[etree._Element]) -> None:
    """A ``<pre>`` that holds the same example twice, one ``<code>`` each (Node's docs
    show its ES module and CommonJS forms so), keeps them apart by a blank line."""
    for code in codes[:-1]:
        if not (code.tail or "").strip() and not (code.text_content() or "").endswith("\n"):
            code.tail = "\n\n" + (code.tail or "")


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
    # libxml2 takes <wbr> for a container: "Drain<wbr>Sorted</wbr>", and a badge after
    # it nested inside. A word-break opportunity holds nothing: its content is its
    # parent's, so every rule sees the page's words and elements as they stand.
    etree.strip_tags(document, "wbr")
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


_REFRESH = etree.XPath("//meta[translate(@http-equiv, 'REFSH', 'refsh')='refresh']/@content")
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"\s]+)", re.I)


def _refresh_target(document: etree._Element) -> str | None:
    """The address a "Redirecting..." page sends the browser on to."""
    for content in _REFRESH(document):
        found = _REFRESH_URL.search(str(content))
        if found:
            return found.group(1)
    return None


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
