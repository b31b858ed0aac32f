"""Metadata and chapters inside the audio file: ID3 (with CHAP/CTOC) for MP3, Vorbis
comments (with the CHAPTERnnn convention) for Ogg and FLAC. WAV gets none inside;
its chapters go in a file beside it."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from readout.article import Article
from readout.errors import UsageError
from readout.export.timeline import Chapter

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def write_tags(path: Path, fmt: str, article: Article, chapters: list[Chapter]) -> None:
    """Tag the finished (but not yet renamed) file at ``path``."""
    if fmt == "mp3":
        _id3(path, article, chapters)
    elif fmt in ("ogg", "flac"):
        _vorbis(path, fmt, article, chapters)


_CTOC_MAX = 255
"""Entries one ID3 CTOC frame can list."""


def _artist(article: Article) -> str | None:
    return article.byline or article.site


def _id3(path: Path, article: Article, chapters: list[Chapter]) -> None:
    from mutagen.id3 import CHAP, CTOC, ID3, TALB, TDRC, TIT2, TPE1, TXXX, WOAS, CTOCFlags

    tags = ID3()
    tags.add(TIT2(encoding=3, text=article.title))
    if _artist(article):
        tags.add(TPE1(encoding=3, text=_artist(article)))
    if article.site:
        tags.add(TALB(encoding=3, text=article.site))
    if article.published and _DATE.match(article.published):
        tags.add(TDRC(encoding=3, text=article.published))
    if article.source and article.source.startswith(("http://", "https://")):
        tags.add(WOAS(url=ascii_url(article.source)))
    elif article.source:
        tags.add(TXXX(encoding=3, desc="source", text=article.source))
    if article.language:
        tags.add(TXXX(encoding=3, desc="language", text=article.language))
    ids = [f"chp{number}" for number in range(len(chapters))]
    for element_id, chapter in zip(ids, chapters, strict=True):
        tags.add(
            CHAP(
                element_id=element_id,
                start_time=round(chapter.start_s * 1000),
                end_time=round(chapter.end_s * 1000),
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    # A CTOC frame counts its entries in one byte: more than 255 chapters go into
    # nested tables of contents of up to 255 each, under the top-level one.
    if len(ids) > _CTOC_MAX:
        # Two levels index 65,025 chapters; check_chapters refuses more before rendering.
        parts = [ids[i : i + _CTOC_MAX] for i in range(0, len(ids), _CTOC_MAX)][:_CTOC_MAX]
        children = []
        for number, part in enumerate(parts):
            children.append(f"toc{number}")
            tags.add(
                CTOC(
                    element_id=f"toc{number}",
                    flags=CTOCFlags.ORDERED,
                    child_element_ids=part,
                    sub_frames=[
                        TIT2(
                            encoding=3,
                            text=f"Chapters {number * _CTOC_MAX + 1} to "
                            f"{number * _CTOC_MAX + len(part)}",
                        )
                    ],
                )
            )
        ids = children
    if ids:
        tags.add(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=3, text=article.title)],
            )
        )
    tags.save(str(path))


_URL_SAFE = "".join(chr(code) for code in range(33, 127))


def ascii_url(url: str) -> str:
    """``url`` in ASCII, as an ID3 URL frame (Latin-1) holds it and players open it: an
    international host in punycode, other characters percent-encoded. (Saving the tag
    failed after all the rendering on a URL with, say, Cyrillic in its path.)"""
    if url.isascii():
        return url
    parts = urlsplit(url)
    try:
        netloc = parts.netloc.encode("idna").decode("ascii")
    except UnicodeError:
        netloc = quote(parts.netloc, safe=_URL_SAFE)
    return urlunsplit((parts.scheme, netloc, *(quote(part, safe=_URL_SAFE) for part in parts[2:])))


def _vorbis(path: Path, fmt: str, article: Article, chapters: list[Chapter]) -> None:
    from mutagen.flac import FLAC
    from mutagen.oggvorbis import OggVorbis

    audio = FLAC(str(path)) if fmt == "flac" else OggVorbis(str(path))
    if audio.tags is None:
        audio.add_tags()
    ours = vorbis_comments(article, [(c.title, c.start_s) for c in chapters])
    keys = {key for key, _ in ours}
    kept = [(key, value) for key, value in audio.tags if key.upper() not in keys]
    audio.tags.clear()  # then all at once: one by one, each replaced key is a search
    audio.tags.extend(kept + ours)
    audio.save()


def vorbis_comments(article: Article, chapters: list[tuple[str, float]]) -> list[tuple[str, str]]:
    """The Vorbis comments for ``article`` with chapters at (title, start) each."""
    comments = [("TITLE", article.title)]
    for key, value in (
        ("ARTIST", _artist(article)),
        ("ALBUM", article.site),
        ("DATE", article.published),
        ("LANGUAGE", article.language),
        ("SOURCE", article.source),
    ):
        if value:
            comments.append((key, value))
    for number, (title, start_s) in enumerate(chapters, 1):
        comments.append((f"CHAPTER{number:03d}", stamp(start_s)))
        comments.append((f"CHAPTER{number:03d}NAME", title))
    return comments


ID3_CHAPTERS_MAX = _CTOC_MAX * _CTOC_MAX
"""Chapters two levels of ID3 tables of contents index."""

FLAC_TAGS_MAX_BYTES = 2**24 - 1 - 4096
"""A FLAC metadata block holds 16 MiB; the rest is room for the vendor string."""


def check_chapters(fmt: str, article: Article, titles: list[str]) -> None:
    """Refuse, before any audio is made, chapters that the format cannot hold.

    Raises:
        UsageError: too many chapters for an MP3's tables of contents, or chapter names
            too long in all for a FLAC file's tags; fewer chapters or another format fit.
    """
    if fmt == "mp3" and len(titles) > ID3_CHAPTERS_MAX:
        raise UsageError(
            f"{len(titles):,} chapters; an MP3 indexes at most {ID3_CHAPTERS_MAX:,}: "
            "use --chapters heading, or --format ogg"
        )
    if fmt == "flac":
        comments = vorbis_comments(article, [(title, 0.0) for title in titles])
        size = 4 + sum(4 + len(f"{key}={value}".encode()) for key, value in comments)
        if size > FLAC_TAGS_MAX_BYTES:
            raise UsageError(
                f"the names of {len(titles):,} chapters take {size:,} bytes; a FLAC file's "
                f"tags hold {FLAC_TAGS_MAX_BYTES:,}: use --chapters heading, or --format ogg"
            )


def stamp(seconds: float) -> str:
    """HH:MM:SS.mmm"""
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def chapter_file(chapters: list[Chapter]) -> str:
    """One line a chapter: "HH:MM:SS.mmm Title" (the chapters.txt podcast convention)."""
    return "".join(f"{stamp(c.start_s)} {c.title}\n" for c in chapters)


def audio_length(path: Path) -> float | None:
    """The length in seconds of the audio file at ``path``, None if it cannot be read."""
    import mutagen

    try:
        audio = mutagen.File(str(path))
    except (mutagen.MutagenError, OSError):
        return None
    return None if audio is None else float(audio.info.length)
