"""Texts written as files (a NEWS file, a change log, a licence record), not copied
from a page: all of it is the article. Before, such a text was searched for an article
region as a copied page is, and a change log's dated entries were taken for a comment
thread, a NEWS file's repeated "Bug fixes" headings for a menu."""

from __future__ import annotations

from readout.article import Article, BlockKind
from readout.extract import extract_with_dropped
from readout.extract.dropped import DropReason
from readout.sources import MediaType, Source


def _read(text: str, name: str) -> tuple[Article, list[tuple[str, DropReason]]]:
    article, dropped = extract_with_dropped(Source(text, MediaType.TEXT, name))
    return article, [(d.text, d.reason) for d in dropped]


def _release(version: str, day: str) -> str:
    return (
        f"* Changes in tidepool {version} ({day}) [stable]\n\n"
        "** Bug fixes\n\n"
        "  'tidepool --sync' no longer stops at the first locked berth when the\n"
        "  harbour list is long; it waits for the lock and tries the berth again.\n"
        f"  [bug introduced in tidepool-{version}]\n\n"
        "** New features\n\n"
        "  The tide table can now be printed for a whole month at once, with the\n"
        "  times of high and low water for each day in the local time zone.\n\n"
    )


def test_an_outline_news_files_releases_and_repeated_sections_are_its_headings() -> None:
    text = "TIDEPOOL NEWS                              -*- outline -*-\n\n" + "".join(
        _release(f"1.{minor}", f"2026-0{minor}-01") for minor in (3, 2, 1)
    )
    article, dropped = _read(text, "NEWS")
    headings = [(b.level, b.text) for b in article.blocks if b.kind is BlockKind.HEADING]
    assert article.title == "TIDEPOOL NEWS"
    assert headings[:3] == [
        (2, "Changes in tidepool 1.3 (2026-03-01) [stable]"),
        (3, "Bug fixes"),
        (3, "New features"),
    ]
    assert len(headings) == 9  # every release's "Bug fixes" kept: each heads its own
    assert dropped == []
    assert sum("locked berth" in b.text for b in article.blocks) == 3


def test_a_change_logs_dated_entries_are_read_not_taken_for_a_comment_thread() -> None:
    entries = "".join(
        f"Author: Ada Whitcombe <ada@example.org>\n"
        f"Date:   Mon Mar {day} 09:{day}:00 2026 +0100\n\n"
        f"    berth: keep the queue in arrival order ({day})\n\n"
        "    The queue was sorted by boat length, so a dinghy that came last\n"
        "    could moor before a ferry that had waited since the morning tide.\n\n"
        for day in range(10, 28)
    )
    article, dropped = _read(entries, "ChangeLog")
    said = " ".join(b.text for b in article.blocks)
    assert said.count("arrival order") == 18
    assert said.count("morning tide") == 18
    assert [reason for _, reason in dropped if reason is not DropReason.SECTION_BREAK] == []


def test_a_records_fields_are_read_one_by_one() -> None:
    licence = (
        "Format: https://example.org/copyright-format/1.0/\n"
        "Upstream-Name: tidepool\n\n"
        "Files: *\n"
        "Copyright: 2024-2026 Ada Whitcombe\n"
        "License: GPL-3+\n\n"
        "License: GPL-3+\n"
        " This program is free software; you can redistribute it and/or modify it\n"
        " under the terms of the licence named above, as published by its authors.\n"
        " .\n"
        " This program is distributed in the hope that it will be useful, but\n"
        " without any warranty; see the licence for the details of the terms.\n"
    ) * 2
    article, dropped = _read(licence, "copyright")
    texts = [b.text for b in article.blocks]
    assert article.title == "copyright"
    assert texts[:5] == [
        "Format: https://example.org/copyright-format/1.0/",
        "Upstream-Name: tidepool",
        "Files: *",
        "Copyright: 2024-2026 Ada Whitcombe",
        "License: GPL-3+",
    ]
    assert texts.count("Files: *") == 2
    assert any(t.startswith("This program is distributed") for t in texts)
    assert dropped == []


def test_a_word_broken_after_its_hyphen_is_one_word_again() -> None:
    """ "easily-" over "misunderstood" was read "easily- misunderstood"."""
    text = (
        "Harbour Notes\n\n"
        "The berths on the north quay are let by the season, and the harbour office\n"
        "keeps a list of boats waiting for one. The list is easily-\n"
        "misunderstood: a place on it is not a berth, and a well-\n"
        "known name on it does not move up. Ask at the office window.\n"
    )
    article, _ = _read(text, "notes.txt")
    body = article.blocks[0].text
    assert "easily-misunderstood:" in body and "well-known name" in body
    assert "- " not in body


def test_a_table_drawn_in_characters_is_read_row_by_row() -> None:
    """A grid table was read as one line of bars and dashes; a box-drawn one as
    "│ Boat; │ Berth; │"."""
    grid = (
        "Harbour Berths\n\n"
        "The berths on the north quay are let by the season, and the harbour office\n"
        "keeps a list of the boats that hold one. This is the list for the spring,\n"
        "as the office printed it on the first of March this year for the quay,\n"
        "with the length of each boat in metres, as the harbour master measured it.\n\n"
        "+-----------+---------+--------+\n| Boat      | Berth   | Length |\n"
        "+===========+=========+========+\n| Seagull   | North 3 | 8 m    |\n"
        "+-----------+---------+--------+\n| Kestrel   | South 1 | 11 m   |\n"
        "| (renamed) |         |        |\n+-----------+---------+--------+\n\n"
        "| Fee  | Amount |\n|------|--------|\n| Day  | 12     |\n| Week | 50     |\n"
    )
    article, _ = _read(grid, "berths.txt")
    assert [b.text for b in article.blocks][1:] == [
        "Boat; Berth; Length",
        "Seagull; North 3; 8 m",
        "Kestrel (renamed); South 1; 11 m",
        "Fee; Amount",
        "Day; 12",
        "Week; 50",
    ]
    boxed = (
        "The berths on the north quay are let by the season, and the harbour office keeps "
        "a list of the boats that hold one. This is the list for the spring.\n"
        "┌──────────┬─────────┐\n│ Boat     │ Berth   │\n├──────────┼─────────┤\n"
        "│ Seagull  │ North 3 │\n│ Kestrel  │ South 1 │\n└──────────┴─────────┘\n"
        "Ask at the office window for a place on the waiting list for a berth on the quay.\n"
    )
    article, _ = _read(boxed, "berths.txt")
    assert [b.text for b in article.blocks][1:4] == [
        "Boat; Berth",
        "Seagull; North 3",
        "Kestrel; South 1",
    ]


def test_a_wrapped_texts_headings_lists_and_quoted_commands_keep_their_shape() -> None:
    """A README's "Security" over "==" was read with its underline, "Introduction" over
    "===" as a paragraph, a list under "does things like:" run into it, an indented
    list and an indented sentence that quotes a command read as code, mark by mark."""
    text = (
        "Sections in this file describe:\n - what the harbour daemon is\n - how to report bugs\n\n"
        "Introduction\n===\n\nThe daemon keeps the berth list of a harbour.\n\n"
        "It does things like:\n - tell the office when a boat leaves its berth\n"
        " - start the tide service when a boat asks for the tables\n\n"
        "The office keeps the list of boats on a small machine in the harbour master's\n"
        "room, and the daemon runs there all year, through the winter when the harbour\n"
        "is closed, so that the list is right when the season opens again in spring.\n\n"
        "Bug reports should include:\n\n"
        "    * The complete output of 'berthd --version' (or the version file\n"
        "      if it does not start)\n"
        "    * What you typed, and what the daemon said back\n\n"
        "  Scripts are now more consistent about their exit status.  For example,\n"
        "  'berthd --help >/dev/full' now exits with status 1 (error), instead of 2\n"
        "  (warning) on some systems.  [bug present since the beginning]\n\n"
        "Security\n==\n\nReport a security problem to the harbour office in private, by\n"
        "letter or by hand, and not on the public list, which anyone can read at all.\n"
    )
    article, _ = _read(text, "README")
    assert [(b.kind, b.text) for b in article.blocks] == [
        (BlockKind.PARAGRAPH, "Sections in this file describe:"),
        (BlockKind.LIST_ITEM, "what the harbour daemon is"),
        (BlockKind.LIST_ITEM, "how to report bugs"),
        (BlockKind.HEADING, "Introduction"),
        (BlockKind.PARAGRAPH, "The daemon keeps the berth list of a harbour."),
        (BlockKind.PARAGRAPH, "It does things like:"),
        (BlockKind.LIST_ITEM, "tell the office when a boat leaves its berth"),
        (BlockKind.LIST_ITEM, "start the tide service when a boat asks for the tables"),
        (
            BlockKind.PARAGRAPH,
            "The office keeps the list of boats on a small machine in the harbour master's "
            "room, and the daemon runs there all year, through the winter when the harbour "
            "is closed, so that the list is right when the season opens again in spring.",
        ),
        (BlockKind.PARAGRAPH, "Bug reports should include:"),
        (
            BlockKind.LIST_ITEM,
            "The complete output of 'berthd --version' (or the version file if it does not start)",
        ),
        (BlockKind.LIST_ITEM, "What you typed, and what the daemon said back"),
        (
            BlockKind.PARAGRAPH,
            "Scripts are now more consistent about their exit status. For example, 'berthd "
            "--help >/dev/full' now exits with status 1 (error), instead of 2 (warning) on "
            "some systems. [bug present since the beginning]",
        ),
        (BlockKind.HEADING, "Security"),
        (
            BlockKind.PARAGRAPH,
            "Report a security problem to the harbour office in private, by letter or by "
            "hand, and not on the public list, which anyone can read at all.",
        ),
    ]


def _wrapped(*chunks: str) -> str:
    prose = (
        "The berths on the north quay are let by the season, and the harbour office\n"
        "keeps a list of the boats that hold one. This is the list for the spring,\n"
        "as the office printed it on the first of March this year for the quay,\n"
        "with the length of each boat in metres, as the harbour master measured it.\n"
    )
    return "Harbour Berths\n\n" + prose + "\n" + "\n\n".join(chunks) + "\n"


def test_a_table_in_columns_of_spaces_is_rows_and_a_diagram_keeps_its_lines() -> None:
    """dpkg's table of states was one line run into a heading, its state diagram one
    paragraph of box-drawing marks."""
    table = "  waiting     never     North 3\n  booked      always    South 1\n"
    diagram = (
        "       ┌──────────┐\n       │  waiting │\n       └────┬─────┘\n"
        "            │ (office)\n            v\n       ┌──────────┐\n       │  booked  │\n"
        "       └──────────┘"
    )
    article, _ = _read(_wrapped(table, diagram), "berths.txt")
    blocks = [(b.kind, b.text) for b in article.blocks][1:]
    assert blocks[:2] == [
        (BlockKind.PARAGRAPH, "waiting; never; North 3"),
        (BlockKind.PARAGRAPH, "booked; always; South 1"),
    ]
    assert blocks[2][0] is BlockKind.CODE and blocks[2][1].split("\n")[1] == "│  waiting │"


def test_a_short_wrapped_text_is_read_in_paragraphs_not_lines() -> None:
    """Three wrapped lines were three paragraphs, a pause in the middle of a sentence."""
    text = (
        "Tidepool is a small program that prints the tide tables of a\n"
        "harbour for a month, with high and low water for every day.\n\n"
        "Details are in the docs folder.\n"
    )
    article, _ = _read(text, "-")
    assert [b.text for b in article.blocks] == [
        "Tidepool is a small program that prints the tide tables of a harbour for a "
        "month, with high and low water for every day.",
        "Details are in the docs folder.",
    ]


def test_a_licences_numbered_sections_are_headings_and_its_version_line_is_read() -> None:
    """The GPL's "1. Source Code." was a list item, so heading navigation found nothing,
    and "Version 3" of "Version 3, 29 June 2007" was never said."""
    clause = (
        "  The harbour office lets each berth for one season at a time, and the boat\n"
        "that holds it may stay there day and night until the season ends, unless the\n"
        "harbour master needs the berth for a boat in distress or for the ferry.\n"
    )
    text = (
        "                     HARBOUR BERTH LICENCE\n"
        "                    Version 3, 29 June 2026\n\n"
        f"  0. Definitions.\n\n{clause}\n  1. Letting a Berth for the Season.\n\n{clause}\n"
    )
    article, _ = _read(text, "LICENCE")
    assert article.title == "HARBOUR BERTH LICENCE"
    assert article.blocks[0].kind is BlockKind.PARAGRAPH
    assert article.blocks[0].text == "Version 3, 29 June 2026"
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["0. Definitions.", "1. Letting a Berth for the Season."]


def test_a_short_note_is_read_whole_not_refused() -> None:
    """ "Short note" over one sentence was refused: its first line was taken for what
    stands before an article, and then no paragraph was long enough to be one."""
    article, dropped = _read("Harbour note\n\nThe tide turns at six tonight.\n", "-")
    assert article.title == "Harbour note"
    assert [b.text for b in article.blocks] == ["The tide turns at six tonight."]
    assert not dropped
    shopping, _ = _read("Rope\nFenders\nDiesel\n", "list.txt")
    said = [shopping.title, *(b.text for b in shopping.blocks)]
    assert said == ["Rope", "Fenders", "Diesel"]  # the first short line is its title
    copied, dropped = _read(
        "Quay reopens | Harbour News\n\nQuay reopens\n\n"
        "The north quay reopened on Saturday after a long winter of repairs to its wall.\n",
        "-",
    )
    assert copied.title == "Quay reopens" and copied.site == "Harbour News"  # a page, not a note
    assert [b.text for b in copied.blocks] == [
        "The north quay reopened on Saturday after a long winter of repairs to its wall."
    ]


def test_a_change_logs_item_under_two_releases_is_read_both_times() -> None:
    """gnutls's NEWS lists the same fix under several releases; after the first it was
    dropped as an entry of a table of contents, 50 words of the log unheard. Short lines
    set one under another (the list of releases on top) stay lines."""
    fix = "- Corrected the tide times for harbours west of the date line."
    release = (
        "Version {v} (released 2026-0{m}-01)\n\n"
        "The tables are printed for the whole month now, and each day shows high and low\n"
        "water in the harbour's own time zone, as the office asked for last winter when\n"
        "the old tables ran out in the middle of a month and boats had to wait for the\n"
        "next printing, which came late because the printer was away until the spring.\n\n"
        f"{fix}\n- Sped up printing of long months.\n\n"
    )
    versions = (("1.3", 3), ("1.2", 2), ("1.1", 1))
    text = "Contents\n\n" + "".join(f"Version {v} (released 2026-0{m}-01)\n" for v, m in versions)
    text += "\n" + "".join(release.format(v=v, m=m) for v, m in versions)
    article, dropped = _read(text, "NEWS")
    items = [b.text for b in article.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items.count(fix[2:]) == 3
    assert not dropped
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings == [f"Version {v} (released 2026-0{m}-01)" for v, m in versions]
    # the list of releases on top is three lines, not one run together
    assert [b.text for b in article.blocks][:3] == headings
