"""``python -m readout`` and the ``readout`` command."""

from __future__ import annotations

import contextlib
import os
import sys
import threading

INTERRUPTED = 130
EXIT_WITHIN_S = 30.0
"""After Ctrl-C the process ends within this long, whatever its exit waits on."""


def run() -> int:
    """The CLI. Ctrl-C while it is still starting (importing, reading the arguments),
    before ``main`` handles it, is the same one line, not a traceback."""
    try:
        from readout.cli import main

        code = main()
    except KeyboardInterrupt:
        sys.stderr.write("readout: interrupted\n")
        code = INTERRUPTED
    if code == INTERRUPTED:
        _end_within(EXIT_WITHIN_S, code)
    return code


def _end_within(seconds: float, code: int) -> None:
    """Ctrl-C must stop readout: should the interpreter's exit wait on something that
    does not end (a worker pool's thread, a speech library), the process ends anyway,
    ``seconds`` later, with ``code``. Everything readout saves is complete by then."""

    def end() -> None:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)

    timer = threading.Timer(seconds, end)
    timer.daemon = True
    timer.start()


if __name__ == "__main__":
    raise SystemExit(run())
