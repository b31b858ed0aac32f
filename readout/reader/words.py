"""Every sentence a listener hears or reads about the session, in one place.

The player's announcement line, plain mode's lines and the spoken announcements all
come from here, so one change of wording reaches every face, and places are always
named in the one numbering (:mod:`readout.numbering`, which Reader calls directly).
"""

from __future__ import annotations

from readout.article import Article, Block, BlockKind
from readout.defaults import Punctuation

END_OF_ARTICLE = "End of article"
NO_MORE_HEADINGS = "No more headings"
"""Next heading, after the last one: reading goes on where it was."""
FINISHED = "Finished"

NOT_SPOKEN = frozenset({"Playing", "Muted"})
"""Said by the voice itself: resuming is heard, and "Muted" would break the silence."""


def skipped(where: str) -> str:
    return f"Could not speak {where}; skipped"


def speed(rate: int) -> str:
    return f"Speed {rate} words per minute"


def speed_limit(faster: bool) -> str:
    return "Maximum speed" if faster else "Minimum speed"


def voice(name: str | None) -> str:
    return f"Voice {name or 'default'}"


def volume(percent: int) -> str:
    return f"Volume {percent}%"


def mute(muted: bool, percent: int) -> str:
    return "Muted" if muted else f"Unmuted, volume {percent}%"


def punctuation(mode: Punctuation) -> str:
    return f"Punctuation: {mode}"


def position(where: str, state: str) -> str:
    """Where am I: "Paragraph 2 of 4, sentence 1 of 3, paused"."""
    return f"{where}, {state.lower()}"


def flagged(where: str) -> str:
    return f"Flagged {where}"


def cannot_save_mark(error: object) -> str:
    return f"Cannot save the mark: {error}"


def cannot_save_place(error: object) -> str:
    return f"Cannot save your place: {error}"


def spelling(word: str, spelled: str) -> str:
    """What spelling shows while it is said: "Spelling keep: k, e, e, p"."""
    return f"Spelling {word}: {spelled}"


def slowly(sentence: str) -> str:
    """What a slow repeat shows while it is said (any move stops it)."""
    return f"Slowly: {sentence}"


def credits(article: Article) -> str:
    """Who wrote the article, where and when, in words: "By Mira Sol · Harbour News ·
    2025-07-10" ("" when nothing is known). The byline says "By", so a listener never
    takes a name for the start of the text, and colour or place is never what tells it."""
    parts = [
        f"By {article.byline}" if article.byline else "",
        article.site or "",
        article.published or "",
    ]
    return " · ".join(part for part in parts if part)


def article_named(title: str) -> str:
    """Plain mode's first line when reading starts after the title."""
    return f"Article: {title}"


def resuming(label: str) -> str:
    """ "Resuming at paragraph 4 of 8"."""
    return f"Resuming at {_lower_first(label)}"


def changed(label: str, *, added: bool = False) -> str:
    """A block read because it changed (``--changed-since``): "Changed paragraph 4",
    or "Added paragraph 8", as ``readout diff`` says."""
    return f"{'Added' if added else 'Changed'} {_lower_first(label)}"


def landed(label: str, text: str) -> str:
    """A move while paused, as the player's announcement line says it: "Heading 2 of 11:
    The Stack and the Heap" (plain mode prints the same on its line)."""
    return f"{label}: {text}"


def step(block: Block, sentence: int) -> str:
    """A move within a block while paused: "Sentence 2 of 3: The text." ("Line" in code)."""
    part = "Line" if block.kind is BlockKind.CODE else "Sentence"
    text = block.sentences[sentence].text
    return f"{part} {sentence + 1} of {len(block.sentences)}: {text}"


def _lower_first(label: str) -> str:
    return f"{label[0].lower()}{label[1:]}"


def device_lost(device: str, silent_s: float, where: str) -> str:
    """The sound went away: what happened, where reading stands, what to do."""
    return (
        f"Sound device lost ({device} took no audio for {silent_s:g} s); "
        f"paused at {_lower_first(where)}; play to resume there"
    )


def still_no_device(error: object) -> str:
    return f"Still no sound device: {error}; paused"


def cannot_open(spec: str, error: object) -> str:
    """ "Cannot open notes.txt: no such file": the reason before a long path, which a
    narrow line would cut off."""
    message = " ".join(str(error).split())
    if message.startswith(f"{spec}: "):
        short = spec.rstrip("/").rsplit("/", 1)[-1] or spec
        return f"Cannot open {short}: {message[len(spec) + 2 :]}"
    return f"Cannot open it: {message}"
