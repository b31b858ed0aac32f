"""Inputs that once broke, or nearly broke, a loader: replayed on every run.

When a fuzz run finds a crash, save the input as ``tests/fuzz_regressions/NAME.testcase``.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from readout.article import Article
from readout.errors import InputError
from readout.loading import load

CASES = sorted((Path(__file__).resolve().parent.parent / "fuzz_regressions").glob("*.testcase"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_regression_input_gives_an_article_or_input_error(case: Path) -> None:
    try:
        article = load("-", stdin=io.BytesIO(case.read_bytes()))
    except InputError:
        return
    assert isinstance(article, Article)
    for block in article.blocks:
        for sentence in block.sentences:
            assert block.text[sentence.start : sentence.end] == sentence.text


def test_there_are_regression_cases() -> None:
    assert len(CASES) >= 5
