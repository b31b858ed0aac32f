from __future__ import annotations

import pytest

from readout.speech.numbers import cardinal, ordinal, year


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zero"),
        (7, "seven"),
        (15, "fifteen"),
        (40, "forty"),
        (99, "ninety nine"),
        (100, "one hundred"),
        (105, "one hundred and five"),
        (1240, "one thousand two hundred and forty"),
        (18500, "eighteen thousand five hundred"),
        (1_000_005, "one million and five"),
        (2_300_000_000, "two billion three hundred million"),
        (-3, "minus three"),
    ],
)
def test_cardinal(n: int, words: str) -> None:
    assert cardinal(n) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [(1, "first"), (2, "second"), (3, "third"), (5, "fifth"), (12, "twelfth"), (14, "fourteenth"),
     (20, "twentieth"), (23, "twenty third"), (101, "one hundred and first")],
)  # fmt: skip
def test_ordinal(n: int, words: str) -> None:
    assert ordinal(n) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [(1999, "nineteen ninety nine"), (2005, "two thousand and five"), (2000, "two thousand"),
     (2022, "twenty twenty two"), (1900, "nineteen hundred"), (1905, "nineteen oh five"),
     (1100, "eleven hundred")],
)  # fmt: skip
def test_year(n: int, words: str) -> None:
    assert year(n) == words
