"""What readout leaves out, checked against the article references of every set.

Run from the repository root (the sets live in ../shared/eval/extraction):

    python benchmarks/dropped.py                 # every set
    python benchmarks/dropped.py --sets readability --limit 20 --worst 5

``readout text --dropped`` lists every piece of a page that is not read out, with its
reason. This script runs the same report (``extract_with_dropped``) on every page of the
sets and asks of each dropped piece how much of it is the reference article: the share
of its word 4-shingles that the reference body has and readout's output lacks (a page
may hold a hidden second copy of its article, rightly left out; for the trafilatura set,
the words of the ``with`` snippets it contains that the output lacks). Per set it prints the words left out, the share of them that are article,
and the reasons under which article words went, so a rule that drops article text
shows up by name. ``--worst N`` lists the N pieces with the most article words.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extraction import (
    DEFAULT_DATA,
    EXIT_NO_DATA,
    Page,
    load_aeb,
    load_readability,
    load_scraped,
    load_trafilatura,
)
from metrics import TOKEN, squash

from readout.errors import InputError
from readout.extract import extract_with_dropped
from readout.extract.dropped import Dropped
from readout.sanitize import sanitize
from readout.sources import MediaType, Source

SHINGLE = 4


def shingles(text: str) -> list[tuple[str, ...]]:
    tokens = TOKEN.findall(text)
    if len(tokens) < SHINGLE:
        return [tuple(tokens)] if tokens else []
    return [tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)]


def article_words(
    item: Dropped, page: Page, reference: set[tuple[str, ...]], output: set[tuple[str, ...]]
) -> int:
    """How many of the piece's words are the reference article's and not in the output
    (a page may hold a second, hidden copy of the article that is rightly left out)."""
    words = len(TOKEN.findall(item.text))
    if page.wanted or page.unwanted:  # the trafilatura set: snippets
        text = squash(item.text)
        return sum(
            len(TOKEN.findall(s))
            for s in page.wanted
            if squash(s) in text and not set(shingles(s)) <= output
        )
    pieces = shingles(item.text)
    if not pieces:
        return 0
    lost = sum(1 for s in pieces if s in reference and s not in output)
    return round(words * lost / len(pieces))


@dataclass
class Tally:
    pages: int = 0
    refused: int = 0
    words: int = 0
    article: int = 0
    by_reason: Counter[str] = field(default_factory=Counter)
    article_by_reason: Counter[str] = field(default_factory=Counter)
    worst: list[tuple[int, str, str, str]] = field(default_factory=list)


def tally(pages: Sequence[Page]) -> Tally:
    found = Tally()
    for page in pages:
        found.pages += 1
        kind = MediaType.HTML if page.html else MediaType.TEXT
        try:
            article, dropped = extract_with_dropped(Source(sanitize(page.content), kind, page.id))
        except InputError:
            found.refused += 1
            continue
        reference = set(shingles(page.body))
        output = set(shingles("\n".join(block.text for block in article.blocks)))
        for item in dropped:
            words = len(TOKEN.findall(item.text))
            lost = article_words(item, page, reference, output)
            found.words += words
            found.article += lost
            found.by_reason[item.reason.value] += words
            if lost:
                found.article_by_reason[item.reason.value] += lost
                found.worst.append((lost, page.id, item.reason.value, item.text))
    return found


def report(name: str, found: Tally, worst: int) -> str:
    share = found.article / found.words if found.words else 0.0
    lines = [
        f"{name}: {found.pages} pages ({found.refused} refused); {found.words:,} words left "
        f"out; {found.article:,} of them are reference article text the output lacks "
        f"({share:.1%})",
        "  left out, by reason: "
        + ", ".join(f"{reason} {words:,}" for reason, words in found.by_reason.most_common()),
    ]
    if found.article:
        lines.append(
            "  article words among them, by reason: "
            + ", ".join(f"{r} {w:,}" for r, w in found.article_by_reason.most_common())
        )
    for article, page, reason, text in sorted(found.worst, reverse=True)[:worst]:
        shown = text if len(text) <= 100 else text[:97] + "..."
        lines.append(f"    {article:>5} words  {page[:16]:16}  [{reason}] {shown}")
    return "\n".join(lines)


SETS = {
    "aeb": ("AEB (HTML)", lambda d, n: load_aeb(d / "aeb", n)),
    "trafilatura": ("trafilatura-eval", lambda d, n: load_trafilatura(d / "trafilatura-eval", n)),
    "readability": (
        "readability-dev (HTML)",
        lambda d, n: load_readability(d / "readability-dev", n, html=True),
    ),
    "readability-text": (
        "readability-dev (copied text)",
        lambda d, n: load_readability(d / "readability-dev", n, html=False),
    ),
    "scraped": ("scraped-aeb (copied text)", lambda d, n: load_scraped(d / "scraped-aeb", n)),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--limit", type=int, default=None, help="pages per set")
    parser.add_argument("--worst", type=int, default=3, help="pieces listed per set")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"dropped.py: no evaluation data at {args.data}", file=sys.stderr)
        return EXIT_NO_DATA
    for key in args.sets.split(","):
        name, load = SETS[key]
        print(report(name, tally(load(args.data, args.limit)), args.worst), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
