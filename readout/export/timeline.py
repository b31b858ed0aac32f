"""The timing table every export output is made from: when each sentence and word is heard.

Captions, the sync map and chapters all read this one table, built while the audio is
rendered, so their times match the audio exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from readout.article import Article, BlockKind


@dataclass(frozen=True)
class WordTiming:
    start_s: float
    end_s: float
    start: int  # offset into the shown sentence text
    length: int


@dataclass(frozen=True)
class SentenceTiming:
    """One unit: block -1 is the title."""

    block: int
    sentence: int
    kind: BlockKind
    text: str
    start_s: float
    end_s: float  # when its speech ends (the pause after it is not included)
    words: tuple[WordTiming, ...]


@dataclass(frozen=True)
class Chapter:
    title: str
    start_s: float
    end_s: float


@dataclass(frozen=True)
class Timeline:
    sentences: tuple[SentenceTiming, ...]
    duration_s: float

    def chapters(self, article: Article, by: str = "heading") -> list[Chapter]:
        """Chapters at the title and every heading, or at every paragraph (``by="paragraph"``)."""
        starts: list[tuple[str, float]] = []
        for timing in self.sentences:
            if timing.sentence != 0:
                continue
            if timing.block < 0:
                starts.append((article.title, 0.0))
            elif _starts_chapter(timing.kind, by):
                starts.append((_chapter_title(article, timing.block, by), timing.start_s))
        chapters = []
        for index, (title, start) in enumerate(starts):
            end = starts[index + 1][1] if index + 1 < len(starts) else self.duration_s
            chapters.append(Chapter(title, start, end))
        return chapters

    def to_sync_map(self) -> dict[str, object]:
        """Block, sentence and word start and end times, for any player or aligner."""
        return {
            "duration": round(self.duration_s, 3),
            "sentences": [
                {
                    "block": t.block,
                    "sentence": t.sentence,
                    "kind": t.kind.value,
                    "text": t.text,
                    "start": round(t.start_s, 3),
                    "end": round(t.end_s, 3),
                    "words": [
                        {
                            "start": round(w.start_s, 3),
                            "end": round(w.end_s, 3),
                            "offset": w.start,
                            "length": w.length,
                            "text": t.text[w.start : w.start + w.length],
                        }
                        for w in t.words
                    ],
                }
                for t in self.sentences
            ],
        }


def chapter_titles(article: Article, by: str = "heading") -> list[str]:
    """The titles of the chapters an export of ``article`` will have, known before any
    audio is made (so limits are checked first): the same as :meth:`Timeline.chapters`."""
    return [article.title] + [
        _chapter_title(article, index, by)
        for index, block in enumerate(article.blocks)
        if block.sentences and _starts_chapter(block.kind, by)
    ]


def _starts_chapter(kind: BlockKind, by: str) -> bool:
    return by == "paragraph" or kind is BlockKind.HEADING


def _chapter_title(article: Article, block: int, by: str) -> str:
    text = article.blocks[block].text
    if by == "paragraph":
        words = text.split()
        return " ".join(words[:8]) + ("…" if len(words) > 8 else "")
    return text
