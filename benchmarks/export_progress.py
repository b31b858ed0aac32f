"""Export progress on a terminal: how soon the line appears, and what drawing it costs.

Run from the repository root:

    python benchmarks/export_progress.py [PAGE]

``readout export PAGE -o x.mp3`` runs on a pseudo-terminal three times with the progress
line and three times with ``--quiet``; printed are the seconds from the command's start
to the first progress line and to the first time left, the whole run with and without
the line, and the time left the line gave a third of the way through beside the time
the run really took from there. PAGE defaults to a long Debian documentation page when
installed, else a long article made from the test fixtures.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEBIAN_PAGE = Path("/usr/share/doc/rust-doc/html/rustc/lints/listing/warn-by-default.html")
LEFT = re.compile(r"about (?:(\d+) min )?(\d+) s left")


def run_on_a_pty(args: list[str]) -> list[tuple[float, str]]:
    """Each piece of output with the seconds since the start at which it came."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "readout", "export", *args],
        stdin=slave, stdout=slave, stderr=slave, env={**os.environ, "TERM": "xterm"},
    )  # fmt: skip
    os.close(slave)
    pieces = []
    while True:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            pieces.append((time.perf_counter() - started, chunk.decode("utf-8", "replace")))
        elif child.poll() is not None:
            break
    child.wait()
    os.close(master)
    pieces.append((time.perf_counter() - started, ""))
    return pieces


def first(pieces: list[tuple[float, str]], pattern: str) -> tuple[float, str]:
    return next((at, text) for at, text in pieces if re.search(pattern, text))


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        if len(sys.argv) > 1:
            page = Path(sys.argv[1])
        elif DEBIAN_PAGE.is_file():
            page = DEBIAN_PAGE
        else:
            from tests.long_inputs import long_markdown

            page = long_markdown(tmp, 120_000)
        out = str(tmp / "x.mp3")
        shown, quiet, first_line, first_left, guesses = [], [], [], [], []
        for _ in range(3):
            pieces = run_on_a_pty([str(page), "-o", out])
            shown.append(pieces[-1][0])
            first_line.append(first(pieces, r"\d+ of \d+ sentences")[0])
            first_left.append(first(pieces, LEFT.pattern)[0])
            at, text = first([p for p in pieces if p[0] > shown[-1] / 3], LEFT.pattern)
            found = LEFT.findall(text)[-1]
            guesses.append((int(found[0] or 0) * 60 + int(found[1]), shown[-1] - at))
            quiet.append(run_on_a_pty([str(page), "-o", out, "--quiet"])[-1][0])
    print(f"page: {page}")
    print(f"first progress line after {statistics.median(first_line):.2f} s (median of 3)")
    print(f"first time left after     {statistics.median(first_left):.2f} s")
    print(
        f"whole run: {statistics.median(shown):.2f} s with the line, "
        f"{statistics.median(quiet):.2f} s with --quiet"
    )
    for said, took in guesses:
        print(f"a third of the way: said about {said} s left, took {took:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
