"""Remove from a parsed page what is never part of its article, before extraction.

These are facts the markup states, not guesses about wording: what the page hides
from every reader (``hidden``, ``display: none``, ``aria-hidden``), dialogs and
pop-ups (a help box's "Keyboard shortcuts" is not a headline), permalink anchors
that documentation generators put after headings ("¶", "§", "#"), and tables of
contents, which repeat the headings the listener is about to hear.
"""

from __future__ import annotations

import re

from lxml import etree

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_DIALOG_ROLES = {"dialog", "alertdialog"}
_TOC_NAME = re.compile(
    r"(^|[\s_-])(toc|toctree(-wrapper)?|table-?of-?contents|tableofcontents|page-?toc|"
    r"on-?this-?page|contents)($|[\s_-])",
    re.I,
)
# One XPath pass (in C) finds every element a rule below may apply to.
_CANDIDATES = etree.XPath(
    "//*[@hidden or @aria-hidden or @style or @role or @aria-modal]"
    " | //dialog | //a[starts-with(@href, '#')] | //ul | //ol"
    " | //*[contains(@class, 'toc') or contains(@id, 'toc') or contains(@class, 'ontents')"
    " or contains(@id, 'ontents') or contains(@class, 'TableOfContents')"
    " or contains(@id, 'TableOfContents')]"
)
_PERMALINK_TEXT = re.compile(r"^\s*[¶§🔗#]?\s*$")
_PERMALINK_CLASS = re.compile(r"headerlink|anchor|permalink|hash-link|heading-link", re.I)


def prune_furniture(root: etree._Element) -> None:
    """Remove hidden nodes, dialogs, permalink anchors and tables of contents, in place."""
    doomed = [
        element
        for element in _CANDIDATES(root)
        if _is_hidden(element)
        or _is_dialog(element)
        or _is_permalink(element)
        or _is_table_of_contents(element)
    ]
    for element in doomed:
        _drop(element)
    for element in list(root.iter("details", "summary")):
        # Disclosure widgets are open in print and to a listener: their content is the
        # page's own (rustdoc puts every method's docs in one). A summary that is only
        # the widget's label ("Expand description") goes.
        if element.tag == "summary" and _is_widget_label(element):
            _drop(element)
        else:
            element.tag = "div"


def _is_widget_label(summary: etree._Element) -> bool:
    has_heading = any(True for _ in summary.iter("h1", "h2", "h3", "h4", "h5", "h6"))
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


def _is_hidden(element: etree._Element) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return element.tag not in ("html", "body")
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _is_dialog(element: etree._Element) -> bool:
    return (
        element.tag == "dialog"
        or element.get("role") in _DIALOG_ROLES
        or element.get("aria-modal") == "true"
    )


def _is_permalink(element: etree._Element) -> bool:
    """An anchor that links to its own heading and says nothing ("¶", "§", "#", "")."""
    if element.tag != "a" or not (element.get("href") or "").startswith("#"):
        return False
    text = element.text_content()
    if not _PERMALINK_TEXT.match(text):
        return False
    names = f"{element.get('class', '')} {element.get('title', '')} {element.get('aria-label', '')}"
    in_heading = any(a.tag in ("h1", "h2", "h3", "h4", "h5", "h6") for a in element.iterancestors())
    return in_heading or bool(_PERMALINK_CLASS.search(names)) or "permalink" in names.lower()


def _is_table_of_contents(element: etree._Element) -> bool:
    """A navigation block by role or name, or a list made only of in-page links."""
    if element.get("role") == "doc-toc":
        return True
    names = f"{element.get('class', '')} {element.get('id', '')}"
    if element.tag in ("div", "nav", "ul", "ol", "aside", "section") and _TOC_NAME.search(names):
        return _is_link_list(element, in_page_only=False)
    if element.tag in ("ul", "ol"):
        return _is_link_list(element, in_page_only=True)
    return False


def _is_link_list(element: etree._Element, *, in_page_only: bool) -> bool:
    """Every item's text is the text of its links (and, if asked, they all point in-page)."""
    items = element.findall(".//li")
    if len(items) < 2 and in_page_only:
        return False
    links = element.findall(".//a")
    if not links:
        return False
    if in_page_only and not all((a.get("href") or "").startswith("#") for a in links):
        return False
    text = "".join(element.itertext())
    link_text = "".join("".join(a.itertext()) for a in links)
    letters = sum(ch.isalnum() for ch in text)
    return letters > 0 and sum(ch.isalnum() for ch in link_text) >= 0.9 * letters
