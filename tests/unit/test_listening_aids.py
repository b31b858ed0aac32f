"""Listening aids for proofreading: what each one makes the engine say."""

from __future__ import annotations

from readout.speech.normalize import speakable, spell


def test_spell_says_letters_capitals_digits_and_marks() -> None:
    assert spell("Okafor") == "capital O, k, a, f, o, r"
    assert spell("3.5%") == "3, period, 5, percent"
    assert spell("isn't") == "i, s, n, apostrophe, t"


def test_punctuation_modes() -> None:
    text = 'He said: "Stop (now); it\'s late."'
    assert speakable(text, punctuation="none").text == text.replace("'", "'")
    some = speakable(text, punctuation="some").text
    assert "colon" in some and "open paren" in some and "semicolon" in some
    assert "period" not in some and "apostrophe" not in some  # "it's" keeps its apostrophe
    every = speakable(text, punctuation="all").text
    assert "period" in every and "quote" in every


def test_verbatim_reads_the_raw_text_and_keeps_offsets() -> None:
    text = "Dr. Okafor paid $18,500 on 2026-10-14."
    spoken = speakable(text, verbatim=True)
    assert spoken.text == text
    assert "Doctor" in speakable(text).text and "eighteen thousand" in speakable(text).text


def test_punctuation_words_map_back_to_their_mark() -> None:
    text = "One; two."
    spoken = speakable(text, punctuation="all")
    start = spoken.text.index("semicolon")
    at, length = spoken.to_shown(start, len("semicolon"))
    assert text[at : at + length] == ";"
