from __future__ import annotations

import pytest

from readout.article import BlockKind
from readout.errors import InputError
from readout.extract import extract
from readout.extract.raw import RawBlock
from readout.extract.tidy import drop_boilerplate
from readout.sources import MediaType, Source
from tests.conftest import ASSETS, FIXTURES


def _html(text: str, name: str = "page.html"):  # type: ignore[no-untyped-def]
    return extract(Source(text, MediaType.HTML, name))


def test_sample_html_gives_the_same_body_as_the_scraped_text() -> None:
    html = _html((ASSETS / "sample-article.html").read_text("utf-8"))
    title, *paragraphs = (FIXTURES / "sample-article.expected.txt").read_text("utf-8").splitlines()
    assert html.title == title
    assert [b.text for b in html.blocks if b.kind is not BlockKind.CAPTION] == paragraphs
    assert html.site == "The Valley Courier"
    assert html.byline == "Ada Whitcombe"
    assert html.published == "2026-10-14"
    assert html.language == "en-GB"
    captions = [(i, b.text) for i, b in enumerate(html.blocks) if b.kind is BlockKind.CAPTION]
    # The figure stands after the third paragraph; its caption beats its alt text.
    assert captions == [(3, "The reading room on the ground floor of the Riverside branch.")]


def test_headings_lists_and_quotes_keep_their_kinds() -> None:
    page = """<html><body><article>
      <h1>Main title</h1>
      <p>An opening paragraph that is long enough to be taken for an article body.</p>
      <h2>Section heading</h2>
      <p>Another paragraph of body text that carries on the story for the reader.</p>
      <ul><li>A list item with several words in it</li><li>Another item in the list here</li></ul>
      <blockquote><p>A quotation that somebody said about the matter at hand.</p></blockquote>
      <p>A closing paragraph that ends the article with a little more text in it.</p>
    </article></body></html>"""
    article = _html(page)
    kinds = {b.kind for b in article.blocks}
    assert {BlockKind.HEADING, BlockKind.LIST_ITEM, BlockKind.QUOTE, BlockKind.PARAGRAPH} <= kinds
    heading = next(b for b in article.blocks if b.kind is BlockKind.HEADING)
    assert heading.text == "Section heading" and heading.level == 2


def test_page_without_an_article_is_refused() -> None:
    page = "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a><a href='/x'>About</a></nav><p>Hi</p></body></html>"
    with pytest.raises(InputError, match="no article"):
        _html(page)


def test_malformed_html_still_yields_the_article() -> None:
    page = (
        "<html><body><div><p>This paragraph is never closed and the markup is broken in many ways"
        "<p>Yet a second paragraph still follows, with enough words to read aloud<div><b>bold <i>mixed</b> up</i>"
        "<p>And a third one closes the story for the reader, ending with a full stop."
    )
    article = _html(page)
    text = " ".join(b.text for b in article.blocks)
    assert "second paragraph still follows" in text
    assert "third one closes the story" in text


def test_related_lists_and_calls_to_action_are_dropped() -> None:
    blocks = [
        RawBlock(BlockKind.PARAGRAPH, "Body text that belongs to the article."),
        RawBlock(BlockKind.PARAGRAPH, "Related:"),
        RawBlock(BlockKind.LIST_ITEM, "Another story elsewhere"),
        RawBlock(BlockKind.PARAGRAPH, "Sign up for our daily newsletter."),
        RawBlock(BlockKind.PARAGRAPH, "China furious at the decision [VIDEO]"),
        RawBlock(BlockKind.PARAGRAPH, "The company continued to sign up subscribers all week."),
    ]
    kept = [b.text for b in drop_boilerplate(blocks)]
    assert kept == [
        "Body text that belongs to the article.",
        "The company continued to sign up subscribers all week.",
    ]


def test_a_body_split_across_sibling_containers_is_read_whole() -> None:
    """A body broken into same-class chunks around an advert is read to its end."""
    sentence = (
        "<p>Paragraph {} of part {} carries the story on with enough words to read as prose.</p>"
    )

    def chunk(part: int, paragraphs: int) -> str:
        body = "".join(sentence.format(n, part) for n in range(1, paragraphs + 1))
        return (
            "<div class='grid narrow'><div class='body article__body'>"
            f"{body}</div><div class='grid__aside'><div class='ad ad--rail'></div></div></div>"
        )

    advert = "<div class='row full-bleed-ad'><div class='ad'><span>Advertisement</span></div></div>"
    page = (
        "<html><body><article class='article main-content'><h1>Split</h1><div class='chunks'>"
        f"{chunk(1, 4)}{advert}{chunk(2, 9)}</div></article></body></html>"
    )
    text = [b.text for b in _html(page).blocks]
    assert text[0].startswith("Paragraph 1 of part 1")
    assert text[-1].startswith("Paragraph 9 of part 2")
    assert len(text) == 13


def test_a_commenters_name_is_never_the_byline() -> None:
    body = " ".join(
        f"Sentence {n} of the report on the harbour wall tells what the survey found."
        for n in range(12)
    )
    page = f"""<html><head><title>Harbour wall survey | The Valley Courier</title></head><body>
    <aside id="reader-comments"><div class="comment">
      <div class="comment-author"><span class="avatar">J</span> Jo Pemberton</div>
      <p>Great piece, thanks.</p></div></aside>
    <article><h1>Harbour wall survey</h1>
      <div class="byline">Ada Whitcombe</div>
      <p>{body}</p></article></body></html>"""
    assert _html(page).byline == "Ada Whitcombe"


def test_a_link_after_the_authors_name_in_the_metadata_is_left_off() -> None:
    body = " ".join(
        f"Sentence {n} of the note on the valley railway says what the volunteers mended."
        for n in range(12)
    )
    page = f"""<html><head><title>Mending the valley railway</title>
    <meta name="author" content="Ada Whitcombe (https://example.org/ada/)"></head>
    <body><article><h1>Mending the valley railway</h1><p>{body}</p></article></body></html>"""
    assert _html(page).byline == "Ada Whitcombe"


def test_a_wikis_edit_links_and_image_file_names_are_not_read() -> None:
    """MediaWiki puts "[edit]" after every heading and gives an image without a
    description its file name, spaces and all, as alt text: neither is for a listener."""
    prose = (
        "The harbour was dug by hand over eleven winters, and the ferry that crosses it "
        "today still follows the channel the first diggers marked with posts."
    )
    page = f"""<html><head><title>Harbour - Wikipedia</title></head><body>
      <div id="content"><h1>Harbour</h1><div class="mw-parser-output">
      <table class="infobox"><tr><td><a href="/wiki/File:Harbour_logo.png" class="image">
        <img alt="Harbour logo.png" src="Harbour_logo.png"></a></td></tr></table>
      <p>{prose}</p>
      <h2><span class="mw-headline" id="History">History</span><span class="mw-editsection">
        <span class="mw-editsection-bracket">[</span><a href="/w/index.php?action=edit&amp;section=1"
        title="Edit section: History">edit</a><span class="mw-editsection-bracket">]</span></span></h2>
      <p>{prose}</p><p>{prose}</p>
      </div></div></body></html>"""
    article = _html(page)
    texts = [block.text for block in article.blocks]
    assert "History" in texts
    assert not any("edit" in text or "logo" in text for text in texts)


@pytest.mark.parametrize(
    ("window", "heading", "title"),
    [
        ("Harbours | Tidepool v2.1 Documentation", "Harbours", "Harbours"),
        ("Harbours - Ferrypedia", "Harbours of the north", "Harbours of the north"),
        ("Where the ferries go | Ferry News", "Where the ferries go", "Where the ferries go"),
    ],
)
def test_one_word_before_the_sites_name_is_the_title_when_the_heading_says_it(
    window: str, heading: str, title: str
) -> None:
    """ "Harbours | Tidepool Documentation" is titled "Harbours" when the page's heading
    is "Harbours"; when the heading says something else, the heading names the page
    better than one word and the site's name ("FFI - The Rustonomicon" is "Foreign
    Function Interface")."""
    body = "".join(
        f"<p>The {n} harbour on the list takes ferries from three islands, and its pier "
        "was rebuilt after the storm of the winter before last.</p>"
        for n in ("first", "second", "third")
    )
    page = f"""<html><head><title>{window}</title></head><body>
      <div class="top"><a href="/">Home</a></div><div class="main"><h1>{heading}</h1>
      {body}</div><div class="foot"><a href="/about">About</a></div></body></html>"""
    assert _html(page).title == title


@pytest.mark.parametrize(
    ("headline", "window", "heading", "title"),
    [
        # the metadata describes the page; the window title and the heading agree
        (
            "Harbour open to ferries all year",
            "Tidehaven harbour - Ferrypedia",
            "Tidehaven harbour",
            "Tidehaven harbour",
        ),
        # the window title and the heading agree with each other and with the metadata
        (
            "Tidehaven harbour reopens",
            "Tidehaven harbour reopens | Ferry News",
            "Tidehaven harbour reopens",
            "Tidehaven harbour reopens",
        ),
        # the metadata is the headline; the window title is the site alone
        ("Tidehaven harbour reopens", "Ferry News", "Ferry News", "Tidehaven harbour reopens"),
    ],
)
def test_metadata_gives_way_to_a_window_title_and_a_heading_that_agree(
    headline: str, window: str, heading: str, title: str
) -> None:
    """Two sources that name the page alike beat metadata that names it otherwise: a
    JSON-LD ``headline`` that is a short description ("matrix equal to its
    conjugate-transpose") over "Hermitian matrix - Wikipedia" and its ``<h1>``."""
    body = "".join(
        f"<p>The {n} pier of the harbour takes ferries from three islands, and it was "
        "rebuilt after the storm of the winter before last.</p>"
        for n in ("first", "second", "third")
    )
    page = f"""<html><head><title>{window}</title><script type="application/ld+json">
      {{"@type": "Article", "headline": "{headline}"}}</script></head><body>
      <div class="main"><h1>{heading}</h1>{body}</div></body></html>"""
    assert _html(page).title == title


def test_an_ordered_lists_items_say_their_numbers_from_its_start() -> None:
    from readout.render import as_markdown

    body = "".join(
        f"<p>The {n} part of the guide explains what the machine needs before it is started "
        "again after a long winter in the shed.</p>"
        for n in ("first", "second", "third")
    )
    page = f"""<html><head><title>Starting the machine</title></head><body><article>
      <h1>Starting the machine</h1>{body}<ol start="3"><li>Open the lid.</li>
      <li><p>Press the red button twice.</p><p>It clicks.</p></li></ol>
      <ul><li>Keep the lid open.</li></ul></article></body></html>"""
    article = _html(page)
    items = [b.text for b in article.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == ["3. Open the lid.", "4. Press the red button twice.", "Keep the lid open."]
    markdown = as_markdown(article)
    assert "\n3. Open the lid.\n" in markdown and "\n- Keep the lid open.\n" in markdown


def test_markdown_keeps_the_distance_between_heading_levels() -> None:
    """A release notes page: "Version 2.1" (h1) over "Language" (h2). Both were "##"."""
    from readout.render import as_markdown

    prose = "<p>This release makes the pool drain faster on every platform it runs on.</p>"
    page = f"""<html><head><title>Releases</title></head><body><main><h1>Releases</h1>
      {prose}<h1>Version 2.1</h1>{prose}<h2>Language</h2>{prose}<h3>Syntax</h3>{prose}
      <h1>Version 2.0</h1>{prose * 2}</main></body></html>"""
    markdown = as_markdown(_html(page))
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings == [
        "# Releases", "## Version 2.1", "### Language", "#### Syntax", "## Version 2.0"
    ]  # fmt: skip


def test_a_layout_cell_on_its_own_keeps_its_headings_and_listings() -> None:
    """An old manual's page puts its text in a layout table's cell, and trafilatura may
    keep that cell alone, with no row around it (a gtk-doc page of libxslt's manual):
    its paragraph, headings and listings were read as one paragraph of 6,773 letters."""
    from lxml import etree

    from readout.extract.blocks import tree_to_blocks

    tree = etree.fromstring(
        """<doc><main><cell bgcolor="#fffacd"><p>This set of routines finds a ferry.</p>
        <head rend="h2">Table of Contents</head><code>ferry_t *  harbour_find_name
        (harbour_t *harbour,<lb/>    const char *name)</code><head rend="h3">harbour_find_name
        ()</head><p>Looks the ferry up by its name.</p></cell></main></doc>"""
    )
    blocks = tree_to_blocks(tree)
    assert [b.text[:16] for b in blocks] == ["This set of rout", "Table of Content",
        "ferry_t * harbou", "harbour_find_nam", "Looks the ferry "]  # fmt: skip
    assert [b.kind for b in blocks if b.kind is BlockKind.HEADING] == [BlockKind.HEADING] * 2


def test_an_html_list_inside_a_list_item_keeps_its_depth() -> None:
    prose = "<p>The options are these, and the tool reads them in the order given here.</p>"
    page = f"""<html><head><title>Options</title></head><body><main><h1>Options</h1>
      {prose}<ul><li>options <code>&lt;Object&gt;</code><ul><li>encoding, the text's
      encoding</li><li>flag, the file's flag</li></ul></li><li>callback</li></ul>
      {prose}{prose}</main></body></html>"""
    items = [(b.level, b.text) for b in _html(page).blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [(1, "options <Object>"), (2, "encoding, the text's encoding"),
                     (2, "flag, the file's flag"), (1, "callback")]  # fmt: skip


_SIDEBAR = (
    "<div id='sidebar' class='overlay'>"
    + "".join(
        f"<div class='searchable_section'><a href='#s{s}'>Section {s}</a><ul>"
        + "".join(f"<li><a href='#f{s}{n}'>helper {s}{n}</a></li>" for n in range(12))
        + "</ul></div>"
        for s in range(1, 5)
    )
    + "</div>"
)
"""A sidebar of link lists: the page is laid out, not read whole, and trafilatura,
finding no container it trusts, gathers the paragraphs and code that stand loose."""


def _one_page_manual() -> str:
    """A hand-written library manual: one long container of sections, no ``<article>``
    or ``<main>``, a menu and a sidebar beside it (the shape of underscore.js's page)."""
    sections = []
    for n, name in enumerate(("Collections", "Arrays", "Objects"), start=1):
        sections.append(
            f"<h2 id='s{n}'>{name} helpers</h2>"
            f"<p id='f{n}'><b class='header'>walk{n}</b><code>_.walk{n}(list, step)</code><br>"
            f"Visits every member of the {name.lower()} in turn and hands each one to the "
            "step function, which may stop the walk early by returning false.</p>"
            f"<pre>_.walk{n}([1, 2, 3], log);\n=&gt; logs each number in turn</pre>"
            f"<p>Note that walking the {name.lower()} never changes them; the step function "
            "sees a copy of each member and the original is left as it was.</p>"
        )
    return (
        "<html><head><title>Gadget.js</title></head><body>" + _SIDEBAR + "<div class='container'>"
        "<p>Gadget is a small library of helpers for walking and folding lists of things, "
        "written for people who want to start work at once on a blank page.</p>"
        "<p>It runs in every engine that supports the third edition of the language, and we "
        "test it against the engines listed below:</p>"
        "<ul><li>Orchid 12 and later</li><li>Beacon 4 and later</li><li>Quill 9</li></ul>"
        "<p>Support for older engines is kept where it costs nothing, and patches for them "
        "are always welcome from anyone who still needs them.</p>"
        "<h2>Downloads</h2>"
        "<table><tr><td>Development build</td><td>65 KB with comments</td></tr>"
        "<tr><td>Production build</td><td>8 KB minified</td></tr></table>"
        "<p>Most people want the production build, which is smaller and the same in use, "
        "while the development build keeps the comments for reading.</p>"
        + "".join(sections)
        + "<h2>Change Log</h2>"
        "<p>1.2.0 &mdash; <i>June 2, 2026</i></p>"
        "<ul><li>Fixes walking a list that changes while it is walked.</li>"
        "<li>Documentation improvements.</li></ul>"
        "<p>1.1.0 &mdash; <i>May 1, 2026</i> Adds the fold helper and speeds up every walk "
        "over long lists by half.</p>"
        "</div></body></html>"
    )


def test_a_manual_with_no_article_container_keeps_its_headings_lists_and_tables() -> None:
    """trafilatura, finding no container it trusts, keeps a page's paragraphs and code
    and drops everything between them: the sections and the lists go back in."""
    article = _html(_one_page_manual())
    blocks = [(b.kind, b.text) for b in article.blocks]
    headings = [text for kind, text in blocks if kind is BlockKind.HEADING]
    assert headings == [
        "Downloads",
        "Collections helpers",
        "Arrays helpers",
        "Objects helpers",
        "Change Log",
    ]
    texts = [text for _, text in blocks]
    engines = texts.index("Orchid 12 and later")
    assert texts[engines - 1].endswith("the engines listed below:")
    assert texts[engines : engines + 3] == ["Orchid 12 and later", "Beacon 4 and later", "Quill 9"]
    assert "Development build; 65 KB with comments" in texts
    change_log = texts.index("Change Log")
    assert texts[change_log + 2] == "Fixes walking a list that changes while it is walked."
    assert "helper 10" not in texts  # the menu's links are not read
    assert texts.count("Collections helpers") == 1
    assert texts[texts.index("Arrays helpers") + 1].startswith("walk2 _.walk2(list, step) Visits")


def test_a_list_under_the_headline_and_a_teasers_heading_are_not_put_back() -> None:
    """A byline's name, handle and date in a list under the headline, and a heading that
    links to another story between two paragraphs, stay out."""
    prose = "The council met on Tuesday to settle the timetable for the new ferry service and its fares."
    page = (
        "<html><body>" + _SIDEBAR + "<div class='wrap'><h1>Ferry timetable agreed</h1>"
        "<ul><li>by Morgan Vale</li><li>@morganvale</li><li>Nov 18, 2026 at 9:24 pm</li></ul>"
        + "".join(f"<p>{prose} Part {n} of the report.</p>" for n in range(1, 4))
        + "<h3><a href='/other-story'>Bridge repairs to start in spring</a></h3>"
        + "".join(f"<p>{prose} Part {n} of the report.</p>" for n in range(4, 7))
        + "</div></body></html>"
    )
    texts = [b.text for b in _html(page).blocks]
    assert "by Morgan Vale" not in texts and "@morganvale" not in texts
    assert "Bridge repairs to start in spring" not in texts
    assert texts[-1].endswith("Part 6 of the report.")


def test_a_page_laid_out_in_a_table_keeps_its_lists_and_code() -> None:
    """An old manual laid out in table cells (a menu cell, a content cell): the lists
    its sentences announce, and its code with the line breaks, are read."""
    menu = "".join(f"<li><a href='page{n}.html'>Menu entry {n}</a></li>" for n in range(30))
    prose = "A module is registered once and then serves every transformation that asks for it."
    content = (
        "<h2>Extension modules</h2>"
        f"<p>{prose} It keeps its own state between calls, so it can hold a connection open.</p>"
        "<p>A module is defined by three things:</p>"
        "<ul><li>the name it is known by</li><li>a function that starts it</li>"
        "<li>a function that stops it</li></ul>"
        f"<p>{prose} The start function is given the name, so one function can serve many.</p>"
        "<pre>import gadget\nstyle = gadget.load('page.xsl')\nresult = style.apply(doc)</pre>"
        f"<p>{prose} The stop function is called when the last transformation is done.</p>"
    )
    page = (
        "<html><head><title>Extension modules</title></head><body><table><tr>"
        "<td><h1>The Gadget library</h1><h2>Extension modules</h2></td></tr><tr>"
        f"<td class='menu'><table><tr><td><ul>{menu}</ul></td></tr></table></td>"
        f"<td class='content'><table><tr><td>{content}</td></tr></table></td>"
        "</tr></table></body></html>"
    )
    blocks = _html(page).blocks
    texts = [b.text for b in blocks]
    listed = texts.index("the name it is known by")
    assert texts[listed - 1] == "A module is defined by three things:"
    assert texts[listed + 1 : listed + 3] == [
        "a function that starts it",
        "a function that stops it",
    ]
    code = [b for b in blocks if b.kind is BlockKind.CODE]
    assert [b.text for b in code] == [
        "import gadget\nstyle = gadget.load('page.xsl')\nresult = style.apply(doc)"
    ]
    assert not any(text.startswith("Menu entry") for text in texts)
    assert not any("libraryExtension" in text for text in texts)  # a cell's headings apart


def test_code_in_a_list_item_keeps_its_line_breaks() -> None:
    """A command's docs list its forms, each item with its example in a ``<pre>``:
    the example is code, line by line, not a sentence run on from the item."""
    prose = "Each form of the command installs the package from a different kind of place."
    items = "".join(
        f"<li><p><code>gadget install &lt;{place}&gt;</code>:</p><p>{prose} Form {n}.</p>"
        f"<p>Example:</p><pre><code>gadget install ./{place}-one\ngadget install ./{place}-two\n"
        "</code></pre></li>"
        for n, place in enumerate(("folder", "tarball", "url"), start=1)
    )
    page = (
        "<html><body>" + _SIDEBAR + "<div class='content'><h1>gadget install</h1>"
        f"<p>{prose} This page lists them all.</p><ul>{items}</ul>"
        f"<p>{prose} That is all of them.</p></div></body></html>"
    )
    code = [b.text for b in _html(page).blocks if b.kind is BlockKind.CODE]
    assert code == [
        f"gadget install ./{place}-one\ngadget install ./{place}-two"
        for place in ("folder", "tarball", "url")
    ]
