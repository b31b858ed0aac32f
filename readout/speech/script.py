"""What will be said for an article, unit by unit: the title, then every sentence.

Export, the reader and ``readout text --spoken`` all speak from this one list, so the
dry run shows exactly what the engine is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from readout.article import Article, BlockKind
from readout.speech.lexicon import Lexicon, LexiconRule
from readout.speech.normalize import speakable
from readout.speech.spoken import SpokenText


@dataclass(frozen=True)
class SpokenUnit:
    """One thing the engine says.

    Attributes:
        block: The block index, or -1 for the title.
        sentence: The sentence index within the block.
        kind: The block's kind (the title counts as a heading).
        ends_block: True for a block's last sentence (a longer pause follows).
        spoken: The spoken form and its map back to the shown sentence.
    """

    block: int
    sentence: int
    kind: BlockKind
    ends_block: bool
    spoken: SpokenText


@dataclass(frozen=True)
class Pauses:
    """Silence, in seconds, after each unit: longer at the end of a paragraph or heading."""

    sentence: float = 0.25
    paragraph: float = 0.6
    heading: float = 0.8

    def after(self, unit: SpokenUnit) -> float:
        if not unit.ends_block:
            return self.sentence
        return self.heading if unit.kind is BlockKind.HEADING else self.paragraph


def load_lexicon(extra: Path | None = None, *, user_file: Path | None = None) -> Lexicon:
    """The user's lexicon (if the file exists) followed by ``extra`` (which must)."""
    lexicon = Lexicon()
    if user_file is not None and user_file.is_file():
        lexicon = lexicon + Lexicon.load(user_file)
    if extra is not None:
        lexicon = lexicon + Lexicon.load(extra)
    return lexicon


def rules_for(article: Article, lexicon: Lexicon) -> tuple[LexiconRule, ...]:
    """The lexicon rules scoped to this article's site name or URL host."""
    host = urlsplit(article.source).hostname if article.source else None
    return lexicon.for_sites(article.site, host)


def spoken_units(
    article: Article, lexicon: Lexicon | None = None, *, verbatim: bool = False
) -> list[SpokenUnit]:
    """Every unit of ``article`` in reading order, title first."""
    rules: Sequence[LexiconRule] = rules_for(article, lexicon) if lexicon else ()

    def say(text: str) -> SpokenText:
        return speakable(text, language=article.language, lexicon=rules, verbatim=verbatim)

    units = [SpokenUnit(-1, 0, BlockKind.HEADING, True, say(article.title))]
    for block_index, block in enumerate(article.blocks):
        last = len(block.sentences) - 1
        for sentence_index, sentence in enumerate(block.sentences):
            units.append(
                SpokenUnit(
                    block_index,
                    sentence_index,
                    block.kind,
                    sentence_index == last,
                    say(sentence.text),
                )
            )
    return units
