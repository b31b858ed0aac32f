"""Article extraction on the AEB benchmark: readout beside trafilatura and readability-lxml.

Run from the repository root (the data lives in ../shared/eval/extraction/aeb):

    python benchmarks/extraction.py [--data DIR] [--only readout]

The metric is the benchmark's own (see its README): word 4-shingles compared as
multisets, per-page precision and recall, dataset precision averaged over pages with
output, recall over all pages, F1 of the two means. The reference excludes the
headline, so each tool is scored on its body text only. readout is scored on its
public ``extract`` path (sanitising included), captions left out.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "extraction" / "aeb"
TOKEN = re.compile(r"\w+")

logging.disable(logging.CRITICAL)


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


def pages(data: Path) -> Iterator[tuple[str, str, str]]:
    truth = json.loads((data / "ground-truth.json").read_text("utf-8"))
    for page_id, entry in sorted(truth.items()):
        html = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8")
        yield page_id, html, entry["articleBody"]


def readout_body(html: str) -> str:
    from readout.article import BlockKind
    from readout.errors import InputError
    from readout.extract import extract
    from readout.sanitize import sanitize
    from readout.sources import MediaType, Source

    try:
        article = extract(Source(sanitize(html), MediaType.HTML, "page.html"))
    except InputError:
        return ""
    return "\n".join(b.text for b in article.blocks if b.kind is not BlockKind.CAPTION)


def trafilatura_body(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, favor_precision=True, include_comments=False) or ""


def readability_body(html: str) -> str:
    import lxml.html
    from readability import Document

    try:
        return lxml.html.fromstring(Document(html).summary()).text_content()
    except Exception:
        return ""


TOOLS: dict[str, Callable[[str], str]] = {
    "readout": readout_body,
    "trafilatura 2.x (favor_precision)": trafilatura_body,
    "readability-lxml": readability_body,
}


def evaluate(tool: Callable[[str], str], data: Path) -> dict[str, float]:
    precisions, recalls, times = [], [], []
    empty = 0
    for _, html, truth in pages(data):
        started = time.perf_counter()
        body = tool(html)
        times.append(time.perf_counter() - started)
        precision, recall = page_scores(truth, body)
        if body.strip():
            precisions.append(precision)
        else:
            empty += 1
        recalls.append(recall)
    p, r = statistics.fmean(precisions), statistics.fmean(recalls)
    return {
        "f1": 2 * p * r / (p + r),
        "precision": p,
        "recall": r,
        "empty": empty,
        "pages": len(recalls),
        "median_ms": statistics.median(times) * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--only", choices=["readout", "trafilatura", "readability"], default=None)
    args = parser.parse_args()
    if not (args.data / "ground-truth.json").is_file():
        print(f"benchmark data not found in {args.data}", file=sys.stderr)
        return 66
    print(f"{'tool':36} {'F1':>6} {'prec':>6} {'recall':>6} {'empty':>5} {'ms/page':>8}")
    for name, tool in TOOLS.items():
        if args.only and not name.startswith(args.only):
            continue
        row = evaluate(tool, args.data)
        print(
            f"{name:36} {row['f1']:6.3f} {row['precision']:6.3f} {row['recall']:6.3f} "
            f"{row['empty']:5d} {row['median_ms']:8.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
