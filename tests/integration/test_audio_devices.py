"""Real output devices through miniaudio: whatever sound system this machine has, and
a private PulseAudio with two sinks (``tests/soundserver.py``), chosen by name."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import wave
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import FIXTURES, run_cli
from tests.listening import is_silent, sounding_s
from tests.soundserver import OTHER_DESCRIPTION, OTHER_SINK, SINK, SINK_DESCRIPTION, SoundServer

ARTICLE = str(FIXTURES / "listening.md")


def test_miniaudio_loads_without_numpy_and_numpy_stays_importable() -> None:
    script = textwrap.dedent(
        """
        import sys
        from readout.audio.output import open_output
        opened = open_output(None, 22050)  # a sound card, or the null device if none opens
        opened.device.close()
        assert "miniaudio" in sys.modules and "numpy" not in sys.modules
        import miniaudio
        assert miniaudio.numpy is None
        import numpy
        print(numpy.zeros(3).sum())
        """
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "0.0"


def test_devices_lists_null_and_says_nothing_on_stderr() -> None:
    result = run_cli("devices")
    assert result.code == 0
    assert "null" in result.stdout.splitlines()
    assert result.stderr == ""  # ALSA's complaints while probing stay out of the terminal


def test_devices_lists_the_sound_servers_sinks_by_the_names_it_gives_them(
    sound_server: SoundServer,
) -> None:
    result = run_cli("devices")
    assert result.code == 0 and result.stderr == ""
    assert result.stdout.splitlines() == [SINK_DESCRIPTION, OTHER_DESCRIPTION, "null"]


@pytest.mark.parametrize(
    ("name", "heard_on", "silent_on"),
    [(SINK_DESCRIPTION, SINK, OTHER_SINK), (OTHER_DESCRIPTION, OTHER_SINK, SINK)],
)
def test_audio_device_plays_the_article_on_the_sink_so_named_and_no_other(
    sound_server: SoundServer, tmp_path: Path, name: str, heard_on: str, silent_on: str
) -> None:
    home = {"READOUT_HOME": str(tmp_path / "home")}
    exported = tmp_path / "article.wav"
    assert run_cli("export", ARTICLE, "-o", str(exported), "--rate", "250", env=home).code == 0
    with wave.open(str(exported)) as stream:
        rendered = np.frombuffer(stream.readframes(stream.getnframes()), dtype="<i2")
    heard, elsewhere = sound_server.record(heard_on), sound_server.record(silent_on)
    result = run_cli(
        "read", ARTICLE, "--audio-device", name, "--rate", "250", "--no-resume", env=home
    )
    on_sink, off_sink = heard.stop().samples, elsewhere.stop().samples
    assert result.code == 0 and result.stderr == "", result.stderr
    # espeak renders a little differently each time: the same amount of speech, not the same samples
    assert sounding_s(on_sink) == pytest.approx(sounding_s(rendered), rel=0.05)
    assert is_silent(off_sink)


def test_an_unknown_audio_device_is_a_usage_error_naming_the_devices_in_one_line(
    sound_server: SoundServer, tmp_path: Path
) -> None:
    result = run_cli(
        "read", ARTICLE, "--audio-device", "Headphones", env={"READOUT_HOME": str(tmp_path)}
    )
    assert result.code == 2
    assert result.stderr == (
        "readout: no audio device named 'Headphones'; the devices are "
        f"'{SINK_DESCRIPTION}', '{OTHER_DESCRIPTION}', 'null'\n"
    )
