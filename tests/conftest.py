"""Shared fixtures: paths to the fixture files and a runner for the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
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


@pytest.fixture(autouse=True)
def no_player_left_running() -> Iterator[None]:
    """Kill any readout a test started on a pseudo-terminal, even when the test failed."""
    yield
    from tests.integration.test_plain_mode import Terminal

    Terminal.kill_all()
