"""Plain mode driven through a pseudo-terminal, as a screen-reader user would."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import ClassVar

import pytest

from readout.reader.controls import rate_step, speed_ladder
from tests.conftest import ASSETS, run_cli
from tests.long_inputs import long_scraped_text

SAMPLE = str(ASSETS / "sample-article.txt")


class Terminal:
    """``readout`` running on a pty: send keys, read lines.

    Every one started is killed at the end of its test, passed or failed (see
    ``conftest.py``): a pty that simply goes away sends no SIGHUP.
    """

    running: ClassVar[list[Terminal]] = []

    def __init__(self, *args: str, home: Path) -> None:
        master, slave = pty.openpty()
        self.master = master
        env = {**os.environ, "READOUT_HOME": str(home), "TERM": "xterm-256color"}
        env.pop("NO_COLOR", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "readout", *args],
            stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
        )  # fmt: skip
        os.close(slave)
        self.output = b""
        self._seen = 0
        Terminal.running.append(self)

    def read_until(self, pattern: str, timeout: float = 20.0) -> str:
        """Wait for ``pattern`` in output not yet matched; return all output so far."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.output.decode("utf-8", "replace")
            found = re.compile(pattern, re.M).search(text, self._seen)
            if found:
                self._seen = found.end()
                return text
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    self.output += os.read(self.master, 4096)
                except OSError:
                    break
        raise AssertionError(f"never saw {pattern!r} in:\n{self.output.decode('utf-8', 'replace')}")

    def press(self, key: str) -> None:
        os.write(self.master, key.encode())

    @classmethod
    def kill_all(cls) -> None:
        for terminal in cls.running:
            if terminal.process.poll() is None:
                terminal.process.kill()
                terminal.process.wait(5)
        cls.running.clear()

    def finish(self, timeout: float = 10.0) -> int:
        """Wait for the process to exit, reading its output all the while: a player
        that draws while it closes blocks on a full pty, and would never exit, if no
        one read it (the cause of this suite's rare "did not quit in 10 s")."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None:
            if time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(self.process.args, timeout)
            self._read_some(0.05)
        while self._read_some(0.1):
            pass
        os.close(self.master)
        return self.process.returncode

    def _read_some(self, wait: float) -> bool:
        """Read what the pty has within ``wait`` seconds; False when nothing came."""
        ready, _, _ = select.select([self.master], [], [], wait)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 4096)
        except OSError:
            return False
        self.output += chunk
        return bool(chunk)


def first_lines_of_a_rerun(article: str, home: Path, count: int) -> list[str]:
    """Read ``article`` again, not on a terminal, and return its first output lines."""
    again = subprocess.Popen(
        [sys.executable, "-m", "readout", "read", article, "--audio-device", "null"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "READOUT_HOME": str(home)},
    )  # fmt: skip
    assert again.stdout is not None
    lines = [again.stdout.readline().strip() for _ in range(count)]
    again.terminate()
    again.wait(10)
    return lines


def state_lines(output: str) -> list[str]:
    """The lines that are not a block being read (nor the title's credits line)."""
    lines = [line.strip() for line in output.replace("\r\n", "\n").split("\n") if line.strip()]
    return [
        line
        for line in lines
        if not re.match(r"^(Title|Paragraph|Heading|List item|Quote|Caption)\b.*: |By ", line)
    ]


def test_keys_give_exactly_their_lines_and_the_next_run_resumes(tmp_path: Path) -> None:
    term = Terminal("read", SAMPLE, "--audio-device", "null", "--rate", "200", home=tmp_path)
    term.read_until(r"^Paragraph 1 of 8: ")
    term.press(" ")
    term.read_until(r"^Paused")
    term.press("m")
    term.read_until(r"^Muted")
    term.press("]")
    term.read_until(r"^Speed 220 words per minute")
    term.press("q")
    assert term.finish() == 0
    output = term.output.decode("utf-8")
    assert state_lines(output) == [
        "Playing",
        "Paused",
        "Muted",
        "Speed 220 words per minute",
        "Saved position, quitting",
    ]
    raw = term.output
    assert b"\x1b" not in raw  # no cursor moves, clears, colours or title changes
    assert re.search(rb"\r(?!\n)", raw) is None  # no carriage-return rewrites

    first_lines = first_lines_of_a_rerun(SAMPLE, tmp_path, 5)
    assert first_lines[0] == "Article: Night reading room opens for shift workers"  # not read
    assert first_lines[1] == "By Ada Whitcombe · The Valley Courier"
    assert first_lines[2] == "Resuming at paragraph 1 of 8"
    assert first_lines[3] == "Playing"
    assert first_lines[4].startswith("Paragraph 1 of 8: ")


def test_help_key_lists_keys_and_changes_nothing(tmp_path: Path) -> None:
    term = Terminal("read", SAMPLE, "--audio-device", "null", home=tmp_path)
    term.read_until(r"^Playing")
    term.press("?")
    text = term.read_until(r"^q: save the position and quit")
    term.press("q")
    assert term.finish() == 0
    assert "space or p: play or pause" in text
    assert "Paused" not in state_lines(text)


def test_no_tty_reads_to_the_end_and_forgets_the_position(tmp_path: Path) -> None:
    env = {"READOUT_HOME": str(tmp_path)}
    result = run_cli(
        "read", SAMPLE, "--audio-device", "null", "--rate", "450", "--from", "7", env=env
    )
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines == [
        "Article: Night reading room opens for shift workers",  # its title is not read
        "By Ada Whitcombe · The Valley Courier",
        "Playing",
        "Paragraph 7 of 8: The room opens on the first Monday of next month at 6 p.m.",
        "Paragraph 8 of 8: *A pseudonym.",
        "Finished",
    ]
    again = run_cli("read", SAMPLE, "--audio-device", "null", "--from", "8", env=env)
    assert "Resuming" not in again.stdout


def test_plain_mode_says_who_wrote_the_article_after_its_title(tmp_path: Path) -> None:
    """A screen-reader user hears the byline the page shows: on the line after the
    title, or after "Article:" when reading starts further in."""
    page = str(ASSETS / "sample-article.html")
    credits = "By Ada Whitcombe · The Valley Courier · 2026-10-14"
    env = {"READOUT_HOME": str(tmp_path)}
    result = run_cli("read", page, "--audio-device", "null", "--rate", "450", env=env)
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == ["Playing", "Title: Night reading room opens for shift workers", credits]
    later = run_cli("read", page, "--audio-device", "null", "--from", "8", env=env)
    assert later.stdout.splitlines()[:2] == [
        "Article: Night reading room opens for shift workers",
        credits,
    ]


def test_a_remapped_key_works_and_the_old_one_is_inert(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.toml").write_text('[keys]\nmute = "ctrl+t"\n', "utf-8")
    term = Terminal("read", SAMPLE, "--audio-device", "null", home=tmp_path)
    term.read_until(r"^Playing")
    term.press("m")
    term.press("\x14")  # ctrl+t
    term.read_until(r"^Muted")
    term.press("q")
    assert term.finish() == 0
    assert state_lines(term.output.decode("utf-8")).count("Muted") == 1


def test_open_another_article_and_come_back_through_the_history(tmp_path: Path) -> None:
    harbour = str(ASSETS.parent / "tests" / "fixtures" / "scraped-harbour.txt")
    term = Terminal("read", SAMPLE, "--audio-device", "null", home=tmp_path)
    term.read_until(r"^Paragraph 1 of 8: ")
    term.press("o")
    term.read_until(r"^Open: type a path or URL")
    term.press(harbour + "\n")
    term.read_until(r"^Title: Harbour wall repairs finish early")
    term.press("h")
    text = term.read_until(r"^Open which\?")
    assert "1: Harbour wall repairs finish early" in text
    assert "2: Night reading room opens for shift workers (stopped at paragraph " in text
    term.press("2\n")
    term.read_until(r"Resuming at paragraph \d of 8")
    term.press("o")
    term.read_until(r"^Open: type a path")
    term.press(str(tmp_path / "missing.txt") + "\n")
    term.read_until(r"^Cannot open missing.txt: no such file")
    term.press("q")
    assert term.finish() == 0


def test_a_long_article_starts_at_once_and_knows_its_length_when_asked(tmp_path: Path) -> None:
    """Read from its first blocks while the rest is extracted: "where am I" has the totals."""
    from readout.loading import load

    path = str(long_scraped_text(tmp_path))
    paragraphs = sum(1 for block in load(path).blocks if block.kind.value != "heading")
    home = tmp_path / "home"
    term = Terminal("read", path, "--audio-device", "null", home=home)
    term.read_until(r"^Title: ")
    term.press("j")  # next paragraph
    term.read_until(r"^Paragraph 1 of \d+: ")
    term.press("j")
    term.read_until(rf"^Paragraph 2 of {paragraphs}: ")
    term.press("t")
    term.read_until(rf"^Paragraph 2 of {paragraphs}, sentence 1 of \d+, playing")
    term.press("q")
    assert term.finish() == 0
    resumed = first_lines_of_a_rerun(path, home, 3)
    assert resumed[2] == f"Resuming at paragraph 2 of {paragraphs}"  # after title and credits


def test_moving_while_paused_prints_a_line_for_every_key(tmp_path: Path) -> None:
    """Paused: right, down, left and Home each say where reading now stands, whole."""
    term = Terminal("read", SAMPLE, "--audio-device", "null", "--no-resume", home=tmp_path)
    term.read_until(r"^Playing")
    term.press(" ")
    term.read_until(r"^Paused")
    term.press("\x1b[C")  # right: the next sentence
    term.read_until(r"^Paragraph 1 of 8: The Riverside branch library")
    term.press("\x1b[B")  # down: the next paragraph
    term.read_until(r"^Paragraph 2 of 8: The trial runs for six months\.")
    term.press("\x1b[C")  # right, within the paragraph: the sentence, whole
    term.read_until(r"^Sentence 2 of 2: The council's culture committee approved it on Tuesday")
    term.press("\x1b[B")  # down: paragraph 3
    term.read_until(r"^Paragraph 3 of 8: \"Most of us")
    term.press("\x1b[D")  # left, into the paragraph before: its line, then where in it
    term.read_until(r"^Paragraph 2 of 8: The trial runs")
    term.read_until(r"^Sentence 2 of 2: The council's culture committee")
    term.press("\x1b[H")  # Home
    term.read_until(r"^Title: Night reading room opens for shift workers")
    term.press("x")
    term.read_until(r"^The key x does nothing; \? lists the keys")
    term.press("q")
    assert term.finish() == 0


def test_reading_waits_while_a_note_is_typed(tmp_path: Path) -> None:
    """The answer to "f" comes before the note prompt; lines the reading makes while
    the prompt is open come after the answer (one came between the prompt and what was
    being typed, when the machine was busy)."""
    term = Terminal("read", SAMPLE, "--audio-device", "null", "--no-resume", home=tmp_path)
    term.read_until(r"^Paragraph 1 of 8")
    term.press("f")
    text = term.read_until(r"^Note for this mark \(Enter for none\):")
    prompt_at = text.index("Note for this mark")
    assert "Flagged Paragraph 1 of 8" in text[:prompt_at]
    time.sleep(4.0)  # reading goes on meanwhile: paragraph 2 and more start
    term.press("looks wrong\n")
    text = term.read_until(r"^Note saved")
    between = text[prompt_at : text.index("Note saved")]
    assert "Paragraph" not in between.split("\n", 1)[1]  # the answer first, then the held lines
    term.press("q")
    assert term.finish() == 0


def test_a_code_block_is_printed_line_by_line_with_its_indentation(tmp_path: Path) -> None:
    source = tmp_path / "setup.md"
    source.write_text(
        "# Setup\n\nTo install the tools on a fresh machine, run these two commands:\n\n"
        "```\nsudo apt update\n    sudo apt install lab-tools\n```\n\n"
        "That is all there is to it, and the tools are ready.\n",
        "utf-8",
    )
    done = run_cli(
        "read", str(source), "--audio-device", "null", env={"READOUT_HOME": str(tmp_path)}
    )
    assert done.code == 0, done.stderr
    lines = done.stdout.splitlines()
    at = lines.index("Code 2 of 3:")
    assert lines[at + 1 : at + 3] == ["sudo apt update", "    sudo apt install lab-tools"]


def test_a_failed_open_goes_on_reading_and_an_open_keeps_volume_and_speed(tmp_path: Path) -> None:
    harbour = str(ASSETS.parent / "tests" / "fixtures" / "scraped-harbour.txt")
    term = Terminal("read", SAMPLE, "--audio-device", "null", "--no-resume", home=tmp_path)
    term.read_until(r"^Paragraph 1 of 8: ")
    term.press("-")
    term.read_until(r"^Volume 90%")
    term.press("]")
    term.read_until(r"^Speed \d+ words per minute")
    term.press("o")
    term.read_until(r"^Open: type a path or URL")
    term.press(str(tmp_path / "missing.txt") + "\n")
    term.read_until(r"^Cannot open missing.txt: no such file")
    term.read_until(r"^Paragraph [2-8] of 8: ")  # reading went on; it did not start over
    term.press("o")
    term.read_until(r"^Open: type a path or URL")
    term.press(harbour + "\n")
    term.read_until(r"^Title: Harbour wall repairs finish early")
    term.press("-")
    term.read_until(r"^Volume 80%")  # 90% was kept across the open
    term.press("q")
    assert term.finish() == 0
    assert (
        "Title: Night reading room"
        not in term.output.decode("utf-8").split("Cannot open missing.txt")[1]
    )


def test_the_no_device_note_comes_before_the_article(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "READOUT_AUDIO_DEVICE"}
    env["READOUT_HOME"] = str(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "readout", "read", SAMPLE, "--no-resume"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, env=env,
    )  # fmt: skip
    lines: list[str] = []
    try:
        assert process.stdout is not None
        for raw in process.stdout:
            lines.append(raw.decode("utf-8").rstrip("\n"))
            if lines[-1].startswith("Title: "):
                break
    finally:
        process.terminate()
        process.wait(timeout=10)
    note = [i for i, line in enumerate(lines) if line.startswith("No audio device")]
    if not note:
        pytest.skip("this machine has an audio device, so there is no note to place")
    assert note[0] < len(lines) - 1 and lines[-1].startswith("Title: ")


def test_the_speed_and_volume_chosen_are_where_the_next_run_starts(tmp_path: Path) -> None:
    """Faster twice and quieter once, then quit: the next run starts at that speed and
    volume (one more step on from there); --rate on the command line still wins."""
    term = Terminal("read", SAMPLE, "--audio-device", "null", home=tmp_path)
    term.read_until(r"^Playing")
    term.press("]")
    first = int(term.read_until(r"^Speed (\d+) words per minute").split("Speed ")[-1].split()[0])
    term.press("]")
    term.read_until(r"^Speed (\d+) words per minute")
    term.press("-")
    term.read_until(r"^Volume \d+%")
    term.press("q")
    assert term.finish() == 0
    again = Terminal("read", SAMPLE, "--audio-device", "null", home=tmp_path)
    again.read_until(r"^Playing")
    again.press("-")
    quieter = again.read_until(r"^Volume \d+%")
    again.press("[")
    slower = again.read_until(r"^Speed (\d+) words per minute")
    again.press("q")
    assert again.finish() == 0
    assert quieter.rstrip().endswith("Volume 80%")  # 90% remembered, then one step down
    assert slower.rstrip().endswith(f"Speed {first} words per minute")  # one step down
    given = Terminal("read", SAMPLE, "--audio-device", "null", "--rate", "150", home=tmp_path)
    given.read_until(r"^Playing")
    given.press("]")
    step = rate_step(150, faster=True, ladder=speed_ladder(150))  # from 150, not from chosen
    assert given.read_until(r"^Speed \d+ words").rstrip().endswith(f"Speed {step} words per minute")
    given.press("q")
    assert given.finish() == 0
