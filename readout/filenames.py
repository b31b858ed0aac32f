"""File names made from article titles, safe on every file system."""

from __future__ import annotations

import re
import unicodedata

_WINDOWS_RESERVED = frozenset(
    {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        *(f"COM{i}" for i in range(1, 10)),
        *(f"LPT{i}" for i in range(1, 10)),
    }
)


def safe_name(title: str, limit: int = 80) -> str:
    """A file name from a title: no path separators, controls, or characters that some
    file system refuses; no leading dot; never empty; not a reserved Windows name."""
    text = unicodedata.normalize("NFC", title)
    text = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    if len(text.encode("utf-8")) > limit:
        text = text.encode("utf-8")[:limit].decode("utf-8", "ignore").rstrip(" .")
    if not text or text.upper() in _WINDOWS_RESERVED:
        text = f"article {text}".strip()
    return text
