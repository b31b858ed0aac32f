"""The export progress line: its wording at any width, the sums and the time left."""

from __future__ import annotations

import io
import os

import pytest

from readout.export.progress import (
    OutputProgress,
    ProgressDisplay,
    ProgressView,
    Tally,
    progress_line,
    progress_wanted,
    time_left,
)

SINGLE = ProgressView(312, 950, 250.0, 25.0)
BATCH = ProgressView(312, 9500, 3840.0, 190.0, files_done=2, files_total=10, estimated=True)


class Clock:
    """Time that moves only when the test says."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_line_says_sentences_audio_and_time_left_in_words() -> None:
    assert progress_line(SINGLE, 120) == (
        "312 of 950 sentences, 4 min 10 s of audio, about 25 s left"
    )
    assert progress_line(BATCH, 120) == (
        "2 of 10 files, 312 of about 9500 sentences, 1 h 04 min of audio, about 3 min 10 s left"
    )


def test_a_narrow_terminal_gets_figures_then_a_cut_line() -> None:
    assert progress_line(BATCH, 50) == "2/10 files, 312/~9500, 1:04:00 audio, 3:10 left"
    assert progress_line(SINGLE, 10) == "312/950, 4"


@pytest.mark.parametrize("width", range(0, 121, 7))
def test_the_line_is_never_wider_than_asked(width: int) -> None:
    for view in (SINGLE, BATCH):
        assert len(progress_line(view, width)) <= width


def test_no_time_left_is_guessed_before_there_is_a_pace() -> None:
    assert time_left(0.0, 10.0) is None
    assert time_left(0.5, 0.1) is None
    assert time_left(0.25, 10.0) == pytest.approx(30.0)
    assert "left" not in progress_line(ProgressView(0, 10, 0.0, None), 120)


def _output(done: int, total: int = 100, audio: float = 0.0) -> OutputProgress:
    return OutputProgress(done, total, done * 10, total * 10, audio)


def test_a_batch_counts_inputs_not_loaded_yet_at_the_average_of_those_known() -> None:
    clock = Clock()
    tally = Tally(4, clock=clock)
    tally.progressed(0, _output(50, 100, 30.0))
    tally.progressed(1, _output(0, 300))
    view = tally.view()
    assert (view.sentences_done, view.sentences_total, view.estimated) == (50, 800, True)
    assert view.audio_s == 30.0 and view.files_done == 0


def test_skipped_outputs_drop_out_and_made_ones_count_in_full() -> None:
    tally = Tally(3, clock=Clock())
    tally.progressed(0, _output(90, 100))
    tally.progressed(1, _output(0, 100))
    tally.progressed(2, _output(0, 100))
    tally.finished(0, made=True)
    tally.finished(1, made=False)
    view = tally.view()
    assert (view.files_done, view.sentences_done, view.sentences_total) == (2, 100, 200)
    assert not view.estimated


def test_at_a_steady_pace_the_time_left_falls_to_nothing() -> None:
    clock = Clock()
    tally = Tally(None, clock=clock)
    left = []
    for done in range(0, 101, 10):
        tally.progressed(0, _output(done))
        left.append(tally.view().left_s)
        clock.now += 1.0
    assert left[0] is None
    assert left[1:] == pytest.approx([9, 8, 7, 6, 5, 4, 3, 2, 1, 0])


def test_the_display_redraws_one_line_in_place_and_puts_finished_files_above() -> None:
    clock, stream = Clock(), io.StringIO()
    display = ProgressDisplay(stream, 2, clock=clock)
    display.progressed(0, _output(10))
    display.progressed(0, _output(20))  # within the redraw interval: not drawn
    clock.now += 1.0
    display.progressed(0, _output(30))
    display.finished(0, made=True)
    with display.cleared():
        stream.write("readout: [1/2] ok\n")
    display.close()
    display.progressed(1, _output(50))  # after close: nothing more
    assert stream.getvalue().split("\r") == [
        "",
        "0 of 2 files, 10 of about 200 sentences, 0 s of audio\x1b[K",
        "0 of 2 files, 30 of about 200 sentences, 0 s of audio, about 6 s left\x1b[K",
        "\x1b[Kreadout: [1/2] ok\n",
        "1 of 2 files, 100 of about 200 sentences, 0 s of audio, about 1 s left\x1b[K",
        "\x1b[K",
    ]


def test_progress_is_only_for_a_terminal_without_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READOUT_ACCESSIBLE", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    master, slave = os.openpty()
    with open(slave, "w") as terminal:
        assert progress_wanted(terminal, quiet=False)
        assert not progress_wanted(terminal, quiet=True)
        monkeypatch.setenv("READOUT_ACCESSIBLE", "1")
        assert not progress_wanted(terminal, quiet=False)
        monkeypatch.delenv("READOUT_ACCESSIBLE")
        monkeypatch.setenv("TERM", "dumb")
        assert not progress_wanted(terminal, quiet=False)
    os.close(master)
    assert not progress_wanted(io.StringIO(), quiet=False)
