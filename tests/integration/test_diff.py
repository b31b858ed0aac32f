"""readout diff and reading only what changed."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ASSETS, run_cli


def versions(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    text = (ASSETS / "sample-article.txt").read_text("utf-8")
    old.write_text(text, "utf-8")
    lines = text.splitlines()
    lines[4] = lines[4].replace("for six months", "for nine months")  # one sentence edited
    lines.insert(8, "A new paragraph says the room will be cleaned every night before it opens.")
    del lines[10]  # the "Not everyone is convinced" paragraph removed
    new.write_text("\n".join(lines) + "\n", "utf-8")
    return old, new


def test_diff_reports_exactly_the_three_changes(tmp_path: Path) -> None:
    old, new = versions(tmp_path)
    result = run_cli("diff", str(old), str(new), "--format", "json")
    assert result.code == 0, result.stderr
    changes = json.loads(result.stdout)
    assert [(c["kind"], c["old_block"], c["new_block"]) for c in changes] == [
        ("changed", 1, 1),
        ("added", None, 5),
        ("removed", 6, None),
    ]
    assert changes[0]["sentences"] == [
        {
            "kind": "changed",
            "old": "The trial runs for six months.",
            "new": "The trial runs for nine months.",
        }
    ]
    plain = run_cli("diff", str(old), str(new)).stdout
    assert "+ The trial runs for nine months." in plain
    assert run_cli("diff", str(old), str(old)).stdout == "No changes.\n"


def test_changed_since_reads_exactly_the_changed_blocks(tmp_path: Path) -> None:
    old, new = versions(tmp_path)
    result = run_cli(
        "read", str(new), "--changed-since", str(old), "--audio-device", "null", "--rate", "450",
        env={"READOUT_HOME": str(tmp_path)},
    )  # fmt: skip
    assert result.code == 0, result.stderr
    blocks = [
        line.split(":")[0]
        for line in result.stdout.splitlines()
        if line.startswith(("Changed ", "Added "))
    ]
    # Named as readout diff names them: the new paragraph is "Added", not "Changed".
    assert blocks == ["Changed paragraph 2 of 8", "Added paragraph 5 of 8"]
    assert result.stdout.splitlines()[-1] == "Finished"
