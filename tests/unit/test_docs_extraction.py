"""Documentation pages (mdBook, Sphinx, rustdoc shapes): structure kept, furniture gone.

The fixtures in ``tests/fixtures/docs`` are our own pages in each generator's markup:
prose with inline code and links, h2/h3 headings, code blocks, a help dialog with a
heading, permalink marks, a table of contents and a sidebar.
"""

from __future__ import annotations

import pytest

from readout.article import Article, BlockKind
from readout.extract import extract
from readout.sources import MediaType, Source
from tests.conftest import FIXTURES

DOCS = FIXTURES / "docs"


def _page(name: str) -> Article:
    return extract(Source((DOCS / name).read_text("utf-8"), MediaType.HTML, name))


def _headings(article: Article) -> list[tuple[int | None, str]]:
    return [(b.level, b.text) for b in article.blocks if b.kind is BlockKind.HEADING]


def _codes(article: Article) -> list[str]:
    return [b.text for b in article.blocks if b.kind is BlockKind.CODE]


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("mdbook.html", "Ownership and Borrowing"),
        ("sphinx.html", "Configuring the scheduler"),
        ("rustdoc.html", "RingBuffer in tidepool::buffer"),
    ],
)
def test_the_title_is_the_page_never_the_product_or_a_dialog(name: str, title: str) -> None:
    article = _page(name)
    assert article.title == title
    text = "\n".join(b.text for b in article.blocks)
    assert "Keyboard shortcuts" not in text and "Keyboard Shortcuts" not in text
    assert "¶" not in text and "§" not in text


def test_a_sentence_stays_whole_across_inline_code_and_links() -> None:
    article = _page("mdbook.html")
    paragraphs = [b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH]
    assert (
        "The variable s refers to a string literal, which is stored in the program's "
        "read-only data. When you write let t = s;, the binding t becomes the owner and s "
        "can no longer be used. The compiler reports an error like E0382 if you try."
    ) in paragraphs
    assert "Press Ctrl+C to stop a program that loops forever." in " ".join(paragraphs)
    assert not [p for p in paragraphs if len(p.split()) < 3]


def test_every_heading_level_of_the_content_is_kept() -> None:
    assert _headings(_page("mdbook.html")) == [
        (2, "Moving a value"),
        (3, "Copy types"),
        (2, "Borrowing"),
        (2, "Summary"),
    ]
    assert _headings(_page("sphinx.html")) == [
        (2, "Choosing a queue"),
        (2, "Retry policy"),
        (3, "Limits"),
    ]
    assert _headings(_page("rustdoc.html")) == [
        (1, "Struct RingBuffer"),
        (2, "Examples"),
        (2, "Panics"),
        (2, "Implementations"),
        (3, "impl RingBuffer"),
        (4, "pub fn new(capacity: usize) -> Self"),
        (4, "pub fn push(&mut self, bytes: &[u8])"),
    ]


def test_code_blocks_keep_their_line_breaks_and_are_read_line_by_line() -> None:
    article = _page("mdbook.html")
    assert _codes(article) == [
        'let s = String::from("lamp");\nlet t = s;\nprintln!("{}", t);',
        "sudo apt update\nsudo apt install lantern-tools\nlantern --version",
    ]
    code = next(b for b in article.blocks if b.kind is BlockKind.CODE)
    assert [s.text for s in code.sentences] == code.text.split("\n")
    assert all(code.text[s.start : s.end] == s.text for s in code.sentences)
    assert _codes(_page("sphinx.html")) == [
        '[queue]\nkind = "sqlite"\npath = "/var/lib/beacon/jobs.db"',
        "beacon.start(retries=0)",
    ]


def test_tables_of_contents_sidebars_and_widget_labels_are_left_out() -> None:
    sphinx = "\n".join(b.text for b in _page("sphinx.html").blocks)
    assert sphinx.count("Choosing a queue") == 1  # the heading, not the contents entry
    assert "Quick search" not in sphinx and "Show Source" not in sphinx
    rustdoc = "\n".join(b.text for b in _page("rustdoc.html").blocks)
    assert "Expand description" not in rustdoc and "Copy item path" not in rustdoc
    assert "Methods" not in rustdoc.splitlines() and "Source" not in rustdoc.splitlines()
    assert "source" not in rustdoc and "0.7.0" not in rustdoc and "Notable traits" not in rustdoc
    assert "never again while the buffer lives." in rustdoc and "Read more" not in rustdoc
    assert "Appends bytes, dropping the oldest bytes first" in rustdoc


def test_short_lines_of_the_content_are_kept_table_rows_lead_ins_and_labels() -> None:
    """A short line is text when it is not a lone link: a lead-in, a note's label, a row."""
    texts = [b.text for b in _page("sphinx.html").blocks]
    assert "Compact form:" in texts and "Note" in texts
    assert texts[texts.index("Compact form:") + 1] == "beacon.start(retries=0)"
    rows = texts[texts.index("Setting; Meaning") :][:4]
    assert rows == ["Setting; Meaning", "retries; tries", "max_delay; seconds", "workers; jobs"]


def test_code_is_spoken_as_written_with_its_marks() -> None:
    """Numbers in code stay digits and brackets are said, so a listener can follow it."""
    from readout.speech.script import spoken_units

    text = (
        "# C\n\nThe dictionary example below shows the numbers as they are written:\n\n"
        '```\nd = {"four": 5, "six": 7}\n```\n\nIn prose, 5 apples are five apples.\n'
    )
    article = extract(Source(text, MediaType.MARKDOWN, "c.md"))
    units = {unit.kind: unit.spoken.text for unit in spoken_units(article)}
    code = units[BlockKind.CODE]
    assert "5" in code and "7" in code and "five" not in code and "seven" not in code
    assert "open brace" in code and "close brace" in code


def test_a_field_list_is_read_one_field_a_line_and_names_the_author() -> None:
    """Sphinx's "Author: Ada Whitcombe" was two paragraphs and no byline."""
    page = _page("sphinx.html")
    texts = [block.text for block in page.blocks]
    assert texts[:2] == ["Author: Ada Whitcombe", "Release: 4.2"]
    assert page.byline == "Ada Whitcombe"


def test_a_heading_with_nothing_under_it_is_left_out() -> None:
    """ "Indices and tables" over links that are furniture: "next heading" would go
    there to hear nothing."""
    assert "Indices and tables" not in [text for _, text in _headings(_page("sphinx.html"))]


def test_a_list_of_links_to_functions_is_content_not_controls() -> None:
    """A changelog lists what it removed as links to each function, written as code;
    a lone short link elsewhere ("Source") is still a control."""
    items = "".join(
        f'<li><p><a class="reference internal" href="api.html#{name}"><code class="xref">'
        f'<span class="pre">{name}()</span></code></a></p></li>'
        for name in ("beacon.open", "beacon.close", "beacon.flush")
    )
    page = f"""<html><head><meta name="generator" content="Docutils 0.19"><title>Changes</title>
    </head><body><div role="main"><h1>What changed in Beacon 5</h1>
    <p>Three functions that were deprecated in Beacon 4 are gone; the affected functions are:</p>
    <ul>{items}</ul><p><a href="src.html">Source</a></p>
    <p>Use the stream object's methods instead, which do the same and close cleanly.</p>
    </div></body></html>"""
    article = extract(Source(page, MediaType.HTML, "changes.html"))
    listed = [b.text for b in article.blocks if b.kind is BlockKind.LIST_ITEM]
    assert listed == ["beacon.open()", "beacon.close()", "beacon.flush()"]
    assert "Source" not in [b.text for b in article.blocks]


def test_a_listings_caption_under_its_code_is_kept() -> None:
    """mdBook writes "Listing 4-1: ..." as <p><span class="caption">; the body refers to
    the listing by that name, so the listener must hear which code is which."""
    prose = " ".join(f"Sentence {n} explains how the lantern keeps its state." for n in range(6))
    page = f"""<html><head><title>State - The Lantern Guide</title></head><body><main>
    <h1>Keeping state</h1><p>{prose} Listing 2-1 shows the smallest program.</p>
    <pre><code>fn main() {{
    let lamp = Lamp::new();
}}</code></pre>
    <p><span class="caption">Listing 2-1: The smallest lantern program</span></p>
    <p>{prose.replace("Sentence", "Line")}</p></main></body></html>"""
    article = extract(Source(page, MediaType.HTML, "state.html"))
    kinds = [(b.kind, b.text) for b in article.blocks]
    code_at = next(i for i, (kind, _) in enumerate(kinds) if kind is BlockKind.CODE)
    assert kinds[code_at + 1] == (BlockKind.CAPTION, "Listing 2-1: The smallest lantern program")
