"""Turn a loaded :class:`~readout.sources.Source` into a segmented :class:`Article`.

One entry point, :func:`extract`, picks the extractor for the media type (HTML,
Markdown, scraped plain text), segments every block into sentences, and refuses input
in which no article can be found.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import TYPE_CHECKING

from readout.article import Article, Block, BlockKind
from readout.errors import InputError
from readout.extract.boilerplate import word_count
from readout.extract.dropped import DropLog, Dropped
from readout.extract.raw import RawBlock, collapse
from readout.segment import segment_block
from readout.sources import MediaType, Source

if TYPE_CHECKING:
    from readout.extract.rst import RstExtraction

MIN_ARTICLE_WORDS = 8
_DECORATION = re.compile(r"^[=#*_~-]{2,}\s*|\s*[=#*_~-]{2,}$")
"""A run of marks that frames a title in plain text ("=== Western Cherokee ===")."""
"""An article needs at least one sentence-like block of this many words."""


def extract(source: Source) -> Article:
    """Extract and segment the article in ``source``.

    Raises:
        InputError: no article text was found.
    """
    return _extract(source, DropLog(on=False))


class NoArticleError(InputError):
    """Nothing in the input reads like a paragraph; ``dropped`` says what was there and
    why each piece went (``readout text --dropped`` shows it even so)."""

    def __init__(self, message: str, dropped: list[Dropped]) -> None:
        super().__init__(message)
        self.dropped = dropped


def extract_with_dropped(source: Source) -> tuple[Article, list[Dropped]]:
    """The article in ``source`` and what was left out of it, with why, in page order
    (``readout text --dropped``)."""
    log = DropLog(on=True)
    return _extract(source, log), log.items


def _extract(source: Source, log: DropLog) -> Article:
    byline = site = published = language = redirect = None
    if source.media_type is MediaType.HTML:
        from readout.extract.html import extract_html

        found_html = extract_html(source.text, source.url, log)
        title, raw = found_html.title, found_html.blocks
        byline, site = found_html.byline, found_html.site
        published, language = found_html.published, found_html.language
        redirect = found_html.redirect
    elif source.media_type is MediaType.MARKDOWN:
        from readout.extract.markdown import extract_markdown

        found_md = extract_markdown(source.text, log)
        title, raw = found_md.title, found_md.blocks
        byline, published, language = found_md.byline, found_md.published, found_md.language
    elif source.media_type is MediaType.RST and (found_rst := _read_rst(source.text, log)):
        title, raw = found_rst.title, found_rst.blocks
        byline, published = found_rst.byline, found_rst.published
    else:
        from readout.extract.text import extract_text

        found_text = extract_text(source.text, log)
        title, raw = found_text.title, found_text.blocks
        byline, site, published = found_text.byline, found_text.site, found_text.published

    blocks = tuple(_segment(block) for block in raw if block.text)
    if not _has_article(source, title, blocks):
        why = (
            f"the page only sends you on to {redirect}"
            if redirect
            else ("nothing reads like a paragraph")
        )
        raise NoArticleError(f"{source.shown_name}: no article text found ({why})", log.items)
    title = _DECORATION.sub("", collapse(title))
    if not title and len(blocks) > 1 and _is_title_line(blocks[0]) and not _sectioned(source):
        # A text that opens with its heading, or with a short line that is no sentence
        # ("=== Western Harbour ==="): that is its title, said once.
        title, blocks = _DECORATION.sub("", blocks[0].text), blocks[1:]
    title = title or _name_of_file(source.name) or _first_words(blocks)
    return Article(
        title=title,
        blocks=blocks,
        byline=_clean(byline),
        site=_clean(site),
        published=_clean(published),
        language=_clean(language),
        source=source.url or source.name,
    )


def _sectioned(source: Source) -> bool:
    """reStructuredText states its title (docutils takes a lone first section's title
    for it): an opening section of many ("Introduction") is a section, and the file's
    name the title. From standard input, with no name, that heading is the title."""
    return source.media_type is MediaType.RST and _name_of_file(source.name) is not None


def _read_rst(text: str, log: DropLog) -> RstExtraction | None:
    from readout.extract.rst import extract_rst

    return extract_rst(text, log)


def _has_article(source: Source, title: str, blocks: tuple[Block, ...]) -> bool:
    """Whether ``blocks`` are an article: a paragraph of some length, or, in text a
    person wrote (Markdown; plain text of which nothing was left out), any text at
    all: "# Todo" and three short items is a note to hear, not a menu."""
    read = [b for b in blocks if b.kind is not BlockKind.CAPTION]
    if any(word_count(b.text) >= MIN_ARTICLE_WORDS for b in read):
        return True
    if not read or source.media_type is MediaType.HTML:
        return False
    if source.media_type in (MediaType.MARKDOWN, MediaType.RST):
        return True
    kept = word_count(title) + sum(word_count(b.text) for b in read)
    return kept >= word_count(source.text)  # every word of it is kept: none was furniture


def _segment(block: RawBlock) -> Block:
    return segment_block(block.kind, block.text, block.level)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = collapse(value)
    return value or None


TITLE_LINE_WORDS = 8
"""A first line of this many words or fewer, ending in no stop, can be a title."""


def _is_title_line(block: Block) -> bool:
    if block.kind is BlockKind.HEADING:
        return True
    if block.kind is not BlockKind.PARAGRAPH or len(block.sentences) != 1:
        return False
    text = _DECORATION.sub("", block.text)
    words = text.split()
    return (
        0 < len(words) <= TITLE_LINE_WORDS
        and text[-1] not in ".!?:;,…"
        and any(char.isalpha() for char in text)
        and "://" not in text  # a field that gives an address ("Format: https://...")
    )


def _name_of_file(name: str) -> str | None:
    """A title for a file that states none: its name ("field_notes.txt": "field notes"),
    as a file manager shows it. Its first words would be said twice, once as the title
    and again as the text begins."""
    if name == "-" or "://" in name:
        return None
    path = PurePath(name)
    stem = path.stem.replace("_", " ").strip()
    if stem.casefold() in _NAMED_BY_FOLDER and path.parent.name:
        stem = f"{path.parent.name} {stem}"  # "rich/README.md": "rich README"
    return stem if any(char.isalpha() for char in stem) else None


_NAMED_BY_FOLDER = frozenset({"readme", "index", "news", "changelog", "changes", "history"})
"""Names that say what a file is and not whose: its folder says that."""


def _first_words(blocks: tuple[Block, ...], limit: int = 8) -> str:
    """A title for an article that has none and comes from no file (standard input):
    the first words of its first sentence of prose (not a code block's, not an
    ASCII-art banner's), decoration ("===") off."""
    for block in blocks:
        if block.kind is BlockKind.CODE or not block.sentences:
            continue
        words = _DECORATION.sub("", block.sentences[0].text).split()
        if any(char.isalpha() for word in words for char in word):
            return " ".join(words[:limit]) + ("…" if len(words) > limit else "")
    return "Untitled article"
