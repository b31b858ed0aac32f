"""One thread owns one engine; synthesis requests queue to it.

Speech libraries are not thread-safe (pyttsx3 must be created and used in one thread;
libespeak-ng keeps global state), so each engine lives in a :class:`SpeechWorker`:
a long-lived thread fed by a queue, stopped by a sentinel and joined with a timeout,
so quitting never waits on speech. The worker is itself an :class:`Engine`.

The engine starts in the background (loading a speech library takes a while), so the
caller can do other work meanwhile; the first call waits for it, and an engine that
could not start raises its error from every call.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from readout.speech.engine import Engine, Utterance, Voice
from readout.speech.pending import Pending

T = TypeVar("T")
_STOP = object()


class SpeechWorker:
    """Runs ``factory()`` and every call on that engine in one dedicated thread."""

    def __init__(
        self, factory: Callable[[], Engine], *, thread_name: str = "readout-speech"
    ) -> None:
        self._requests: queue.Queue[Any] = queue.Queue()
        self._ready: Pending[Engine] = Pending()
        self._thread = threading.Thread(
            target=self._run, args=(factory,), name=thread_name, daemon=True
        )
        self._thread.start()

    @property
    def name(self) -> str:
        return self._ready.result().name

    @property
    def rate_range(self) -> tuple[int, int]:
        return self._ready.result().rate_range

    def wait_ready(self) -> None:
        """Wait until the engine has started; re-raises its error (e.g. no library) here."""
        self._ready.result()

    def _run(self, factory: Callable[[], Engine]) -> None:
        try:
            engine = factory()
        except BaseException as error:
            self._ready.set_exception(error)
            self._fail_requests(error)
            return
        self._ready.set_result(engine)
        while True:
            item = self._requests.get()
            if item is _STOP:
                close = getattr(engine, "close", None)
                if callable(close):
                    close()  # e.g. pyttsx3's scratch directory
                return
            future, call = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(call(engine))
            except BaseException as error:
                future.set_exception(error)

    def _fail_requests(self, error: BaseException) -> None:
        """The engine never started: answer every request with the reason, until stopped."""
        while (item := self._requests.get()) is not _STOP:
            future, _ = item
            if future.set_running_or_notify_cancel():
                future.set_exception(error)

    def call(self, function: Callable[[Engine], T]) -> Pending[T]:
        """Queue ``function(engine)`` to run in the engine's thread."""
        future: Pending[T] = Pending()
        if self._ready.done() and self._ready.exception() is not None:
            self._ready.result()  # the engine never started: say why
        if not self._thread.is_alive():
            raise RuntimeError("the speech worker has stopped")
        self._requests.put((future, function))
        return future

    def submit(
        self, text: str, voice: str | None, rate: int, pitch: int = 50
    ) -> Pending[Utterance]:
        """Queue a sentence; the future gives its :class:`Utterance`."""
        return self.call(lambda engine: engine.synthesize(text, voice, rate, pitch))

    def synthesize(self, text: str, voice: str | None, rate: int, pitch: int = 50) -> Utterance:
        return self.submit(text, voice, rate, pitch).result()

    def voices(self) -> list[Voice]:
        return self.call(lambda engine: engine.voices()).result()

    def voice_for_language(self, language: str | None) -> str | None:
        return self.call(lambda engine: engine.voice_for_language(language)).result()

    def close(self, timeout: float = 2.0) -> None:
        """Stop after the request in progress; never block longer than ``timeout``."""
        self._requests.put(_STOP)
        self._thread.join(timeout)

    def __enter__(self) -> SpeechWorker:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
