"""readout: an accessible, offline article player for the terminal.

The library API: :func:`load` an input to an :class:`Article`, then read or export it.
"""

from __future__ import annotations

import logging

from readout.article import Article, Block, BlockKind, Sentence
from readout.errors import ReadoutError
from readout.loading import load
from readout.version import __version__

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["Article", "Block", "BlockKind", "ReadoutError", "Sentence", "__version__", "load"]
