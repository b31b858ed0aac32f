"""readout: an accessible, offline article player for the terminal.

The library API: :func:`load` an input to an :class:`Article`, then read or export it.
Every name is imported on first use, so ``import readout`` (and the CLI's start) stays
fast, and a Ctrl-C while the CLI starts comes inside the CLI's own handling of it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from readout.version import __version__

if TYPE_CHECKING:
    from readout.article import Article, Block, BlockKind, Sentence
    from readout.errors import ReadoutError
    from readout.loading import load

__all__ = ["Article", "Block", "BlockKind", "ReadoutError", "Sentence", "__version__", "load"]

_HOMES = {
    "Article": "readout.article",
    "Block": "readout.article",
    "BlockKind": "readout.article",
    "Sentence": "readout.article",
    "ReadoutError": "readout.errors",
    "load": "readout.loading",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'readout' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
