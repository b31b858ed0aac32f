"""Scraped-text fixtures: the headline found, every body paragraph kept, no furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from readout.article import BlockKind
from readout.extract import extract, extract_with_dropped
from readout.extract.dropped import DropReason
from readout.sources import MediaType, Source
from tests.conftest import ASSETS, FIXTURES

CASES = [
    (ASSETS / "sample-article.txt", FIXTURES / "sample-article.expected.txt"),
    (FIXTURES / "scraped-harbour.txt", FIXTURES / "scraped-harbour.expected.txt"),
    (FIXTURES / "scraped-garden.txt", FIXTURES / "scraped-garden.expected.txt"),
    (FIXTURES / "scraped-clinic.txt", FIXTURES / "scraped-clinic.expected.txt"),
]


def _extract(path: Path):  # type: ignore[no-untyped-def]
    return extract(Source(path.read_text("utf-8"), MediaType.TEXT, str(path)))


@pytest.mark.parametrize(("fixture", "expected"), CASES, ids=lambda p: p.stem)
def test_scraped_text_keeps_exactly_the_article(fixture: Path, expected: Path) -> None:
    title, *paragraphs = expected.read_text("utf-8").splitlines()
    article = _extract(fixture)
    assert article.title == title
    assert [block.text for block in article.blocks] == paragraphs


@pytest.mark.parametrize(("fixture", "expected"), CASES, ids=lambda p: p.stem)
def test_no_boilerplate_line_survives(fixture: Path, expected: Path) -> None:
    """Every fixture line that is not title, byline, date or body is furniture."""
    keep = set(expected.read_text("utf-8").splitlines())
    article = _extract(fixture)
    text = "\n".join(b.text for b in article.blocks)
    furniture = [
        line
        for line in fixture.read_text("utf-8").splitlines()[1:]
        if line.strip() and line not in keep and not line.startswith(("By ", "Published "))
    ]
    assert furniture, "the fixture should contain boilerplate to strip"
    for line in furniture:
        assert line not in text.splitlines(), line


def test_site_byline_and_date_are_read_from_the_header() -> None:
    article = _extract(FIXTURES / "scraped-garden.txt")
    assert article.site == "Eastfield News"
    assert article.byline == "Lena Marsh and Omar Haddad"
    assert article.published == "4 June 2025"


def test_subheading_becomes_a_heading_block() -> None:
    article = _extract(ASSETS / "sample-article.txt")
    headings = [b.text for b in article.blocks if b.kind.value == "heading"]
    assert headings == ["What the room will offer"]


def test_hard_wrapped_plain_text_is_joined_into_paragraphs() -> None:
    text = (
        "A plain text title\n\n"
        "This is the first paragraph of a plain text file, wrapped by hand at a\n"
        "fixed width the way e-mail and old text files are, so that every line\n"
        "ends before the sentence does and must be joined back together again.\n\n"
        "The second paragraph is also wrapped by hand at roughly the same width\n"
        "so that the detector sees a consistent pattern of long lines in chunks.\n"
    )
    article = extract(Source(text, MediaType.TEXT, "wrapped.txt"))
    assert article.title == "A plain text title"
    assert len(article.blocks) == 2
    assert article.blocks[0].text.startswith("This is the first paragraph")
    assert article.blocks[0].text.endswith("joined back together again.")


def test_a_copy_with_a_short_paragraph_a_line_and_no_blank_lines_is_not_hard_wrapped() -> None:
    """A reference's index copied with one line a block and no blank line between
    them ("run()" over "Create event loop, run a coroutine, close the loop."): most of its
    long lines end a sentence, as wrapped prose's do not, so each stays its own block."""
    entries = [
        ("fill()", "Pour bytes into the pool until it holds as many as it can."),
        ("drain()", "Take the oldest bytes out of the pool and hand them on in turn."),
        ("Pool", "A pool of bytes, with the newest kept and the oldest let go."),
        ("level()", "Say how many bytes the pool holds at the moment it is asked."),
        ("close()", "Let the pool go, with every byte still in it handed on first."),
    ]
    lines = ["Pool API Index", "This page lists every call the pool library offers today."]
    lines += [line for name, description in entries for line in (name, description)]
    article = extract(Source("\n".join(lines) + "\n", MediaType.TEXT, "index.txt"))
    texts = [b.text for b in article.blocks]
    assert article.title == "Pool API Index"
    assert "Take the oldest bytes out of the pool and hand them on in turn." in texts, texts
    assert len(texts) >= 2 * len(entries), texts


def _wrapped_manual(code_line_length: int) -> str:
    """A hand-written manual page in reStructuredText, wrapped at 72 columns, with a
    literal block whose one line is ``code_line_length`` long."""
    prose = (
        "The harbour office keeps a log of every vessel that enters the inner basin,\n"
        "with its name, its length and the hour it tied up at the quay. Clerks write\n"
        "the log by hand and copy it each evening into the office's own ledger.\n"
    )
    long_call = "ledger.record(" + ", ".join(["vessel"] * 40) + ")"
    return (
        ".. _harbour-log:\n\n"
        "===========\nHarbour Log\n===========\n\n"
        ":Author: Ada Whitcombe\n\n" + prose + "\n"
        "Keeping the ledger\n------------------\n\n"
        + prose.replace("harbour office", "night clerk")
        + "\n"
        "A day's entries are added with a short script::\n\n"
        "    for vessel in log.today():\n"
        "        ledger.record(vessel.name, vessel.length)\n"
        f"    {long_call[:code_line_length]}\n\n"
        ".. note::\n\n"
        "   The ledger is read by the harbour master each morning, and any vessel\n"
        "   missing from it is looked for along the outer wall before nine o'clock.\n\n"
        + prose.replace("inner basin", "outer basin")
    )


@pytest.mark.parametrize("code_line_length", [40, 160])
def test_a_wrapped_manual_keeps_its_code_headings_title_and_author(code_line_length: int) -> None:
    """A literal block keeps its lines (a code line over 100 columns once made the whole
    file read as copied text: six lines of 1,743 came out), heading rules and markup
    lines go, and a two-word title over an author line is the title."""
    article = extract(Source(_wrapped_manual(code_line_length), MediaType.TEXT, "log.rst.txt"))
    assert article.title == "Harbour Log"
    assert article.byline == "Ada Whitcombe"
    kinds = [block.kind for block in article.blocks]
    assert kinds.count(BlockKind.CODE) == 1
    code = next(block for block in article.blocks if block.kind is BlockKind.CODE)
    assert code.text.split("\n")[:2] == [
        "for vessel in log.today():",
        "    ledger.record(vessel.name, vessel.length)",
    ]
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["Keeping the ledger"]
    texts = [block.text for block in article.blocks]
    assert "A day's entries are added with a short script:" in texts
    assert any(t.startswith("The ledger is read by the harbour master") for t in texts)
    assert not any(".." in t or "===" in t or "---" in t for t in texts)
    assert len([t for t in texts if t.startswith("The ")]) >= 3  # every prose chunk kept


def test_word_count_counts_unspaced_scripts_by_characters() -> None:
    from readout.extract.boilerplate import word_count

    assert word_count("Five plain words are here") == 5
    assert word_count("“Curly quotes” don’t change a count…") == 6
    assert word_count("日本語の記事です") == 1 + 8 // 2  # one run, eight characters
    assert word_count("港の工事 harbour works") == 3 + 4 // 2


def _copied_page() -> str:
    """A copied page in the shape users paste: window title, a long menu, the article
    (ten sections, a footnote after the first, section breaks), then the footer."""
    menu = [f"Section {name}" for name in ("World", "Economy", "Sport", "Culture")] * 60
    menu += ["Home", "Sections", "Economy", "More", "Subscribe Sign In"] * 20
    body: list[str] = []
    for number in range(1, 11):
        body.append(f"Part {number} of the walk")
        body += [
            f"The path in part {number} climbs past the old mill and the reservoir, where "
            "walkers stop to count the herons that nest in the alders every spring.",
            f"Volunteers have mapped section {number} twice this year, and the council "
            "says the new signs will be in place before the school holidays begin.",
        ]
        if number == 1:
            body.append("*A pseudonym.")
        if number < 10:
            body.append("* * *")
    footer = ["Related stories:", "Bus route extended", "Share", "Contact us", "© 2026 Vale Post"]
    return "\n".join(
        [
            "The long walk round the valley | Vale Post speaker-up speaker-down play pause",
            *menu,
            "The long walk round the valley",
            "By Sam Ortiz",
            *body,
            *footer,
        ]
    )


def test_copied_text_finds_the_article_after_hundreds_of_menu_lines() -> None:
    article = extract(Source(_copied_page(), MediaType.TEXT, "-"))
    assert article.title == "The long walk round the valley"
    assert article.site == "Vale Post"
    assert article.byline == "Sam Ortiz"
    texts = [b.text for b in article.blocks]
    assert texts[0] == "Part 1 of the walk"
    assert not any(t.startswith(("Section ", "Subscribe")) for t in texts)


def test_a_footnote_or_a_section_break_never_ends_the_article() -> None:
    article = extract(Source(_copied_page(), MediaType.TEXT, "-"))
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings == [f"Part {n} of the walk" for n in range(1, 11)]
    texts = [b.text for b in article.blocks]
    assert "*A pseudonym." in texts
    assert texts[-1].startswith("Volunteers have mapped section 10")
    assert not any(b.kind is BlockKind.LIST_ITEM for b in article.blocks)
    assert not any(set(t) <= {"*", " "} for t in texts)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Lena Marsh, Omar Haddad T22:05:36Z Science", "Lena Marsh, Omar Haddad"),
        ("Sam Ortiz on Monday, November 18th, 2019 at", "Sam Ortiz"),
        ("Mira Sol | Special to the Valley Courier", "Mira Sol"),
        ("Eastfield News Weekly 0 Comments", "Eastfield News Weekly"),
        ("Tom Okafor @tom_okafor February 1, 2016: 12:41 PM ET", "Tom Okafor"),
        ("Lena Marsh and Omar Haddad", "Lena Marsh and Omar Haddad"),
        ("Ada Whitcombe (https://example.org/ada/)", "Ada Whitcombe"),
        ("Ada Whitcombe <ada at example dot org>", "Ada Whitcombe"),
        ("Tom Okafor March 18 at 12:22 PM Follow", "Tom Okafor"),  # a date without its year
        ("Mira Sol Mira Sol", "Mira Sol"),  # a photo's alt text, then the name
    ],
)
def test_a_byline_keeps_the_names_not_the_stamp_after_them(line: str, names: str) -> None:
    from readout.extract.bylines import clean_byline

    assert clean_byline(line) == names


def test_navigation_next_to_a_date_is_not_a_byline() -> None:
    text = "\n".join(
        [
            "Home",
            "Previous Post",
            "12 March 2025",
            "Quiet streets return to the old town",
            "The council closed the old town to cars on Sunday, and for the first time in years "
            "the square was full of people walking, talking and sitting in the sun.",
            "Shopkeepers said trade was up, though some worried about deliveries in the morning.",
        ]
    )
    article = extract(Source(text, MediaType.TEXT, "-"))
    assert article.byline is None


def test_a_lone_count_between_the_headline_and_the_body_is_not_read_out() -> None:
    """ "0" (a comment count) is noise in copied text, as in HTML: nothing to read."""
    text = "\n".join(
        [
            "Quiet streets return to the old town",
            "0",
            "The council closed the old town to cars on Sunday, and for the first time in years "
            "the square was full of people walking, talking and sitting in the sun.",
            "Shopkeepers said trade was up, though some worried about deliveries in the morning.",
        ]
    )
    article = extract(Source(text, MediaType.TEXT, "-"))
    assert "0" not in [b.text for b in article.blocks]


_BODY = [
    "The ferry to the north islands will run twice a day from May, the harbour board said "
    "on Tuesday, after a winter in which the only boat sailed three times a week.",
    "Islanders have asked for a second crossing for years, saying the single boat left "
    "them stranded whenever the weather turned or the engine needed repairs.",
    "The board will lease a smaller ferry from the south coast for the summer and decide "
    "in October whether to buy a second boat of its own for the winter crossings.",
]
_TEASERS = [
    "More stories",
    "Council votes to repair the sea wall before the autumn storms",
    "By Ada Brennan",
    "School choir wins the regional prize for the third year running",
    "By Tom Okafor",
]


def _copied(*header: str, between: tuple[str, ...] = ()) -> str:
    """A copied page with no window-title line: menus, the header, teasers, the body."""
    menu = ["Home", "News", "Sport", "Weather", "Sign in", "Share on Facebook", "Share by email"]
    return "\n".join([*menu, *header, *between, *_BODY, "Subscribe to our newsletter"])


def test_a_byline_under_the_standfirst_and_photo_is_the_byline_not_body() -> None:
    text = _copied(
        "Twice a Day to the Isles",
        "Islanders win the second crossing they have asked for since the single boat began "
        "its winter timetable, and the board looks at a third",
        "Image",
        "The morning ferry leaves the harbour in the last week of February.",
        "By Mira Sol",
        "Sept. 25, 2025",
    )
    article = extract(Source(text, MediaType.TEXT, "-"))
    assert article.title == "Twice a Day to the Isles"
    assert article.byline == "Mira Sol"
    assert article.published == "Sept. 25, 2025"
    texts = [block.text for block in article.blocks]
    assert "By Mira Sol" not in texts and "Sept. 25, 2025" not in texts
    assert texts[-len(_BODY) :] == _BODY


_STANDFIRST = (
    "Islanders win the second crossing they asked for since the single boat began its winter"
)


def test_a_headline_over_its_longer_standfirst_is_the_title_and_the_standfirst_is_read() -> None:
    """No window title says which it is: the standfirst speaks of the body more fully
    than the headline over it, but a headline stands over its standfirst, never under."""
    text = _copied(
        "Ferry to run twice a day to the isles", _STANDFIRST, "By Mira Sol", "2 April 2025"
    )
    article = extract(Source(text, MediaType.TEXT, "-"))
    assert article.title == "Ferry to run twice a day to the isles"
    assert article.byline == "Mira Sol"
    assert [block.text for block in article.blocks] == [_STANDFIRST, *_BODY]


def test_a_short_label_over_the_headline_is_not_taken_for_the_headline() -> None:
    """A section's name or a kicker over the headline is short: the headline is the line
    under it, over the byline."""
    text = _copied("Ferries and harbours", _STANDFIRST, "By Mira Sol", "2 April 2025")
    article = extract(Source(text, MediaType.TEXT, "-"))
    assert article.title == _STANDFIRST
    assert [block.text for block in article.blocks] == _BODY


def test_prose_that_begins_with_by_is_never_a_byline() -> None:
    """ "By Easter the queues had gone." is a line of the body: it names no one."""
    text = _copied("Twice a Day to the Isles")
    body = [_BODY[0], "By Easter the queues had gone.", *_BODY[1:]]
    article = extract(Source(text.replace(_BODY[0], "\n".join(body[:2])), MediaType.TEXT, "-"))
    assert article.byline is None
    assert [block.text for block in article.blocks] == body


@pytest.mark.parametrize(
    ("header", "between"),
    [
        # the headline sharing only short words with the body, under share buttons
        (("Twice a Day to the Isles", "Share by email"), ()),
        # a standfirst under the byline, without a full stop, right over the body
        (
            (
                "Twice a Day to the Isles",
                "By Mira Sol",
                "2 April 2025",
                "Islanders win the second crossing they have asked for since the single boat",
            ),
            (),
        ),
        # teasers for other articles, each over its own byline, between headline and body
        (("Twice a Day to the Isles", "2 April 2025"), tuple(_TEASERS)),
        # the headline far above the body, past a long fact box
        (("Twice a Day to the Isles",), tuple(f"Sailing {n}: 07:{n:02d}" for n in range(40))),
    ],
    ids=["share-buttons", "standfirst", "teasers", "far-above"],
)
def test_the_headline_of_copied_text_is_the_line_that_speaks_of_the_body(
    header: tuple[str, ...], between: tuple[str, ...]
) -> None:
    """Without a window title, the headline is found by what it shares with the body
    (ferry, islands, crossing), not by where it stands or how long it is."""
    text = _copied(*header, between=between).replace("north islands", "north isles")
    article = extract(Source(text, MediaType.TEXT, "-"))
    assert article.title == "Twice a Day to the Isles"
    assert article.blocks[0].text.startswith(("The ferry", "Islanders win"))


def test_a_name_over_a_date_is_the_author_and_a_tag_list_is_no_headline() -> None:
    text = _copied(
        "Ferry to the Isles Runs Twice a Day From May",
        "Mira Sol",
        "4/2/25 10:00AM",
        "ferry islands harbour crossing boats",
    )
    article = extract(Source(text, MediaType.TEXT, "-"))
    assert article.title == "Ferry to the Isles Runs Twice a Day From May"
    assert article.byline == "Mira Sol"


def test_a_headline_cut_short_over_its_byline_is_still_the_headline() -> None:
    text = _copied(
        "On the water this week",
        "Ferry: «twice a day», «two boats», «the isles»…",
        "By Mira Sol — 2 April 2025",
    ).replace("north islands", "north isles")
    article = extract(Source(text, MediaType.TEXT, "-"))
    assert article.title == "Ferry: «twice a day», «two boats», «the isles»…"


def _copied_docs_page() -> str:
    """A documentation page as a browser copies it: the window title, a table of
    contents, navigation, the page with headings (and their permalink marks), a field
    list, code from its <pre>s line by line, then the contents again in a sidebar."""
    toc = ["Contents", "Opening a channel", "Sending", "Closing"]
    prose = (
        "The channel keeps every message in order, and a reader that falls behind is "
        "told how many it missed, so nothing is lost without a word."
    )
    return "\n".join(
        [
            "Channels HOWTO — Beacon 4.2 documentation",
            *toc,
            "Navigation",
            "next |",
            "Channels HOWTO¶",
            "Author:",
            "Ada Whitcombe",
            f"Opening a channel is the first thing a program does. {prose}",
            "Opening a channel¶",
            f"A channel is opened by name, and the name is its address. {prose}",
            "# open the channel and say hello",
            "ch = beacon.open('harbour')",
            "ch.send(b'hello')",
            f"The call returns at once; the message may still be on its way. {prose}",
            "Sending¶",
            f"A loop that sends is as simple as a loop that reads. {prose}",
            "while True:",
            "    # wait for the next line",
            "    line = source.readline()",
            "    if not line:",
            "        break",
            "    ch.send(line)",
            f"When the source is empty the loop ends and the channel stays open. {prose}",
            "Closing¶",
            f"Closing a channel tells every reader that nothing more will come. {prose}",
            *toc,
            "© Copyright 2026, the Beacon authors.",
        ]
    )


def test_copied_docs_keep_their_code_headings_and_author() -> None:
    article = extract(Source(_copied_docs_page(), MediaType.TEXT, "-"))
    assert article.title == "Channels HOWTO"
    assert article.byline == "Ada Whitcombe"
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["Opening a channel", "Sending", "Closing"]  # named by the contents too
    codes = [b.text for b in article.blocks if b.kind is BlockKind.CODE]
    assert codes == [
        "# open the channel and say hello\nch = beacon.open('harbour')\nch.send(b'hello')",
        "while True:\n    # wait for the next line\n    line = source.readline()\n"
        "    if not line:\n        break\n    ch.send(line)",
    ]
    assert article.blocks[-1].text.startswith("Closing a channel tells every reader")
    assert not any("¶" in b.text for b in article.blocks)


@pytest.mark.parametrize(
    "line",
    [
        "The result (a list) is sorted: see the notes below for the order it uses.",
        "Phone: 01632 960 555",
        "Home | News | Sport",
        "Price: £5 (members £3)",
        "If x = 2, the loop runs twice, as the example above shows for every value.",
        "The cost, they said, is high;",
        "asyncio — Asynchronous I/O",  # words that begin as a keyword does: "async"
        "users of the pool",
        "important notes",
        "Returns: <Iterator>",
    ],
)
def test_prose_and_furniture_are_never_taken_for_code(line: str) -> None:
    from readout.extract.region import is_code_line

    assert not is_code_line(line)


def _blank_apart(*blocks: str) -> str:
    """A copy that puts a blank line between blocks, as browsers copy paragraphs."""
    return "\n\n".join(blocks)


def test_a_copied_interactive_session_is_one_code_block_with_the_article_around_it() -> None:
    prose = "The harbour's timetable module reads the sailings and answers questions about them."
    session = (
        ">>> while True:\n...     try:\n...         n = int(input('Sailing: '))\n"
        "...         break\n...     except ValueError:\n...         print('Not a sailing.')\n..."
    )
    traceback = (
        ">>> timetable.next(99)\nTraceback (most recent call last):\n"
        '  File "<stdin>", line 1, in <module>\nKeyError: 99'
    )
    listing = "class Sailing:\n    pass\n\nclass NightSailing(Sailing):\n    pass"
    text = _blank_apart(
        "Home", "Docs", "Docs » Guides » Timetables",
        "Using the Timetables", f"{prose} It keeps every sailing in order, and nothing is lost.",
        f"Asking for a sailing by number looks like this. {prose}", session,
        f"A sailing that does not exist raises an error that says which. {prose}", traceback,
        f"Night sailings are sailings too. {prose}", listing,
        f"That is all the module needs to know. {prose}", "Copyright 2026",
    )  # fmt: skip
    article = extract(Source(text, MediaType.TEXT, "-"))
    assert article.title == "Using the Timetables"
    codes = [b.text for b in article.blocks if b.kind is BlockKind.CODE]
    assert codes == [session, traceback, listing]  # the listing's own blank line kept
    assert article.blocks[-1].text.startswith("That is all the module needs")
    assert not any(b.kind is BlockKind.HEADING for b in article.blocks)


def test_a_numbered_contents_entry_is_not_the_headline() -> None:
    contents = [f"{n}.{m}. Harbour topic {n} part {m}" for n in range(1, 4) for m in range(1, 4)]
    body = [
        f"The ferry to the north isles will run twice a day from May, line {n}, the harbour "
        "board said, after a winter in which the boat sailed three times a week."
        for n in range(6)
    ]
    text = _blank_apart(*contents, "The Harbour Handbook", "Twice a Day to the Isles", *body)
    article = extract(Source(text, MediaType.TEXT, "-"))
    assert article.title == "Twice a Day to the Isles"


def test_a_short_sentence_the_page_repeats_is_still_read() -> None:
    """A note such as "New in version 3.2." stands under several entries; a repeated
    label without a full stop ("Share") is furniture."""
    entries = [
        f"Entry {n} of the harbour guide explains one more way to book a crossing early."
        for n in range(4)
    ]
    text = _blank_apart(
        "Harbour Guide Entries", entries[0], "New in version 3.2.", entries[1], "Share",
        entries[2], "New in version 3.2.", entries[3], "Share",
    )  # fmt: skip
    texts = [b.text for b in extract(Source(text, MediaType.TEXT, "-")).blocks]
    assert texts.count("New in version 3.2.") == 2 and "Share" not in texts


def test_a_copied_programs_output_is_one_code_block() -> None:
    """A command and what it printed, or log records, in a <pre>: read as one block, not
    as lines whose times look like a comment thread's and end the article there."""
    output = (
        "$ python harbour.py\n"
        "2026-03-19 15:10:26,618 - harbour - DEBUG - sailing loaded\n"
        "2026-03-19 15:10:26,620 - harbour - INFO - sailing ready\n"
        "2026-03-19 15:10:26,695 - harbour - WARNING - sailing late"
    )
    records = "INFO:harbour:Started\nINFO:harbour:Doing something\nINFO:harbour:Finished"
    prose = "The harbour program logs what it does, and the log says when each thing happened."
    text = _blank_apart(
        "Harbour Logging Guide", "Author:", "Ada Whitcombe <ada at example dot org>",
        f"Running the program prints its log. {prose}", output,
        f"A shorter format leaves the times out. {prose}", records,
        f"That is the whole of the logging the program does. {prose}",
        f"It can be turned off with one setting when it is not wanted. {prose}",
    )  # fmt: skip
    article = extract(Source(text, MediaType.TEXT, "-"))
    assert article.byline == "Ada Whitcombe"
    assert [b.text for b in article.blocks if b.kind is BlockKind.CODE] == [output, records]
    assert article.blocks[-1].text.startswith("It can be turned off")


def test_a_c_listing_said_twice_keeps_both_copies() -> None:
    """Lines of code a page repeats in two listings are code, not a repeated label."""
    listing = "int ret;\nunsigned have;\nstrm.avail_out = CHUNK;"
    prose = "The harbour's feeder reads the sailings from a file and hands them on in order."
    text = _blank_apart(
        "Reading the Feed", f"The first routine opens the file. {prose}", listing,
        f"The second routine does the same for the night file. {prose}", listing,
        f"Both close the file when they are done with it. {prose}",
        f"Nothing else is needed to read a feed. {prose}",
    )  # fmt: skip
    codes = [
        b.text
        for b in extract(Source(text, MediaType.TEXT, "-")).blocks
        if b.kind is BlockKind.CODE
    ]
    assert codes == [listing, listing]


def _copied_faq(*, blank_apart: bool) -> str:
    """A questions-and-answers page as a browser copies it, without a window title: a
    menu, a contents list under the title that names every section and question (the
    title first), the sections, then the contents again in a sidebar."""
    sections = {
        "Sailings": ["Can I book a crossing the day before?", "Is there a night boat?"],
        "Tickets": ["Do children travel free?", "My ticket was lost on the way."],
        "Luggage": ["How much can I bring on board?"],
    }
    contents = [entry for name, questions in sections.items() for entry in (name, *questions)]
    body: list[str] = []
    for name, questions in sections.items():
        body.append(name)
        for number, question in enumerate(questions):
            body += [question, "Yes."] if number == 0 else [question]
            body.append(
                f"The harbour office answers this one for every passenger in {name.lower()}, "
                "and the answer is the same at the desk as it is on the boat."
            )
    lines = [
        "index | modules | next | previous | Harbour »",
        "Harbour Guide » Questions",
        "Harbour Questions",
        "Contents",
        "Harbour Questions",
        *contents,
        *body,
        "Table of Contents",
        "Harbour Questions",
        *sections,
        "© Copyright 2026, the harbour board.",
    ]
    return _blank_apart(*lines) if blank_apart else "\n".join(lines)


@pytest.mark.parametrize("blank_apart", [True, False], ids=["blank-apart", "tight"])
def test_a_contents_list_inside_the_page_is_left_out_and_its_headings_kept(
    blank_apart: bool,
) -> None:
    """The contents list stands between the title and the body: it is not read out, and
    the headings it names are read once, where their sections begin, not dropped as
    lines the page repeats."""
    from readout.extract import extract_with_dropped
    from readout.extract.dropped import DropReason

    text = _copied_faq(blank_apart=blank_apart)
    article, dropped = extract_with_dropped(Source(text, MediaType.TEXT, "-"))
    assert article.title == "Harbour Questions"
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings == [
        "Sailings", "Can I book a crossing the day before?", "Is there a night boat?",
        "Tickets", "Do children travel free?", "My ticket was lost on the way.",
        "Luggage", "How much can I bring on board?",
    ]  # fmt: skip
    assert article.blocks[0].text == "Sailings"
    assert [b.text for b in article.blocks].count("Yes.") == 3  # an answer, said each time
    reasons = {piece.text: piece.reason for piece in dropped}
    assert reasons["Is there a night boat?"] is DropReason.CONTENTS
    assert "index | modules | next | previous | Harbour »" in reasons  # a menu, not a title


def test_a_manuals_title_is_the_line_over_its_author_field() -> None:
    """Without a window title, the title is the line over "Author:", not the first
    section's heading right over the body, nor the menu line at the top."""
    prose = (
        "The harbour log records every sailing, with the time it left and the time it "
        "came in, so the board can answer any question about the timetable."
    )
    text = "\n".join(
        [
            "index | modules | next | previous | Harbour »",
            "Harbour 2.1 Documentation » Guides » Harbour Log Guide",
            "Harbour Log Guide",
            "Author:",
            "Mira Sol <mira at harbour dot example>",
            "Keeping the Log",
            *(f"{prose} Entry {n} says so." for n in range(5)),
        ]
    )
    article = extract(Source(text, MediaType.TEXT, "-"))
    assert (article.title, article.byline) == ("Harbour Log Guide", "Mira Sol")
    assert article.blocks[0].text == "Keeping the Log"


def test_a_copied_api_page_is_titled_by_the_item_over_its_release_stamp() -> None:
    """rustdoc copied: a sidebar of method names, "In tidepool::ring", the item's title
    over its stamp line ("1.0.0 · source · [−]"), then the docs. The title is the item;
    the stamp, the sidebar and the location are not read."""
    prose = (
        "The ring keeps the newest items in a buffer of fixed size and lets the oldest "
        "fall away, so a reader that is slow never holds the writer up."
    )
    text = "\n".join(
        [
            "Ring", "Methods", "capacity", "clear", "push", "pop", "Trait Implementations",
            "In tidepool::ring",
            "Struct tidepool::ring::Ring",
            "1.0.0 · source · [−]",
            f"A ring buffer of items. {prose}",
            f"Pushing to a full ring drops its oldest item. {prose}",
            "const: unstable · source",
            f"Popping from an empty ring gives nothing back. {prose}",
        ]
    )  # fmt: skip
    article = extract(Source(text, MediaType.TEXT, "-"))
    assert article.title == "Struct tidepool::ring::Ring"
    assert article.blocks[0].text.startswith("A ring buffer of items.")
    assert not any("source" in b.text for b in article.blocks)


@pytest.mark.parametrize(
    "run_of_names",
    [
        " ".join(
            "Afrikaans Asturianu Brezhoneg Català Čeština Cymraeg Dansk Deutsch Eesti Euskara "
            "Frysk Gaeilge Gàidhlig Galego Hrvatski íslenska Italiano Latviešu Melayu Norsk "
            "Nederlands Polski rumantsch română slovenčina Shqip Svenska Türkçe suomi isiXhosa".split()
        ),
        " ".join(
            "ferry harbour quay tide timetable slipway lighthouse pier mooring jetty buoy "
            "anchor ballast berth bollard breakwater chart compass crossing deck dock "
            "fender galley gangway hull keel knot ladder mast rope sail".split()
        ),
    ],
    ids=["language-menu", "tag-cloud"],
)
def test_a_long_line_of_names_run_together_is_no_article(run_of_names: str) -> None:
    """A language menu or a tag cloud copied as one line of thirty names is long, but it
    is not prose: the article is the paragraphs, however short, not the menu."""
    body = [
        "The harbour board has asked for views on the new timetable.",
        "Ferries will sail twice a day from May, and once on Sundays.",
        "The last boat back will leave at nine, an hour later than now.",
        "Tickets bought before May stay valid on every crossing.",
    ]
    text = "\n".join(["Harbour news", "Home", "Ferries", *body, "Other languages:", run_of_names])
    article = extract(Source(text, MediaType.TEXT, "-"))
    assert [b.text for b in article.blocks] == body


def test_copied_commands_are_code_and_numbered_section_names_are_headings() -> None:
    """A manual copied without blank lines: "3. Running the pool" over its prose is a
    heading, not a list item; a command line ("tidepool --fill=yes in.log", after
    "Use this command line:") is code, never a heading; prose stays prose."""
    prose = "The pool keeps what the writer sends until the reader takes it, and no more."
    text = "\n".join(
        [
            "The Tidepool Quick Start",
            "1. Introduction",
            f"Tidepool is a small program that buffers a stream. {prose}",
            "2. Running the pool",
            "If you normally run your program like this:",
            "reader in.log",
            "Use this command line:",
            "tidepool --fill=yes reader in.log",
            f"The fill option turns on the pool, which then runs for as long as the reader. {prose}",
            "tidepool-check pools",
            f"That command says how full every pool on the machine is, one line each. {prose}",
        ]
    )
    article = extract(Source(text, MediaType.TEXT, "-"))
    kinds = [(b.kind, b.text) for b in article.blocks if b.kind is not BlockKind.PARAGRAPH]
    assert kinds == [
        (BlockKind.HEADING, "1. Introduction"),
        (BlockKind.HEADING, "2. Running the pool"),
        (BlockKind.CODE, "tidepool --fill=yes reader in.log"),
    ]
    assert "tidepool-check pools" in [b.text for b in article.blocks]  # read, not a heading


def test_a_chart_copied_line_by_line_is_left_out_and_the_body_goes_on_past_it() -> None:
    """A chart's figures and axis labels, one to a line, stand between two halves of
    the body: they are not read out ("$915", "billion", "’19"), and they do not end
    the article, however many there are."""
    from readout.extract import extract_with_dropped
    from readout.extract.dropped import DropReason

    before = [
        "The ferry company will spend more on fuel next year than on its crews, the "
        f"harbour board said on Monday, in the {n} report it has published this year."
        for n in ("first", "second", "third", "fourth")
    ]
    after = [
        f"Board members said the {n} quarter would show whether the cheaper routes had "
        "won back the passengers who left for the bridge when it opened in the spring."
        for n in ("first", "second", "third", "fourth", "last")
    ]
    years = [f"’{year}" for year in range(17, 29)]
    chart = ["Fuel costs", "$915", "million", "$600", "$300", "$263", "million", *years]
    menu = ["Home", "Harbour", "Ferries", "Sign in", "Subscribe"]
    text = "\n\n".join(
        [*menu, "Fuel Will Soon Cost the Ferries More Than Their Crews", "By Ada Whitcombe",
         *before, *chart, "Fuel costs", *chart[1:], *after, "About us", "Contact"]
    )  # fmt: skip
    article, dropped = extract_with_dropped(Source(text, MediaType.TEXT, "-"))
    assert article.title == "Fuel Will Soon Cost the Ferries More Than Their Crews"
    assert [b.text for b in article.blocks] == [*before, *after]
    reasons = {piece.text: piece.reason for piece in dropped}
    assert {reasons[label] for label in ("$915", "million", "’19", "Fuel costs")} == {
        DropReason.CHART
    }


def test_a_headline_over_a_short_date_wins_over_a_review_s_list_of_pros() -> None:
    """The date under the headline may have a two-digit year ("11.03.17"); a review's
    list of pros speaks of the body as much as the headline does, but has no date."""
    body = [
        "The new kettle boils a full litre in under three minutes, which is faster than "
        f"any kettle we have tried, and it stays quiet while it does, in the {n} test."
        for n in ("first", "second", "third")
    ]
    text = "\n\n".join(
        ["Home", "Reviews", "Kettle prices fall again before the winter",
         "Kettle review: the quiet kettle that boils faster than any other",
         "But only tea drinkers will notice.", "Ada Whitcombe , @ada", "11.03.17 in Kitchens",
         "Share", "Pros", "Boils a full litre faster than any kettle",
         "Quiet enough for a kettle at night", "Cons", "Expensive", *body]
    )  # fmt: skip
    article = extract(Source(text, MediaType.TEXT, "-"))
    assert article.title == "Kettle review: the quiet kettle that boils faster than any other"
    assert article.published == "11.03.17"


def test_a_copied_wikis_edit_links_are_left_out_of_its_headings() -> None:
    from readout.extract import extract_with_dropped
    from readout.extract.dropped import DropReason

    prose = (
        "The harbour was dug by hand over eleven winters, and the ferry that crosses it "
        "today still follows the channel the first diggers marked with posts."
    )
    text = "\n\n".join(["Harbour", "From Wikipedia, the free encyclopedia", prose,
                        "History [ edit ]", prose, prose, "Ferries [edit]", prose])  # fmt: skip
    article, dropped = extract_with_dropped(Source(text, MediaType.TEXT, "-"))
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["History", "Ferries"]
    assert {(d.text, d.reason) for d in dropped if "edit" in d.text} == {
        ("[ edit ]", DropReason.CONTROL),
        ("[edit]", DropReason.CONTROL),
    }


def _copied_reference() -> str:
    """A tight copy of an API reference page: menus, its contents twice, then entries
    each under a heading with a "#" mark, split by "copy" buttons and history stamps."""
    menu = [f"Module {name}" for name in "Anchor Buoy Cargo Deck Ferry Galley Hull Jetty".split()]
    names = ["arrive", "leave", "moor", "wait", "drain", "cast"]
    contents = ["Harbour", "Harbours and ports", *[f"harbour.{n}(ferry)" for n in names]]
    lines = ["Harbour | Tidepool v2.1 Documentation", "Skip to content", *menu, *contents]
    lines += ["Other versions", "2.x", "1.x", *contents, "Edit on the tracker"]
    lines += ["Harbour#", "Stability: 2 - Stable"]
    lines += [
        "The harbour module keeps track of the ferries that come and go, and of what each "
        "of them promised the harbour master before it was let in.",
        "const harbour = require('tidepool:harbour');",
        "copy",
        "Harbours and ports#",
        "A port is a harbour that takes ferries from abroad, and it keeps a list of the "
        "countries each ferry has come from since it was first let in.",
    ]
    for n in names:
        lines += [f"harbour.{n}(ferry)#"]
        if n in ("arrive", "leave"):
            lines += ["History", "VersionChanges", "v2.0.0", "A name must be a string now."]
        lines += [
            "Added in: v1.0.0",
            "ferry <string>",
            "Returns: <boolean>",
            "Returns: <Ferry>",
            f"The harbour.{n}() method tells the harbour master that the ferry will {n}, "
            "and returns whether the master agreed to it in time.",
            "On a small harbour:",
            f"harbour.{n}('Morning Star');\n// Returns: true",
            "copy",
            f"A ferry that is told to {n} while it is still being loaded is held back until "
            "the loading is done, and the harbour master hears of it.",
            "A harbour that is closed for the night turns every such call down at once, "
            "whatever the ferry, and says why in the error it throws.",
        ]
    lines += ["Previous", "Next", "Contact us", "Privacy", "Terms"]
    return "\n".join(lines) + "\n"


def test_a_copied_reference_is_read_from_its_headline_without_its_marks() -> None:
    """The entries' buttons and stamps break the run of prose, so the best run starts
    at a later entry; the lines from the headline on are the body all the same."""
    article = extract(Source(_copied_reference(), MediaType.TEXT, "harbour.txt"))
    assert article.title == "Harbour"
    texts = [b.text for b in article.blocks]
    assert texts[1].startswith("The harbour module keeps track of the ferries")
    assert "Harbours and ports" in texts
    assert sum(t.startswith("The harbour.") for t in texts) == 6
    assert not any(t.endswith("#") for t in texts)
    assert "harbour.arrive('Morning Star');\n// Returns: true" in texts


def test_a_copied_references_entries_keep_what_each_of_them_says_again() -> None:
    """Every entry of a reference says "ferry <string>", "Returns: <boolean>" and "On a
    small harbour:" over its example: lines the page repeats, as menus do, but with
    code's shapes (or leading into code) that no menu has. They are read, and a "copy"
    button copied onto the last line of an example is not."""
    from readout.extract import extract_with_dropped
    from readout.extract.dropped import DropReason

    text = _copied_reference().replace("\ncopy\n", " copy\n")
    article, dropped = extract_with_dropped(Source(text, MediaType.TEXT, "harbour.txt"))
    texts = [b.text for b in article.blocks]
    assert texts[1].startswith("The harbour module keeps track of the ferries")
    for said in ("ferry <string>", "Returns: <boolean>", "On a small harbour:"):
        assert texts.count(said) == 6, said
    assert texts.count("Returns: <Ferry>") == 6  # a type a capital opens
    code = [b.text for b in article.blocks if b.kind is BlockKind.CODE]
    assert "const harbour = require('tidepool:harbour');" in texts
    assert code == [f"harbour.{n}('Morning Star');\n// Returns: true" for n in
                        ("arrive", "leave", "moor", "wait", "drain", "cast")]  # fmt: skip
    assert [d.text for d in dropped if d.text == "copy"] == ["copy"] * 7
    assert {d.reason for d in dropped if d.text == "copy"} == {DropReason.CONTROL}
    assert "Returns: <boolean>" not in [
        b.text for b in article.blocks if b.kind is BlockKind.HEADING
    ]


def test_a_copied_reference_without_its_window_title_is_titled_by_its_contents() -> None:
    """Copied without the window-title line, a reference page says its title where its
    contents list starts ("Table of contents", "Harbour", ...) and again right over the
    body. The entries' names in the list ("harbour.arrive(ferry)") look like lines of
    code, but each heads an entry further on: they are a list, not a listing."""
    text = _copied_reference().split("\n", 1)[1]
    text = text.replace("Skip to content\n", "Skip to content\nTable of contents\n", 1)
    article = extract(Source(text, MediaType.TEXT, "harbour.txt"))
    assert article.title == "Harbour"
    texts = [b.text for b in article.blocks]
    assert any(t.startswith("The harbour module keeps track of the ferries") for t in texts[:2])
    codes = [b.text for b in article.blocks if b.kind is BlockKind.CODE]
    assert not any("harbour.arrive(ferry)" in code for code in codes)
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    assert [h for h in headings if h.startswith("harbour.")] == [
        f"harbour.{n}(ferry)" for n in ("arrive", "leave", "moor", "wait", "drain", "cast")
    ]


def test_calls_a_page_shows_twice_stay_code_both_times() -> None:
    """A listing of bare calls that the page shows again whole is code twice over, not a
    contents list naming the page's entries."""
    listing = "harbour.open()\nharbour.close()"
    prose = "The harbour's feeder reads the sailings from a file and hands them on in order."
    lines = ["Opening the Harbour", f"The master opens the harbour each morning. {prose}",
             *listing.split("\n"), f"At night the same two calls, in the same order. {prose}",
             *listing.split("\n"), f"Nothing else is needed to run a harbour. {prose}"]  # fmt: skip
    article = extract(Source("\n".join(lines), MediaType.TEXT, "-"))
    assert [b.text for b in article.blocks if b.kind is BlockKind.CODE] == [listing, listing]


def test_a_headings_hash_mark_after_a_quote_is_left_out() -> None:
    """ "Event: 'close'#": the permalink mark follows the event's quoted name."""
    prose = "The harbour tells every listener when a ferry comes in or goes out again."
    lines = ["Harbour events", prose]
    for event in ("arrive", "leave", "close"):
        lines += [f"Event: '{event}'#", f"Sent when a ferry is to {event}. {prose}"]
    texts = [b.text for b in extract(Source("\n".join(lines), MediaType.TEXT, "-")).blocks]
    assert [t for t in texts if t.startswith("Event:")] == [
        "Event: 'arrive'",
        "Event: 'leave'",
        "Event: 'close'",
    ]


def test_a_list_the_last_paragraph_announces_is_read_to_its_end() -> None:
    """A chapter that ends in a list ("...are listed below:") has no prose after the
    list to carry the article over its short lines; the list is read all the same, and
    the menu and the footer after it are not."""
    menu = ["Home", "Ferries", "Harbours", "Tides"]
    prose = (
        "The harbour was dug by hand over eleven winters, and the ferry that crosses it "
        "today still follows the channel the first diggers marked with posts."
    )
    items = ["Anchor Bay: a deep berth, a crane", "Buoy Point: two berths, no crane",
             "Cargo Quay: the customs shed", "Deck Row: ferries only, by day",
             "Eel Creek (north): small boats", "Ferry Steps: the night ferry"]  # fmt: skip
    lines = [*menu, "The Harbours of the Coast", prose, prose.replace("eleven", "twelve"),
             "Some of the harbours that the ferry calls at are listed below:", *items,
             *menu, "© 2026 Tidepool Harbour Board"]  # fmt: skip
    texts = [b.text for b in extract(Source("\n".join(lines), MediaType.TEXT, "-")).blocks]
    assert texts[-len(items) :] == items
    assert not set(menu) & set(texts)


def test_a_word_that_begins_the_window_title_is_not_its_headline() -> None:
    """ "_identifier" folds to "identifier", which "Identifiers" begins with: a headline
    that the window title cuts short ends where one of its words does."""
    prose = (
        "A name in the harbour's log is made of letters, digits and underscores, and it "
        "may not begin with a digit, so that the clerks can tell names and numbers apart."
    )
    lines = ["Identifiers - The Tidepool Reference", "The Tidepool Reference", "Identifiers",
             prose, "Some examples of names:", "ferry", "_identifier", "Morning_Star",
             prose.replace("clerks", "pilots"), prose.replace("harbour", "port")]  # fmt: skip
    article = extract(Source("\n".join(lines), MediaType.TEXT, "-"))
    assert article.title == "Identifiers"
    assert "_identifier" in [b.text for b in article.blocks]


def _rendered_reference() -> str:
    """A reference page as a tool that renders HTML as text writes it (the way a user
    gets text without a browser): every block indented as deep as it is nested,
    blank lines between blocks, list items with bullets ("* ", then "+ ", "o ")."""
    names = ["arrive", "leave", "moor", "wait"]
    menu = [f"      * Module {m}" for m in "Anchor Buoy Cargo Deck Ferry Galley Hull".split()]
    contents = ["    Table of contents", "      * Harbour",
                *[f"          + harbour.{n}(ferry)" for n in names]]  # fmt: skip
    blocks = ["Skip to content", "\n".join(menu), "\n".join(contents), "      Harbour#",
              "        Stability: 2 - Stable",
              "      The harbour module keeps track of the ferries that come and go, and "
              "of what each of them promised the harbour master before it was let in."]  # fmt: skip
    for n in names:
        blocks += [
            f"      harbour.{n}(ferry)#",
            "        * ferry <string>\n        * Returns: <boolean>",
            f"      The harbour.{n}() method tells the harbour master that the ferry will "
            f"{n}, and returns whether the master agreed to it in time.",
        ]
    return "\n\n".join([*blocks, "      * Contact us\n      * Privacy"]) + "\n"


def test_a_page_rendered_as_indented_text_is_read_as_prose_not_code() -> None:
    """Indentation that the prose has too is the renderer's, not code's; bulleted menu
    and contents lines are list items, not footnotes or code, and never the title."""
    article = extract(Source(_rendered_reference(), MediaType.TEXT, "harbour.txt"))
    assert article.title == "Harbour"
    texts = [b.text for b in article.blocks]
    assert not [b for b in article.blocks if b.kind is BlockKind.CODE]
    assert any(t.startswith("The harbour module keeps track") for t in texts[:3])
    assert sum(t.startswith("The harbour.") for t in texts) == 4
    assert not any("Module" in t for t in texts)


def test_a_copied_tables_rows_are_read_as_rows_and_keep_the_article_whole() -> None:
    """A table copied with tabs between its cells (a page rendered as text puts columns
    of spaces there): each row reads as an HTML table's row does, "moor; tie up at a
    pier", and a long table of short rows is the article's, not a menu that ends it."""
    prose = (
        "The harbour master writes each order in the log in a word of its own, so that "
        "the pilots of every ferry read the same order the same way."
    )
    words = "moor anchor cast drift dock haul heave lash ride warp".split()
    rows = [f"{word}\tto {word} the ferry at the pier" for word in words]
    rendered = [f"  {word}     to {word} the ferry at the pier" for word in words]
    for table in (rows, rendered):
        lines = [
            "Orders of the Harbour",
            prose,
            "Order\tMeaning",
            *table,
            prose.replace("log", "book"),
        ]
        texts = [b.text for b in extract(Source("\n".join(lines), MediaType.TEXT, "-")).blocks]
        assert texts[0] == prose and texts[-1] == prose.replace("log", "book")
        assert [t for t in texts if t.startswith(tuple(words))] == [
            f"{word}; to {word} the ferry at the pier" for word in words
        ]


def test_a_short_text_that_opens_with_its_heading_is_titled_by_it_once() -> None:
    """ "Notes" over two paragraphs: the heading is the title, not also the first block."""
    prose = "The harbour is safe for ferries, as the master said on Monday at the meeting."
    text = f"Harbour Notes\n\n{prose}\n\n{prose.replace('Monday', 'Tuesday')}\n"
    article = extract(Source(text, MediaType.TEXT, "notes.txt"))
    assert article.title == "Harbour Notes"
    assert [b.text for b in article.blocks] == [prose, prose.replace("Monday", "Tuesday")]


def test_a_manuals_one_word_chapter_title_over_the_body_that_keeps_saying_it() -> None:
    """A copied book chapter without its window title: the book's name ("The Tidepool
    Manual", three words in headline case) stands over the chapter's ("Ferries"), and
    the chapter's opening keeps saying "ferry"; a menu's label over a news article does
    not (the seed fixtures keep their headlines)."""
    lines = [
        "The Tidepool Manual",
        "Ferries",
        "A ferry is a boat that the harbour lets in by day, and every ferry is moored at "
        "the pier the master gives it.",
        "Ferries that come in at night wait outside the harbour until the master has a "
        "pier for them, however long that takes.",
        "The log lists each ferry by its name and the hour it came in, so that the clerks "
        "can find any ferry again.",
    ]
    article = extract(Source("\n".join(lines), MediaType.TEXT, "ferries.txt"))
    assert article.title == "Ferries"
    assert article.blocks[0].text.startswith("A ferry is a boat")


def test_a_name_that_ends_in_a_hash_keeps_it() -> None:
    """ "C#" is a language, not a permalink mark, though three headings end so."""
    paragraph = (
        "This chapter of the course is about the language and the tools that come with "
        "it, and it ends with a short test of what was learnt."
    )
    page = "\n".join(["A course in three parts", paragraph, "Why C#", paragraph])
    page += "\n" + "\n".join(["Learning C#", paragraph, "C# and F#", paragraph]) + "\n"
    texts = [b.text for b in extract(Source(page, MediaType.TEXT, "course.txt")).blocks]
    assert [t for t in texts if "#" in t] == ["Why C#", "Learning C#", "C# and F#"]


def test_a_copied_numbered_list_keeps_its_numbers_and_drops_its_bullets() -> None:
    paragraph = (
        "Do these things in the order given here, or the machine will not start again "
        "after the winter, which has happened to more than one of us."
    )
    lines = ["Starting the machine", paragraph, "1. Open the lid.", "2. Press the button."]
    page = "\n".join([*lines, "• Keep the lid open.", paragraph])
    texts = [b.text for b in extract(Source(page, MediaType.TEXT, "steps.txt")).blocks]
    assert "1. Open the lid." in texts and "Keep the lid open." in texts


def test_a_copied_specifications_rule_names_are_left_out_and_its_settings_are_code() -> None:
    """A specification names each rule over its paragraph ("[harbour.mooring]"): a link
    to its own place, which no listener wants read and which breaks the body's run of
    prose into short lines. A settings listing's section name ("[profile.dev]") is code
    when lines of settings ("opt-level = 0") follow it in the same block."""
    from readout.extract import extract_with_dropped
    from readout.extract.dropped import DropReason

    rules = ["intro", "mooring", "mooring.ropes", "mooring.night", "leaving", "leaving-late"]
    says = {
        "intro": "A harbour takes ferries in by day and by night, under the rules below.",
        "mooring": "A ferry moors at the pier it was given.",
        "mooring.ropes": "Its ropes are checked twice.",
        "mooring.night": "At night a lamp is lit on its bow.",
        "leaving": "A ferry leaves when the master says so.",
        "leaving-late": "A late ferry waits for the next tide.",
    }
    lines = ["Harbour rules - The Tidepool Reference", "Keyboard shortcuts",
             "Press ? to show this help", "Tidepool Reference", "[harbour]", "Harbour rules"]  # fmt: skip
    for rule in rules:
        lines += [f"[harbour.{rule}]", says[rule]]
    lines += [
        "The harbour's own settings are kept in a file beside the pier's log, and the "
        "master may change them between two tides but never while a ferry is moored:",
        "[harbour.settings]\nopen-at = 6\nclose-at = 22",
        "A setting that is left out takes the value the harbour was built with, which "
        "the master's handbook lists for every harbour of the coast.",
    ]
    article, dropped = extract_with_dropped(Source("\n\n".join(lines), MediaType.TEXT, "-"))
    assert article.title == "Harbour rules"
    texts = [b.text for b in article.blocks]
    assert texts[:6] == [says[rule] for rule in rules]
    code = [b.text for b in article.blocks if b.kind is BlockKind.CODE]
    assert code == ["[harbour.settings]\nopen-at = 6\nclose-at = 22"]
    anchors = {d.text for d in dropped if d.reason is DropReason.CONTROL}
    assert anchors == {"[harbour]", *(f"[harbour.{rule}]" for rule in rules)}


def _copied_sphinx_page(title: str, first_section: str) -> str:
    """A Sphinx page as a browser copies it, without its window title: the sidebar's
    contents (the page's entries) and links, the breadcrumb, then each heading with its
    "¶", and a table copied a cell a line between the opening and the rest."""
    prose = "Pool types differ in how they keep bytes and let the oldest fall away, in turn."
    cells = [cell for kind in ("ring", "tide", "lake", "well") for cell in (kind, "bytes", "8")]
    return "\n".join([
        "Table of Contents", title, "pool.size", "pool.fill()", "pool.drain()",
        "Previous topic", "Buffers", "Next topic", "Streams", "This Page", "Report a Bug",
        "Show Source", "Navigation", "index", "modules |", "next |", "previous |",
        "Tidepool »", "3.1 Documentation »", "Pool types »", title, "|", f"{title}¶",
        "This chapter says which pool types there are:", "Type", "Holds", "Size", *cells,
        f"{first_section}¶", f"Each of the pool types is made with a size. {prose}",
        f"Pool types can be mixed. {prose}", "Pools in depth¶", f"Deeper still, {prose}",
    ])  # fmt: skip


def test_a_copied_sphinx_page_without_its_window_title_is_titled_by_its_marked_heading() -> None:
    """The first heading with a permalink mark, over the body, is the page's title (the
    breadcrumb names it too); an exact heading wins over one that only begins it
    ("Pools" does not cut "Pools and Tides" short). The sidebar's contents list names
    entries, not the body's headings: it does not say which line is the title."""
    for title, first_section in (
        ("tidepool — Pools", "Making a pool"),
        ("Pools and Tides", "Pools"),
    ):
        article = extract(Source(_copied_sphinx_page(title, first_section), MediaType.TEXT, "-"))
        assert article.title == title
        texts = [b.text for b in article.blocks]
        assert texts[0] == "This chapter says which pool types there are:"
        assert first_section in texts and not any("¶" in text for text in texts)


def test_a_copied_grammar_rule_and_its_alternatives_are_one_listing() -> None:
    """A reference's grammar, copied a symbol a line ("PoolKind →", "| RingPool"), is a
    listing the article goes on past, not a menu that cuts the body in two; a lone
    "Next →" stays a line of its own."""
    prose = "A pool keeps the newest bytes and lets the oldest fall away, in turn, for ever."
    grammar = ["PoolKind →", "RingPool", "| TidePool", "| LakePool", "| WellPool", "| MoatPool"]
    lines = ["Pool kinds", f"Every pool has a kind. {prose}", f"Kinds differ. {prose}"]
    lines += ["Syntax", *grammar, f"A ring pool wraps around. {prose}", f"And so on. {prose}"]
    lines += ["Next →"]
    article = extract(Source("\n".join(lines) + "\n", MediaType.TEXT, "kinds.txt"))
    texts = [b.text for b in article.blocks]
    codes = [b.text for b in article.blocks if b.kind is BlockKind.CODE]
    assert codes == ["\n".join(grammar)], texts
    assert texts[0].startswith("Every pool has a kind.") and texts[-1].startswith("And so on.")


def test_a_picture_or_player_label_in_the_body_is_not_read_out() -> None:
    """A copied page keeps the words a screen reader is given for a picture or a player
    ("Image", "Video", "Listen to this article") on lines of their own: they are not
    the article's, and are left out as furniture, with the caption kept."""
    caption = "The morning ferry leaves the harbour in the last week of February."
    lines = ["Home", "News", "Sport", "Twice a Day to the Isles", "By Mira Sol"]
    lines += ["Listen to this article", _BODY[0], "Image", caption, _BODY[1], "Video", _BODY[2]]
    text = "\n".join([*lines, "Subscribe to our newsletter"])
    article, dropped = extract_with_dropped(Source(text, MediaType.TEXT, "-"))
    texts = [block.text for block in article.blocks]
    assert texts == [_BODY[0], caption, _BODY[1], _BODY[2]]
    reasons = {item.text: item.reason for item in dropped}
    assert reasons["Image"] is reasons["Video"] is DropReason.FURNITURE
    assert reasons["Listen to this article"] is DropReason.BEFORE


@pytest.mark.parametrize("browser", ["Mozilla Firefox", "Google Chrome", "Chromium"])
def test_the_browsers_name_on_a_copied_window_title_is_not_the_site(browser: str) -> None:
    """A title copied from the browser's title bar ends with the browser's name."""
    window = f"Ferry to run twice a day to the isles | Harbour Times — {browser}"
    text = "\n".join([window, _copied("Ferry to run twice a day to the isles", "By Mira Sol")])
    article = extract(Source(text, MediaType.TEXT, "-"))
    assert (article.title, article.site) == (
        "Ferry to run twice a day to the isles",
        "Harbour Times",
    )


def test_a_starred_note_under_the_body_is_a_paragraph_not_a_list_of_one() -> None:
    """ "... to 10 p.m.*" and, under the body, "* The timetable may change at weekends.":
    the note the asterisk points to, kept as written; a starred list stays a list."""
    note = "* The ferry timetable may change at weekends."
    text = _copied("Ferry to run twice a day to the isles", "By Mira Sol", between=())
    article = extract(Source(text.replace(_BODY[-1], f"{_BODY[-1]}*\n{note}"), MediaType.TEXT, "-"))
    assert [(b.kind, b.text) for b in article.blocks][-1] == (BlockKind.PARAGRAPH, note)
    items = "* Tickets from the quay\n* Bikes go free"
    listed = extract(Source(text.replace(_BODY[1], f"{_BODY[1]}\n{items}"), MediaType.TEXT, "-"))
    assert [b.text for b in listed.blocks if b.kind is BlockKind.LIST_ITEM] == [
        "Tickets from the quay",
        "Bikes go free",
    ]


def test_a_label_aligned_with_spaces_is_a_field_not_a_table_cell() -> None:
    """ "Date:   Thu Mar 5" was read "Date:; Thu Mar 5", as a table's row of two cells."""
    from readout.extract.text import split_paragraphs

    lines = "Date:   Thu Mar 5 10:30:00 2026\nName      Berth    Length\nSeagull   North 3   8 m\n"
    paragraphs, _ = split_paragraphs(lines)
    assert paragraphs == [
        "Date: Thu Mar 5 10:30:00 2026",
        "Name; Berth; Length",
        "Seagull; North 3; 8 m",
    ]
