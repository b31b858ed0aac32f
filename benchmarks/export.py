"""Export throughput: readout's WAV and MP3 beside espeak-ng (and lame), and batch scaling.

Run from the repository root (the comparison needs the ``espeak-ng`` program, and
``lame`` where installed; readout itself needs neither):

    python benchmarks/export.py

In one run: on the bundled article and a text ten times longer, audio seconds per
wall-clock second for ``readout export`` to WAV and to MP3 (whole processes), beside
``espeak-ng -w`` given exactly the text readout speaks (then piped through ``lame``
for MP3); and a batch of 20 articles with ``--jobs 1`` and ``--jobs 2``, with the cores each kept busy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speech import SAMPLE, best_time, ten_times_longer

RATE = 175


def audio_seconds(path: Path) -> float:
    if path.suffix == ".wav":
        with wave.open(str(path)) as wav:
            return wav.getnframes() / wav.getframerate()
    from mutagen.mp3 import MP3

    return float(MP3(str(path)).info.length)


def _children_cpu() -> float:
    """CPU seconds the machine has spent busy: the batch's workers are children of
    multiprocessing's fork server, not of ours, so RUSAGE_CHILDREN misses them. Run
    on a quiet machine, the difference over a run is the run's own."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    espeak, lame = shutil.which("espeak-ng"), shutil.which("lame")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        inputs = {"sample": SAMPLE, "sample x10": ten_times_longer(tmp)}
        print(
            f"{'text':12} {'format':6} {'audio s':>8} {'readout x':>10} {'espeak-ng x':>12} {'ratio':>6}"
        )
        for label, path in inputs.items():
            spoken = tmp / "spoken.txt"
            spoken.write_bytes(
                subprocess.run(
                    [sys.executable, "-m", "readout", "text", str(path), "--spoken"],
                    check=True, capture_output=True, env=env,
                ).stdout
            )  # fmt: skip
            for fmt in ("wav", "mp3"):
                out = tmp / f"readout.{fmt}"
                command = [
                    sys.executable,
                    "-m",
                    "readout",
                    "export",
                    str(path),
                    "-o",
                    str(out),
                    "--rate",
                    str(RATE),
                ]
                seconds = best_time(command, 3)
                audio = audio_seconds(out)
                ours = audio / seconds
                if espeak is None or (fmt == "mp3" and lame is None):
                    print(f"{label:12} {fmt:6} {audio:8.1f} {ours:10.0f} {'(not installed)':>12}")
                    continue
                raw = tmp / "espeak.wav"
                baseline = [espeak, "-s", str(RATE), "-w", str(raw), "-f", str(spoken)]
                raw_seconds = best_time(baseline, 3)
                if fmt == "mp3":
                    encode = [lame, "--quiet", "-b", "64", str(raw), str(tmp / "lame.mp3")]
                    raw_seconds += best_time(encode, 3)
                theirs = audio_seconds(raw) / raw_seconds
                print(
                    f"{label:12} {fmt:6} {audio:8.1f} {ours:10.0f} {theirs:12.0f} {ours / theirs:6.2f}"
                )

        articles = tmp / "batch"
        articles.mkdir()
        body = "\n".join(SAMPLE.read_text("utf-8").splitlines()[3:12])
        for number in range(20):
            (articles / f"a{number}.txt").write_text(f"Article {number}\n{body}\n", "utf-8")
        timings, busy = {}, {}
        for jobs in (1, 2):
            out_dir = tmp / f"out-{jobs}"
            command = [sys.executable, "-m", "readout", "export", *map(str, sorted(articles.iterdir())),
                       "--out-dir", str(out_dir), "--format", "mp3", "--jobs", str(jobs), "--force"]  # fmt: skip
            runs = []
            for _ in range(3):
                cpu_before = _children_cpu()
                started = time.perf_counter()
                subprocess.run(command, check=True, capture_output=True, env=env)
                wall = time.perf_counter() - started
                runs.append((wall, (_children_cpu() - cpu_before) / wall))
            timings[jobs], busy[jobs] = min(runs)
        print(
            f"batch of 20 articles to MP3 (best of 3): --jobs 1 {timings[1]:.2f} s "
            f"({busy[1]:.2f} cores busy), --jobs 2 {timings[2]:.2f} s ({busy[2]:.2f} cores busy), "
            f"speed-up {timings[1] / timings[2]:.2f}x on {os.cpu_count()} cores"
        )
        batch_audio = sum(audio_seconds(path) for path in (tmp / "out-1").glob("*.mp3"))
        print(
            f"MP3 on one core (--jobs 1): {batch_audio:.0f} s of audio in {timings[1]:.2f} s, "
            f"{batch_audio / timings[1]:.0f}x real time"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
