"""Run by test_crash_safety: read an article, resuming from the store, and print each
sentence as it starts, until killed. Real synthesis, the null device at 8x speed."""

from __future__ import annotations

import sys
from pathlib import Path

from readout.audio.output import NullDevice
from readout.loading import load
from readout.options import SessionOptions
from readout.reader import Reader, ReaderEvent, SentenceStarted
from readout.speech.engines import start_engine
from readout.state import Store


def main(article_path: str, store_path: str) -> None:
    article = load(article_path)
    store = Store(Path(store_path))
    engine = start_engine("espeak")

    def on_event(event: ReaderEvent) -> None:
        if isinstance(event, SentenceStarted):
            sys.stdout.write(f"{event.block} {event.sentence}\n")
            sys.stdout.flush()

    reader = Reader(
        article,
        engine,
        lambda rate: NullDevice(rate, speed=8.0),
        on_event=on_event,
        options=SessionOptions(rate=450),
        store=store,
    )
    saved = store.load_position(article.content_hash, article.source or "")
    start = reader.unit_for(saved.block, saved.sentence) if saved else 0
    reader.start(start)
    reader.wait_finished()
    reader.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
