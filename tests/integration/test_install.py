"""readout installs with the pip that a new virtual environment comes with.

Python 3.10-3.13 ship pip 23.x in ``venv``; pip before 23.3 fails on two spellings of
one extra (``lxml[html-clean]`` beside ``lxml[html_clean]``), so no upgrade step may be
needed for a user's ``pip install``. The test makes a fresh venv, installs this checkout
with its stock pip, and reads a page with the installed command.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
NETWORK_ERRORS = ("Could not find a version", "Connection", "Temporary failure", "No matching")


def _interpreter(minor: int) -> str | None:
    """A Python 3.``minor`` on this machine that runs: this one, one of pyenv's, or one
    on PATH (a pyenv shim there fails when its version is not selected)."""
    if sys.version_info[:2] == (3, minor):
        return sys.executable
    pyenv = sorted(Path.home().glob(f".pyenv/versions/3.{minor}.*/bin/python3.{minor}"))
    for candidate in [*map(str, reversed(pyenv)), shutil.which(f"python3.{minor}")]:
        if candidate and subprocess.run([candidate, "-c", ""], capture_output=True).returncode == 0:
            return candidate
    return None


@pytest.mark.parametrize("minor", [10, 11, 12, 13], ids=lambda m: f"python3.{m}")
def test_a_fresh_venv_with_its_stock_pip_installs_readout(tmp_path: Path, minor: int) -> None:
    interpreter = _interpreter(minor)
    if interpreter is None:
        pytest.skip(f"no Python 3.{minor} on this machine")
    env_dir = tmp_path / "venv"
    subprocess.run([interpreter, "-m", "venv", str(env_dir)], check=True, timeout=120)
    python = env_dir / "bin" / "python"
    pip_version = subprocess.run(
        [str(python), "-m", "pip", "--version"], capture_output=True, text=True, check=True
    ).stdout
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if installed.returncode != 0 and any(e in installed.stderr for e in NETWORK_ERRORS):
        pytest.skip(f"the package index cannot be reached: {installed.stderr.splitlines()[-1]}")
    assert installed.returncode == 0, f"{pip_version}{installed.stderr}"
    shown = subprocess.run(
        [str(env_dir / "bin" / "readout"), "text", str(FIXTURES / "docs" / "mdbook.html")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[0] == "Ownership and Borrowing"
