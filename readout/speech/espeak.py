"""A small ctypes binding to libespeak-ng in synchronous mode.

Synchronous mode hands us complete audio for each call, with word events that carry
both the character offset in the text and the audio position, and prints nothing.
The library comes from the pip package ``espeakng-loader`` (so ``pip install`` is
enough) or, failing that, from the system. One instance per process is all libespeak
allows, so :class:`EspeakLibrary` is used by one worker thread at a time.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib.util
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readout.errors import EngineError, UsageError

_AUDIO_OUTPUT_SYNCHRONOUS = 0x02
_INITIALIZE_DONT_EXIT = 0x8000
_CHARS_UTF8 = 1
_POS_CHARACTER = 1
_EVENT_LIST_TERMINATED = 0
_EVENT_WORD = 1
_PARAM_RATE = 1
_PARAM_PITCH = 3


class _EventId(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", _EventId),
    ]


class _Voice(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("languages", ctypes.c_char_p),
        ("identifier", ctypes.c_char_p),
        ("gender", ctypes.c_ubyte),
        ("age", ctypes.c_ubyte),
        ("variant", ctypes.c_ubyte),
        ("xx1", ctypes.c_ubyte),
        ("score", ctypes.c_int),
        ("spare", ctypes.c_void_p),
    ]


_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event)
)


@dataclass(frozen=True)
class RawWord:
    """A word event: character offset (0-based) and length in the text, sample index."""

    char_start: int
    char_length: int
    sample: int


@dataclass(frozen=True)
class EspeakVoice:
    """A voice as libespeak-ng lists it."""

    identifier: str
    name: str
    languages: tuple[str, ...]
    gender: str


def pip_library_files() -> tuple[Path, Path] | None:
    """The library and voice data that the ``espeakng-loader`` package ships, if installed.

    Found by its location rather than by importing it: its import pulls in ``platform``,
    which alone costs 10 ms of start-up.
    """
    spec = importlib.util.find_spec("espeakng_loader")
    if spec is None or not spec.submodule_search_locations:
        return None
    base = Path(next(iter(spec.submodule_search_locations)))
    for name in ("libespeak-ng.so", "libespeak-ng.dylib", "espeak-ng.dll", "libespeak-ng.dll"):
        if (base / name).is_file():
            return base / name, base / "espeak-ng-data"
    return None


def _load_library() -> tuple[ctypes.CDLL, str | None]:
    shipped = pip_library_files()
    if shipped is not None:
        try:
            return ctypes.CDLL(str(shipped[0])), str(shipped[1])
        except OSError:
            pass
    name = ctypes.util.find_library("espeak-ng")
    if name:
        try:
            return ctypes.CDLL(name), None
        except OSError:
            pass
    raise EngineError(
        "no espeak-ng speech library found: run 'pip install espeakng-loader' "
        "or install your system's libespeak-ng"
    )


class EspeakLibrary:
    """The loaded library, initialised once; calls are serialised by a lock."""

    _instance: EspeakLibrary | None = None
    _instance_lock = threading.Lock()

    def __init__(self) -> None:
        self._lib, data_path = _load_library()
        lib = self._lib
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetSynthCallback.argtypes = [_CALLBACK]
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
            ctypes.c_uint, ctypes.POINTER(ctypes.c_uint), ctypes.c_void_p,
        ]  # fmt: skip
        lib.espeak_Synth.restype = ctypes.c_int
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_ListVoices.argtypes = [ctypes.c_void_p]
        lib.espeak_ListVoices.restype = ctypes.POINTER(ctypes.POINTER(_Voice))
        path = data_path.encode() if data_path else None
        rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, path, _INITIALIZE_DONT_EXIT)
        if rate <= 0:
            raise EngineError("espeak-ng failed to start (its voice data may be missing)")
        self.sample_rate = rate
        self._lock = threading.Lock()
        self._pcm: list[bytes] = []
        self._words: list[RawWord] = []
        self._samples = 0
        self._voice: str | None = None
        self._callback = _CALLBACK(self._on_audio)  # kept referenced for the library's sake
        lib.espeak_SetSynthCallback(self._callback)

    @classmethod
    def get(cls) -> EspeakLibrary:
        """The process-wide instance (libespeak-ng keeps global state)."""
        with cls._instance_lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def _on_audio(self, wav: Any, count: int, events: Any) -> int:
        index = 0
        while events[index].type != _EVENT_LIST_TERMINATED:
            event = events[index]
            if event.type == _EVENT_WORD:
                # text_position counts characters from 1; sample is the audio position.
                self._words.append(RawWord(event.text_position - 1, event.length, event.sample))
            index += 1
        if count > 0 and wav:
            self._pcm.append(ctypes.string_at(wav, count * 2))
            self._samples += count
        return 0

    def synthesize(
        self, text: str, voice: str, rate: int, pitch: int
    ) -> tuple[bytes, list[RawWord]]:
        """Render ``text``; return int16 little-endian mono PCM and word events."""
        with self._lock:
            # Loading a voice reads its files: do it only when the voice changes.
            if voice != self._voice:
                if self._lib.espeak_SetVoiceByName(voice.encode()) != 0:
                    raise UsageError(f"espeak-ng has no voice {voice!r}: see 'readout voices'")
                self._voice = voice
            self._lib.espeak_SetParameter(_PARAM_RATE, rate, 0)
            self._lib.espeak_SetParameter(_PARAM_PITCH, pitch, 0)
            self._pcm, self._words, self._samples = [], [], 0
            encoded = text.encode("utf-8") + b"\x00"
            buffer = ctypes.create_string_buffer(encoded)
            status = self._lib.espeak_Synth(
                buffer, len(encoded), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None
            )
            if status != 0:
                raise EngineError(f"espeak-ng could not synthesise (status {status})")
            return b"".join(self._pcm), list(self._words)

    def voices(self) -> list[EspeakVoice]:
        """Every voice the library offers."""
        with self._lock:
            found: list[EspeakVoice] = []
            array = self._lib.espeak_ListVoices(None)
            index = 0
            while array[index]:
                voice = array[index].contents
                found.append(
                    EspeakVoice(
                        identifier=(voice.identifier or b"").decode("utf-8", "replace"),
                        name=(voice.name or b"").decode("utf-8", "replace"),
                        languages=_languages(voice.languages),
                        gender={1: "male", 2: "female"}.get(voice.gender, "unknown"),
                    )
                )
                index += 1
            return found


def _languages(raw: bytes | None) -> tuple[str, ...]:
    """Decode espeak's language list: a priority byte, a name, a NUL, repeated."""
    if not raw:
        return ()
    data = ctypes.string_at(raw)
    return (data[1:].decode("ascii", "replace"),) if data else ()
