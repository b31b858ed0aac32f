"""Documentation pages (mdBook, Sphinx, rustdoc shapes): structure kept, furniture gone.

The fixtures in ``tests/fixtures/docs`` are our own pages in each generator's markup:
prose with inline code and links, h2/h3 headings, code blocks, a help dialog with a
heading, permalink marks, a table of contents and a sidebar.
"""

from __future__ import annotations

import re

import pytest

from readout.article import Article, BlockKind
from readout.extract import extract, extract_with_dropped
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


def test_a_prompt_before_code_is_shown_and_not_said() -> None:
    """ ">>> " on every line of a session was read "greater than greater than greater
    than"; the word marks still land on the code after it."""
    from readout.speech.script import spoken_units

    text = (
        "# C\n\nThe session below starts the tool and asks for help.\n\n"
        "```\n>>> import tool\n... tool.run()\n$ tool --help\nIn [2]: tool.stop()\n```\n"
    )
    article = extract(Source(text, MediaType.MARKDOWN, "c.md"))
    lines = [unit.spoken for unit in spoken_units(article) if unit.kind is BlockKind.CODE]
    assert [line.shown for line in lines] == [
        ">>> import tool",
        "... tool.run()",
        "$ tool --help",
        "In [2]: tool.stop()",
    ]
    assert [line.text.split()[0] for line in lines] == ["import", "tool", "tool", "tool"]
    assert not any("greater" in line.text or "dollar" in line.text for line in lines)
    first = lines[0]
    assert first.shown[slice(*_span(first.to_shown(0, len("import"))))] == "import"


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


_PLAIN_PAGE = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">
<html><head><title>Tidepool Usage Example</title></head>
<body bgcolor="#FFFFFF">
<h2 align="center"> Tidepool Usage Example </h2>
People often ask how the <tt>fill()</tt> and <tt>drain()</tt> calls should be used, when to
give more input and when to take more output. So below is an annotated example of a
small program that fills a pool from a file and drains it to another.
<p>
Here is the program <a href="pool.c"><tt>pool.c</tt></a>:
<pre><b>
/* pool.c: an example of fill() and drain()
   Not copyrighted -- provided to the public domain */
</b></pre><!-- -->
We now include the header files for the definitions we need. From <tt>stdio.h</tt> we
use <tt>fopen()</tt> and <tt>fread()</tt> for the files, and <tt>fputs()</tt> for errors.
<pre><b>
#include &lt;stdio.h&gt;
#include "tidepool.h"
</b></pre><!-- -->
The buffer size is simply how much is fed to the pool at a time. Larger buffers are
faster, if the memory is there to spare.
<pre><b>
#define CHUNK 16384
</b></pre>
<p>The pool is drained until it says it is empty, and never before.
<p>The pool is drained until it says it is empty, and never before.
</body></html>"""


def test_a_page_that_is_only_its_text_is_read_whole() -> None:
    """A hand-written page with its prose straight in <body> between <pre>s (no
    containers, no menus): every paragraph, each listing with its line breaks, and a
    paragraph the page says twice, twice."""
    article = extract(Source(_PLAIN_PAGE, MediaType.HTML, "example.html"))
    assert article.title == "Tidepool Usage Example"
    texts = [b.text for b in article.blocks if b.kind is not BlockKind.HEADING]
    assert texts[0].startswith("People often ask how the fill() and drain() calls")
    assert texts[1] == "Here is the program pool.c:"
    assert _codes(article) == [
        "/* pool.c: an example of fill() and drain()\n"
        "   Not copyrighted -- provided to the public domain */",
        '#include <stdio.h>\n#include "tidepool.h"',
        "#define CHUNK 16384",
    ]
    assert any(t.startswith("We now include the header files") for t in texts)
    assert any(t.startswith("The buffer size is simply") for t in texts)
    assert texts.count("The pool is drained until it says it is empty, and never before.") == 2


_MANUAL_NODE = """<html><head><title>Draining (tidepool: a pool for streams)</title></head>
<body lang="en"><div class="chapter" id="Draining">
<div class="header"><p>
Next: <a href="Filling.html" accesskey="n" rel="next">Filling</a>, Previous:
<a href="Types.html" accesskey="p" rel="prev">Types</a>, Up:
<a href="index.html" accesskey="u" rel="up">tidepool</a> &nbsp;
[<a href="Index.html" title="Index" rel="index">Index</a>]</p></div>
<hr><h2 class="chapter">3 Draining</h2>
<p>A pool is drained by calling <code>drain()</code> until it says it is empty; each
call hands back as much as the buffer holds, and never more than the pool has.</p>
<p>A drain that fails leaves the pool as it was, so the call can simply be tried
again once the reason for the failure has been dealt with.</p>
</div></body></html>"""


def test_a_manuals_pager_is_left_out_and_its_numbered_heading_is_the_title_said_once() -> None:
    """Texinfo's "Next: …, Previous: …, Up: …" links (``rel="next"``) are navigation; the
    window title "Draining (tidepool: …)" names the manual after the node, and the
    node's heading "3 Draining" is that title with its place in the manual."""
    article = extract(Source(_MANUAL_NODE, MediaType.HTML, "Draining.html"))
    assert article.title == "3 Draining"
    assert not any("Previous" in b.text for b in article.blocks)
    assert article.blocks[0].text.startswith("A pool is drained by calling drain()")


def test_a_manuals_pager_again_at_the_foot_of_the_page_is_left_out_too() -> None:
    """Texinfo repeats the pager under the node, its links unmarked this time."""
    footer = """<hr><div class="header"><p>
Next: <a href="Filling.html">Filling</a>, Previous: <a href="Types.html">Types</a>, Up:
<a href="index.html">tidepool</a> &nbsp; [<a href="Index.html" title="Index" rel="index">Index</a>]</p>
</div>"""
    page = _MANUAL_NODE.replace("</div></body>", f"</div>{footer}</body>")
    article = extract(Source(page, MediaType.HTML, "Draining.html"))
    assert article.blocks[-1].text.startswith("A drain that fails leaves the pool as it was")


def test_a_readmes_contents_list_is_left_out_even_with_one_link_to_another_page() -> None:
    page = """<html><head><title>Tidepool</title></head><body><h1>Tidepool</h1>
    <ul><li><a href="#features">Features</a></li><li><a href="docs/pools.html">Pools</a></li>
    <li><a href="#history">History</a></li><li><a href="#licence">Licence</a></li></ul>
    <p>Tidepool is a small library that buffers a stream in a pool, so that a reader
    and a writer that run at different speeds never wait for each other.</p>
    <h2 id="features">Features</h2><p>It fills from any file and drains to any other,
    and it never holds more than the pool's size in memory at once.</p>
    <h2 id="history">History</h2><p>It began as part of a harbour's timetable service,
    which had to read sailings faster than the boats could report them.</p>
    <h2 id="licence">Licence</h2><p>It may be used by anyone for anything, and it comes
    with no promise at all, as the licence file in the source says.</p></body></html>"""
    article = extract(Source(page, MediaType.HTML, "README.html"))
    assert article.blocks[0].text.startswith("Tidepool is a small library")
    assert not any(b.kind is BlockKind.LIST_ITEM for b in article.blocks)


def test_a_section_of_declarations_is_kept_and_stamp_lines_are_left_out() -> None:
    """rustdoc's "Auto Trait Implementations" holds only headings with nothing under
    them, but each is a declaration that says what the type has ("impl Send for Ring"),
    so "next heading" lands on something to hear; "const: unstable · source" is a stamp
    beside a method, not text."""
    prose = "The ring buffer keeps the newest items and lets the oldest fall away in turn."
    page = f"""<html><head><title>Ring in tidepool</title>
    <meta name="generator" content="rustdoc"></head><body><main>
    <h1>Struct Ring</h1><p>{prose}</p>
    <h2>Implementations</h2>
    <section><span class="rightside"><span class="since">const: unstable</span> ·
    <a class="srclink" href="src.html">source</a></span>
    <h4 class="code-header">pub const fn new() -&gt; Ring</h4></section>
    <p>Makes an empty ring. {prose}</p>
    <h2>Auto Trait Implementations</h2>
    <h3 class="code-header">impl Send for Ring</h3>
    <h3 class="code-header">impl Sync for Ring</h3>
    </main></body></html>"""
    article = extract(Source(page, MediaType.HTML, "struct.Ring.html"))
    headings = [text for _, text in _headings(article)]
    assert headings == [
        "Struct Ring",
        "Implementations",
        "pub const fn new() -> Ring",
        "Auto Trait Implementations",
        "impl Send for Ring",
        "impl Sync for Ring",
    ]
    assert not any("unstable" in b.text for b in article.blocks)


_DOCBOOK_PAGE = """<html><head><title>The Tidepool Manual</title>
<meta name="generator" content="DocBook XSL Stylesheets V1.79.2"></head><body>
<div class="navheader"><table summary="Navigation header"><tr><th colspan="3">The Tidepool
Manual</th></tr><tr><td><a accesskey="p" href="prev.html">Prev</a></td><td></td>
<td><a accesskey="n" href="next.html">Next</a></td></tr></table></div>
<div class="book"><div class="titlepage"><h1 class="title">The Tidepool Manual</h1>
<h3 class="author">Mira Sol</h3><h3 class="author">Ada Whitcombe</h3>
<p class="copyright">Copyright © 2026 Mira Sol</p>
<div class="legalnotice"><p>This manual may be copied and shared under the terms of the
licence that comes with the program, and with no promise of any kind.</p></div></div>
<div class="toc"><p><b>Table of Contents</b></p><dl><dt>1. <a href="#intro">Introduction</a></dt>
<dt>2. <a href="#goals">Design goals</a></dt></dl></div>
<div class="chapter"><h2 id="intro">1. Introduction</h2>
<p>Tidepool buffers a stream in a pool, so that a reader and a writer that run at
different speeds never wait for each other, and nothing is lost between them.</p>
<h2 id="goals">2. Design goals</h2><div class="itemizedlist"><ul>
<li>very fast fills and drains, even for pools of many gigabytes at a time;</li>
<li>when memory and speed are in conflict, prefer memory, since pools run for days.</li>
</ul></div></div></div>
<div class="navfooter"><table><tr><td><a accesskey="p" href="prev.html">Prev</a></td>
<td><a accesskey="h" href="index.html">Home</a></td></tr></table></div></body></html>"""


def test_a_docbook_manual_keeps_its_headings_lists_and_authors_and_not_its_furniture() -> None:
    """A manual from DocBook has no <main>: its body is read with our own rules, less its
    Prev / Next tables, its copyright and licence notice and its contents; its authors,
    one heading each on the title page, are the byline."""
    article = extract(Source(_DOCBOOK_PAGE, MediaType.HTML, "manual.html"))
    assert article.title == "The Tidepool Manual"
    assert article.byline == "Mira Sol, Ada Whitcombe"
    assert [text for _, text in _headings(article)] == ["1. Introduction", "2. Design goals"]
    items = [b.text for b in article.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items[0].startswith("very fast fills and drains") and len(items) == 2
    texts = " ".join(b.text for b in article.blocks)
    for furniture in ("Prev", "Next", "Copyright", "licence", "Table of Contents", "Mira Sol"):
        assert furniture not in texts


def test_a_list_item_with_paragraphs_is_one_item_and_its_body() -> None:
    """An FAQ written as <li><em>question</em><p>answer</p><p>more</p></li>: the question
    is the item, its paragraphs are paragraphs (they were each an item, so a list of
    three questions read as nineteen items); an item that is only a <p> stays an item."""
    answer = "The pool is drained by calling drain() until it says it is empty, and never before."
    page = f"""<html><head><title>FAQ</title></head><body><main><h1>FAQ</h1><ol>
    <li><em>How is a pool drained?</em><p>{answer}</p><p><code>drain(pool)</code></p></li>
    <li><em>Can a pool be shared?</em><p>Yes, by any number of readers at a time, {answer}</p></li>
    </ol><ul><li><p>A pool holds at most its size in memory, whatever the stream.</p></li>
    <li><p>A pool can be drained to any file the program can open.</p></li></ul></main></body></html>"""
    article = extract(Source(page, MediaType.HTML, "FAQ.html"))
    kinds = [(b.kind, b.text[:22]) for b in article.blocks]
    assert kinds == [
        (BlockKind.LIST_ITEM, "1. How is a pool drain"),  # an ordered list says its numbers
        (BlockKind.PARAGRAPH, "The pool is drained by"),
        (BlockKind.PARAGRAPH, "drain(pool)"),
        (BlockKind.LIST_ITEM, "2. Can a pool be share"),
        (BlockKind.PARAGRAPH, "Yes, by any number of "),
        (BlockKind.LIST_ITEM, "A pool holds at most i"),
        (BlockKind.LIST_ITEM, "A pool can be drained "),
    ]


def test_a_products_banner_heading_and_code_given_twice_in_one_pre() -> None:
    """Node's API pages open with "Node.js v20 documentation" in a <header>, the window
    title's last part: the product, not the page. Their examples hold the ES module and
    the CommonJS form in one <pre>, a <code> each: they are kept apart."""
    prose = "The pool module reads a stream into a pool and hands it on at the reader's pace."
    page = f"""<html><head><title>Pool streams | Tidepool v2.1.0 Documentation</title></head><body>
    <div id="column1"><header class="header"><h1>Tidepool v2.1.0 documentation</h1></header>
    <div id="apicontent"><h2>Pool streams</h2><p>{prose} {prose}</p><p>To use the pools:</p>
    <pre><code class="language-js mjs">import * as pool from 'tidepool';</code><code
    class="language-js cjs">const pool = require('tidepool');</code></pre>
    <p>{prose} {prose} {prose}</p></div></div></body></html>"""
    article = extract(Source(page, MediaType.HTML, "pools.html"))
    assert article.title == "Pool streams"
    assert "documentation" not in " ".join(t for _, t in _headings(article)).lower()
    assert _codes(article) == [
        "import * as pool from 'tidepool';\n\nconst pool = require('tidepool');"
    ]


def test_a_table_row_whose_cell_names_the_next_reads_as_one_phrase() -> None:
    page = """<html><head><title>Drain</title></head><body><main><h1>Drain</h1>
    <p>The drain call hands back what the pool holds, as much as the buffer takes.</p>
    <table><tr><td>pool:</td><td>the pool to drain</td></tr>
    <tr><td>size</td><td>how much to take</td></tr></table>
    <p>It never blocks, and it never takes more than the pool has in it at the time.</p>
    </main></body></html>"""
    texts = [b.text for b in extract(Source(page, MediaType.HTML, "drain.html")).blocks]
    assert "pool: the pool to drain" in texts and "size; how much to take" in texts


def test_a_contents_list_before_the_first_paragraph_goes_whole() -> None:
    """A guide's nested contents: in-page links, links to other pages and plain labels
    ("Command line usage" over links to man pages). Its inner lists went and left the
    labels as three list items; before the page's first paragraph, it is all contents."""
    prose = "To install the pool on Linux, use the package manager of your distribution."
    page = f"""<html><head><title>Pool guide</title></head><body><h1>Pool guide</h1>
    <ul><li><a href="#install">Installation</a><ul><li><a href="#linux">Linux</a></li></ul></li>
    <li>Command line usage<ul><li><a href="pool.1.html">pool Command Line</a></li></ul></li>
    <li>Library usage<ul><li><a href="integration.html">Integration guide</a></li></ul></li></ul>
    <h2 id="install">Installation</h2><h3 id="linux">Linux</h3><p>{prose} {prose}</p>
    <p>{prose} It takes a minute, and nothing else needs to be set up.</p></body></html>"""
    article = extract(Source(page, MediaType.HTML, "guide.html"))
    assert not any(b.kind is BlockKind.LIST_ITEM for b in article.blocks)
    assert [text for _, text in _headings(article)] == ["Installation", "Linux"]


def test_a_manuals_layout_table_is_read_as_its_blocks() -> None:
    """DocBook lays a FAQ out in a table: a section's heading in one row, its questions'
    contents in another, then numbered question and answer rows with paragraphs and
    listings in their cells. Rows with blocks in them are layout, read block by block
    (they were flattened into one line each, headings and listings too)."""
    answer = "The pool is drained by calling drain() until it says it is empty, never before."
    page = f"""<html><head><title>Tidepool FAQ</title>
    <meta name="generator" content="DocBook XSL Stylesheets V1.79.2"></head><body>
    <div class="qandaset"><dl><dt>1. <a href="faq.html#basics">Basics</a></dt>
    <dd>1.1. <a href="faq.html#drain">How is a pool drained?</a></dd>
    <dd>1.2. <a href="faq.html#share">Can a pool be shared?</a></dd></dl>
    <table summary="Q and A Div"><tr class="qandadiv"><td colspan="2"><h3 class="title">1. Basics</h3></td></tr>
    <tr class="toc"><td colspan="2">1.1. <a href="faq.html#drain">How is a pool drained?</a><br>
    1.2. <a href="faq.html#share">Can a pool be shared?</a></td></tr>
    <tr class="question"><td><b>1.1.</b></td><td><b>How is a pool drained?</b></td></tr>
    <tr class="answer"><td></td><td><p>{answer}</p><pre class="programlisting">drain(pool)
drain(pool, size=10)</pre></td></tr>
    <tr class="question"><td><b>1.2.</b></td><td><p>Can a pool be shared, as here?</p>
    <pre class="screen">pool --share</pre></td></tr>
    <tr class="answer"><td></td><td><p>Yes, by any number of readers. {answer}</p></td></tr>
    </table></div></body></html>"""
    article = extract(Source(page, MediaType.HTML, "faq.html"))
    assert [(b.kind, b.text[:24]) for b in article.blocks] == [
        (BlockKind.HEADING, "1. Basics"),
        (BlockKind.PARAGRAPH, "1.1. How is a pool drain"),
        (BlockKind.PARAGRAPH, "The pool is drained by c"),
        (BlockKind.CODE, "drain(pool)\ndrain(pool, "),
        (BlockKind.PARAGRAPH, "1.2. Can a pool be share"),
        (BlockKind.CODE, "pool --share"),
        (BlockKind.PARAGRAPH, "Yes, by any number of re"),
    ]


def test_a_texinfo_manual_leaves_out_its_node_menus_and_keeps_numbered_subsections() -> None:
    """makeinfo writes a node's menu as <table class="menu"> and gives a subsection and
    its subsubsections the same <h4>: "7.1.2" over "7.1.2.1" is not an empty heading."""
    prose = "A hash function maps a message of any length to a digest of a fixed size."
    page = f"""<html><head><title>Tidepool manual</title>
    <meta name="Generator" content="makeinfo"></head><body>
    <h1 class="settitle">Tidepool manual</h1><p>{prose} {prose}</p>
    <table class="menu"><tr><td>&bull; <a href="#Hashes">Hashes</a></td><td>What they are</td></tr>
    <tr><td>&bull; <a href="#Pools">Pools</a></td><td>Where streams wait</td></tr></table>
    <h4 class="subsection">7.1.2 Other hash functions</h4>
    <h4 class="subsubsection">7.1.2.1 STREEBOG512</h4><p>{prose}</p>
    <h4 class="subsubsection">7.1.2.2 SM3</h4><p>{prose}</p></body></html>"""
    article = extract(Source(page, MediaType.HTML, "tidepool.html"))
    assert [t for _, t in _headings(article)] == [
        "7.1.2 Other hash functions", "7.1.2.1 STREEBOG512", "7.1.2.2 SM3",
    ]  # fmt: skip
    assert not any("Where streams wait" in b.text for b in article.blocks)


def test_lines_an_mdbook_example_hides_are_not_read() -> None:
    """mdBook hides an example's scaffolding (<span class="boring">fn main() {</span>)
    until asked: the listener hears the lines the reader sees."""
    prose = "The ring buffer keeps the newest items and lets the oldest fall away in turn."
    page = f"""<html><head><title>Rings</title><meta name="generator" content="mdBook">
    </head><body><main><h1>Rings</h1><p>{prose} {prose}</p><pre><code class="language-rust">\
<span class="boring">fn main() {{
</span>    let ring = Ring::new(4);
<span class="boring">}}
</span></code></pre><p>{prose}</p></main></body></html>"""
    article = extract(Source(page, MediaType.HTML, "rings.html"))
    assert _codes(article) == ["let ring = Ring::new(4);"]


def test_a_docbook_author_with_an_affiliation_and_a_source_code_link() -> None:
    """The byline is the author's name, not "Mira SolHarbour Board" (the organisation
    run on, or every name of the author group run together); "Source code: lib/pool.js"
    is a link to a file, not text to hear."""
    prose = "The pool buffers a stream so that a reader and a writer never wait for each other."
    page = f"""<html><head><title>Tidepool</title>
    <meta name="generator" content="DocBook XSL Stylesheets V1.79.2"></head><body>
    <div class="book"><div class="titlepage"><h1 class="title">Tidepool</h1>
    <div class="authorgroup"><div class="author"><h3 class="author">Mira Sol</h3>
    <div class="affiliation"><span class="orgname">Harbour Board<br></span></div></div></div></div>
    <p>Source code: lib/pool.js</p><p>{prose} {prose}</p></div></body></html>"""
    article = extract(Source(page, MediaType.HTML, "tidepool.html"))
    assert article.byline == "Mira Sol"
    assert not any(b.text == "Mira Sol" for b in article.blocks)  # said as the byline
    assert not any(b.text.startswith("Source code") for b in article.blocks)


def test_text_straight_in_a_documentation_div_is_read_whole() -> None:
    """A hand-written reference page puts each function's description straight in a
    ``<div>``, with ``<code>`` inside it: the sentences stay whole, none is cut where
    the code starts."""
    entries = "".join(
        f"""<h4 id="harbour_{n}">harbour_{n}</h4>
        <pre class="fcndec">int harbour_{n}(harbour *h);</pre>
        <div class="fcndef">Free the memory the harbour holds for its {n} ferry. After this
        has been called, <code>h</code> is ready to be given to another ferry, and the
        callbacks set on it are cleared, except for <code>on_{n}</code>.</div>"""
        for n in ("first", "second", "third", "fourth", "fifth", "sixth")
    )
    overview = "".join(
        f"<p>The harbour library keeps the {n} list of ferries in memory and calls back "
        "the program whenever a ferry comes in, leaves, or is late by its allowance.</p>"
        for n in ("first", "second", "third", "fourth", "fifth")
    )
    page = f"""<html><head><title>Harbour Reference</title></head><body>
      <div class="nav"><a href="index.html">Home</a> <a href="api.html">API</a></div>
      <div class="content"><h1>Harbour Reference</h1>{overview}<hr/>
      <h2>Reference</h2>{entries}</div></body></html>"""
    article = extract(Source(page, MediaType.HTML, "reference.html"))
    paragraphs = [b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs[5] == (
        "Free the memory the harbour holds for its first ferry. After this has been "
        "called, h is ready to be given to another ferry, and the callbacks set on it are "
        "cleared, except for on_first."
    )
    assert len(paragraphs) == 11


def _blog_page(title: str, sentence: str, code: str) -> str:
    """A blog post (menus, a sidebar, a footer) of three paragraphs, then ``code``."""
    story = "".join(f"<p>The {n} {sentence}</p>" for n in ("first", "second", "third"))
    return f"""<html><head><title>{title} | A blog</title></head><body>
      <div class="top"><a href="/">Home</a> <a href="/about">About</a></div>
      <div class="wrap"><div class="side"><a href="/old">Older posts</a></div>
      <div class="post"><article><h1>{title}</h1>{story}{code}</article></div></div>
      <div class="foot">Comments are closed.</div></body></html>"""


def test_a_bare_pre_on_a_news_shaped_page_is_code_with_its_line_breaks() -> None:
    """A blog's ``<pre>`` with no ``<code>`` and no highlighter in it: trafilatura
    reads it as a quote, lines run together; it is code, one line a line."""
    page = _blog_page(
        "Setting up the tool",
        "time I set the tool up on a new machine, it took longer than the install itself "
        "to find out which of the steps were still needed at all.",
        """<pre>pip install thetool</pre>
      <p>Then check what it found, which prints its version and the place it reads
      its settings from, so you know it is the one you meant to install.</p>
      <pre>thetool --version
thetool --where</pre>""",
    )
    article = extract(Source(page, MediaType.HTML, "post.html"))
    assert _codes(article) == ["pip install thetool", "thetool --version\nthetool --where"]
    assert not any(b.kind is BlockKind.QUOTE for b in article.blocks)


def test_a_manuals_copyright_chapter_is_read_a_footers_copyright_line_is_not() -> None:
    """``<section id="copyright">`` that opens with its own heading is a chapter ("1.
    Copyright", with the authors); a footer's ``class="copyright"`` line is furniture."""
    page = """<html><head><meta name="generator" content="Docutils 0.19">
      <title>Tidepool Policy documentation</title></head><body>
      <div class="body" role="main">
      <section id="abstract"><h1>Abstract</h1><p>This document says how streams are
      pooled and which packages may share a pool, and what each must promise.</p></section>
      <section id="copyright"><h2>1. Copyright</h2><p>Authors: Ada Whitcombe and
      Ben Lorrimer, who wrote it for the pool's first release and keep it now.</p></section>
      <section id="pools"><h2>2. Pools</h2><p>A pool is shared by the packages that name
      it, and each of them must drain it before it is closed.</p></section></div>
      <div class="footer"><p class="copyright">Copyright 2024, the tidepool team.</p></div>
      </body></html>"""
    article = extract(Source(page, MediaType.HTML, "policy.html"))
    texts = [b.text for b in article.blocks]
    assert "1. Copyright" in texts and any(t.startswith("Authors: Ada") for t in texts)
    assert not any("tidepool team" in t for t in texts)


def test_a_reference_whose_headings_are_code_keeps_its_parameter_lists() -> None:
    """A site's own API reference (no generator named) shows itself by headings that
    are code; the parameter lists under them, mostly links to types, are read."""
    entries = "".join(
        f"""<section><h3><code>harbour.{name}(ferry[, options])</code>
        <span><a class="mark" href="#{name}">#</a></span></h3>
        <ul><li><code>ferry</code> <a href="types.html#string" class="type">&lt;string&gt;</a></li>
        <li><code>options</code> <a href="types.html#object" class="type">&lt;Object&gt;</a>
        How long to wait</li>
        <li>Returns: <a href="types.html#boolean" class="type">&lt;boolean&gt;</a></li></ul>
        <p>The <code>harbour.{name}()</code> method tells the harbour that the ferry
        {name}s, and returns whether the harbour master agreed to it in time.</p></section>"""
        for name in ("arrive", "leave", "wait", "moor")
    )
    links = "".join(f'<li><a href="{n}.html">{n.title()}</a></li>' for n in ("ferries", "tides"))
    page = f"""<html><head><title>Harbour | Tidepool v2.1 Documentation</title></head>
      <body><div id="side"><ul>{links}</ul></div>
      <div id="content" role="main"><h2>Harbour</h2>
      <p>The harbour module keeps track of the ferries that come and go, and of what
      each of them promised the harbour master before it was let in.</p>{entries}</div>
      <div id="foot"><a href="https://example.org/edit">Edit on the tracker</a></div>
      </body></html>"""
    article = extract(Source(page, MediaType.HTML, "harbour.html"))
    items = [b.text for b in article.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items[:3] == [
        "ferry <string>",
        "options <Object> How long to wait",
        "Returns: <boolean>",
    ]
    assert len(items) == 12
    assert ("harbour.moor(ferry[, options])") in [b.text for b in article.blocks]
    assert article.title == "Harbour"
    assert not any("Ferries" in b.text or "Edit on" in b.text for b in article.blocks)


def test_a_book_whose_headings_link_to_themselves_keeps_them_over_tables_of_links() -> None:
    """mdBook names no generator; its headings link to themselves. A chapter that is an
    index (long tables whose cells are mostly links) keeps its headings and tables."""
    words = "harbour ferry tide moor cast drain buoy pier quay sail mast keel hull deck rope knot"

    def table(section: str) -> str:
        rows = "".join(
            f'<tr><td><code>{w}</code></td><td><a href="{w}.html">{w} {section}</a>, '
            f'<a href="{w}-items.html">{w} items</a></td></tr>'
            for w in words.split()
        )
        return f"<table><thead><tr><th>Word</th><th>Use</th></tr></thead>{rows}</table>"

    sections = "".join(
        f'<h2 id="{name.lower()}"><a class="header" href="#{name.lower()}">{name}</a></h2>'
        f"{table(name.lower())}"
        for name in ("Keywords", "Operators", "Marks")
    )
    page = f"""<html><head><title>Index - The Tidepool Book</title></head><body>
      <nav id="sidebar"><ol><li><a href="intro.html">Introduction</a></li>
      <li><a href="pools.html">Pools</a></li></ol></nav>
      <div id="page-wrapper"><div class="page"><div id="content" class="content"><main>
      <h1 id="index"><a class="header" href="#index">Index</a></h1>
      <p>This appendix lists the words of the language and the forms they take, with
      links to where each of them is defined.</p>{sections}</main></div></div></div>
      </body></html>"""
    article = extract(Source(page, MediaType.HTML, "index.html"))
    assert _headings(article) == [(2, "Keywords"), (2, "Operators"), (2, "Marks")]
    rows = [b.text for b in article.blocks if b.text.startswith("knot;")]
    assert rows == [f"knot; knot {name}, knot items" for name in ("keywords", "operators", "marks")]
    assert not any("Pools" in b.text for b in article.blocks)


def test_a_code_listing_in_a_figure_is_read() -> None:
    """A blog's highlighted code (Jekyll's ``<figure class="highlight">``) or a book's
    "Listing 2-1" is a figure holding a ``<pre>``: trafilatura leaves figures out."""
    page = _blog_page(
        "Reading the tide table",
        "thing the program does is read the tide table, which it keeps in a file beside "
        "it, and check that every line of it has a time and a height.",
        """<figure class="highlight"><pre><code class="language-python">for line in table:
    time, height = line.split()</code></pre></figure>
      <p>That loop is all it takes, and it stops at the first line that does not have
      the two fields it wants, saying which line that was.</p>""",
    )
    article = extract(Source(page, MediaType.HTML, "post.html"))
    assert _codes(article) == ["for line in table:\n    time, height = line.split()"]


def test_a_linked_item_of_a_list_of_prose_is_read() -> None:
    """ "Items" alone is a link, but its list says "Variables and function parameters"
    too: it is the text's list, not a row of controls."""
    page = """<html><head><meta name="generator" content="mdbook 0.4"><title>Keywords</title>
      </head><body><main><h1>Keywords</h1>
      <p>These keywords can only be used where the grammar allows them. They cannot be
      used as the names of:</p>
      <ul><li><a href="items.html">Items</a></li>
      <li><a href="variables.html">Variables</a> and function parameters</li>
      <li>Fields and <a href="enums.html">variants</a></li>
      <li><a href="crates.html">Crates</a></li></ul>
      <p>Each of them is listed below with the edition that made it a keyword.</p>
      <p><a href="https://example.org/edit/keywords.md">Edit</a></p></main></body></html>"""
    article = extract(Source(page, MediaType.HTML, "keywords.html"))
    items = [b.text for b in article.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == ["Items", "Variables and function parameters", "Fields and variants", "Crates"]
    assert not any(b.text == "Edit" for b in article.blocks)


def _book_page(title: str, body: str) -> str:
    return f"""<html><head><title>{title} - The Tidepool Book</title></head><body>
      <nav id="sidebar"><ol><li><a href="intro.html">Introduction</a></li></ol></nav>
      <div id="page-wrapper"><div class="menu-bar"><h1 class="menu-title">The Tidepool Book</h1>
      </div><main>{body}</main></div></body></html>"""


def test_a_chapter_called_comments_keeps_its_heading_and_is_titled_by_it() -> None:
    """A book's chapter on comments in code: its one heading, which links to itself,
    is not a blog's comment section, and it is the title."""
    body = """<h2 id="comments"><a class="header" href="#comments">Comments</a></h2>
      <p>Programmers leave comments in their code that the compiler ignores but that
      people who read the code later find useful, and this chapter shows how.</p>"""
    article = extract(Source(_book_page("Comments", body), MediaType.HTML, "comments.html"))
    assert article.title == "Comments"
    assert article.blocks[0].text.startswith("Programmers leave comments")


def test_a_heading_that_says_the_window_title_in_more_words_is_the_title() -> None:
    body = """<h1 id="appendix-a"><a class="header" href="#appendix-a">Appendix A: Keywords</a></h1>
      <p>The following lists hold the words that the language keeps for itself, now or
      for the future, so that they cannot be used as the names of things.</p>"""
    article = extract(Source(_book_page("A - Keywords", body), MediaType.HTML, "a.html"))
    assert article.title == "Appendix A: Keywords"
    assert article.blocks[0].kind is BlockKind.PARAGRAPH


def test_a_banner_heading_and_a_headings_source_link_are_not_the_title() -> None:
    """Node's pages open with the product's banner heading; the page's own heading has
    a "[src]" link in it. The title is "Stream", not "Stream | Node.js … Documentation"."""
    entries = "".join(
        f"<section><h3><code>stream.{n}()</code></h3><p>The stream.{n}() method does what "
        f"its name says, {n}ing the stream, and returns it so calls can be chained.</p></section>"
        for n in ("pipe", "pause", "drain")
    )
    page = f"""<html><head><title>Stream | Tidepool v2.1 Documentation</title></head><body>
      <div id="content"><header><h1>Tidepool v2.1 documentation</h1></header>
      <div id="apicontent" role="main"><h2>Stream<a class="srclink" href="https://example.org/src/stream.js">[src]</a></h2>
      <p>A stream hands data on in pieces, as it comes, and the pieces can be read from it
      before the whole of the data has arrived.</p>{entries}</div></div></body></html>"""
    article = extract(Source(page, MediaType.HTML, "stream.html"))
    assert article.title == "Stream"
    assert not any("[src]" in b.text or "documentation" in b.text for b in article.blocks)


def test_a_text_file_laid_out_with_line_breaks_is_read_paragraph_by_paragraph() -> None:
    """DocBook's literallayout (a release's NEWS): lines ended by ``<br>``, paragraphs
    apart by a blank line, a release's name underlined. One block of the whole file
    was read before; now each paragraph is one, and the release is a heading."""
    releases = "".join(
        f"<br>Release 2.{n}.0 (1 May 202{n})<br>~~~~~~~~~~~~~~~~~~~~~~~~<br><br>"
        f"This release makes the pool drain faster on every platform,<br>"
        f"and fixes the {n} bugs that were found since the last one.<br><br>"
        for n in (1, 2, 3)
    )
    page = f"""<html><head><meta name="generator" content="DocBook XSL Stylesheets">
      <title>2. NEWS</title></head><body><div class="chapter"><div class="literallayout">
      <p>{releases}</p></div></div></body></html>"""
    article = extract(Source(page, MediaType.HTML, "news.html"))
    assert _headings(article)[:3] == [(2, f"Release 2.{n}.0 (1 May 202{n})") for n in (1, 2, 3)]
    paragraphs = [b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs[0] == (
        "This release makes the pool drain faster on every platform, and fixes the 1 bugs "
        "that were found since the last one."
    )
    assert len(paragraphs) == 3


def test_an_operator_in_a_tables_first_cell_is_a_cell_of_its_own() -> None:
    """ "!=" has no letters, like a number "1.1." that names the next cell, but it is
    the row's subject: "!=; expr != expr; Nonequality", not "!= expr != expr"."""
    rows = "".join(
        f"<tr><td><code>{op}</code></td><td><code>expr {op} expr</code></td><td>{what}</td></tr>"
        for op, what in (("!=", "Nonequality comparison"), ("==", "Equality comparison"))
    )
    page = _book_page(
        "B - Operators",
        f"""<h1 id="operators"><a class="header" href="#operators">Operators</a></h1>
        <p>This appendix lists the operators of the language, each with an example and
        what it does, one row each in the table below.</p>
        <table><thead><tr><th>Operator</th><th>Example</th><th>Explanation</th></tr></thead>
        {rows}</table>""",
    )
    texts = [b.text for b in extract(Source(page, MediaType.HTML, "ops.html")).blocks]
    assert "!=; expr != expr; Nonequality comparison" in texts


def test_a_listings_caption_is_a_caption_in_markdown_not_an_image() -> None:
    from readout.render import as_markdown

    body = """<h1 id="state"><a class="header" href="#state">Keeping state</a></h1>
      <p>The program below is the smallest one that keeps a lamp's state, and the rest
      of this chapter builds on it, one listing at a time.</p>
      <figure class="listing"><pre><code>let lamp = Lamp::new();</code></pre>
      <figcaption>Listing 2-1: The smallest lantern program</figcaption></figure>"""
    article = extract(Source(_book_page("Keeping state", body), MediaType.HTML, "s.html"))
    markdown = as_markdown(article)
    assert "*Caption: Listing 2-1: The smallest lantern program*" in markdown
    assert "Image" not in markdown


def test_a_block_inside_code_is_a_line_of_its_own() -> None:
    """rustdoc puts a declaration's "where" clause in a <div> inside the <pre>."""
    page = (DOCS / "rustdoc.html").read_text("utf-8")
    page = page.replace(
        "<main>",
        """<main><pre class="rust item-decl"><code>pub struct Ring&lt;T, A = Global&gt;<div
        class="where">where
    A: Allocator,</div>{ /* private fields */ }</code></pre>""",
        1,
    )
    article = extract(Source(page, MediaType.HTML, "struct.Ring.html"))
    assert "pub struct Ring<T, A = Global>\nwhere\n    A: Allocator,\n{ /* private fields */ }" in (
        _codes(article)
    )


def test_a_where_clause_in_a_methods_heading_is_words_apart_from_its_return_type() -> None:
    """rustdoc's method heading holds its "where" clause in a <div>: "-> bool where T:
    PartialEq", never "-> boolwhere"."""
    page = (DOCS / "rustdoc.html").read_text("utf-8")
    page = page.replace(
        '(&amp;mut self, bytes: &amp;[<a class="primitive" href="#">u8</a>])</h4>',
        '(&amp;self, x: &amp;T) -&gt; bool<div class="where">where<br>    T: PartialEq,</div></h4>',
        1,
    )
    article = extract(Source(page, MediaType.HTML, "struct.Ring.html"))
    assert (4, "pub fn push(&self, x: &T) -> bool where T: PartialEq,") in _headings(article)


def test_a_list_of_links_that_a_sentence_hands_over_to_is_read() -> None:
    """ "...the following kinds of tokens:" over a list whose every item is a link."""
    page = """<html><head><meta name="generator" content="mdbook 0.4"><title>Tokens</title>
      </head><body><main><h1>Tokens</h1>
      <p>The source text of a program can be broken down into the following kinds of
      tokens:</p>
      <ul><li><a href="keywords.html">Keywords</a></li>
      <li><a href="identifiers.html">Identifiers</a></li>
      <li><a href="#literals">Literals</a></li></ul>
      <p>Each of them is described in a section of its own, in the order of the list.</p>
      <p><a href="https://example.org/edit/tokens.md">Edit</a></p></main></body></html>"""
    article = extract(Source(page, MediaType.HTML, "tokens.html"))
    items = [b.text for b in article.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == ["Keywords", "Identifiers", "Literals"]
    assert not any(b.text == "Edit" for b in article.blocks)


def test_a_signatures_slice_type_and_a_modules_item_names_are_read() -> None:
    """ "-> &[T]" is a link in brackets inside a heading, as a wiki's "[edit]" is, but a
    type, not a control; a module page's items are terms, each a link over its
    description ("Drain" over "A draining iterator..."), not links to leave out."""
    page = (DOCS / "rustdoc.html").read_text("utf-8")
    page = page.replace(
        "<main>",
        """<main><h4 class="code-header">pub fn as_slice(&amp;self) -&gt; &amp;<a
        class="primitive" href="primitive.slice.html">[T]</a></h4>
        <p>Returns a slice of the whole ring, oldest element first, which is what most
        callers want before they walk it.</p><h2 id="structs">Structs</h2>
        <dl class="item-table"><dt><a class="struct" href="struct.Drain.html">Drain</a></dt>
        <dd>A draining iterator for <code>Ring&lt;T&gt;</code>.</dd>
        <dt><a class="struct" href="struct.Splice.html">Splice</a></dt>
        <dd>A splicing iterator for <code>Ring</code>.</dd></dl>""",
        1,
    )
    texts = [b.text for b in extract(Source(page, MediaType.HTML, "ring.html")).blocks]
    assert "pub fn as_slice(&self) -> &[T]" in texts
    said = "\n".join(texts)  # (short pairs are read as fields: "Drain: A draining...")
    assert re.search(r"\bDrain\b\W+A draining iterator", said)
    assert re.search(r"\bSplice\b\W+A splicing iterator", said)


def test_an_example_in_two_flavours_that_a_switch_toggles_is_read_once() -> None:
    """Node's pages put an example's CommonJS and ES module versions in one <pre> with a
    checkbox that shows one at a time; both were read, run together on one line."""
    from readout.extract import extract_with_dropped
    from readout.extract.dropped import DropReason

    prose = (
        "<p>The harbour module keeps track of the ferries that come and go, and of what "
        "each of them promised the harbour master before it was let in.</p>"
    )
    page = f"""<html><head><title>Harbour</title></head><body><main><h1>Harbour</h1>
      {prose}<pre><input class="js-flavor-toggle" type="checkbox" aria-label="Show ES
      modules"><code class="language-js cjs">const harbour = require('harbour');</code><code
      class="language-js mjs">import harbour from 'harbour';</code></pre>{prose}</main></body></html>"""
    article, dropped = extract_with_dropped(Source(page, MediaType.HTML, "harbour.html"))
    assert _codes(article) == ["const harbour = require('harbour');"]
    assert ("import harbour from 'harbour';", DropReason.HIDDEN) in {
        (item.text, item.reason) for item in dropped
    }


def test_a_footnotes_mark_is_in_brackets_and_its_way_back_is_not_read() -> None:
    """mdBook raises a footnote's mark ("run-time.<sup><a>1</a></sup> Semantic"), which ran
    into the text as "run-time.1", a number that kept the sentence from ending; the
    footnote's "↩" link back to the mark is a control, not a word."""
    page = """<html><head><meta name="generator" content="mdbook 0.4"><title>Phases</title>
      </head><body><main><h1 id="phases"><a class="header" href="#phases">Phases</a></h1>
      <p>The harbour keeps a distinction between the day and the night.<sup
      class="footnote-reference" id="fr-1"><a href="#footnote-1">1</a></sup> Rules of the day
      govern the loading of ferries, and rules of the night govern their mooring.</p>
      <p>Both sets of rules are kept in the master's book, one on each page of it.</p>
      <div class="footnote-definition" id="footnote-1"><p>The distinction also holds in a
      port without tides. <a href="#fr-1">↩</a></p></div></main></body></html>"""
    article = extract(Source(page, MediaType.HTML, "phases.html"))
    first = article.blocks[0]
    assert first.text.startswith(
        "The harbour keeps a distinction between the day and the night.[1] Rules"
    )
    assert first.sentences[0].text.endswith("night.[1]")
    assert article.blocks[-1].text == "The distinction also holds in a port without tides."


def test_a_breadcrumb_trail_over_the_heading_is_navigation() -> None:
    """rustdoc's "tidepool::buffer" over "Struct RingBuffer" says where the page stands;
    it was read as the body's first paragraph."""
    from readout.extract import extract_with_dropped
    from readout.extract.dropped import DropReason

    page = (DOCS / "rustdoc.html").read_text("utf-8")
    article, dropped = extract_with_dropped(Source(page, MediaType.HTML, "struct.RingBuffer.html"))
    assert not any(b.text.replace(" ", "") == "tidepool::buffer" for b in article.blocks)
    assert any(
        d.reason is DropReason.NAVIGATION and d.text.replace(" ", "").startswith("tidepool::")
        for d in dropped
    )


def test_a_badge_set_against_a_name_is_its_own_word_a_split_word_stays_whole() -> None:
    """rustdoc sets an "Experimental" badge right after an item's name, spaced apart by
    its style only ("<wbr>" between them, which lxml reads as holding the badge); a
    drop capital and a word's highlighted half are parts of one word."""
    prose = "A pool keeps the newest bytes and lets the oldest fall away, in turn, for ever."
    page = f"""<html><head><title>tidepool::pool</title>
    <meta name="generator" content="rustdoc"></head><body><main>
    <h1>Module pool</h1><p>{prose}</p>
    <h2>Structs</h2><dl class="item-table">
    <dt><a class="struct" href="struct.Drain.html">Drain<wbr>Sorted</a><wbr><span
    class="stab unstable" title="">Experimental</span></dt><dd>Drains the pool in order.</dd>
    <dt><a class="struct" href="struct.Pool.html">Pool</a><span class="stab deprecated"
    >Deprecated since 0.3</span></dt><dd>The pool itself, for {prose}</dd></dl>
    <p><span class="dropcap">T</span>he pool is <a href="x.html">tide</a><span
    class="mark">pool</span>'s heart. {prose}</p>
    </main></body></html>"""
    article = extract(Source(page, MediaType.HTML, "index.html"))
    texts = [b.text for b in article.blocks]
    assert "DrainSorted Experimental" in texts, texts
    assert "Pool Deprecated since 0.3" in texts, texts
    assert any(t.startswith("The pool is tidepool's heart.") for t in texts), texts


def test_a_sphinx_references_entries_are_headings_one_under_their_section() -> None:
    """Sphinx writes a function, a class and its methods as definition terms that link
    to themselves ("tidepool.fill(pool, size)¶"): each is a heading, so "next heading"
    steps entry by entry as it does on rustdoc and Node pages; a class's methods sit one
    level under the class. A short description stays a paragraph under its entry."""
    prose = "A pool keeps the newest bytes and lets the oldest fall away, in turn, for ever."

    def entry(kind: str, anchor: str, signature: str, body: str) -> str:
        return (
            f'<dl class="py {kind}"><dt class="sig sig-object py" id="{anchor}">{signature}'
            f'<a class="headerlink" href="#{anchor}" title="Permalink to this definition">¶</a>'
            f"</dt><dd>{body}</dd></dl>"
        )

    method = entry("method", "tidepool.Pool.drain", "drain(count)", "<p>Takes bytes out.</p>")
    page = f"""<html><head><title>tidepool — Pools — Docs</title>
    <meta name="generator" content="Sphinx"></head><body><div class="body" role="main">
    <section id="tidepool"><h1>tidepool — Pools<a class="headerlink" href="#tidepool">¶</a></h1>
    <p>{prose}</p>
    <section id="functions"><h2>Functions<a class="headerlink" href="#functions">¶</a></h2>
    {entry("function", "tidepool.fill", "tidepool.fill(pool, size)", f"<p>{prose}</p>")}
    {entry("data", "tidepool.EMPTY", "tidepool.EMPTY", "<p>No bytes.</p>")}
    {entry("class", "tidepool.Pool", "class tidepool.Pool(size)", f"<p>{prose}</p>{method}")}
    </section></section></div></body></html>"""
    article = extract(Source(page, MediaType.HTML, "tidepool.html"))
    assert article.title == "tidepool — Pools"
    assert _headings(article) == [
        (2, "Functions"),
        (3, "tidepool.fill(pool, size)"),
        (3, "tidepool.EMPTY"),
        (3, "class tidepool.Pool(size)"),
        (4, "drain(count)"),
    ]
    texts = [b.text for b in article.blocks]
    assert texts[texts.index("tidepool.EMPTY") + 1] == "No bytes."
    assert "Takes bytes out." in texts and not any("¶" in text for text in texts)


def test_a_deprecation_notice_is_read_and_its_icon_and_a_version_stamp_are_not() -> None:
    """rustdoc's "👎 Deprecated since 1.3.0: renamed to join" under a method says why:
    it is text, where "1.57.0 · source" or "Added in: v15.0.0, v14.17.0" beside an
    entry is a stamp; the pictograph before it is an icon, not a word to say."""
    prose = "The pool keeps its items in order and grows as it needs to, for ever and a day."
    page = f"""<html><head><title>Pool in tidepool</title>
    <meta name="generator" content="rustdoc"></head><body><main>
    <h1>Struct Pool</h1><p>{prose}</p><h2>Methods</h2>
    <details class="toggle method-toggle" open><summary><section id="method.connect"
    class="method"><span class="rightside">1.57.0 · <a class="src" href="s.html">source</a>
    </span><h4 class="code-header">pub fn connect(&amp;self)</h4></section><span
    class="item-info"><div class="stab deprecated"><span class="emoji">👎</span><span
    >Deprecated since 1.3.0: renamed to join</span></div></span></summary>
    <div class="docblock"><p>Joins the pool. {prose}</p></div></details>
    <p>Added in: v15.0.0, v14.17.0</p><p>Then the rest. {prose}</p>
    </main></body></html>"""
    texts = [b.text for b in extract(Source(page, MediaType.HTML, "struct.Pool.html")).blocks]
    assert (
        texts[texts.index("pub fn connect(&self)") + 1] == "Deprecated since 1.3.0: renamed to join"
    )
    assert not any("1.57.0" in t or "Added in" in t or "👎" in t for t in texts), texts


def test_a_books_index_of_bold_linked_terms_over_their_prose_is_read() -> None:
    """An mdBook front page lists its parts as a bold link over a paragraph that says
    what each holds, and an appendix list under a bold "Appendices:" label: names of
    what the text speaks of, not controls; a two-word logo description is no caption."""
    parts = "".join(
        f"""<p><strong><a href="{slug}/index.html">{name}</a></strong></p>
      <p>The {name.lower()} tells you where to start, what to read next and which
      commands you need for the work this part of the book is about.</p>"""
        for slug, name in (("guide", "Tidepool Guide"), ("reference", "Tidepool Reference"))
    )
    body = f"""<h1 id="the-tidepool-book"><a class="header" href="#the-tidepool-book">The
      Tidepool Book</a></h1>
      <p><img src="images/logo.png" alt="Tidepool Logo"></p>
      <p>Tidepool keeps a record of the tides at every station it is given, and this book
      is the manual for everyone who runs it.</p>{parts}
      <p><strong><a href="faq.html">Frequently Asked Questions</a></strong></p>
      <p><strong>Appendices:</strong></p>
      <ul><li><a href="glossary.html">Glossary</a></li>
      <li><a href="auth.html">Station Authentication</a></li></ul>"""
    article = extract(Source(_book_page("Introduction", body), MediaType.HTML, "index.html"))
    texts = [b.text for b in article.blocks]
    for term in ("Tidepool Guide", "Tidepool Reference", "Frequently Asked Questions"):
        assert term in texts
    items = [b.text for b in article.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == ["Glossary", "Station Authentication"]
    assert "Tidepool Logo" not in texts


def test_a_sphinx_page_without_its_generator_tag_is_still_read_section_by_section() -> None:
    """A page Sphinx wrote and a tool then trimmed (no ``<meta name="generator">``):
    its sections, each with a permalink to itself, still show what it is, and a manual
    of menus is read whole, a section called "File menu" as much as any other."""
    prose = "Each command opens the pane it names and leaves the others as they were left."

    def section(anchor: str, heading: str, tag: str, body: str) -> str:
        return (
            f'<section id="{anchor}"><{tag}>{heading}<a class="headerlink" href="#{anchor}"'
            f' title="Permalink to this heading">¶</a></{tag}>{body}</section>'
        )

    items = "".join(
        f"<dt>{name}</dt><dd><p>{prose}</p></dd>" for name in ("New Pane", "Close Pane", "Split")
    )
    menus = section("file-menu", "File menu", "h3", f"<dl class='simple'>{items}</dl>")
    menus += section("context-menus", "Context menus", "h3", f"<p>{prose}</p>" * 2)
    page = f"""<html><head><title>Panes — Tidepool 2.1 documentation</title></head><body>
    <div class="related" role="navigation"><ul><li><a href="index.html">index</a></li></ul></div>
    <div class="body" role="main">
    {section("panes", "Panes", "h1", f"<p>{prose}</p>" + section("menus", "Menus", "h2", menus))}
    {section("startup", "Startup", "h2", f"<p>{prose}</p>")}
    </div></body></html>"""
    article = extract(Source(page, MediaType.HTML, "panes.html"))
    assert article.title == "Panes"
    assert _headings(article) == [
        (2, "Menus"),
        (3, "File menu"),
        (3, "Context menus"),
        (2, "Startup"),
    ]
    texts = [b.text for b in article.blocks]
    assert texts.count(prose) == 7 and "Close Pane" in texts and "index" not in " ".join(texts)


def test_a_hard_wrapped_texts_centred_title_lines_are_its_title_and_its_date_line() -> None:
    """A licence or a memo typed for a fixed width centres its title over its version
    and date: those lines stay apart (the title is the first, not the first heading
    under it), and the date line is read, as it says more than the date ("Version 3"
    of a licence was lost when only its date was kept)."""
    prose = (
        "  The harbour rules say who may moor where, and for how long, and what the\n"
        "berth costs each night of the season.  They apply to every boat in the\n"
        "basin, from the smallest dinghy to the island ferry when it lies over.\n"
    )
    text = (
        "                      HARBOUR MOORING RULES\n"
        "                     Edition 4, 2 March 2026\n\n"
        "                             Purpose\n\n"
        f"{prose}\n{prose}\n{prose}"
    )
    article, dropped = extract_with_dropped(Source(text, MediaType.TEXT, "rules.txt"))
    assert article.title == "HARBOUR MOORING RULES"
    assert article.published == "2 March 2026"
    assert _headings(article) == [(2, "Purpose")]
    assert article.blocks[0].text == "Edition 4, 2 March 2026"
    assert not dropped


def test_an_options_heading_of_marks_is_kept_and_said() -> None:
    """A command's reference has options named "-" and "--": their headings are the
    terms the text under them explains, kept and said by name; a divider is not."""
    from readout.speech.normalize import speakable

    prose = "Marks the end of the options: what follows is passed to the script as it is."
    page = (
        "<html><head><meta name='generator' content='mkdocs'><title>Options</title></head>"
        "<body><main><h1>Command-line options</h1>"
        f"<p>{prose} Every option has a heading of its own, as below.</p>"
        f"<h4><code>-</code></h4><p>Alias for standard input. {prose}</p>"
        f"<h4><code>--</code></h4><p>{prose} Nothing after it is an option.</p>"
        f"<h4>• • •</h4><p>{prose} That is the last of them.</p></main></body></html>"
    )
    article = extract(Source(page, MediaType.HTML, "cli.html"))
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings[-2:] == ["-", "--"] and "• • •" not in headings
    assert [speakable(h).text for h in headings[-2:]] == ["dash", "dash dash"]


def test_option_headings_with_nothing_under_them_are_kept() -> None:
    """A command's docs list the options it passes on as headings of their own, with
    nothing under each: the names are the list; an empty "Comments" heading still goes."""
    from readout.extract.raw import RawBlock
    from readout.extract.tidy import drop_empty_sections

    blocks = [
        RawBlock(BlockKind.PARAGRAPH, "A small set of the engine's options is documented here:"),
        RawBlock(BlockKind.HEADING, "--abort-on-uncaught-exception", 4),
        RawBlock(BlockKind.HEADING, "--jitless", 4),
        RawBlock(BlockKind.HEADING, "--max-old-space-size=SIZE", 4),
        RawBlock(BlockKind.PARAGRAPH, "Sets the most memory the old space may take."),
        RawBlock(BlockKind.HEADING, "Comments", 2),
    ]
    kept = [b.text for b in drop_empty_sections(blocks)]
    assert kept == [b.text for b in blocks[:-1]]


def _span(start_length: tuple[int, int]) -> tuple[int, int]:
    start, length = start_length
    return start, start + length
