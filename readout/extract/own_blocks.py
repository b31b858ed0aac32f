"""Pages read with readout's own block rules rather than a news-tuned extractor.

A documentation generator's page (its ``<meta name="generator">`` says so) is reference
prose, code and headings of every level, which a news-tuned extractor thins out; a page
that is nothing but its text (no layout, few links) has no furniture to find. Both are
read from their main element (or body) by ``blocks.py``, less stamps and lone links.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice

from lxml import etree

from readout.article import BlockKind
from readout.extract.blocks import tree_to_blocks
from readout.extract.boilerplate import has_version, is_boilerplate, is_stamp_line
from readout.extract.raw import RawBlock

PLAIN_PAGE_CONTAINERS = 3
"""A page with at most this many layout elements in its body is read whole..."""
PLAIN_PAGE_LINKED = 0.1
"""...when at most this share of its words are links (a page of links is a menu)."""
CODE_HEADINGS = 3
"""A page whose main content has this many headings that are code is a reference..."""
SELF_LINKED_HEADINGS = 1
"""A page whose main element has a heading that links to itself is a book's or a
manual's (news pages link their headlines elsewhere, if anywhere)."""
CODE_HEADING_SHARE = 0.9
"""...a heading being code when this share of its text is (a permalink mark may follow)."""
_CONTAINERS = (
    "div",
    "table",
    "nav",
    "header",
    "footer",
    "aside",
    "section",
    "article",
    "main",
    "form",
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


def own_blocks(document: etree._Element) -> list[RawBlock]:
    """The blocks of the page's article, main or body element, furniture left out."""
    found = _first(document, (".//article", ".//main", ".//*[@role='main']", ".//body"))
    return own_blocks_of(found) if found is not None else []


def _first(page: etree._Element, paths: tuple[str, ...]) -> etree._Element | None:
    """The first element that one of ``paths``, in order, finds in ``page``."""
    for path in paths:
        found = page.find(path)
        if found is not None:
            return found
    return None


def own_blocks_of(element: etree._Element) -> list[RawBlock]:
    """The blocks of ``element``, less furniture and stamps. Code is never either, nor
    is a heading: a chapter called "Comments" (of a book on a language) is one, and
    a heading over furniture goes with it (``drop_empty_sections``)."""
    return [
        b
        for b in tree_to_blocks(element)
        if b.kind in (BlockKind.CODE, BlockKind.HEADING)
        or not (is_boilerplate(b.text) or _is_link_label(b))
    ]


def _is_link_label(block: RawBlock) -> bool:
    """A stamp, not text: a few words around a version number ("1.57.0 · source"), or
    only stamp words ("const: unstable · source"); a notice that says why ("Deprecated
    since 1.3.0: renamed to join") is text."""
    if block.kind is not BlockKind.PARAGRAPH:
        return False
    if is_stamp_line(block.text):
        return True
    said = [word for word in block.text.partition(": ")[2].split() if word.isalpha()]
    return len(block.text.split()) <= 6 and has_version(block.text) and len(said) < 2


def plain_body(page: etree._Element) -> etree._Element | None:
    """The body of a page that is nothing but its text, else ``None``.

    A page written by hand or by a simple tool (a README, a manual's chapter, an
    example annotated between its listings) has its prose straight in ``<body>``,
    between ``<pre>``s, with no containers to lay out menus or sidebars. There is no
    furniture to find, and a news-tuned extractor loses the text that is not in a
    ``<p>`` and runs the listings into paragraphs, so such a page is read whole.
    """
    body = page.find(".//body")
    if body is None:
        return None
    containers = islice(body.iter(*_CONTAINERS), PLAIN_PAGE_CONTAINERS + 1)
    if sum(1 for _ in containers) > PLAIN_PAGE_CONTAINERS:
        return None  # (most pages: counted only as far as the limit)
    words = len(" ".join(body.itertext()).split())
    linked = sum(len(" ".join(a.itertext()).split()) for a in body.iter("a"))
    return body if words and linked <= PLAIN_PAGE_LINKED * words else None


def documentation_main(
    page: etree._Element, docutils_sections: bool = False
) -> etree._Element | None:
    """The main element of a documentation page, else ``None``.

    A generator says so in ``<meta name="generator">``, and its pages mark their main
    content (``<main>``, ``role="main"``); a reference made by a site's own tool (Node's
    API docs) shows itself by its headings, which name code. Their text is reference
    prose, code and headings of every level, which a news-tuned extractor thins out
    (rustdoc's method headings are link-dense, Sphinx's API entries are definition
    lists, Node's parameter lists are mostly type links), so these pages are read from
    their main element with our own block rules. ``docutils_sections`` says the page,
    before pruning, had Sphinx's sections (``has_docutils_sections``).
    """
    generator = " ".join((meta.get("content") or "") for meta in _GENERATOR(page)).casefold()
    if any(name in generator for name in _DOC_GENERATORS):
        # A manual's page (DocBook, texinfo) is its body, less its pager.
        return _first(page, (".//main", ".//*[@role='main']", ".//article", ".//body"))
    main = _first(page, (".//main", ".//*[@role='main']"))
    if main is None:
        return None
    if docutils_sections or _count_headings(main, _is_code, ("h2", "h3", "h4"), CODE_HEADINGS):
        return main
    if _count_headings(main, _links_to_itself, ("h1", "h2", "h3", "h4"), SELF_LINKED_HEADINGS):
        return main
    return None


def has_docutils_sections(page: etree._Element) -> bool:
    """``<section id="menus"><h2>Menus<a class="headerlink" href="#menus">``: Sphinx's
    (docutils') sections, each a place to link to, its heading's permalink naming the
    section. Asked before pruning takes those marks; a page whose generator meta was
    taken off still shows itself so. A blog's heading anchors name the heading itself."""
    main = _first(page, (".//main", ".//*[@role='main']"))
    return main is not None and _count_headings(
        main, _links_to_its_section, ("h1", "h2", "h3", "h4"), SELF_LINKED_HEADINGS
    )


def _links_to_its_section(heading: etree._Element) -> bool:
    section = heading.getparent()
    own = section.get("id") if section is not None else None
    return bool(own) and any(a.get("href") == f"#{own}" for a in heading.iter("a"))


def _count_headings(
    main: etree._Element, test: Callable[[etree._Element], bool], tags: tuple[str, ...], least: int
) -> bool:
    """At least ``least`` of ``main``'s headings of ``tags`` pass ``test``."""
    found = 0
    for heading in main.iter(*tags):
        found += test(heading)
        if found >= least:
            return True
    return False


def _links_to_itself(heading: etree._Element) -> bool:
    """``<h2 id="keywords"><a href="#keywords">``: a book's or a manual's heading made by
    a tool that names no generator (mdBook), whose every heading is a place to link to."""
    own = heading.get("id")
    return bool(own) and any(a.get("href") == f"#{own}" for a in heading.iter("a"))


def _is_code(heading: etree._Element) -> bool:
    """The heading is code and nothing else ("path.basename(path[, suffix])"): an API
    reference's entry."""
    text = "".join(heading.itertext()).strip()
    code = "".join("".join(c.itertext()) for c in heading.iter("code")).strip()
    return bool(code) and len(code) >= CODE_HEADING_SHARE * len(text)
