"""The key bindings every face shares: an id, the keys, what it does, the Reader action.

Plain mode reads these keys from the terminal; the TUI builds its bindings from the
same table, so both faces offer every action (and a user's remapping applies to both).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from readout.errors import UsageError


@dataclass(frozen=True)
class KeyBinding:
    """``keys`` are names as plain mode decodes them: "space", "left", "pageup", "q"."""

    id: str
    keys: tuple[str, ...]
    description: str
    action: str


BINDINGS: tuple[KeyBinding, ...] = (
    KeyBinding("toggle", ("space", "p"), "play or pause", "toggle"),
    KeyBinding("next_sentence", ("right",), "next sentence", "next_sentence"),
    KeyBinding(
        "previous_sentence",
        ("left",),
        "previous sentence (again: one further)",
        "previous_sentence",
    ),
    KeyBinding("next_paragraph", ("down", "j"), "next paragraph", "next_paragraph"),
    KeyBinding("previous_paragraph", ("up", "k"), "previous paragraph", "previous_paragraph"),
    KeyBinding("next_heading", ("pagedown", "n"), "next heading", "next_heading"),
    KeyBinding("previous_heading", ("pageup", "b"), "previous heading", "previous_heading"),
    KeyBinding("forward_5", (".",), "forward 5 seconds", "forward_5"),
    KeyBinding("back_5", (",",), "back 5 seconds", "back_5"),
    KeyBinding("forward_60", (">",), "forward 60 seconds", "forward_60"),
    KeyBinding("back_60", ("<",), "back 60 seconds", "back_60"),
    KeyBinding("start", ("home",), "go to the start", "go_to_start"),
    KeyBinding("end", ("end",), "go to the last paragraph", "go_to_end"),
    KeyBinding("repeat", ("r",), "repeat the sentence", "repeat_sentence"),
    KeyBinding("slower", ("[",), "slower", "slower"),
    KeyBinding("faster", ("]",), "faster", "faster"),
    KeyBinding("volume_down", ("-", "9"), "volume down", "volume_down"),
    KeyBinding("volume_up", ("+", "=", "0"), "volume up", "volume_up"),
    KeyBinding("mute", ("m",), "mute or unmute", "toggle_mute"),
    KeyBinding("where", ("t",), "where am I", "where_am_i"),
    KeyBinding("spell", ("s",), "spell the word being read", "spell_word"),
    KeyBinding("slow_repeat", ("w",), "say the sentence again, slowly", "repeat_slowly"),
    KeyBinding("punctuation", ("u",), "say punctuation: none, some, all", "cycle_punctuation"),
    KeyBinding("numbers", ("#",), "show or hide paragraph numbers", "numbers"),
    KeyBinding("flag", ("f",), "flag this sentence (then type a note, or just Enter)", "flag"),
    KeyBinding("marks", ("l",), "list the flagged sentences", "marks"),
    KeyBinding("open", ("o",), "open another article (a path or URL)", "open"),
    KeyBinding("follow", ("v",), "keep the view on the sentence being read, or stop", "follow"),
    KeyBinding("history", ("h",), "history: articles read before, to resume", "history"),
    KeyBinding("help", ("?",), "list the keys", "help"),
    KeyBinding("quit", ("q",), "save the position and quit", "quit"),
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
