"""The key bindings every face shares: an id, the keys, what it does, the Reader action.

Plain mode reads these keys from the terminal; the TUI builds its bindings from the
same table, so both faces offer every action (and a user's remapping applies to both).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum

from readout.errors import UsageError


class Command(str, Enum):
    """Everything a listener can ask for: the one command set both faces use. Faces map
    keys (and buttons) to commands; :data:`FACE_COMMANDS` need a face's own dialogs or
    view, every other command goes to :meth:`readout.reader.Reader.perform`."""

    TOGGLE = "toggle"
    NEXT_SENTENCE = "next_sentence"
    PREVIOUS_SENTENCE = "previous_sentence"
    NEXT_PARAGRAPH = "next_paragraph"
    PREVIOUS_PARAGRAPH = "previous_paragraph"
    NEXT_HEADING = "next_heading"
    PREVIOUS_HEADING = "previous_heading"
    FORWARD_5 = "forward_5"
    BACK_5 = "back_5"
    FORWARD_60 = "forward_60"
    BACK_60 = "back_60"
    GO_TO_START = "go_to_start"
    GO_TO_END = "go_to_end"
    REPEAT_SENTENCE = "repeat_sentence"
    SLOWER = "slower"
    FASTER = "faster"
    VOLUME_DOWN = "volume_down"
    VOLUME_UP = "volume_up"
    TOGGLE_MUTE = "toggle_mute"
    WHERE_AM_I = "where_am_i"
    SPELL_WORD = "spell_word"
    REPEAT_SLOWLY = "repeat_slowly"
    CYCLE_PUNCTUATION = "cycle_punctuation"
    NUMBERS = "numbers"
    FLAG = "flag"
    MARKS = "marks"
    OPEN = "open"
    FOLLOW = "follow"
    HISTORY = "history"
    HELP = "help"
    QUIT = "quit"


FACE_COMMANDS = frozenset(
    {
        Command.QUIT,
        Command.HELP,
        Command.FLAG,
        Command.MARKS,
        Command.NUMBERS,
        Command.FOLLOW,
        Command.OPEN,
        Command.HISTORY,
    }
)
"""Commands a face carries out itself (they ask for text or show a list)."""


@dataclass(frozen=True)
class KeyBinding:
    """``keys`` are names as plain mode decodes them: "space", "left", "pageup", "q"."""

    id: str
    keys: tuple[str, ...]
    description: str
    action: Command


BINDINGS: tuple[KeyBinding, ...] = (
    KeyBinding("toggle", ("space", "p"), "play or pause", Command.TOGGLE),
    KeyBinding("next_sentence", ("right",), "next sentence", Command.NEXT_SENTENCE),
    KeyBinding(
        "previous_sentence",
        ("left",),
        "previous sentence (again: one further)",
        Command.PREVIOUS_SENTENCE,
    ),
    KeyBinding("next_paragraph", ("down", "j"), "next paragraph", Command.NEXT_PARAGRAPH),
    KeyBinding("previous_paragraph", ("up", "k"), "previous paragraph", Command.PREVIOUS_PARAGRAPH),
    KeyBinding("next_heading", ("pagedown", "n"), "next heading", Command.NEXT_HEADING),
    KeyBinding("previous_heading", ("pageup", "b"), "previous heading", Command.PREVIOUS_HEADING),
    KeyBinding("forward_5", (".",), "forward 5 seconds", Command.FORWARD_5),
    KeyBinding("back_5", (",",), "back 5 seconds", Command.BACK_5),
    KeyBinding("forward_60", (">",), "forward 60 seconds", Command.FORWARD_60),
    KeyBinding("back_60", ("<",), "back 60 seconds", Command.BACK_60),
    KeyBinding("start", ("home",), "go to the start", Command.GO_TO_START),
    KeyBinding("end", ("end",), "go to the last paragraph", Command.GO_TO_END),
    KeyBinding("repeat", ("r",), "repeat the sentence", Command.REPEAT_SENTENCE),
    KeyBinding("slower", ("[",), "slower", Command.SLOWER),
    KeyBinding("faster", ("]",), "faster", Command.FASTER),
    KeyBinding("volume_down", ("-", "9"), "volume down", Command.VOLUME_DOWN),
    KeyBinding("volume_up", ("+", "=", "0"), "volume up", Command.VOLUME_UP),
    KeyBinding("mute", ("m",), "mute or unmute", Command.TOGGLE_MUTE),
    KeyBinding("where", ("t",), "where am I", Command.WHERE_AM_I),
    KeyBinding("spell", ("s",), "spell the word being read", Command.SPELL_WORD),
    KeyBinding("slow_repeat", ("w",), "say the sentence again, slowly", Command.REPEAT_SLOWLY),
    KeyBinding(
        "punctuation", ("u",), "say punctuation: none, some, all", Command.CYCLE_PUNCTUATION
    ),
    KeyBinding("numbers", ("#",), "show or hide paragraph numbers", Command.NUMBERS),
    KeyBinding(
        "flag", ("f",), "flag this sentence (then type a note, or just Enter)", Command.FLAG
    ),
    KeyBinding("marks", ("l",), "list the flagged sentences", Command.MARKS),
    KeyBinding("open", ("o",), "open another article (a path or URL)", Command.OPEN),
    KeyBinding(
        "follow", ("v",), "keep the view on the sentence being read, or stop", Command.FOLLOW
    ),
    KeyBinding("history", ("h",), "history: articles read before, to resume", Command.HISTORY),
    KeyBinding("help", ("?",), "list the keys", Command.HELP),
    KeyBinding("quit", ("q",), "save the position and quit", Command.QUIT),
)


def binding_for(key: str, bindings: tuple[KeyBinding, ...] = BINDINGS) -> KeyBinding | None:
    return next((b for b in bindings if key in b.keys), None)


PLAYER_ONLY = frozenset({"numbers", "follow"})
"""Bindings that only the full-screen player has use for (its view and its numbers)."""


def describe_keys(bindings: tuple[KeyBinding, ...] = BINDINGS, *, plain: bool = False) -> list[str]:
    """One plain line per binding: "space or p: play or pause" ("(off)" when disabled);
    with ``plain``, only the keys that plain mode has."""
    return [
        f"{' or '.join(b.keys) or '(off)'}: {b.description}"
        for b in bindings
        if not (plain and b.id in PLAYER_ONLY)
    ]


def remapped(overrides: Mapping[str, str]) -> tuple[KeyBinding, ...]:
    """The bindings with the user's keys: ``{"mute": "ctrl+m", "where": ""}`` moves mute
    to Ctrl+M and turns "where am I" off. Keys are comma-separated.

    Raises:
        UsageError: an id that is not a binding's.
    """
    known = {b.id for b in BINDINGS}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise UsageError(f"unknown key binding id {unknown[0]!r} in [keys]; see the ids with ?")
    return tuple(
        replace(b, keys=tuple(k.strip() for k in overrides[b.id].split(",") if k.strip()))
        if b.id in overrides
        else b
        for b in BINDINGS
    )
