"""The spoken form of tricky text, and its map back to the shown text."""

from __future__ import annotations

import pytest

from readout.speech.normalize import speakable


@pytest.mark.parametrize(
    ("shown", "spoken"),
    [
        ("It cost $18,500, or so.", "It cost eighteen thousand five hundred dollars, or so."),
        ("He paid $3.50 today.", "He paid three dollars and fifty cents today."),
        ("A £2 million grant.", "A two million pounds grant."),
        ("About 3.5% of it.", "About three point five percent of it."),
        ("Signed by 1,240 residents.", "Signed by one thousand two hundred and forty residents."),
        ("It was the 3rd time.", "It was the third time."),
        ("Since 1999 and 2022.", "Since nineteen ninety nine and twenty twenty two."),
        ("Meet at 18:30 or 9:05.", "Meet at eighteen thirty or nine oh five."),
        ("Meet at 10:30pm or 9 a.m. today.", "Meet at ten thirty p m or nine a m. today."),
        ("It holds 2**32 values.", "It holds two to the power of thirty two values."),
        (
            "Changes in release 1.12 (2022-04-07) [stable]",
            "Changes in release one point twelve (April seventh twenty twenty two) [stable]",
        ),
        (
            "Keys of 2048 bits at 1500 MB/s.",
            "Keys of two thousand and forty eight bits at one thousand five hundred MB/s.",
        ),
        ("See RFC-822 and GNUTLS-SA-2020-07-14.", "See RFC-822 and GNUTLS-SA-2020-07-14."),
        (
            "About 10^6 or 1e-9.",
            "About ten to the power of six or one times ten to the minus nine.",
        ),
        ("A 3*4 grid.", "A three times four grid."),
        (
            "For Python 3.9+ and 1,300+ plugins.",
            "For Python three point nine plus and one thousand three hundred plus plugins.",
        ),
        ("Add 1/2 cup, 3/4 cup and 5/4.", "Add one half cup, three quarters cup and 5/4."),
        (
            "Due 07/31/2021, or 03/04/2021.",
            "Due July thirty first twenty twenty one, or 03/04/2021.",
        ),
        ("Published 2026-10-14.", "Published October fourteenth twenty twenty six."),
        ("Pages 10–20 matter.", "Pages ten to twenty matter."),
        ("Call +44 20 7946 0321 now.", "Call plus 4 4, 2 0, 7 9 4 6, 0 3 2 1 now."),
        ("Ring 01632 960 777 ext. 23.", "Ring 0 1 6 3 2, 9 6 0, 7 7 7, extension 2 3."),
        (
            "Mail press@valley-courier.example today.",
            "Mail press at valley courier dot example today.",
        ),
        (
            "See https://www.example.org/news/story-1.",
            "See example dot org slash news slash story 1.",
        ),
        ("Fixed in #12 and in C# 12.", "Fixed in number twelve and in C# twelve."),
        ("Released (2026-04-16) today.", "Released (April sixteenth twenty twenty six) today."),
        ("It raised $1.5M in May.", "It raised one point five million dollars in May."),
        ("From −128 to -5.", "From minus one hundred and twenty eight to minus five."),
        (
            "In 2015, we met 7, then 12, people.",
            "In twenty fifteen, we met seven, then twelve, people.",
        ),
        (  # the user and password are not the address; the host is
            "Open https://ada:secret@files.example.org:8080/docs/ now.",
            "Open files dot example dot org slash docs now.",
        ),
        ("said Mona*, a nurse.", "said Mona, a nurse."),
        ("*A pseudonym.", "A pseudonym."),
        ("* The timetable may change.", "The timetable may change."),
        # a reference's list of syntax: the mark is the term its item defines
        ("* universal selector", "star universal selector"),
        ("> direct descendant", "greater than direct descendant"),
        (", selector list delimiter", "comma selector list delimiter"),
        ("%% A plain % character.", "percent percent A plain % character."),
        ("-- the end of the options", "dash dash the end of the options"),
        ("--", "dash dash"),
        ("$$", "dollar dollar"),
        ("... and so on.", "...  and so on."),
        ("Volunteers† came.", "Volunteers came."),
        ("It rose.[12] Then fell[3][4].", "It rose. Then fell."),
        (
            "From 2010-2015 and 1914–1918.",
            "From twenty ten to twenty fifteen and nineteen fourteen to nineteen eighteen.",
        ),
        (
            "Dr. Okafor met Mr. Smith, e.g. on Tuesday.",
            "Doctor Okafor met Mister Smith, for example on Tuesday.",
        ),
        ("It ranked No. 5 in St. Paul.", "It ranked number five in Saint Paul."),
        ("Wait… then — go.", "Wait...  then, go."),
        ("“Isn’t it?” she said.", '"Isn\'t it?" she said.'),
    ],
)
def test_spoken_form(shown: str, spoken: str) -> None:
    assert speakable(shown).text == spoken


def test_shown_text_maps_back_from_spoken_words() -> None:
    shown = "It cost $18,500 and Mona* called +44 20 7946 0321 about example.org today."
    spoken = speakable(shown)

    def shown_for(word: str) -> str:
        start = spoken.text.index(word)
        at, length = spoken.to_shown(start, len(word))
        return shown[at : at + length]

    assert shown_for("eighteen") == "$18,500"
    assert shown_for("dollars") == "$18,500"
    assert shown_for("Mona") == "Mona"
    assert shown_for("plus") == "+44 20 7946 0321"
    assert shown_for("example") == "example.org"
    assert shown_for("today") == "today"


def test_other_languages_keep_numbers_for_the_engine() -> None:
    assert speakable("Es kostet 18.500 Euro und 3 Äpfel.", language="de").text == (
        "Es kostet 18.500 Euro und 3 Äpfel."
    )
    assert speakable("Mona* rief an.", language="de").text == "Mona rief an."


def test_verbatim_says_exactly_what_is_shown() -> None:
    shown = "Dr. Okafor paid $3.50 to Mona*."
    spoken = speakable(shown, verbatim=True)
    assert spoken.text == shown
    assert spoken.to_shown(4, 6) == (4, 6)


def test_plain_words_are_left_alone() -> None:
    shown = "The room opens on the first Monday of next month."
    assert speakable(shown).text == shown


def test_a_run_of_one_mark_is_counted_not_said_each_time() -> None:
    """A table's border in code was "plus dash dash dash dash dash dash dash ..."."""
    assert speakable("____", verbatim=True, punctuation="all").text.split() == ["4", "underscore"]
    spoken = speakable("+-------+====+", verbatim=True, punctuation="all")
    assert spoken.text.split() == ["plus", "7", "dash", "plus", "4", "equals", "plus"]
    assert spoken.to_shown(spoken.text.index("7"), 1) == (1, 7)
    assert speakable("a -- b", verbatim=True, punctuation="all").text.split() == [
        "a",
        "dash",
        "dash",
        "b",
    ]
