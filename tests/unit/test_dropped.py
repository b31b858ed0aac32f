"""What extraction leaves out is furniture, and every piece of it has a reason.

For copied text the check is complete: every line of the input is the title, a line of
the header that gave the byline or date, part of the body, or left out with a reason,
and nothing left out is a line of the expected article. For HTML, everything the page
shows that the article does not have is reported, and none of it is article text.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from readout.article import Article, BlockKind
from readout.extract import extract_with_dropped
from readout.extract.dropped import Dropped, DropReason
from readout.extract.raw import fold
from readout.sources import MediaType, Source
from tests.conftest import ASSETS, FIXTURES

TEXT_CASES = [
    (ASSETS / "sample-article.txt", FIXTURES / "sample-article.expected.txt"),
    (FIXTURES / "scraped-harbour.txt", FIXTURES / "scraped-harbour.expected.txt"),
    (FIXTURES / "scraped-garden.txt", FIXTURES / "scraped-garden.expected.txt"),
    (FIXTURES / "scraped-clinic.txt", FIXTURES / "scraped-clinic.expected.txt"),
]
HTML_CASES = [
    (ASSETS / "sample-article.html", FIXTURES / "sample-article.expected.txt"),
    (FIXTURES / "docs" / "mdbook.html", None),
    (FIXTURES / "docs" / "sphinx.html", None),
    (FIXTURES / "docs" / "rustdoc.html", None),
]


def _explain(path: Path, kind: MediaType) -> tuple[Article, list[Dropped]]:
    return extract_with_dropped(Source(path.read_text("utf-8"), kind, str(path)))


def _used_by_header(line: str, article: Article) -> bool:
    """A header line that gave the byline or the date ("By Lena Marsh", "Published ...")."""
    return any(value and value in line for value in (article.byline, article.published))


@pytest.mark.parametrize(("fixture", "expected"), TEXT_CASES, ids=lambda p: p.stem)
def test_every_line_of_copied_text_is_read_used_or_left_out_with_a_reason(
    fixture: Path, expected: Path
) -> None:
    article, dropped = _explain(fixture, MediaType.TEXT)
    left_out = {item.text for item in dropped}
    body = [block.text for block in article.blocks]
    for line in (line.strip() for line in fixture.read_text("utf-8").splitlines()):
        if not line:
            continue
        read = line == article.title or any(text in line for text in body)
        assert read or _used_by_header(line, article) or line in left_out, line
        assert not (read and line in left_out and line in body), f"read and left out: {line}"
    article_lines = set(expected.read_text("utf-8").splitlines())
    assert not [item for item in dropped if item.text in article_lines]
    assert dropped, "the fixture has furniture to leave out"


@pytest.mark.parametrize(("page", "expected"), HTML_CASES, ids=lambda p: p and p.stem)
def test_what_an_html_page_leaves_out_is_never_article_text(
    page: Path, expected: Path | None
) -> None:
    article, dropped = _explain(page, MediaType.HTML)
    assert dropped
    blocks = {fold(block.text) for block in article.blocks}
    body = "\n".join(blocks)
    for item in dropped:
        text = fold(item.text)
        # A few words ("1.", "Light") may well occur in the body; a whole block may not.
        assert text not in blocks if len(text.split()) < 4 else text not in body, item
    if expected is not None:
        article_lines = set(expected.read_text("utf-8").splitlines())
        assert not [item for item in dropped if item.text in article_lines]


def test_a_documentation_page_says_its_marks_contents_and_dialog_were_left_out() -> None:
    _, dropped = _explain(FIXTURES / "docs" / "mdbook.html", MediaType.HTML)
    reason_of = {item.text.split()[0]: item.reason for item in dropped}
    assert reason_of["Keyboard"] is DropReason.HIDDEN  # the help dialog, hidden until asked
    assert reason_of["Introduction"] is DropReason.NAVIGATION  # the sidebar chapter list
    _, dropped = _explain(FIXTURES / "docs" / "sphinx.html", MediaType.HTML)
    reasons = {item.reason for item in dropped}
    assert {DropReason.PERMALINK, DropReason.CONTENTS} <= reasons


def test_copied_text_says_which_side_of_the_article_each_line_stood() -> None:
    article, dropped = _explain(FIXTURES / "scraped-garden.txt", MediaType.TEXT)
    reason_of = {item.text: item.reason for item in dropped}
    assert (
        reason_of[
            "Support independent local journalism. Donate today and help us keep "
            "every story free to read."
        ]
        is DropReason.AFTER
    )
    first = FIXTURES.joinpath("scraped-garden.txt").read_text("utf-8").splitlines()[0]
    assert reason_of[first] is DropReason.WINDOW_TITLE
    assert article.title == "Community garden wins award"


def test_readout_text_dropped_prints_each_piece_with_its_reason() -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "readout",
            "text",
            "--dropped",
            str(FIXTURES / "scraped-garden.txt"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    first, blank, *pieces = run.stdout.splitlines()
    assert first.startswith("Left out ") and blank == ""
    # short pieces in a row share a line; a longer one stands alone
    assert "[after the article] Donate now · Contact us · Eastfield News newsroom" in pieces
    assert "[after the article] Phone: 01632 960 555" in pieces
    assert all(piece.startswith("[") for piece in pieces)
    refused = subprocess.run(
        [sys.executable, "-m", "readout", "text", "--dropped", "--format", "markdown", "-"],
        input="A short text.",
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1


def test_headings_and_code_are_never_reported_as_left_out() -> None:
    article, dropped = _explain(FIXTURES / "docs" / "sphinx.html", MediaType.HTML)
    kept = {b.text for b in article.blocks if b.kind in (BlockKind.HEADING, BlockKind.CODE)}
    assert kept and not kept & {item.text for item in dropped}


def test_a_kept_paragraph_with_inline_code_is_never_reported_left_out() -> None:
    """The report walks the page's own text: "<code>recv</code>s" is "recvs", as the
    article has it, not "recv s" (which the article lacks, so it was listed as left out)."""
    body = "".join(
        f"<p>Paragraph {n}: a socket's <code>recv</code>s and <code>send</code>s may move "
        f"fewer bytes than asked, so a careful program loops until all are handled.</p>"
        for n in range(6)
    )
    page = f"<html><head><title>Sockets</title></head><body><article>{body}</article></body></html>"
    article, dropped = extract_with_dropped(Source(page, MediaType.HTML, "sockets.html"))
    assert article.blocks[0].text.startswith("Paragraph 0: a socket's recvs and sends")
    assert not [item for item in dropped if "Paragraph" in item.text]


def test_the_same_mark_over_and_over_is_one_line_with_a_count() -> None:
    from readout.render import dropped_as_plain

    marks = [Dropped("¶", DropReason.PERMALINK)] * 82
    text = dropped_as_plain([*marks, Dropped("Table of Contents", DropReason.OUTSIDE)])
    assert text.splitlines()[2:] == [
        "[permalink mark] ¶ ×82",
        "[outside the main content] Table of Contents",
    ]


def test_a_nested_table_of_contents_is_reported_once() -> None:
    """Its inner lists go with it: they are not left out a second time."""
    inner = "".join(f'<li><a href="#s{n}">Step {n}</a></li>' for n in range(3))
    page = f"""<html><head><title>Guide</title></head><body>
    <div class="toc"><ul><li><a href="#a">Part A</a><ul>{inner}</ul></li>
    <li><a href="#b">Part B</a></li></ul></div>
    <article><p>{"The guide explains every step of the work in order. " * 8}</p></article>
    </body></html>"""
    _, dropped = extract_with_dropped(Source(page, MediaType.HTML, "guide.html"))
    contents = [item.text for item in dropped if item.reason is DropReason.CONTENTS]
    assert contents == ["Part A Step 0 Step 1 Step 2 Part B"]


def test_a_page_with_no_article_still_says_what_it_left_out_then_refuses(tmp_path: Path) -> None:
    """A manual's node that only lists its subsections has no article: the report still
    lists the pager and the contents (exit 65 and the one-line error after it)."""
    page = tmp_path / "Types.html"
    page.write_text(
        '<html><head><title>Types</title></head><body><div class="header"><p>Next: '
        '<a rel="next" href="n.html">Filling</a>, Up: <a rel="up" href="i.html">tidepool</a>'
        '</p></div><h3>2.3 Types</h3><ul class="section-toc"><li><a href="a.html">Pools</a></li>'
        '<li><a href="b.html">Streams</a></li></ul></body></html>',
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "readout", "text", "--dropped", str(page)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 65
    assert "[navigation, footer or form] Next: Filling , Up: tidepool" in run.stdout
    assert run.stderr.count("\n") == 1 and "no article text found" in run.stderr


def test_a_short_line_left_out_is_reported_though_a_kept_word_begins_with_it() -> None:
    """ "Tide" left out is not in "Tides rise twice a day", which was kept."""
    body = "<p>Tides rise twice a day, and the harbour's gates are opened for them. </p>" * 6
    page = f"""<html><head><title>Tides</title></head><body><nav><a href="/t">Tide</a>
      </nav><article>{body}</article></body></html>"""
    _article, dropped = extract_with_dropped(Source(page, MediaType.HTML, "tides.html"))
    assert ("Tide", DropReason.NAVIGATION) in {(item.text, item.reason) for item in dropped}
