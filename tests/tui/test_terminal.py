"""`readout INPUT` on a real (pseudo-)terminal opens the player; q quits fast and saves."""

from __future__ import annotations

import time
from pathlib import Path

from tests.conftest import ASSETS
from tests.integration.test_plain_mode import Terminal

SAMPLE = str(ASSETS / "sample-article.txt")


def test_player_starts_pauses_quits_at_once_and_resumes(tmp_path: Path) -> None:
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
    # Quitting never waits on speech (it takes ~0.2 s here; a bound, not a timing goal,
    # so that a busy machine does not fail it).
    assert time.monotonic() - started < 5.0
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


def _sgr_styles(output: bytes) -> list[set[int]]:
    """The attribute set of every SGR sequence drawn (colour arguments left out)."""
    import re

    styles = []
    for match in re.finditer(rb"\x1b\[([0-9;]*)m", output):
        params = [int(p) for p in match.group(1).split(b";") if p]
        attributes: set[int] = set()
        index = 0
        while index < len(params):
            value = params[index]
            if value in (38, 48, 58):  # a colour: 5;n or 2;r;g;b follow
                index += 3 if index + 1 < len(params) and params[index + 1] == 5 else 5
                continue
            attributes.add(value)
            index += 1
        styles.append(attributes)
    return styles


def test_on_a_real_terminal_the_underlined_word_is_always_in_the_highlighted_sentence(
    tmp_path: Path,
) -> None:
    """Read two-sentence paragraphs on a pty: whatever is drawn underlined (the word) is
    drawn reversed too (the sentence); before the fix, sentence 2's words were
    underlined inside sentence 1."""
    term = Terminal(
        SAMPLE, "--audio-device", "null", "--no-resume", "--from", "2", "--rate", "450",
        home=tmp_path,
    )  # fmt: skip
    term.read_until(r"Paragraph 2 of 8")
    time.sleep(4.0)  # paragraphs 2 and 3, two sentences each
    term.read_until(r"Paragraph [3-8] of 8")
    term.press("q")
    assert term.finish() == 0
    underlined = [s for s in _sgr_styles(term.output) if 4 in s]
    assert underlined, "no word was ever underlined"
    assert all(7 in s for s in underlined), "a word was underlined outside its sentence"
