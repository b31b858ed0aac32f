from __future__ import annotations

import pytest

from readout.sanitize import is_clean, sanitize


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("a\x1b[2Jb", "ab"),
        ("a\x1b]0;title\x07b", "ab"),
        ("a\x1b]52;c;ZXZpbA==\x07b", "ab"),
        ("a\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),
        ("a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),
        ("a\u009b31mb", "ab"),
        ("a\u202eb\u202c", "ab"),
        ("a\u2066b\u2069", "ab"),
        ("zero\u200bwidth", "zerowidth"),
        ("nul\x00 del\x7f bell\x07", "nul del bell"),
        ("keep\ttabs\nand lines", "keep\ttabs\nand lines"),
        ("windows\r\nline", "windows\nline"),
    ],
)
def test_sanitize_strips_terminal_controls(payload: str, expected: str) -> None:
    assert sanitize(payload) == expected


def test_markup_brackets_survive_literally() -> None:
    text = "[bold]x[/] [@click=app.quit]q[/] [link=http://e]y[/link] ["
    assert sanitize(text) == text


def test_unterminated_osc_does_not_swallow_following_lines() -> None:
    assert sanitize("a\x1b]0;no terminator\nnext line") == "a\nnext line"


def test_sanitized_text_is_clean() -> None:
    assert is_clean(sanitize("x\x1b[31m\u009b\u202e\x00y\r"))
    assert not is_clean("x\x1b[31m")
