"""The time an article takes to hear: spoken words at the rate, and every pause."""

from __future__ import annotations

import pytest

from readout.article import BlockKind
from readout.segment import segment_block
from readout.speech.duration import pause_seconds, remaining, spoken_words
from readout.speech.script import Pauses


def test_code_is_counted_mark_by_mark_and_numbers_as_words() -> None:
    """Time goes by what is said: code's marks by their names, numbers in words."""
    code = segment_block(BlockKind.CODE, "width = f(x)")
    said = segment_block(BlockKind.PARAGRAPH, "width equals f open paren x close paren")
    assert spoken_words(code) == spoken_words(said) == 7  # 39 characters said, 5.9 a word
    prose = segment_block(BlockKind.PARAGRAPH, "The mill closed in 1997.")
    words = segment_block(BlockKind.PARAGRAPH, "The mill closed in nineteen ninety-seven.")
    assert spoken_words(prose) == spoken_words(words) == 7


def test_each_sentence_is_followed_by_its_pause_and_the_block_by_a_longer_one() -> None:
    pauses = Pauses(sentence=0.25, paragraph=0.6, heading=0.8)
    paragraph = segment_block(BlockKind.PARAGRAPH, "One. Two. Three.")
    assert pause_seconds(paragraph, pauses) == pytest.approx(2 * 0.25 + 0.6)
    heading = segment_block(BlockKind.HEADING, "Findings", 2)
    assert pause_seconds(heading, pauses) == pytest.approx(0.8)


def test_the_time_left_falls_block_by_block_to_nothing_and_counts_the_title_first() -> None:
    blocks = [
        segment_block(BlockKind.HEADING, "Findings", 2),
        segment_block(BlockKind.PARAGRAPH, " ".join(["word"] * 175) + "."),
        segment_block(BlockKind.PARAGRAPH, "Last words here."),
    ]
    left = remaining(blocks, "A title of five words", Pauses())
    times = [left.minutes(block, 175) for block in range(len(blocks))]
    assert times == sorted(times, reverse=True)
    assert left.minutes(-1, 175) == left.minutes(0, 175)  # the title is said before block 0
    assert left.minutes(0, 175) - remaining(blocks).minutes(0, 175) == pytest.approx(
        5 / 175 + 0.8 / 60
    )
    assert 0.85 < times[1] < 1.1  # 175 short words at 175 a minute, and two pauses
    assert left.minutes(0, 350) < left.minutes(0, 175)  # twice the rate: less time
