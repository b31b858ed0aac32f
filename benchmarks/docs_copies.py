"""Documentation pages as copied text: does readout read a copy as it reads the page?

Documentation has no reference article text, so each copy is checked against
readout's own reading of the same page's HTML: word 4-shingle F1 (``metrics.py``) and
whether the two titles agree (case and punctuation folded). Run from the repository
root:

    python benchmarks/docs_copies.py                      # every family found, 60 pages each
    python benchmarks/docs_copies.py --limit 20 --renderer browser

The copies are made here, two ways:

- ``browser``: what a browser's select-all and copy gives, near enough: the window
  title first (``--no-window`` leaves it out, as a copy of the page alone does), one
  line a block, a ``<pre>``'s lines kept, a table's cells apart by tabs, what the
  page's style sheet hides left out (``hidden`` in a class name, ``display:none``,
  mdBook's help dialog, the flavour of a Node example that its switch hides).
- ``inscriptis``: the text the inscriptis package renders (``pip install inscriptis``),
  the way a user gets text without a browser; skipped, saying so, when it is missing.

The pages are the ones on this machine: Node's API docs (Debian's nodejs package), the
Rust Reference and book (rustup's rust-docs) and Python's library reference (Debian's
python3.11-doc, a Sphinx build); a family that is missing is skipped.
"""

from __future__ import annotations

import argparse
import glob
import re
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from metrics import f_score, fold, page_scores

from readout.article import BlockKind
from readout.errors import InputError
from readout.extract import extract
from readout.sanitize import sanitize
from readout.sources import MediaType, Source

RUST_DOCS = Path.home() / ".rustup/toolchains/stable-x86_64-unknown-linux-gnu/share/doc/rust/html"
FAMILIES = {
    "node": "/usr/share/doc/nodejs/api/*.html",
    "rust-reference": f"{RUST_DOCS}/reference/*.html",
    "rust-book": f"{RUST_DOCS}/book/*.html",
    "python (Sphinx)": "/usr/share/doc/python3.11/html/library/*.html",
}
_BLOCKS = set(
    "address article aside blockquote body dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary "
    "table tbody thead tfoot ul tr caption".split()
)
_UNSHOWN = set(
    "script style noscript template head svg button input select textarea iframe".split()
)
_BREAK = "\x00"


def browser_copy(page: str, *, window: bool = True) -> str:
    """The page as a browser's select-all copy gives it (see the module docstring)."""
    soup = BeautifulSoup(page, "lxml")
    lines: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        text = re.sub(r"[ \t\n]+", " ", "".join(pending)).strip()
        if text:
            lines.append(text)
        pending.clear()

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                pending.append(str(child))
            elif isinstance(child, Tag) and child.name not in _UNSHOWN and not _hidden(child):
                if child.name == "br":
                    pending.append(_BREAK)
                elif child.name == "pre":
                    flush()
                    lines.extend(line.rstrip() for line in _listing(child) if line.strip())
                elif child.name in ("td", "th"):
                    walk(child)
                    pending.append("\t")
                else:
                    block = child.name in _BLOCKS
                    if block:
                        flush()
                    walk(child)
                    if block:
                        flush()

    walk(soup.body or soup)
    flush()
    shown = [
        part.strip() if _BREAK in line else part
        for line in lines
        for part in line.split(_BREAK)
        if part.strip()
    ]
    title = soup.title.get_text(" ", strip=True) if window and soup.title else ""
    return "\n".join([title, *shown] if title else shown) + "\n"


def _hidden(tag: Tag) -> bool:
    """What the page's style sheet hides, as far as the markup says."""
    classes = tag.get("class") or []
    style = str(tag.get("style") or "").replace(" ", "").lower()
    return (
        tag.has_attr("hidden")
        or any("hidden" in name for name in classes)
        or "display:none" in style
        or tag.get("id") == "mdbook-help-container"
    )


def _listing(pre: Tag) -> list[str]:
    """A ``<pre>``'s lines: one flavour of a switched example, no copy button."""
    codes = pre.find_all("code", recursive=False)
    if pre.find("input", attrs={"type": "checkbox"}) is not None and len(codes) > 1:
        for other in codes[1:]:
            other.decompose()
    for button in pre.find_all("button"):
        button.decompose()
    return pre.get_text().split("\n")


def inscriptis_copy(page: str) -> str:
    from inscriptis import get_text  # the optional renderer

    return str(get_text(page))


def reading(text: str, media_type: MediaType) -> tuple[str, str | None]:
    """readout's body (captions aside) and title for ``text``; nothing when refused."""
    try:
        name = "page.html" if media_type is MediaType.HTML else "page.txt"
        article = extract(Source(sanitize(text), media_type, name))
    except InputError:
        return "", None
    body = "\n".join(b.text for b in article.blocks if b.kind is not BlockKind.CAPTION)
    return body, article.title


def agreement(files: list[str], copy: Callable[[str], str]) -> tuple[float, float, int]:
    """Mean shingle F1 and title agreement of the copies' readings with the pages'."""
    scores, titles, refused = [], [], 0
    for name in files:
        page = Path(name).read_text("utf-8", errors="replace")
        html_body, html_title = reading(page, MediaType.HTML)
        text_body, text_title = reading(copy(page), MediaType.TEXT)
        refused += not text_body
        scores.append(f_score(*page_scores(html_body, text_body)))
        titles.append(fold(html_title) == fold(text_title))
    return statistics.fmean(scores), statistics.fmean(titles), refused


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=60, help="the first N pages of each family")
    parser.add_argument("--renderer", choices=("browser", "inscriptis", "all"), default="all")
    args = parser.parse_args()
    copies: dict[str, Callable[[str], str]] = {}
    if args.renderer in ("browser", "all"):
        copies["browser copy"] = browser_copy
        copies["browser copy, no window title"] = lambda page: browser_copy(page, window=False)
    if args.renderer in ("inscriptis", "all"):
        try:
            import inscriptis  # noqa: F401
        except ImportError:
            print("inscriptis is not installed (pip install inscriptis): its rows are skipped")
        else:
            copies["inscriptis"] = inscriptis_copy
    print("| family | copy | pages | shingle F1 | titles agree | refused |")
    print("|---|---|---:|---:|---:|---:|")
    for family, pattern in FAMILIES.items():
        files = sorted(glob.glob(pattern))[: args.limit]
        if not files:
            print(f"| {family} | – | 0 | – | – | – |  (no pages at {pattern})")
            continue
        for label, copy in copies.items():
            f1, titles, refused = agreement(files, copy)
            print(f"| {family} | {label} | {len(files)} | {f1:.3f} | {titles:.3f} | {refused} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
