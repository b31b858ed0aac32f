"""The one call most callers need: load an input and return its article.

A long text or Markdown article can also be opened in two steps: :func:`load_head`
extracts its first blocks from the start of the text alone, so the player can speak
at once while the whole is extracted.
"""

from __future__ import annotations

from dataclasses import replace
from typing import BinaryIO

from readout.article import Article
from readout.errors import InputError
from readout.extract import extract
from readout.sources import FetchLimits, MediaType, Source, load_source

LONG_TEXT_CHARS = 100_000
"""Inputs longer than this are worth opening in two steps (extraction takes ~20 ms)."""

HEAD_CHARS = 8_000
"""How much of a long input the first step reads."""


def load(spec: str, *, stdin: BinaryIO | None = None, limits: FetchLimits | None = None) -> Article:
    """Load ``spec`` (a path, an http(s) URL, or "-" for stdin) and extract its article.

    Raises:
        readout.errors.ReadoutError: a subclass naming what went wrong.
    """
    return extract(load_source(spec, stdin=stdin, limits=limits))


def load_head(source: Source) -> Article | None:
    """The first blocks of a long text or Markdown article, from its start alone.

    Extracting a million characters takes a few hundred milliseconds; the start takes
    a few. Text and Markdown are extracted line by line, so blocks found in the start
    are the whole article's first blocks, except the last one, which the cut may have
    split or which may read differently with what follows: it is dropped. None when
    the input is short, HTML (whose extractors need the whole page) or
    reStructuredText (whose links and substitutions are defined anywhere), or when
    the start alone holds no article.
    """
    if source.media_type in (MediaType.HTML, MediaType.RST) or len(source.text) <= LONG_TEXT_CHARS:
        return None
    separator = "\n\n" if source.media_type is MediaType.MARKDOWN else "\n"
    cut = source.text.rfind(separator, 0, HEAD_CHARS)
    if cut <= 0:
        return None
    try:
        head = extract(replace(source, text=source.text[:cut]))
    except InputError:
        return None
    if len(head.blocks) < 2:
        return None
    return replace(head, blocks=head.blocks[:-1])
