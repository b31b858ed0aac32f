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
import os
import sys
import threading
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import Protocol

from readout.errors import AudioDeviceError

AudioSource = Generator[bytes, int, None]
"""Sent a frame count, yields that many int16 mono frames as bytes."""

NULL_DEVICE = "null"
PERIOD_S = 0.02


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


class MiniaudioDevice:
    """A real output device through miniaudio."""

    def __init__(self, sample_rate: int, device_name: str | None = None) -> None:
        with _without_numpy():
            import miniaudio

        self.sample_rate = sample_rate
        device_id = None
        with _quiet_stderr():
            if device_name is not None:
                device_id = _find_device_id(miniaudio, device_name)
            try:
                self._device = miniaudio.PlaybackDevice(
                    output_format=miniaudio.SampleFormat.SIGNED16,
                    nchannels=1,
                    sample_rate=sample_rate,
                    buffersize_msec=40,
                    device_id=device_id,
                    app_name="readout",
                )
            except miniaudio.MiniaudioError as error:
                raise AudioDeviceError(f"cannot open the audio device ({error})") from None
        self.name = str(getattr(self._device, "name", None) or device_name or "default")

    def start(self, source: AudioSource) -> None:
        self._device.start(source)

    def close(self) -> None:
        self._device.close()


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
    """Names of the output devices the system offers (besides "null")."""
    try:
        with _without_numpy():
            import miniaudio

        with _quiet_stderr():
            return [str(d["name"]) for d in miniaudio.Devices().get_playbacks()]
    except Exception:  # no audio system at all: there is still the null device
        return []


def _find_device_id(miniaudio: object, name: str) -> object:
    try:
        with _quiet_stderr():
            devices = miniaudio.Devices().get_playbacks()  # type: ignore[attr-defined]
    except Exception:  # ALSA with no sound card cannot even list: there is no such device
        devices = []
    for device in devices:
        if device["name"] == name or name.casefold() in str(device["name"]).casefold():
            return device["id"]
    raise AudioDeviceError(f"no audio device named {name!r}: see 'readout devices'")


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
