"""Where readout keeps the user's files: config (settings, lexicon) and state.

``READOUT_HOME`` puts everything under one directory (tests and portable installs);
otherwise the platform's own places are used (XDG on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path


def config_dir() -> Path:
    home = os.environ.get("READOUT_HOME")
    if home:
        return Path(home) / "config"
    from platformdirs import user_config_dir

    return Path(user_config_dir("readout", appauthor=False))


def user_lexicon_path() -> Path:
    """The lexicon applied to every article: ``<config dir>/lexicon.toml``."""
    return config_dir() / "lexicon.toml"


def state_dir() -> Path:
    """Resume positions and history: ``$READOUT_HOME/state`` or the platform's state dir."""
    home = os.environ.get("READOUT_HOME")
    if home:
        return Path(home) / "state"
    from platformdirs import user_state_dir

    return Path(user_state_dir("readout", appauthor=False))


def settings_path() -> Path:
    """``<config dir>/settings.toml``: voice, rate, volume, engine, audio device."""
    return config_dir() / "settings.toml"
