"""Proofreading marks through plain mode on a pty, the report, and re-anchoring after edits."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ASSETS, run_cli
from tests.integration.test_plain_mode import Terminal


def _flag_three(article: Path, home: Path) -> None:
    term = Terminal("read", str(article), "--audio-device", "null", home=home)
    term.read_until(r"^Title: ")
    term.press(" ")
    term.read_until(r"^Paused")
    for keys, note in (
        (["home", "down"], "check the time"),
        (["down", "down"], ""),
        (["down", "right"], ""),
    ):
        for key in keys:
            term.press({"home": "\x1b[H", "down": "\x1b[B", "right": "\x1b[C"}[key])
        term.press("f")
        term.read_until(r"Note for this mark")
        term.press(note + "\n")
        term.read_until(r"^(Note saved|No note)")
    term.press("q")
    assert term.finish() == 0


def _marks(article: Path, home: Path) -> list[dict[str, object]]:
    result = run_cli("marks", str(article), "--format", "json", env={"READOUT_HOME": str(home)})
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)["marks"]  # type: ignore[no-any-return]


def test_three_flags_one_note_listed_and_still_in_place_after_edits(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    original = (ASSETS / "sample-article.txt").read_text("utf-8")
    article.write_text(original, "utf-8")
    _flag_three(article, tmp_path)

    marks = _marks(article, tmp_path)
    assert [(m["place"], m["note"]) for m in marks] == [
        ("Paragraph 1 of 8, sentence 1 of 1", "check the time"),
        ("Paragraph 2 of 8, sentence 1 of 2", ""),
        ("Paragraph 2 of 8, sentence 2 of 2", ""),
    ]
    assert [(m["block"], m["sentence"]) for m in marks] == [(0, 1), (1, 1), (1, 2)]
    assert marks[1]["text"] == "The trial runs for six months."

    # Edit an unrelated paragraph and add one before all the others: marks follow their text.
    lines = original.splitlines()
    lines[9] = lines[9].replace("Not everyone is convinced.", "Not everyone agrees.")
    lines.insert(3, "An editor's note added at the top of the story, before the first paragraph.")
    article.write_text("\n".join(lines) + "\n", "utf-8")
    moved = _marks(article, tmp_path)
    assert [(m["place"], m["found"]) for m in moved] == [
        ("Paragraph 2 of 9, sentence 1 of 1", True),
        ("Paragraph 3 of 9, sentence 1 of 2", True),
        ("Paragraph 3 of 9, sentence 2 of 2", True),
    ]

    report = run_cli("marks", str(article), env={"READOUT_HOME": str(tmp_path)}).stdout
    assert "1. Paragraph 2 of 9, sentence 1 of 1:" in report and "Note: check the time" in report
    csv_report = run_cli(
        "marks", str(article), "--format", "csv", env={"READOUT_HOME": str(tmp_path)}
    ).stdout
    assert csv_report.splitlines()[0] == "place,block,sentence,text,note,found"


def test_marks_can_be_given_notes_and_removed(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text((ASSETS / "sample-article.txt").read_text("utf-8"), "utf-8")
    _flag_three(article, tmp_path)
    env = {"READOUT_HOME": str(tmp_path)}
    assert run_cli("marks", str(article), "--note", "2", "spell out the number", env=env).code == 0
    assert run_cli("marks", str(article), "--remove", "3", env=env).code == 0
    marks = _marks(article, tmp_path)
    assert [(m["place"], m["note"]) for m in marks] == [
        ("Paragraph 1 of 8, sentence 1 of 1", "check the time"),
        ("Paragraph 2 of 8, sentence 1 of 2", "spell out the number"),
    ]
    missing = run_cli("marks", str(article), "--remove", "9", env=env)
    assert missing.code == 2 and "no mark 9" in missing.stderr


def test_hostile_notes_and_tags_come_out_clean(tmp_path: Path) -> None:
    import re

    from mutagen.id3 import ID3

    from tests.conftest import FIXTURES

    controls = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    article = tmp_path / "article.txt"
    article.write_text((ASSETS / "sample-article.txt").read_text("utf-8"), "utf-8")
    _flag_three(article, tmp_path)
    env = {"READOUT_HOME": str(tmp_path)}
    hostile = "\x1b[2J\x1b]52;c;ZXZpbA==\x07[bold]note[/] \u202eevil"
    assert run_cli("marks", str(article), "--note", "1", hostile, env=env).code == 0
    for fmt in ("markdown", "json", "csv"):
        report = run_cli("marks", str(article), "--format", fmt, env=env).stdout
        assert not controls.search(report.replace("\n", "").replace("\r", ""))
        assert "[bold]note[/]" in report
    out = tmp_path / "hostile.mp3"
    assert run_cli("export", str(FIXTURES / "hostile.html"), "-o", str(out)).code == 0
    title = str(ID3(str(out))["TIT2"])
    assert not controls.search(title) and "[bold]x[/]" in title
