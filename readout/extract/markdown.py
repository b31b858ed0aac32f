"""Read an article written in Markdown.

markdown-it-py (CommonMark) parses; we keep the text of headings, paragraphs, list
items, block quotes and image alt text, and drop code blocks, HTML and link targets.
The first level-1 heading, or a ``title:`` in YAML-style front matter, is the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from readout.article import BlockKind
from readout.extract.raw import RawBlock, collapse

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.S)
_FIELD = re.compile(r"^(\w+)\s*:\s*(.+)$", re.M)


@dataclass(frozen=True)
class MarkdownExtraction:
    """What the Markdown extractor found, before segmentation."""

    title: str
    blocks: list[RawBlock]
    byline: str | None
    published: str | None
    language: str | None


def extract_markdown(text: str) -> MarkdownExtraction:
    """Extract title, metadata and blocks from Markdown ``text``."""
    fields: dict[str, str] = {}
    front = _FRONT_MATTER.match(text)
    if front:
        fields = {k.lower(): v.strip().strip("\"'") for k, v in _FIELD.findall(front.group(1))}
        text = text[front.end() :]
    tokens = MarkdownIt("commonmark").parse(text)
    blocks = list(_blocks(tokens))
    title = fields.get("title", "")
    if not title:
        for index, block in enumerate(blocks):
            if block.kind is BlockKind.HEADING and block.level == 1:
                title = block.text
                del blocks[index]
                break
    return MarkdownExtraction(
        title=title,
        blocks=[b for b in blocks if b.text],
        byline=fields.get("author") or fields.get("byline"),
        published=fields.get("date") or fields.get("published"),
        language=fields.get("lang") or fields.get("language"),
    )


def _blocks(tokens: list[Token]) -> list[RawBlock]:
    found: list[RawBlock] = []
    context: list[BlockKind] = []
    heading_level: int | None = None
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            continue
        if token.type == "list_item_open":
            context.append(BlockKind.LIST_ITEM)
        elif token.type == "blockquote_open":
            context.append(BlockKind.QUOTE)
        elif token.type in ("list_item_close", "blockquote_close"):
            context.pop()
        elif token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "heading_close":
            heading_level = None
        elif token.type == "inline":
            text, captions = _inline_text(token)
            if heading_level is not None:
                found.append(RawBlock(BlockKind.HEADING, text, heading_level))
            else:
                kind = context[-1] if context else BlockKind.PARAGRAPH
                found.append(RawBlock(kind, text))
            found.extend(RawBlock(BlockKind.CAPTION, caption) for caption in captions)
    return found


def _inline_text(token: Token) -> tuple[str, list[str]]:
    """The visible text of an inline token, and the alt texts of its images."""
    parts: list[str] = []
    captions: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            alt = collapse(child.content)
            if alt:
                captions.append(alt)
    return collapse("".join(parts)), captions
