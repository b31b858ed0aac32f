"""What extraction leaves out, and why: ``readout text --dropped``.

A proofreader who hears an article should be able to ask what readout did not read
out, and see that it is the page's furniture. Every extractor can say, for each piece
of text it drops, the reason it had: the markup hid it, it stood before or after the
article, the page repeats it, it has a furniture shape. ``benchmarks/dropped.py``
checks the same report against the four public sets: how many of the dropped words
are the reference article's.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from readout.extract.bylines import BY, DATE
from readout.extract.raw import collapse, fold


class DropReason(enum.Enum):
    """Why a piece of the input is not read out."""

    WINDOW_TITLE = "window title"
    """The copied page's first line: it gives the title and site, it is not read."""
    ICONS = "icon labels"
    BEFORE = "before the article"
    """Menus, sections, sign-in, share buttons: everything above the headline or body."""
    AFTER = "after the article"
    """Teasers for other articles, contact boxes, the footer."""
    COMMENTS = "comment thread"
    REPEATED = "repeated on the page"
    """A short line the page has more than once: a menu item, a share bar, a label."""
    FURNITURE = "furniture"
    """A call to subscribe, a contact detail, a placeholder, "Advertisement"."""
    BYLINE = "byline"
    """A by-line away from the header (under a photo, over the headline): shown as the
    article's byline, not read again in the body."""
    DATE_LINE = "date line"
    """A copied page's header line that gave the date and says more ("Updated 07:15
    GMT"): the date is shown as the article's, the rest is not read. (A text written as a
    file reads its "Version 3, 29 June 2007".)"""
    SECTION_BREAK = "section break"
    CHART = "chart labels"
    """A chart's or a table's figures and labels, copied one to a line ("$915", "billion")."""
    NOTHING_TO_READ = "nothing to read"
    """A lone count, a footnote number, a stray symbol."""
    MARKUP = "markup"
    """Markup, not text: a reStructuredText directive or target standing alone (".. note::"),
    an HTML comment, front matter the header does not show, a link's target ("[fs]: fs.md")."""
    HIDDEN = "hidden on the page"
    CONTROL = "dialog, button or tooltip"
    PERMALINK = "permalink mark"
    CONTENTS = "table of contents"
    MORE_LINK = "read-more link"
    NAVIGATION = "navigation, footer or form"
    """What the page marks up as ``<nav>``, ``<footer>`` or ``<form>``."""
    IMAGE_TEXT = "image description"
    """An image's alt text where its figure has a caption, or away from the article."""
    OUTSIDE = "outside the main content"
    """HTML the page shows around its main content (sidebars, related links, footers)."""


@dataclass(frozen=True)
class Dropped:
    """A piece of the input that is not read out."""

    text: str
    reason: DropReason


class DropLog:
    """Collects what an extractor drops; a log that is off costs nothing."""

    def __init__(self, *, on: bool) -> None:
        self.on = on
        self.items: list[Dropped] = []

    def add(self, text: str, reason: DropReason) -> None:
        if self.on and (text := collapse(text)):
            self.items.append(Dropped(text, reason))

    def add_all(self, texts: Iterable[str], reason: DropReason) -> None:
        for text in texts:
            self.add(text, reason)


def is_header_line(text: str, header: str) -> bool:
    """A line made of the title, byline and site (``header``) and a date: "By Ada
    Whitcombe · 14 October 2026" gave the byline and the date, it is not left out."""
    words = set(fold(DATE.sub(" ", BY.sub("", text))).split())
    return bool(words) and words <= set(fold(header).split())
