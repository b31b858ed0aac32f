from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readout.article import BlockKind
from readout.segment import segment_block, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Dr. Jones. They talked.",
            ["Mr. Smith met Dr. Jones.", "They talked."],
        ),
        (
            "The U.S. Senate voted. It passed.",
            ["The U.S. Senate voted.", "It passed."],
        ),
        ("He moved to the U.S. The move was hard.", ["He moved to the U.S.", "The move was hard."]),
        ("It ranked No. 5 in the list. Good.", ["It ranked No. 5 in the list.", "Good."]),
        ("Say no. Then leave.", ["Say no.", "Then leave."]),
        ("J. R. R. Tolkien wrote it. Read it.", ["J. R. R. Tolkien wrote it.", "Read it."]),
        ("It cost $3.50 on average. Cheap.", ["It cost $3.50 on average.", "Cheap."]),
        (
            "He lives in Springfield, Ill. and works there.",
            ["He lives in Springfield, Ill. and works there."],
        ),
        ("She was ill. He was not.", ["She was ill.", "He was not."]),
        ('He said, "Go home." Then he left.', ['He said, "Go home."', "Then he left."]),
        ("'Why?' she asked. Nobody knew.", ["'Why?' she asked.", "Nobody knew."]),
        ("Wait... what? Stop... Go on.", ["Wait... what?", "Stop...", "Go on."]),
        ("It ended at 6 p.m. on Friday.", ["It ended at 6 p.m. on Friday."]),
        ("No full stop at the end", ["No full stop at the end"]),
        (
            "The board said so.[12] It was late.[3][4] Done.",
            ["The board said so.[12]", "It was late.[3][4]", "Done."],
        ),
        (
            "雨が降った。傘を持った！ Then English.",
            ["雨が降った。", "傘を持った！", "Then English."],
        ),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_point_at_the_sentence_text() -> None:
    text = "  First one.   Second one!\nThird?  "
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text


def test_heading_is_one_sentence_without_full_stop() -> None:
    block = segment_block(BlockKind.HEADING, "What happens next? A plan", 2)
    assert [s.text for s in block.sentences] == ["What happens next? A plan"]
    assert block.level == 2


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?…\"'”’()\nUS5")), max_size=200))
def test_segmentation_is_lossless(text: str) -> None:
    """Sentences cover every non-space character exactly once, in order."""
    sentences = split_sentences(text)
    covered = "".join(text[s.start : s.end] for s in sentences)
    assert "".join(covered.split()) == "".join(text.split())
    ends = [0, *[x for s in sentences for x in (s.start, s.end)]]
    assert ends == sorted(ends)
    for s in sentences:
        assert s.text == text[s.start : s.end] and s.text.strip() == s.text and s.text
