"""Long articles made from the bundled fixtures (for the two-step opening of long inputs),
and numbered ones for exports to interrupt."""

from __future__ import annotations

from pathlib import Path

from readout.filenames import safe_name
from tests.conftest import ASSETS, FIXTURES


def long_scraped_text(directory: Path, chars: int = 150_000) -> Path:
    """The sample's page furniture around its body repeated to ``chars`` characters."""
    lines = (ASSETS / "sample-article.txt").read_text("utf-8").splitlines()
    footnote = next(i for i, line in enumerate(lines) if line.startswith("*"))
    header, body, rest = lines[:3], lines[3:footnote], lines[footnote:]
    text = "\n".join(header)
    while len(text) < chars:
        text += "\n" + "\n".join(body)
    path = directory / "long-article.txt"
    path.write_text(text + "\n" + "\n".join(rest) + "\n", "utf-8")
    return path


def long_markdown(directory: Path, chars: int = 150_000) -> Path:
    """The navigation fixture's sections repeated under numbered headings."""
    lines = (FIXTURES / "navigation.md").read_text("utf-8").split("\n")
    title, body = lines[0], "\n".join(lines[1:])
    parts, number = [title], 1
    while sum(map(len, parts)) < chars:
        parts.append(f"\n## Part {number}\n{body}")
        number += 1
    path = directory / "long-article.md"
    path.write_text("\n".join(parts), "utf-8")
    return path


def numbered_articles(folder: Path, count: int, title: str, paragraphs: int = 150) -> list[str]:
    """``count`` Markdown articles of ``paragraphs``, titled "<title> 0", "<title> 1"..."""
    body = "\n\n".join(
        f"Paragraph {n} says a number of plain things slowly, one after another, to take time."
        for n in range(paragraphs)
    )
    paths = []
    for number in range(count):
        path = folder / f"{safe_name(title)}-{number}.md"
        path.write_text(f"# {title} {number}\n\n{body}", "utf-8")
        paths.append(str(path))
    return paths
