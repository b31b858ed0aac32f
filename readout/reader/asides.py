"""Asides: announcements, spelling and slow repeats, spoken between sentences.

One thread, started when the first aside comes, renders them and hands them to the
player. When several pile up the oldest waiting one gives way, so neither the queue
nor the thread count grows, whatever happens (one thread per announcement once made
6,400 threads a second with a failing engine).
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable

from readout.audio.player import Clip, Player
from readout.speech.worker import SpeechWorker

ASIDE_TIMEOUT_S = 10.0
"""An aside that takes longer than this to render is shown, not spoken."""
AFTER_ASIDE_S = 0.2


class AsideSpeaker:
    """Speaks short texts on the player between units, in the session's voice."""

    def __init__(
        self,
        engine: SpeechWorker,
        player: Player,
        speech: Callable[[], tuple[int, str | None]],
    ) -> None:
        """``speech()`` gives the rate and voice in use when an aside is rendered."""
        self._engine = engine
        self._player = player
        self._speech = speech
        self._waiting: queue.Queue[tuple[str, int | None] | None] = queue.Queue(maxsize=4)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closed = False

    def say(self, text: str, rate: int | None = None) -> None:
        """Say ``text`` (at ``rate``, else the session's) when the current unit ends."""
        if self._closed:
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="readout-asides", daemon=True
                )
                self._thread.start()
        while True:
            try:
                self._waiting.put_nowait((text, rate))
                return
            except queue.Full:
                with contextlib.suppress(queue.Empty):
                    self._waiting.get_nowait()

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(queue.Full):  # else it sees _closed after its aside
            self._waiting.put_nowait(None)

    def _run(self) -> None:
        while True:
            item = self._waiting.get()
            if item is None or self._closed:
                return
            self._speak(*item)

    def _speak(self, text: str, rate: int | None) -> None:
        session_rate, voice = self._speech()
        try:
            utterance = self._engine.submit(text, voice, rate or session_rate).result(
                timeout=ASIDE_TIMEOUT_S
            )
        except Exception:  # an announcement that cannot be spoken is still shown
            return
        pause = int(utterance.sample_rate * AFTER_ASIDE_S)
        self._player.say_aside(Clip(tag=None, pcm=utterance.pcm, pause_frames=pause))
