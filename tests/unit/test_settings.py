from __future__ import annotations

from pathlib import Path

import pytest

from readout.errors import UsageError
from readout.settings import Settings, load_settings


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.toml") == Settings()


def test_values_are_read_and_options_override(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('voice = "en-us"\nrate = 220\nvolume = 70\nengine = "espeak"\n', "utf-8")
    settings = load_settings(path)
    assert settings == Settings(voice="en-us", rate=220, volume=70, engine="espeak")
    assert settings.overridden(rate=300, voice=None).rate == 300
    assert settings.overridden(rate=300, voice=None).voice == "en-us"


@pytest.mark.parametrize(
    "content",
    [
        "rate = 1000",
        "volume = -1",
        "engine = 'festival'",
        "colour = 'red'",
        "rate = 'fast'",
        "= broken",
    ],
)
def test_bad_settings_are_usage_errors(tmp_path: Path, content: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(content, "utf-8")
    with pytest.raises(UsageError):
        load_settings(path)


def test_session_options_come_from_settings_once_and_keep_the_listeners_choices() -> None:
    from readout.options import SessionOptions

    options = SessionOptions.build(
        Settings(voice="en-gb", rate=210, volume=70, engine="espeak", audio_device="null"),
        punctuation="some",
    )
    assert (options.voice, options.rate, options.volume, options.punctuation) == (
        "en-gb",
        210,
        70,
        "some",
    )
    kept = options.kept(rate=250, volume=40)
    assert (kept.rate, kept.volume, kept.voice, kept.audio_device) == (250, 40, "en-gb", "null")
    with pytest.raises(UsageError, match="volume 150 is out of range; give 0 to 100"):
        SessionOptions.build(Settings(volume=150))


def test_a_speed_or_volume_last_chosen_counts_only_where_nothing_set_it(tmp_path: Path) -> None:
    """The command line, then settings.toml, then the speed and volume last chosen in
    the player, then the defaults."""
    path = tmp_path / "settings.toml"
    path.write_text("volume = 70\n", "utf-8")
    remembered = {"rate": 240, "volume": 40}.get
    settings = load_settings(path)
    assert settings.with_remembered(remembered) == Settings(rate=240, volume=70)
    assert settings.overridden(rate=160).with_remembered(remembered) == Settings(
        rate=160, volume=70
    )
    assert Settings().with_remembered({"rate": 5}.get) == Settings()  # out of range: not taken
