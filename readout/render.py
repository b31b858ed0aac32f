"""Render an article as plain text, Markdown or JSON for ``readout text``."""

from __future__ import annotations

from readout.article import Article, BlockKind


def as_plain(article: Article) -> str:
    """Title, a blank line, then the blocks separated by blank lines."""
    return "\n\n".join([article.title, *(block.text for block in article.blocks)]) + "\n"


def as_markdown(article: Article) -> str:
    """A Markdown document: the title as a level-1 heading, metadata, then the body."""
    lines = [f"# {article.title}"]
    meta = [value for value in (article.byline, article.site, article.published) if value]
    if meta:
        lines.append(" · ".join(meta))
    for block in article.blocks:
        if block.kind is BlockKind.HEADING:
            lines.append(f"{'#' * max(2, min(block.level or 2, 6))} {block.text}")
        elif block.kind is BlockKind.LIST_ITEM:
            lines.append(f"- {block.text}")
        elif block.kind is BlockKind.QUOTE:
            lines.append(f"> {block.text}")
        elif block.kind is BlockKind.CAPTION:
            lines.append(f"*Image: {block.text}*")
        else:
            lines.append(block.text)
    return "\n\n".join(lines) + "\n"


def as_json(article: Article) -> str:
    """The JSON schema of DESIGN.md, indented."""
    return article.to_json(indent=2) + "\n"
