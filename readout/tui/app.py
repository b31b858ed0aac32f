"""The full-screen player: the article on screen, following the voice, with the widget's controls.

A thin face over :class:`~readout.reader.Reader`. Reader events arrive on the Reader's
own thread and are posted to the app as messages; only the app's thread touches
widgets. All article text is shown as :class:`~textual.content.Content` (never parsed as
markup), and the current sentence is marked by reverse video, bold and a "▶" marker,
not colour alone.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import ClassVar, Protocol

from textual.app import App, ComposeResult, ScreenStackError
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from readout.article import Article
from readout.audio.output import OutputDevice
from readout.errors import ReadoutError
from readout.keys import BINDINGS as KEY_BINDINGS
from readout.keys import Command, KeyBinding
from readout.options import Listening, SessionOptions
from readout.reader import (
    Announced,
    ArticleCompleted,
    BlockStarted,
    EventRelay,
    Reader,
    ReaderEvent,
    ReaderState,
    Relay,
    SentenceStarted,
    StateChanged,
    WordStarted,
    words,
)
from readout.speech.duration import Remaining, remaining
from readout.speech.worker import SpeechWorker
from readout.state import HistoryEntry, Store
from readout.tui.screens import AskScreen, HelpScreen, HistoryScreen, MarksScreen, OpenScreen
from readout.tui.status import StatusFields
from readout.tui.themes import DEFAULT_THEME, HIGH_CONTRAST
from readout.tui.widgets import (
    WIDE,
    AnnouncementLine,
    ArticleView,
    BlockView,
    ControlBar,
    StatusBar,
)

# Our key names (shared with plain mode) as Textual names them.
_TEXTUAL_KEYS = {
    ".": "full_stop", ",": "comma", ">": "greater_than_sign", "<": "less_than_sign",
    "[": "left_square_bracket", "]": "right_square_bracket", "-": "minus", "+": "plus",
    "=": "equals_sign", "?": "question_mark", "#": "number_sign",
}  # fmt: skip


@dataclass
class ReaderUpdate(Message):
    """Something happened in the reading session (posted from the Reader's thread)."""

    event: ReaderEvent


@dataclass
class ArticleLoaded(Message):
    """Another article was read in (posted from the worker that loaded it)."""

    article: Article


def _textual_keys(keys: tuple[str, ...]) -> str:
    return ",".join(_TEXTUAL_KEYS.get(key, key) for key in keys)


def _default_keys(binding_id: str) -> tuple[str, ...]:
    return next(b.keys for b in KEY_BINDINGS if b.id == binding_id)


class ReaderFactory(Protocol):
    """Makes the Reader for an article; ``options`` carry the listener's choices (speed,
    volume) from one article to the next."""

    def __call__(
        self,
        article: Article,
        on_event: Callable[[ReaderEvent], None],
        /,
        options: SessionOptions | None = None,
    ) -> Reader: ...


class ReadoutApp(App[None]):
    """The player. Build it with :func:`make_app`."""

    CSS_PATH = "readout.tcss"
    TITLE = "readout"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            _textual_keys(binding.keys),
            f"perform('{binding.action.value}')",
            binding.description,
            id=binding.id,
            priority=True,
            show=binding.id in {"toggle", "mute", "help", "quit"},
        )
        for binding in KEY_BINDINGS
    ]

    def __init__(
        self,
        article: Article,
        make_reader: ReaderFactory,
        *,
        loader: Callable[[str], Article] | None = None,
        history: Callable[[], list[HistoryEntry]] | None = None,
        start_unit: int = 0,
        announce: str | None = None,
        theme: str | None = None,
        autoplay: bool = True,
        bindings: tuple[KeyBinding, ...] = KEY_BINDINGS,
        show_announcements: bool = True,
        remember_theme: Callable[[str], None] | None = None,
        whole: Callable[[], Article] | None = None,
        started: tuple[Reader, EventRelay] | None = None,
        options: SessionOptions | None = None,
    ) -> None:
        """``options``: how the first reader speaks, kept (with the listener's speed and
        volume) for the next article. ``whole``, when ``article`` is the first blocks of a long one, gives the rest.
        ``started``: a reader already speaking (the CLI starts it before Textual loads)
        and the relay that holds its events until the screen is up."""
        super().__init__()
        self._relay = started[1] if started else None
        self._whole = whole
        self._remember_theme: Callable[[str], None] | None = None
        self._show_announcements = show_announcements
        self.bindings_table = bindings
        self.animation_level = "none"  # no motion: nothing moves unless reading moves it
        self.register_theme(HIGH_CONTRAST)
        self.theme = choose_theme(theme, self.available_themes)
        self._remember_theme = remember_theme  # from now on: the initial choice is not news
        self._autoplay = autoplay
        self.options = options or SessionOptions()
        self.article = article
        self._make_reader = make_reader
        self._loader = loader
        self._history = history
        self.reader = started[0] if started else make_reader(article, self._post_update)
        self._start_unit = start_unit
        self._announce = announce
        self.notes: Relay[str] = Relay()
        """What the run has to tell ("no audio device: playing silently"), once the
        screen is up: in the status line, where it covers none of the controls."""
        self.following = True
        self._left: Remaining | None = None

    def _post_update(self, event: ReaderEvent) -> None:
        """Called on the Reader's thread: hand the event to the app's thread."""
        self.post_message(ReaderUpdate(event))

    def set_start(self, unit: int, announce: str | None) -> None:
        """Where to start reading (a resume point), before the app runs."""
        self._start_unit, self._announce = unit, announce

    # --- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(Content(self.article.title), id="title", markup=False)
        yield Static(Content(self._meta_line()), id="meta", markup=False)
        yield ArticleView(self.article, id="article")
        yield ControlBar(id="controls")
        yield StatusBar(id="status")
        if self._show_announcements:
            yield AnnouncementLine(self._announce or "", id="announcement")

    def _meta_line(self) -> str:
        meta = words.credits(self.article)
        minutes = max(1, round(self._remaining().minutes(0, self.reader.rate)))
        return f"{meta}{' · ' if meta else ''}about {minutes} min to hear"

    def on_block_view_read_here(self, message: BlockView.ReadHere) -> None:
        self.reader.go_to_block(message.index)

    def watch_theme(self, theme: str) -> None:
        """A theme chosen in the app (ctrl+p, "Change theme") is remembered."""
        if self._remember_theme is not None:
            self._remember_theme(theme)

    def on_load(self) -> None:
        changed = {b.id: b for b in self.bindings_table if b.keys != _default_keys(b.id)}
        if changed:  # "f35": a key no keyboard sends, for a binding turned off
            self.set_keymap({i: _textual_keys(b.keys) or "f35" for i, b in changed.items()})

    def on_mount(self) -> None:
        self._update_status()
        if self._relay is not None:
            self._relay.attach(self._post_update)
            self.run_worker(self._started, thread=True, exclusive=True, exit_on_error=False)
        elif self._autoplay:
            self.run_worker(self._start, thread=True, exclusive=True, exit_on_error=False)

    def _started(self) -> None:
        """The reader was started before the screen: show its notes, finish loading."""
        self.notes.attach(self._say_from_thread)
        whole, self._whole = self._whole, None
        if whole is not None:
            self.reader.complete_from(whole)

    def _start(self) -> None:
        self.notes.attach(self._say_from_thread)
        self.reader.start(self._start_unit, announce=self._announce)
        whole, self._whole = self._whole, None
        if whole is not None:  # still in this worker's thread: reading goes on meanwhile
            self.reader.complete_from(whole)

    # --- actions ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a dialog is open, keys go to it (a path may contain "m", "p" or "q")."""
        return not (action == "perform" and isinstance(self.screen, ModalScreen))

    def action_perform(self, name: str) -> None:
        """A key's command (Textual hands it over by name): the player's own, or the
        session's (:meth:`Reader.perform`)."""
        command = Command(name)
        own = _FACE_COMMANDS.get(command)
        if own is not None:
            own(self)
        else:
            self.reader.perform(command)

    # --- the player's own commands (readout.keys.FACE_COMMANDS) ---------------------

    def _quit(self) -> None:
        self.reader.save_position()
        self.exit()

    def _help(self) -> None:
        """The keys, over a paused reading: a listener reading the help (a screen
        reader's voice among them) does not hear the article over it. Closing it plays
        on if it was playing."""
        playing = self.reader.state is ReaderState.PLAYING
        if playing:
            self.reader.pause()

        def closed(_: None) -> None:
            if playing and self.reader.state is ReaderState.PAUSED:
                self.reader.play()

        self.push_screen(HelpScreen(self.bindings_table), closed)

    def _flag(self) -> None:
        """Flag the sentence, then ask for a note; say when it is saved."""
        mark_id = self.reader.flag()
        store = self.reader.store
        if mark_id is None or store is None:
            return

        def save_note(note: str | None) -> None:
            if note:
                store.set_mark_note(mark_id, note)
                self._say("Note saved with the mark")

        self.push_screen(AskScreen("Note for this mark (Enter for none):", "note"), save_note)

    def _marks(self) -> None:
        if self.reader.store is not None:
            from readout.marks import place_marks

            placed = place_marks(self.article, self.reader.store.marks(self.article.source or ""))
            self.push_screen(MarksScreen(placed, self.article), self._go_to_mark)

    def _toggle_numbers(self) -> None:
        self._article_view.toggle_numbers()

    def _toggle_following(self) -> None:
        self.following = not self.following
        self._say("Following the reading" if self.following else "Not following")

    def _ask_to_open(self) -> None:
        if self._loader is not None:
            self.push_screen(OpenScreen(), self._open)

    def _show_history(self) -> None:
        if self._history is not None and self._loader is not None:
            self.push_screen(HistoryScreen(self._history()), self._open)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id and event.button.id.startswith("control-"):
            self.reader.perform(Command(event.button.id.removeprefix("control-")))

    async def action_quit(self) -> None:
        self.reader.save_position()
        self.exit()

    def on_unmount(self) -> None:
        self.reader.close()

    def _go_to_mark(self, place: tuple[int, int] | None) -> None:
        if place is not None:
            self.reader.go_to_block(place[0])

    # --- another article ------------------------------------------------------------

    def _open(self, spec: str | None) -> None:
        if spec:
            self.run_worker(
                lambda: self._load(spec), thread=True, exclusive=True, exit_on_error=False
            )

    def _load(self, spec: str) -> None:
        assert self._loader is not None
        try:
            article = self._loader(spec)
        except ReadoutError as error:
            # In the status line until the next announcement: a toast vanished in seconds.
            self.call_from_thread(self._say, words.cannot_open(spec, error))
            return
        self.post_message(ArticleLoaded(article))

    async def on_article_loaded(self, message: ArticleLoaded) -> None:
        await self._switch(message.article)

    def _say_from_thread(self, text: str) -> None:
        """A note of the run's: it stands until the next announcement (it showed for
        three seconds, the first block, and a listener who looked later missed it)."""
        with contextlib.suppress(RuntimeError):  # the player has closed: no one to tell
            self.call_from_thread(self._say, text, standing=True)

    def _say(self, text: str, *, standing: bool = False) -> None:
        """Show ``text`` on the announcement line (made in the block being read). A note
        of the run's joins the resume point's line rather than hiding it ("Resuming at
        paragraph 18 of 109; No audio device could be opened...")."""
        if standing and self._announce and self.last_announcement == self._announce:
            text = f"{self._announce}; {text}"
        current = self._article_view.current
        for line in self.query(AnnouncementLine):
            line.say(text, current[0] if current is not None else None, standing=standing)

    @property
    def _status_bar(self) -> StatusBar:
        return self.query_one("#status", StatusBar)

    @property
    def last_announcement(self) -> str:
        """What the announcement line says now ("" when nothing, or it went stale)."""
        return next((line.text for line in self.query(AnnouncementLine)), "")

    async def _switch(self, article: Article) -> None:
        """Save the place in this article, then read ``article`` from its resume point,
        at the speed and volume the listener chose."""
        kept = self.options.kept(rate=self.reader.rate, volume=self.reader.volume)
        self.reader.close()
        self.article = article
        self.options = kept
        self.reader = self._make_reader(article, self._post_update, kept)
        self.query_one("#title", Static).update(Content(article.title))
        self.query_one("#meta", Static).update(Content(self._meta_line()))
        self._left = None
        await self._article_view.show_article(article)
        self._start_unit, self._announce = self.reader.resume_point()
        self._say(self._announce or "")
        self._update_status()
        self.run_worker(self._start, thread=True, exclusive=True, exit_on_error=False)

    # --- reader events --------------------------------------------------------------

    def on_reader_update(self, message: ReaderUpdate) -> None:
        if self._widgets_gone():
            return  # reading goes on until the reader is closed, after the widgets go
        event = message.event
        if isinstance(event, ArticleCompleted):
            self._show_whole(self.reader.article)
        elif isinstance(event, BlockStarted):
            for line in self.query(AnnouncementLine):
                line.block_started(event.block)
            if self.reader.state is ReaderState.PAUSED:
                # A move while paused: where it landed and what it says, in words.
                self._say(words.landed(event.label, event.text))
        elif isinstance(event, SentenceStarted):
            self._follow(event.block, event.sentence, None)
        elif isinstance(event, WordStarted):
            self._follow(event.block, event.sentence, (event.start, event.start + event.length))
        elif isinstance(event, Announced):
            if event.text not in {state.value for state in ReaderState}:
                self._say(event.text)
        elif not isinstance(event, StateChanged):
            return
        self._update_status()

    def _follow(self, block: int, sentence: int, word: tuple[int, int] | None) -> None:
        # The title is marked while it is spoken, as a sentence is.
        self.query_one("#title", Static).set_class(block < 0, "speaking")
        self._article_view.follow(block, sentence, word, scroll=self.following)

    @property
    def _article_view(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    def _widgets_gone(self) -> bool:
        try:
            return not self.screen.query("#status")
        except ScreenStackError:
            return True

    def _show_whole(self, article: Article) -> None:
        """The whole of a long article is in: show the rest of it."""
        self.article, self._left = article, None
        self._article_view.show_whole(article)
        self.query_one("#meta", Static).update(Content(self._meta_line()))

    def _remaining(self) -> Remaining:
        """What is left to hear from each block (worked out once: an article can have
        thousands of blocks, and the status line asks at every sentence)."""
        if self._left is None:
            self._left = remaining(self.article.blocks, self.article.title, self.reader.pauses)
        return self._left

    def _update_status(self) -> None:
        """The status line's fields, in words: state, volume, position, speed, time left."""
        reader = self.reader
        block = reader.units.positions[reader.unit][0]
        self.query_one("#controls", ControlBar).show_state(
            playing=reader.state is ReaderState.PLAYING, muted=reader.muted
        )
        minutes = self._remaining().minutes(block, reader.rate)  # the title's: block -1
        left = f"{round(minutes)} min left" if minutes >= 1 else "under a minute left"
        self._status_bar.show(
            StatusFields(
                state=reader.state.value,
                volume="Muted" if reader.muted else f"Volume {reader.volume}%",
                where=reader.block_label(block) if block >= 0 else "Title",
                rate=reader.rate,
                left=None if reader.state is ReaderState.FINISHED else left,
            )
        )


_FACE_COMMANDS: dict[Command, Callable[[ReadoutApp], None]] = {
    Command.QUIT: ReadoutApp._quit,
    Command.HELP: ReadoutApp._help,
    Command.FLAG: ReadoutApp._flag,
    Command.MARKS: ReadoutApp._marks,
    Command.NUMBERS: ReadoutApp._toggle_numbers,
    Command.FOLLOW: ReadoutApp._toggle_following,
    Command.OPEN: ReadoutApp._ask_to_open,
    Command.HISTORY: ReadoutApp._show_history,
}
"""What the player does itself; :data:`readout.keys.FACE_COMMANDS` names the same set."""


def choose_theme(wanted: str | None, available: Mapping[str, object]) -> str:
    """The setting if it names a theme, else high contrast.

    Under NO_COLOR, Textual 8 draws the ANSI themes black on black (measured in tmux:
    foreground and background both colour 16), so they give way to high contrast.
    """
    if os.environ.get("NO_COLOR") and (wanted or "").startswith("ansi"):
        return DEFAULT_THEME
    if wanted is not None and wanted in available:
        return wanted
    return DEFAULT_THEME


def _theme_keeper(store: Store | None) -> Callable[[str], None] | None:
    if store is None:
        return None

    def remember(theme: str) -> None:
        with contextlib.suppress(ReadoutError):  # not being able to remember is no error
            store.set_preference("theme", theme)

    return remember


def make_app(
    article: Article,
    engine: SpeechWorker,
    open_device: Callable[[int], OutputDevice],
    *,
    options: SessionOptions | None = None,
    listening: Listening | None = None,
    store: Store | None = None,
    start_unit: int = 0,
    announce: str | None = None,
    theme: str | None = None,
    autoplay: bool = True,
    bindings: tuple[KeyBinding, ...] = KEY_BINDINGS,
    whole: Callable[[], Article] | None = None,
    started: tuple[Reader, EventRelay] | None = None,
) -> ReadoutApp:
    """The app, as the CLI and the tests build it.

    ``options`` say how to speak (the defaults when None); ``listening`` where
    announcements go (spoken and shown, when None) and which blocks to read.
    ``whole``, when ``article`` is the first blocks of a long one, gives the whole
    (see :func:`readout.loading.load_head`); reading starts before it is called.
    ``started`` is a reader already speaking, with the relay holding its events.
    """
    first_options = options or SessionOptions()
    chosen_listening = listening or Listening(announce="both")

    def make_reader(
        chosen: Article,
        on_event: Callable[[ReaderEvent], None],
        options: SessionOptions | None = None,
    ) -> Reader:
        first = chosen is article
        return Reader(
            chosen,
            engine,
            open_device,
            on_event=on_event,
            options=options or first_options,
            listening=chosen_listening if first else replace(chosen_listening, only_blocks=None),
            store=store,
            partial=whole is not None and first,
        )

    from readout.loading import load

    return ReadoutApp(
        article,
        make_reader,
        loader=load,
        history=store.history if store is not None else None,
        start_unit=start_unit,
        announce=announce,
        theme=theme,
        autoplay=autoplay,
        bindings=bindings,
        show_announcements=chosen_listening.shown,
        options=first_options,
        remember_theme=_theme_keeper(store),
        whole=whole,
        started=started,
    )
