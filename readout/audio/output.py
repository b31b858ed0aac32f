"""Output devices: the machine's sound card through miniaudio, or the null device.

A device pulls audio from a generator: it sends the number of frames it wants and
receives that many signed 16-bit mono frames as bytes. The null device consumes
frames at real-time pace (or faster, for tests) and plays nothing; it is what
``--audio-device null`` selects and what readout falls back to, with one line saying
so, when no real device opens. miniaudio is imported only when a real device is
wanted (it costs 35 ms here without numpy; see ``_without_numpy``).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from readout.errors import AudioDeviceError, UsageError

AudioSource = Generator[bytes, int, None]
"""Sent a frame count, yields that many int16 mono frames as bytes."""

NULL_DEVICE = "null"
PERIOD_S = 0.02
BUFFER_MS = 30
"""miniaudio's period, and PulseAudio's target buffer for the stream (miniaudio asks
for one period): what was handed over before a pause or a volume change is still
heard, and all the slack the sound server has when the callback comes late. Recorded
at a PulseAudio sink, over the same 40-85 readings of a short article: with 20 ms, 1 in
14 had a 3-5 ms dropout mid-sentence (a click), though no callback came more than 34
ms after the one before; with 30 ms, none. Pause -> silence then takes 49 ms (median;
36 ms with 20, 14 with 10)."""
OPEN_TIMEOUT_S = 2.0
"""The longest opening a device (or listing them) may take: a stalled sound server
accepts the connection and then never answers."""
CLOSE_TIMEOUT_S = 0.5

T = TypeVar("T")


class OutputDevice(Protocol):
    """Something that plays what a generator yields."""

    name: str
    sample_rate: int

    def start(self, source: AudioSource) -> None:
        """Start pulling from ``source`` (already primed with ``next``)."""
        ...

    def close(self) -> None:
        """Stop pulling and release the device; never blocks for long."""
        ...

    def reopened(self) -> OutputDevice:
        """A new device like this one (after it was lost), never a stand-in for it.

        Raises:
            AudioDeviceError: it cannot be opened (yet).
        """
        ...


class NullDevice:
    """Consumes audio at ``speed`` times real time and discards it.

    Attributes:
        frames_consumed: Frames taken from the source so far.
        recording: Everything taken, when made with ``record=True`` (for tests).
        first_sound_at: ``time.monotonic()`` when the first non-zero sample was taken.
    """

    name = NULL_DEVICE

    def __init__(self, sample_rate: int, *, speed: float = 1.0, record: bool = False) -> None:
        self.sample_rate = sample_rate
        self.speed = speed
        self.recording: bytearray | None = bytearray() if record else None
        self.frames_consumed = 0
        self.first_sound_at: float | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, source: AudioSource) -> None:
        self._thread = threading.Thread(
            target=self._run, args=(source,), name="readout-null-audio", daemon=True
        )
        self._thread.start()

    def _run(self, source: AudioSource) -> None:
        frames = max(1, int(self.sample_rate * PERIOD_S))
        period = PERIOD_S / self.speed
        next_tick = time.monotonic()
        while not self._stop.is_set():
            chunk = source.send(frames)
            self.frames_consumed += frames
            if self.recording is not None:
                self.recording += chunk
            if self.first_sound_at is None and chunk.strip(b"\x00"):
                self.first_sound_at = time.monotonic()
            next_tick += period
            delay = next_tick - time.monotonic()
            if delay > 0:
                self._stop.wait(delay)
            else:
                next_tick = time.monotonic()  # fell behind: do not rush to catch up

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(1.0)

    def reopened(self) -> NullDevice:
        return NullDevice(self.sample_rate, speed=self.speed, record=self.recording is not None)


class MiniaudioDevice:
    """A real output device through miniaudio (PulseAudio, PipeWire, ALSA...).

    Opening and closing are bounded: a stalled sound server accepts the connection and
    never answers, and miniaudio would wait on it for ever.
    """

    def __init__(self, sample_rate: int, device_name: str | None = None) -> None:
        self.sample_rate = sample_rate
        self._asked = device_name
        self._closed = False
        with _quiet_stderr():
            self._device, self.name = _bounded(
                OPEN_TIMEOUT_S,
                lambda: _open_playback(sample_rate, device_name),
                discard=lambda opened: opened[0].close(),
            )

    def start(self, source: AudioSource) -> None:
        """Play ``source``. What Python holds now (the article, the player's screen) is
        kept out of the collector's full passes from here on (``gc.freeze``): a full
        pass over it holds the GIL longer than a period (56-82 ms over 400,000 objects
        here, 20 ms over the player's own heap), so the callback, which needs the GIL,
        came late and the listener heard a click."""
        gc.freeze()
        miniaudio = _miniaudio()
        try:
            self._device.start(source)
        except miniaudio.MiniaudioError as error:
            raise AudioDeviceError(f"cannot start the audio device ({_reason(error)})") from None

    def reopened(self) -> MiniaudioDevice:
        return MiniaudioDevice(self.sample_rate, self._asked)

    def close(self) -> None:
        """Close the device; one whose server does not answer is left behind (its thread
        holds it, so it is never collected, whose ``__del__`` would wait again)."""
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(AudioDeviceError):
            _bounded(CLOSE_TIMEOUT_S, self._device.close)


@dataclass(frozen=True)
class OpenedOutput:
    """The device that was opened, and a note for the user if it is not the one asked for."""

    device: OutputDevice
    note: str | None = None


def open_output(name: str | None, sample_rate: int) -> OpenedOutput:
    """Open ``name`` ("null", a device name, or ``None`` for the default).

    ``READOUT_AUDIO_DEVICE`` stands in when ``name`` is ``None``. When no real device
    opens, the null device is used and the note says so.
    """
    name = name or os.environ.get("READOUT_AUDIO_DEVICE") or None
    if name == NULL_DEVICE:
        return OpenedOutput(NullDevice(sample_rate))
    try:
        return OpenedOutput(MiniaudioDevice(sample_rate, name))
    except (AudioDeviceError, ImportError, OSError) as error:
        if name is not None:
            raise AudioDeviceError(f"cannot open audio device {name!r}: {error}") from None
        return OpenedOutput(
            NullDevice(sample_rate),
            note="no audio device could be opened; playing silently (the null device)",
        )


def list_devices() -> list[str]:
    """Names of the output devices the system offers (besides "null"); none when no
    sound system answers in time."""
    try:
        with _quiet_stderr():
            return _bounded(OPEN_TIMEOUT_S, lambda: [str(d["name"]) for d in _playbacks()])
    except Exception:  # no audio system at all: there is still the null device
        return []


def _playbacks() -> list[dict[str, Any]]:
    """The sound system's playback devices (miniaudio's dicts: name, id...).

    Raises:
        AudioDeviceError: the sound system cannot list them (ALSA routed to a
            PulseAudio that is not running fails so, for one).
    """
    miniaudio = _miniaudio()
    try:
        playbacks: list[dict[str, Any]] = miniaudio.Devices().get_playbacks()
    except miniaudio.MiniaudioError as error:
        raise AudioDeviceError(f"the sound system lists no devices ({_reason(error)})") from None
    return playbacks


def _open_playback(sample_rate: int, device_name: str | None) -> tuple[Any, str]:
    """A miniaudio playback device and its name: ``device_name``'s, or the default's."""
    miniaudio = _miniaudio()
    device_id, name = None, "default"
    if device_name is not None:
        device_id, name = _find_device(device_name)
    try:
        device = miniaudio.PlaybackDevice(
            output_format=miniaudio.SampleFormat.SIGNED16,
            nchannels=1,
            sample_rate=sample_rate,
            buffersize_msec=BUFFER_MS,
            device_id=device_id,
            # The callback must run on time while every core is busy: where the system
            # allows it (root, or an rtprio limit) its thread is real-time, else normal.
            thread_prio=miniaudio.ThreadPriority.REALTIME,
            app_name="readout",
        )
    except miniaudio.MiniaudioError as error:
        raise AudioDeviceError(f"cannot open the audio device ({_reason(error)})") from None
    return device, name


def _find_device(name: str) -> tuple[Any, str]:
    """The id and full name of the device called ``name`` (or whose name contains it,
    in any case).

    Raises:
        UsageError: no such device (the message lists those there are).
        AudioDeviceError: no sound system offers any device.
    """
    devices = _playbacks()
    for device in devices:
        if device["name"] == name or name.casefold() in str(device["name"]).casefold():
            return device["id"], str(device["name"])
    if not devices:
        raise AudioDeviceError(f"no sound system offers a device named {name!r}")
    choices = ", ".join(repr(str(d["name"])) for d in [*devices, {"name": NULL_DEVICE}])
    raise UsageError(f"no audio device named {name!r}; the devices are {choices}")


def _reason(error: Exception) -> str:
    """miniaudio's words for an error, without the tuple it wraps them in."""
    return str(error.args[0]) if error.args else str(error)


def _bounded(
    seconds: float, action: Callable[[], T], discard: Callable[[T], None] | None = None
) -> T:
    """``action()`` in a thread of its own, waited for ``seconds`` at most.

    A result that comes after that is handed to ``discard`` (a device opened too late
    is closed). Exceptions are raised in the caller.

    Raises:
        AudioDeviceError: ``action`` did not finish in time.
    """
    done = threading.Event()
    lock = threading.Lock()
    outcome: list[T] = []
    failure: list[BaseException] = []
    abandoned = False

    def run() -> None:
        try:
            result = action()
        except BaseException as error:  # handed to the caller
            failure.append(error)
            done.set()
            return
        with lock:
            if abandoned:
                if discard is not None:
                    discard(result)
                return
            outcome.append(result)
            done.set()

    threading.Thread(target=run, name="readout-audio-call", daemon=True).start()
    if not done.wait(seconds):
        with lock:
            if not done.is_set():
                abandoned = True
                raise AudioDeviceError("the sound server does not answer")
    if failure:
        raise failure[0]
    return outcome[0]


def _miniaudio() -> Any:
    """The miniaudio module, imported lean, with ALSA's messages silenced."""
    with _without_numpy():
        import miniaudio
    _silence_alsa()
    return miniaudio


_ALSA_HANDLER: list[object] = []
"""ALSA keeps a pointer to the handler: this keeps the handler."""


def _silence_alsa() -> None:
    """Give ALSA an error handler that says nothing, once.

    miniaudio tries ALSA when no sound server answers, and ALSA writes its complaints
    to stderr from whichever thread asked, even one still asking after it was given up
    on (a stalled server), when ``_quiet_stderr`` no longer holds.
    """
    if _ALSA_HANDLER:
        return
    import ctypes

    try:
        alsa = ctypes.CDLL("libasound.so.2")
    except OSError:
        _ALSA_HANDLER.append(None)  # no ALSA, nothing to say anything
        return
    # void (*)(const char *file, int line, const char *function, int err, const char *fmt, ...)
    prototype = ctypes.CFUNCTYPE(
        None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
    )
    handler = prototype(lambda *_: None)
    alsa.snd_lib_error_set_handler(handler)
    _ALSA_HANDLER.append(handler)


@contextlib.contextmanager
def _without_numpy() -> Iterator[None]:
    """Import miniaudio as if numpy were absent: it loads numpy, when it can, for
    features readout does not use, and that is over half of its import time (55 of
    90 ms here). ``None`` in ``sys.modules`` makes ``import numpy`` fail, which
    miniaudio expects; numpy stays importable for everything after."""
    if "numpy" in sys.modules or "miniaudio" in sys.modules:
        yield
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if sys.modules.get("numpy", "") is None:
            del sys.modules["numpy"]


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Keep ALSA's messages out of the user's terminal while devices are probed."""
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        yield
        return
    sys.stderr.flush()
    saved = os.dup(fd)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
        yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)
        os.close(devnull)
