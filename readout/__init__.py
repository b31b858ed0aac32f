"""readout: an accessible, offline article player for the terminal.

The library API: :func:`load` an input to an :class:`Article`, then read or export it.
``load`` is imported on first use, so ``import readout`` (and the CLI's start) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from readout.article import Article, Block, BlockKind, Sentence
from readout.errors import ReadoutError
from readout.version import __version__

if TYPE_CHECKING:
    from readout.loading import load

__all__ = ["Article", "Block", "BlockKind", "ReadoutError", "Sentence", "__version__", "load"]


def __getattr__(name: str) -> Any:
    if name == "load":
        from readout.loading import load

        return load
    raise AttributeError(f"module 'readout' has no attribute {name!r}")
