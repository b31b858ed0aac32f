"""Tables of contents in copied text: the lists of a page's headings, and its title.

A contents list is a run of short lines, each of which the text has again elsewhere, in
the same order, and mostly apart: as headings over the sections' prose. A menu and its
copy in the footer name nothing: their copies head no prose.
"""

from __future__ import annotations

from readout.extract.boilerplate import word_count
from readout.extract.shapes import ends_like_sentence, headline_case

CONTENTS_ENTRIES = 3
"""A table of contents lists at least this many of the text's headings in a row."""
CONTENTS_ENTRY_WORDS = 20
"""An entry of a contents list is a heading: short..."""
CONTENTS_COPIES = 6
"""...that the text has a few times at most (contents, body, sidebar, breadcrumb)."""
HEADING_REACH = 6
"""A contents entry's copy heads prose when prose comes within this many lines."""


class ContentsLists:
    """The tables of contents among a text's lines (``keys``: each line as the page
    says it again; ``places``: where each key stands; ``repeated``: which stand twice)."""

    def __init__(
        self,
        lines: list[str],
        keys: list[str],
        places: dict[str, list[int]],
        repeated: list[bool],
    ) -> None:
        self._lines, self._keys, self._places, self._repeated = lines, keys, places, repeated
        self.headings: list[list[int]] = []
        """The headings that each contents list names, list by list."""
        self.entries = self._find_contents()
        """The lines that are entries of a contents list."""

    def contents_title(self) -> int | None:
        """The line just above a table of contents that the contents list names first:
        the page's title, which the list starts from."""
        for index in sorted(self.entries):
            if index - 1 in self.entries:
                continue
            for above in range(index - 1, max(-1, index - 4), -1):
                if self._keys[above] == self._keys[index]:
                    return above
        return None

    def first_named_heading(self, start: int, end: int) -> int | None:
        """The page's title, when the article (lines ``start`` to ``end``) follows a table
        of contents that names the article's headings: the line right over the body
        that the contents list names first or stands under ("Table of contents",
        "Asynchronous context tracking", "Introduction", ...). A menu's "contents"
        names teasers around the article, not its headings."""
        if not self.headings:
            return None
        headings = self.headings[0]
        inside = sum(start <= heading < end for heading in headings)
        if inside < CONTENTS_ENTRIES or 2 * inside <= len(headings):
            return None
        first = min(self.entries)  # its first entry, or its name ("Table of contents")
        after = first
        while after in self.entries:
            after += 1
        # The title stands over the list, or first in it (after its name, if that repeats).
        names = dict.fromkeys(self._keys[i] for i in range(max(0, first - 2), first + 2))
        for key in names:
            over = [
                i
                for i in self._places[key]
                if after <= i < start
                and not names.keys() & self._keys[i + 1 : i + 2]  # a second copy's name
                and word_count(self._lines[i]) <= CONTENTS_ENTRY_WORDS
                and self._heads_prose(i)
            ]
            if over:
                return over[-1]
        return None

    def _find_contents(self) -> set[int]:
        """The lines of the text's tables of contents.

        A contents list is a run of short lines, each of which the text has again
        elsewhere, in the same order, and mostly apart: as headings over the sections'
        prose. A menu and its copy in the footer name nothing: their copies head no
        prose. A line the text has many times is a label ("Reply"), never an entry.
        """
        entry = [
            self._repeated[i]
            and len(self._places[self._keys[i]]) <= CONTENTS_COPIES
            and "\n" not in line
            and 1 <= word_count(line) <= CONTENTS_ENTRY_WORDS
            and not line.rstrip().endswith((",", ";", ":"))
            for i, line in enumerate(self._lines)
        ]
        contents: set[int] = set()
        runs = self._runs(entry)
        # A copy in a list as long as this one or longer is an entry there, not a heading
        # (a body heading with its stamps under it makes a short "list" of its own).
        listed = {index: len(run) for run in runs for index in run}
        for run in runs:
            named, headings, apart, last = [], [], 0, -1
            keys = {self._keys[i] for i in run}
            for index in run:
                copies = [i for i in self._places[self._keys[index]] if i not in run]
                heading = next(
                    (
                        i
                        for i in copies
                        if i > last
                        and listed.get(i, 0) < len(run)
                        and self._heads_prose(i)
                        and not self._listed_on(i, keys)
                    ),
                    None,
                )
                if heading is not None:
                    apart += heading > last + 1
                    last = heading
                    headings.append(heading)
                if copies:
                    named.append(index)
            if apart >= max(CONTENTS_ENTRIES, len(run) / 2):
                contents.update(named)
                self.headings.append(headings)
        return contents

    def _listed_on(self, index: int, keys: set[str]) -> bool:
        """One of ``keys`` follows line ``index``: it is in another copy of the list, not
        over prose as a heading is (the body's first heading may follow the list)."""
        return index + 1 < len(self._keys) and self._keys[index + 1] in keys

    def _heads_prose(self, index: int) -> bool:
        """Prose follows line ``index`` within ``HEADING_REACH`` lines: under it, under
        the subheading (and its one-line answer) right under it, or under a reference
        entry's stamps ("Added in: v13.10.0", "History")."""
        return any(
            word_count(line) >= 8 and ends_like_sentence(line) and not headline_case(line)
            for line in self._lines[index + 1 : index + 1 + HEADING_REACH]
        )

    def _runs(self, entry: list[bool]) -> list[range]:
        """The runs of at least ``CONTENTS_ENTRIES`` lines that could be contents
        entries. A run ends at a second copy of one of its own lines: the body's first
        heading, right after the contents that name it."""
        runs: list[range] = []
        start, seen = 0, set[str]()
        for index, is_entry in enumerate([*entry, False]):
            if not is_entry or self._keys[index] in seen:
                if index - start >= CONTENTS_ENTRIES:
                    runs.append(range(start, index))
                start, seen = (index, set()) if is_entry else (index + 1, set())
            if is_entry:
                seen.add(self._keys[index])
        return runs
