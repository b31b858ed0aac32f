"""Article extraction: readout beside its peers on every set in shared/eval/extraction.

Run from the repository root (the data lives in ../shared/eval/extraction; its README
defines each set and metric):

    python benchmarks/extraction.py                       # every set, every tool
    python benchmarks/extraction.py --sets aeb,scraped --tools readout,trafilatura --limit 20
    python benchmarks/extraction.py --json figures.json --dropped dropped.jsonl

Sets (``--sets``): ``aeb`` (AEB HTML pages), ``trafilatura`` (trafilatura's evaluation
corpus), ``readability`` (Mozilla Readability test pages, as HTML and as copied text),
``scraped`` (the AEB pages as copied text). Tools (``--tools``): ``readout`` (its public
``extract`` path, sanitising included), ``trafilatura`` (``extract()`` with its defaults
but ``include_comments=False``, the README's reference), ``trafilatura-precision`` (``favor_precision=True,
include_comments=False``, the README's reference setting), ``readability`` (readability-lxml),
``justext`` (the page's language stoplist where jusText has one, else English) and
``everything`` (all the text; scripts and styles left out of HTML). On text input,
trafilatura and jusText are given the text's lines as ``<p>`` paragraphs;
readability-lxml and trafilatura-precision run on HTML only.

Metrics, as the README defines them:

- Body (aeb, readability, scraped): word 4-shingles compared as multisets, per-page
  precision and recall; dataset precision is the mean over pages with output, recall
  the mean over all pages, F1 the harmonic mean of the two. Bodies only: readout's
  captions are left out, as the references leave out headlines and captions.
- Snippets (trafilatura): with whitespace normalised, a ``with`` snippet found in the
  output is a TP, missing an FN; a ``without`` snippet found is an FP, missing a TN;
  precision, recall and F over all snippets of all pages.
- Title and byline (readability): right when, case and punctuation folded, the output
  equals the reference or contains it and is less than 1.6 times as long. Byline
  accuracy is over the pages whose reference byline is not empty.

Every tool runs on every page in the same process, one page after another, and each
call is timed with ``time.perf_counter``, so the median milliseconds are comparable
within a run; ``--repeat N`` times each call N times and keeps the least, which steadies
the medians of the small sets on a busy machine. Pages are decoded once (UTF-8, else the declared charset, else a guess)
and every tool gets the same text. trafilatura's title and author come from an extra,
untimed ``bare_extraction(..., with_metadata=True)`` call: its ``.text`` leaves out the
comments that ``extract()`` keeps by default, so the body is ``extract()``'s.

``--dropped FILE`` writes, for readout, one JSON line per page with the reference words
its body misses (multiset difference, the first 40 in reference order); for the
trafilatura set the reference is the page's ``with`` snippets.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import html as html_escape
import importlib.metadata
import json
import logging
import math
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import justext
import lxml.etree
import lxml.html
import trafilatura
from metrics import TOKEN, f_score, fold, page_scores, same_label, squash
from readability import Document

import readout
from readout.article import BlockKind
from readout.errors import InputError
from readout.extract import extract
from readout.sanitize import sanitize
from readout.sources import MediaType, Source

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "extraction"
DROPPED_TOKENS = 40
EXIT_NO_DATA = 66

logging.disable(logging.CRITICAL)  # trafilatura and readability log every discarded page


# --- the metrics (AEB shingles, trafilatura snippets, folded titles): metrics.py ------


def missing_tokens(reference: str, found: str) -> list[str]:
    """The reference's tokens that ``found`` lacks (multiset difference), in order."""
    available = Counter(TOKEN.findall(found))
    missing = []
    for token in TOKEN.findall(reference):
        if available[token] > 0:
            available[token] -= 1
        else:
            missing.append(token)
    return missing


# --- pages -----------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One input and its reference: a body, or ``with``/``without`` snippets."""

    id: str
    content: str
    html: bool
    lang: str | None = None
    charset: str = "utf-8"
    body: str = ""
    title: str = ""
    byline: str = ""
    wanted: tuple[str, ...] = ()
    unwanted: tuple[str, ...] = ()


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?\s*([A-Za-z]{2,3})\b""", re.I)


def decode_html(data: bytes) -> tuple[str, str]:
    """The page as text and the charset used: UTF-8, else the declared one, else a guess."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:8192])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        try:
            text = data.decode(name, errors="replace")
        except LookupError:
            pass
        else:
            return text, f"{name} with invalid bytes replaced" if name in (
                "utf-8",
                "utf8",
            ) else name
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    name = best.encoding if best is not None and best.encoding else "utf-8"
    return data.decode(name, errors="replace"), name


def html_lang(content: str) -> str | None:
    found = _HTML_LANG.search(content[:20000])
    return found.group(1).lower() if found else None


def html_page(page_id: str, path: Path, **reference: Any) -> Page:
    content, charset = decode_html(gzip.decompress(path.read_bytes()))
    return Page(page_id, content, True, html_lang(content), charset, **reference)


def load_json(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def load_aeb(folder: Path, limit: int | None) -> list[Page]:
    truth = load_json(folder / "ground-truth.json")
    return [
        html_page(key, folder / "html" / f"{key}.html.gz", body=truth[key]["articleBody"])
        for key in sorted(truth)[:limit]
    ]


def load_trafilatura(folder: Path, limit: int | None) -> list[Page]:
    truth = load_json(folder / "evaldata.json")
    return [
        html_page(
            stem,
            folder / "html" / f"{stem}.html.gz",
            wanted=tuple(truth[stem]["with"]),
            unwanted=tuple(truth[stem]["without"]),
        )
        for stem in sorted(truth)[:limit]
    ]


def load_readability(folder: Path, limit: int | None, *, html: bool) -> list[Page]:
    truth = load_json(folder / "truth.json")
    pages = []
    for name in sorted(truth)[:limit]:
        entry = truth[name]
        content = (folder / f"{name}.{'html' if html else 'txt'}").read_text("utf-8")
        lang = (entry.get("lang") or "").split("-")[0].lower() or None
        if html and lang is None:
            lang = html_lang(content)
        pages.append(
            Page(
                name,
                content,
                html,
                lang,
                body=entry["body"],
                title=entry.get("title") or "",
                byline=entry.get("byline") or "",
            )
        )
    return pages


def load_scraped(folder: Path, limit: int | None) -> list[Page]:
    truth = load_json(folder / "truth.json")
    return [
        Page(key, (folder / f"{key}.txt").read_text("utf-8"), False, body=truth[key])
        for key in sorted(truth)[:limit]
    ]


# --- the tools -------------------------------------------------------------------


@dataclass(frozen=True)
class Output:
    body: str
    title: str | None = None
    byline: str | None = None
    refused: bool = False


def readout_tool(page: Page) -> Output:
    media_type, name = (MediaType.HTML, "page.html") if page.html else (MediaType.TEXT, "page.txt")
    try:
        article = extract(Source(sanitize(page.content), media_type, name))
    except InputError:
        return Output("", refused=True)
    body = "\n".join(b.text for b in article.blocks if b.kind is not BlockKind.CAPTION)
    return Output(body, article.title, article.byline)


def paragraphs_html(text: str) -> str:
    """Plain text as HTML, each non-blank line a paragraph, for the HTML-only peers."""
    lines = (line.strip() for line in text.splitlines())
    body = "".join(f"<p>{html_escape.escape(line)}</p>\n" for line in lines if line)
    return f"<html><body>\n{body}</body></html>"


def as_html(page: Page) -> str:
    return page.content if page.html else paragraphs_html(page.content)


def trafilatura_tool(page: Page) -> Output:
    # The README's reference "defaults": include_comments=False (readout leaves
    # comments out too), everything else as shipped.
    return Output(trafilatura.extract(as_html(page), include_comments=False) or "")


def trafilatura_metadata(page: Page) -> tuple[str | None, str | None]:
    document = trafilatura.bare_extraction(page.content, with_metadata=True)
    return getattr(document, "title", None), getattr(document, "author", None)


def trafilatura_precision_tool(page: Page) -> Output:
    text = trafilatura.extract(page.content, favor_precision=True, include_comments=False)
    return Output(text or "")


def readability_tool(page: Page) -> Output:
    document = Document(page.content)
    summary = document.summary()
    body = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
    return Output(body, document.short_title())


JUSTEXT_STOPLISTS = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "ga": "Irish", "gl": "Galician", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "is": "Icelandic",
    "it": "Italian", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "ms": "Malay",
    "nb": "Norwegian_Bokmal", "nl": "Dutch", "nn": "Norwegian_Nynorsk",
    "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish",
    "tr": "Turkish", "uk": "Ukrainian", "vi": "Vietnamese",
}  # fmt: skip
"""ISO 639-1 codes to jusText stoplists; a language without one falls back to English."""


@cache
def stoplist(lang: str | None) -> frozenset[str]:
    return frozenset(justext.get_stoplist(JUSTEXT_STOPLISTS.get(lang or "", "English")))


def justext_tool(page: Page) -> Output:
    paragraphs = justext.justext(as_html(page), stoplist(page.lang))
    return Output("\n".join(p.text for p in paragraphs if not p.is_boilerplate))


_UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8")


def everything_tool(page: Page) -> Output:
    """All the text: the whole text input, or the HTML body's text (scripts and styles out)."""
    if not page.html:
        return Output(page.content)
    root = lxml.html.document_fromstring(page.content.encode("utf-8"), parser=_UTF8_PARSER)
    lxml.etree.strip_elements(root, "script", "style", with_tail=False)
    body = root.find("body")
    return Output((body if body is not None else root).text_content())


@dataclass(frozen=True)
class Tool:
    key: str
    name: str
    run: Callable[[Page], Output]
    text_name: str | None = None
    """The label on text input; None: the tool runs on HTML only."""
    labels: tuple[str, ...] = ()
    """What it gives beside the body on HTML input: "title", "byline"."""
    text_labels: tuple[str, ...] = ()
    """The same, on text input."""
    metadata: Callable[[Page], tuple[str | None, str | None]] | None = None
    """An untimed call for the title and byline of HTML input when ``run`` gives none."""


BOTH = ("title", "byline")
TOOLS = (
    Tool("readout", "readout", readout_tool, "readout", BOTH, BOTH),
    Tool(
        "trafilatura",
        "trafilatura defaults",
        trafilatura_tool,
        "trafilatura defaults, on the paragraphs",
        BOTH,
        metadata=trafilatura_metadata,
    ),
    Tool(
        "trafilatura-precision",
        "trafilatura favor_precision, no comments",
        trafilatura_precision_tool,
    ),
    Tool("readability", "readability-lxml", readability_tool, labels=("title",)),
    Tool("justext", "jusText", justext_tool, "jusText, on the paragraphs"),
    Tool("everything", "keep everything", everything_tool, "keep everything"),
)
BASELINE = "trafilatura"


# --- the sets --------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """Pages scored together: one input form of one set."""

    label: str
    html: bool
    load: Callable[[Path, int | None], list[Page]]
    snippets: bool = False
    labels: bool = False
    """Score titles and bylines."""


@dataclass(frozen=True)
class EvalSet:
    key: str
    folder: str
    needs: tuple[str, ...]
    title: str
    groups: tuple[Group, ...]


SETS = (
    EvalSet(
        "aeb",
        "aeb",
        ("ground-truth.json", "html"),
        "AEB (Article Extraction Benchmark), HTML: body shingle F1",
        (Group("HTML input", True, load_aeb),),
    ),
    EvalSet(
        "trafilatura",
        "trafilatura-eval",
        ("evaldata.json", "html"),
        "trafilatura-eval, HTML: with/without snippets",
        (Group("HTML input", True, load_trafilatura, snippets=True),),
    ),
    EvalSet(
        "readability",
        "readability-dev",
        ("truth.json",),
        "readability-dev (Mozilla Readability test pages): body shingle F1, title, byline",
        (
            Group("HTML input", True, lambda d, n: load_readability(d, n, html=True), labels=True),
            Group(
                ".txt input", False, lambda d, n: load_readability(d, n, html=False), labels=True
            ),
        ),
    ),
    EvalSet(
        "scraped",
        "scraped-aeb",
        ("truth.json",),
        "scraped-aeb (AEB pages as copied text): body shingle F1",
        (Group(".txt input", False, load_scraped),),
    ),
)


# --- running and scoring ---------------------------------------------------------


@dataclass(frozen=True)
class Run:
    output: Output
    seconds: float
    error: str | None = None


def timed(tool: Tool, page: Page, repeat: int = 1) -> Run:
    """The tool's output on the page, and the least of ``repeat`` timings of it: the
    least is the run the machine disturbed least (``timeit``'s reasoning)."""
    best = math.inf
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            output = tool.run(page)
        except Exception as error:
            seconds = time.perf_counter() - started
            return Run(Output(""), seconds, f"{type(error).__name__}: {error}")
        best = min(best, time.perf_counter() - started)
    return Run(output, best)


def with_labels(tool: Tool, page: Page, run: Run) -> Run:
    if tool.metadata is None or run.error or not page.html:
        return run
    try:
        title, byline = tool.metadata(page)
    except Exception:
        title = byline = None
    return dataclasses.replace(
        run, output=dataclasses.replace(run.output, title=title, byline=byline)
    )


def run_group(
    group: Group, pages: Sequence[Page], tools: Sequence[Tool], repeat: int = 1
) -> dict[str, list[Run]]:
    """Every tool on every page, page by page, so that drift in speed hits all alike.

    The order of the tools turns by one each page: the tool that runs right after
    another on the same page finds the page's text warm in the caches, and no tool
    should always be first or always second.
    """
    runs: dict[str, list[Run]] = {tool.key: [] for tool in tools}
    for number, page in enumerate(pages):
        shift = number % len(tools) if tools else 0
        for tool in [*tools[shift:], *tools[:shift]]:
            run = timed(tool, page, repeat)
            if group.labels:
                run = with_labels(tool, page, run)
            if run.error:
                print(f"{tool.key} failed on {page.id}: {run.error[:200]}", file=sys.stderr)
            runs[tool.key].append(run)
    return runs


def score(group: Group, tool: Tool, pages: Sequence[Page], runs: Sequence[Run]) -> dict[str, Any]:
    outputs = [run.output for run in runs]
    row: dict[str, Any] = {
        "tool": tool.key,
        "name": tool.name if group.html else tool.text_name,
        "pages": len(pages),
    }
    if group.snippets:
        counts = Counter[str]()
        for page, output in zip(pages, outputs, strict=True):
            text = squash(output.body)
            for snippet in page.wanted:
                counts["tp" if squash(snippet) in text else "fn"] += 1
            for snippet in page.unwanted:
                counts["fp" if squash(snippet) in text else "tn"] += 1
        tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        row |= {"f": f_score(precision, recall), "precision": precision, "recall": recall}
        row |= {key: counts[key] for key in ("tp", "fp", "fn", "tn")}
    else:
        precisions, recalls = [], []
        for page, output in zip(pages, outputs, strict=True):
            precision, recall = page_scores(page.body, output.body)
            if output.body.strip():
                precisions.append(precision)
            recalls.append(recall)
        precision = statistics.fmean(precisions) if precisions else 0.0
        recall = statistics.fmean(recalls)
        row |= {"f1": f_score(precision, recall), "precision": precision, "recall": recall}
    if group.labels:
        row |= label_scores(tool.labels if group.html else tool.text_labels, pages, outputs)
    row |= {
        "empty": sum(1 for output in outputs if not output.body.strip()),
        "refused": sum(1 for output in outputs if output.refused),
        "errors": sum(1 for run in runs if run.error),
        "median_ms": statistics.median(run.seconds for run in runs) * 1000,
    }
    return row


def label_scores(
    labels: tuple[str, ...], pages: Sequence[Page], outputs: Sequence[Output]
) -> dict[str, Any]:
    """Title accuracy over all pages; byline accuracy over pages whose reference has one."""
    pairs = list(zip(pages, outputs, strict=True))
    scores: dict[str, Any] = {}
    if "title" in labels:
        scores["title"] = statistics.fmean(same_label(o.title, p.title) for p, o in pairs)
    if "byline" in labels:
        with_byline = [(p, o) for p, o in pairs if fold(p.byline)]
        if with_byline:
            scores["byline"] = statistics.fmean(
                same_label(o.byline, p.byline) for p, o in with_byline
            )
            # readout's contract is a byline without "By": also scored against the
            # reference with a leading "By"/"Par"/"Von" taken off, beside the strict rule.
            scores["byline_by_folded"] = statistics.fmean(
                same_label(o.byline, _LEADING_BY.sub("", p.byline)) for p, o in with_byline
            )
        scores["byline_pages"] = len(with_byline)
        scores["byline_unwanted"] = sum(
            1 for p, o in pairs if not fold(p.byline) and fold(o.byline)
        )
    return scores


def dropped_records(
    set_key: str, group: Group, pages: Sequence[Page], runs: Sequence[Run]
) -> list[dict[str, Any]]:
    records = []
    for page, run in zip(pages, runs, strict=True):
        reference = "\n".join(page.wanted) if group.snippets else page.body
        missing = missing_tokens(reference, run.output.body)
        records.append(
            {
                "set": set_key,
                "input": "html" if group.html else "text",
                "page": page.id,
                "refused": run.output.refused,
                "reference_tokens": len(TOKEN.findall(reference)),
                "missing_tokens": len(missing),
                "missing": missing[:DROPPED_TOKENS],
            }
        )
    return records


def data_notes(group: Group, pages: Sequence[Page]) -> list[str]:
    notes = []
    if group.snippets:
        no_with = sum(1 for p in pages if not p.wanted)
        no_without = sum(1 for p in pages if not p.unwanted)
        snippets = sum(len(p.wanted) + len(p.unwanted) for p in pages)
        notes.append(
            f"{snippets} snippets ({sum(len(p.wanted) for p in pages)} with); "
            f"{no_with} pages without `with` snippets, {no_without} without `without` ones"
        )
    else:
        empty = [p.id for p in pages if not TOKEN.search(p.body)]
        if empty:
            notes.append(f"{len(empty)} pages with an empty reference body: {', '.join(empty)}")
    other = Counter(p.charset for p in pages if p.html and p.charset != "utf-8")
    if other:
        decoded = ", ".join(f"{n} {name}" for name, n in other.most_common())
        notes.append(f"{sum(other.values())} pages not valid UTF-8, decoded as: {decoded}")
    if group.labels:
        bylines = sum(1 for p in pages if fold(p.byline))
        notes.append(
            f"byline accuracy is over the {bylines} of {len(pages)} pages whose reference has one"
        )
        if not any(p.html for p in pages):
            notes.append(label_ceilings(pages))
    return notes


def label_ceilings(pages: Sequence[Page]) -> str:
    """How often copied text can give the reference title or byline at all: the title
    must be one of its lines, the byline within one. The others come from the HTML's
    metadata or its ``<title>`` (a title with the site's name, as a window title line
    would show it; these copies have none)."""
    lines = {p.id: [fold(line) for line in p.content.splitlines()] for p in pages}
    titled = [p for p in pages if fold(p.title)]
    signed = [p for p in pages if fold(p.byline)]
    titles = sum(1 for p in titled if fold(p.title) in lines[p.id])
    bylines = sum(1 for p in signed if any(fold(p.byline) in line for line in lines[p.id]))
    return (
        f"the reference title is a line of the text on {titles} of {len(titled)} pages, "
        f"its byline within one on {bylines} of {len(signed)}: accuracy from this text "
        f"is at most {titles / max(len(titled), 1):.3f} (title), "
        f"{bylines / max(len(signed), 1):.3f} (byline)"
    )


_LEADING_BY = re.compile(r"^\s*(by|par|von|por|di|door|av)\b\s*", re.I)


def folded_bylines(rows: Sequence[dict[str, Any]]) -> str | None:
    found = [
        f"{row['name']} {row['byline_by_folded']:.3f}" for row in rows if "byline_by_folded" in row
    ]
    return (
        "byline accuracy with a leading 'By' taken off the reference (readout never keeps "
        f"it): {', '.join(found)}"
        if found
        else None
    )


def unwanted_bylines(rows: Sequence[dict[str, Any]]) -> str | None:
    found = [f"{row['name']} {row['byline_unwanted']}" for row in rows if "byline_unwanted" in row]
    return (
        f"pages given a byline where the reference has none: {', '.join(found)}" if found else None
    )


# --- output ----------------------------------------------------------------------


def cell(row: dict[str, Any], key: str) -> str:
    return f"{row[key]:.3f}" if key in row else "–"


def empty_cell(row: dict[str, Any]) -> str:
    text = f"{row['empty']} / {row['refused']}"
    if row["errors"]:
        text += f" ({row['errors']} errors)"
    return text


def render(eval_set: EvalSet, groups: list[dict[str, Any]]) -> str:
    snippets = any(group["snippets"] for group in groups)
    lines = [
        f"## {eval_set.title}",
        "",
        f"| tool | {'F' if snippets else 'F1'} | precision | recall | title | byline "
        "| empty / refused | median ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for group in groups:
        if len(groups) > 1:
            lines.append(f"| **{group['label']}** ({group['pages']} pages) | | | | | | | |")
        for row in group["rows"]:
            lines.append(
                f"| {row['name']} | {cell(row, 'f' if snippets else 'f1')} "
                f"| {cell(row, 'precision')} | {cell(row, 'recall')} | {cell(row, 'title')} "
                f"| {cell(row, 'byline')} | {empty_cell(row)} | {row['median_ms']:.1f} |"
            )
    lines.append("")
    for group in groups:
        where = f"{group['label']}: " if len(groups) > 1 else ""
        if len(groups) == 1:
            lines.append(f"- {group['pages']} pages")
        baseline = next((r["name"] for r in group["rows"] if r["tool"] == BASELINE), None)
        if group["readout_vs_trafilatura"] is not None:
            lines.append(
                f"- {where}median ms, readout / {baseline}: {group['readout_vs_trafilatura']:.2f}"
            )
        lines.extend(f"- {where}{note}" for note in group["notes"])
        for extra in (unwanted_bylines(group["rows"]), folded_bylines(group["rows"])):
            if extra:
                lines.append(f"- {where}{extra}")
    return "\n".join(lines) + "\n"


def versions() -> dict[str, str]:
    found = {"python": sys.version.split()[0]}
    for package in ("readout", "trafilatura", "readability-lxml", "jusText", "lxml"):
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            found[package] = "?"
    found["readout code"] = readout_revision()
    return found


def readout_revision() -> str:
    """The commit of the readout code being measured, and whether it has uncommitted changes."""
    package = Path(readout.__file__).resolve().parent

    def git(*command: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(package), *command], capture_output=True, text=True, check=False
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return f"{package} (not in git)"
    return f"{commit}{' + uncommitted changes' if git('status', '--porcelain', '--', '.') else ''}"


def keys(value: str, allowed: Sequence[str], what: str) -> list[str]:
    chosen = [key.strip() for key in value.split(",") if key.strip()]
    unknown = [key for key in chosen if key not in allowed]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown {what}: {', '.join(unknown) or value!r}; choose from {', '.join(allowed)}"
        )
    return chosen


def positive(value: str) -> int:
    number = int(value) if value.isdigit() else 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {value!r}")
    return number


def main() -> int:
    set_keys = [s.key for s in SETS]
    tool_keys = [t.key for t in TOOLS]
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the eval folder")
    parser.add_argument(
        "--sets",
        type=lambda v: keys(v, set_keys, "set"),
        default=set_keys,
        help=f"comma-separated, of {','.join(set_keys)} (default: all)",
    )
    parser.add_argument(
        "--tools",
        type=lambda v: keys(v, tool_keys, "tool"),
        default=tool_keys,
        help=f"comma-separated, of {','.join(tool_keys)} (default: all)",
    )
    parser.add_argument("--limit", type=int, default=None, help="the first N pages of each set")
    parser.add_argument(
        "--repeat",
        type=positive,
        default=1,
        help="time each tool on each page N times and keep the least (default: 1)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write every figure here")
    parser.add_argument("--dropped", type=Path, default=None, help="readout's missed words, JSONL")
    args = parser.parse_args()

    chosen_sets = [s for s in SETS if s.key in args.sets]
    for eval_set in chosen_sets:
        for need in eval_set.needs:
            if not (args.data / eval_set.folder / need).exists():
                print(
                    f"benchmark data missing: {args.data / eval_set.folder / need}", file=sys.stderr
                )
                return EXIT_NO_DATA

    tools = [t for t in TOOLS if t.key in args.tools]
    figures: dict[str, Any] = {
        "versions": versions(),
        "limit": args.limit,
        "repeat": args.repeat,
        "sets": {},
    }
    dropped: list[dict[str, Any]] = []
    print("# Extraction benchmark\n")
    print(", ".join(f"{name} {version}" for name, version in figures["versions"].items()))
    if args.limit:
        print(f"\nOnly the first {args.limit} pages of each set.")
    if args.repeat > 1:
        print(f"\nEach tool timed {args.repeat} times on each page, the least kept.")
    print()
    for eval_set in chosen_sets:
        groups = []
        for group in eval_set.groups:
            started = time.perf_counter()
            pages = group.load(args.data / eval_set.folder, args.limit)
            group_tools = [t for t in tools if group.html or t.text_name]
            runs = run_group(group, pages, group_tools, args.repeat)
            rows = [score(group, tool, pages, runs[tool.key]) for tool in group_tools]
            medians = {row["tool"]: row["median_ms"] for row in rows}
            ratio = None
            if "readout" in medians and medians.get(BASELINE):
                ratio = medians["readout"] / medians[BASELINE]
            groups.append(
                {
                    "label": group.label,
                    "input": "html" if group.html else "text",
                    "snippets": group.snippets,
                    "pages": len(pages),
                    "rows": rows,
                    "readout_vs_trafilatura": ratio,
                    "notes": data_notes(group, pages),
                }
            )
            if args.dropped and "readout" in runs:
                dropped += dropped_records(eval_set.key, group, pages, runs["readout"])
            elapsed = time.perf_counter() - started
            print(
                f"{eval_set.key}, {group.label}: {len(pages)} pages, {elapsed:.0f} s",
                file=sys.stderr,
            )
        figures["sets"][eval_set.key] = {"title": eval_set.title, "groups": groups}
        print(render(eval_set, groups), flush=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", "utf-8")
    if args.dropped:
        with args.dropped.open("w", encoding="utf-8") as stream:
            for record in dropped:
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
