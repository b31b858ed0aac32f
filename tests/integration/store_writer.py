"""Run by test_state_crash_safety: write positions and marks as fast as it can, printing
each value after its transaction commits, until killed."""

from __future__ import annotations

import sys
from pathlib import Path

from readout.state import Store


def main(path: str) -> None:
    store = Store(Path(path))
    counter = 0
    while True:
        counter += 1
        store.save_position("article", "source", counter, counter % 7)
        store.add_mark("source", "article", counter, 0, f"sentence {counter}", f"note {counter}")
        sys.stdout.write(f"{counter}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1])
