"""Read an article written in Markdown.

markdown-it-py (CommonMark) parses; we keep the text of headings, paragraphs, list
items, block quotes and image alt text, code blocks (fenced or indented) with their
line breaks, the blocks of HTML written into it (a table of constants), and drop link
targets. Footnotes ("[^1]") keep their number in the text, silent when spoken, and
are read at the end under "Footnotes", as GitHub shows them. A list made only of links that stands
before the first paragraph, or links only within the page, is a table of contents
and is left out: the listener hears those headings anyway. The first level-1 heading,
unless prose comes before it, or a ``title:`` in YAML-style front matter, is the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from readout.article import BlockKind
from readout.extract.dropped import DropLog, DropReason
from readout.extract.raw import BADGE, RawBlock, collapse, fold, is_noise, tidy_code

if TYPE_CHECKING:
    from lxml import etree

_FIELDS_USED = frozenset({"title", "author", "byline", "date", "published", "lang", "language"})
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


def extract_markdown(text: str, log: DropLog | None = None) -> MarkdownExtraction:
    """Extract title, metadata and blocks from Markdown ``text``; ``log`` hears what
    is dropped (a table of contents)."""
    fields: dict[str, str] = {}
    log = log or DropLog(on=False)
    front = _FRONT_MATTER.match(text)
    if front:
        fields = {k.lower(): v.strip().strip("\"'") for k, v in _FIELD.findall(front.group(1))}
        text = text[front.end() :]
        unused = [f"{k}: {v}" for k, v in fields.items() if k not in _FIELDS_USED]
        log.add(" · ".join(unused), DropReason.MARKUP)  # "description: List installed..."
    env: dict[str, dict[str, dict[str, str]]] = {}
    tokens = MarkdownIt("commonmark").enable("table").use(footnote_plugin).parse(text, env)
    blocks = []
    for block in _blocks(tokens, log):
        if is_noise(block):
            log.add(block.text, DropReason.NOTHING_TO_READ)
        elif block.kind is BlockKind.QUOTE and (alert := _ALERT.match(block.text)):
            # GitHub's "> [!TIP]" is a note's label: "Tip: ...", not "[!TIP]" read out
            label = alert.group(1).capitalize()
            blocks.append(
                RawBlock(block.kind, f"{label}: {block.text[alert.end() :]}", block.level)
            )
        else:
            blocks.append(block)
    title = fields.get("title", "")
    for index, block in enumerate(blocks):
        if _is_body(block):
            break  # a "# Quick start" under the opening paragraph is a section, not the title
        if block.kind is BlockKind.HEADING and block.level == 1:
            # The first "#" heading is the title, or says the front matter's title again.
            if not title or fold(block.text) == fold(title):
                title = title or block.text
                del blocks[index]
            break
    links = env.get("references", {})  # "[fs]: fs.md": a link's target, not text
    log.add(" · ".join(f"[{label}]: {ref.get('href', '')}" for label, ref in links.items()),
            DropReason.MARKUP)  # fmt: skip
    return MarkdownExtraction(
        title=title,
        blocks=[b for b in blocks if b.text],
        byline=fields.get("author") or fields.get("byline"),
        published=fields.get("date") or fields.get("published"),
        language=fields.get("lang") or fields.get("language"),
    )


def _is_body(block: RawBlock) -> bool:
    """Code, or a sentence of prose: what comes after a document's title (badges, a
    logo's caption, a note's quote or a line of links can come before it)."""
    if block.kind is BlockKind.CODE:
        return True
    return (
        block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
        and len(block.text.split()) >= 12
        and block.text.rstrip(")\"'”’").endswith((".", "!", "?", ":"))
    )


def _blocks(tokens: list[Token], log: DropLog) -> list[RawBlock]:
    found: list[RawBlock] = []
    context: list[BlockKind] = []
    begun: set[int] = set()  # the depths of context whose list item has had its first line
    heading_level: int | None = None
    number = ""  # the number of the ordered list item whose first line comes next
    skipped = _contents_lists(tokens)
    bars = _link_bars(tokens)
    row: list[str] | None = None
    for position, token in enumerate(tokens):
        if position in skipped:
            if (
                position - 1 not in skipped
                and found
                and found[-1].kind is BlockKind.HEADING
                and not (len(found) == 1 and found[0].level == 1)  # the document's title
            ):
                log.add(found.pop().text, DropReason.CONTENTS)  # "## Contents" led to the list
            if token.type == "inline":
                log.add(_inline_text(token)[0], DropReason.CONTENTS)
            continue
        if position in bars:
            if token.type == "inline":
                log.add(_inline_text(token)[0], DropReason.NAVIGATION)
            continue
        if token.type == "tr_open":
            row = []
            continue
        if token.type == "tr_close" and row is not None:
            found.append(RawBlock(BlockKind.PARAGRAPH, "; ".join(cell for cell in row if cell)))
            row = None
            continue
        if token.type == "inline" and row is not None:
            row.append(_inline_text(token)[0])
            continue
        if token.type in ("fence", "code_block"):
            found.append(RawBlock(BlockKind.CODE, tidy_code(token.content)))
            continue
        if token.type == "html_block":
            found.extend(_html_blocks(token.content, log))
            continue
        if token.type in ("bullet_list_open", "ordered_list_open"):
            continue
        if token.type == "list_item_open":
            context.append(BlockKind.LIST_ITEM)
            # An ordered list's item says its number, as the page shows it ("2. Press").
            number = f"{token.info}{token.markup} " if token.info.isdigit() else ""
        elif token.type == "footnote_block_open":  # the "[^1]: ..." notes, as GitHub shows them
            found.append(RawBlock(BlockKind.HEADING, "Footnotes", 2))
        elif token.type == "footnote_open":
            context.append(BlockKind.LIST_ITEM)
            number = f"{int(token.meta['id']) + 1}. "
        elif token.type == "blockquote_open":
            context.append(BlockKind.QUOTE)
        elif token.type in ("list_item_close", "blockquote_close", "footnote_close"):
            begun.discard(len(context))
            context.pop()
        elif token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "heading_close":
            heading_level = None
        elif token.type == "inline":
            text, captions = _inline_text(token, log)
            if heading_level is not None:
                found.append(RawBlock(BlockKind.HEADING, text, heading_level))
            else:
                kind = context[-1] if context else BlockKind.PARAGRAPH
                if kind is BlockKind.LIST_ITEM and len(context) in begun:
                    found.append(RawBlock(BlockKind.PARAGRAPH, text))  # the item goes on
                elif kind is BlockKind.LIST_ITEM:
                    depth = context.count(BlockKind.LIST_ITEM)  # an item inside an item: 2
                    found.append(RawBlock(kind, number + text, depth))
                    begun.add(len(context))
                else:
                    found.append(RawBlock(kind, text))
                number = ""
            found.extend(RawBlock(BlockKind.CAPTION, caption) for caption in captions)
    return found


def _html_blocks(html: str, log: DropLog) -> list[RawBlock]:
    """The blocks of HTML written into the Markdown (a ``<table>`` of constants, a
    ``<details>``), read as a page's are; a comment or an anchor holds none, and an
    index of links within the page (a changelog's table of its versions) is contents."""
    if "<" not in html:
        return []
    if html.lstrip().startswith("<!--") and html.rstrip().endswith("-->"):
        log.add(html.strip()[4:-3], DropReason.MARKUP)  # "YAML added: v0.1.16", a lint rule
        return []
    from lxml import etree
    from lxml import html as lxml_html

    from readout.extract.blocks import tree_to_blocks

    try:
        fragment = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    etree.strip_elements(fragment, etree.Comment, "script", "style", with_tail=False)
    blocks = tree_to_blocks(fragment)
    if _is_link_index(fragment):
        log.add(" ".join(b.text for b in blocks), DropReason.CONTENTS)
        return []
    return blocks


INDEX_LINKS = 3
"""An index of links within the page has at least this many..."""
INDEX_LINKED = 0.8
"""...and this share of its words in them (the rest: its column headers)."""


def _is_link_index(fragment: etree._Element) -> bool:
    links = list(fragment.iter("a"))
    if len(links) < INDEX_LINKS or not all((a.get("href") or "").startswith("#") for a in links):
        return False
    linked = sum(len(a.text_content().split()) for a in links)
    return linked >= INDEX_LINKED * len(fragment.text_content().split())


def _contents_lists(tokens: list[Token]) -> set[int]:
    """Positions of the tokens of top-level lists that are tables of contents."""
    skipped: set[int] = set()
    seen_paragraph = False
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if token.type == "paragraph_open" and token.level == 0:
            seen_paragraph = seen_paragraph or not _is_link_bar(tokens, position)
        if token.type in ("bullet_list_open", "ordered_list_open") and token.level == 0:
            end = position + 1
            while end < len(tokens) and not (
                tokens[end].type == token.type.replace("_open", "_close") and tokens[end].level == 0
            ):
                end += 1
            inlines = [i for i in range(position, end) if tokens[i].type == "inline"]
            # An item over a list of its own is a group's label ("Other Versions").
            labels = [i for i in inlines if _labels_a_list(tokens, i)]
            targets = [_link_targets(tokens[i]) for i in inlines if i not in labels]
            if len(targets) >= 2 and all(targets) and len(labels) <= len(targets) // 2:
                in_page = all(h.startswith("#") for hrefs in targets for h in hrefs or [])
                if in_page or not seen_paragraph:
                    skipped.update(range(position, end + 1))
            position = end
        position += 1
    return skipped


def _is_link_bar(tokens: list[Token], position: int) -> bool:
    """The paragraph opening at ``position`` is only links, three or more ("English •
    Deutsch • 日本語", "Docs | Install | Examples"), or only badges."""
    if position + 1 >= len(tokens) or tokens[position + 1].type != "inline":
        return False
    inline = tokens[position + 1]
    targets = _link_targets(inline)
    return targets is not None and (len(targets) >= 3 or not _inline_text(inline)[0])


def _link_bars(tokens: list[Token]) -> set[int]:
    """Positions of the tokens of link bars before the first paragraph of prose: a
    README's links to its translations or its sites, which a listener does not follow."""
    bars: set[int] = set()
    for position, token in enumerate(tokens):
        if token.type != "paragraph_open" or token.level != 0:
            continue
        if not _inline_text(tokens[position + 1])[0]:
            continue  # a logo, a row of badges
        if not _is_link_bar(tokens, position):
            break
        bars.update(range(position, position + 3))
    return bars


def _labels_a_list(tokens: list[Token], index: int) -> bool:
    """The inline at ``index`` is an item's text with a list nested under it."""
    after = tokens[index + 1 : index + 3]  # its paragraph's close, then the nested list
    return len(after) == 2 and after[1].type in ("bullet_list_open", "ordered_list_open")


def _link_targets(token: Token) -> list[str] | None:
    """The link targets of an inline token made only of links, else ``None``."""
    hrefs: list[str] = []
    depth = 0
    for child in token.children or []:
        if child.type == "link_open":
            depth += 1
            hrefs.append(str(child.attrs.get("href", "")))
        elif child.type == "link_close":
            depth -= 1
        elif (depth == 0 and child.type == "text" and child.content.strip(" ,;·•|/-–")) or (
            depth == 0 and child.type not in ("text", "softbreak")
        ):
            return None
    return hrefs or None


_ALERT = re.compile(r"^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*", re.I)


_BREAK = re.compile(r"<br\s*/?>", re.I)


def _inline_text(token: Token, log: DropLog | None = None) -> tuple[str, list[str]]:
    """The visible text of an inline token, and the alt texts of its images; ``log``
    hears the images not described (a badge, "Logo")."""
    parts: list[str] = []
    captions: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "footnote_ref":  # "[^note]" is its note's number: "[2]"
            parts.append(f"[{int(child.meta['id']) + 1}]")
        elif child.type in ("softbreak", "hardbreak") or (
            child.type == "html_inline" and _BREAK.match(child.content)
        ):
            parts.append(" ")  # "validation<br>Safety" in a table's cell: two words
        elif child.type == "image":
            alt = collapse(child.content)
            source = str(child.attrs.get("src", ""))
            # "Build", "PyPI", a shields.io or repology badge: a status, not a picture
            if len(alt.split()) >= 3 and not BADGE.search(source):
                captions.append(alt)
            elif log is not None:
                log.add(f"image: {alt or source}", DropReason.IMAGE_TEXT)
    return collapse("".join(parts)), captions
