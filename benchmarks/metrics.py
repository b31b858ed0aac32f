"""The published metrics of the sets in shared/eval/extraction, in one place.

Used by ``extraction.py`` and by the test that keeps readout above its floors
(``tests/integration/test_extraction_quality.py``); no third-party imports.
"""

from __future__ import annotations

import re
from collections import Counter

TOKEN = re.compile(r"\w+")


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text)
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def page_scores(truth: str, prediction: str) -> tuple[float, float]:
    expected, found = shingles(truth), shingles(prediction)
    keys = expected.keys() | found.keys()
    tp = sum(min(expected[k], found[k]) for k in keys)
    fp = sum(max(0, found[k] - expected[k]) for k in keys)
    fn = sum(max(0, expected[k] - found[k]) for k in keys)
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def f_score(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def squash(text: str) -> str:
    return " ".join(text.split())


def fold(text: str | None) -> str:
    """Case and punctuation folded, for comparing titles and bylines."""
    return " ".join(re.sub(r"[\W_]+", " ", (text or "").casefold()).split())


def same_label(found: str | None, expected: str) -> bool:
    got, want = fold(found), fold(expected)
    return bool(want) and (got == want or (want in got and len(got) < 1.6 * len(want)))
