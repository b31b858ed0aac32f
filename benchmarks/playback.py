"""Playback responsiveness: start-up to first sound, control latency, CPU, long inputs.

Run from the repository root:

    python benchmarks/playback.py

In one run:
- process start to the first audio sample handed to the device, for ``readout read``
  with the null device and with the default device path, beside minimal scripts that
  only load the speech engine (and the audio library) and play the first sentence
  (the practical limit), medians of interleaved runs;
- pause -> silence and volume -> audible change latency (median and max over 50 tries);
- the same through a real device, where PulseAudio is installed: a private server
  (tests/soundserver.py) with a null sink, recorded at its monitor: process start to
  the first sample heard on the sink, pause to silence and volume to the level
  change, as recorded (the recording's own clock), beside the null-device figures;
- CPU used while playing;
- time to first sound and peak memory for a 1,000,000-character article.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.soundserver import SINK_DESCRIPTION, Recording, SoundServer, missing_tools

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "assets" / "sample-article.txt"
RUNS = 21

# Runs `readout read` in-process after a normal interpreter start, and reports the wall
# time at which the null device first takes a non-silent sample.
FIRST_SOUND = textwrap.dedent(
    """
    import os, sys, threading, time
    import readout.audio.output as output
    devices = []
    original = output.NullDevice.__init__
    def spy(self, *args, **kwargs):
        original(self, *args, **kwargs)
        devices.append(self)
    output.NullDevice.__init__ = spy
    def watch():
        while True:
            for device in devices:
                if device.first_sound_at is not None:
                    offset = time.time() - time.monotonic()
                    line = f"first-sound {device.first_sound_at + offset:.6f}\\n"
                    report = os.environ.get("FIRST_SOUND_FILE")
                    if report:
                        with open(report, "w") as stream:
                            stream.write(line)
                    else:
                        sys.stderr.write(line)
                        sys.stderr.flush()
                    os._exit(0)
            time.sleep(0.001)
    threading.Thread(target=watch, daemon=True).start()
    from readout.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)

MINIMAL = textwrap.dedent(
    """
    import time
    from readout.speech.espeak import EspeakLibrary
    library = EspeakLibrary.get()
    pcm, _ = library.synthesize("Night reading room opens for shift workers", "en", 175, 50)
    print(f"{time.time():.6f}", flush=True)
    """
)


# The practical limit with a sound library: load the engine and miniaudio, render the
# first sentence, and start a playback device (the null backend here when the machine
# has no sound card, as on CI), timing the first non-silent frames it asks for.
MINIMAL_WITH_AUDIO = textwrap.dedent(
    """
    import os, sys, time
    import miniaudio
    from readout.speech.espeak import EspeakLibrary
    library = EspeakLibrary.get()
    pcm, _ = library.synthesize("Night reading room opens for shift workers", "en", 175, 50)
    def source():
        frames = yield b""
        print(f"{time.time():.6f}", flush=True)
        os._exit(0)
    try:
        device = miniaudio.PlaybackDevice(output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=22050)
    except miniaudio.MiniaudioError:
        device = miniaudio.PlaybackDevice(output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=22050, backends=[miniaudio.Backend.NULL])
    generator = source()
    next(generator)
    device.start(generator)
    time.sleep(5)
    """
)


# The same, importing miniaudio the way readout does (without numpy, which it would load
# for features neither uses): the strictest floor with a sound library.
MINIMAL_WITH_LEAN_AUDIO = MINIMAL_WITH_AUDIO.replace(
    "import miniaudio\n",
    'sys.modules["numpy"] = None\nimport miniaudio\ndel sys.modules["numpy"]\n',
    1,
)


def first_sound_s(args: list[str], env: dict[str, str]) -> float:
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", FIRST_SOUND, *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return _first_sound(result.stderr) - started


def _first_sound(stderr: str) -> float:
    line = next(line for line in stderr.splitlines() if line.startswith("first-sound "))
    return float(line.split()[1])


def minimal_s(env: dict[str, str], script: str = MINIMAL) -> float:
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    return float(result.stdout.strip().splitlines()[-1]) - started


def tui_first_sound_s(env: dict[str, str], scratch: Path, article: Path = SAMPLE) -> float:
    """The same measurement for the full-screen player, which needs a terminal."""
    import pty

    report = scratch / "first-sound.txt"
    report.unlink(missing_ok=True)
    master, slave = pty.openpty()
    started = time.time()
    child = subprocess.Popen(
        [sys.executable, "-c", FIRST_SOUND, str(article), "--audio-device", "null", "--no-resume"],
        stdin=slave, stdout=slave, stderr=slave, env={**env, "FIRST_SOUND_FILE": str(report), "TERM": "xterm-256color"},
    )  # fmt: skip
    os.close(slave)
    deadline = time.time() + 20
    while not report.exists() and time.time() < deadline:
        try:
            os.read(master, 65536)  # keep the terminal drained
        except OSError:
            break
    child.wait(10)
    os.close(master)
    return _first_sound(report.read_text()) - started


def control_latency() -> tuple[list[float], list[float]]:
    """Seconds from pause() to the first silent period, and from set_volume() to the change."""
    import array

    from readout.audio.output import NullDevice
    from readout.audio.player import Clip, Player

    pause_delays, volume_delays = [], []
    loud = array.array("h", [8000] * 22050 * 60).tobytes()
    for _ in range(50):
        marks: dict[str, float] = {}
        player = Player(lambda event: None)
        device = NullDevice(22050)
        source = player.source()

        def watched(frames: int, source=source, marks=marks) -> bytes:  # type: ignore[no-untyped-def]
            chunk = source.send(frames)
            samples = array.array("h", chunk)
            now = time.monotonic()
            if "pause" in marks and "silent" not in marks and not any(samples):
                marks["silent"] = now
            if "volume" in marks and "changed" not in marks and samples and samples[0] == 4000:
                marks["changed"] = now
            return bytes(chunk)

        class Tap:
            def send(self, frames: int) -> bytes:
                return watched(frames)

        player.enqueue(Clip("x", loud))
        device.start(Tap())  # type: ignore[arg-type]
        time.sleep(0.1)
        marks["volume"] = time.monotonic()
        player.set_volume(0.5)
        time.sleep(0.06)
        marks["pause"] = time.monotonic()
        player.pause()
        time.sleep(0.06)
        device.close()
        pause_delays.append(marks["silent"] - marks["pause"])
        volume_delays.append(marks["changed"] - marks["volume"])
    return pause_delays, volume_delays


def real_device_first_sound_s(server: SoundServer, env: dict[str, str]) -> float:
    """Process start to the first sample heard on the private server's sink."""
    from tests.listening import SILENCE

    recorder = server.record()
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "readout", "read", str(SAMPLE), "--audio-device", SINK_DESCRIPTION, "--no-resume"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env={**env, **server.env},
    )  # fmt: skip
    time.sleep(3.0)  # the first sound comes well within this
    child.kill()
    child.wait()
    recording = recorder.stop()
    loud = [index for index, sample in enumerate(recording.samples) if abs(sample) > SILENCE]
    return recording.time_of(loud[0]) - started


def real_device_control_latency(
    server: SoundServer, tries: int = 20
) -> tuple[list[float], list[float]]:
    """Seconds from pause() to silence and from set_volume() to the new level, as
    recorded at the sink, for a constant tone played by a Player on the real device."""
    import array

    from readout.audio.output import open_output
    from readout.audio.player import Clip, Player

    player = Player(lambda event: None)
    player.enqueue(Clip("tone", array.array("h", [8000] * 22050 * 120).tobytes()))
    recorder = server.record()
    with _environment(server.env):
        device = open_output(SINK_DESCRIPTION, 22050).device
    device.start(player.source())
    pauses, volumes = [], []
    for _ in range(tries):
        time.sleep(0.3)
        pauses.append(("pause", time.monotonic()))
        player.pause()
        time.sleep(0.2)
        player.resume()
        time.sleep(0.3)
        volumes.append(("volume", time.monotonic()))
        player.set_volume(0.5)
        time.sleep(0.2)
        player.set_volume(1.0)
    time.sleep(0.3)
    device.close()
    samples = recorder.stop()
    return (
        [
            _heard_after(samples, moment, lambda sample: sample == 0) - moment
            for _, moment in pauses
        ],
        [
            _heard_after(samples, moment, lambda sample: sample == 4000) - moment
            for _, moment in volumes
        ],
    )


def _heard_after(recording: Recording, moment: float, changed: Callable[[int], bool]) -> float:
    """When the first changed sample played, searching from 100 ms before ``moment``
    (the tone is steady there: the change before came 200 ms earlier still)."""
    index = recording.index_at(moment - 0.1)
    while not changed(int(recording.samples[index])):
        index += 1
    return recording.time_of(index)


@contextlib.contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def real_device_rows(
    env: dict[str, str], null_pauses: list[float], null_volumes: list[float]
) -> None:
    if missing_tools():
        print(
            "real device: not measured (no PulseAudio here: apt-get install pulseaudio pulseaudio-utils)"
        )
        return
    with tempfile.TemporaryDirectory(prefix="readout-pulse-") as directory:
        server = SoundServer(Path(directory))
        server.start()
        try:
            real_device_first_sound_s(server, env)  # warm-up
            first = statistics.median(real_device_first_sound_s(server, env) for _ in range(7))
            pauses, volumes = real_device_control_latency(server)
        finally:
            server.stop()
    print("real device (a private PulseAudio's null sink, as recorded at its monitor):")
    print(f"  process start -> first sample heard on the sink: {first * 1000:.0f} ms (median of 7)")
    for label, real, null in (
        ("pause -> silence", pauses, null_pauses),
        ("volume -> new level", volumes, null_volumes),
    ):
        print(
            f"  {label}: median {statistics.median(real) * 1000:.0f} ms, max {max(real) * 1000:.0f} ms "
            f"over {len(real)} (null device: median {statistics.median(null) * 1000:.0f} ms, max {max(null) * 1000:.0f} ms)"
        )


def cpu_while_playing(env: dict[str, str], seconds: float = 6.0) -> float:
    child = subprocess.Popen(
        [sys.executable, "-m", "readout", "read", str(SAMPLE), "--audio-device", "null", "--no-resume"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    time.sleep(1.0)  # past start-up
    before = _cpu_seconds(child.pid)
    time.sleep(seconds)
    used = _cpu_seconds(child.pid) - before
    child.kill()
    child.wait()
    return used / seconds


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def long_input(directory: Path) -> Path:
    """A 1,000,000-character scraped article: the sample's body over and over."""
    lines = SAMPLE.read_text("utf-8").splitlines()
    footnote = next(i for i, line in enumerate(lines) if line.startswith("*"))
    header, body, rest = lines[:3], lines[3:footnote], lines[footnote:]
    text = "\n".join(header)
    while len(text) < 1_000_000:
        text += "\n" + "\n".join(body)
    path = directory / "long-article.txt"
    path.write_text(text + "\n" + "\n".join(rest) + "\n", "utf-8")
    return path


def peak_rss_mb_and_first_sound(path: Path, env: dict[str, str]) -> tuple[float, float]:
    started = time.time()
    child = subprocess.Popen(
        [sys.executable, "-c", FIRST_SOUND, "read", str(path), "--audio-device", "null", "--no-resume"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True,
    )  # fmt: skip
    assert child.stderr is not None
    first = _first_sound(child.stderr.read()) - started
    _, _, usage = os.wait4(child.pid, 0)
    return usage.ru_maxrss / 1024, first


def peak_rss_mb_while_playing(path: Path, env: dict[str, str], seconds: float = 3.0) -> float:
    child = subprocess.Popen(
        [sys.executable, "-m", "readout", "read", str(path), "--audio-device", "null", "--no-resume"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    time.sleep(seconds)
    status = Path(f"/proc/{child.pid}/status").read_text()
    child.kill()
    child.wait()
    kilobytes = next(
        int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")
    )
    return kilobytes / 1024


def main() -> int:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "READOUT_HOME": home}
        # As on a user's machine: compiled modules cached (some sandboxes turn that off).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        null_args = ["read", str(SAMPLE), "--audio-device", "null", "--no-resume"]
        default_args = ["read", str(SAMPLE), "--no-resume"]
        long_path = long_input(Path(home))
        long_args = ["read", str(long_path), "--audio-device", "null", "--no-resume"]
        runs: dict[str, Callable[[], float]] = {
            "readout, default device": lambda: first_sound_s(default_args, env),
            "readout, null device": lambda: first_sound_s(null_args, env),
            "readout, null device, 1,000,000 characters": lambda: first_sound_s(long_args, env),
            "engine + miniaudio": lambda: minimal_s(env, MINIMAL_WITH_AUDIO),
            "engine + miniaudio without numpy": lambda: minimal_s(env, MINIMAL_WITH_LEAN_AUDIO),
            "engine only": lambda: minimal_s(env, MINIMAL),
        }
        for run in runs.values():
            run()  # warm-up: writes the caches
        # Interleaved, so that a busy moment on the machine hits all alike.
        times: dict[str, list[float]] = {label: [] for label in runs}
        for _ in range(RUNS):
            for label, run in runs.items():
                times[label].append(run())
        median = {label: statistics.median(values) for label, values in times.items()}
        print(f"process start -> first sample, medians of {RUNS}:")
        for label, value in median.items():
            print(f"  {label}: {value * 1000:.0f} ms")
        for ours, floor in (
            ("readout, null device", "engine + miniaudio"),  # the pairing
            ("readout, default device", "engine + miniaudio"),
            ("readout, default device", "engine + miniaudio without numpy"),
            ("readout, null device", "engine only"),
        ):
            print(f"  ratio {ours} / minimal {floor}: {median[ours] / median[floor]:.2f}")
        with tempfile.TemporaryDirectory() as scratch:
            tui = statistics.median(tui_first_sound_s(env, Path(scratch)) for _ in range(7))
            tui_long = statistics.median(
                tui_first_sound_s(env, Path(scratch), long_path) for _ in range(7)
            )
        print(
            f"full-screen player: process start -> first sample {tui * 1000:.0f} ms, "
            f"{tui_long * 1000:.0f} ms for 1,000,000 characters (medians of 7)"
        )
        pauses, volumes = control_latency()
        print(
            f"pause -> silence: median {statistics.median(pauses) * 1000:.0f} ms, max {max(pauses) * 1000:.0f} ms; "
            f"volume -> audible: median {statistics.median(volumes) * 1000:.0f} ms, max {max(volumes) * 1000:.0f} ms"
        )
        real_device_rows(env, pauses, volumes)
        print(f"CPU while playing: {cpu_while_playing(env) * 100:.1f}% of one core")
        rss = max(peak_rss_mb_and_first_sound(long_path, env)[0] for _ in range(3))
        playing = peak_rss_mb_while_playing(long_path, env)
        first = median["readout, null device, 1,000,000 characters"]
        small = median["readout, null device"]
        print(
            f"1,000,000-character article: first sample after {first * 1000:.0f} ms "
            f"(the sample: {small * 1000:.0f} ms, ratio {first / small:.2f}); "
            f"peak RSS {rss:.0f} MB at the first sample, {playing:.0f} MB after 3 s of playing"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
