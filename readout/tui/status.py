"""The player's status and announcement lines: one row each, at any width.

The status line says, in words and in a fixed order, the state, the volume, where
reading is, the speed and the time left. At a narrow width it gives up what matters
least first: the time left, then long words ("words per minute" becomes "wpm"), then
the speed, then "Volume" becomes "Vol" after the position, then the position is
written short ("Para. 3/166"), then left out, so no figure is ever cut off ("Vol 10…"
for 100%) and it never wraps onto a second row (it took 2 of 12 rows at 40x12).
Announcements ("Flagged paragraph 3, sentence 2", "Speed 193 words per minute") have a
line of their own below it: on one line they pushed the speed and time out, or were
cut to nothing at 40 columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SEPARATOR = " · "


@dataclass(frozen=True)
class StatusFields:
    """What the status line says, before it is fitted to a width."""

    state: str
    volume: str
    where: str
    rate: int
    left: str | None


def status_line(fields: StatusFields, width: int | None = None) -> str:
    """The status line for ``fields``, no longer than ``width`` characters if given."""
    speed = f"{fields.rate} words per minute"
    short_volume = fields.volume.replace("Volume ", "Vol ")
    candidates: list[list[str | None]] = [
        [fields.state, fields.volume, fields.where, speed, fields.left],
        [fields.state, fields.volume, fields.where, speed],
        [fields.state, fields.volume, fields.where, f"{fields.rate} wpm"],
        [fields.state, fields.volume, fields.where],
        [fields.state, fields.where, short_volume],
        [fields.state, _compact(fields.where), short_volume],
        [fields.state, short_volume],
    ]
    for parts in candidates:
        line = SEPARATOR.join(p for p in parts if p)
        if width is None or len(line) <= width:
            return line
    return _fit(SEPARATOR.join(p for p in candidates[-1] if p), width)


_POSITION = re.compile(r"^(\w+) (\d+) of (\d+)$")


def _compact(where: str) -> str:
    """ "Paragraph 3 of 166" as "Para. 3/166": cut short, but never a figure cut off
    ("Vol 10…" read as ten per cent)."""
    found = _POSITION.match(where)
    if found is None:
        return where
    name, at, total = found.groups()
    return f"{name[:4]}. {at}/{total}" if len(name) > 5 else f"{name} {at}/{total}"


def announcement_line(text: str, width: int | None = None) -> str:
    """An announcement on one row: its words, cut with "…" if the row is too short
    (the sentence it names is on the screen above it)."""
    return _fit(" ".join(text.split()), width)


def _fit(line: str, width: int | None) -> str:
    return line if width is None or len(line) <= width else line[: max(width - 1, 0)] + "…"
