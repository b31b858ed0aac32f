"""The player's widgets: the article's blocks, the view that holds them, the controls.

Widgets never reach into the reading session: a block posts :class:`BlockView.ReadHere`
and the app, which owns the session, acts; the app tells the :class:`ArticleView` what
is being read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.geometry import Offset, Region
from textual.message import Message
from textual.widgets import Button, Static

from readout.article import Article, BlockKind, says_its_number
from readout.numbering import Numbering
from readout.tui.status import StatusFields, announcement_line, status_line

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


MAX_DEPTH = 4
"""A list item is indented for up to this many levels of lists inside lists."""


class BlockView(Static, can_focus=True):
    """One block of the article; shows which sentence (and word) is being read.

    Clicking it, or pressing Enter on it, reads from there.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "read_here", "Read from here", id="read_here"),
    ]

    def __init__(
        self,
        index: int,
        kind: BlockKind,
        text: str,
        *,
        number: str = "",
        numbered: bool = False,
        level: int | None = None,
    ) -> None:
        """``number`` is the block's number as the listener is told it: "3" is
        paragraph 3 (``--from 3``), "h1" heading 1. A list item shows a bullet (unless
        it says its number, "3. Open the lid"), indented by its ``level``."""
        depth = min(level or 1, MAX_DEPTH) if kind is BlockKind.LIST_ITEM else 1
        classes = f"block {kind.value}" + (f" depth-{depth}" if depth > 1 else "")
        super().__init__(Content(text), markup=False, classes=classes)
        self.index = index
        self.number = number
        self.kind = kind
        self.text = text
        self.numbered = numbered
        """Show the block's number before it (toggled with #, for proofreading)."""
        self._bullet = "• " if kind is BlockKind.LIST_ITEM and not says_its_number(text) else ""
        self._reading: tuple[tuple[int, int], tuple[int, int] | None] | None = None
        if numbered or self._bullet:
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
        return marker + (f"[{self.number}] " if self.numbered else "") + self._bullet

    def screen_offset_of(self, offset: int) -> Offset:
        """Where character ``offset`` of the text is on screen (after any marker or number)."""
        region = self.content_region
        row, column = self.place_of(offset)
        return Offset(region.x + column, region.y + row)

    def place_of(self, offset: int) -> tuple[int, int]:
        """The (row, column) of character ``offset`` of the text, as it is wrapped."""
        indent = len(self._prefix())
        remaining = offset
        for row, line in enumerate(Content(self.text).wrap(self._text_width(indent))):
            length = len(line.plain)
            if remaining <= length:
                return row, indent + remaining
            remaining -= length + 1  # the space the wrap consumed
        return 0, 0

    def _text_width(self, indent: int) -> int:
        """The width the text wraps to, right of its marker, number or bullet."""
        return max(1, self.content_region.width - indent)

    def on_resize(self) -> None:
        if self._prefix():
            self.refresh_text()  # the hanging indent is laid out for the width

    def show_reading(
        self, span: tuple[int, int] | None, word: tuple[int, int] | None = None
    ) -> None:
        """Mark ``span`` (a sentence) and ``word`` (both offsets into the text), or clear."""
        self._reading = None if span is None else (span, word)
        self.set_class(span is not None, "current")
        self.refresh_text()

    def refresh_text(self) -> None:
        content = Content(self.text)
        if self._reading is not None:
            (start, end), word = self._reading
            content = content.stylize("reverse bold", start, end)
            if word is not None:
                content = content.stylize("underline", word[0], word[1])
        self.update(self._hanging(self._prefix(), content))

    def _hanging(self, prefix: str, content: Content) -> Content:
        """``prefix`` (the marker, number or bullet) before the text, and the text's
        wrapped lines indented under the text's first word, not under the bullet."""
        if not prefix:
            return content
        if not self.content_region.width:  # not laid out yet: on_resize lays it out
            return Content(prefix) + content
        lines = content.wrap(self._text_width(len(prefix))) or [Content("")]
        indent = Content(" " * len(prefix))
        return Content("\n").join(
            [Content(prefix) + lines[0], *(indent + line for line in lines[1:])]
        )


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
        self._numbering = Numbering(article)
        self.numbered = False
        """Show each block's number (toggled with #, for proofreading)."""
        self.current: tuple[int, int] | None = None
        """The (block, sentence) being read; block -1 is the title."""
        self._views: list[BlockView] = []
        self._cursor_on: tuple[BlockView, int] | None = None
        """The view and character the terminal's cursor belongs on."""

    def compose(self) -> ComposeResult:
        self._views = self._make_views(0, FIRST_BLOCKS)
        yield from self._views

    async def show_article(self, article: Article) -> None:
        """Another article: its first blocks, nothing marked."""
        self.article, self.current, self._cursor_on = article, None, None
        self._numbering = Numbering(article)
        await self.remove_children()
        self.scroll_home(animate=False, immediate=True)  # not where the last one was
        self._views = self._make_views(0, FIRST_BLOCKS)
        await self.mount_all(self._views)

    def show_whole(self, article: Article) -> None:
        """The whole of a long article is in (it may differ from its first blocks)."""
        self.article = article
        self._numbering = Numbering(article)
        for view, block in zip(self._views, article.blocks, strict=False):
            view.number = self._number(view.index)
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
        if block < 0 and scroll:
            self.scroll_home(animate=False)  # the title, over the first block
        if not 0 <= block < len(views):
            return
        found = self.article.blocks[block].sentences[sentence]
        view = views[block]
        if word is not None:
            # Word marks are offsets into the sentence; the view marks the block's text.
            word = (found.start + word[0], found.start + word[1])
        view.show_reading((found.start, found.end), word)
        if word is None and scroll:
            heading = self.article.blocks[block].kind is BlockKind.HEADING
            self._bring_into_view(view, found.start, found.end, to_top=heading)
        offset = word[0] if word else found.start
        # The cursor is set now, for the repaint this change brings, and again after it
        # should the layout have moved: set only afterwards, it lagged one move behind.
        self._cursor_on = (view, offset)
        self.app.cursor_position = view.screen_offset_of(offset)
        self.call_after_refresh(self._settle_cursor)

    def _bring_into_view(self, view: BlockView, start: int, end: int, *, to_top: bool) -> None:
        """Scroll the block into view (a heading to the top, with its section under it,
        not on the last row); when it is taller than the screen, the sentence."""
        if view.outer_size.height <= self.scrollable_content_region.height:
            view.scroll_visible(animate=False, top=to_top)
            return
        first, _ = view.place_of(start)
        last, _ = view.place_of(end)
        top = view.virtual_region.y + (view.content_region.y - view.region.y)
        self.scroll_to_region(Region(0, top + first, 1, last - first + 1), animate=False)

    def _settle_cursor(self) -> None:
        """Put the cursor back on the character it belongs to, should a scroll or a
        new layout have moved it."""
        if self._cursor_on is None:
            return
        view, offset = self._cursor_on
        where = view.screen_offset_of(offset)
        if where != self.app.cursor_position:
            self.app.cursor_position = where
            view.refresh()  # a repaint puts the terminal's cursor there

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.call_after_refresh(self._settle_cursor)
        if new_value >= self.max_scroll_y - self.size.height:
            self._mount_through(len(self._views))

    def _make_views(self, start: int, end: int) -> list[BlockView]:
        return [
            BlockView(
                i,
                block.kind,
                block.text,
                number=self._number(i),
                numbered=self.numbered,
                level=block.level,
            )
            for i, block in enumerate(self.article.blocks[start:end], start)
        ]

    def _number(self, block: int) -> str:
        """ "3" for paragraph 3, "h1" for heading 1: what ``--from`` takes."""
        number = self._numbering.number(block)
        heading = self.article.blocks[block].kind is BlockKind.HEADING
        return f"h{number}" if heading else str(number)

    def _mount_through(self, block: int) -> bool:
        """Mount the views up to ``block`` and some beyond; True if they already were."""
        mounted = len(self._views)
        if block < mounted - MOUNT_AHEAD // 2 or mounted >= len(self.article.blocks):
            return True
        batch = self._make_views(mounted, block + 1 + MOUNT_AHEAD)
        self._views.extend(batch)
        self.mount_all(batch)
        return block < mounted


_WHILE_ON = {"toggle": ("Pause Space", "Pause ␣"), "toggle_mute": ("Unmute m", "Unmute m")}
"""The labels of the two toggles while what they switch is on (playing, muted): a
button says what pressing it does, as the web widget's play and speaker icons do."""


class ControlBar(Grid):
    """The widget's buttons, each labelled with its key; short labels when narrow."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._on: set[str] = set()

    def compose(self) -> ComposeResult:
        for label, _, action in CONTROLS:
            yield Button(Content(label), id=f"control-{action}", compact=True)

    def show_state(self, *, playing: bool, muted: bool) -> None:
        """Label the play and mute buttons for what they would do now."""
        on = {action for action, is_on in (("toggle", playing), ("toggle_mute", muted)) if is_on}
        if on != self._on:
            self._on = on
            self._label()

    def on_resize(self) -> None:
        self._label()

    def _label(self) -> None:
        wide = self.app.size.width >= WIDE
        for label, short, action in CONTROLS:
            long_label, short_label = _WHILE_ON[action] if action in self._on else (label, short)
            button = self.query_one(f"#control-{action}", Button)
            button.label = Content(long_label if wide else short_label)


class StatusBar(Static):
    """The status line: the session's fields in a fixed order, on one row."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(markup=False, id=id)
        self.fields: StatusFields | None = None

    def show(self, fields: StatusFields) -> None:
        self.fields = fields
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        if self.fields is not None:
            self.update(Content(status_line(self.fields, _row_width(self))))


class AnnouncementLine(Static):
    """The last announcement, on a row of its own, until it goes stale: when reading
    (or a move) reaches another block than the one it was made in. A standing one (a
    note of the run's: "no audio device... playing silently") stays until the next."""

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(markup=False, id=id)
        self.text = text
        self._made_in: int | None = None  # the block it was made in; None: before reading
        self._standing = False

    def say(self, text: str, block: int | None, *, standing: bool = False) -> None:
        """Show ``text``, made while ``block`` was being read (None: none yet)."""
        self.text = " ".join(text.split())
        self._made_in = block
        self._standing = standing
        self._draw()

    def block_started(self, block: int) -> None:
        if self._standing:
            return
        if self._made_in is None:
            self._made_in = block  # said before reading began: it holds for the first block
        elif block != self._made_in:
            self.text = ""
            self._draw()

    def on_mount(self) -> None:
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        self.update(Content(announcement_line(self.text, _row_width(self))))


def _row_width(widget: Static) -> int | None:
    """The characters a one-row bar has (its padding taken off)."""
    width = widget.app.size.width
    return width - 2 if width > 2 else None
