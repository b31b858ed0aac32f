"""Navigation is pure: where each command lands, from any place and any time heard."""

from __future__ import annotations

import pytest

from readout.keys import Command
from readout.loading import load
from readout.reader.navigation import NAVIGATION, Position, Target, land
from readout.speech.script import spoken_units
from tests.conftest import FIXTURES

ARTICLE = load(str(FIXTURES / "navigation.md"))
SCRIPT = spoken_units(ARTICLE)
# units: 0 title; 1-2 block 0; 3 heading; 4-5 block 2; 6-7 block 3; 8 heading; 9-11 block 5


def two_seconds_each(unit: int) -> float:
    return 2.0


def where(command: Command, unit: int, elapsed_s: float = 0.0) -> Target | None:
    return land(command, SCRIPT, ARTICLE, Position(unit, elapsed_s), two_seconds_each)


@pytest.mark.parametrize(
    ("command", "unit", "elapsed", "expected"),
    [
        (Command.NEXT_SENTENCE, 1, 0.0, Target(2)),
        (Command.NEXT_SENTENCE, 11, 0.0, None),  # the last: nothing further
        (Command.PREVIOUS_SENTENCE, 5, 0.5, Target(4)),  # just begun: the one before
        (Command.PREVIOUS_SENTENCE, 5, 3.0, Target(5)),  # heard a while: its own start
        (Command.PREVIOUS_SENTENCE, 0, 0.0, Target(0)),
        (Command.REPEAT_SENTENCE, 7, 1.0, Target(7)),
        (Command.NEXT_PARAGRAPH, 4, 0.0, Target(6)),
        (Command.NEXT_PARAGRAPH, 10, 0.0, None),
        (Command.PREVIOUS_PARAGRAPH, 7, 0.0, Target(6)),  # back to this block's start
        (Command.PREVIOUS_PARAGRAPH, 6, 0.5, Target(4)),  # at its start: the one before
        (Command.PREVIOUS_PARAGRAPH, 6, 3.0, Target(6)),  # a while into its start: itself
        (Command.NEXT_HEADING, 1, 0.0, Target(3)),
        (Command.NEXT_HEADING, 8, 0.0, None),
        (Command.PREVIOUS_HEADING, 10, 0.0, Target(8)),
        (Command.PREVIOUS_HEADING, 2, 0.0, Target(0)),  # no heading before: the title
        (Command.GO_TO_START, 9, 0.0, Target(0)),
        (Command.GO_TO_END, 1, 0.0, Target(9)),  # the start of the last block
        (Command.FORWARD_5, 1, 0.5, Target(3, 1.5)),  # 0.5 + 5 s across two 2 s units
        (Command.BACK_5, 3, 1.0, Target(1, 0.0)),  # clamped at the start of unit 1...
        (Command.BACK_60, 3, 1.0, Target(0, 0.0)),  # ...or of the title
        (Command.FORWARD_60, 1, 0.0, Target(11, 40.0)),  # past the end: the last unit (its end)
    ],
)
def test_each_command_lands_where_stated(
    command: Command, unit: int, elapsed: float, expected: Target | None
) -> None:
    assert where(command, unit, elapsed) == expected


def test_every_navigation_command_has_a_rule() -> None:
    for command in NAVIGATION:
        landing = where(command, 5, 1.0)
        assert landing is None or 0 <= landing.unit < len(SCRIPT)


def test_slower_then_faster_comes_back_to_the_same_speed() -> None:
    from readout.reader.controls import rate_step

    speed = 175
    for _ in range(8):  # down the ladder and back up, one press at a time
        lower = rate_step(speed, faster=False)
        assert lower < speed and rate_step(lower, faster=True) == speed
        speed = lower
    assert [rate_step(175, faster=False), rate_step(159, faster=False)] == [159, 145]
    assert rate_step(160, faster=True) == 175  # a speed between steps joins the ladder
