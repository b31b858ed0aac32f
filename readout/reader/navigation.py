"""Where each navigation command lands: pure functions of the script and the place.

Nothing here plays, waits or reads a clock: how far into its unit reading is comes in
as :attr:`Position.elapsed_s` (the player's own count of frames heard), so every rule
("previous within two seconds of a start goes one further back") is a plain function
that a test can call with any time it likes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from readout.article import Article, BlockKind
from readout.keys import Command
from readout.speech.script import Script

BACK_GRACE_S = 2.0
""""Previous" within this long of a start goes one further back."""


@dataclass(frozen=True)
class Position:
    """Where reading is: a unit of the script (0 is the title) and the seconds of it heard."""

    unit: int
    elapsed_s: float = 0.0


@dataclass(frozen=True)
class Target:
    """Where a command lands: a unit, and how far into it to start."""

    unit: int
    offset_s: float = 0.0


Landing = Target | None
"""A target, or ``None`` for "there is nothing further" (the end of the article)."""


def first_unit_of(script: Script, block: int) -> int:
    """The first unit of ``block`` (-1 is the title)."""
    return next(i for i, (b, _) in enumerate(script.positions) if b == block)


def unit_at(script: Script, block: int, sentence: int) -> int:
    """The unit of a (block, sentence) place, or the nearest after it; the last unit
    when the place is past the end (a saved place in an article that got shorter)."""
    for index, (unit_block, unit_sentence) in enumerate(script.positions):
        if (unit_block == block and unit_sentence >= sentence) or unit_block > block:
            return index
    return len(script) - 1


def to_block(script: Script, article: Article, block: int) -> Target:
    """The start of block ``block`` (0-based; -1 the title), clamped to the article."""
    return Target(first_unit_of(script, max(-1, min(block, len(article.blocks) - 1))))


def next_sentence(script: Script, at: Position) -> Landing:
    return Target(at.unit + 1) if at.unit + 1 < len(script) else None


def previous_sentence(at: Position) -> Target:
    """The sentence before, or the start of this one when it has played a while."""
    return Target(max(0, at.unit - 1 if at.elapsed_s < BACK_GRACE_S else at.unit))


def next_block(
    script: Script, article: Article, at: Position, wanted: Callable[[int], bool]
) -> Landing:
    """The start of the next block after this one for which ``wanted(block)`` holds."""
    block = script.positions[at.unit][0]
    for candidate in range(block + 1, len(article.blocks)):
        if wanted(candidate):
            return Target(first_unit_of(script, candidate))
    return None


def previous_block(script: Script, at: Position, wanted: Callable[[int], bool]) -> Target:
    """The start of this block, or of the one before when this one has just begun;
    only blocks for which ``wanted(block)`` holds count. The title when none is left."""
    block, sentence = script.positions[at.unit]
    at_start = sentence == 0 and at.elapsed_s < BACK_GRACE_S
    for candidate in range(block - 1 if at_start else block, -1, -1):
        if wanted(candidate):
            return Target(first_unit_of(script, candidate))
    return Target(0)


def by_seconds(
    script: Script, at: Position, seconds: float, duration: Callable[[int], float]
) -> Target:
    """Move by ``seconds`` of speech, across units if need be; ``duration(unit)`` is
    how long a unit takes (its render's length, or an estimate)."""
    target = at.elapsed_s + seconds
    unit = at.unit
    while target < 0 and unit > 0:
        unit -= 1
        target += duration(unit)
    while unit < len(script) - 1 and target >= duration(unit):
        target -= duration(unit)
        unit += 1
    return Target(unit, max(0.0, target))


NAVIGATION = frozenset(
    {
        Command.NEXT_SENTENCE,
        Command.PREVIOUS_SENTENCE,
        Command.REPEAT_SENTENCE,
        Command.NEXT_PARAGRAPH,
        Command.PREVIOUS_PARAGRAPH,
        Command.NEXT_HEADING,
        Command.PREVIOUS_HEADING,
        Command.FORWARD_5,
        Command.BACK_5,
        Command.FORWARD_60,
        Command.BACK_60,
        Command.GO_TO_START,
        Command.GO_TO_END,
    }
)
"""The commands that only move the place; :func:`land` says where each goes."""

_SECONDS = {
    Command.FORWARD_5: 5.0,
    Command.BACK_5: -5.0,
    Command.FORWARD_60: 60.0,
    Command.BACK_60: -60.0,
}


def land(
    command: Command,
    script: Script,
    article: Article,
    at: Position,
    duration: Callable[[int], float],
) -> Landing:
    """Where a navigation command (one of :data:`NAVIGATION`) lands from ``at``."""

    def heading(block: int) -> bool:
        return article.blocks[block].kind is BlockKind.HEADING

    def any_block(block: int) -> bool:
        return True

    if command in _SECONDS:
        return by_seconds(script, at, _SECONDS[command], duration)
    moves: dict[Command, Callable[[], Landing]] = {
        Command.NEXT_SENTENCE: lambda: next_sentence(script, at),
        Command.PREVIOUS_SENTENCE: lambda: previous_sentence(at),
        Command.REPEAT_SENTENCE: lambda: Target(at.unit),
        Command.NEXT_PARAGRAPH: lambda: next_block(script, article, at, any_block),
        Command.PREVIOUS_PARAGRAPH: lambda: previous_block(script, at, any_block),
        Command.NEXT_HEADING: lambda: next_block(script, article, at, heading),
        Command.PREVIOUS_HEADING: lambda: previous_block(script, at, heading),
        Command.GO_TO_START: lambda: Target(0),
        Command.GO_TO_END: lambda: Target(first_unit_of(script, script.positions[-1][0])),
    }
    return moves[command]()
