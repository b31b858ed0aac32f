"""The device watch around a real null device that a double stalls, as a stopped sound
server stalls a real one (the real thing is in tests/integration/test_device_faults.py)."""

from __future__ import annotations

import threading
import time

from readout.audio.output import AudioSource, NullDevice
from readout.audio.player import Clip, DeviceLost, Player
from readout.audio.watch import DeviceWatch

RATE = 22050
STALL_S = 0.2
GRACE_S = 1.5


class Stalling:
    """A null device whose pulls stop after ``pulls`` of them: its thread waits inside
    the pull, as miniaudio's does on a stalled server."""

    name = "Stalling Output"

    def __init__(self, pulls: int) -> None:
        self.sample_rate = RATE
        self._inner = NullDevice(RATE)
        self._left = pulls
        self._released = threading.Event()

    def start(self, source: AudioSource) -> None:
        gated = self._gated(source)
        next(gated)
        self._inner.start(gated)

    def _gated(self, source: AudioSource) -> AudioSource:
        wanted = yield b""
        while True:
            if self._left <= 0:
                self._released.wait()
            self._left -= 1
            wanted = yield source.send(wanted)

    def close(self) -> None:
        self._released.set()
        self._inner.close()

    def reopened(self) -> NullDevice:
        return NullDevice(RATE)


def watching(device: Stalling | NullDevice) -> tuple[DeviceWatch, Player, list[DeviceLost]]:
    lost: list[DeviceLost] = []
    player = Player(lambda event: None)
    player.enqueue(Clip("long", bytes(RATE * 2 * 60)))
    watch = DeviceWatch(device, player.source, lost.append, stall_s=STALL_S, start_grace_s=GRACE_S)
    watch.start()
    return watch, player, lost


def wait_until(condition: object, timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
        time.sleep(0.01)


def test_a_device_that_stops_pulling_is_reported_once_with_its_name() -> None:
    watch, _, lost = watching(Stalling(pulls=10))
    wait_until(lambda: lost)
    time.sleep(3 * STALL_S)
    watch.close()
    assert len(lost) == 1 and lost[0].device == "Stalling Output"
    assert STALL_S <= lost[0].silent_s < GRACE_S  # not given the start's grace: it had played


def test_a_device_that_never_pulls_twice_is_given_the_start_grace() -> None:
    started = time.monotonic()
    watch, _, lost = watching(Stalling(pulls=1))
    wait_until(lambda: lost)
    watch.close()
    assert lost and time.monotonic() - started >= GRACE_S


def test_reopen_plays_on_from_where_the_player_stands_on_a_new_device() -> None:
    watch, player, lost = watching(Stalling(pulls=10))
    wait_until(lambda: lost)
    position = player.position()
    watch.reopen()
    assert not watch.lost and isinstance(watch.device, NullDevice)
    wait_until(lambda: player.position() != position)
    moved = player.position()
    watch.close()
    assert position is not None and moved is not None and moved[1] > position[1]
    assert len(lost) == 1


def test_the_null_device_is_not_watched_it_cannot_go_away() -> None:
    watch, _, lost = watching(NullDevice(RATE))
    watch.device.close()  # stops pulling: nothing to report, nothing that could be lost
    time.sleep(GRACE_S + 2 * STALL_S)
    watch.close()
    assert lost == []
