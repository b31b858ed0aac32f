"""Opening a long input in two steps: its first blocks at once, then the whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from readout.extract import extract
from readout.loading import HEAD_CHARS, LONG_TEXT_CHARS, load_head
from readout.sources import load_source
from tests.conftest import ASSETS, FIXTURES
from tests.long_inputs import long_markdown, long_scraped_text


@pytest.mark.parametrize("make", [long_scraped_text, long_markdown])
def test_the_head_is_the_first_blocks_of_the_whole(
    make: Callable[[Path], Path], tmp_path: Path
) -> None:
    source = load_source(str(make(tmp_path)))
    assert len(source.text) > LONG_TEXT_CHARS
    head, whole = load_head(source), extract(source)
    assert head is not None
    assert (head.title, head.byline, head.site, head.source) == (
        whole.title, whole.byline, whole.site, whole.source,
    )  # fmt: skip
    assert 3 <= len(head.blocks) < len(whole.blocks) // 4
    assert head.blocks == whole.blocks[: len(head.blocks)]
    assert sum(len(block.text) for block in head.blocks) < HEAD_CHARS
    if make is long_scraped_text:  # the whole keeps its footnote, which the head never saw
        assert whole.blocks[-1].text.startswith("*")


@pytest.mark.parametrize(
    "path", [ASSETS / "sample-article.txt", FIXTURES / "navigation.md", FIXTURES / "hostile.html"]
)
def test_short_inputs_and_html_are_opened_whole(path: Path) -> None:
    assert load_head(load_source(str(path))) is None


def test_a_long_html_page_is_opened_whole(tmp_path: Path) -> None:
    paragraph = "<p>" + "A sentence about the harbour wall and its repair. " * 20 + "</p>\n"
    page = tmp_path / "long.html"
    page.write_text(f"<html><body><article>{paragraph * 200}</article></body></html>", "utf-8")
    source = load_source(str(page))
    assert len(source.text) > LONG_TEXT_CHARS and load_head(source) is None
