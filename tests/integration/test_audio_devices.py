"""Real output devices through miniaudio, on whatever sound system this machine has."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import run_cli


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
