"""The key bindings every face shares: an id, the keys, what it does, the Reader action.

Plain mode reads these keys from the terminal; the TUI builds its bindings from the
same table, so both faces offer every action (and a user's remapping applies to both).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyBinding:
    """``keys`` are names as plain mode decodes them: "space", "left", "pageup", "q"."""

    id: str
    keys: tuple[str, ...]
    description: str
    action: str


BINDINGS: tuple[KeyBinding, ...] = (
    KeyBinding("toggle", ("space", "p"), "play or pause", "toggle"),
    KeyBinding("next_sentence", ("right", "l"), "next sentence", "next_sentence"),
    KeyBinding(
        "previous_sentence",
        ("left", "h"),
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
    KeyBinding("help", ("?",), "list the keys", "help"),
    KeyBinding("quit", ("q",), "save the position and quit", "quit"),
)


def binding_for(key: str) -> KeyBinding | None:
    return next((b for b in BINDINGS if key in b.keys), None)


def describe_keys() -> list[str]:
    """One plain line per binding: "space or p: play or pause"."""
    return [f"{' or '.join(b.keys)}: {b.description}" for b in BINDINGS]
