"""Where the bundled sample article lives, in a checkout and in an installed copy."""

from __future__ import annotations

import sys
from pathlib import Path

SAMPLE_NAME = "sample-article.txt"


def sample_article_path() -> Path:
    """The bundled sample: ``assets/`` of a source checkout, or ``share/readout/assets``
    of an installed copy (where pip puts the project's data files)."""
    candidates = (
        Path(__file__).resolve().parent.parent / "assets" / SAMPLE_NAME,
        Path(sys.prefix) / "share" / "readout" / "assets" / SAMPLE_NAME,
    )
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return candidates[0]
