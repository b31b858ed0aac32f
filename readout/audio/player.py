"""The player: plays a queue of clips through an output device, with live controls.

A clip is one rendered sentence plus the silence after it. The device pulls audio
every period (20 ms on the null device, 30 on a real one); the player hands out the
next frames of the current clip.
Pause hands out silence and freezes the clip's sample clock, so resuming continues at
the same sample. Volume and mute scale samples as they are handed out, so they take
effect within one period and nothing is rendered again. The clock is the position:
word events fire as the frames holding each word's start are handed to the device.

Announcements ("Paused", "Volume 60%") are played as asides: between sentences, never
over one, and at once while paused.

Events are reported through a callback that runs on the audio thread: it must only
hand them on (to a queue), never block.
"""

from __future__ import annotations

import array
import collections
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from readout.audio.output import AudioSource


@dataclass(frozen=True)
class Clip:
    """Audio for one unit: ``pcm`` (int16 mono) then ``pause_frames`` of silence.

    ``word_frames`` are the frame offsets at which words start.
    """

    tag: Any
    pcm: bytes
    pause_frames: int = 0
    word_frames: tuple[int, ...] = ()
    start_frame: int = 0

    @property
    def frames(self) -> int:
        return len(self.pcm) // 2 + self.pause_frames


@dataclass(frozen=True)
class ClipStarted:
    tag: Any


@dataclass(frozen=True)
class ClipFinished:
    tag: Any


@dataclass(frozen=True)
class WordReached:
    tag: Any
    word: int


@dataclass(frozen=True)
class PlayerIdle:
    """Nothing left to play (the queue ran dry)."""


@dataclass(frozen=True)
class DeviceLost:
    """The output device stopped taking audio: its sound server went away or stalled.

    Reported by :class:`~readout.audio.watch.DeviceWatch` through the player's callback,
    from the watch's thread; the player itself stands where the device stopped.
    """

    device: str
    silent_s: float
    """How long the device had taken nothing when it was given up on."""


PlayerEvent = ClipStarted | ClipFinished | WordReached | PlayerIdle | DeviceLost


@dataclass
class _Playing:
    clip: Clip
    offset: int = 0
    next_word: int = 0


class Player:
    """Plays clips in order; every method is safe to call from any thread."""

    def __init__(self, on_event: Callable[[PlayerEvent], None]) -> None:
        self._on_event = on_event
        self._lock = threading.Lock()
        self._queue: collections.deque[Clip] = collections.deque()
        self._current: _Playing | None = None
        self._paused = False
        self._volume = 1.0
        self._muted = False
        self._idle = True
        self._asides: collections.deque[Clip] = collections.deque()
        self._aside: _Playing | None = None

    # --- controls -------------------------------------------------------------

    def enqueue(self, clip: Clip) -> None:
        with self._lock:
            self._queue.append(clip)
            self._idle = False

    def say_aside(self, clip: Clip) -> None:
        """Play ``clip`` (an announcement) between sentences, never over one: at once
        when paused or idle, otherwise when the current sentence ends. The article's
        clock does not move while it plays, and it fires no events."""
        with self._lock:
            self._asides.append(clip)

    def clear(self, *, asides: bool = True) -> None:
        """Drop the current clip, everything queued and (unless told not to) any aside,
        without events: a move interrupts a slow repeat or a spelling as it does a
        sentence."""
        with self._lock:
            self._queue.clear()
            self._current = None
            if asides:
                self._aside = None
                self._asides.clear()

    def drop_queued(self) -> list[Any]:
        """Drop what is queued but keep playing the current clip; return the dropped tags."""
        with self._lock:
            tags = [clip.tag for clip in self._queue]
            self._queue.clear()
            return tags

    def pause(self) -> None:
        with self._lock:
            self._paused = True

    def resume(self) -> None:
        with self._lock:
            self._paused = False

    @property
    def paused(self) -> bool:
        return self._paused

    def set_volume(self, volume: float) -> None:
        with self._lock:
            self._volume = min(1.0, max(0.0, volume))

    def set_muted(self, muted: bool) -> None:
        with self._lock:
            self._muted = muted

    def seek(self, frames: int) -> bool:
        """Move within the current clip by ``frames``; False if that leaves the clip."""
        with self._lock:
            playing = self._current
            if playing is None:
                return False
            target = playing.offset + frames
            if not 0 <= target < playing.clip.frames:
                return False
            playing.offset = target
            playing.next_word = sum(1 for f in playing.clip.word_frames if f < target)
            return True

    def position(self) -> tuple[Any, int] | None:
        """(tag, frame offset) of the clip playing now, or None."""
        with self._lock:
            if self._current is None:
                return None
            return self._current.clip.tag, self._current.offset

    def pending(self) -> int:
        """Clips playing or queued."""
        with self._lock:
            return len(self._queue) + (self._current is not None)

    # --- the audio side -----------------------------------------------------------

    def source(self) -> AudioSource:
        """A primed generator for an output device."""
        generator = self._generate()
        next(generator)
        return generator

    def _generate(self) -> AudioSource:
        wanted = yield b""
        while True:
            wanted = yield self._next_frames(wanted)

    def _next_frames(self, wanted: int) -> bytes:
        events: list[PlayerEvent] = []
        out = bytearray()
        with self._lock:
            while len(out) < wanted * 2:
                if self._aside is None and self._asides and (self._paused or self._current is None):
                    self._aside = _Playing(self._asides.popleft())
                if self._aside is not None:
                    aside = self._aside
                    take = min(wanted - len(out) // 2, aside.clip.frames - aside.offset)
                    out += _frames(aside.clip, aside.offset, aside.offset + take)
                    aside.offset += take
                    if aside.offset >= aside.clip.frames:
                        self._aside = None
                    continue
                if self._paused:
                    break
                if self._current is None:
                    if not self._queue:
                        if not self._idle:
                            self._idle = True
                            events.append(PlayerIdle())
                        break
                    clip = self._queue.popleft()
                    first_word = sum(1 for f in clip.word_frames if f < clip.start_frame)
                    self._current = _Playing(clip, clip.start_frame, first_word)
                    events.append(ClipStarted(clip.tag))
                playing = self._current
                clip = playing.clip
                take = min(wanted - len(out) // 2, clip.frames - playing.offset)
                start, end = playing.offset, playing.offset + take
                out += _frames(clip, start, end)
                while (
                    playing.next_word < len(clip.word_frames)
                    and clip.word_frames[playing.next_word] < end
                ):
                    events.append(WordReached(clip.tag, playing.next_word))
                    playing.next_word += 1
                playing.offset = end
                if end >= clip.frames:
                    events.append(ClipFinished(clip.tag))
                    self._current = None
            volume = 0.0 if self._muted else self._volume
        if len(out) < wanted * 2:
            out += bytes(wanted * 2 - len(out))
        for event in events:
            self._on_event(event)
        return _scaled(bytes(out), volume)


def _frames(clip: Clip, start: int, end: int) -> bytes:
    """Frames ``start:end`` of a clip: its audio, then its trailing silence."""
    audio_end = len(clip.pcm) // 2
    out = clip.pcm[start * 2 : min(end, audio_end) * 2] if start < audio_end else b""
    if end > audio_end:
        out += bytes((end - max(start, audio_end)) * 2)
    return out


def _scaled(frames: bytes, volume: float) -> bytes:
    if volume >= 0.999:
        return frames
    if volume <= 0.0:
        return bytes(len(frames))
    samples = array.array("h", frames)
    return array.array("h", [int(sample * volume) for sample in samples]).tobytes()
