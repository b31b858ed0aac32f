"""Find a page's headline, byline and site name among what the page says of itself.

A page names its article in several places: the visible ``<h1>``, metadata for
sharing (``og:title``, JSON-LD ``headline``, Dublin Core), and the window title
("Headline | Site"). Each can be wrong on its own: a documentation page's first
``<h1>`` is often the product name in a menu bar, metadata may carry the site's
suffix, the window title always does. We take the candidate the others confirm,
and never a heading from navigation, a banner or a dialog.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from readout.extract.bylines import clean_byline, is_agency, is_person_name
from readout.extract.pruning import Landmarks
from readout.extract.raw import collapse, fold

_WORD = re.compile(r"\w+")
_SEPARATOR = re.compile(r"\s+(?:\||–|—|-|::|·|•|»|/|\\)\s+")
_FURNITURE_NAME = re.compile(
    r"(^|[\s_-])(menu|nav|navbar|navigation|sidebar|side-bar|logo|brand|site-?title|site-?name"
    r"|masthead|banner|header-title|topbar|breadcrumbs?|modal|popup|dialog|help)($|[\s_-])",
    re.I,
)
_FURNITURE_TAGS = {"nav", "aside", "footer", "header", "menu", "dialog", "form"}
_ARTICLE_TYPES = re.compile(r"Article|Posting|Report|WebPage|CreativeWork|Blog|Review", re.I)
_AUTHOR_KEYS = (
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "author",
    "article:author",
    "byl",
    "sailthru.author",
)
_CDATA = re.compile(r"<!\[CDATA\[|\]\]>|^\s*<!--|-->\s*$")


@dataclass(frozen=True)
class PageNames:
    """What the page says its article and site are called, and who wrote it."""

    title: str | None
    byline: str | None
    site: str | None


def page_names(
    document: etree._Element, landmarks: Landmarks, first_heading: str | None = None
) -> PageNames:
    """The best title, byline and site name for ``document``.

    Args:
        document: The parsed page, after hidden nodes and dialogs were pruned.
        first_heading: The first heading of the extracted body, if any: a heading
            inside the main content, which a headline candidate may confirm.
    """
    meta = _meta(document)
    ld = list(_json_ld(document))
    site = _first(meta.get("og:site_name"), meta.get("application-name"), _ld_site(ld))
    meta_title = _first(
        _ld_value(ld, "headline"),
        meta.get("dc.title"),
        meta.get("dcterms.title"),
        meta.get("og:title"),
        meta.get("twitter:title"),
        meta.get("parsely-title"),
        meta.get("sailthru.title"),
        *landmarks.headlines[:1],
    )
    window = _window_title(document)
    headings = list(_visible_h1s(document))
    if first_heading:
        headings.append(first_heading)
    title = choose_title(meta_title, window, headings)
    byline = _byline(meta, ld, landmarks)
    return PageNames(title=title, byline=byline, site=site)


_SECTION_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[A-Z]\.\d+(?:\.\d+)*)\s+")


def choose_title(meta_title: str | None, window: str | None, headings: list[str]) -> str | None:
    """Metadata's headline as published, else the window title less the site's name,
    else the first visible ``<h1>`` outside navigation, banners and dialogs.

    Metadata is written for sharing the article and names it exactly, unless the window
    title and a heading agree on another name (``_agreed_instead``). The window title
    names the site too; only its last part is taken off, and only when what is left is
    more than one word (so "Mozilla - Wikipedia" stays whole). A visible heading comes
    last: on documentation pages the first ``<h1>`` is often the product's name.
    """
    if meta_title:
        return _agreed_instead(meta_title, window, headings) or meta_title
    if window:
        for heading in headings:
            # A manual's node names its manual after it: "Memory Usage (libffi: the
            # portable foreign function interface library)", over "3 Memory Usage".
            name = _SECTION_NUMBER.sub("", heading).strip()
            if name and window.startswith(f"{name} (") and window.endswith(")"):
                return name
        stripped = strip_site(window)
        if stripped != window.strip():
            return _says_more(stripped, headings) or stripped
        return _short_title(window, headings) or stripped
    return headings[0] if headings else None


def _agreed_instead(meta_title: str, window: str | None, headings: list[str]) -> str | None:
    """The heading the window title names, when both say the same and the metadata
    neither: metadata that is a description ("Matrix equal to its conjugate-transpose"
    for "Hermitian matrix - Wikipedia" over an ``<h1>`` "Hermitian matrix") loses to
    two sources that agree. Only a window title with a site's name taken off counts,
    so a bare site name in both the window and a banner heading never does."""
    if not window:
        return None
    stripped = strip_site(window)
    if stripped == window.strip() or fold(meta_title) in fold(window):
        return None
    if any(fold(meta_title) == fold(heading) for heading in headings):
        return None
    return next((h for h in headings if fold(h) == fold(stripped)), None)


def _short_title(window: str, headings: list[str]) -> str | None:
    """The title of a window title whose part before the site is too short to take
    alone ("Path | Node.js Documentation", "FFI - The Rustonomicon"): that part when
    the page's heading says it too, else the page's heading, which names the page
    better than its short name and the site's together ("Foreign Function Interface").
    """
    pieces = _SEPARATOR.split(window)
    if len(pieces) < 2 or not headings:
        return None
    short = pieces[0].strip()
    if short.casefold() in {heading.casefold() for heading in headings}:
        return short
    return headings[-1]  # the body's own first heading, when there is one


def _says_more(title: str, headings: list[str]) -> str | None:
    """A heading that says the window's title in more words ("Appendix A: Keywords"
    for "A - Keywords"): every word of the title, in order, and at most two more."""
    wanted = _WORD.findall(title.casefold())
    for heading in headings:
        said = _WORD.findall(heading.casefold())
        if wanted and len(wanted) < len(said) <= len(wanted) + 2 and _in_order(wanted, said):
            return heading
    return None


def _in_order(wanted: list[str], said: list[str]) -> bool:
    rest = iter(said)
    return all(word in rest for word in wanted)


def strip_site(title: str) -> str:
    """ "Headline | Site" -> "Headline": the last part taken off, if enough is left."""
    pieces = _SEPARATOR.split(title)
    if len(pieces) < 2:
        return title.strip()
    last = list(_SEPARATOR.finditer(title))[-1]
    rest = title[: last.start()].strip()
    return rest if len(rest.split()) >= 2 or len(rest) >= 12 else title.strip()


def window_site(document: etree._Element) -> str | None:
    """The window title's last part, the site's or the product's name ("File system |
    Node.js v20.20.2 Documentation" -> "Node.js v20.20.2 Documentation"), if it has one."""
    window = _window_title(document)
    if window is None:
        return None
    pieces = _SEPARATOR.split(window)
    return pieces[-1].strip() or None if len(pieces) >= 2 else None


def _window_title(document: etree._Element) -> str | None:
    found = document.find(".//title")
    if found is None:
        return None
    return collapse(found.text_content()) or None


def _visible_h1s(document: etree._Element) -> Iterator[str]:
    for heading in document.iter("h1"):
        if _in_furniture(heading):
            continue
        text = collapse(heading.text_content())
        if text and len(text.split()) <= 40:
            yield text


def _in_furniture(element: etree._Element) -> bool:
    for node in (element, *element.iterancestors()):
        if node.tag in _FURNITURE_TAGS or node.get("role") in ("navigation", "banner", "dialog"):
            return True
        names = f"{node.get('class', '')} {node.get('id', '')}"
        if _FURNITURE_NAME.search(names):
            return True
    return False


def _meta(document: etree._Element) -> dict[str, str]:
    """Metadata by lower-cased name; ``property`` may list several ("dc:title og:title").

    A ``property`` (RDFa, Open Graph, Dublin Core) counts before a ``name``, and
    "dc:title" and "dc.title" are the same key.
    """
    found: dict[str, str] = {}
    named: dict[str, str] = {}
    for meta in document.iter("meta"):
        value = collapse(meta.get("content") or "")
        if not value:
            continue
        if "&" in value:  # a page that escaped its entities twice ("&amp;#8216;")
            value = html.unescape(value)
        for attribute, into in (("property", found), ("name", named), ("itemprop", named)):
            for key in (meta.get(attribute) or "").lower().split():
                into.setdefault(key.replace("dc:", "dc.").replace("dcterm:", "dcterms."), value)
    for key, value in named.items():
        found.setdefault(key, value)
    return found


def _json_ld(document: etree._Element) -> Iterator[dict[str, object]]:
    for script in document.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        text = _CDATA.sub("", script.text).strip()
        try:
            data = json.loads(text)
        except ValueError:
            continue
        yield from _ld_objects(data)


def _ld_objects(data: object) -> Iterator[dict[str, object]]:
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _ld_objects(graph)


def _ld_value(objects: list[dict[str, object]], key: str) -> str | None:
    for obj in objects:
        if _ARTICLE_TYPES.search(str(obj.get("@type", ""))):
            value = obj.get(key)
            if isinstance(value, str) and value.strip():
                return collapse(value)
    return None


def _ld_site(objects: list[dict[str, object]]) -> str | None:
    for obj in objects:
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return collapse(str(publisher["name"])) or None
    return None


def _ld_authors(objects: list[dict[str, object]]) -> list[str]:
    for obj in objects:
        if not _ARTICLE_TYPES.search(str(obj.get("@type", ""))):
            continue
        author = obj.get("author") or obj.get("creator")
        entries = author if isinstance(author, list) else [author]
        names = []
        for entry in entries:
            name = entry.get("name") if isinstance(entry, dict) else entry
            if isinstance(name, str) and is_person_name(name):
                names.append(collapse(name))
        if names:
            return names
    return []


def _byline(meta: dict[str, str], ld: list[dict[str, object]], landmarks: Landmarks) -> str | None:
    authors = _ld_authors(ld)
    if authors:
        return ", ".join(dict.fromkeys(authors))
    shown = next(
        (
            clean_byline(text)
            for text in landmarks.authors
            if is_person_name(clean_byline(text), shown=True)
        ),
        None,
    )
    for key in _AUTHOR_KEYS:
        value = meta.get(key)
        if value and is_person_name(clean_byline(value)):
            # An agency in the metadata ("AFP") gives way to the person the page shows.
            return shown if shown and is_agency(value) else clean_byline(value)
    return shown


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return collapse(html.unescape(value) if "&" in value else value)
    return None
