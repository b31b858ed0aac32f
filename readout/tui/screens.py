"""The player's dialogs: help, a note, the marks, open, history.

Each is a modal screen that returns its answer with ``dismiss``; the app decides what
to do with it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from readout.article import Article
from readout.keys import BINDINGS as KEY_BINDINGS
from readout.keys import KeyBinding, describe_keys
from readout.marks import PlacedMark
from readout.numbering import Numbering
from readout.state import HistoryEntry


class HelpScreen(ModalScreen[None]):
    """Every key, what it does, and its id (for remapping in settings.toml)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="close_help"),
    ]

    def __init__(self, bindings: tuple[KeyBinding, ...] = KEY_BINDINGS) -> None:
        super().__init__()
        self._key_bindings = bindings

    def compose(self) -> ComposeResult:
        described = describe_keys(self._key_bindings)
        lines = [
            f"{line}   [{b.id}]" for line, b in zip(described, self._key_bindings, strict=True)
        ]
        with VerticalScroll(id="help"):
            yield Static(
                Content("Keys (press Escape to close)"), classes="help-title", markup=False
            )
            yield Static(Content("\n".join(lines)), markup=False)


class AskScreen(ModalScreen[str | None]):
    """One line of text from the user (a note), or None on Escape."""

    AUTO_FOCUS = "#answer"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel_ask")]

    def __init__(self, prompt: str, placeholder: str) -> None:
        super().__init__()
        self._prompt, self._placeholder = prompt, placeholder

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(Content(self._prompt), markup=False)
            yield Input(placeholder=self._placeholder, id="answer")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class MarksScreen(ModalScreen[tuple[int, int] | None]):
    """The flagged sentences; Enter goes to one, s saves the report to a file."""

    AUTO_FOCUS = "#marks"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel_marks"),
        Binding("s", "save_report", "Save the report", id="save_report"),
    ]

    def __init__(self, placed: list[PlacedMark], article: Article | None = None) -> None:
        super().__init__()
        self._placed = placed
        self._article = article

    def action_save_report(self) -> None:
        """Write the report (Markdown) to the current folder, named after the article."""
        from pathlib import Path

        from readout.filenames import safe_name
        from readout.marks import report

        if self._article is None:
            return
        path = Path.cwd() / f"{safe_name(self._article.title)} marks.md"
        try:
            path.write_text(report(self._article, self._placed, "markdown"), "utf-8")
        except OSError as error:
            self.notify(f"Cannot save the report: {error.strerror}", severity="error", markup=False)
            return
        self.notify(f"Report saved: {path}", markup=False)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(
                Content("Marks: Enter goes to one, s saves the report (Escape to close)."),
                markup=False,
            )
            if not self._placed:
                yield Static(
                    Content("No marks yet: press f while a sentence is read."), markup=False
                )
            numbering = Numbering(self._article) if self._article is not None else None
            options = [
                Option(
                    Content(
                        (numbering.place(p.block, p.sentence) if numbering else "A mark")
                        + f": {p.mark.text}"
                        + (f"  Note: {p.mark.note}" if p.mark.note else "")
                    ),
                    id=str(i),
                )
                for i, p in enumerate(self._placed)
            ]
            yield OptionList(*options, id="marks")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        chosen = self._placed[int(event.option.id or 0)]
        self.dismiss((chosen.block, chosen.sentence))

    def action_cancel(self) -> None:
        self.dismiss(None)


class OpenScreen(ModalScreen[str | None]):
    """Ask for a path or URL to open."""

    AUTO_FOCUS = "#spec"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel_open")
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(
                Content("Open an article: type a file path or an http(s) URL, then Enter."),
                markup=False,
            )
            yield Input(placeholder="path or URL", id="spec")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HistoryScreen(ModalScreen[str | None]):
    """Articles read before, newest first; Enter opens one where it was left."""

    AUTO_FOCUS = "#history"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel_history")
    ]

    def __init__(self, entries: list[HistoryEntry]) -> None:
        super().__init__()
        self._entries = entries

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(
                Content("History: choose an article to resume (Escape to close)."), markup=False
            )
            if not self._entries:
                yield Static(Content("Nothing read yet."), markup=False)
            options = [
                Option(Content(self._describe(e)), id=str(i)) for i, e in enumerate(self._entries)
            ]
            yield OptionList(*options, id="history")

    @staticmethod
    def _describe(entry: HistoryEntry) -> str:
        return f"{entry.title} ({entry.stopped_at}) · {entry.source}"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._entries[int(event.option.id or 0)].source)

    def action_cancel(self) -> None:
        self.dismiss(None)
