"""Documentation pages against their own sources: what of the page's text is read?

Documentation generators ship each page's source beside its HTML: Sphinx's
``_sources/*.rst.txt`` (Debian's python3.11-doc), Node's ``api/*.md`` (Debian's nodejs).
The source, its markup taken off, is a reference text nobody here wrote: the words the
author wrote for the page, and no menu, sidebar, footer or search box. Each tool's
reading of the HTML is scored against it with the AEB word 4-shingle metric
(``metrics.py``): recall is how much of the page's own text is read, precision how much
of what is read is the page's own text. The reference is rough (markup taken off by
rules, directives rendered as Sphinx words them, generated text such as Node's
"Added in: v8.0.0" history lines absent), the same for every tool; read the figures
side by side, not as absolutes. Run from the repository root:

    python benchmarks/docs_sources.py                # every family found, 80 pages each
    python benchmarks/docs_sources.py --worst 8      # and readout's lowest-recall pages
"""

from __future__ import annotations

import argparse
import itertools
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from metrics import f_score, fold, page_scores

from readout.article import BlockKind
from readout.errors import InputError
from readout.extract import extract
from readout.sanitize import sanitize
from readout.sources import MediaType, Source

PYTHON_DOCS = Path("/usr/share/doc/python3.11/html")
NODE_DOCS = Path("/usr/share/doc/nodejs/api")


@dataclass(frozen=True)
class Page:
    name: str
    html: str
    reference: str
    title: str


# --- the references --------------------------------------------------------------

_RST_ROLE = re.compile(r":[\w:+-]+:`([^`]*)`")
_RST_TARGET = re.compile(r"^\s*(.*?)\s*<[^<>]*>\s*$", re.S)
_RST_DROPPED = re.compile(
    r"^\.\. (module|moduleauthor|sectionauthor|index|highlight|testsetup|testcleanup|"
    r"currentmodule|toctree|only|include|literalinclude|raw|_[^:]*|\|[^|]*\|)\b"
)
_RST_SAID = {
    "versionadded": "New in version {}.",
    "versionchanged": "Changed in version {}:",
    "deprecated": "Deprecated since version {}:",
    "deprecated-removed": "Deprecated since version {}:",
    "note": "Note",
    "warning": "Warning",
    "seealso": "See also",
    "impl-detail": "CPython implementation detail:",
}


def rst_text(source: str) -> str:
    """An .rst page's text as Sphinx shows it, near enough (see the module docstring)."""
    lines: list[str] = []
    skipping: int | None = None  # the indent of a directive whose body is not shown
    for line in source.splitlines():
        indent = len(line) - len(line.lstrip())
        if skipping is not None:
            if not line.strip() or indent > skipping:
                continue
            skipping = None
        stripped = line.strip()
        if _RST_DROPPED.match(stripped):
            skipping = indent
            continue
        if re.match(r"^:[\w-]+:( |$)", stripped):
            continue  # a directive's option (":synopsis: ...", ":noindex:")
        if directive := re.match(r"^\.\. ([\w-]+)::\s*(.*)$", stripped):
            name, argument = directive.groups()
            said = _RST_SAID.get(name)
            line = said.format(argument) if said else argument
        lines.append(line)
    text = "\n".join(lines)
    text = _RST_ROLE.sub(lambda m: _role_text(m.group(1)), text)
    text = re.sub(r"`([^`<]*?)\s*<[^>]*>`_+", r"\1", text)  # `text <url>`_
    return re.sub(r"\\\n", " ", text)


def _role_text(content: str) -> str:
    shown = _RST_TARGET.match(content)
    text = shown.group(1) if shown and shown.group(1) else content
    if text.startswith("~"):
        text = text[1:].rsplit(".", 1)[-1]
    return text.lstrip("!")


def rst_title(source: str) -> str:
    """The first section title: the line over the first underline."""
    rule = re.compile(r"([=\-~*#^\"])\1{2,}")
    for above, line in itertools.pairwise(source.splitlines()):
        if rule.fullmatch(line.strip()) and above.strip() and not rule.fullmatch(above.strip()):
            return _RST_ROLE.sub(lambda m: _role_text(m.group(1)), above.strip())
    return ""


def markdown_text(source: str) -> str:
    """A Node .md page's text: comments (its YAML history), link targets and HTML tags
    out, and a CommonJS example that follows an ES module one out (the page shows one
    of them)."""
    text = re.sub(r"<!--.*?-->", "", source, flags=re.S)
    text = re.sub(r"(```mjs\n.*?```\s*)```cjs\n.*?```", r"\1", text, flags=re.S)
    text = re.sub(r"^\[[^\]]+\]:\s*\S+.*$", "", text, flags=re.M)  # [ref]: url
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", text)
    text = re.sub(r"</?[a-zA-Z][^<>]*>", " ", text)  # the page's own HTML (its tables)
    text = re.sub(r"(?<![\w\\])_([^_\n]+?)_(?!\w)", r"\1", text)  # _emphasis_
    text = text.replace("\\_", "_")  # ESM\_RESOLVE
    return re.sub(r"^```\w*$", "", text, flags=re.M)


def markdown_title(source: str) -> str:
    found = re.search(r"^# (.+)$", source, flags=re.M)
    return found.group(1).strip() if found else ""


def python_pages(limit: int) -> list[Page]:
    pages = []
    for html in sorted(PYTHON_DOCS.glob("library/*.html"))[:limit]:
        source = PYTHON_DOCS / "_sources" / "library" / f"{html.stem}.rst.txt"
        if source.is_file():
            rst = source.read_text("utf-8", errors="replace")
            pages.append(
                Page(html.name, html.read_text("utf-8", "replace"), rst_text(rst), rst_title(rst))
            )
    return pages


def node_pages(limit: int) -> list[Page]:
    pages = []
    for html in sorted(NODE_DOCS.glob("*.html")):
        source = html.with_suffix(".md")
        if source.is_file() and html.stem not in ("all", "index"):
            md = source.read_text("utf-8", errors="replace")
            pages.append(
                Page(
                    html.name,
                    html.read_text("utf-8", "replace"),
                    markdown_text(md),
                    markdown_title(md),
                )
            )
    return pages[:limit]


FAMILIES: dict[str, tuple[Path, Callable[[int], list[Page]]]] = {
    "python (Sphinx)": (PYTHON_DOCS, python_pages),
    "node": (NODE_DOCS, node_pages),
}


# --- the tools ---------------------------------------------------------------------


def readout_reading(page: Page) -> tuple[str, str | None]:
    try:
        article = extract(Source(sanitize(page.html), MediaType.HTML, page.name))
    except InputError:
        return "", None
    body = "\n".join(b.text for b in article.blocks if b.kind is not BlockKind.CAPTION)
    return body, article.title


def trafilatura_reading(page: Page) -> tuple[str, str | None]:
    import trafilatura

    document = trafilatura.bare_extraction(page.html, include_comments=False, with_metadata=True)
    return (getattr(document, "text", None) or ""), getattr(document, "title", None)


def inscriptis_reading(page: Page) -> tuple[str, str | None]:
    from inscriptis import get_text

    return str(get_text(page.html)), None


def everything_reading(page: Page) -> tuple[str, str | None]:
    import lxml.html

    root = lxml.html.document_fromstring(page.html)
    for node in root.iter("script", "style"):
        node.drop_tree()
    return root.text_content(), None


TOOLS: dict[str, Callable[[Page], tuple[str, str | None]]] = {
    "readout": readout_reading,
    "trafilatura defaults": trafilatura_reading,
    "inscriptis": inscriptis_reading,
    "keep everything": everything_reading,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=80, help="the first N pages of each family")
    parser.add_argument("--worst", type=int, default=0, help="list readout's N lowest-recall pages")
    args = parser.parse_args()
    tools = dict(TOOLS)
    try:
        import inscriptis  # noqa: F401
    except ImportError:
        print("inscriptis is not installed (pip install inscriptis): its rows are skipped")
        del tools["inscriptis"]
    print("| family | tool | pages | F1 | precision | recall | title | median ms |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    worst: list[tuple[float, float, str]] = []
    for family, (folder, load) in FAMILIES.items():
        pages = load(args.limit) if folder.is_dir() else []
        if not pages:
            print(f"| {family} | – | 0 | – | – | – | – | – |  (no pages with sources at {folder})")
            continue
        for tool, read in tools.items():
            precisions, recalls, titles, times = [], [], [], []
            for page in pages:
                began = time.perf_counter()
                body, title = read(page)
                times.append(1000 * (time.perf_counter() - began))
                precision, recall = page_scores(page.reference, body)
                precisions.append(precision)
                recalls.append(recall)
                titles.append(bool(page.title) and fold(title) == fold(page.title))
                if tool == "readout":
                    worst.append((recall, precision, f"{family}: {page.name}"))
            p, r = statistics.fmean(precisions), statistics.fmean(recalls)
            title = (
                f"{statistics.fmean(titles):.3f}"
                if tool in ("readout", "trafilatura defaults")
                else "–"
            )
            print(
                f"| {family} | {tool} | {len(pages)} | {f_score(p, r):.3f} | {p:.3f} | {r:.3f} "
                f"| {title} | {statistics.median(times):.1f} |"
            )
    for recall, precision, name in sorted(worst)[: args.worst]:
        print(f"- {name}: recall {recall:.3f}, precision {precision:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
