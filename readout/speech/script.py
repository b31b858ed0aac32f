"""What will be said for an article, unit by unit: the title, then every sentence.

Export, the reader and ``readout text --spoken`` all speak from this one list, so the
dry run shows exactly what the engine is given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, overload
from urllib.parse import urlsplit

from readout.article import Article, BlockKind
from readout.defaults import Punctuation
from readout.speech.normalize import speakable
from readout.speech.spoken import SpokenText

if TYPE_CHECKING:  # the lexicon (and its TOML parser) loads only when a lexicon exists
    from readout.speech.lexicon import Lexicon, LexiconRule


_PROMPT = re.compile(r"(?:>>>|\.\.\.|\$|In \[\d+\]:|Out\[\d+\]:)[ \t]+(?=\S)")
"""The prompt opening a line of a session shown as code: Python's (">>> ", "... "),
a shell's ("$ "), IPython's ("In [3]: ")."""


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


def load_lexicon(extra: Path | None = None, *, user_file: Path | None = None) -> Lexicon | None:
    """The user's lexicon (if the file exists) followed by ``extra`` (which must); None if neither."""
    has_user_file = user_file is not None and user_file.is_file()
    if not has_user_file and extra is None:
        return None
    from readout.speech.lexicon import Lexicon

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


class Script(Sequence[SpokenUnit]):
    """The units of an article, each made speakable only when first asked for.

    A long article starts playing at once: normalising a million characters up front
    would delay the first sound by seconds.
    """

    def __init__(
        self,
        article: Article,
        rules: Sequence[LexiconRule],
        *,
        verbatim: bool,
        punctuation: Punctuation = "none",
    ) -> None:
        self._article = article
        self._rules = rules
        self._verbatim = verbatim
        self.punctuation = punctuation
        self.positions: list[tuple[int, int]] = [(-1, 0)] + [
            (b, s) for b, block in enumerate(article.blocks) for s in range(len(block.sentences))
        ]
        self._made: dict[int, SpokenUnit] = {}

    def __len__(self) -> int:
        return len(self.positions)

    @overload
    def __getitem__(self, index: int) -> SpokenUnit: ...

    @overload
    def __getitem__(self, index: slice) -> list[SpokenUnit]: ...

    def __getitem__(self, index: int | slice) -> SpokenUnit | list[SpokenUnit]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        unit = self._made.get(index)
        if unit is None:
            unit = self._made[index] = self._make(index)
        return unit

    def _make(self, index: int) -> SpokenUnit:
        block_index, sentence_index = self.positions[index]
        if block_index < 0:
            kind, ends, text = BlockKind.HEADING, True, self._article.title
        else:
            block = self._article.blocks[block_index]
            kind, ends = block.kind, sentence_index == len(block.sentences) - 1
            text = block.sentences[sentence_index].text
        # Code is read as written, every mark said: "2" must not become "two" inside
        # an expression, and a listener needs the brackets to follow it. A prompt
        # (">>> ", "$ ") is shown and not said: it is the same on every line.
        code = kind is BlockKind.CODE
        prompt = _PROMPT.match(text) if code else None
        spoken = speakable(
            text,
            language=self._article.language,
            lexicon=() if code else self._rules,
            verbatim=self._verbatim or code,
            punctuation="all" if code else self.punctuation,
            unsaid=prompt.end() if prompt else 0,
        )
        return SpokenUnit(block_index, sentence_index, kind, ends, spoken)


def spoken_units(
    article: Article,
    lexicon: Lexicon | None = None,
    *,
    verbatim: bool = False,
    punctuation: Punctuation = "none",
) -> Script:
    """Every unit of ``article`` in reading order, title first (made speakable lazily)."""
    rules: Sequence[LexiconRule] = rules_for(article, lexicon) if lexicon else ()
    return Script(article, rules, verbatim=verbatim, punctuation=punctuation)
