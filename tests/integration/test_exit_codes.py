"""Every documented error path of every command: its exit code, one stderr line, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ASSETS, run_cli

SAMPLE = str(ASSETS / "sample-article.txt")


def _unknown_device_code() -> int:
    """69 where the sound system offers no device at all; a usage error (2), listing
    the devices, where it offers some (ALSA alone lists its "Discard all samples")."""
    listed = run_cli("devices").stdout.splitlines()
    return 2 if any(line.strip() != "null" for line in listed if line.strip()) else 69


def _cases(tmp: Path) -> list[tuple[str, list[str], int, dict[str, str]]]:
    empty = tmp / "empty.txt"
    empty.write_text("")
    bad_settings = tmp / "bad-home"
    (bad_settings / "config").mkdir(parents=True)
    (bad_settings / "config" / "settings.toml").write_text("rate = 'fast'\n")
    blocked_state = tmp / "blocked-home"
    blocked_state.mkdir()
    (blocked_state / "state").write_text("a file where the state folder should be")
    bad_lexicon = tmp / "lexicon.toml"
    bad_lexicon.write_text("[[rule]]\nkind = 'word'\n")
    missing = str(tmp / "missing.txt")
    binary = tmp / "picture.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    home = {"READOUT_HOME": str(tmp / "home")}
    return [
        ("text: missing input", ["text", missing], 66, {}),
        ("text: empty input", ["text", str(empty)], 65, {}),
        ("text: unknown format", ["text", SAMPLE, "--format", "yaml"], 2, {}),
        ("text: unreachable URL", ["text", "http://127.0.0.1:9/x", "--timeout", "2"], 69, {}),
        ("text: bad lexicon", ["text", SAMPLE, "--spoken", "--lexicon", str(bad_lexicon)], 2, {}),
        ("read: missing input", ["read", missing, "--audio-device", "null"], 66, home),
        (
            "read: bad settings",
            ["read", SAMPLE, "--audio-device", "null"],
            2,
            {"READOUT_HOME": str(bad_settings)},
        ),
        (
            "read: state dir blocked",
            ["read", SAMPLE, "--audio-device", "null"],
            74,
            {"READOUT_HOME": str(blocked_state)},
        ),
        (
            "read: unknown audio device",
            ["read", SAMPLE, "--audio-device", "no-such-device"],
            _unknown_device_code(),
            home,
        ),
        (
            "read: unknown voice",
            ["read", SAMPLE, "--audio-device", "null", "--voice", "zz-nope"],
            2,
            home,
        ),
        ("export: missing input", ["export", missing, "-o", str(tmp / "x.mp3")], 66, {}),
        ("export: unknown suffix", ["export", SAMPLE, "-o", str(tmp / "x.aiff")], 2, {}),
        ("export: unwritable place", ["export", SAMPLE, "-o", str(tmp / "no" / "x.wav")], 74, {}),
        (
            "export: batch with a failure",
            ["export", SAMPLE, missing, "--out-dir", str(tmp / "out")],
            1,
            {},
        ),
        ("voices: unknown engine", ["voices", "--engine", "festival"], 2, {}),
        ("marks: missing input", ["marks", missing], 66, home),
        ("marks: no such mark", ["marks", SAMPLE, "--remove", "1"], 2, home),
        ("diff: missing old", ["diff", missing, SAMPLE], 66, {}),
        ("diff: binary new", ["diff", SAMPLE, str(binary)], 65, {}),
        ("no such command option", ["--frobnicate"], 2, {}),
    ]


@pytest.mark.parametrize("number", range(20))
def test_error_paths(tmp_path: Path, number: int) -> None:
    name, args, code, env = _cases(tmp_path)[number]
    result = run_cli(*args, env=env)
    assert result.code == code, (name, result.code, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    if code == 1:  # a batch: one line per input, the failure among them
        assert any("failed" in line for line in lines), name
    else:
        assert len(lines) == 1, (name, result.stderr)
    assert "Traceback" not in result.stderr, name
    assert "\x1b" not in result.stderr, name


def test_a_voice_the_engine_lacks_is_refused_before_any_sentence(tmp_path: Path) -> None:
    result = run_cli(
        "read", SAMPLE, "--audio-device", "null", "--voice", "zz-nope",
        env={"READOUT_HOME": str(tmp_path)},
    )  # fmt: skip
    assert result.code == 2
    assert "Could not speak" not in result.stdout  # it once skipped three sentences first
    assert len(result.stderr.splitlines()) == 1 and "zz-nope" in result.stderr
