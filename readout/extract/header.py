"""The header of copied text: the window title, the headline, the byline and the date.

Copied text carries no markup to say which line is the headline. In our users' copies
the first line is the window title ("Headline | Site" and icon names), and the line
that matches it is the headline, wherever it stands. Without one, every line before
the body that could be a headline is scored (``_headline_score``): above all for
sharing the body's words, as a menu label, a share button or a teaser for another
article does not, then for its size, its case, a byline or a date under it, and how
near the body it stands.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from readout.extract.boilerplate import is_icon_line, is_stamp_line, strip_icon_run, word_count
from readout.extract.bylines import DATE, clean_byline, is_person_name
from readout.extract.raw import fold
from readout.extract.region import LineScorer, is_furniture, reads_as_code
from readout.extract.shapes import BULLET, ends_like_sentence, headline_case

_TITLE_SEPARATOR = re.compile(r"\s+(?:\||–|—|::|·|•|-)\s+")
BYLINE = re.compile(
    r"^(?::?author:|by|written by|words by|story by|posted by|von|par|por|di|door|av)[:\s]+(\S.*)$",
    re.I,
)
"""A line that names the author after a word for "by"."""
_BROWSER = re.compile(
    r"\s+(?:-|–|—)\s+(?:Mozilla Firefox|Google Chrome|Chromium|Microsoft\u200b? Edge"
    r"|Vivaldi|LibreWolf|Waterfox)"
    r"(?:\s+\(?Private Browsing\)?)?\s*$"
)
"""The browser's name, which it adds to a window's title: "Headline | Site - Mozilla
Firefox" when the window title line is copied from the browser's title bar."""
_AUTHOR_LABEL = re.compile(r"^(?:authors?|by|written by)\s*:?\s*$", re.I)
"""A field's name on a line of its own, its value on the next (a copied <dt> and <dd>)."""
_AUTHOR_FIELD = re.compile(r"^authors?\s*:\s*$", re.I)
"""A manual's author field ("Author:"), which only a document's own header has."""
_SECTION_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?\s")
_CRUMB = re.compile(r"\s[»›>/|](?=\s|$)")
"""A breadcrumb's or a menu's separator: "Docs » Guides", "next | previous"."""
_WORD = re.compile(r"\w+")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
HEADLINE_LOOKBACK = 30
"""Beyond this many lines before the body, a headline is no less likely for being further."""


def window_title(lines: list[str]) -> tuple[str | None, str | None, list[str]]:
    """A first line "Headline | Site" with icon names: (headline, site, the other lines)."""
    first, icons = strip_icon_run(lines[0])
    first = _BROWSER.sub("", first)
    parts = _TITLE_SEPARATOR.split(first)
    if icons == 0 and len(parts) < 2:
        return None, None, lines
    if icons == 0 and len(parts) > 2 and all(word_count(part) <= 2 for part in parts):
        return None, None, lines  # a menu ("index | modules | next | previous"), not a title
    if len(parts) < 2:
        return first, None, lines[1:]
    return " - ".join(parts[:-1]) if len(parts) > 2 else parts[0], parts[-1], lines[1:]


def find_headline(
    lines: list[str], start: int, end: int, window: str | None, scorer: LineScorer
) -> int | None:
    """Index of the headline: the window title's match nearest the body, else the
    line a table of contents starts by naming ("Contents" under the page's title,
    listing it first), else the best-scored line that could head the body
    (``_headline_score``); never an entry of a contents list."""
    if window:
        wanted = fold(window)
        folded = [fold(line) for line in lines[:end]]
        matches = [i for i, found in enumerate(folded) if found == wanted]
        if not matches:  # the headline cut short on the page: "Coroutines" for a title
            matches = [  # "Coroutines and Tasks" is not one, when that is there whole
                i
                for i, found in enumerate(folded)
                if len(found) > 8 and wanted.startswith(f"{found} ")
            ]
        before = [i for i in matches if i <= start]
        if before:
            return before[-1]
        if matches:
            return matches[0]
    titled = scorer.contents_title()
    if titled is None:
        titled = scorer.first_named_heading(start, end)
    if titled is not None and titled < start:
        return titled
    vocabulary = _vocabulary(lines[start:end])
    # The body's first line, when it could be the headline, is matched against the rest.
    rest = _vocabulary(lines[start + 1 : end])
    candidates = [
        (_headline_score(lines, index, start, vocabulary if index < start else rest), index)
        for index in range(0, min(start + 1, end))
        if _could_head(lines, index)
        and not scorer.is_contents(index)
        and not (
            index >= start and (ends_like_sentence(lines[index]) or word_count(lines[index]) > 20)
        )
    ]
    named = _named_by_body(lines, start, end, scorer)
    if named is not None:
        return named
    if not candidates:
        return None
    best = max(candidates)[1]
    if best > 0 and _over_standfirst(lines, best - 1, vocabulary):
        return best - 1  # the standfirst won on its words; the headline stands over it
    return best


TOPIC_MENTIONS = 3
"""A short heading right over the body names its topic when the body says each of its
words this many times or more in its opening."""


def _named_by_body(lines: list[str], start: int, end: int, scorer: LineScorer) -> int | None:
    """The one- or two-word heading right over the body ("Variables", over "A variable
    is a component of a stack frame..."), when the body's opening keeps saying its
    words: a manual's chapter, which a menu label or a section's name over a news
    article is not."""
    index = start - 1
    if index < 0:
        return None
    line = lines[index]
    words = _content_words(line)
    if not 1 <= word_count(line) <= 2 or len(words) != word_count(line):
        return None
    if scorer.is_repeated(index) or is_furniture(line) or not line[:1].isupper():
        return None
    said = Counter(
        _singular(word)
        for body in lines[start : min(end, start + 8)]
        for word in _content_words(body)
    )
    return index if all(said[_singular(word)] >= TOPIC_MENTIONS for word in words) else None


def _singular(word: str) -> str:
    """An English plural's singular, near enough to match words: "ferries" -> "ferry",
    "boxes" -> "box", "variables" -> "variable"."""
    if len(word) <= 4 or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("xes", "ches", "shes", "sses")):
        return word[:-2]
    return word[:-1]


def _headline_score(lines: list[str], index: int, start: int, vocabulary: set[str]) -> float:
    """How much line ``index`` looks like the headline of the body that begins at
    ``start``: it speaks of what the body speaks of (the strongest sign: a menu label or
    a share button does not), it is sizeable, in headline case, near the body, and a
    byline or a date follows it."""
    line = lines[index]
    words = word_count(line)
    score = (
        20 * _overlap(line, vocabulary)
        + 0.5 * min(words, 14)
        - 0.1 * min(abs(start - index), HEADLINE_LOOKBACK)
    )
    if headline_case(line):
        score += 2
    if index == start - 1:
        score += 1  # right over the body, where a headline stands
    if _SECTION_NUMBER.match(line) and any(
        _SECTION_NUMBER.match(other) for other in lines[max(0, index - 1) : index + 2 : 2]
    ):
        score -= 6  # an entry in a numbered contents list ("15.1. Using Box<T>"), not a heading
    if words < 3:
        score -= 4  # a blog's name is often two words too
    if line.isascii() and line == line.lower():
        score -= 4  # a list of tags, not a headline
    following = lines[index + 1 : index + 4]
    if _stamped(following) and not (
        words < 3 and _is_name_line(line) and _is_date_line(following[0])
    ):
        score += 6  # (a name right over a date is the author: "Jo Bloggs", "9/11/13")
        if following and _AUTHOR_FIELD.match(following[0]):
            score += 5  # a manual's title over its author field: no teaser has one
    if index >= start and any(BYLINE.match(f) for f in lines[max(0, index - 3) : index]):
        score -= 6  # under the byline: the standfirst, not the headline
    return score


HEADLINE_OVER_STANDFIRST_WORDS = 7
"""A line over the standfirst has this many words or more to be the headline: a
section's name or a kicker over the headline ("Science & Astronomy", "Follow CNN
Business", "Smart News Keeping you current") is shorter."""
STANDFIRST_OVERLAP = 0.4
"""A line over a longer one over the byline is the headline over its standfirst when
this share of its words or more are the body's (a section's label over the headline
is not)."""


def standfirst_under(lines: list[str], headline: int, body_start: int) -> int | None:
    """The standfirst: the longer headline-shaped line right under the headline, over
    the byline or the date, before the body ("Drivers face a 12-mile detour while
    engineers replace corroded cables"). It is the article's first say, read as such."""
    index = headline + 1
    if index >= body_start or index >= len(lines):
        return None
    line = lines[index]
    if (
        word_count(line) > word_count(lines[headline])
        and word_count(line) >= HEADLINE_OVER_STANDFIRST_WORDS
        and _is_headline_shaped(line)
        and not _stamped([line])
        and _stamped(lines[index + 1 : index + 4])
    ):
        return index
    return None


def _over_standfirst(lines: list[str], index: int, vocabulary: set[str]) -> bool:
    """Line ``index`` stands over a longer headline-shaped line that stands over the
    byline or the date: a headline over its standfirst ("Bridge closes for repairs" /
    "Drivers face a 12-mile detour while..." / "By ..."). The standfirst speaks of the
    body more fully, so only its place tells the two apart."""
    line, following = lines[index], lines[index + 1 : index + 5]
    return (
        len(following) >= 2
        and word_count(line) >= HEADLINE_OVER_STANDFIRST_WORDS
        and _is_headline_shaped(line)
        and _is_headline_shaped(following[0])
        and word_count(following[0]) > word_count(line)
        and not _stamped(following[:1])
        and _stamped(following[1:])
        and _overlap(line, vocabulary) >= STANDFIRST_OVERLAP
    )


def _overlap(line: str, vocabulary: set[str]) -> float:
    """The share of the line's content words that the body uses too."""
    words = _content_words(line)
    return sum(1 for w in words if w in vocabulary) / max(len(words), 2)  # one word is weak


def _vocabulary(body: list[str], limit: int = 600) -> set[str]:
    """The content words of the body's opening, for matching a headline against it."""
    found: set[str] = set()
    count = 0
    for line in body:
        if word_count(line) < 12:
            continue  # captions, labels and credits inside the body say nothing of it
        words = _content_words(line)
        found.update(words)
        count += len(words)
        if count >= limit:
            break
    return found


def _content_words(line: str) -> list[str]:
    """Lower-cased words of four letters or more (any length outside ASCII scripts)."""
    return [w for w in _WORD.findall(line.casefold()) if len(w) >= 4 or not w.isascii()]


def _could_head(lines: list[str], index: int) -> bool:
    """Line ``index`` could be a headline: it is shaped as one, or it is a headline cut
    short with an ellipsis right over the byline ("Ferry: «twice a day», «two boats»…")."""
    line = lines[index]
    if _is_headline_shaped(line):
        return True
    if _is_headline_shaped(line, fewest_words=2):
        # Two words ("Packaging Guide") head an article only over its byline or date:
        # elsewhere they are a menu's or a box's label ("Top Stories", "About us").
        return _stamped(lines[index + 1 : index + 4])
    return (
        line.endswith(("…", "..."))
        and index + 1 < len(lines)
        and bool(BYLINE.match(lines[index + 1]))
        and _is_headline_shaped(line.rstrip(".…"), fewest_words=2)
    )


def _is_headline_shaped(line: str, *, fewest_words: int = 3) -> bool:
    """A line a headline could be: menu items ("Home", "World") have fewer words."""
    words = word_count(line)
    if not fewest_words <= words <= 30 or BYLINE.match(line) or _is_date_line(line):
        return False
    if "\n" in line:
        return False  # a block of code
    if BULLET.match(line):
        return False  # an item of a list ("* File system"), as a page rendered as text has
    if _CLOCK.search(line) or is_icon_line(line):
        return False
    if len(_CRUMB.findall(line)) >= 2:
        return False  # a breadcrumb trail: "Docs » Guides » Logging"
    if sum(any(ch.isdigit() for ch in w) for w in line.split()) * 2 > words:
        return False  # a score line or a table row ("Eastfield 18 22 13 17 — 70")
    if is_furniture(line) or line.endswith((":", "…", "...")):
        return False
    if line.startswith("(") and line.endswith(")"):
        return False  # a photo credit or an aside
    if reads_as_code(line) and any(mark in line for mark in "{}=\\"):
        return False  # a formula or a line of code
    return not (words > 12 and line.rstrip().endswith("."))


def _stamped(lines: list[str]) -> bool:
    """A byline, an author field ("Author:" over a name), a date or a reference page's
    release stamp ("1.0.0 · source") is among ``lines``."""
    return any(is_stamp(line) or _AUTHOR_LABEL.match(line) or is_stamp_line(line) for line in lines)


def is_stamp(line: str) -> bool:
    """A byline ("By Mira Sol") or a date line: the header's, or another article's."""
    return bool(BYLINE.match(line)) or _is_date_line(line)


def _is_date_line(line: str) -> bool:
    return bool(DATE.search(line)) and word_count(line) <= 10


def find_byline_and_date(
    lines: list[str], start: int, body_start: int
) -> tuple[str | None, str | None, int]:
    """A byline and a date in the lines from ``start``, up to and just into the body.

    A byline is a "By ..." line, or else a line that is only a person's name standing
    next to the date. Returns them and the index of the first line after those used.
    """
    byline = published = None
    names: list[int] = []
    dates: list[int] = []
    after = start
    for index in range(start, min(len(lines), max(body_start, start) + 3)):
        line = lines[index]
        if index < after:
            continue  # the name under an "Author:" label, used already
        if word_count(line) > 14:
            if index >= body_start:
                break
            continue
        match = BYLINE.match(line)
        taken = 1
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if match is None and _AUTHOR_LABEL.match(line) and _is_name_line(clean_byline(following)):
            match, taken = BYLINE.match(f"By {following}"), 2  # "Author:" over "Ada Whitcombe"
        date = DATE.search(line) or _CLOCK.search(line)
        if match and byline is None:
            byline = clean_byline(match.group(1))
            published = published or (date.group(1) if date and date.lastindex else None)
            after = index + taken
            continue
        elif date and word_count(line) <= 10:
            dates.append(index)
            found = DATE.search(line)
            published = published or (found.group(1) if found else None)
        elif _is_name_line(line):
            names.append(index)
            continue
        elif index >= body_start:
            break
        else:
            continue
        after = index + 1
    if byline is None:
        near = [i for i in names if any(abs(i - d) <= 2 for d in dates)]
        if near:
            byline = clean_byline(lines[near[0]])
            after = max(after, near[0] + 1) if near[0] < body_start else after
    return byline or None, published, after


LATE_BYLINE_REACH = 6
"""How many lines into the body a "By ..." line can stand and still be the article's:
under a standfirst, a photo and its caption."""


@dataclass(frozen=True)
class LateByline:
    """A byline that stands apart from the header, and the lines that say it."""

    byline: str
    published: str | None
    lines: tuple[int, ...]


def find_late_byline(lines: list[str], headline: int | None, body_start: int) -> LateByline | None:
    """A "By ..." line that ``find_byline_and_date`` does not reach: right over the
    headline ("by Ada Whitcombe July 10, 2015" above it), or under the standfirst, a
    photo and its caption, a few lines into the body. Only a line that names people
    counts, so prose that begins "By the end of the year" is never taken; a date on the
    line after it goes with it."""
    above = range(headline - 1, max(-1, headline - 3), -1) if headline is not None else ()
    below = range(body_start, min(len(lines), body_start + LATE_BYLINE_REACH))
    for index in (*above, *below):
        line = lines[index]
        match = BYLINE.match(line)
        if match is None or word_count(line) > 14:
            continue
        byline = clean_byline(match.group(1))
        if not is_person_name(byline, shown=True):
            continue
        said: tuple[int, ...] = (index,)
        date = DATE.search(line)
        if date is None and index + 1 < len(lines) and _is_date_line(lines[index + 1]):
            date, said = DATE.search(lines[index + 1]), (index, index + 1)
        return LateByline(byline, date.group(1) if date else None, said)
    return None


_NAVIGATION = frozenset(
    "previous next post posts page home back menu share more top older newer article story".split()
)
_PARTICLES = frozenset("de da di du van von der den le la y e et and und & of bin al".split())


def _is_name_line(line: str) -> bool:
    """Two to five words, each capitalised (name particles aside), no digits: a name."""
    words = [w.strip(",") for w in line.split() if not w.startswith("@")]
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in line):
        return False
    if any(w.lower() in _NAVIGATION for w in words):
        return False  # "Previous Post", "Next Page": a control, not a person
    return all(w[:1].isupper() or w.lower() in _PARTICLES for w in words if w) and any(
        len(w) > 1 and w[1:].islower() for w in words
    )
