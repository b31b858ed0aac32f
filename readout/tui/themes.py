"""The shipped themes: high contrast by default; the ANSI themes follow the user's palette.

Body text on the high-contrast theme reaches 21:1 (white on black), and every colour
pair the layout uses is checked against WCAG by a unit test: 7:1 for text, 3:1 for
focus and the current-sentence marker.
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="readout-high-contrast",
    primary="#FFD700",
    secondary="#00E5FF",
    accent="#FFD700",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#262626",
    warning="#FFD700",
    error="#FF6B6B",
    success="#7CFC00",
    dark=True,
    text_alpha=1.0,
    variables={
        "text-muted": "#FFFFFF",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFD700",
        "footer-key-foreground": "#FFD700",
        "button-foreground": "#FFFFFF",
        "button-color-foreground": "#000000",
    },
)

DEFAULT_THEME = HIGH_CONTRAST.name
ANSI_THEMES = ("ansi-dark", "ansi-light")
"""Built into Textual: colours come from the user's own terminal palette."""
