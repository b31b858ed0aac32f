"""The one call most callers need: load an input and return its article."""

from __future__ import annotations

from typing import BinaryIO

from readout.article import Article
from readout.extract import extract
from readout.sources import FetchLimits, load_source


def load(spec: str, *, stdin: BinaryIO | None = None, limits: FetchLimits | None = None) -> Article:
    """Load ``spec`` (a path, an http(s) URL, or "-" for stdin) and extract its article.

    Raises:
        readout.errors.ReadoutError: a subclass naming what went wrong.
    """
    return extract(load_source(spec, stdin=stdin, limits=limits))
