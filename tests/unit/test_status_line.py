"""The player's status line: fixed fields, one row at any width, no repeats."""

from __future__ import annotations

import pytest

from readout.tui.status import StatusFields, status_line

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


def test_an_announcement_that_repeats_the_position_is_left_out() -> None:
    fields = StatusFields(
        "Paused", "Volume 100%", "Heading 1 of 1", 175, None, "Heading 1 of 1: What the room"
    )
    assert status_line(fields, 200).count("Heading 1 of 1") == 1


def test_finished_has_no_time_left() -> None:
    fields = StatusFields("Finished", "Volume 100%", "Paragraph 8 of 8", 175, None)
    assert "left" not in status_line(fields, 200)
