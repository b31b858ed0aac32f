"""Any bytes give an Article or our InputError, never another exception: 2,000 inputs a run."""

from __future__ import annotations

import io
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readout.article import Article
from readout.errors import InputError
from readout.extract import extract
from readout.loading import load
from readout.sources import MediaType, Source

# `make fuzz` raises this for a longer run at home; CI runs the 2,000 below.
SCALE = max(1, int(os.environ.get("READOUT_FUZZ_SCALE", "1")))

HTML_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<h2>",
        "</h2>",
        "<ul><li>",
        "<blockquote>",
        "<script>x()",
        "<article>",
        "&amp;",
        "&#xD800;",
        "&bogus;",
        "<img alt='a picture of a cat'>",
        "<br>",
        "A sentence of ordinary words that reads like an article body. ",
        "\x00",
        "\x1b[2J",
        "\u202e",
        "[bold]",
        "<!--",
        "-->",
        "<meta charset='utf-16'>",
        "<title>T | S</title>",
    ]
)


def _load(data: bytes) -> None:
    try:
        article = load("-", stdin=io.BytesIO(data))
    except InputError:
        return
    assert isinstance(article, Article)
    for block in article.blocks:
        for sentence in block.sentences:
            assert block.text[sentence.start : sentence.end] == sentence.text


@settings(max_examples=800 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_random_bytes(data: bytes) -> None:
    _load(data)


@settings(max_examples=700 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HTML_PIECES, max_size=60))
def test_mutated_html(pieces: list[str]) -> None:
    _load(("<html><body>" + "".join(pieces)).encode("utf-8", "surrogatepass"))


@settings(max_examples=500 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000), st.sampled_from(["utf-8", "utf-16-le", "utf-16", "latin-1"]))
def test_text_in_many_encodings(text: str, encoding: str) -> None:
    _load(text.encode(encoding, "replace"))


RST_PIECES = st.sampled_from(
    [
        "Title\n=====\n\n",
        "Part\n----\n\n",
        ".. note::\n\n   ",
        ".. code-block:: python\n   :caption: x\n\n   ",
        ".. versionadded:: 2.1\n   ",
        ".. toctree::\n   :maxdepth: 2\n\n   a\n",
        ".. include:: /etc/passwd\n",
        ".. raw:: html\n\n   <b>x</b>\n",
        ".. unknown:: a\n\n   b\n",
        ".. |badge| image:: https://ci.example/badge.svg\n",
        ".. [#] A note.\n",
        ".. _target:\n",
        ".. contents::\n",
        "* item\n",
        "#. step\n",
        "  ",
        "\n\n",
        "``literal``",
        ":func:`~a.b`",
        ":ref:`text <t>`",
        "[#]_",
        "|badge|",
        "`link <https://example.org>`_",
        "+---+---+\n| a | b |\n+===+===+\n",
        "term\n   definition\n",
        ":Author: Ada\n",
        "--opt N  help\n",
        "-----\n",
        "A sentence of ordinary words that reads like an article body. ",
    ]
)


@settings(max_examples=300 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(RST_PIECES, max_size=40))
def test_mutated_restructuredtext(pieces: list[str]) -> None:
    """docutils' errors never reach the user: a text it cannot parse is read as text."""
    text = "".join(pieces)
    try:
        article = extract(Source(text, MediaType.RST, "fuzz.rst"))
    except InputError:
        return
    for block in article.blocks:
        assert block.text.strip()
        for sentence in block.sentences:
            assert block.text[sentence.start : sentence.end] == sentence.text
