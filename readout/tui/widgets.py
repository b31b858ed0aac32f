"""The player's widgets: the article's blocks, the view that holds them, the controls.

Widgets never reach into the reading session: a block posts :class:`BlockView.ReadHere`
and the app, which owns the session, acts; the app tells the :class:`ArticleView` what
is being read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.geometry import Offset
from textual.message import Message
from textual.widgets import Button, Static

from readout.article import Article, BlockKind
from readout.tui.status import StatusFields, status_line

FIRST_BLOCKS = 100
"""Blocks mounted at the start; more as they are needed (see :class:`ArticleView`)."""
MOUNT_AHEAD = 100
"""How far beyond the block wanted more blocks are mounted."""

# The controls of a "listen to this article" widget: label, short label (for narrow
# terminals), action.
CONTROLS = (
    ("Previous ←", "Prev ←", "previous_sentence"),
    ("Play Space", "Play ␣", "toggle"),
    ("Next →", "Next →", "next_sentence"),
    ("Quieter -", "Vol -", "volume_down"),
    ("Louder +", "Vol +", "volume_up"),
    ("Mute m", "Mute m", "toggle_mute"),
    ("Slower [", "Slow [", "slower"),
    ("Faster ]", "Fast ]", "faster"),
)
WIDE = 120
"""From this many columns the controls fit on one line with their full labels."""


class BlockView(Static, can_focus=True):
    """One block of the article; shows which sentence (and word) is being read.

    Clicking it, or pressing Enter on it, reads from there.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "read_here", "Read from here", id="read_here"),
    ]

    def __init__(self, index: int, kind: BlockKind, text: str, *, numbered: bool = False) -> None:
        super().__init__(Content(text), markup=False, classes=f"block {kind.value}")
        self.index = index
        self.kind = kind
        self.text = text
        self.numbered = numbered
        """Show the block's number before it (toggled with #, for proofreading)."""
        self._reading: tuple[tuple[int, int], tuple[int, int] | None] | None = None
        if numbered:
            self.refresh_text()

    @dataclass
    class ReadHere(Message):
        """The listener asked to read from this block (Enter or a click on it)."""

        index: int

    def action_read_here(self) -> None:
        self.post_message(self.ReadHere(self.index))

    def on_click(self) -> None:
        self.action_read_here()

    def _prefix(self) -> str:
        marker = "▶ " if self._reading is not None else ""
        return marker + (f"[{self.index + 1}] " if self.numbered else "")

    def screen_offset_of(self, offset: int) -> Offset:
        """Where character ``offset`` of the text is on screen (after any marker or number)."""
        region = self.content_region
        prefix = self._prefix()
        remaining = offset + len(prefix)
        for row, line in enumerate(Content(prefix + self.text).wrap(max(1, region.width))):
            length = len(line.plain)
            if remaining <= length:
                return Offset(region.x + remaining, region.y + row)
            remaining -= length + 1  # the space the wrap consumed
        return Offset(region.x, region.y)

    def show_reading(
        self, span: tuple[int, int] | None, word: tuple[int, int] | None = None
    ) -> None:
        """Mark ``span`` (a sentence) and ``word`` (both offsets into the text), or clear."""
        self._reading = None if span is None else (span, word)
        self.set_class(span is not None, "current")
        self.refresh_text()

    def refresh_text(self) -> None:
        prefix = self._prefix()
        content = Content(prefix + self.text)
        if self._reading is not None:
            (start, end), word = self._reading
            shift = len(prefix)
            content = content.stylize("reverse bold", start + shift, end + shift)
            if word is not None:
                content = content.stylize("underline", word[0] + shift, word[1] + shift)
        self.update(content)


class ArticleView(VerticalScroll):
    """The article's blocks, mounted as they are needed, and which one is being read.

    Thousands of blocks take Textual seconds to mount and lay out: the first
    :data:`FIRST_BLOCKS` are mounted at the start, more as reading, a jump or scrolling
    gets near the last one mounted, so a long article neither starts late nor stalls
    a key press later.
    """

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article = article
        self.numbered = False
        """Show each block's number (toggled with #, for proofreading)."""
        self.current: tuple[int, int] | None = None
        """The (block, sentence) being read; block -1 is the title."""
        self._views: list[BlockView] = []

    def compose(self) -> ComposeResult:
        self._views = self._make_views(0, FIRST_BLOCKS)
        yield from self._views

    async def show_article(self, article: Article) -> None:
        """Another article: its first blocks, nothing marked."""
        self.article, self.current = article, None
        await self.remove_children()
        self._views = self._make_views(0, FIRST_BLOCKS)
        await self.mount_all(self._views)

    def show_whole(self, article: Article) -> None:
        """The whole of a long article is in (it may differ from its first blocks)."""
        self.article = article
        for view, block in zip(self._views, article.blocks, strict=False):
            if view.text != block.text:
                view.text = block.text
                view.refresh_text()

    def toggle_numbers(self) -> None:
        self.numbered = not self.numbered
        for view in self._views:
            view.numbered = self.numbered
            view.refresh_text()
        if self.current is not None and 0 <= self.current[0] < len(self.article.blocks):
            self.follow(*self.current, None, scroll=True)

    def follow(
        self, block: int, sentence: int, word: tuple[int, int] | None, *, scroll: bool
    ) -> None:
        """Mark the sentence (and word, offsets into the sentence) being read; bring it
        into view when ``scroll``; put the terminal's cursor on it, since screen
        magnifiers and braille displays follow the cursor."""
        if block >= 0 and not self._mount_through(block):
            # Its view was only just mounted: follow once it is on the screen.
            self.call_after_refresh(self.follow, block, sentence, word, scroll=scroll)
            return
        views = self._views
        before = self.current[0] if self.current is not None else None
        if before is not None and before != block and 0 <= before < len(views):
            views[before].show_reading(None)
        self.current = (block, sentence)
        if not 0 <= block < len(views):
            return
        found = self.article.blocks[block].sentences[sentence]
        view = views[block]
        if word is not None:
            # Word marks are offsets into the sentence; the view marks the block's text.
            word = (found.start + word[0], found.start + word[1])
        view.show_reading((found.start, found.end), word)
        if word is None and scroll:
            view.scroll_visible(animate=False)
        self.call_after_refresh(self._place_cursor, view, word[0] if word else found.start)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value >= self.max_scroll_y - self.size.height:
            self._mount_through(len(self._views))

    def _place_cursor(self, view: BlockView, offset: int) -> None:
        self.app.cursor_position = view.screen_offset_of(offset)

    def _make_views(self, start: int, end: int) -> list[BlockView]:
        return [
            BlockView(i, block.kind, block.text, numbered=self.numbered)
            for i, block in enumerate(self.article.blocks[start:end], start)
        ]

    def _mount_through(self, block: int) -> bool:
        """Mount the views up to ``block`` and some beyond; True if they already were."""
        mounted = len(self._views)
        if block < mounted - MOUNT_AHEAD // 2 or mounted >= len(self.article.blocks):
            return True
        batch = self._make_views(mounted, block + 1 + MOUNT_AHEAD)
        self._views.extend(batch)
        self.mount_all(batch)
        return block < mounted


class ControlBar(Grid):
    """The widget's buttons, each labelled with its key; short labels when narrow."""

    def compose(self) -> ComposeResult:
        for label, _, action in CONTROLS:
            yield Button(Content(label), id=f"control-{action}", compact=True)

    def on_resize(self) -> None:
        wide = self.app.size.width >= WIDE
        for label, short, action in CONTROLS:
            self.query_one(f"#control-{action}", Button).label = Content(label if wide else short)


class StatusBar(Static):
    """The status line: the session's fields, then the last announcement until it goes
    stale (reading moved on to another block), on one row at any width."""

    def __init__(
        self, *, announcement: str = "", shown: bool = True, id: str | None = None
    ) -> None:
        super().__init__(markup=False, id=id)
        self.announcement = announcement
        self._shown = shown
        self._announced_in: int | None = None  # the block the announcement belongs to
        self._fields: StatusFields | None = None

    def say(self, text: str) -> None:
        """Show ``text`` (on one line) until reading moves on to another block."""
        self.announcement = " ".join(text.split())
        self._announced_in = None
        self._draw()

    def block_started(self, block: int, *, playing: bool) -> None:
        """An announcement holds for the block it was made in (or the one reading starts
        with after it), and goes stale when reading moves on."""
        if self._announced_in is None:
            self._announced_in = block
        elif block != self._announced_in and playing:
            self.announcement = ""
        self._draw()

    def show(self, fields: StatusFields) -> None:
        """The session's fields (their announcement is this bar's own)."""
        self._fields = fields
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        if self._fields is None:
            return
        fields = replace(self._fields, announcement=self.announcement if self._shown else None)
        width = self.app.size.width - 2 if self.app.size.width > 2 else None  # its padding
        self.update(Content(status_line(fields, width)))
