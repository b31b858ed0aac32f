"""Speech throughput: readout's WAV export beside raw ``espeak-ng -w`` on the same text.

Run from the repository root (needs the ``espeak-ng`` program for the comparison,
e.g. ``apt-get install espeak-ng``; readout itself does not need it):

    python benchmarks/speech.py [--repeat 3]

For the bundled article and a text ten times longer, it reports audio seconds per
wall-clock second for ``readout export`` (a whole process: start, extraction,
normalisation, synthesis, writing) and for ``espeak-ng -w`` given exactly the text
readout speaks (``readout text --spoken``), best of ``--repeat`` runs, and the ratio.
It also times the first sentence's PCM in-process, for each engine.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "assets" / "sample-article.txt"
RATE = 175


def wav_seconds(path: Path) -> float:
    with wave.open(str(path)) as wav:
        return wav.getnframes() / wav.getframerate()


def best_time(command: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        best = min(best, time.perf_counter() - started)
    return best


def ten_times_longer(directory: Path) -> Path:
    """The sample with its body repeated ten times, in the same scraped shape."""
    lines = SAMPLE.read_text("utf-8").splitlines()
    footnote = next(i for i, line in enumerate(lines) if line.startswith("*"))
    header, body, rest = lines[:3], lines[3:footnote], lines[footnote:]
    longer = directory / "sample-x10.txt"
    longer.write_text("\n".join(header + body * 10 + rest) + "\n", "utf-8")
    return longer


def first_sentence_ms(engine_name: str) -> float:
    code = (
        "import time; t=time.perf_counter()\n"
        "from readout.speech.engines import start_engine\n"
        f"w=start_engine({engine_name!r})\n"
        "w.synthesize('The Riverside branch library will keep one room open late.', None, 175)\n"
        "print((time.perf_counter()-t)*1000)\n"
        "w.close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    )
    return float(result.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    espeak = shutil.which("espeak-ng")
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        inputs = {"sample": SAMPLE, "sample x10": ten_times_longer(tmp)}
        print(f"{'text':12} {'audio s':>8} {'readout x':>10} {'espeak-ng x':>12} {'ratio':>6}")
        for label, path in inputs.items():
            out = tmp / "readout.wav"
            readout_cmd = [sys.executable, "-m", "readout", "export", str(path), "-o", str(out)]
            readout_s = best_time([*readout_cmd, "--rate", str(RATE)], args.repeat)
            audio = wav_seconds(out)
            readout_speed = audio / readout_s
            if espeak is None:
                print(f"{label:12} {audio:8.1f} {readout_speed:10.0f} {'(no espeak-ng)':>12}")
                continue
            spoken = subprocess.run(
                [sys.executable, "-m", "readout", "text", str(path), "--spoken"],
                check=True, capture_output=True,
            ).stdout  # fmt: skip
            text_file = tmp / "spoken.txt"
            text_file.write_bytes(spoken)
            raw_out = tmp / "espeak.wav"
            espeak_s = best_time(
                [espeak, "-s", str(RATE), "-w", str(raw_out), "-f", str(text_file)], args.repeat
            )
            espeak_speed = wav_seconds(raw_out) / espeak_s
            print(
                f"{label:12} {audio:8.1f} {readout_speed:10.0f} {espeak_speed:12.0f} "
                f"{readout_speed / espeak_speed:6.2f}"
            )
    for engine in ("espeak", "pyttsx3"):
        print(
            f"first sentence PCM, {engine} engine, from process start: {first_sentence_ms(engine):.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
