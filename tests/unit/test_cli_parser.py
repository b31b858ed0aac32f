"""The command line: a parser built for one command reads it exactly as the full one."""

from __future__ import annotations

from pathlib import Path

import pytest

from readout.cli import _COMMANDS, build_parser
from tests.conftest import ASSETS

COMMAND_LINES = [
    ["text", "a.txt", "--format", "json", "--spoken", "--punctuation", "some"],
    ["voices", "--json", "--engine", "espeak"],
    ["play", "a.txt", "--from", "3", "--voice", "en", "--rate", "200", "--volume", "40"],
    ["read", "-", "--no-resume", "--audio-device", "null", "--announce", "speech"],
    ["marks", "a.txt", "--format", "csv", "--note", "2", "check this"],
    ["diff", "old.html", "new.html", "--format", "json"],
    ["devices"],
    ["export", "a.txt", "b.txt", "--out-dir", "out", "--jobs", "2", "--captions", "vtt"],
]


@pytest.mark.parametrize("argv", COMMAND_LINES, ids=lambda argv: argv[0])
def test_a_parser_for_one_command_reads_it_as_the_full_parser(argv: list[str]) -> None:
    assert vars(build_parser(argv[0]).parse_args(argv)) == vars(build_parser().parse_args(argv))


def test_every_command_is_listed_whichever_was_asked_for() -> None:
    assert {line[0] for line in COMMAND_LINES} == set(_COMMANDS)
    for command in _COMMANDS:
        help_text = build_parser(command).format_help()
        assert all(name in help_text for name in _COMMANDS)


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["--plain", "a.txt"], "read"),
        (["--rate", "200", "a.txt"], "play"),
        (["a.txt", "--rate", "200"], "play"),
        (["--debug", "--plain", "a.txt"], "read"),
        (["a.txt", "--debug"], "play"),
        ([], "play"),
        (["--announce", "text", "a.txt"], "play"),  # "text" is the value, not the command
        (["a.txt", "--announce", "text"], "play"),
        (["--plain", "--announce", "text", "a.txt"], "read"),
    ],
)
def test_options_before_or_after_input_go_to_the_default_command(
    argv: list[str], command: str
) -> None:
    from readout.cli import _with_default_command

    arguments = _with_default_command(argv)
    args = build_parser(command).parse_args(arguments)
    assert args.command == command
    if "--rate" in argv:
        assert args.rate == 200
    if argv and "a.txt" in argv:
        assert args.input == "a.txt"
    if "--announce" in argv:
        assert args.announce == "text"
    assert bool(getattr(args, "debug", False)) == ("--debug" in argv)


def test_a_mistyped_command_is_named_not_taken_for_a_missing_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from readout.cli import main

    assert main(["exprot", "a.txt"]) == 2
    assert capsys.readouterr().err.strip() == (
        "readout: 'exprot' is neither a file nor a command; did you mean 'readout export'?"
    )


def test_a_bare_word_that_is_neither_file_nor_command_says_both(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from readout.cli import main

    assert main(["frobnicate"]) == 66  # a missing file, by its exit code
    assert capsys.readouterr().err.strip() == (
        "readout: frobnicate: no such file, and not a command "
        "(text, play, read, voices, export, marks, diff, devices)"
    )
    assert main(["export", str(ASSETS / "sample-article.txt"), "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"readout: {tmp_path} is a folder: -o names a file; to write into a folder use --out-dir"
    )
    assert list(tmp_path.iterdir()) == []


def test_help_does_not_say_play_is_plain_mode() -> None:
    assert "plain mode for now" not in build_parser().format_help()
