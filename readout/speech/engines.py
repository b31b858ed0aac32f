"""Choose and start a speech engine: espeak on Linux, pyttsx3 on Windows and macOS."""

from __future__ import annotations

import sys

from readout.errors import UsageError
from readout.speech.worker import SpeechWorker

ENGINE_NAMES = ("espeak", "pyttsx3")


def default_engine_name() -> str:
    return "espeak" if sys.platform.startswith("linux") else "pyttsx3"


def start_engine(name: str | None = None) -> SpeechWorker:
    """Start ``name`` (or the platform default) in its own worker thread, in the background:
    the first call waits for it, and raises its error if it could not start.

    Raises:
        UsageError: an unknown engine name.
        EngineError: the engine's library could not be loaded.
    """
    chosen = name or default_engine_name()
    if chosen == "espeak":
        from readout.speech.espeak_engine import EspeakEngine

        return SpeechWorker(EspeakEngine, thread_name="readout-espeak")
    if chosen == "pyttsx3":
        from readout.speech.pyttsx3_engine import Pyttsx3Engine

        return SpeechWorker(Pyttsx3Engine, thread_name="readout-pyttsx3")
    raise UsageError(f"unknown engine {chosen!r}: choose {' or '.join(ENGINE_NAMES)}")
