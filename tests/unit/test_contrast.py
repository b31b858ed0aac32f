"""WCAG contrast of every colour pair the player's layout uses, on the shipped theme."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.color import Color

from readout.tui.themes import HIGH_CONTRAST


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def ratio(a: Color, b: Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(scope="module")
def colours() -> dict[str, Color]:
    app = App()
    app.register_theme(HIGH_CONTRAST)
    app.theme = HIGH_CONTRAST.name
    variables = app.get_css_variables()
    background = Color.parse(variables["background"])
    # Semi-transparent colours are seen over the background.
    return {
        name: background + Color.parse(value)
        for name, value in variables.items()
        if _is_colour(value)
    }


def _is_colour(value: str) -> bool:
    try:
        Color.parse(value)
    except Exception:
        return False
    return True


@pytest.mark.parametrize(
    ("foreground", "background", "minimum"),
    [
        ("foreground", "background", 7.0),  # body text
        ("text-muted", "background", 7.0),  # the meta line and captions
        ("foreground", "boost", 7.0),  # the status bar and a focused block
        ("foreground", "surface", 7.0),  # the help screen
        ("background", "foreground", 7.0),  # the current sentence, in reverse
        ("button-foreground", "surface", 7.0),  # the controls' labels
        ("accent", "background", 3.0),  # the current-block marker and focus borders
        ("block-cursor-foreground", "block-cursor-background", 7.0),
    ],
)
def test_high_contrast_theme_pairs(
    colours: dict[str, Color], foreground: str, background: str, minimum: float
) -> None:
    assert ratio(colours[foreground], colours[background]) >= minimum
