"""The article model every layer shares: frozen dataclasses with a JSON round-trip.

An :class:`Article` is a title, some metadata and a tuple of :class:`Block` objects in
reading order. Each block keeps its exact text and its sentences as character offsets
into that text, so every face (screen, speech, captions, marks) can point at the
same characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any


class BlockKind(str, Enum):
    """What a block is; the reader and exporters treat some kinds differently."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    CAPTION = "caption"
    CODE = "code"


_ITEM_NUMBER = re.compile(r"^\d+[.)] ")


def says_its_number(item_text: str) -> bool:
    """An ordered list's item carries its number ("3. Open the lid"): no bullet goes
    before it on screen or in Markdown."""
    return _ITEM_NUMBER.match(item_text) is not None


@dataclass(frozen=True)
class Sentence:
    """A sentence as ``start``/``end`` offsets into its block's text.

    ``text`` always equals ``block.text[start:end]``.
    """

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """A heading, paragraph, list item, quote, caption or code block.

    Attributes:
        kind: What the block is.
        text: The exact text shown, already sanitised; whitespace collapsed, except in
            code blocks, which keep their line breaks and indentation.
        sentences: The sentences covering ``text`` (whitespace between them aside).
        level: The heading level 1-6 for headings, a list item's depth (1 for an item
            of a list at the top, 2 for one in a list inside an item), else ``None``.
    """

    kind: BlockKind
    text: str
    sentences: tuple[Sentence, ...]
    level: int | None = None


@dataclass(frozen=True)
class Article:
    """An extracted, segmented article.

    Attributes:
        title: The headline (never the "Title | Site" window title).
        blocks: The body in reading order; the title is not repeated here.
        byline: The author line as found, without a leading "By".
        site: The publication or site name.
        published: The publication date as found (ISO 8601 when known).
        language: A BCP 47 language tag when known.
        source: Where the article came from: a path, a URL or "-".
    """

    title: str
    blocks: tuple[Block, ...]
    byline: str | None = None
    site: str | None = None
    published: str | None = None
    language: str | None = None
    source: str | None = None

    def sentences(self) -> Iterator[tuple[int, int, Sentence]]:
        """Yield ``(block_index, sentence_index, sentence)`` in reading order."""
        for bi, block in enumerate(self.blocks):
            for si, sentence in enumerate(block.sentences):
                yield bi, si, sentence

    @property
    def word_count(self) -> int:
        """Words in the title and body, for reading-time estimates."""
        return len(self.title.split()) + sum(len(b.text.split()) for b in self.blocks)

    @property
    def content_hash(self) -> str:
        """A stable hash of the title and body text; keys resume positions and marks."""
        import hashlib  # here, not at import: start-up time matters to a player

        digest = hashlib.sha256(self.title.encode("utf-8"))
        for block in self.blocks:
            digest.update(b"\x00" + block.kind.value.encode() + b"\x00")
            digest.update(block.text.encode("utf-8"))
        return digest.hexdigest()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form documented in DESIGN.md (``readout text --format json``)."""
        return {
            "title": self.title,
            "byline": self.byline,
            "site": self.site,
            "published": self.published,
            "language": self.language,
            "source": self.source,
            "blocks": [
                {
                    "index": index,
                    "kind": block.kind.value,
                    "level": block.level,
                    "text": block.text,
                    "sentences": [
                        {"text": s.text, "start": s.start, "end": s.end} for s in block.sentences
                    ],
                }
                for index, block in enumerate(self.blocks)
            ],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """Serialise with :meth:`to_dict`; non-ASCII text is kept as is."""
        import json

        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an article from :meth:`to_dict` output."""
        blocks = tuple(
            Block(
                kind=BlockKind(b["kind"]),
                text=b["text"],
                level=b.get("level"),
                sentences=tuple(
                    Sentence(text=s["text"], start=s["start"], end=s["end"]) for s in b["sentences"]
                ),
            )
            for b in data["blocks"]
        )
        return cls(
            title=data["title"],
            blocks=blocks,
            byline=data.get("byline"),
            site=data.get("site"),
            published=data.get("published"),
            language=data.get("language"),
            source=data.get("source"),
        )

    @classmethod
    def from_json(cls, text: str) -> Article:
        """Rebuild an article from :meth:`to_json` output."""
        import json

        return cls.from_dict(json.loads(text))
