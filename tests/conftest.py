"""Shared fixtures: paths to the fixture files and a runner for the real CLI."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from readout.speech.worker import SpeechWorker
    from tests.soundserver import SoundServer

ROOT = Path(__file__).resolve().parent.parent

if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    # A suite started in the background by a script (``bash .ci/run &``) inherits
    # SIGINT ignored, and so would every readout it starts, before readout sets its own
    # handler: the Ctrl-C tests would then test nothing and fail. Ctrl-C as a user has it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
FIXTURES = ROOT / "tests" / "fixtures"
ASSETS = ROOT / "assets"


@dataclass(frozen=True)
class Run:
    """What a CLI run gave back."""

    code: int
    stdout: str
    stderr: str


def run_cli(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``python -m readout ARGS`` in a subprocess, as a user would."""
    completed = subprocess.run(
        [sys.executable, "-m", "readout", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        timeout=120,
        check=False,
    )
    return Run(
        completed.returncode,
        completed.stdout.decode("utf-8", "replace"),
        completed.stderr.decode("utf-8", "replace"),
    )


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="module")
def engine() -> Iterator[SpeechWorker]:
    """Real espeak-ng synthesis in its worker thread, one a module."""
    from readout.speech.engines import start_engine

    worker = start_engine("espeak")
    yield worker
    worker.close()


@pytest.fixture
def sound_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[SoundServer]:
    """A private PulseAudio (``tests/soundserver.py``), stopped afterwards; this process
    and every readout it starts play to it, and to no other sound server."""
    from tests.soundserver import SoundServer, missing_tools

    missing = missing_tools()
    if missing:
        pytest.skip(
            f"no PulseAudio to test the real sound path ({' and '.join(missing)} missing; "
            "Debian: apt-get install pulseaudio pulseaudio-utils)"
        )
    # Not tmp_path: a socket's path must stay under 108 characters.
    directory = Path(tempfile.mkdtemp(prefix="readout-pulse-"))
    server = SoundServer(directory)
    try:
        server.start()
        for name, value in server.env.items():
            monkeypatch.setenv(name, value)
        yield server
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(autouse=True)
def no_player_left_running() -> Iterator[None]:
    """Kill any readout a test started on a pseudo-terminal, even when the test failed."""
    yield
    from tests.integration.test_plain_mode import Terminal

    Terminal.kill_all()
