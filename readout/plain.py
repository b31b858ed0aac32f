"""Plain mode: the line-oriented face for screen readers and braille displays.

Output is append-only: one line as each block starts being spoken ("Paragraph 3 of
12: ...") and one line per state change ("Paused", "Volume 60%"). No cursor movement,
no redraws, no spinners, no colour. When standard input is a terminal, single keys
control the reading (the same table as the TUI, :mod:`readout.keys`); otherwise the
article is read to the end.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TextIO

from readout.article import BlockKind
from readout.keys import BINDINGS, Command, KeyBinding, binding_for, describe_keys
from readout.reader import Announced, BlockStarted, Reader, ReaderEvent, words
from readout.sanitize import sanitize
from readout.state import HistoryEntry

_ESCAPES = {
    "[A": "up", "[B": "down", "[C": "right", "[D": "left", "[5~": "pageup", "[6~": "pagedown",
    "[H": "home", "[F": "end", "[1~": "home", "[4~": "end", "OA": "up", "OB": "down",
    "OC": "right", "OD": "left", "OH": "home", "OF": "end",
}  # fmt: skip


def _one_line(text: str) -> str:
    return " ".join(sanitize(text).split()) + "\n"


class PlainOutput:
    """Writes one line per event, from any thread, never anything else.

    While a prompt waits for the listener's answer (:meth:`held`), lines are kept and
    written after it, so reading never runs into what is being typed.
    """

    def __init__(self, out: TextIO, *, show_announcements: bool = True) -> None:
        self._out = out
        self._lock = threading.Lock()
        self._show_announcements = show_announcements
        self._held: list[str] | None = None
        self._announced = threading.Condition()
        self.announcements = 0
        """How many announcements have been shown (see :meth:`wait_for_announcement`)."""

    def line(self, text: str) -> None:
        self._write(_one_line(text))

    def line_now(self, text: str) -> None:
        """A line written at once, even while a prompt holds the others back: the
        answer to what was just typed ("Note saved") comes before them."""
        with self._lock:
            self._emit(_one_line(text))

    def code_lines(self, label: str, code: str) -> None:
        """A code block: its label, then each line as a line, indentation kept, so a
        braille display or screen reader meets the code as it is written."""
        lines = [sanitize(line).rstrip() for line in code.split("\n")]
        self._write(f"{label}:\n" + "".join(f"{line}\n" for line in lines))

    @contextlib.contextmanager
    def held(self, prompt: str) -> Iterator[None]:
        """Write ``prompt``, then keep other lines back until the answer is in. Both at
        once: a line from another thread between them would land after the prompt,
        where the answer is being typed."""
        with self._lock:
            self._held = []
            self._emit(_one_line(prompt))
        try:
            yield
        finally:
            with self._lock:
                held, self._held = self._held or [], None
            for text in held:
                self._write(text)

    def _write(self, text: str) -> None:
        with self._lock:
            if self._held is not None:
                self._held.append(text)
                return
            self._emit(text)

    def _emit(self, text: str) -> None:
        """Write ``text`` now (the caller holds the lock)."""
        try:
            self._out.write(text)
            self._out.flush()
        except (BrokenPipeError, ValueError):
            pass  # the reader of our output went away; keep reading aloud

    def on_event(self, event: ReaderEvent) -> None:
        if isinstance(event, BlockStarted) and event.kind is BlockKind.CODE:
            self.code_lines(event.label, event.text)
        elif isinstance(event, BlockStarted):
            self.line(words.landed(event.label, event.text))
            if event.credits:
                self.line(event.credits)
        elif isinstance(event, Announced) and self._show_announcements:
            self.line(event.text)
            with self._announced:
                self.announcements += 1
                self._announced.notify_all()

    def wait_for_announcement(self, after: int, timeout: float = 1.0) -> None:
        """Wait (a little) until an announcement beyond the first ``after`` is shown: the
        answer to a key comes before the prompt that follows it ("Flagged ...", then
        "Note for this mark")."""
        if self._show_announcements:
            with self._announced:
                self._announced.wait_for(lambda: self.announcements > after, timeout)


def run_keys(
    reader: Reader,
    output: PlainOutput,
    stdin: TextIO,
    bindings: tuple[KeyBinding, ...] = BINDINGS,
    history: Callable[[], list[HistoryEntry]] | None = None,
) -> str | None:
    """Read single keys until "q" or the end of the article.

    Returns a path or URL to open next ("o", or a choice from "h"), or None to stop.
    Call inside :func:`single_keys`, entered before reading starts, so that a key
    pressed early is neither echoed nor held back waiting for Enter.
    """
    fd = stdin.fileno()
    while not reader.wait_finished(0):
        ready, _, _ = select.select([fd], [], [], 0.1)
        if not ready:
            continue
        key = _read_key(fd)
        if key is None:
            return None  # end of input
        binding = binding_for(key, bindings)
        if binding is None:
            output.line(f"The key {key} does nothing; ? lists the keys")
            continue
        if binding.action is Command.QUIT:
            output.line("Saved position, quitting")
            return None
        if binding.action is Command.HELP:
            for line in describe_keys(bindings, plain=True):
                output.line(line)
        elif binding.action is Command.FLAG:
            _flag(fd, reader, output)
        elif binding.action is Command.MARKS:
            _list_marks(reader, output)
        elif binding.action is Command.NUMBERS:
            output.line(reader.describe_position())  # plain mode always gives numbers
        elif binding.action is Command.FOLLOW:
            output.line("Following applies to the full-screen player")
        elif binding.action is Command.OPEN:
            spec = _ask(fd, output, "Open: type a path or URL, then Enter (Enter alone cancels)")
            if spec:
                return spec
        elif binding.action is Command.HISTORY:
            chosen = _choose_from_history(fd, output, history() if history else [])
            if chosen:
                return chosen
        else:
            reader.perform(binding.action)
    return None


def _flag(fd: int, reader: Reader, output: PlainOutput) -> None:
    """Mark the sentence, say so, then ask for a note and save it."""
    shown = output.announcements
    mark_id = reader.flag()
    output.wait_for_announcement(after=shown)
    store = reader.store

    def save(note: str) -> None:
        if mark_id is not None and store is not None:
            store.set_mark_note(mark_id, note)
            output.line_now("Note saved")

    _ask(fd, output, "Note for this mark (Enter for none):", cancelled="No note", then=save)


def _choose_from_history(fd: int, output: PlainOutput, entries: list[HistoryEntry]) -> str | None:
    if not entries:
        output.line("No history yet")
        return None
    shown = entries[:9]
    for number, entry in enumerate(shown, 1):
        where = entry.stopped_at
        output.line(f"{number}: {entry.title} ({where}), {entry.source}")
    answer = _ask(fd, output, "Open which? Type its number, then Enter (Enter alone cancels)")
    if answer and answer.isdigit() and 1 <= int(answer) <= len(shown):
        return shown[int(answer) - 1].source
    return None


def _list_marks(reader: Reader, output: PlainOutput) -> None:
    from readout.marks import place_marks

    if reader.store is None:
        return
    placed = place_marks(reader.article, reader.store.marks(reader.article.source or ""))
    if not placed:
        output.line("No marks")
    for number, item in enumerate(placed, 1):
        note = f" Note: {item.mark.note}" if item.mark.note else ""
        output.line(
            f"Mark {number}: {reader.numbering.place(item.block, item.sentence)}: {item.mark.text}{note}"
        )


def _ask(
    fd: int,
    output: PlainOutput,
    prompt: str,
    cancelled: str = "Cancelled",
    then: Callable[[str], None] | None = None,
) -> str | None:
    """Read one line with the terminal's own line editing (and echo) for the moment.

    What answers it (``cancelled``, or what ``then`` does with the answer) is said
    before the lines held back meanwhile.
    """
    import termios

    saved = termios.tcgetattr(fd)
    line_mode = list(saved)
    line_mode[3] = line_mode[3] | termios.ICANON | termios.ECHO
    with output.held(prompt):
        try:
            termios.tcsetattr(fd, termios.TCSANOW, line_mode)
            answer = sanitize(os.read(fd, 4096).decode("utf-8", "replace").strip())
        finally:
            termios.tcsetattr(fd, termios.TCSANOW, saved)
        if not answer:
            output.line_now(cancelled)
        elif then is not None:
            then(answer)
    return answer or None


def _read_key(fd: int) -> str | None:
    data = os.read(fd, 1)
    if not data:
        return None
    char = data.decode("latin-1")
    if char == "\x1b":
        sequence = ""
        while select.select([fd], [], [], 0.03)[0] and len(sequence) < 4:
            sequence += os.read(fd, 1).decode("latin-1")
            if sequence in _ESCAPES or (
                sequence and sequence[-1] in "~ABCDHF" and len(sequence) > 1
            ):
                break
        return _ESCAPES.get(sequence, "escape")
    if char == " ":
        return "space"
    if char in "\r\n":
        return "enter"
    if "\x01" <= char <= "\x1a":
        return f"ctrl+{chr(ord(char) + 96)}"
    return char


@contextlib.contextmanager
def single_keys(stream: TextIO) -> Iterator[None]:
    """Single keys without Enter or echo, the terminal restored afterwards, whatever happens.

    Does nothing when ``stream`` is not a terminal.
    """
    if not stream.isatty():
        yield
        return
    import termios
    import tty

    fd = stream.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def plain_wanted() -> bool:
    """Plain mode is chosen when output is not a terminal, TERM=dumb, or READOUT_ACCESSIBLE."""
    accessible = os.environ.get("READOUT_ACCESSIBLE", "")
    return (
        not sys.stdout.isatty()
        or os.environ.get("TERM") == "dumb"
        or accessible.lower() not in ("", "0", "false", "no")
    )
