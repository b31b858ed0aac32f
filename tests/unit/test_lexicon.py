"""Lexicon rules change what is said, never what is shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from readout.errors import UsageError
from readout.speech.lexicon import Lexicon
from readout.speech.normalize import speakable

RULES = """
[[rule]]
match = "Okafor"
say = "oh KAH for"

[[rule]]
match = "nite"
say = "night"
kind = "anywhere"

[[rule]]
match = "NASA"
say = "nassa"
case_sensitive = true

[[rule]]
match = "(\\\\d+)mg"
say = "\\\\1 milligrams"
kind = "regex"

[[rule]]
match = "(Reuters)"
kind = "skip"
site = "valleycourier.example"
"""


@pytest.fixture
def lexicon(tmp_path: Path) -> Lexicon:
    path = tmp_path / "lexicon.toml"
    path.write_text(RULES, "utf-8")
    return Lexicon.load(path)


def test_rule_kinds(lexicon: Lexicon) -> None:
    rules = lexicon.for_sites(None)
    assert speakable("Dr. Okafor spoke.", lexicon=rules).text == "Doctor oh KAH for spoke."
    assert speakable("A late-nite show.", lexicon=rules).text == "A late-night show."
    assert speakable("NASA and nasa.", lexicon=rules).text == "nassa and nasa."
    assert speakable("Take 20mg daily.", lexicon=rules).text == "Take 20 milligrams daily."


def test_site_scope(lexicon: Lexicon) -> None:
    text = "(Reuters) The council met."
    assert speakable(text, lexicon=lexicon.for_sites("other.example")).text == text
    scoped = lexicon.for_sites("www.valleycourier.example")
    assert speakable(text, lexicon=scoped).text == " The council met."


def test_shown_offsets_survive_a_rule(lexicon: Lexicon) -> None:
    shown = "Dr. Okafor spoke today."
    spoken = speakable(shown, lexicon=lexicon.for_sites(None))
    start = spoken.text.index("KAH")
    at, length = spoken.to_shown(start, 3)
    assert shown[at : at + length] == "Okafor"


@pytest.mark.parametrize(
    "content",
    [
        "[[rule]]\nsay = 'x'\n",
        "[[rule]]\nmatch = 'a'\nkind = 'sometimes'\n",
        "[[rule]]\nmatch = '(unclosed'\nkind = 'regex'\n",
        "this is not toml = = =",
        "rule = 'not a list'",
    ],
)
def test_malformed_lexicon_is_a_usage_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, "utf-8")
    with pytest.raises(UsageError):
        Lexicon.load(path)
