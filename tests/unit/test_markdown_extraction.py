from __future__ import annotations

import pytest

from readout.article import BlockKind
from readout.errors import InputError
from readout.extract import extract, extract_with_dropped
from readout.extract.dropped import DropReason
from readout.sources import MediaType, Source, sniff_media_type

MARKDOWN = """---
title: Front matter title
author: Jo Writer
date: 2026-01-02
---
Intro paragraph with *emphasis*, `code` and a [link](http://example.com) in it.

## A section

- first item in the list
- second item in the list

> A quoted line that someone said out loud.

![A heron standing in the river](heron.jpg)

```
code blocks are kept as code
```
"""


def test_markdown_blocks_kinds_and_metadata() -> None:
    article = extract(Source(MARKDOWN, MediaType.MARKDOWN, "a.md"))
    assert article.title == "Front matter title"
    assert article.byline == "Jo Writer"
    assert article.published == "2026-01-02"
    kinds = [(b.kind, b.text) for b in article.blocks]
    assert kinds == [
        (BlockKind.PARAGRAPH, "Intro paragraph with emphasis, code and a link in it."),
        (BlockKind.HEADING, "A section"),
        (BlockKind.LIST_ITEM, "first item in the list"),
        (BlockKind.LIST_ITEM, "second item in the list"),
        (BlockKind.QUOTE, "A quoted line that someone said out loud."),
        (BlockKind.CAPTION, "A heron standing in the river"),
        (BlockKind.CODE, "code blocks are kept as code"),
    ]


def test_code_blocks_are_kept_with_their_lines_and_a_contents_list_is_left_out() -> None:
    text = (
        "# Setting up\n\n- [Install](#install)\n- [Configure](#configure)\n\n"
        "## Install\n\nTo install the tools on a fresh machine, execute this command:\n\n"
        "```bash\nsudo apt update\nsudo apt install lab-tools\n```\n\n"
        "## Configure\n\n- edit the port in the file\n- [restart](#restart) the service\n"
    )
    article = extract(Source(text, MediaType.MARKDOWN, "c.md"))
    assert article.title == "Setting up"  # the list's heading, but the document's title
    assert [(b.kind, b.text) for b in article.blocks] == [
        (BlockKind.HEADING, "Install"),
        (BlockKind.PARAGRAPH, "To install the tools on a fresh machine, execute this command:"),
        (BlockKind.CODE, "sudo apt update\nsudo apt install lab-tools"),
        (BlockKind.HEADING, "Configure"),
        (BlockKind.LIST_ITEM, "edit the port in the file"),
        (BlockKind.LIST_ITEM, "restart the service"),
    ]
    code = article.blocks[2]
    assert [s.text for s in code.sentences] == ["sudo apt update", "sudo apt install lab-tools"]


def test_first_h1_is_the_title_when_there_is_no_front_matter() -> None:
    article = extract(
        Source(
            "# The headline\n\nA body paragraph that is long enough to count.\n",
            MediaType.MARKDOWN,
            "b.md",
        )
    )
    assert article.title == "The headline"
    assert [b.text for b in article.blocks] == ["A body paragraph that is long enough to count."]


def test_media_type_sniffing() -> None:
    assert sniff_media_type("<!doctype html><p>x</p>") is MediaType.HTML
    assert sniff_media_type("# Title\n\nSome text\n") is MediaType.MARKDOWN
    assert sniff_media_type("Title | Site\nHeadline\nBody text.\n") is MediaType.TEXT


def test_a_readme_that_opens_with_html_badges_is_markdown() -> None:
    readme = (
        '<div align="center">\n  <img src="logo.png" alt="Tool">\n</div>\n\n'
        "# Tool\n\nTool writes pages out.\n\n## Use\n\n"
        "```html\n<html><body><p>An example page</p></body></html>\n```\n"
    )
    assert sniff_media_type(readme) is MediaType.MARKDOWN
    fragment = (
        "<div><h2>Install</h2><p>Run these lines.</p><pre>\n# update\napt update\n"
        "# install\napt install tool\n</pre><p>Then start it.</p><p>Done.</p></div>\n"
    )
    assert sniff_media_type(fragment) is MediaType.HTML


def test_tables_are_rows_badges_are_not_captions_and_a_contents_heading_goes() -> None:
    text = (
        "# Tool\n\n[![Build](b.svg)](ci) [![PyPI](p.svg)](pypi)\n\n## Table of contents\n\n"
        "- [Install](#install)\n- [Options](#options)\n\n## Install\n\n"
        "Install the tool with pip on any machine that has Python three.\n\n## Options\n\n"
        "| Option | Default | Meaning |\n|--------|---------|---------|\n"
        "| `--rate` | 175 | words per minute |\n| `--volume` | 100 | percent |\n\n"
        "![A diagram of the pipeline from page to speech](d.png)\n"
    )
    article = extract(Source(text, MediaType.MARKDOWN, "t.md"))
    assert [(b.kind, b.text) for b in article.blocks] == [
        (BlockKind.HEADING, "Install"),
        (BlockKind.PARAGRAPH, "Install the tool with pip on any machine that has Python three."),
        (BlockKind.HEADING, "Options"),
        (BlockKind.PARAGRAPH, "Option; Default; Meaning"),
        (BlockKind.PARAGRAPH, "--rate; 175; words per minute"),
        (BlockKind.PARAGRAPH, "--volume; 100; percent"),
        (BlockKind.CAPTION, "A diagram of the pipeline from page to speech"),
    ]


def test_an_ascii_art_banner_is_not_read_and_never_the_title() -> None:
    """A README that opens with its name drawn in marks (an indented block, so code)
    and has no heading: the banner is left out, and the title is the file's name (its
    first words would be said twice: as the title, then as the text begins)."""
    banner = "\n".join(
        "    " + row
        for row in (
            r" __   __   _____  ______ ",
            r"/\ \ /\ \ /\  __\/\  __ \ ",
            r"\ \ \\_\ \\ \ \_/\ \ \/\ \ ",
            r" \ \_____\\ \_\  \ \_____\ ",
            r"  \/_____/ \/_/   \/_____/ ",
        )
    )
    text = f"{banner}\n\nTidepool buffers a stream in a pool so that readers never wait.\n"
    article = extract(Source(text, MediaType.MARKDOWN, "README.md"))
    assert article.title == "README"
    assert [b.kind for b in article.blocks] == [BlockKind.PARAGRAPH]


def test_marks_that_frame_a_first_line_are_not_part_of_the_title() -> None:
    text = "=== Western Harbour ===\n\nThe western harbour has two quays and a slipway for small boats.\n"
    article = extract(Source(text, MediaType.MARKDOWN, "harbour.md"))
    assert article.title == "Western Harbour"
    assert [b.text for b in article.blocks] == [  # the title line is said once, as the title
        "The western harbour has two quays and a slipway for small boats."
    ]


def test_a_text_with_no_title_line_is_titled_by_its_file_or_else_its_first_words() -> None:
    text = "The western harbour has two quays and a slipway for small boats and ferries.\n"
    named = extract(Source(text, MediaType.TEXT, "/home/ada/field_notes.txt"))
    assert named.title == "field notes"
    piped = extract(Source(text, MediaType.TEXT, "-"))
    assert piped.title == "The western harbour has two quays and a…"


def test_a_heading_that_says_the_front_matters_title_again_is_said_once() -> None:
    text = "---\ntitle: Harbour Guide\n---\n\n# Harbour Guide\n\nThe harbour has two quays and a slipway.\n"
    article = extract(Source(text, MediaType.MARKDOWN, "guide.md"))
    assert article.title == "Harbour Guide"
    assert [b.text for b in article.blocks] == ["The harbour has two quays and a slipway."]


def test_a_readmes_status_badges_are_not_described_but_a_picture_is() -> None:
    text = (
        "# Tidepool\n\n"
        "[![latest packaged version(s)](https://repology.org/badge/latest-versions/tidepool.svg)]"
        "(https://repology.org/project/tidepool)\n\n"
        "Tidepool buffers a stream in a pool so that readers never wait.\n\n"
        "![A heron standing in the river](heron.jpg)\n"
    )
    article = extract(Source(text, MediaType.MARKDOWN, "README.md"))
    captions = [b.text for b in article.blocks if b.kind is BlockKind.CAPTION]
    assert captions == ["A heron standing in the river"]


def test_a_github_alert_is_read_by_its_label() -> None:
    text = "# Pools\n\nA pool holds a stream.\n\n> [!TIP]\n> Drain the pool before you close it.\n"
    blocks = extract(Source(text, MediaType.MARKDOWN, "pools.md")).blocks
    assert [(b.kind, b.text) for b in blocks][-1] == (
        BlockKind.QUOTE,
        "Tip: Drain the pool before you close it.",
    )


def test_an_ordered_lists_items_say_their_numbers_and_are_one_sentence_each() -> None:
    """Steps are told apart by number ("step 3"), as the page shows them; the number is
    not a sentence of its own."""
    text = (
        "# Starting the machine\n\nDo these things in the order given, or the machine will "
        "not start again.\n\n1. Open the lid.\n2. Press the red button twice.\n\n"
        "- Keep the lid open\n\n4) Close it.\n"
    )
    article = extract(Source(text, MediaType.MARKDOWN, "steps.md"))
    items = [b for b in article.blocks if b.kind is BlockKind.LIST_ITEM]
    assert [b.text for b in items] == [
        "1. Open the lid.",
        "2. Press the red button twice.",
        "Keep the lid open",
        "4) Close it.",
    ]
    assert [len(b.sentences) for b in items] == [1, 1, 1, 1]


def test_a_list_inside_a_list_keeps_its_depth_and_markdown_indents_it() -> None:
    from readout.render import as_markdown, as_plain

    text = (
        "# Guide\n\nThe options are these, and the tool reads them in this order:\n\n"
        "- options\n  - encoding, the text's encoding\n  - flag, the file's flag\n- callback\n"
    )
    article = extract(Source(text, MediaType.MARKDOWN, "g.md"))
    items = [(b.level, b.text) for b in article.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [(1, "options"), (2, "encoding, the text's encoding"),
                     (2, "flag, the file's flag"), (1, "callback")]  # fmt: skip
    assert "\n    - encoding, the text's encoding\n" in as_markdown(article)
    # Plain text shows the bullets as the player does, an item in an item two columns in.
    plain = as_plain(article)
    assert "\n\n• options\n\n  • encoding, the text's encoding\n\n" in plain


def test_html_written_into_markdown_is_read_and_its_comments_are_not() -> None:
    """A reference written in Markdown puts its tables of constants in HTML (Node's
    docs do): each row is read as a table's row is, and a comment holding the entry's
    history ("<!-- YAML added: v1.0.0 -->") is not read."""
    text = (
        "# Signals\n\n<!-- YAML\nadded: v1.0.0\n-->\n\n"
        "The pool sends these signals to the process that runs it, one at a time.\n\n"
        "<table>\n  <tr>\n    <th>Constant</th>\n    <th>Description</th>\n  </tr>\n"
        "  <tr>\n    <td><code>POOL_FULL</code></td>\n    <td>Sent when the pool\n"
        "    can take no more bytes.</td>\n  </tr>\n</table>\n\n"
        "That is every signal that the pool sends, whatever it holds at the time.\n"
    )
    article = extract(Source(text, MediaType.MARKDOWN, "signals.md"))
    texts = [b.text for b in article.blocks]
    assert "Constant; Description" in texts
    assert "POOL_FULL; Sent when the pool can take no more bytes." in texts
    assert not any("YAML" in t or "added" in t for t in texts), texts


def test_a_short_note_in_markdown_is_read_not_refused() -> None:
    """A person's own Markdown has no furniture: a heading over three short items is a
    note to hear. A page of HTML with as little is still no article."""
    note = extract(Source("# Todo\n\n- buy milk\n- call the plumber\n- renew passport\n",
                          MediaType.MARKDOWN, "todo.md"))  # fmt: skip
    assert note.title == "Todo"
    assert [(b.kind, b.text) for b in note.blocks] == [
        (BlockKind.LIST_ITEM, "buy milk"),
        (BlockKind.LIST_ITEM, "call the plumber"),
        (BlockKind.LIST_ITEM, "renew passport"),
    ]
    with pytest.raises(InputError, match="no article text found"):
        extract(Source("<html><body><ul><li>buy milk</li><li>call the plumber</li></ul>"
                       "</body></html>", MediaType.HTML, "todo.html"))  # fmt: skip


def test_a_changelogs_index_of_versions_and_list_of_other_versions_are_contents() -> None:
    """A changelog opens with an HTML table of links to its own versions and a list,
    under one label, of links to the other changelogs: both are contents, not read."""
    index = "".join(f'<a href="#3.{n}.0">3.{n}.0</a><br/>\n' for n in range(6, 0, -1))
    text = (
        "# Gadget 3 changelog\n\n"
        f"<table>\n<tr><th>Current</th></tr>\n<tr>\n<td>\n{index}</td>\n</tr>\n</table>\n\n"
        "* Other versions\n  * [2.x](CHANGELOG_V2.md)\n  * [1.x](CHANGELOG_V1.md)\n"
        "  * [0.x](CHANGELOG_V0.md)\n\n"
        '<a id="3.6.0"></a>\n\n## 2026-11-02, Version 3.6.0\n\n'
        "This release makes every walk over a long list twice as fast as before.\n"
    )
    article, dropped = extract_with_dropped(Source(text, MediaType.MARKDOWN, "CHANGELOG_V3.md"))
    assert article.title == "Gadget 3 changelog"
    assert [b.text for b in article.blocks] == [
        "2026-11-02, Version 3.6.0",
        "This release makes every walk over a long list twice as fast as before.",
    ]
    contents = [d.text for d in dropped if d.reason is DropReason.CONTENTS]
    assert contents[0].startswith("Current 3.6.0 3.5.0")
    assert "2.x" in " ".join(contents)


def test_what_markdown_leaves_out_is_listed_as_markup() -> None:
    """Front matter the header does not show, an HTML comment and a link's target are
    not read; --dropped says so instead of "Nothing was left out"."""
    text = (
        "---\ntitle: gadget-ls\nsection: 1\ndescription: List the installed gadgets\n---\n\n"
        "<!-- YAML\nadded: v0.1.16\n-->\n\n"
        "Lists every gadget that is installed, with its version, as a tree [of folders][f].\n\n"
        "[f]: folders.md\n"
    )
    article, dropped = extract_with_dropped(Source(text, MediaType.MARKDOWN, "gadget-ls.md"))
    assert article.title == "gadget-ls"
    assert [(d.reason, d.text) for d in dropped] == [
        (DropReason.MARKUP, "section: 1 · description: List the installed gadgets"),
        (DropReason.MARKUP, "YAML added: v0.1.16"),
        (DropReason.MARKUP, "[F]: folders.md"),
    ]


def test_footnotes_keep_their_number_and_are_read_at_the_foot() -> None:
    """ "[^1]" was read out as written, and the notes ran together as one paragraph."""
    text = (
        "# Tides\n\nThe tables come from the harbour office[^office] and are checked.[^2]\n\n"
        "## Use\n\nAsk for a month and the tool prints each day's high and low water.\n\n"
        "[^office]: The office prints them each spring.\n[^2]: Times are local.\n"
    )
    article = extract(Source(text, MediaType.MARKDOWN, "tides.md"))
    assert [(b.kind, b.text) for b in article.blocks] == [
        (BlockKind.PARAGRAPH, "The tables come from the harbour office[1] and are checked.[2]"),
        (BlockKind.HEADING, "Use"),
        (BlockKind.PARAGRAPH, "Ask for a month and the tool prints each day's high and low water."),
        (BlockKind.HEADING, "Footnotes"),
        (BlockKind.LIST_ITEM, "1. The office prints them each spring."),
        (BlockKind.LIST_ITEM, "2. Times are local."),
    ]


def test_a_first_level_heading_under_the_opening_prose_is_a_section_not_the_title() -> None:
    """A README that opens with what the tool is, then "# Quick start": the title was
    "Quick start", and a readme's row of links to its translations was read out."""
    text = (
        "[![Build](https://ci.example/badge.svg)](https://ci.example)\n\n"
        "[English](README.md) • [Deutsch](README.de.md) • [Français](README.fr.md)\n\n"
        "Tidepool prints the tide tables of a harbour for a month, from the office's data.\n\n"
        "# Quick start\n\nInstall it and ask for the month you want to see.\n"
    )
    article = extract(Source(text, MediaType.MARKDOWN, "/home/ada/tidepool/README.md"))
    assert article.title == "tidepool README"
    assert [(b.kind, b.text) for b in article.blocks][:2] == [
        (
            BlockKind.PARAGRAPH,
            "Tidepool prints the tide tables of a harbour for a month, from the office's data.",
        ),
        (BlockKind.HEADING, "Quick start"),
    ]


def test_a_line_break_in_a_tables_cell_keeps_its_words_apart() -> None:
    """ "validation<br>Safety" in a cell was read "validationSafety"."""
    text = (
        "# Tool\n\nWhat the tool does well, and what it does not do at all yet.\n\n"
        "| Feature | Note |\n|---|---|\n| Full validation<br>Safety | 0BSD<br/>disputed |\n"
    )
    article = extract(Source(text, MediaType.MARKDOWN, "t.md"))
    assert article.blocks[-1].text == "Full validation Safety; 0BSD disputed"


def test_an_items_second_paragraph_goes_on_with_the_item() -> None:
    """It was shown and announced as an item of its own, with a bullet."""
    text = (
        "# T\n\nThe steps below install the tool on any machine with Python.\n\n"
        "1. Install it with pip:\n\n   ```\n   pip install tidepool\n   ```\n\n"
        "   See the notes below for other ways.\n\n   - on a server\n\n2. Run it.\n"
    )
    article = extract(Source(text, MediaType.MARKDOWN, "t.md"))
    assert [(b.kind, b.text, b.level) for b in article.blocks][1:] == [
        (BlockKind.LIST_ITEM, "1. Install it with pip:", 1),
        (BlockKind.CODE, "pip install tidepool", None),
        (BlockKind.PARAGRAPH, "See the notes below for other ways.", None),
        (BlockKind.LIST_ITEM, "on a server", 2),
        (BlockKind.LIST_ITEM, "2. Run it.", 1),
    ]
