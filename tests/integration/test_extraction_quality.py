"""Extraction quality on the public evaluation sets, as floors that must not fall.

The sets live beside the repository in ``../shared/eval/extraction`` (see its README);
``benchmarks/extraction.py`` prints the full tables beside other tools. This test
pins readout's own figures a little under what they are today, so a rule that helps
one set and hurts another shows up in CI. Timings are not checked here.
"""

from __future__ import annotations

import gzip
import json
import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.metrics import page_scores
from readout.article import BlockKind
from readout.errors import InputError
from readout.extract import extract
from readout.sanitize import sanitize
from readout.sources import MediaType, Source

DATA = Path(__file__).resolve().parents[3] / "shared" / "eval" / "extraction"

pytestmark = pytest.mark.skipif(
    not (DATA / "aeb" / "ground-truth.json").is_file(),
    reason=f"the evaluation sets are not beside the repository ({DATA})",
)


def _body(text: str, media_type: MediaType) -> str:
    try:
        article = extract(Source(sanitize(text), media_type, "page"))
    except InputError:
        return ""
    return "\n".join(b.text for b in article.blocks if b.kind is not BlockKind.CAPTION)


def _f1(pairs: Iterator[tuple[str, str]], media_type: MediaType) -> tuple[float, int]:
    precisions, recalls, empty = [], [], 0
    for text, truth in pairs:
        body = _body(text, media_type)
        precision, recall = page_scores(truth, body)
        recalls.append(recall)
        if body.strip():
            precisions.append(precision)
        else:
            empty += 1
    p, r = statistics.fmean(precisions), statistics.fmean(recalls)
    return 2 * p * r / (p + r), empty


def _aeb() -> Iterator[tuple[str, str]]:
    truth = json.loads((DATA / "aeb" / "ground-truth.json").read_text("utf-8"))
    for key, entry in sorted(truth.items()):
        html = gzip.decompress((DATA / "aeb" / "html" / f"{key}.html.gz").read_bytes())
        yield html.decode("utf-8"), entry["articleBody"]


def _scraped() -> Iterator[tuple[str, str]]:
    truth = json.loads((DATA / "scraped-aeb" / "truth.json").read_text("utf-8"))
    for key, body in sorted(truth.items()):
        yield (DATA / "scraped-aeb" / f"{key}.txt").read_text("utf-8"), body


def _readability(ext: str) -> Iterator[tuple[str, str]]:
    truth = json.loads((DATA / "readability-dev" / "truth.json").read_text("utf-8"))
    for key, entry in sorted(truth.items()):
        yield (DATA / "readability-dev" / f"{key}.{ext}").read_text("utf-8"), entry["body"]


@pytest.mark.parametrize(
    ("name", "pages", "media_type", "floor"),
    [
        ("aeb", _aeb, MediaType.HTML, 0.965),
        ("readability-dev html", lambda: _readability("html"), MediaType.HTML, 0.93),
        ("readability-dev copied text", lambda: _readability("txt"), MediaType.TEXT, 0.895),
        ("scraped-aeb", _scraped, MediaType.TEXT, 0.88),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_body_f1_stays_above_its_floor(
    name: str, pages, media_type: MediaType, floor: float
) -> None:  # type: ignore[no-untyped-def]
    f1, empty = _f1(pages(), media_type)
    assert empty == 0, f"{name}: {empty} pages gave no article"
    assert f1 >= floor, f"{name}: body F1 {f1:.3f} fell below {floor}"


def test_trafilatura_eval_snippet_f_stays_above_its_floor() -> None:
    """trafilatura's own corpus: its defaults score F 0.925 here; readout must not fall under."""
    cases = json.loads((DATA / "trafilatura-eval" / "evaldata.json").read_text("utf-8"))
    tp = fn = fp = 0
    for key, case in sorted(cases.items()):
        raw = gzip.decompress((DATA / "trafilatura-eval" / "html" / f"{key}.html.gz").read_bytes())
        found = " ".join(_body(raw.decode("utf-8", "replace"), MediaType.HTML).split())
        wanted = [" ".join(s.split()) for s in case["with"]]
        tp += sum(1 for s in wanted if s in found)
        fn += sum(1 for s in wanted if s not in found)
        fp += sum(1 for s in case["without"] if " ".join(s.split()) in found)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f = 2 * precision * recall / (precision + recall)
    assert f >= 0.925, f"trafilatura-eval: F {f:.3f} fell below 0.925"
