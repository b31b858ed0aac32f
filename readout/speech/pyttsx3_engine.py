"""The cross-platform engine: SAPI5, NSSS or espeak through pyttsx3.

pyttsx3 2.99 on Linux is unreliable, and this adapter contains each known fault:

- it loses files and overwrites names (the first ``runAndWait`` returns early): every
  call writes a fresh file name, and we wait for a complete, parseable WAV;
- it drops queued rate and voice settings under load: properties are re-applied
  before every call, and audio whose length does not fit the rate is redone once;
- it segfaults on texts over about 15 KB (upstream #448): text goes in chunks of at
  most 2,000 characters, cut at sentence or word boundaries;
- it prints "Audio saved to …" on stdout: output from the engine's thread is dropped;
- its word events carry no audio time: word times are estimated from the audio
  length and the ``Utterance`` says so.

The engine must be created and used in one thread: run it inside a
:class:`~readout.speech.worker.SpeechWorker`.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import shutil
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path
from typing import Any

from readout.defaults import RATE_MAX, RATE_MIN
from readout.errors import EngineError, UsageError
from readout.speech.engine import Utterance, Voice, WordMark, pick_voice

MAX_CHUNK_CHARS = 2000
_WORD = re.compile(r"\S+")


class _QuietStdout:
    """Stands in for ``sys.stdout`` and drops pyttsx3's "Audio saved to" lines.

    On Linux the line is printed from espeak's own synthesis thread, which Python
    cannot name in advance, so the filter recognises the line by the private directory
    our files go to (and the newline ``print`` writes after it), and lets everything
    else through untouched.
    """

    def __init__(self, target: Any) -> None:
        self._target = target
        self.prefixes: set[str] = set()
        self._newline_owed: set[int] = set()

    def write(self, text: str) -> int:
        thread = threading.get_ident()
        if any(text.startswith(prefix) for prefix in self.prefixes):
            self._newline_owed.add(thread)
            return len(text)
        if text == "\n" and thread in self._newline_owed:
            self._newline_owed.discard(thread)
            return len(text)
        return int(self._target.write(text))

    def flush(self) -> None:
        self._target.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target, name)


def _silence_saved_to(directory: Path) -> None:
    if not isinstance(sys.stdout, _QuietStdout):
        sys.stdout = _QuietStdout(sys.stdout)
    sys.stdout.prefixes.add(f"Audio saved to {directory}")


def _provide_espeak_for_pyttsx3() -> None:
    """On Linux, pyttsx3 loads libespeak-ng by name; lend it the pip-installed copy."""
    if not sys.platform.startswith("linux") or ctypes.util.find_library("espeak-ng"):
        return
    from readout.speech.espeak import pip_library_files

    shipped = pip_library_files()
    if shipped is None:
        return
    # Loaded globally under its soname, pyttsx3's dlopen("libespeak-ng.so.1") finds it.
    ctypes.CDLL(str(shipped[0]), mode=ctypes.RTLD_GLOBAL)
    os.environ.setdefault("ESPEAK_DATA_PATH", str(shipped[1]))


class Pyttsx3Engine:
    """Renders sentences through pyttsx3's ``save_to_file``, verified and retried."""

    name = "pyttsx3"
    rate_range = (RATE_MIN, RATE_MAX)

    def __init__(self, *, file_timeout_s: float = 20.0) -> None:
        _provide_espeak_for_pyttsx3()
        try:
            import pyttsx3

            self._engine = pyttsx3.init()
        except Exception as error:  # pyttsx3 raises RuntimeError, OSError, ImportError...
            raise EngineError(f"pyttsx3 could not start a speech driver ({error})") from None
        self._directory = Path(tempfile.mkdtemp(prefix="readout-pyttsx3-"))
        _silence_saved_to(self._directory)
        self._count = 0
        self._file_timeout_s = file_timeout_s
        self._voices: list[Voice] | None = None
        self.retries = 0

    def close(self) -> None:
        shutil.rmtree(self._directory, ignore_errors=True)

    def voices(self) -> list[Voice]:
        if self._voices is None:
            found = []
            for voice in self._engine.getProperty("voices"):
                languages = [
                    lang.decode("utf-8", "replace") if isinstance(lang, bytes) else str(lang)
                    for lang in (getattr(voice, "languages", None) or [])
                ]
                found.append(
                    Voice(
                        id=str(voice.id),
                        name=str(voice.name or voice.id),
                        language=languages[0].lstrip("\x05") if languages else "",
                        gender=str(getattr(voice, "gender", None) or "unknown").lower(),
                    )
                )
            self._voices = found
        return self._voices

    def voice_for_language(self, language: str | None) -> str | None:
        return pick_voice(self.voices(), language)

    def resolve_voice(self, spec: str | None) -> str | None:
        if spec is None:
            return None
        wanted = spec.casefold()
        for voice in self.voices():
            if wanted in (voice.id.casefold(), voice.name.casefold(), voice.language.casefold()):
                return voice.id
        raise UsageError(f"pyttsx3 has no voice {spec!r}: see 'readout voices --engine pyttsx3'")

    def synthesize(self, text: str, voice: str | None, rate: int, pitch: int = 50) -> Utterance:
        voice_id = self.resolve_voice(voice)
        pcm_parts: list[bytes] = []
        sample_rate = 0
        for chunk in split_for_engine(text, MAX_CHUNK_CHARS):
            pcm, sample_rate = self._render(chunk, voice_id, rate)
            pcm_parts.append(pcm)
        pcm = b"".join(pcm_parts)
        return Utterance(
            pcm=pcm,
            sample_rate=sample_rate,
            words=estimate_word_marks(text, len(pcm) / 2 / sample_rate if sample_rate else 0.0),
            timings_estimated=True,
        )

    def _render(self, text: str, voice_id: str | None, rate: int) -> tuple[bytes, int]:
        problem = "no audio"
        for attempt in range(2):
            self._count += 1
            path = self._directory / f"utterance-{self._count}.wav"
            self._apply("rate", rate)
            self._apply("volume", 1.0)
            if voice_id is not None:
                self._apply("voice", voice_id)
            self._engine.save_to_file(text, str(path))
            self._engine.runAndWait()
            try:
                pcm, sample_rate = self._await_wav(path)
                self._await_idle()
            except EngineError as error:
                problem = str(error)
            else:
                if _plausible_length(text, len(pcm) / 2 / sample_rate, rate):
                    return pcm, sample_rate
                problem = "audio length does not match the rate (a dropped setting)"
            finally:
                with contextlib.suppress(OSError):
                    path.unlink()
            if attempt == 0:
                self.retries += 1
        raise EngineError(f"pyttsx3 failed twice on a sentence: {problem}")

    def _apply(self, name: str, value: object) -> None:
        """Set a property on the driver now, and wait until it holds.

        ``Engine.setProperty`` only queues a command for the next ``runAndWait``, and
        ``runAndWait`` ends by cancelling whatever espeak still has queued, settings
        included (measured: 1 call in 4 kept the previous rate). So the driver's own
        ``setProperty`` is called directly, and for rate and voice we wait until the
        driver reports the new value as current before synthesis starts.
        """
        driver = getattr(getattr(self._engine, "proxy", None), "_driver", None)
        if driver is None:
            self._engine.setProperty(name, value)
            return
        expected = {"rate": value, "voice": str(value).lower()}.get(name)
        for _ in range(3):
            driver.setProperty(name, value)
            if expected is None:
                return
            deadline = time.monotonic() + 0.5
            while time.monotonic() < deadline:
                current = driver.getProperty(name)
                if (current.lower() if isinstance(current, str) else current) == expected:
                    return
                time.sleep(0.001)
        raise EngineError(f"pyttsx3 would not take {name} = {value}")

    def _await_idle(self) -> None:
        """Wait until the driver has finished its bookkeeping for the last utterance.

        The WAV file is complete before espeak's thread marks the driver idle; queueing
        the next settings in that gap is what lets them be run, or dropped, at the
        wrong moment.
        """
        driver = getattr(getattr(self._engine, "proxy", None), "_driver", None)
        deadline = time.monotonic() + self._file_timeout_s
        while (
            self._engine.isBusy()
            or getattr(driver, "_speaking", False)
            or getattr(driver, "_looping", False)
        ):
            if time.monotonic() > deadline:
                raise EngineError("pyttsx3 did not finish an utterance")
            time.sleep(0.002)

    def _await_wav(self, path: Path) -> tuple[bytes, int]:
        """Wait until ``path`` is a complete WAV file, and read it."""
        deadline = time.monotonic() + self._file_timeout_s
        while True:
            try:
                with wave.open(str(path), "rb") as wav:
                    frames = wav.readframes(wav.getnframes())
                    if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
                        raise EngineError("pyttsx3 wrote audio that is not 16-bit mono")
                    if frames and len(frames) == wav.getnframes() * 2:
                        return frames, wav.getframerate()
            except (OSError, EOFError, wave.Error):
                pass  # not there yet, or still being written
            if time.monotonic() > deadline:
                raise EngineError(f"pyttsx3 wrote no audio within {self._file_timeout_s:g} s")
            time.sleep(0.01)


def _plausible_length(text: str, duration_s: float, rate: int) -> bool:
    words = len(_WORD.findall(text))
    if words < 6:
        return duration_s > 0
    expected = words / rate * 60
    return 0.4 * expected < duration_s < 2.5 * expected


def split_for_engine(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters, at sentence ends or spaces."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
        cut = cut + 1 if cut > limit // 2 else window.rfind(" ")
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    if rest:
        pieces.append(rest)
    return pieces


def estimate_word_marks(text: str, duration_s: float) -> tuple[WordMark, ...]:
    """Spread word start times over the audio in proportion to their character position."""
    words = list(_WORD.finditer(text))
    if not words or duration_s <= 0:
        return ()
    span = max(1, len(text))
    return tuple(
        WordMark(
            m.start(),
            len(m.group().rstrip(".,;:!?\"')")) or len(m.group()),
            duration_s * m.start() / span,
        )
        for m in words
    )
