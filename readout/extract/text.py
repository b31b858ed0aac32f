"""Find the article in plain text, such as the text copied from a web page.

Select-all-and-copy text is a page's every block, one a line: often hundreds of menu
lines ("Home", "World", "Sections"...), a window-title line ("Headline | Site" and
icon names) in our users' copies, the headline, a byline and a date, the body with
its subheadings, lists and footnotes, then teasers, contact boxes, calls to give or
subscribe and the footer. The article is the densest run of prose in it.

The method (``region.py`` scores lines): every line gets a score for how much it
reads as prose (words in sentences count for it; menu-sized lines, lines repeated
elsewhere in the page and furniture count against it). The article body is the run
of lines with the highest total, so one footnote, a short heading or a section break
inside the body never ends it, and a menu, however long, never joins it. Lines of
code copied from a ``<pre>`` are first kept together as one code block, which counts
as part of the article around it. The headline, byline and date: ``header.py``.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import textwrap
from collections import Counter
from dataclasses import dataclass

from readout.article import BlockKind
from readout.extract.boilerplate import (
    is_boilerplate,
    is_icon_line,
    is_placeholder,
    is_stamp_line,
    word_count,
)
from readout.extract.drawn_tables import drawn_table_rows, drawn_tables, is_drawn_table
from readout.extract.dropped import DropLog, DropReason
from readout.extract.header import (
    find_byline_and_date,
    find_headline,
    find_late_byline,
    is_stamp,
    standfirst_under,
    window_title,
)
from readout.extract.raw import RawBlock, collapse, fold, is_noise
from readout.extract.region import (
    LineScorer,
    best_region,
    comments_start,
    is_code,
    is_code_line,
    is_furniture,
    is_signature,
    places_of,
    reads_as_code,
    reads_on,
)
from readout.extract.shapes import LIST_ITEM, NESTED_ITEM, ends_like_sentence
from readout.extract.wrapped import (
    UnderlinedHeading,
    as_row,
    wrapped_paragraphs,
)

_EDIT_LINK = re.compile(r"(?<=\S)\s*\[\s*edit(?: source)?\s*\]$", re.I)
"""A wiki's "[ edit ]" link after each heading."""
_ANCHOR = re.compile(r"^\[[^\W\d_][\w.:-]*\]$")
"""A link to its own place on the page, alone on a line: a reference's rule name over
each paragraph ("[safety.unsafe-call]"), a wiki's "[edit]"."""
_SECTION_BREAK = re.compile(r"^[\W_]+$")
_OPTION = re.compile(r"(?:^|\s)--?[A-Za-z]")
COMMAND_WORDS = 8
"""A command line copied from a page is at most this many words."""
"""A reStructuredText directive, target or comment standing alone (".. note::")."""
_SENTENCE_END = (".", "!", "?", "…", "。", "！", "？")
_PERMALINK = re.compile(r"(?<=\w)[¶§]$")
"""A heading's permalink mark, copied with it ("Sockets¶")."""
_HASH_MARK = re.compile(r"(?<=[\w)\]'\"’>])#$")
"""A heading's "#" permalink, copied with it ("Windows vs. POSIX#", "Event: 'close'#")..."""
HASH_MARKS = 3
"""...which a page puts after this many headings or more. "C#" is a name: a word of
one letter before the mark is never taken for one."""


@dataclass(frozen=True)
class TextExtraction:
    """What the plain-text extractor found, before segmentation."""

    title: str
    blocks: list[RawBlock]
    byline: str | None
    site: str | None
    published: str | None


def extract_text(text: str, log: DropLog | None = None) -> TextExtraction:
    """Extract the article from plain or copied text; ``log`` hears what is dropped."""
    log = log or DropLog(on=False)
    split, written = split_paragraphs(text, log)
    paragraphs, first_marked = _without_permalink_marks(split, log)
    if written or _is_note(split):  # no icons or page controls in a text written as a file
        return _with_underlined_headings(_read_whole(paragraphs, log), split)
    lines = _without_controls(paragraphs, log)
    if not lines:
        return TextExtraction("", [], None, None, None)
    first = lines[0]
    window, site, lines = window_title(lines)
    if window is not None:
        log.add(first, DropReason.WINDOW_TITLE)
    scorer = LineScorer(lines)
    scores = scorer.scores()
    thread = comments_start(lines, scores)
    start, end = best_region(scores[:thread])
    if start == end:
        start, end = best_region(scores)
    end = _with_announced_list(scorer, end, thread)
    wanted = window or _marked_title(lines, first_marked, start)
    title_at = find_headline(lines, start, end, wanted, scorer)
    if title_at is not None:
        start = _start_under_headline(scorer, title_at, start, end, first_marked)
    title = lines[title_at] if title_at is not None else (window or "")
    header_from = title_at + 1 if title_at is not None else max(0, start - 12)
    byline, published, header_end = find_byline_and_date(lines, header_from, start)
    start = _opening_taken_back(scorer, max(start, header_end), header_end)
    late = find_late_byline(lines, title_at, start) if byline is None else None
    shown = frozenset(late.lines if late else ())
    if late:
        byline, published = late.byline, published or late.published
    standfirst = standfirst_under(lines, title_at, start) if title_at is not None else None
    if log.on:
        header = range(header_from, header_end)
        for i, line in enumerate(lines[:start]):
            if i == standfirst:
                continue
            if i in shown:
                log.add(line, DropReason.BYLINE)
            elif i in header and byline and fold(byline) in fold(line):
                continue  # the line that gave the byline, shown as it
            elif i in header and is_stamp(line):
                if fold(line) != fold(published or ""):
                    log.add(line, DropReason.DATE_LINE)
            elif i != title_at:
                log.add(line, DropReason.CONTENTS if scorer.is_contents(i) else DropReason.BEFORE)
    blocks = _classify(lines[start:end], scorer, start, log, shown)
    if standfirst is not None:
        blocks.insert(0, RawBlock(BlockKind.PARAGRAPH, lines[standfirst]))
    log.add_all(lines[end:thread], DropReason.AFTER)
    log.add_all(lines[max(end, thread) :], DropReason.COMMENTS)
    return TextExtraction(title=title, blocks=blocks, byline=byline, site=site, published=published)


def _read_whole(lines: list[str], log: DropLog) -> TextExtraction:
    """A text written as a file (a README, a NEWS file, a change log, a licence) is all
    article: there is no menu, site or comment thread around it to find the article
    in, and a line it says twice ("** Bug fixes" under each release) is meant each
    time. Only what is never read goes: section breaks and a list of its contents.
    The title is its opening heading, chosen with the other sources' (``_extract``)."""
    if not lines:
        return TextExtraction("", [], None, None, None)
    lines[0] = _MODE_LINE.sub("", lines[0]) or lines[0]
    title, byline, published, start = _title_page(lines, log)
    scorer = LineScorer(lines)
    outline = any(line.startswith("** ") for line in lines)
    blocks: list[RawBlock] = []
    if title and start < len(lines) and is_stamp(lines[start]):
        blocks.append(RawBlock(BlockKind.PARAGRAPH, lines[start]))  # "Version 3, 29 June 2007"
        start += 1
    for at in range(start, len(lines)):
        entry = _OUTLINE_ENTRY.match(lines[at]) if outline else None
        if entry is None:
            continue
        blocks += _classify(lines[start:at], scorer, start, log, frozenset(), whole=True)
        blocks.append(_outline_block(*entry.groups()))
        start = at + 1
    blocks += _classify(lines[start:], scorer, start, log, frozenset(), whole=True)
    return TextExtraction(title=title, blocks=blocks, byline=byline, site=None, published=published)


NOTE_LINES = 5
NOTE_WORDS = 60


def _is_note(paragraphs: list[str]) -> bool:
    """A few short lines ("Short note" over "The tide turns at six."), with no window
    title over them: a note a person wrote, all of it to read; no copied page is so
    short, its menus alone are longer."""
    return (
        bool(paragraphs)
        and window_title(paragraphs)[0] is None  # "Headline | Site": a copied page
        and len(paragraphs) <= NOTE_LINES
        and sum(word_count(p) for p in paragraphs) <= NOTE_WORDS
        and all(len(p) <= 100 and "\n" not in p for p in paragraphs)
    )


def _with_underlined_headings(found: TextExtraction, paragraphs: list[str]) -> TextExtraction:
    """A paragraph that the text underlines ("Introduction" over "===") is a heading,
    however short the text under it."""
    underlined = {str(p) for p in paragraphs if isinstance(p, UnderlinedHeading)}
    if not underlined:
        return found
    blocks = [
        RawBlock(BlockKind.HEADING, block.text, 2)
        if block.kind is BlockKind.PARAGRAPH and block.text in underlined
        else block
        for block in found.blocks
    ]
    return dataclasses.replace(found, blocks=blocks)


_MODE_LINE = re.compile(r"\s*-\*-.*?(?:-\*-|$)")
"""An editor's mode line on a text's first line ("GNU gzip NEWS  -*- outline -*-")."""
_OUTLINE_ENTRY = re.compile(r"^(\*{1,5})\s+(\S.*)$")
OUTLINE_HEADING_WORDS = 12


def _outline_block(stars: str, text: str) -> RawBlock:
    """An entry of a text in outline form (Emacs's outline or Org mode: "* Release 1.12",
    "** Bug fixes" under it): a short one heads what follows, one level for each
    star; a long one is an item of its own ("** libgnutls: Fix a timing side
    channel..." under "* Version 3.7.9")."""
    if word_count(text) <= OUTLINE_HEADING_WORDS and not ends_like_sentence(text):
        return RawBlock(BlockKind.HEADING, text, min(len(stars) + 1, 6))
    return RawBlock(BlockKind.LIST_ITEM, text)


TITLE_PAGE_WORDS = 6
"""A byline or a date line under a text's title is this short ("Edition 4, 2 March 2026")."""


def _title_page(lines: list[str], log: DropLog) -> tuple[str, str | None, str | None, int]:
    """A text's title, byline and date, when it opens with a title line and the lines
    under it are short by- and date lines, not a heading of its own ("* Release 1.12
    (2022-04-07)"); and the index of the first line after them. Else no title: it is
    chosen with the other sources' rules (``_extract``)."""
    first = lines[0]
    if len(lines) < 2 or word_count(first) > TITLE_PAGE_WORDS * 2 or ends_like_sentence(first):
        return "", None, None, 0
    byline, published, end = find_byline_and_date(lines, 1, 1)
    header = lines[1:end]
    if not header or any(
        word_count(line) > TITLE_PAGE_WORDS or LIST_ITEM.match(line) for line in header
    ):
        return "", None, None, 0
    for at, line in enumerate(header, start=1):
        if (byline and fold(byline) in fold(line)) or fold(line) == fold(published or ""):
            continue
        if is_stamp(line):  # "Version 3, 29 June 2007": the date is shown, the rest read
            return first, byline, published, at
        log.add(line, DropReason.BYLINE)
    return first, byline, published, end


def _without_controls(paragraphs: list[str], log: DropLog) -> list[str]:
    """The lines less icon runs and in-page anchors ("[safety.unsafe-call]"), and a
    wiki heading's "[edit]" link taken off it."""
    lines = []
    for line in paragraphs:
        if is_icon_line(line):
            log.add(line, DropReason.ICONS)
        elif _ANCHOR.match(line):
            log.add(line, DropReason.CONTROL)
        elif line.endswith("]") and (mark := _EDIT_LINK.search(line)):
            log.add(mark.group().strip(), DropReason.CONTROL)
            lines.append(line[: mark.start()])
        else:
            lines.append(line)
    return lines


def _start_under_headline(
    scorer: LineScorer, title_at: int, start: int, end: int, first_marked: str | None
) -> int:
    """Where the body starts, the headline being line ``title_at``: under it when it is
    inside the best run, or over it with the body's opening between them (prose or
    code), or when it is the page's own marked heading, whatever stands under it (a
    table copied a cell a line scores as a menu does); else the best run's start."""
    if start <= title_at < end:
        return title_at + 1
    if title_at < start and (
        reads_on(scorer, title_at + 1, start)
        or fold(scorer.lines[title_at]) == fold(first_marked or "")
    ):
        return title_at + 1
    return start


def _opening_taken_back(scorer: LineScorer, start: int, header_end: int) -> int:
    """The body's start, with a subheading or a lead-in ("Here's why:") that opens it,
    which scores as a label, taken back in."""
    lines = scorer.lines
    while (
        start > header_end
        and (
            _is_subheading(lines[start - 1], lines[start])
            or _leads_in(lines[start - 1])
            or scorer.is_named_by_contents(start - 1)
        )
        and not is_furniture(lines[start - 1])
        and not is_stamp(lines[start - 1])
        and not scorer.is_repeated(start - 1)
    ):
        start -= 1
    return start


ANNOUNCED_ITEMS = 60
"""At most this many lines of a list that the article's last sentence announces..."""
LIST_ITEM_WORDS = 25
"""...each shorter than this."""


def _with_announced_list(scorer: LineScorer, end: int, stop: int) -> int:
    """The article's end, taken past the list its last paragraph announces ("Some of
    these are listed below:"): a list's items are short lines, which score as a menu's,
    and no prose follows the list to carry the article over them. The list ends at a
    line the page has elsewhere too (a menu again), furniture or a long line."""
    lines = scorer.lines
    last = lines[end - 1] if end else ""
    if word_count(last) < 8 or not last.rstrip().endswith(":") or "\n" in last:
        return end
    after = end
    while after < min(stop, end + ANNOUNCED_ITEMS) and _is_list_item(scorer, after):
        after += 1
    return after if after - end >= 2 else end


def _is_list_item(scorer: LineScorer, index: int) -> bool:
    """Line ``index`` could be an item of a list inside the article."""
    line = scorer.lines[index]
    return (
        0 < word_count(line) < LIST_ITEM_WORDS
        and not scorer.is_repeated(index)
        and not scorer.is_contents(index)
        and not is_furniture(line)
        and not is_stamp(line)
    )


def _without_permalink_marks(lines: list[str], log: DropLog) -> tuple[list[str], str | None]:
    """``lines`` less the permalink mark a page puts after each heading ("Sockets¶"; a
    "#" when it puts one after ``HASH_MARKS`` or more: "Path#"), and the first heading
    so marked: the page's own heading, where its menus and sidebars have none."""
    hashed = [
        i
        for i, line in enumerate(lines)
        if line.endswith("#") and _HASH_MARK.search(line) and len(line.split()[-1]) > 2
    ]
    marked = [i for i, line in enumerate(lines) if _PERMALINK.search(line)]
    if len(hashed) >= HASH_MARKS:
        marked = sorted([*marked, *hashed])
    if not marked:
        return lines, None
    lines = list(lines)
    for i in marked:
        log.add(lines[i][-1], DropReason.PERMALINK)
        lines[i] = lines[i][:-1]
    return lines, lines[marked[0]]


MARKED_TITLE_WORDS = 20


def _marked_title(lines: list[str], first_marked: str | None, start: int) -> str | None:
    """Without a window title, the first heading with a permalink mark is the title to
    find, when it stands over the body: not a sentence, nor an entry's long signature,
    nor a section's heading inside the body (a page whose own title has no mark)."""
    if not first_marked or word_count(first_marked) > MARKED_TITLE_WORDS:
        return None
    if ends_like_sentence(first_marked):
        return None
    key = fold(first_marked)
    return first_marked if any(fold(line) == key for line in lines[: start + 1]) else None


def split_paragraphs(text: str, log: DropLog | None = None) -> tuple[list[str], bool]:
    """Paragraphs of ``text``: one a line, unless the text is hard-wrapped prose; and
    whether it was written as a file (hard-wrapped, or kept to a terminal's width),
    not copied from a page.

    Copied text puts each paragraph on one line. A hand-written .txt file (or a
    reStructuredText source) wraps lines at a fixed width and separates paragraphs
    with blank lines; there the lines of each blank-line-separated chunk are joined,
    except in an indented chunk (a literal or code block), which keeps its lines, and
    a heading's underline ("Concepts" over "========") is taken off.
    """
    text = _without_page_indent(text)
    raw_lines = text.split("\n")
    chunks = [chunk.strip("\n") for chunk in _CHUNKS.split(text) if chunk.strip()]
    if _blocks_apart(chunks):
        return _without_copy_buttons(_with_code_chunks(chunks), log), False
    if not _is_hard_wrapped(raw_lines):
        runs = _with_code_runs([line for line in raw_lines if line.strip()])
        return _without_copy_buttons(runs, log), _is_fixed_width(raw_lines)
    return wrapped_paragraphs(text, log), True


def _without_page_indent(text: str) -> str:
    """``text`` less the indentation its prose has too: a page rendered as text by a tool
    that indents what is nested ("      The node:path module provides...") would have
    every line read as code. The indentation of code beyond the prose's is kept."""
    lines = text.split("\n")
    indents = Counter(
        len(line) - len(line.lstrip(" "))
        for line in lines
        if word_count(line) >= 8 and ends_like_sentence(line)
    )
    if not indents:
        return text
    indent, count = indents.most_common(1)[0]
    if indent == 0 or count < PAGE_INDENT_SHARE * sum(indents.values()):
        return text
    return "\n".join(line[min(indent, len(line) - len(line.lstrip(" "))) :] for line in lines)


PAGE_INDENT_SHARE = 0.6
"""The prose is indented alike when this share of its lines or more share one indent."""
_CHUNKS = re.compile(r"\n[ \t]*\n")
_COPY_BUTTON = re.compile(r"(?:\s+|(?<=[;)'\"\]}]))copy(?: code| to clipboard)?$", re.I)
"""A code block's "copy" button, copied with the code's last line."""


def _without_copy_buttons(paragraphs: list[str], log: DropLog | None) -> list[str]:
    """The paragraphs, each block of code without the "copy" button the page had in it
    ("// Returns: 'quux' copy"), which a listener would hear as part of the code."""
    cleaned = []
    for paragraph in paragraphs:
        lines = paragraph.split("\n")
        for index, line in enumerate(lines):
            # A listing that blank lines split ends a block at each blank line.
            ends_block = index + 1 == len(lines) or not lines[index + 1].strip()
            button = _COPY_BUTTON.search(line) if ends_block else None
            if button and (len(lines) > 1 or is_code_line(line[: button.start()])):
                if log is not None:
                    log.add(button.group().strip(), DropReason.CONTROL)
                lines[index] = line[: button.start()].rstrip()
        cleaned.append("\n".join(lines))
    return cleaned


def _blocks_apart(chunks: list[str]) -> bool:
    """Copied text that puts a blank line between blocks, as browsers copy paragraphs:
    almost every paragraph of prose stands alone between blank lines (``chunks``), so a
    chunk of several lines is one block broken over lines (a ``<pre>``, or ``<br>``)."""
    prose = [line for chunk in chunks for line in chunk.split("\n") if _is_prose(line)]
    alone = [chunk for chunk in chunks if "\n" not in chunk and _is_prose(chunk)]
    return len(prose) >= 4 and len(alone) >= 0.8 * len(prose)


def _is_prose(line: str) -> bool:
    """A sentence or more of prose: eight words or more, ending as a sentence ends."""
    return word_count(line) >= 8 and ends_like_sentence(line)


def _with_code_chunks(chunks: list[str]) -> list[str]:
    """The blocks of a blank-line-apart copy: a chunk of several lines that reads as
    code is one code block (and the chunks of one listing that its own blank lines
    split are one again); every other line is a paragraph of its own."""
    paragraphs: list[str] = []
    code: list[str] = []

    def end_code() -> None:
        if code:
            paragraphs.append(textwrap.dedent("\n".join(code)).strip("\n"))
            code.clear()

    for chunk in chunks:
        lines = [line.expandtabs(4).rstrip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if _is_code_chunk(lines, follows_code=bool(code)):
            code.extend(["", *lines] if code else lines)
            continue
        end_code()
        if is_drawn_table(lines):
            paragraphs.extend(drawn_table_rows(lines))
            continue
        paragraphs.extend(p for line in lines if (p := as_row(line)))
    end_code()
    return paragraphs


def _is_code_chunk(lines: list[str], *, follows_code: bool) -> bool:
    """Several lines, most of them code or indented; or, right after a code chunk (a
    blank line inside a listing), a line of code alone."""
    coded = sum(1 for line in lines if is_code_line(line) or _indented_code(line))
    if len(lines) >= 2:
        if coded * 2 >= len(lines):
            return True
        # A program's output: a command and what it printed, or log records.
        prose = any(_is_prose(line) for line in lines)
        logged = sum(1 for line in lines if _LOG_RECORD.search(line))
        return not prose and (is_code_line(lines[0]) or logged * 2 >= len(lines))
    return follows_code and coded == 1


_LOG_RECORD = re.compile(
    r"^(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL)\b[:\s]|\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b"
)
"""A log record: "INFO:root:Started", "2026-03-19 15:10:26,618 - app - DEBUG - ..."."""


def _with_code_runs(lines: list[str]) -> list[str]:
    """One paragraph a line, but a run of two or more lines of code (a copied ``<pre>``:
    "s = socket.socket(...)", "while True:", an indented body) is one paragraph, its
    lines and their indentation kept, which is read as a code block."""
    paragraphs: list[str] = []
    run: list[str] = []
    entries = _EntryNames(lines)
    tables = drawn_tables(lines)
    table_end = 0

    def end_run(end: int) -> None:
        if len(run) >= 2 and not entries.names_all(end - len(run), end):
            paragraphs.append(textwrap.dedent("\n".join(line.rstrip() for line in run)))
        else:
            paragraphs.extend(collapse(line) for line in run)
        run.clear()

    for index, line in enumerate(lines):
        if index < table_end:
            continue
        if index in tables:
            end_run(index)
            table_end, rows = tables[index]
            paragraphs.extend(rows)
            continue
        if (
            is_code_line(line)
            or _PRODUCTION.match(line)
            or (run and (_continues_code(line) or _continues_grammar(run, line)))
        ):
            run.append(line.expandtabs(4))
            continue
        end_run(index)
        paragraphs.append(as_row(line))
    end_run(len(lines))
    return [paragraph for paragraph in paragraphs if paragraph]


_PRODUCTION = re.compile(r"^[A-Za-z_]\w* →(?: |$)")
"""A grammar's rule ("TypeNoBounds →", "Pattern → |? PatternNoTopAlt"): with the lines of
its alternatives ("| TupleType"), a listing (a lone "Next →" stays a line)."""


def _continues_grammar(run: list[str], line: str) -> bool:
    """Inside a grammar's rules: a symbol alone ("RingPool", the first alternative) or
    an alternative ("| TidePool")."""
    return any(_PRODUCTION.match(ruled) for ruled in run) and bool(_ALTERNATIVE.match(line))


_ALTERNATIVE = re.compile(r"^\s*(?:\|\s*)?[A-Za-z_]\w*\s*$|^\s*\|\s")


class _EntryNames:
    """Where each line stands again in a copy: a run of entry names in a contents list
    ("asyncLocalStorage.disable()", "http.get(url[, options])") has the shape of code,
    but each name heads its entry further on."""

    def __init__(self, lines: list[str]) -> None:
        self._keys = [_entry_key(line) for line in lines]
        self._places = places_of(self._keys)

    def names_all(self, start: int, end: int) -> bool:
        """Every line from ``start`` to ``end`` is an entry's name or a heading, and is said again
        elsewhere, not only in copies of the whole run (a page's second table of
        contents). A listing's lines are statements ("x = f();"), said again in other
        examples; a listing shown twice is code both times."""
        run = self._keys[start:end]
        if not all(_ENTRY_NAME.match(key) or not is_code_line(key) for key in run):
            return False  # (a heading that a "/" drew into the run: "Usage with async/await")
        copies = {
            place + offset
            for place in self._places[run[0]]
            if self._keys[place : place + len(run)] == run
            for offset in range(len(run))
        }
        return all(any(place not in copies for place in self._places[key]) for key in run)


_ENTRY_NAME = re.compile(r"^(?:new )?[\w$.]+(?:\[[\w$.]+\])?(?:\([^;={}'\"]*\))?$")
"""An API entry's name, with its parameters: "new Console(stdout[, stderr])",
"path.join([...paths])", "server[Symbol.asyncDispose]()"; no statement's marks."""


def _entry_key(line: str) -> str:
    """A line as a heading names it: case, spacing and a permalink mark ("#", "¶") aside."""
    return " ".join(line.casefold().split()).rstrip("#¶ ")


_CODE_CLOSERS = frozenset({"}", "{", ")", "]", "};", "});", "end", "...", '"""', "'''"})


def _continues_code(line: str) -> bool:
    """Inside a run of code: an indented line, a closing bracket, or a few words with
    no sentence in them and the marks of code ("else:", "x += 1")."""
    stripped = line.strip()
    return (
        _indented_code(line)
        or stripped in _CODE_CLOSERS
        or (
            word_count(stripped) <= 3
            and not ends_like_sentence(stripped)
            and reads_as_code(stripped.rstrip("#"))  # a heading's permalink mark is no code
        )
    )


def _indented_code(line: str) -> bool:
    """An indented line, as code is, but not an item of a nested list as a page rendered
    as text has it ("    + path.format(pathObject)", "  o Windows vs. POSIX")."""
    if line[:1] not in " \t":
        return False
    item = NESTED_ITEM.match(line)
    if item is None:
        return True
    said = item.group(1)
    return is_code_line(said) and not _ENTRY_NAME.match(_entry_key(said))  # " * @param x"


HARD_WRAP_SENTENCE_ENDS = 0.6
"""Hard-wrapped prose ends a line where the width runs out, mostly mid-sentence; a text
with a paragraph a line ends more than this share of its long lines with a sentence."""


def _is_hard_wrapped(lines: list[str]) -> bool:
    long_lines = [len(line.rstrip()) for line in lines if len(line.strip()) > 40]
    if len(long_lines) < 4:
        return _wraps_mid_sentence(lines)
    if sum(length > 100 for length in long_lines) > len(long_lines) / 10:
        return False  # a copied page: paragraphs are lines (a few long code lines are not)
    ends = sum(ends_like_sentence(line) for line in lines if len(line.strip()) > 40)
    if ends > HARD_WRAP_SENTENCE_ENDS * len(long_lines):
        return False  # short paragraphs, one a line: a page's descriptions, a list's items
    followed_by_text = sum(
        1
        for this, following in itertools.pairwise(lines)
        if len(this.strip()) > 40 and following.strip()
    )
    return followed_by_text >= len(long_lines) / 2


def _wraps_mid_sentence(lines: list[str]) -> bool:
    """A short text wrapped at a margin: no line past 80 columns, and a line of prose
    width that stops mid-sentence goes on in lower case under it ("...a collection of"
    over "utilities that..."), as no copied paragraph does."""
    if any(len(line.rstrip()) > 80 for line in lines):
        return False
    return any(
        len(this.strip()) > 40 and not ends_like_sentence(this) and following.strip()[:1].islower()
        for this, following in itertools.pairwise(lines)
    )


FIXED_WIDTH_LINES = 30
"""A text with this many lines of prose width or more..."""
FIXED_WIDTH_OVER = 0.01
"""...of which at most this share run past a hundred columns, was written to a width."""


def _is_fixed_width(lines: list[str]) -> bool:
    """Lines kept to a terminal's width, as a change log or a NEWS file is written,
    though its short entries do not read as wrapped prose. Copied from a page, every
    paragraph is one line, and the long ones run well past a hundred columns."""
    long_lines = [len(line.rstrip()) for line in lines if len(line.strip()) > 40]
    over = sum(length > 100 for length in long_lines)
    return len(long_lines) >= FIXED_WIDTH_LINES and over <= FIXED_WIDTH_OVER * len(long_lines)


def _classify(
    body: list[str],
    scorer: LineScorer,
    offset: int,
    log: DropLog,
    shown: frozenset[int],
    *,
    whole: bool = False,
) -> list[RawBlock]:
    """The body's blocks, less what is not read; ``shown`` are the byline's lines;
    ``whole``: the text is all article (``_read_whole``)."""
    blocks = []
    for block in _blocks_of(body, scorer, offset, log, shown, whole):
        if is_noise(block):
            log.add(block.text, DropReason.NOTHING_TO_READ)
        else:
            blocks.append(block)
    return blocks


def _blocks_of(
    body: list[str],
    scorer: LineScorer,
    offset: int,
    log: DropLog,
    shown: frozenset[int],
    whole: bool,
) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    for index, line in enumerate(body):
        previous = body[index - 1] if index else ""
        following = body[index + 1] if index + 1 < len(body) else ""
        if whole:
            reason = _never_read(line, scorer, offset + index)
        elif offset + index in shown:
            reason = DropReason.BYLINE
        else:
            reason = _left_out(
                line, following, scorer, offset + index, (offset, offset + len(body))
            )
        if reason is not None:
            log.add(line, reason)
        else:
            blocks.append(
                _block(line, previous, following, scorer.is_named_by_contents(offset + index))
            )
    return blocks


def _left_out(
    line: str, following: str, scorer: LineScorer, at: int, body: tuple[int, int]
) -> DropReason | None:
    """Why line ``at`` of the article's run is not read, if it is not."""
    if _SECTION_BREAK.match(line):
        return DropReason.SECTION_BREAK
    if is_placeholder(line) or is_boilerplate(line) or is_stamp_line(line):
        return DropReason.FURNITURE
    if scorer.is_contents(at):
        return DropReason.CONTENTS
    if scorer.is_chart(at):
        return DropReason.CHART
    if (
        scorer.is_repeated(at)
        and not _meant_again(line, following)
        and not (_is_subheading(line, following) and scorer.repeated_only_outside(at, *body))
    ):
        return DropReason.REPEATED
    return None


def _never_read(line: str, scorer: LineScorer, at: int) -> DropReason | None:
    """Why a line of a text that is all article is not read: a section break, or the
    list of its contents that opens it."""
    if _SECTION_BREAK.match(line):
        return DropReason.SECTION_BREAK
    return DropReason.CONTENTS if scorer.is_opening_contents(at) else None


def _meant_again(line: str, following: str) -> bool:
    """A line the page says more than once and means each time, as no menu or share bar
    does: code, a line of more than a few words, a short sentence ("New in version
    3.2.", "Yes."), an entry's parameter ("path <string>", under each entry that takes
    a path), the lead-in to an example ("On Windows:", over each entry's own)."""
    return (
        "\n" in line
        or word_count(line) > 6
        or (line.endswith(".") and line[:1].isupper())
        or is_signature(line)
        or (line.endswith(":") and is_code(following))
    )


def _block(line: str, previous: str, following: str, named: bool) -> RawBlock:
    """The block a line of the article is: code, a list item, a heading or a paragraph."""
    if "\n" in line:  # a chunk of code, or of hard-wrapped text kept line by line
        return RawBlock(BlockKind.CODE, line)
    if _is_command(line) or (previous.rstrip().endswith(":") and is_code_line(line)):
        return RawBlock(BlockKind.CODE, line)  # "Use this command line:" and the command
    item = LIST_ITEM.match(line)
    if item and _is_footnote(line, previous, following):
        return RawBlock(BlockKind.PARAGRAPH, line)
    if item and not _SECTION_BREAK.match(item.group(1)):
        if _is_numbered_heading(line, previous, following):
            return RawBlock(BlockKind.HEADING, line, 2)  # "1. Introduction" over its prose
        # A bullet is a mark; a number is part of what the item says ("2. Press").
        numbered = line[:1].isdigit()
        return RawBlock(BlockKind.LIST_ITEM, line if numbered else item.group(1))
    if named or _is_subheading(line, following):
        return RawBlock(BlockKind.HEADING, line, 2)
    return RawBlock(BlockKind.PARAGRAPH, line)


def _is_footnote(line: str, previous: str, following: str) -> bool:
    """ "* The timetable may change at weekends.": a line starred on its own among
    paragraphs, not an item of a list, is the note an asterisk in the text points to."""
    return (
        line.startswith("* ")
        and ends_like_sentence(line)
        and not LIST_ITEM.match(previous)
        and not LIST_ITEM.match(following)
    )


def _is_command(line: str) -> bool:
    """A command line copied from a page: in lower case, a few words, with an option
    ("valgrind --leak-check=yes prog", "xslt-config --libs"), not a sentence."""
    return (
        line[:1].islower()
        and word_count(line) <= COMMAND_WORDS
        and _OPTION.search(line) is not None
        and not ends_like_sentence(line)
    )


def _is_numbered_heading(line: str, previous: str, following: str) -> bool:
    """ "3. Running your program" over prose, not among other numbered lines: a
    section's number and name, not an item of a list; a licence's "1. Source Code."
    over its long first paragraph too."""
    named = line.rstrip().endswith(".") and word_count(line) <= 8 and word_count(following) >= 12
    return (
        word_count(line) <= 12
        and (named or not line.rstrip().endswith((*_SENTENCE_END, ",", ";")))
        and word_count(following) >= 5
        and not (LIST_ITEM.match(previous) or LIST_ITEM.match(following))
    )


def _is_subheading(line: str, following: str) -> bool:
    """A short line that is not a sentence, followed by prose. A line ending in a
    colon leads into what follows ("Here's an analogy:"): a paragraph, kept as written.
    A line in lower case or shaped as code is a command ("espeak-ng hello",
    "xslt-config --libs"), never a heading."""
    words = word_count(line)
    return (
        1 <= words <= 12
        and not line.rstrip().endswith((*_SENTENCE_END, ",", ";", ":"))
        and word_count(following) >= 12
        and not line[:1].islower()
        and not is_code_line(line)
        and not is_signature(line)  # "Returns: <boolean>" over what the entry does
    )


def _leads_in(line: str) -> bool:
    """A sentence of a few words that ends in a colon and hands over to the body."""
    return 3 <= word_count(line) <= 14 and line.rstrip().endswith(":")
