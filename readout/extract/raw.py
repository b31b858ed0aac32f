"""A block before segmentation, shared by every extractor (no parser imports here)."""

from __future__ import annotations

from dataclasses import dataclass

from readout.article import BlockKind


@dataclass(frozen=True)
class RawBlock:
    """A block before segmentation."""

    kind: BlockKind
    text: str
    level: int | None = None


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space and trim."""
    return " ".join(text.split())
