"""Remove from a parsed page what is never part of its article, before extraction.

These are facts the markup states, not guesses about wording: what the page hides
from every reader (``hidden``, ``display: none``, ``aria-hidden``), dialogs and
pop-ups (a help box's "Keyboard shortcuts" is not a headline), permalink anchors
that documentation generators put after headings ("¶", "§", "#"), and tables of
contents, which repeat the headings the listener is about to hear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from readout.extract.blocks import ENTRY_TERM
from readout.extract.dropped import DropLog, DropReason

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_DIALOG_ROLES = {"dialog", "alertdialog"}
_TOC_NAME = re.compile(
    r"(^|[\s_-])(toc|toctree(-wrapper)?|table-?of-?contents|tableofcontents|page-?toc|"
    r"on-?this-?page|contents)($|[\s_-])",
    re.I,
)
_AUTHOR_NAME = re.compile(
    r"(?i:(^|[\s_-])(byline|author|by-?line))|Byline|Author"  # "FeatureByline" too
)
_COMMENTS = re.compile(r"(?i:(^|[\s_-])(comments?|replies|reply)($|[\s_-]))|Comment")
_AUTHOR_TERM = re.compile(r"^\s*(authors?|written by|by)\s*:?\s*$", re.I)
_BARE_TAGS = {"ul", "ol", "dl"}
"""Tags that are a table of contents with no attribute to say so (a list of in-page links)."""
_MORE = re.compile(
    r"^\s*(read more|more|continue reading|full story|…|\.\.\.|»)\s*[.…»]*\s*$", re.I
)
_TOOLTIP = re.compile(r"(^|[\s_-])tooltip(text)?($|[\s_-])", re.I)
_TOC_TAGS = {"div", "nav", "ul", "ol", "dl", "aside", "section", "tr"}
_CONTROL_TAGS = {"button", "dialog", "a"}
"""Tags whose other attributes count (an anchor's ``href``), never only their class."""
LINKED_SHARE_BARE = 0.9
"""A bare list of in-page links is a table of contents when its text is this much links..."""
LINKED_SHARE_NAMED = 0.5
"""...and one whose class or id names it a table of contents, this much."""
PROSE_WORDS = 12
"""A paragraph of this many words is the page's prose: lists of links before it are its
header's."""
IN_PAGE_SHARE = 0.75
"""A list of links is a table of contents when this share of them point in-page."""
_MANUAL_PAGER = re.compile(r"(^|\s)(nav|navheader|navfooter)($|\s)", re.I)
"""DocBook's Prev / Up / Next tables above and below every page of a manual."""
_BREADCRUMBS = re.compile(r"(^|[\s_-])breadcrumbs?($|[\s_-])", re.I)
_TRAIL_TAGS = {"div", "nav", "ol", "ul", "p", "span"}
_NODE_MENU = re.compile(r"(^|\s)(menu|mini-toc)($|\s)", re.I)
_LEGAL = re.compile(r"(^|[\s_-])(copyright|legalnotice)($|[\s_-])", re.I)
"""A copyright line or a licence notice, as the markup names it (a footer's, a manual's)."""
_TRIGGERS = re.compile(
    r"author|by-?line|tooltip|boring|nav|menu|mini-toc|copyright|legalnotice|toc|contents"
    r"|this-?page|editsection|breadcrumb"
)
"""A word one of the tests by class name looks for; names without any go at once."""
_CONTENT_TAGS = {"a", "ul", "ol", "dl"}
"""Tags judged by what they hold too (a permalink, a list of in-page links)."""
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BRACKETED = re.compile(r"^\s*\[\s*[^\W\d_]{3,}(?: [^\W\d_]+)?\s*\]\s*$")
"""A link's text in brackets: a heading's "[src]" or "[edit]"; a word, so not a
signature's slice type ("-> &[T]", "[u8]")."""
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_PAGER_RELS = {"next", "prev", "previous", "up"}
_PAGER_BLOCKS = {"p", "div", "nav", "td", "tr", "table", "header", "footer", "li", "ul"}
PAGER_WORDS = 30
"""A block of links to the next and previous pages is navigation up to this many words."""
_PERMALINK_TEXT = re.compile(r"^\s*[¶§🔗#]?\s*$")
_PERMALINK_CLASS = re.compile(r"headerlink|anchor|permalink|hash-link|heading-link", re.I)


@dataclass
class Landmarks:
    """What the pruning pass noticed on its way, so no other pass must look for it:
    the texts of elements that name the author or the headline, in page order."""

    authors: list[str] = field(default_factory=list)
    """Marked up as the author (``rel``, ``itemprop``) first, then by-line classes."""
    headlines: list[str] = field(default_factory=list)


@dataclass
class _Seen:
    rel_authors: list[etree._Element] = field(default_factory=list)
    marked_authors: list[etree._Element] = field(default_factory=list)
    class_authors: list[etree._Element] = field(default_factory=list)
    headlines: list[etree._Element] = field(default_factory=list)
    pagers: list[etree._Element] = field(default_factory=list)
    """Links to the next or previous page (``rel="next"``): a manual's navigation."""
    quiet: set[str] = field(default_factory=set)
    """Class names that no test looks at (most of a page's): judged once a page."""

    def is_quiet(self, names: str) -> bool:
        """No test by class name looks at ``names`` (no trigger word in them)."""
        if names in self.quiet:
            return True
        if _TRIGGERS.search(names.lower()):
            return False
        self.quiet.add(names)
        return True

    def note_term(self, term: etree._Element) -> None:
        """A manual's field "Author: Ada Whitcombe" (a <dt> and its <dd>) names the author."""
        if _AUTHOR_TERM.match(term.text_content()):
            value = term.getnext()
            if value is not None and value.tag == "dd":
                self.class_authors.append(value)

    def landmarks(self, root: etree._Element) -> Landmarks:
        """Texts of the noted elements that are still in the page after pruning; the
        authors a manual lists one after another ("<h3 class="author">" each) as one."""
        authors: list[str] = []
        previous: etree._Element | None = None
        for e in self.rel_authors + self.marked_authors + self.class_authors:
            if not _in(e, root) or _in_comments(e):
                continue
            if previous is not None and _side_by_side(previous, e) and authors:
                authors[-1] = f"{authors[-1]}, {_author_text(e).strip()}"
            else:
                authors.append(_author_text(e))
            previous = e
        return Landmarks(
            authors=authors,
            headlines=[
                e.get("content") or e.text_content() for e in self.headlines if _in(e, root)
            ],
        )


def _side_by_side(first: etree._Element, second: etree._Element) -> bool:
    """``second`` follows ``first`` as its next element, with the same tag and class."""
    return (
        first.getnext() is second
        and first.tag == second.tag
        and first.get("class") == second.get("class")
    )


def _in(element: etree._Element, root: etree._Element) -> bool:
    """Still in the page under ``root`` (lxml's ``getroottree`` says the document, which
    an element removed from the page still belongs to)."""
    ancestors = list(element.iterancestors())
    return (ancestors[-1] if ancestors else element) is root


def _in_comments(element: etree._Element) -> bool:
    """Inside a comment thread: a commenter's name is never the article's byline."""
    for ancestor in element.iterancestors():
        names = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"
        if ("omment" in names or "eply" in names) and _COMMENTS.search(names):
            return True
    return False


def _author_text(element: etree._Element) -> str:
    if element.get("itemprop") == "author":
        name = element.find(".//*[@itemprop='name']")
        return str(element.get("content") or (name if name is not None else element).text_content())
    if element.find(".//*[@class='affiliation']") is not None:
        return " ".join(_text_outside_affiliations(element))
    return str(element.text_content())


def _text_outside_affiliations(element: etree._Element) -> list[str]:
    """A DocBook author's name without the organisation after it ("Stuart Anderson",
    not "Stuart AndersonNCR Corporation")."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.get("class") != "affiliation":
            parts += _text_outside_affiliations(child)
        parts.append(child.tail or "")
    return [part for part in parts if part.strip()]


def prune_furniture(root: etree._Element, log: DropLog | None = None) -> Landmarks:
    """Remove hidden nodes, dialogs, buttons and tooltips, permalink anchors and tables
    of contents, in place; ``log`` hears what went and why.

    Returns the author and headline landmarks seen in the same pass.
    """
    # Never shown, never read: gone before the walk below and before trafilatura, which
    # copies the whole tree more than once (JSON-LD scripts stay for the titles).
    etree.strip_elements(root, "style", "svg", "link", "template", with_tail=False)
    for script in list(root.iter("script")):
        if (script.get("type") or "").lower() != "application/ld+json":
            _drop(script)
    doomed: list[tuple[etree._Element, DropReason]] = []
    seen = _Seen()
    prose = False  # a paragraph of prose seen yet: what stands before it is the header
    for element in root.iter(etree.Element):
        tag = element.tag
        if tag == "dt":
            seen.note_term(element)
        reason = _reason_to_drop(element, tag, seen, before_prose=not prose)
        if reason:
            doomed.append((element, reason))
        if tag == "p" and not prose:
            prose = len(element.text_content().split()) >= PROSE_WORDS
    doomed += [(block, DropReason.NAVIGATION) for block in _pager_blocks(root, seen.pagers)]
    doomed += [(code, DropReason.HIDDEN) for code in _toggled_alternatives(root)]
    _bracket_footnote_marks(root)
    for element, reason in doomed:
        if log is not None and log.on and _in(element, root):
            log.add(" ".join(element.itertext()), reason)
        if reason is DropReason.PERMALINK:
            _mark_entry(element)
        _drop(element)
    for element in list(root.iter("details", "summary")):
        # Disclosure widgets are open in print and to a listener: their content is the
        # page's own (rustdoc puts every method's docs in one). A summary that is only
        # the widget's label ("Expand description") goes.
        if element.tag == "summary" and _is_widget_label(element):
            if log is not None:
                log.add(" ".join(element.itertext()), DropReason.CONTROL)
            _drop(element)
        else:
            element.tag = "div"
    return seen.landmarks(root)


def _bracket_footnote_marks(root: etree._Element) -> None:
    """A footnote's mark, a raised in-page link ("run-time.<sup><a href="#fn-1">1</a></sup>"),
    in brackets as a wiki writes it ("run-time.[1]"): run into the text, "run-time.1"
    reads as a number and keeps the sentence from ending."""
    for sup in root.iter("sup"):
        links = sup.findall(".//a")
        text = "".join(sup.itertext()).strip()
        if (
            len(links) == 1
            and (links[0].get("href") or "")[:1] == "#"
            and _FOOTNOTE_MARK.match(text)
            and not text.startswith("[")
        ):
            for node in sup.iter():
                node.text = None
                if node is not sup:
                    node.tail = None
            links[0].text = f"[{text}]"


_FOOTNOTE_MARK = re.compile(r"^\[?\w{1,4}\]?$")
_BACK_ARROWS = frozenset({"↩", "↩︎", "↑", "⤴"})


def _toggled_alternatives(root: etree._Element) -> list[etree._Element]:
    """The second and later versions of an example that a switch in its ``<pre>`` shows
    instead of the first (Node's CommonJS and ES module flavours, one at a time): a
    listener hears the example the page shows, once, not both run together."""
    alternatives = []
    for pre in root.iter("pre"):
        if pre.find("input[@type='checkbox']") is not None:
            alternatives += pre.findall("code")[1:]
    return alternatives


def _reason_to_drop(
    element: etree._Element, tag: str, seen: _Seen, *, before_prose: bool
) -> DropReason | None:
    """Why ``element`` goes, if it does. Every element of the page comes here, so the
    cheapest tests come first: most elements have no attribute that counts."""
    attributes = element.attrib
    count = len(attributes)
    if not count:
        if tag in ("button", "dialog"):
            return DropReason.CONTROL
        if tag in _BARE_TAGS and _is_table_of_contents(element, before_prose=before_prose):
            return DropReason.CONTENTS
        return None
    if count == 1:
        if tag == "a" and "href" in attributes:
            return _link_reason(element)  # a plain link: only a permalink or "Read more" goes
        names = attributes.get("class")
        if names is not None and tag not in _CONTROL_TAGS:
            return _doomed_by_names(element, tag, names, seen)  # a class and nothing else
    return _is_doomed(element, tag, attributes, seen)


_WATCHED = frozenset("hidden aria-hidden aria-modal role style class id itemprop rel".split())
"""The attributes a test below reads: an element with none of them is judged by its tag."""


def _is_doomed(
    element: etree._Element, tag: str, attributes: Any, seen: _Seen
) -> DropReason | None:
    """Why an element with attributes goes, if it does; notes author and headline
    landmarks on the way."""
    if tag in ("button", "dialog"):
        return DropReason.CONTROL
    # One read of all the attributes into a dict: each lxml lookup costs as much as
    # reading them all (0.1 µs), and up to ten are looked up below.
    values = dict(attributes.items())
    if _WATCHED.isdisjoint(values):
        return _doomed_by_names(element, tag, "", seen)
    get = values.get
    if get("hidden") is not None:
        return DropReason.HIDDEN
    if get("aria-hidden") == "true" or get("aria-modal") == "true":
        return DropReason.HIDDEN if tag not in ("html", "body") else None
    role = get("role")
    if role in _DIALOG_ROLES:
        return DropReason.CONTROL
    if role == "doc-toc":
        return DropReason.CONTENTS
    style = get("style")
    if style and _HIDDEN_STYLE.search(style):
        return DropReason.HIDDEN
    prop = get("itemprop")
    marked = True
    if prop == "headline":
        seen.headlines.append(element)
    elif get("rel") == "author":
        seen.rel_authors.append(element)
    elif get("rel") in _PAGER_RELS:
        seen.pagers.append(element)
    elif prop == "author":
        seen.marked_authors.append(element)
    else:
        marked = False
    classes, identity = get("class") or "", get("id") or ""
    if tag not in _CONTENT_TAGS and seen.is_quiet(classes) and seen.is_quiet(identity):
        return None  # a page's ids are its own: judged apart from its classes, once each
    names = f"{classes} {identity}" if identity else classes
    return _doomed_by_names(element, tag, names, seen, marked=marked)


def _doomed_by_names(
    element: etree._Element, tag: str, names: str, seen: _Seen, *, marked: bool = False
) -> DropReason | None:
    """Why an element goes by its class and id ``names`` (a tooltip, a table of
    contents, a "Read more" link), if it does; notes a by-line class's author, unless
    the element was ``marked`` as a landmark already."""
    if tag not in _CONTENT_TAGS and seen.is_quiet(names):
        return None
    lowered = names.lower()  # substring tests first: a regex on every element is slow
    if (
        not marked
        and ("author" in lowered or "byline" in lowered or "by-line" in lowered)
        and "authorgroup" not in lowered  # DocBook's: its authors are noted one by one
        and _AUTHOR_NAME.search(names)
    ):
        seen.class_authors.append(element)
    if "tooltip" in lowered and _TOOLTIP.search(names):
        return DropReason.CONTROL
    if tag == "span" and "mw-editsection" in names.split():
        return DropReason.CONTROL  # a wiki's "[edit]" link after each heading
    if tag == "span" and "boring" in names.split():
        return DropReason.HIDDEN  # mdBook's example lines that the page hides until asked
    if "nav" in lowered and tag in ("div", "table") and _MANUAL_PAGER.search(names):
        return DropReason.NAVIGATION
    if "breadcrumb" in lowered and tag in _TRAIL_TAGS and _BREADCRUMBS.search(names):
        return DropReason.NAVIGATION  # "std::vec", "Docs » Guides": where the page stands
    if ("menu" in lowered or "mini-toc" in lowered) and _is_node_menu(element, names):
        return DropReason.CONTENTS
    if (
        ("copyright" in lowered or "legalnotice" in lowered)
        and _LEGAL.search(names)
        and not _opens_with_heading(element)
    ):
        return DropReason.FURNITURE
    if tag == "a":
        return _link_reason(element)
    if tag not in _TOC_TAGS:
        return None
    if ("toc" in lowered or "contents" in lowered or "thispage" in lowered.replace("-", "")) and (
        _TOC_NAME.search(names)
    ):
        return DropReason.CONTENTS if _is_link_list(element, in_page_only=False) else None
    if tag in _BARE_TAGS and _is_link_list(element, in_page_only=True):
        return DropReason.CONTENTS
    return None


def _opens_with_heading(element: etree._Element) -> bool:
    """The element is a chapter of its own ("1. Copyright", a manual's section that
    names the authors and the licence), not a footer's copyright line."""
    first = next(element.iterchildren("*"), None)
    return first is not None and first.tag in _HEADING_TAGS


def _pager_blocks(root: etree._Element, links: list[etree._Element]) -> list[etree._Element]:
    """The blocks that hold links to the next and previous pages, when they are little
    but those links ("Next: Memory Usage, Previous: Types, Up: libffi [Index]"), and the
    same pager again at the page's foot, whose links a manual leaves unmarked."""
    blocks: list[etree._Element] = []
    for link in links:
        block = next((a for a in link.iterancestors() if a.tag in _PAGER_BLOCKS), None)
        if block is None or block in blocks:
            continue
        text = " ".join(block.itertext())
        if len(text.split()) <= PAGER_WORDS and _linked_letters(block) * 2 >= _letters(text):
            blocks.append(block)
    if blocks:
        blocks += _pager_copies(root, blocks)
    return blocks


def _pager_copies(root: etree._Element, pagers: list[etree._Element]) -> list[etree._Element]:
    """The blocks, of the pagers' tag, that say what a pager says, in page order.

    The page's blocks are read from its end, inner blocks before the blocks around
    them: a block with more words than any pager, even run together (its text read
    in C), is not one, nor is any block around it, which is then not read at all.
    """
    said = {_squashed(block) for block in pagers}
    most = max(len(text.split()) for text in said)
    candidates = [block for block in root.iter(pagers[0].tag) if block not in pagers]
    longer: set[etree._Element] = set()  # the candidates are kept alive: ids hold
    copies = []
    for block in reversed(candidates):
        if block in longer:
            continue
        if len(block.text_content().split()) > most:
            longer.update(block.iterancestors(pagers[0].tag))
        elif block.find(".//a") is not None and _squashed(block) in said:
            copies.append(block)
    return copies[::-1]


def _squashed(element: etree._Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _is_node_menu(element: etree._Element, names: str) -> bool:
    """texinfo's menu of a node's subsections: ``<table class="menu">`` (a site's
    ``<ul class="menu">`` is left to the extractor, which reads menus by their layout),
    or ``<ul class="mini-toc">``."""
    match = _NODE_MENU.search(names)
    if match is None or element.find(".//a") is None:
        return False
    wanted = "table" if match.group(2).lower() == "menu" else "ul"
    return bool(element.tag == wanted)


def _link_reason(link: etree._Element) -> DropReason | None:
    """Why a link goes, if it does: a permalink mark, a footnote's way back, a heading's
    "[edit]", a "Read more". Its text is read once: most links are none of these."""
    text = (link.text if len(link) == 0 else link.text_content()) or ""
    in_page = (link.get("href") or "")[:1] == "#"
    if in_page and _is_permalink(link, text):
        return DropReason.PERMALINK
    if in_page and text.strip() in _BACK_ARROWS:
        return DropReason.CONTROL  # a footnote's way back to its mark: "↩"
    if (
        "[" in text
        and _BRACKETED.match(text)
        and next(link.iterancestors(*_HEADING_TAGS), None) is not None
    ):
        return DropReason.CONTROL  # a heading's "[src]" or "[edit]" link
    return DropReason.MORE_LINK if _is_more_link(link, text) else None


def _is_more_link(link: etree._Element, text: str) -> bool:
    """A "Read more" link that ends a summary (nothing after it)."""
    return 0 < len(text) < 24 and not (link.tail or "").strip() and bool(_MORE.match(text))


def _is_widget_label(summary: etree._Element) -> bool:
    has_heading = any(True for _ in summary.iter(*_HEADING_TAGS))
    return not has_heading and len(summary.text_content().split()) <= 3


def _drop(element: etree._Element) -> None:
    """Remove ``element`` but keep the text that follows it (its tail)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _mark_entry(permalink: etree._Element) -> None:
    """A definition's term that links to itself is an entry of a reference (Sphinx's
    "textwrap.wrap(text, width=70)¶"): a heading to the blocks, as rustdoc's and Node's
    entries are headings of their own."""
    term = permalink.getparent()
    if term is not None and term.tag == "dt":
        term.set(ENTRY_TERM, "")


def _is_permalink(link: etree._Element, text: str) -> bool:
    """An in-page ``link`` to its own heading that says nothing ("¶", "§", "#", "")."""
    if not _PERMALINK_TEXT.match(text):
        return False
    names = f"{link.get('class', '')} {link.get('title', '')} {link.get('aria-label', '')}"
    in_heading = any(a.tag in _HEADING_TAGS for a in link.iterancestors())
    return in_heading or bool(_PERMALINK_CLASS.search(names)) or "permalink" in names.lower()


def _is_table_of_contents(element: etree._Element, *, before_prose: bool = False) -> bool:
    """A navigation block by role or name, or a list made only of in-page links; before
    the page's first paragraph, a list of links that goes in-page at all (a README's
    contents, which may link a section to another page)."""
    tag = element.tag
    if tag not in _TOC_TAGS:
        return bool(element.get("role") == "doc-toc")
    names = f"{element.get('class', '')} {element.get('id', '')}"
    lowered = names.lower()
    if ("toc" in lowered or "contents" in lowered or "thispage" in lowered.replace("-", "")) and (
        _TOC_NAME.search(names)
    ):
        return _is_link_list(element, in_page_only=False)
    if tag in _BARE_TAGS:
        if before_prose and _links_in_page(element):
            return _is_link_list(element, in_page_only=False)
        return _is_link_list(element, in_page_only=True)
    return bool(element.get("role") == "doc-toc")


def _links_in_page(element: etree._Element) -> bool:
    """Some link goes to a place in a page ("#install", "faq.html#faq.background")."""
    return any("#" in (a.get("href") or "") for a in element.iter("a"))


def _is_link_list(element: etree._Element, *, in_page_only: bool) -> bool:
    """Every item's text is the text of its links (and, if asked, they point in-page,
    all but one in four: a README's contents may link one entry to another page)."""
    links = element.findall(".//a")
    if not links:
        return False
    if in_page_only:
        in_page = sum((a.get("href") or "").startswith("#") for a in links)
        if in_page < IN_PAGE_SHARE * len(links):
            return False
        if len(element.findall(".//li")) + len(element.findall(".//dd")) < 2:
            return False
    letters = _letters("".join(element.itertext()))
    # A list named a table of contents may have a label ("Table of Contents") and
    # section numbers ("1. Introduction") that are not links.
    share = LINKED_SHARE_BARE if in_page_only else LINKED_SHARE_NAMED
    return letters > 0 and _linked_letters(element) >= share * letters


def _linked_letters(element: etree._Element) -> int:
    """How many letters of ``element``'s text are link text."""
    return _letters("".join("".join(a.itertext()) for a in element.iter("a")))


def _letters(text: str) -> int:
    return len(_NOT_LETTERS.sub("", text))
