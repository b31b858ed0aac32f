"""The sound device going away while readout reads: the private sound server killed,
stalled (SIGSTOP) and started again, with readout driven as a listener would and
through its Python API where the exact sample matters.

Readout's choice: it pauses where the sound stopped and says so in one line; playing
again opens the device again (see the README's "Sound devices").
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from readout.audio.output import CLOSE_TIMEOUT_S, OPEN_TIMEOUT_S
from readout.options import SessionOptions
from readout.reader import Announced, Reader, ReaderEvent, ReaderState, SentenceStarted
from readout.speech.worker import SpeechWorker
from tests.integration.test_plain_mode import Terminal
from tests.integration.test_reader import RenderLog
from tests.integration.test_sound_path import ARTICLE, ARTICLE_PATH, WPM, open_sink
from tests.listening import is_silent, locate
from tests.soundserver import RATE, SINK_DESCRIPTION, SoundServer

NOTICE_BOUND_S = 2.0
"""The issue's bound: a stalled server is noticed within this long."""
LOST = "Sound device lost"


class Events:
    """A reader's events as they come, to wait for."""

    def __init__(self) -> None:
        self.log: list[ReaderEvent] = []
        self._queue: queue.Queue[ReaderEvent] = queue.Queue()

    def put(self, event: ReaderEvent) -> None:
        self.log.append(event)
        self._queue.put(event)

    def wait_for(self, wanted: Callable[[ReaderEvent], bool], timeout: float = 10.0) -> ReaderEvent:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                event = self._queue.get(timeout=left)
            except queue.Empty:
                break
            if wanted(event):
                return event
        raise AssertionError(f"not seen within {timeout} s; events: {self.log}")

    def said(self, start: str) -> list[str]:
        return [e.text for e in self.log if isinstance(e, Announced) and e.text.startswith(start)]


def announced(start: str) -> Callable[[ReaderEvent], bool]:
    return lambda event: isinstance(event, Announced) and event.text.startswith(start)


def lost_while_reading(
    fault: Callable[[], None], engine: SpeechWorker
) -> tuple[Reader, Events, RenderLog]:
    """A reader on the private server's sink, well inside the first paragraph's second
    sentence when ``fault`` strikes; returns once it has said the device is lost,
    which must be within the issue's bound, and paused."""
    log, events = RenderLog(engine), Events()
    reader = Reader(ARTICLE, log, open_sink, on_event=events.put, options=SessionOptions(rate=WPM))  # type: ignore[arg-type]
    reader.start(0)
    events.wait_for(lambda event: event == SentenceStarted(0, 1))
    time.sleep(0.4)
    struck = time.monotonic()
    fault()
    events.wait_for(announced(LOST))
    assert time.monotonic() - struck <= NOTICE_BOUND_S
    assert reader.state is ReaderState.PAUSED and reader.unit == 2
    return reader, events, log


def test_a_killed_server_pauses_reading_where_the_sound_stopped_and_a_restarted_one_plays_on_from_that_sample(
    sound_server: SoundServer, engine: SpeechWorker
) -> None:
    reader, events, log = lost_while_reading(sound_server.kill, engine)
    position = reader.player.position()
    assert position is not None
    cpu = time.process_time()
    time.sleep(1.0)
    assert time.process_time() - cpu < 0.1  # never a spin: waiting costs nothing
    assert reader.player.position() == position  # the place is kept

    sound_server.start()
    recorder = sound_server.record()
    reader.play()
    assert reader.state is ReaderState.PLAYING
    time.sleep(0.8)
    reader.close()
    heard = recorder.stop().samples
    rendered = np.frombuffer(log.rendered[reader.unit].result().pcm, dtype="<i2")
    frozen = position[1]
    following = rendered[frozen : frozen + RATE // 4]
    resumed = locate(heard, following)
    assert resumed.score > 0.99 and is_silent(heard[: resumed.offset])  # nothing else first
    assert np.array_equal(heard[resumed.offset : resumed.offset + len(following)], following)
    assert events.said("Sound device") == [events.said(LOST)[0]]  # said once, in one line


def test_a_stalled_server_is_noticed_within_2_s_and_playing_waits_for_it_without_hanging(
    sound_server: SoundServer, engine: SpeechWorker
) -> None:
    reader, events, _ = lost_while_reading(sound_server.stall, engine)
    asked = time.monotonic()
    reader.play()  # the server takes the connection and never answers
    assert time.monotonic() - asked < OPEN_TIMEOUT_S + CLOSE_TIMEOUT_S + 0.5
    said = events.wait_for(announced("Still no sound device"))
    assert said == Announced("Still no sound device: the sound server does not answer; paused")
    assert reader.state is ReaderState.PAUSED and reader.device_lost

    sound_server.unstall()
    recorder = sound_server.record()
    reader.play()
    assert reader.state is ReaderState.PLAYING and not reader.device_lost
    time.sleep(0.8)
    reader.close()
    assert not is_silent(recorder.stop().samples)


def test_in_plain_mode_a_killed_server_is_one_line_and_space_plays_on_once_it_is_back(
    sound_server: SoundServer, tmp_path: Path
) -> None:
    terminal = Terminal(
        "read", str(ARTICLE_PATH), "--audio-device", SINK_DESCRIPTION, "--no-resume",
        "--rate", str(WPM), home=tmp_path,
    )  # fmt: skip
    terminal.read_until("^Paragraph 1 of 2")
    time.sleep(1.0)
    sound_server.kill()
    terminal.read_until(
        rf"^{LOST} \({SINK_DESCRIPTION} took no audio for [\d.]+ s\); paused at paragraph 1 "
        r"of 2, sentence \d of 2; play to resume there\r?$"
    )
    sound_server.start()
    recorder = sound_server.record()
    terminal.press(" ")
    terminal.read_until("^Playing")
    output = terminal.read_until("^Heading 1 of 1: What it offers")  # reading went on
    terminal.press("q")
    assert terminal.finish() == 0
    assert not is_silent(recorder.stop().samples)
    assert output.count("Sound device") == 1 and "Traceback" not in terminal.output.decode()


class Lines:
    """A readout's stdout, line by line, with the moment each arrived."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[tuple[float, str]] = []
        self._thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self._thread.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self.lines.append((time.monotonic(), line.rstrip("\n")))

    def wait_for(self, start: str, timeout: float = 20.0) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for moment, line in self.lines:
                if line.startswith(start):
                    return moment
            time.sleep(0.02)
        raise AssertionError(f"never saw {start!r} in {self.lines}")


@pytest.mark.parametrize("fault", ["kill", "stall"])
def test_with_no_listener_at_the_keys_a_lost_device_ends_reading_with_one_line_and_exit_69(
    sound_server: SoundServer, tmp_path: Path, fault: str
) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "readout", "read", str(ARTICLE_PATH),
         "--audio-device", SINK_DESCRIPTION, "--no-resume", "--rate", str(WPM)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "READOUT_HOME": str(tmp_path)},
    )  # fmt: skip
    lines = Lines(process)
    lines.wait_for("Paragraph 1 of 2")
    time.sleep(0.5)
    faulted = time.monotonic()
    sound_server.kill() if fault == "kill" else sound_server.stall()
    assert lines.wait_for(LOST) - faulted <= NOTICE_BOUND_S
    assert process.wait(10) == 69
    assert process.stderr is not None and process.stderr.read() == ""
    said = [line for _, line in lines.lines if line.startswith("Sound device")]
    assert len(said) == 1 and "paused at paragraph 1 of 2" in said[0]
