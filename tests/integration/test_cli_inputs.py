"""The bad-input matrix and the hostile-text check, through the real CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import ASSETS, FIXTURES, run_cli

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def assert_one_line_error(stderr: str) -> None:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("readout: ")


def test_help_and_version() -> None:
    assert run_cli("--help").code == 0
    version = run_cli("--version")
    assert version.code == 0 and version.stdout.startswith("readout ")
    assert "--format" in run_cli("text", "--help").stdout


def test_text_without_input_reads_the_bundled_sample() -> None:
    result = run_cli("text")
    assert result.code == 0, result.stderr
    assert result.stdout.startswith(
        "Night reading room opens for shift workers\nBy Ada Whitcombe · The Valley Courier\n\n"
    )


def test_plain_output_is_title_then_blocks_separated_by_blank_lines() -> None:
    result = run_cli("text", str(ASSETS / "sample-article.txt"))
    title, *paragraphs = (FIXTURES / "sample-article.expected.txt").read_text("utf-8").splitlines()
    head = f"{title}\nBy Ada Whitcombe · The Valley Courier"  # its credits line
    assert result.stdout == "\n\n".join([head, *paragraphs]) + "\n"


def test_plain_and_markdown_output_say_who_wrote_the_article_under_its_title() -> None:
    """A byline is not body text, but it is the article's: `readout text` says it on
    the line under the title, with "By", as the player and plain mode do."""
    page = str(ASSETS / "sample-article.html")
    credits = "By Ada Whitcombe · The Valley Courier · 2026-10-14"
    plain = run_cli("text", page).stdout
    assert plain.startswith(f"Night reading room opens for shift workers\n{credits}\n\n")
    markdown = run_cli("text", page, "--format", "markdown").stdout
    assert markdown.startswith(f"# Night reading room opens for shift workers\n\n{credits}\n\n")


def test_json_schema_and_offsets() -> None:
    result = run_cli("text", str(ASSETS / "sample-article.html"), "--format", "json")
    data = json.loads(result.stdout)
    assert set(data) == {"title", "byline", "site", "published", "language", "source", "blocks"}
    for index, block in enumerate(data["blocks"]):
        assert set(block) == {"index", "kind", "level", "text", "sentences"}
        assert block["index"] == index
        assert block["kind"] in {"heading", "paragraph", "list_item", "quote", "caption"}
        assert (block["level"] is not None) == (block["kind"] == "heading")
        for sentence in block["sentences"]:
            assert block["text"][sentence["start"] : sentence["end"]] == sentence["text"]


def test_markdown_output() -> None:
    result = run_cli("text", str(ASSETS / "sample-article.txt"), "--format", "markdown")
    assert result.stdout.startswith("# Night reading room opens for shift workers\n")
    assert "\n## What the room will offer\n" in result.stdout


def test_stdin_is_read_with_a_dash() -> None:
    data = (FIXTURES / "scraped-harbour.txt").read_bytes()
    result = run_cli("text", "-", stdin=data)
    assert result.code == 0
    assert result.stdout.startswith("Harbour wall repairs finish early\n")


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16", "cp1252", "utf-8-sig"])
def test_legacy_and_wide_encodings_are_decoded(tmp_path: Path, encoding: str) -> None:
    text = (
        "Café owners in Zürich | Zeitung\nCafé owners in Zürich\n"
        "The café on the Münsterhof reopened on Saturday after a long renovation, its owner said.\n"
        "Crème brûlée is back on the menu, at 9.50 francs, and the terrace seats forty guests.\n"
    )
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    result = run_cli("text", str(path))
    assert result.code == 0, result.stderr
    assert "Crème brûlée is back on the menu" in result.stdout
    assert result.stdout.startswith("Café owners in Zürich\n")


def _bad_inputs(tmp: Path) -> dict[str, tuple[list[str], bytes | None, int]]:
    empty = tmp / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp / "blank.txt"
    blank.write_bytes(b"  \n\n\t \n")
    binary = tmp / "noise.bin"
    binary.write_bytes(bytes(range(256)) * 64)
    png = tmp / "picture.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    huge = tmp / "huge.txt"
    with huge.open("wb") as stream:
        stream.truncate(25_000_000)  # sparse: refused from its size, never read
    no_article = tmp / "menu.html"
    no_article.write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>"
    )
    return {
        "missing file": ([str(tmp / "nope.txt")], None, 66),
        "directory": ([str(tmp)], None, 66),
        "empty file": ([str(empty)], None, 65),
        "blank file": ([str(blank)], None, 65),
        "binary file": ([str(binary)], None, 65),
        "png renamed .txt": ([str(png)], None, 65),
        "file over the limit": ([str(huge)], None, 65),
        "html with no article": ([str(no_article)], None, 65),
        "empty stdin": (["-"], b"", 65),
        "unknown scheme": (["ftp://example.com/a.txt"], None, 65),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing file",
        "directory",
        "empty file",
        "blank file",
        "binary file",
        "png renamed .txt",
        "file over the limit",
        "html with no article",
        "empty stdin",
        "unknown scheme",
    ],
)
def test_bad_input_gives_one_line_and_its_exit_code(tmp_path: Path, case: str) -> None:
    args, stdin, code = _bad_inputs(tmp_path)[case]
    result = run_cli("text", *args, stdin=stdin)
    assert result.code == code, (result.code, result.stderr)
    assert result.stdout == ""
    assert_one_line_error(result.stderr)


def test_no_article_message_says_what_happened(tmp_path: Path) -> None:
    page = tmp_path / "menu.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav><p>Hello</p></body></html>")
    result = run_cli("text", str(page))
    assert "no article text found" in result.stderr


def test_a_page_that_only_redirects_says_where_to(tmp_path: Path) -> None:
    """A book's old chapter that moved is a "Redirecting..." page: the one line names
    the page to open instead."""
    page = tmp_path / "old-chapter.html"
    page.write_text(
        '<html><head><title>Redirecting...</title><meta http-equiv="refresh" '
        'content="0; URL=new-chapter.html"></head><body><p>Redirecting to... '
        '<a href="new-chapter.html">new-chapter.html</a>.</p></body></html>'
    )
    result = run_cli("text", str(page))
    assert result.code == 65
    assert_one_line_error(result.stderr)
    assert "only sends you on to new-chapter.html" in result.stderr


def test_usage_error_is_exit_2_and_one_line() -> None:
    result = run_cli("text", "--format", "yaml", str(ASSETS / "sample-article.txt"))
    assert result.code == 2
    assert_one_line_error(result.stderr)


def test_hostile_text_reaches_stdout_without_controls_and_with_brackets_intact() -> None:
    for fmt in ("plain", "json", "markdown"):
        result = run_cli("text", str(FIXTURES / "hostile.html"), "--format", fmt)
        assert result.code == 0, result.stderr
        assert not CONTROL.search(result.stdout.replace("\n", "").replace("\t", ""))
        assert "\x1b" not in result.stdout and "\x1b" not in result.stderr
    plain = run_cli("text", str(FIXTURES / "hostile.html")).stdout
    for literal in (
        "[bold]not bold[/]",
        "[@click=app.quit]quit[/]",
        "[link=http://e]y[/link]",
        "[ bracket",
    ):
        assert literal in plain
    assert plain.startswith("Hostile title [bold]x[/]")


def test_hostile_file_name_in_an_error_is_cleaned(tmp_path: Path) -> None:
    name = tmp_path / "evil\x1b]0;pwned\x07name.txt"
    result = run_cli("text", str(name))
    assert result.code == 66
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert_one_line_error(result.stderr)


def test_limits_hold_for_huge_and_deep_inputs(tmp_path: Path) -> None:
    """A 500 MB file is refused from its size; a 100 MB text node is over the input limit;
    a million nested elements are handled (or refused) in bounded time and memory."""
    import resource
    import time

    huge = tmp_path / "huge.html"
    with huge.open("wb") as stream:
        stream.truncate(500_000_000)
    started = time.monotonic()
    result = run_cli("text", str(huge))
    assert result.code == 65 and time.monotonic() - started < 5

    node = tmp_path / "node.html"
    node.write_bytes(b"<html><body><p>" + b"a" * 100_000_000 + b"</p></body></html>")
    assert run_cli("text", str(node)).code == 65
    node.unlink()

    deep = tmp_path / "deep.html"
    deep.write_bytes(
        b"<html><body>"
        + b"<div>" * 1_000_000
        + b"<p>One paragraph, deep inside a million divs, long enough to read.</p></body></html>"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.monotonic()
    result = run_cli("text", str(deep))
    assert time.monotonic() - started < 10
    assert result.code in (0, 65) and "Traceback" not in result.stderr
    assert max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) < 500 * 1024  # KiB


def test_errors_on_standard_input_name_it_in_words() -> None:
    done = run_cli("text", "-", stdin=b"")
    assert done.code == 65
    assert done.stderr.strip() == "readout: standard input: the input is empty"


def test_read_help_shows_a_plain_percent_sign() -> None:
    done = run_cli("read", "--help")
    assert "60%%" not in done.stdout and "Volume 60%" in done.stdout
