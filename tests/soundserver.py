"""A private PulseAudio sound server with one null sink, and a recorder on its monitor.

Tests of the real sound path play through miniaudio's PulseAudio backend into this
server, never the user's: it runs in a runtime directory of its own
(``XDG_RUNTIME_DIR``, ``PULSE_RUNTIME_PATH``), clients find it through
``PULSE_SERVER``, it lets any client in (``auth-anonymous=1``, so a test that moves
``HOME`` still connects) and clients never start another one (``autospawn = no``
in the ``PULSE_CLIENTCONFIG`` it names).

The sink takes s16le mono at 22,050 Hz, espeak's own format: the server converts
nothing, so the recording holds the very samples readout handed over. The recorder
asks for 10 ms of latency, which also keeps the sink running in small blocks (an idle
null sink sleeps 2 s between blocks, and a new stream would wait that long).

No pytest here: the benchmarks use it too.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

SINK = "readout_test"
SINK_DESCRIPTION = "Null Output"
"""What miniaudio (and so ``readout devices``) calls the sink; it is the default one."""
OTHER_SINK = "readout_other"
OTHER_DESCRIPTION = "Second Output"
"""A second sink, so that choosing a device by name is seen to choose."""
RATE = 22050
RECORDER_LATENCY_S = 0.01
"""The recorder asks for this; the sink then renders at most this far ahead of the
clock, and a block reaches the recorder up to that early."""
READY_TIMEOUT_S = 10.0

Samples = npt.NDArray[np.int16]


def missing_tools() -> list[str]:
    """The programs this needs that the machine lacks (Debian: pulseaudio, pulseaudio-utils)."""
    return [tool for tool in ("pulseaudio", "parec") if shutil.which(tool) is None]


class SoundServer:
    """One private PulseAudio; start, kill, stall (SIGSTOP) and restart it at will."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.runtime = directory / "pulse"
        self.socket = self.runtime / "native"
        self.log = directory / "pulseaudio.log"
        self._process: subprocess.Popen[bytes] | None = None
        self.runtime.mkdir(parents=True, exist_ok=True)
        client_conf = directory / "client.conf"
        # Shared memory off: PulseAudio 16 aborts on a memfd race when clients come and
        # go quickly (pulseaudio#824, "Cannot send block reference with non-registered
        # memfd ID"); over the socket alone it does not.
        client_conf.write_text("autospawn = no\nenable-shm = no\nenable-memfd = no\n", "utf-8")
        self.env = {
            "PULSE_SERVER": f"unix:{self.socket}",
            "XDG_RUNTIME_DIR": str(directory),
            "PULSE_RUNTIME_PATH": str(self.runtime),
            "PULSE_CLIENTCONFIG": str(client_conf),
        }
        """What a client needs to find this server and no other."""

    @property
    def pid(self) -> int:
        assert self._process is not None, "the server is not running"
        return self._process.pid

    def start(self) -> None:
        """Start the server and wait until it takes connections."""
        self.socket.unlink(missing_ok=True)
        (self.runtime / "pid").unlink(missing_ok=True)  # left by a killed server
        command = [
            "pulseaudio", "--daemonize=no", "-n", "--exit-idle-time=-1", "--disallow-exit",
            "--disable-shm=yes",
            f"--log-target=file:{self.log}",
            f"--load=module-null-sink sink_name={SINK} format=s16le rate={RATE} channels=1",
            f"--load=module-null-sink sink_name={OTHER_SINK} format=s16le rate={RATE} channels=1"
            f" sink_properties='device.description=\"{OTHER_DESCRIPTION}\"'",
            f"--load=module-native-protocol-unix auth-anonymous=1 socket={self.socket}",
        ]  # fmt: skip
        server_env = {
            **os.environ,
            **self.env,
            "HOME": str(self.directory),  # its cookie and state go here, not to the user's home
            "XDG_CONFIG_HOME": str(self.directory / "config"),
            "PULSE_STATE_PATH": str(self.directory / "state"),
        }
        self._process = subprocess.Popen(
            command, env=server_env, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                break
            if self._accepts():
                return
            time.sleep(0.02)
        log = self.log.read_text("utf-8", "replace") if self.log.exists() else ""
        raise RuntimeError(f"the private PulseAudio did not start: {log.strip()[-500:]}")

    def _accepts(self) -> bool:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            try:
                probe.connect(str(self.socket))
            except OSError:
                return False
        return True

    def kill(self) -> None:
        """Kill the server outright, as a crash would."""
        if self._process is not None:
            self._process.kill()
            self._process.wait(10)
            self._process = None

    def stall(self) -> None:
        """Stop the server (SIGSTOP): its clients stay connected, and nothing is played."""
        os.kill(self.pid, signal.SIGSTOP)

    def unstall(self) -> None:
        os.kill(self.pid, signal.SIGCONT)

    def stop(self) -> None:
        """Stop the server for good, stalled or not."""
        if self._process is None:
            return
        self.unstall()
        self._process.terminate()
        try:
            self._process.wait(5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(5)
        self._process = None

    def record(self, sink: str = SINK) -> Recorder:
        """Start recording what ``sink`` plays; returns once the first samples arrive."""
        return Recorder(self.env, sink)


@dataclass(frozen=True)
class Recording:
    """What the sink played, and when each part of it reached the recorder.

    Attributes:
        samples: int16 mono at :data:`RATE`.
        start: ``time.monotonic()`` at which sample 0 was played. The sink plays by
            the monotonic clock and renders up to one block (:data:`RECORDER_LATENCY_S`)
            ahead of it; the earliest arrival of a block, less the samples before it,
            plus that block, is the estimate: late by the recorder's own delay (a few
            ms), never early.
    """

    samples: Samples
    start: float

    def index_at(self, moment: float) -> int:
        """The sample that was playing at ``moment`` (a ``time.monotonic()``)."""
        return max(0, round((moment - self.start) * RATE))

    def time_of(self, index: int) -> float:
        return self.start + index / RATE


class Recorder:
    """``parec`` on the sink's monitor, raw, read by a thread that notes arrival times."""

    def __init__(self, env: dict[str, str], sink: str = SINK) -> None:
        command = [
            "parec", "-d", f"{sink}.monitor", "--raw", "--format=s16le", f"--rate={RATE}",
            "--channels=1", f"--latency-msec={round(RECORDER_LATENCY_S * 1000)}",
        ]  # fmt: skip
        self._process = subprocess.Popen(
            command, env={**os.environ, **env}, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self._data = bytearray()
        self._start = float("inf")
        self._arrived = threading.Event()
        self._thread = threading.Thread(target=self._read, name="recorder", daemon=True)
        self._thread.start()
        if not self._arrived.wait(READY_TIMEOUT_S):
            self._process.kill()
            raise RuntimeError("parec recorded nothing from the private sound server")

    def _read(self) -> None:
        assert self._process.stdout is not None
        fd = self._process.stdout.fileno()
        while chunk := os.read(fd, 1 << 16):  # all there is: a chunk starts a block
            now = time.monotonic()
            self._start = min(self._start, now - len(self._data) // 2 / RATE)
            self._data += chunk
            self._arrived.set()

    def stop(self) -> Recording:
        """Stop recording; what the sink played from the first sample on."""
        self._process.terminate()
        self._process.wait(5)
        self._thread.join(5)
        usable = len(self._data) // 2 * 2
        samples = np.frombuffer(bytes(self._data[:usable]), dtype="<i2")
        return Recording(samples, self._start + RECORDER_LATENCY_S)
