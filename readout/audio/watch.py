"""Notices when the output device stops taking audio, and opens it again when asked.

A working device pulls audio every period, paused or not (a paused player hands out
silence), so one that has pulled nothing for :data:`STALL_S` is gone: its sound server
was killed or stalled, or the device was unplugged. miniaudio says nothing in those
cases (its stop callback "doesn't work consistently", its own docs say), which is why
the pulls are watched rather than the device asked.

The player's position is its sample clock, so a lost device leaves it where the
device stopped taking samples; a reopened device pulls on from there.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from readout.audio.output import AudioSource, NullDevice, OutputDevice
from readout.audio.player import DeviceLost

STALL_S = 1.0
"""Silence from the device for this long, once it is playing, means it is lost."""
START_GRACE_S = 2.5
"""Before its first pulls come regularly a device may take longer: an idle PulseAudio
null sink sleeps up to 2 s before it takes a new stream's second block."""
CHECK_S = 0.1


class DeviceWatch:
    """Feeds a device from a player's source, and reports when it stops pulling.

    Args:
        device: An opened device, not yet started.
        new_source: A fresh primed source from the player (``Player.source``); each
            device gets its own, and one given up on is cut off from the player, so a
            stalled server that comes back cannot take the new device's audio.
        on_lost: Told once per loss, from the watch's thread; must not block.
    """

    def __init__(
        self,
        device: OutputDevice,
        new_source: Callable[[], AudioSource],
        on_lost: Callable[[DeviceLost], None],
        *,
        stall_s: float = STALL_S,
        start_grace_s: float = START_GRACE_S,
    ) -> None:
        self._device = device
        self._new_source = new_source
        self._on_lost = on_lost
        self._stall_s = stall_s
        self._start_grace_s = start_grace_s
        self._lock = threading.Lock()
        self._generation = 0
        self._pulls = 0
        self._last_pull = time.monotonic()
        self._lost = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def device(self) -> OutputDevice:
        return self._device

    @property
    def lost(self) -> bool:
        """True from a loss until a device takes audio again."""
        return self._lost

    def start(self) -> None:
        """Start the device; watch it unless it is the null device, which cannot go away
        (and pulls every millisecond in tests: it is fed straight from the player)."""
        if isinstance(self._device, NullDevice):
            self._device.start(self._new_source())
            return
        self._feed(self._device)
        self._thread = threading.Thread(
            target=self._watch, name="readout-device-watch", daemon=True
        )
        self._thread.start()

    def reopen(self) -> None:
        """Play on a new device like the lost one, from where the player stands.

        A device that took audio again since (a stalled server that went on) is kept.

        Raises:
            AudioDeviceError: no device could be opened (yet).
        """
        with self._lock:
            if time.monotonic() - self._last_pull < self._stall_s:
                self._lost = False
                return
            old = self._device
            self._generation += 1  # the old device, should it wake, hands out only silence
        old.close()
        device = old.reopened()
        with self._lock:
            self._device = device
        self._feed(device)
        with self._lock:
            self._lost = False

    def close(self) -> None:
        self._stop.set()
        self._device.close()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(1.0)

    def _feed(self, device: OutputDevice) -> None:
        with self._lock:
            self._pulls = 0
            self._last_pull = time.monotonic()
            generation = self._generation
        source = self._tapped(self._new_source(), generation)
        next(source)
        device.start(source)

    def _tapped(self, source: AudioSource, generation: int) -> AudioSource:
        """``source``, noting each pull, while ``generation`` is the current one."""
        wanted = yield b""
        while True:
            if generation != self._generation:
                wanted = yield bytes(wanted * 2)
                continue
            self._pulls += 1  # only this device's thread writes these
            self._last_pull = time.monotonic()
            wanted = yield source.send(wanted)

    def _watch(self) -> None:
        while not self._stop.wait(CHECK_S):
            lost = self._newly_lost()
            if lost is not None:
                self._on_lost(lost)

    def _newly_lost(self) -> DeviceLost | None:
        with self._lock:
            if self._lost:
                return None
            limit = self._stall_s if self._pulls >= 2 else self._start_grace_s
            silent = time.monotonic() - self._last_pull
            if silent < limit:
                return None
            self._lost = True
            return DeviceLost(self._device.name, round(silent, 1))
