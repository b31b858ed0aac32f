"""The player's status line: fixed fields in a fixed order, on one row at any width.

The fields say, in words, the state, the volume, where reading is, the speed and the
time left; an announcement ("Flagged paragraph 3, sentence 2") follows them. At a
narrow width the line gives up what matters least first: the time left, then long
words ("words per minute" becomes "wpm"), then the speed, then "Volume" becomes
"Vol" after the position, then the announcement's tail, so it never wraps onto a
second row (it took 2 of 12 rows at 40x12).
"""

from __future__ import annotations

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
    announcement: str | None = None


def status_line(fields: StatusFields, width: int | None = None) -> str:
    """The status line for ``fields``, no longer than ``width`` characters if given."""
    announcement = _fresh(fields)
    speed = f"{fields.rate} words per minute"
    short_volume = fields.volume.replace("Volume ", "Vol ")
    candidates = [
        [fields.state, fields.volume, fields.where, speed, fields.left, announcement],
        [fields.state, fields.volume, fields.where, speed, announcement],
        [fields.state, fields.volume, fields.where, f"{fields.rate} wpm", announcement],
        [fields.state, fields.volume, fields.where, announcement],
        [fields.state, fields.where, short_volume, announcement],
    ]
    for parts in candidates:
        line = SEPARATOR.join(p for p in parts if p)
        if width is None or len(line) <= width:
            return line
    line = SEPARATOR.join(p for p in candidates[-1] if p)
    return line if width is None or len(line) <= width else line[: max(width - 1, 0)] + "…"


def _fresh(fields: StatusFields) -> str | None:
    """The announcement, unless it repeats what the fields already say."""
    text = " ".join((fields.announcement or "").split())
    if not text or text == fields.state:
        return None
    if text.startswith(fields.where) or text.lower().startswith(fields.where.lower() + ","):
        return None  # "Heading 1 of 1: ..." beside "Heading 1 of 1"
    return text
