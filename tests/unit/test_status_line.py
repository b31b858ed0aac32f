"""The player's status and announcement lines: fixed fields, one row each at any width."""

from __future__ import annotations

import pytest

from readout.tui.status import StatusFields, announcement_line, status_line

FIELDS = StatusFields("Playing", "Volume 100%", "Paragraph 4 of 8", 175, "2 min left")


def test_the_full_line_has_every_field_in_order() -> None:
    assert status_line(FIELDS, 120) == (
        "Playing · Volume 100% · Paragraph 4 of 8 · 175 words per minute · 2 min left"
    )


@pytest.mark.parametrize("width", [38, 50, 60, 70, 118])
def test_it_never_exceeds_the_width_and_keeps_state_and_position(width: int) -> None:
    line = status_line(FIELDS, width)
    assert len(line) <= width
    assert line.startswith("Playing") and "Paragraph 4 of 8" in line


@pytest.mark.parametrize("width", [20, 40, 118])
def test_an_announcement_has_one_row_of_its_own_cut_to_the_width(width: int) -> None:
    text = "Sentence 4 of 4: It doesn't cover the fine points,\nand there are a lot of them."
    line = announcement_line(text, width)
    assert "\n" not in line and len(line) <= width
    assert line == " ".join(text.split()) or line.endswith("…")


def test_finished_has_no_time_left() -> None:
    fields = StatusFields("Finished", "Volume 100%", "Paragraph 8 of 8", 175, None)
    assert "left" not in status_line(fields, 200)


@pytest.mark.parametrize("width", [24, 30, 34, 38])
def test_a_narrow_line_shortens_the_position_and_never_cuts_a_figure(width: int) -> None:
    """At 40x12 "Vol 100%" came out as "Vol 10…", read as ten per cent."""
    fields = StatusFields("Paused", "Volume 100%", "Paragraph 13 of 166", 175, "2 min left")
    line = status_line(fields, width)
    assert len(line) <= width and "…" not in line
    assert line.startswith("Paused") and line.endswith("Vol 100%")
    if width >= 34:
        assert "Para. 13/166" in line
