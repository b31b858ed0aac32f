"""Audio encoders that take PCM a piece at a time: WAV, MP3, Ogg Vorbis, FLAC.

No system ffmpeg: WAV with the standard library, MP3 with ``lameenc``, Ogg and FLAC with
``soundfile`` (libsndfile in the wheel), each fed in blocks as sentences are rendered
(one huge Ogg write is known to crash libsndfile).
"""

from __future__ import annotations

import wave
from pathlib import Path
from typing import BinaryIO, Protocol

from readout.errors import UsageError

FORMATS = ("wav", "mp3", "ogg", "flac")


class AudioSink(Protocol):
    """Receives 16-bit mono PCM, writes one file."""

    def write(self, pcm: bytes) -> None: ...

    def close(self) -> None: ...


class WavSink:
    def __init__(self, path: Path, sample_rate: int) -> None:
        self._stream: BinaryIO = path.open("wb")
        self._wav = wave.open(self._stream, "wb")  # noqa: SIM115 - closed in close()
        self._wav.setnchannels(1)
        self._wav.setsampwidth(2)
        self._wav.setframerate(sample_rate)

    def write(self, pcm: bytes) -> None:
        self._wav.writeframes(pcm)

    def close(self) -> None:
        self._wav.close()
        self._stream.close()


class Mp3Sink:
    def __init__(self, path: Path, sample_rate: int, bitrate_kbps: int) -> None:
        import lameenc

        self._encoder = lameenc.Encoder()
        self._encoder.set_bit_rate(bitrate_kbps)
        self._encoder.set_in_sample_rate(sample_rate)
        self._encoder.set_channels(1)
        self._encoder.set_quality(
            7
        )  # LAME "fast": no audible loss for 64 kbps speech, 20% less CPU
        self._stream: BinaryIO = path.open("wb")

    def write(self, pcm: bytes) -> None:
        self._stream.write(self._encoder.encode(pcm))

    def close(self) -> None:
        self._stream.write(self._encoder.flush())
        self._stream.close()


class SoundfileSink:
    """Ogg Vorbis or FLAC through libsndfile, written in blocks."""

    def __init__(self, path: Path, sample_rate: int, fmt: str) -> None:
        import soundfile

        subtype = "VORBIS" if fmt == "ogg" else "PCM_16"
        self._file = soundfile.SoundFile(
            str(path), "w", samplerate=sample_rate, channels=1, format=fmt.upper(), subtype=subtype
        )

    def write(self, pcm: bytes) -> None:
        if pcm:
            self._file.buffer_write(pcm, dtype="int16")

    def close(self) -> None:
        self._file.close()


def open_sink(fmt: str, path: Path, sample_rate: int, *, bitrate_kbps: int = 64) -> AudioSink:
    """An encoder for ``fmt`` writing to ``path``."""
    if fmt == "wav":
        return WavSink(path, sample_rate)
    if fmt == "mp3":
        return Mp3Sink(path, sample_rate, bitrate_kbps)
    if fmt in ("ogg", "flac"):
        return SoundfileSink(path, sample_rate, fmt)
    raise UsageError(f"unknown audio format {fmt!r}: choose {', '.join(FORMATS)}")


def format_for(path: Path, given: str | None) -> str:
    """``--format`` if given, else the file's suffix."""
    fmt = (given or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise UsageError(
            f"{path}: cannot tell the audio format from the name; use --format {'|'.join(FORMATS)}"
        )
    return fmt
