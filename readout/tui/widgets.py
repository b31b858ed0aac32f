"""The player's widgets: the article's blocks, the view that holds them, the controls.

Widgets never reach into the app: they post messages (:class:`BlockView.ReadHere`,
:class:`ArticleView.MoreWanted`) and the app, which owns the reading session, acts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.geometry import Offset
from textual.message import Message
from textual.widgets import Button, Static

from readout.article import BlockKind

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
    """The article's blocks; asks for more when scrolled near the last one mounted."""

    class MoreWanted(Message):
        """Scrolled near the end of the blocks mounted so far."""

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value >= self.max_scroll_y - self.size.height:
            self.post_message(self.MoreWanted())


class ControlBar(Grid):
    """The widget's buttons, each labelled with its key; short labels when narrow."""

    def compose(self) -> ComposeResult:
        for label, _, action in CONTROLS:
            yield Button(Content(label), id=f"control-{action}", compact=True)

    def on_resize(self) -> None:
        wide = self.app.size.width >= WIDE
        for label, short, action in CONTROLS:
            self.query_one(f"#control-{action}", Button).label = Content(label if wide else short)
