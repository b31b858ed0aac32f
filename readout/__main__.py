"""``python -m readout`` and the ``readout`` command."""

from __future__ import annotations

import sys


def run() -> int:
    """The CLI. Ctrl-C while it is still starting (importing, reading the arguments),
    before ``main`` handles it, is the same one line, not a traceback."""
    try:
        from readout.cli import main

        return main()
    except KeyboardInterrupt:
        sys.stderr.write("readout: interrupted\n")
        return 130


if __name__ == "__main__":
    raise SystemExit(run())
