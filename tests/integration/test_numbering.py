"""One numbering: what the status line says is what --from, marks and diff say."""

from __future__ import annotations

from pathlib import Path

from readout.loading import load
from readout.numbering import Numbering
from tests.conftest import ASSETS, run_cli

SAMPLE = ASSETS / "sample-article.txt"


def test_the_numbering_counts_headings_and_the_body_apart() -> None:
    article = load(str(SAMPLE))
    numbering = Numbering(article)
    heading = next(i for i, b in enumerate(article.blocks) if b.kind.value == "heading")
    assert numbering.label(heading) == "Heading 1 of 1"
    assert numbering.label(heading + 1) == f"Paragraph {heading + 1} of 8"
    assert numbering.block_for("h1") == heading
    assert numbering.block_for(str(heading + 1)) == heading + 1


def test_from_diff_and_the_reading_name_a_paragraph_alike(tmp_path: Path) -> None:
    env = {"READOUT_HOME": str(tmp_path)}
    read = run_cli("read", str(SAMPLE), "--audio-device", "null", "--from", "7", env=env)
    assert read.code == 0, read.stderr
    assert next(line for line in read.stdout.splitlines() if line.startswith("Paragraph")) == (
        "Paragraph 7 of 8: The room opens on the first Monday of next month at 6 p.m."
    )
    changed = tmp_path / "changed.txt"
    changed.write_text(
        SAMPLE.read_text("utf-8").replace("on the first Monday", "on the second Monday"), "utf-8"
    )
    diff = run_cli("diff", str(SAMPLE), str(changed), env=env)
    assert "Changed paragraph 7 of 8 (now paragraph 7 of 8):" in diff.stdout
    wrong = run_cli("read", str(SAMPLE), "--audio-device", "null", "--from", "40", env=env)
    assert wrong.code == 2 and "the article has 8 paragraphs" in wrong.stderr


def test_from_zero_says_that_numbers_start_at_one(tmp_path: Path) -> None:
    zero = run_cli(
        "read", str(SAMPLE), "--audio-device", "null", "--from", "0",
        env={"READOUT_HOME": str(tmp_path)},
    )  # fmt: skip
    assert zero.code == 2
    assert "--from 0: paragraphs are numbered from 1 (the article has 8 paragraphs)" in (
        zero.stderr
    )
