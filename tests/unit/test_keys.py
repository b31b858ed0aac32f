from __future__ import annotations

from pathlib import Path

import pytest

from readout.errors import UsageError
from readout.keys import BINDINGS, FACE_COMMANDS, Command, binding_for, describe_keys, remapped
from readout.reader.session import SESSION_COMMANDS
from readout.settings import load_settings


def test_no_key_is_bound_twice_and_every_action_exists() -> None:
    keys = [key for binding in BINDINGS for key in binding.keys]
    assert len(keys) == len(set(keys))
    ids = [binding.id for binding in BINDINGS]
    assert len(ids) == len(set(ids))
    for binding in BINDINGS:
        assert binding.action in Command, binding


def test_every_command_is_carried_out_by_the_session_or_a_face_never_both() -> None:
    assert set(Command) == SESSION_COMMANDS | FACE_COMMANDS
    assert not SESSION_COMMANDS & FACE_COMMANDS


def test_remap_moves_a_key_to_a_modifier_and_turns_one_off() -> None:
    bindings = remapped({"mute": "ctrl+t", "where": ""})
    assert binding_for("m", bindings) is None
    found = binding_for("ctrl+t", bindings)
    assert found is not None and found.action == "toggle_mute"
    assert binding_for("t", bindings) is None
    assert "(off): where am I" in describe_keys(bindings)


def test_unknown_binding_id_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown key binding id"):
        remapped({"explode": "x"})


def test_keys_table_in_settings(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('theme = "ansi-dark"\n[keys]\nmute = "ctrl+t"\n', "utf-8")
    settings = load_settings(path)
    assert settings.theme == "ansi-dark"
    assert dict(settings.keys) == {"mute": "ctrl+t"}


def test_plain_mode_help_lists_only_the_keys_it_has() -> None:
    from readout.keys import describe_keys

    plain = "\n".join(describe_keys(plain=True))
    assert "#:" not in plain and "v:" not in plain
    assert "space or p: play or pause" in plain
    everything = "\n".join(describe_keys())
    assert "#: show or hide paragraph numbers" in everything
