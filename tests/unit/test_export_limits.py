"""Tags and chapters never fail once the audio is made: what cannot fit is refused
before, and what can be written another way is."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import mutagen
import pytest

from readout.article import Article, BlockKind
from readout.errors import UsageError
from readout.export.sinks import open_sink
from readout.export.tags import (
    FLAC_TAGS_MAX_BYTES,
    ID3_CHAPTERS_MAX,
    ascii_url,
    check_chapters,
    write_tags,
)
from readout.export.timeline import Chapter, SentenceTiming, Timeline, chapter_titles
from readout.segment import segment_block


def _article(headings: int, heading_text: str = "A section") -> Article:
    blocks = []
    for number in range(headings):
        blocks.append(segment_block(BlockKind.HEADING, f"{heading_text} {number}", 2))
        blocks.append(segment_block(BlockKind.PARAGRAPH, f"Paragraph {number}. It has two."))
    return Article(title="Limits", blocks=tuple(blocks))


def test_the_chapters_known_before_rendering_are_the_ones_the_timeline_gives() -> None:
    article = _article(3)
    timings = [SentenceTiming(-1, 0, BlockKind.HEADING, "Limits", 0.0, 1.0, ())]
    for index, block in enumerate(article.blocks):
        for number, sentence in enumerate(block.sentences):
            start = float(len(timings))
            timings.append(
                SentenceTiming(index, number, block.kind, sentence.text, start, start + 1, ())
            )
    timeline = Timeline(tuple(timings), float(len(timings)))
    for by in ("heading", "paragraph"):
        assert chapter_titles(article, by) == [c.title for c in timeline.chapters(article, by)]
    assert len(chapter_titles(article, "heading")) == 4
    assert len(chapter_titles(article, "paragraph")) == 7


def test_an_mp3_takes_as_many_chapters_as_its_tables_of_contents_index() -> None:
    article = _article(1)
    check_chapters("mp3", article, ["Chapter"] * ID3_CHAPTERS_MAX)
    with pytest.raises(UsageError, match="65,025"):
        check_chapters("mp3", article, ["Chapter"] * (ID3_CHAPTERS_MAX + 1))
    check_chapters("ogg", article, ["Chapter"] * (ID3_CHAPTERS_MAX + 1))


def test_flac_chapter_names_must_fit_its_sixteen_megabyte_tags(tmp_path: Path) -> None:
    """Over 16 MiB of Vorbis comments, mutagen refused to save the FLAC after all the
    rendering ("block is too long to write"); it is refused before, and Ogg takes it."""
    long_name = "A heading of many words " * 40
    fits = (FLAC_TAGS_MAX_BYTES - 10_000) // (len(long_name) + 60)  # two comments each
    article = _article(1)
    check_chapters("flac", article, [long_name] * fits)
    with pytest.raises(UsageError, match="FLAC"):
        check_chapters("flac", article, [long_name] * (fits + 1000))
    check_chapters("ogg", article, [long_name] * (fits + 1000))
    audio = tmp_path / "short.flac"
    for count, saves in ((fits, True), (fits + 1000, False)):
        sink = open_sink("flac", audio, 22050)
        sink.write(b"\x00\x00" * 2205)
        sink.close()
        chapters = [Chapter(long_name, 0.0, 0.1)] * count
        if saves:  # what the check lets through, mutagen writes
            write_tags(audio, "flac", article, chapters)
            assert len(mutagen.File(str(audio)).tags) > 2 * count
        else:  # what it refuses, mutagen failed to save after the work (1.48 raises
            # AttributeError on the way to "block is too long to write")
            with pytest.raises((mutagen.MutagenError, AttributeError)):
                write_tags(audio, "flac", article, chapters)


def test_an_international_source_url_is_written_to_id3_in_ascii(tmp_path: Path) -> None:
    """ID3 keeps URLs in Latin-1: saving the tag failed after all the rendering."""
    audio = tmp_path / "short.mp3"
    sink = open_sink("mp3", audio, 22050)
    sink.write(b"\x00\x00" * 2205)
    sink.close()
    source = "https://ру.example.org/wiki/Москва?q=é#Ω"
    write_tags(audio, "mp3", replace(_article(1), source=source), [Chapter("Limits", 0.0, 0.1)])
    from mutagen.id3 import ID3

    (url,) = [frame.url for frame in ID3(str(audio)).getall("WOAS")]
    assert (
        url
        == "https://xn--p1ag.example.org/wiki/%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0?q=%C3%A9#%CE%A9"
    )
    assert ascii_url("https://example.org/a%20b?x=1") == "https://example.org/a%20b?x=1"
