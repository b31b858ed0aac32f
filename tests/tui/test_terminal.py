"""`readout INPUT` on a real (pseudo-)terminal opens the player; q quits fast and saves."""

from __future__ import annotations

import time
from pathlib import Path

from tests.conftest import ASSETS
from tests.integration.test_plain_mode import Terminal

SAMPLE = str(ASSETS / "sample-article.txt")


def test_player_starts_pauses_quits_within_a_second_and_resumes(tmp_path: Path) -> None:
    term = Terminal(SAMPLE, "--audio-device", "null", home=tmp_path)
    term.read_until(r"Playing")
    term.read_until(r"Paragraph 1 of 8")
    term.press(" ")
    term.read_until(r"Paused")
    term.press("m")
    term.read_until(r"Muted")
    started = time.monotonic()
    term.press("q")
    assert term.finish() == 0
    assert time.monotonic() - started < 1.0
    assert b"\x1b[?1049h" in term.output  # the full-screen player, not plain mode

    again = Terminal(SAMPLE, "--audio-device", "null", home=tmp_path)
    again.read_until(r"Resuming at paragraph \d of 8")
    again.press("q")
    assert again.finish() == 0


def test_plain_flag_keeps_line_mode_on_a_terminal(tmp_path: Path) -> None:
    term = Terminal(SAMPLE, "--plain", "--audio-device", "null", home=tmp_path)
    term.read_until(r"^Playing")
    term.press("q")
    assert term.finish() == 0
    assert b"\x1b" not in term.output


def test_sigterm_and_sighup_close_the_player_and_keep_the_place(tmp_path: Path) -> None:
    import signal

    for number in (signal.SIGTERM, signal.SIGHUP):
        term = Terminal(SAMPLE, "--audio-device", "null", home=tmp_path)
        term.read_until(r"Paragraph 1 of 8")
        term.process.send_signal(number)
        assert term.finish(timeout=5) == 0
    again = Terminal(SAMPLE, "--audio-device", "null", home=tmp_path)
    again.read_until(r"Resuming at paragraph \d of 8")
    again.press("q")
    assert again.finish() == 0


def test_the_player_reads_only_what_changed(tmp_path: Path) -> None:
    from tests.integration.test_diff import versions

    old, new = versions(tmp_path)
    term = Terminal(str(new), "--changed-since", str(old), "--audio-device", "null", home=tmp_path)
    term.read_until(r"Paragraph 2 of 8")
    term.press("q")
    assert term.finish() == 0
