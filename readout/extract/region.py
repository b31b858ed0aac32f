"""Score the lines of a text as prose or furniture, and find the article's run of lines.

Each line's score says how much it reads as the body of an article: the words of
lines shaped like sentences count for it; menu-sized lines, lines the page repeats
(menus at top and bottom, "Share" bars) and known furniture shapes (``boilerplate``)
count against it. The body is the contiguous run with the highest sum (Kadane's
maximum subarray), so a short heading, a footnote or a section break inside the
body costs little, while a run of many short lines between prose breaks the run.
"""

from __future__ import annotations

import functools
import re

from readout.extract.boilerplate import (
    is_boilerplate,
    is_contact_detail,
    is_lead_in,
    is_placeholder,
    is_stamp_line,
    is_unspaced,
    word_count,
)
from readout.extract.contents import CONTENTS_COPIES, ContentsLists
from readout.extract.shapes import BULLET, ends_like_sentence, headline_case

FURNITURE_SCORE = -12.0
"""A line in a furniture shape: a call to subscribe, a contact detail, "Read more"."""
REPEATED_SCORE = -6.0
"""A short line that the page has more than once (menus, share bars, labels)."""
MENU_SCORE = -5.0
"""A line of one to three words that is not a sentence: a menu item, a button."""
LEAD_IN_SCORE = -20.0
"""A short line that hands over to other content: "Read more:", "Related stories…"."""
CODE_SCORE = 2.0
"""A block of code (its lines kept together): it belongs to the prose around it."""
FOOTNOTE_SCORE = 2.0
"""A short line that starts with a footnote mark: it belongs to the body before it."""
LABEL_SCORE = -2.0
"""A short line that is not a sentence: a heading, a teaser's title, a caption."""
TEASER_SCORE = -3.0
"""A line cut off with an ellipsis: the start of another article's standfirst."""
RUN_GRACE = 2
"""Non-prose lines in a row that cost only their own score..."""
RUN_GROWTH = 0.5
"""...after which each costs this much more than the one before."""
THREAD_GAP = 15
"""Comment posts come at least this close together (in lines) in a thread."""
LONG_LINE_WORDS = 15
"""From this many words a line counts as prose even without a full stop."""
LIST_LINE_WORDS = 30
"""A line this long with hardly a mark of punctuation (one in as many words) is a list
of names run together, a language menu or a tag cloud, not prose."""
LIST_LINE_DISTINCT = 0.85
"""...and hardly a word said twice (this share of its words are different ones)."""
LISTED_ITEMS = 8
"""A lead-in between prose and prose hands over to a list of at most this many items."""
CHART_DATA = 8
"""A chart copied as text is a run of short lines with at least this many figures
("$915", "’17", "40%")..."""
CHART_LABEL_WORDS = 6
"""...and labels of at most this many words among them ("billion", the axis title)."""

_CELLS = re.compile(r"\S; \S")
"""Two cells of a table's row, as copied text's rows are read ("as; type cast")."""
_FOOTNOTE = re.compile(r"^(?:[*†‡§]+|\[\d+\]|\d+\))\s*\w")
_COMMENT_HEADER = re.compile(
    r"^\S.{0,80}?\s(says|said|wrote)\s*:?\s*$",
    re.I,
)
_ARTICLE_BYLINE = re.compile(r"^(by|posted by|written by|published|updated)\b", re.I)
_POST_TIME = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b\d+\s+(minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b", re.I
)
_COMMENT_SECTION = re.compile(
    r"^\s*(\w+\s+){0,3}(\d+\s+)?(comments?|responses?|replies|reactions)(\s+(to|on)\b.*)?\s*:?\s*$"
    r"|^\s*(leave|post|add|write)\s+a\s+(reply|comment|response)\b",
    re.I,
)
_DATUM = re.compile(r"^[-+−–$€£¥’'~<>≈]*\d[\d.,:/%’'–-]*\s?(?:[A-Za-z]{1,3}|%)?\.?$")
"""A figure standing alone: a chart's value or axis label, a table's cell."""
_SIGNATURE = re.compile(r"[\w\]]\((?!s\))|<[A-Za-z][\w.|]*>|\w\[")
"""Code's shapes in a short line: a call or a signature ("path.join([...paths])",
"f(x)"; not a plural's "(s)"), a type in angle brackets ("<string>", "<Buffer>"), an index ("a[0]")."""
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\ball rights reserved\b", re.I)


class LineScorer:
    """Scores for a text's lines, with what the scores were made of."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._keys = [_key(line) for line in lines]
        self._places = places_of(self._keys)
        self._repeated = [len(self._places[key]) > 1 for key in self._keys]
        self._lists = ContentsLists(lines, self._keys, self._places, self._repeated)
        self._contents = self._lists.entries
        self._chart = self._find_charts()
        self._named: set[int] = set()
        for index, key in enumerate(self._keys):
            places = self._places[key]
            if (
                self._repeated[index]
                and len(places) <= CONTENTS_COPIES
                and index not in self._contents
            ):
                # A heading that a table of contents names is said once, as a heading.
                others = [i for i in places if i != index]
                if any(i in self._contents for i in others):
                    self._named.add(index)
                self._repeated[index] = not all(i in self._contents for i in others)

    @property
    def lines(self) -> list[str]:
        """The lines scored."""
        return self._lines

    def is_repeated(self, index: int) -> bool:
        """True when the page has this line more than once (a contents list's entry
        for it aside)."""
        return self._repeated[index]

    def is_contents(self, index: int) -> bool:
        """True when line ``index`` is an entry of a table of contents."""
        return index in self._contents

    def is_opening_contents(self, index: int) -> bool:
        """An entry of a table of contents that stands before the text's first paragraph
        of prose, where a text written as a file puts its contents; further on, a line
        it says again is meant again (a change log's item under two releases)."""
        return index in self._contents and index < self._first_prose

    @functools.cached_property
    def _first_prose(self) -> int:
        lines = enumerate(self._lines)
        prose = (i for i, line in lines if word_count(line) >= 12 and ends_like_sentence(line))
        return next(prose, len(self._lines))

    def is_chart(self, index: int) -> bool:
        """True when line ``index`` is a figure or a label of a chart (or a table)
        copied line by line: nothing a listener can follow, and no end of the body."""
        return index in self._chart

    def _find_charts(self) -> set[int]:
        """The runs of short lines that are mostly figures (``CHART_DATA``)."""
        charts: set[int] = set()
        run: list[int] = []
        figures = 0
        for index, line in enumerate([*self._lines, ""]):
            datum = bool(_DATUM.match(line))
            if datum or (
                line and word_count(line) <= CHART_LABEL_WORDS and not ends_like_sentence(line)
            ):
                run.append(index)
                figures += datum
                continue
            if figures >= CHART_DATA and figures * 2 >= len(run):
                charts.update(run)
            run, figures = [], 0
        return charts

    def contents_title(self) -> int | None:
        """The line just above a table of contents that the list names first."""
        return self._lists.contents_title()

    def first_named_heading(self, start: int, end: int) -> int | None:
        """The title over the body that a table of contents names first."""
        return self._lists.first_named_heading(start, end)

    def is_named_by_contents(self, index: int) -> bool:
        """True when a table of contents names line ``index``: it is a heading."""
        return index in self._named

    def repeated_only_outside(self, index: int, start: int, end: int) -> bool:
        """True when every other copy of line ``index`` stands outside lines ``start``
        to ``end`` (the article): a heading that a table of contents names, before the
        article or after it."""
        return all(not start <= i < end for i in self._places[self._keys[index]] if i != index)

    def scores(self) -> list[float]:
        """One score per line (see the module docstring).

        A run of lines that are not prose costs more the longer it goes on: two short
        lines are a subheading and a list item, ten are a share bar or a menu.
        """
        scores = [self.score(i) for i in range(len(self._lines))]
        run = 0
        for index, score in enumerate(scores):
            if index in self._chart:
                continue  # a chart inside the body neither ends it nor lengthens a menu
            run = run + 1 if score < 0 else 0
            if run > RUN_GRACE:
                scores[index] = score * (1 + RUN_GROWTH * (run - RUN_GRACE))
        return scores

    def _prose_follows(self, index: int) -> bool:
        """The next line is a sentence, or code ("On POSIX:" over an example)."""
        following = self._lines[index + 1] if index + 1 < len(self._lines) else ""
        return is_code(following) or (word_count(following) >= 8 and ends_like_sentence(following))

    def _introduces_list(self, index: int) -> bool:
        """Lead-in ``index`` hands over to a list inside the article ("Some examples of
        names:"): prose stands over it, and prose again after a few short items that the
        page has nowhere else."""
        before = self._lines[index - 1] if index else ""
        if not (word_count(before) >= 8 and ends_like_sentence(before)):
            return False
        for after in range(index + 1, min(len(self._lines), index + 2 + LISTED_ITEMS)):
            line = self._lines[after]
            if word_count(line) >= 8 and ends_like_sentence(line):
                return after > index + 1
            if self._repeated[after] or word_count(line) > 12:
                return False
        return False

    def _bulleted(self, index: int) -> bool:
        """Line ``index`` is an item of a bulleted list ("* Buffer" over "* Cluster"), as
        a tool that renders a page as text writes it: not a footnote ("*A pseudonym.")."""
        bullet = BULLET.match(self._lines[index])
        return bullet is not None and any(
            line.startswith(bullet.group())
            for line in self._lines[max(0, index - 1) : index + 2 : 2]
        )

    def _continues(self, index: int) -> bool:
        """A line that is part of a sentence broken over lines (``<br>`` in the page):
        it starts in lower case, or the next line does, or it ends in a comma."""
        line = self._lines[index]
        following = self._lines[index + 1] if index + 1 < len(self._lines) else ""
        return (
            line[:1].islower()
            or line.rstrip().endswith((",", ";"))
            or (following[:1].islower() and word_count(following) >= 3)
        )

    def score(self, index: int) -> float:
        """How much line ``index`` reads as article prose (negative: furniture)."""
        line = self._lines[index]
        if "\n" in line:
            return CODE_SCORE  # a block of code belongs to the article around it
        if index in self._chart:
            return 0.0
        words = word_count(line)
        if is_lead_in(line) and words < 8:
            # "Related:" hands over to a list of links; "Here's why:" to the next
            # paragraph of the article.
            if self._prose_follows(index) or self._introduces_list(index):
                return LABEL_SCORE
            return LEAD_IN_SCORE
        if is_furniture(line):
            return FURNITURE_SCORE
        if index not in self._contents and words <= 8 and is_signature(line):
            return 0.0  # an entry's name or a parameter: "path.join([...paths])", "<string>"
        if index in self._contents or (self._repeated[index] and words <= 8):
            return REPEATED_SCORE
        if line.rstrip().endswith(("…", "...")) and words >= 8:
            return TEASER_SCORE  # a cut-off teaser: "Police say the man was…"
        if words >= 5 and headline_case(line) and not ends_like_sentence(line):
            return LABEL_SCORE  # a teaser's headline, its standfirst run on
        if words >= LONG_LINE_WORDS and not (is_unspaced(line) and not ends_like_sentence(line)):
            if words >= LIST_LINE_WORDS and _is_run_of_names(line, words):
                return LABEL_SCORE  # "Afrikaans aragonés Asturianu ...": a menu
            return float(words)
        if words >= 5 and (ends_like_sentence(line) or self._continues(index)):
            return words * 0.8
        if _FOOTNOTE.match(line):
            # A bulleted list's item is neither a footnote nor a menu's label by its mark:
            # it belongs to what surrounds it, as a section break does.
            return 0.0 if self._bulleted(index) else FOOTNOTE_SCORE
        if not any(ch.isalnum() for ch in line):
            return 0.0  # a section break ("* * *") belongs to whatever surrounds it
        if self._in_table(index):
            return 0.0  # a table's row ("as\ttype cast expressions"), as a chart's line
        if words <= 3:
            return MENU_SCORE
        return LABEL_SCORE

    def _in_table(self, index: int) -> bool:
        """Line ``index`` and a line next to it are short rows of a table (prose with a
        semicolon in it scores as prose before this is asked)."""
        return bool(_CELLS.search(self._lines[index])) and any(
            _CELLS.search(line) for line in self._lines[max(0, index - 1) : index + 2 : 2]
        )


def _is_run_of_names(line: str, words: int) -> bool:
    """Names or tags run together: hardly a mark of punctuation (one in
    ``LIST_LINE_WORDS`` words), no sentence end, and hardly a word twice, where prose
    says its small words ("the", "of", "and") again and again."""
    if is_unspaced(line) or ends_like_sentence(line):
        return False
    if sum(line.count(mark) for mark in ".,;:!?") * LIST_LINE_WORDS >= words:
        return False
    tokens = line.casefold().split()
    return len(set(tokens)) >= LIST_LINE_DISTINCT * len(tokens)


def comments_start(lines: list[str], scores: list[float]) -> int:
    """Index of the line where a comment thread begins (``len(lines)`` if none).

    A thread is told by its rhythm, not its words: posts headed by a name and a time
    ("Name says:", "Name · March 10, 2017 at 12:20 AM", "2 days ago at 07:52") come
    one after another, at least three within a few lines of each other. The thread
    begins at its heading ("12 Comments", "Leave a reply") if one stands just before
    the first post, and only after some prose: an article's own date line at the top
    never starts one.
    """
    clean = [line.strip(" []()") for line in lines]
    headers = [i for i, line in enumerate(clean) if _is_post_header(line)]
    first_prose = next((i for i, score in enumerate(scores) if score >= 12), len(lines))
    for k in range(len(headers) - 2):
        first, second, third = headers[k : k + 3]
        if first <= first_prose or second - first > THREAD_GAP or third - second > THREAD_GAP:
            continue
        for index in range(max(first_prose + 1, first - 4), first):
            if _COMMENT_SECTION.match(clean[index]) and word_count(clean[index]) <= 8:
                return index
        return first
    return len(lines)


def _is_post_header(line: str) -> bool:
    """A comment's heading: "Name says:", or a short line with a name and a time."""
    if word_count(line) > 14 or _ARTICLE_BYLINE.match(line):
        return False  # "By ...", "Posted by ... at 6:21 AM" heads the article itself
    if _COMMENT_HEADER.match(line):
        return True
    return bool(_POST_TIME.search(line)) and bool(re.search(r"[^\W\d_]{2,}", line))


def best_region(scores: list[float]) -> tuple[int, int]:
    """The ``[start, end)`` run of lines with the highest total score."""
    best_total, best = 0.0, (0, 0)
    total, start = 0.0, 0
    for index, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, index
        total += score
        if total > best_total:
            best_total, best = total, (start, index + 1)
    return best


BRIDGE_PROSE_LINES = 4
"""Lines between the headline and the best run hold the body too when at least this
many of them are prose..."""


def reads_on(scorer: LineScorer, start: int, end: int) -> bool:
    """Lines ``start`` to ``end`` (between the headline and the best run) are the body
    too: they hold ``BRIDGE_PROSE_LINES`` lines of prose, code or an entry's name and
    parameters or more, and what they hold of prose outweighs what they hold of
    furniture, each line scored on its own. A reference page's entries ("copy",
    "History", "Added in: v0.1.25" between them) break the run of prose that the best
    run finds; a news page's header (a byline, a share bar, a caption) has no prose and
    no code in it."""
    scores = [scorer.score(i) for i in range(start, end)]
    prose = sum(score for score in scores if score > 0)
    furniture = -sum(score for score in scores if score < 0)
    said = sum(
        score >= 4 or is_code(line) or is_signature(line)
        for score, line in zip(scores, scorer.lines[start:end], strict=True)
    )
    return said >= BRIDGE_PROSE_LINES and 2 * prose > furniture


def is_signature(line: str) -> bool:
    """The line has code's shapes: an API entry's name or one of its parameters, which a
    reference page says more than once and means each time; no menu item has them."""
    return _SIGNATURE.search(line) is not None


def is_furniture(line: str) -> bool:
    """Page furniture by shape: labels, calls to action, contact details, lead-ins,
    copyright lines."""
    return (
        _COPYRIGHT.search(line) is not None
        or is_boilerplate(line)
        or is_stamp_line(line)
        or is_contact_detail(line)
        or is_placeholder(line)
        or (is_lead_in(line) and word_count(line) < 8)
    )


_CODE_MARKS = frozenset("(){}[]=<>;$#/\\_|&*+%@")


def reads_as_code(text: str) -> bool:
    """Dense in the marks code is made of, as prose never is (an indented note is prose)."""
    marks = sum(char in _CODE_MARKS for char in text)
    return marks >= 0.03 * max(1, sum(not char.isspace() for char in text))


_CODE_START = re.compile(
    r"^(?:(?:def|class|import|return|elif|except|while|switch|fn|let|const|var|function|pub"
    r"|use|impl|struct|enum|async|await|raise|yield)\b"  # whole words: "asyncio", "users"
    r"|from \S+ import|if\b.*:$|if \(|else:|try:|for \w+ in|for \(|with \S|#include"
    r"|#define|#!|>>>|\.\.\.(?: |$)|\$ |sudo |pip |npm |git |cd |@\w|[{}\])]"
    r"|Traceback \(most recent call last\)|File \")"
)
_RAISED = re.compile(r"^[A-Z]\w*(?:Error|Exception|Warning|Exit|Interrupt)\b(?::|$)")
"""The last line of a traceback ("ZeroDivisionError: division by zero")."""
_CALL_OR_ASSIGN = re.compile(
    r"^[A-Za-z_][\w.\[\]'\"]*(?:\s*,\s*[A-Za-z_][\w.]*)*(?:\s*[-+*/|&]?=(?!=)\s*\S|\()"
    r"|^[A-Za-z_][\w.-]*\s*=\s*\S"
)
"""An assignment ("x = 1", "a, b = f()") or a call ("print(x)": no space before the
bracket, as "Spain (Group F): 11th appearance" has), or a setting ("opt-level = 3")."""
_CODE_COMMENT = re.compile(r"^(?:#|//|/\*|\*/)(?:\s|$)")


def is_code(text: str) -> bool:
    """A copied block of code (its lines kept together) or a line of code alone."""
    return "\n" in text or is_code_line(text)


def is_code_line(line: str) -> bool:
    """A line of code as copied from a page's ``<pre>``: a statement ("s = f(x)",
    "return x", "import os"), a call, a comment ("# now connect"), a prompt ("$ ",
    ">>>"); never a sentence of prose, which ends with a full stop after words."""
    stripped = line.strip()
    if not stripped or len(stripped) > 200:
        return False
    words = word_count(stripped)
    if words >= 6 and ends_like_sentence(stripped) and not stripped.endswith(":"):
        return False
    if _CODE_COMMENT.match(stripped):
        return not stripped.startswith("##")
    if _CODE_START.match(stripped):
        return reads_as_code(stripped) or stripped.endswith(":") or words <= 4
    if _RAISED.match(stripped) or stripped in ("{", "};"):
        return True
    if stripped.endswith((";", "{")) and (words <= 3 or reads_as_code(stripped[:-1])):
        return True  # a C-like statement or the head of a block ("int ret;", "int main() {")
    return bool(_CALL_OR_ASSIGN.match(stripped)) and reads_as_code(stripped)


def places_of(keys: list[str]) -> dict[str, list[int]]:
    """Where each line's key stands in the text, in order: a line said again is a
    contents list's entry, a menu's, or a heading the contents list names."""
    places: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        places.setdefault(key, []).append(index)
    return places


def _key(line: str) -> str:
    """The line as the page says it again elsewhere: case, spacing and a list bullet
    aside (a contents list's "* Events" names the heading "Events")."""
    return " ".join(BULLET.sub("", line).casefold().split())
