"""Export on a real terminal: one progress line redrawn in place, for one output or a
batch; none of it off a terminal or with --quiet; Ctrl-C from the terminal itself."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

from tests.conftest import ROOT, run_cli
from tests.long_inputs import long_markdown, numbered_articles

COLUMNS = 90
SENTENCES = re.compile(r"(\d+) of (?:about )?(\d+) sentences")
LEFT = re.compile(r"about (?:(\d+) min )?(\d+) s left")


def _take_the_terminal() -> None:
    """In the child: the pty becomes its controlling terminal, so ^C reaches its group."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class ExportTerminal:
    """``readout export`` on a pty ``COLUMNS`` wide, its output read as it comes."""

    def __init__(self, *args: str, home: Path) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, COLUMNS, 0, 0))
        env = {**os.environ, "PYTHONPATH": str(ROOT), "READOUT_HOME": str(home), "TERM": "xterm"}
        env.pop("READOUT_ACCESSIBLE", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "readout", "export", *args],
            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
            preexec_fn=_take_the_terminal,
        )  # fmt: skip
        os.close(slave)
        self.master = master
        self.output = ""

    def read_until(self, done: Callable[[str], bool], timeout: float = 60.0) -> str:
        """Read until ``done(output so far)`` or the program ends; return the output."""
        deadline = time.monotonic() + timeout
        while not done(self.output) and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the program ended and the pty closed
                break
            if not chunk:
                break
            self.output += chunk.decode("utf-8", "replace")
        return self.output

    def finish(self, timeout: float = 60.0) -> int:
        self.read_until(lambda _: False, timeout)
        code = self.process.wait(timeout)
        os.close(self.master)
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


def redraws(output: str) -> list[str]:
    """The progress lines drawn, in order (each is drawn after a carriage return)."""
    return [part.split("\x1b[K")[0] for part in output.split("\r") if SENTENCES.search(part)]


def seconds_left(line: str) -> int | None:
    found = LEFT.search(line)
    return None if found is None else int(found[1] or 0) * 60 + int(found[2])


def test_a_long_export_shows_progress_in_place_with_a_time_left_that_falls(
    tmp_path: Path,
) -> None:
    """Before the file is written, the line counts sentences of the article's total and
    audio made, and the time left falls; each redraw fits the terminal and replaces the
    last; it is cleared before the closing line."""
    source = long_markdown(tmp_path, 40_000)
    out = tmp_path / "long.mp3"
    terminal = ExportTerminal(str(source), "-o", str(out), home=tmp_path)
    try:
        terminal.read_until(lambda text: bool(redraws(text)))
        assert not out.exists()  # progress comes while the work goes on
        code = terminal.finish()
    finally:
        terminal.kill()
    assert code == 0, terminal.output
    lines = redraws(terminal.output)
    counts = [tuple(map(int, SENTENCES.search(line).groups())) for line in lines]  # type: ignore[union-attr]
    totals = {total for _, total in counts}
    assert len(totals) == 1 and counts[0][0] < counts[-1][0]
    assert [done for done, _ in counts] == sorted(done for done, _ in counts)
    assert all(len(line) < COLUMNS for line in lines)
    assert all(re.search(r"\d+ (?:min|s) of audio", line) for line in lines)
    left = [s for s in map(seconds_left, lines) if s is not None]
    assert len(left) >= 3 and left[-1] < left[0], lines
    closing = terminal.output.rsplit("\r\x1b[K", 1)[1]
    assert closing.startswith(f"readout: wrote {out}") and closing.count("\n") == 1
    assert f"{totals.pop()} sentences)" in closing


def test_no_progress_line_off_a_terminal_or_with_quiet(tmp_path: Path) -> None:
    """Then only the one line per finished output, as before."""
    source = long_markdown(tmp_path, 3_000)
    piped = run_cli("export", str(source), "-o", str(tmp_path / "piped.wav"))
    assert piped.code == 0 and "\r" not in piped.stderr
    assert piped.stderr.startswith("readout: wrote") and piped.stderr.count("\n") == 1
    terminal = ExportTerminal(
        str(source), "-o", str(tmp_path / "quiet.wav"), "--quiet", home=tmp_path
    )
    try:
        code = terminal.finish()
    finally:
        terminal.kill()
    assert code == 0 and "sentences," not in terminal.output, terminal.output
    assert terminal.output.startswith("readout: wrote") and "\x1b[K" not in terminal.output


def test_a_batch_shows_files_and_sentences_from_its_workers_and_stops_on_ctrl_c(
    tmp_path: Path,
) -> None:
    """The line counts files done of all and the sentences the worker processes have
    spoken, before any file is done; ^C typed on the terminal stops the batch with
    the line cleared and one line said, no traceback, no partial file."""
    inputs = numbered_articles(tmp_path, 10, "Long")
    out = tmp_path / "out"
    terminal = ExportTerminal(
        *inputs, "--out-dir", str(out), "--format", "flac", "--jobs", "2", home=tmp_path
    )

    def mid_file(text: str) -> bool:  # sentences spoken while no file is done yet
        return any(
            line.startswith("0 of 10 files, ") and not line.startswith("0 of 10 files, 0 of")
            for line in redraws(text)
        )

    try:
        terminal.read_until(mid_file)
        terminal.read_until(
            lambda text: any(line.startswith("1 of 10 files, ") for line in redraws(text))
        )
        os.write(terminal.master, b"\x03")
        code = terminal.finish()
    finally:
        terminal.kill()
    said = terminal.output
    assert code == 130, said
    assert "Traceback" not in said and "KeyboardInterrupt" not in said
    lines = redraws(said)
    assert "[1/10] ok" in said and any(line.startswith("1 of 10 files, ") for line in lines)
    assert all(len(line) < COLUMNS for line in lines)
    after = said.rsplit("\r\x1b[K", 1)[1]
    assert after.replace("^C", "").strip() == "readout: interrupted", repr(after)
    assert not list(out.glob("*.part"))
