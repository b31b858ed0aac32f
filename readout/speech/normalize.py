"""Speakable text: what the engine is given for a sentence, mapped back to what is shown.

Engines differ in how they read "$18,500", "+44 20 7946 0321", "press@example.org" or
"Mona*". We give every engine the same plain words: amounts with their currency,
percentages, ordinals, years and times read as words; phone numbers digit by digit
in their groups; addresses and URLs as words ("example dot org"); footnote marks
silent; common abbreviations expanded; dashes and ellipses as pauses; curly quotes
straightened. Number words are English, so number rules apply to English (or
unknown-language) articles only; other languages keep the engine's own reading.
The user's lexicon runs first, on the shown text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from readout.defaults import Punctuation
from readout.speech.numbers import cardinal, ordinal, year
from readout.speech.spoken import SpokenBuilder, SpokenText

if TYPE_CHECKING:
    from readout.speech.lexicon import LexiconRule

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"'})  # fmt: skip

_CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "€": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", "sen", "sen"),
}
_SCALES = {
    "thousand": "thousand", "k": "thousand", "million": "million", "m": "million",
    "mn": "million", "billion": "billion", "bn": "billion", "b": "billion",
    "trillion": "trillion", "tn": "trillion",
}  # fmt: skip
_ABBREVIATIONS = {
    "Mr.": "Mister", "Mrs.": "Missus", "Ms.": "Miz", "Dr.": "Doctor", "Prof.": "Professor",
    "Gov.": "Governor", "Sen.": "Senator", "Rep.": "Representative", "Gen.": "General",
    "Capt.": "Captain", "Lt.": "Lieutenant", "Sgt.": "Sergeant", "Jr.": "Junior",
    "Sr.": "Senior", "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera",
    "vs.": "versus", "approx.": "approximately", "Ltd.": "Limited", "Dept.": "Department",
}  # fmt: skip
_MONTHS = (
    "January February March April May June July August September October November December"
).split()

_AMOUNT = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# Rules, most specific first; each named group is handled by the function of that name.
_URL_END = r"[^\s<>\".,;:!?)\]']"
_URL = (
    rf"(?P<url>\b(?:https?://|www\.)[^\s<>\"]*{_URL_END}"
    r"|\b(?:[a-z0-9-]+\.)+(?i:com|org|net|edu|gov|int|io|co|uk|eu|de|fr|info|news|example)\b"
    rf"(?![.@-]\w)(?:/[^\s<>\"]*{_URL_END})?)"
)
_EMAIL = r"(?P<email>\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b)"
_ISO_DATE = r"(?P<iso_date>(?<!\w-)\b\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b)"
_PHONE = (
    r"(?P<phone>(?<![\w.,])(?!\(?\d{4}-\d\d-\d\d\b)(?:\+|\(0|0)?[\d(][\d\s().-]{5,}\d"
    r"(?:\s*(?:ext\.?|x|extension)\s*\d{1,5})?(?![\w,]|\.\d))"
)
_MONEY = (
    rf"(?P<money>(?P<currency>[$£€¥])\s?(?P<amount>{_AMOUNT})"
    r"(?:\s?(?P<scale>(?i:thousand|million|billion|trillion|bn|mn|tn|[kmb]))\b)?)"
)
_PERCENT = rf"(?P<percent>(?<![\w.]){_AMOUNT}\s?%)"
_TIME = (
    r"(?P<clock>\b(?:(?:[01]?\d|2[0-3]):[0-5]\d|(?:1[0-2]|0?[1-9])(?=\s?[ap]\.?m\b))"
    r"(?:\s?[ap]\.?m\b|\b))"
)
"""A time ("18:30", "10:30pm", "9 a.m."): "ten thirty p m"."""
_EXPONENT = r"(?P<exponent>(?<![\w.])\d+(?:\.\d+)?[eE][−+-]?\d+(?!\w))"
"""A number in scientific notation ("1e-9", "6.02E23")."""
_PLUS = r"(?P<plus>(?<=\d)\+(?![\w+]))"
"""A plus after a figure ("Python 3.9+", "1,300+ plugins"): "plus"."""
_POWER = r"(?P<power>(?<=\d)(?:\*\*|\^)(?=[−-]?\d))"
"""A power between figures ("2**32", "10^6"): "to the power of"."""
_TIMES = r"(?P<times>(?<=\d)\s?[*×]\s?(?=\d))"
"""A product of figures ("3*4", "1920×1080"): "times"."""
_FRACTION = (
    r"(?P<fraction>(?<![\w/.,])(?P<numerator>[1-7])/(?P<denominator>[2348])(?![\w/]|[.,]\d))"
)
"""A simple fraction ("1/2 cup", "3/4 of them") read as one: "three quarters"."""
_SLASH_DATE = r"(?P<slash_date>(?<![\w/])(?P<first>[0-3]?\d)/(?P<second>[0-3]?\d)/(?P<year>(?:19|20)\d\d)(?![\w/]))"
"""A date written with slashes whose order the numbers show ("07/31/2021",
"31/07/2021"); "03/04/2021" is either, and stays figures."""
_ORDINAL = r"(?P<ordinal>\b\d+(?:st|nd|rd|th)\b)"
_EXTENSION = re.compile(r"\s*(?:ext\.?|x|extension)\s*(?=\d)")
_RANGE = r"(?P<range>(?<=\d)\s?[–—]\s?(?=\d))"
_NUMBER = r"(?P<number>(?<!\w-)(?:(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.,])\d+(?:\.\d+)?(?!\w|,\d|\.\d)))"
"""A number; not one that is part of a name ("RFC-822", "COVID-19"), which the engine
reads as it is."""
_ABBREVIATION = (
    r"(?P<abbreviation>(?<!\w)(?:"
    + "|".join(re.escape(a) for a in sorted(_ABBREVIATIONS, key=len, reverse=True))
    + r")|(?<!\w)No\.(?=\s*\d)|(?<!\w)St\.(?=\s+[A-Z]))"
)
_FOOTNOTE = (
    r"(?P<footnote>(?<=[\w.,;:!?\"')\]])[*†‡]+(?!\w)|(?<![^\s\"'(])[*†‡]+(?=\w)"
    r"|(?<=[\w.,;:!?\"')\]])\[\d{1,3}\]|^[*†‡]+\s+(?=\w))"
)
"""A footnote's or a citation's mark ("safe*", "*A pseudonym", "* A pseudonym" opening
the note, "the board.[12]"): not read."""
_TERM_MARK = (
    r"(?P<term_mark>^(?:(?!\*+\s+[A-Z]|\.\.)[*,.>#<:|&~^+=%$@!?/\\]{1,3}|--)(?=\s+\w)"
    r"|^(?:[*>#<:|&~^+=%$@/\\]{1,3}|-{1,2})$)"
)
"""Marks that open a text as the term it defines ("> direct descendant", "%% A plain
% character", a reference's list of syntax), or are all of it (an option's heading
"--"): said by name, whatever the punctuation setting, or the listener hears the
definition of nothing. A starred note ("* The timetable...") is a footnote's mark,
not a term."""
_YEARS = r"(?P<years>(?<![\w-])(?:1[5-9]|20)\d\d[-–—](?:1[5-9]|20)\d\d(?![\w-]))"
"""A span of years ("2010-2015", "1914–1918"): "twenty ten to twenty fifteen"."""
_MINUS = r"(?P<minus>(?<![^\s(])[−-](?=\d))"
"""A minus sign before a number ("−128", "from -5"): "minus". A hyphen between words
and figures ("IEEE-754", "2010-2015") is not one."""
_NUMBER_SIGN = r"(?P<number_sign>(?<![\w&#])#(?=\d))"
"""The sign before an issue's or a pull request's number ("#12"): "number 12"."""
_PAUSE = r"(?P<pause>\s+[–—]\s+|[–—]|…|\.{3,})"

_ENGLISH_LIST = (
    _URL, _EMAIL, _ISO_DATE, _SLASH_DATE, _YEARS, _MONEY, _PHONE, _PERCENT, _TIME, _ORDINAL, _RANGE,
    _NUMBER_SIGN, _EXPONENT, _PLUS, _POWER, _TIMES, _FRACTION, _MINUS, _NUMBER, _ABBREVIATION, _TERM_MARK,
    _FOOTNOTE, _PAUSE,
)  # fmt: skip
"""The rules for English, most specific first."""
_ANY_LANGUAGE_LIST = (_URL, _EMAIL, _PHONE, _TERM_MARK, _FOOTNOTE, _PAUSE)
_ENGLISH = re.compile("|".join(_ENGLISH_LIST))


@functools.cache
def _any_language() -> re.Pattern[str]:
    return re.compile("|".join(_ANY_LANGUAGE_LIST))  # only for articles not in English


@functools.cache
def _without_phone(rules: re.Pattern[str]) -> re.Pattern[str]:
    """The same rules less the phone number's, for a span that only looked like one."""
    parts = _ENGLISH_LIST if rules is _ENGLISH else _ANY_LANGUAGE_LIST
    return re.compile("|".join(part for part in parts if part is not _PHONE))


def speakable(
    text: str,
    *,
    language: str | None = None,
    lexicon: Sequence[LexiconRule] = (),
    verbatim: bool = False,
    punctuation: Punctuation = "none",
    unsaid: int = 0,
) -> SpokenText:
    """The spoken form of ``text`` (a sentence or a title), with its offset map.

    ``verbatim`` turns normalisation off (the lexicon still applies), for hearing the
    raw text. ``punctuation`` ("none", "some", "all") says punctuation marks aloud, as
    screen readers do, for proofreading. The first ``unsaid`` characters are shown and
    not said (a prompt before a line of code).
    """
    builder = SpokenBuilder(text, punctuation)
    rules: re.Pattern[str] | None = None
    if not verbatim:
        english = language is None or language.lower().startswith("en")
        rules = _ENGLISH if english else _any_language()
    position = min(unsaid, len(text))
    builder.add(0, position, "", verbatim=False)
    for start, end, spoken in _lexicon_claims(text, lexicon):
        if start < position:
            continue
        _normalise_span(text, position, start, rules, builder)
        builder.add(start, end, spoken, verbatim=False)
        position = end
    _normalise_span(text, position, len(text), rules, builder)
    return builder.build()


def _lexicon_claims(text: str, rules: Sequence[LexiconRule]) -> list[tuple[int, int, str]]:
    """Non-overlapping lexicon matches; an earlier rule wins an overlap."""
    claims: list[tuple[int, int, str]] = []
    for rule in rules:
        for found in rule.pattern.finditer(text):
            start, end = found.span()
            if start == end or any(start < c_end and c_start < end for c_start, c_end, _ in claims):
                continue
            claims.append((start, end, rule.spoken_for(found)))
    return sorted(claims)


def _normalise_span(
    text: str, start: int, end: int, rules: re.Pattern[str] | None, builder: SpokenBuilder
) -> None:
    if rules is None:
        _verbatim(text, start, end, builder)
        return
    position, previous = start, ""
    for found in rules.finditer(text, start, end):
        kind = found.lastgroup
        handler = _HANDLERS.get(kind or "")
        if handler is None:
            continue
        spoken = handler(found)
        if spoken is None:
            if kind == "phone":  # "1.12 (2022-04-07)": a version and a date, read as such
                if found.start() > position:
                    _verbatim(text, position, found.start(), builder)
                _normalise_span(text, found.start(), found.end(), _without_phone(rules), builder)
                previous, position = "", found.end()
            continue
        if found.start() > position:
            _verbatim(text, position, found.start(), builder)
        elif previous[-1:].isalnum() and spoken[:1].isalnum():
            spoken = " " + spoken  # two replacements touching: "two thirty", not "twothirty"
        builder.add(found.start(), found.end(), spoken, verbatim=False)
        previous, position = spoken or previous, found.end()
    if position < end:
        _verbatim(text, position, end, builder)


def _verbatim(text: str, start: int, end: int, builder: SpokenBuilder) -> None:
    said = _PUNCTUATION_SAID.get(builder.punctuation)
    if not said:
        builder.add(start, end, text[start:end].translate(_QUOTES), verbatim=True)
        return
    run = index = start
    while index < end:
        name = said.get(text[index])
        if name is None or _inside_word(text, index):
            index += 1
            continue
        if run < index:
            builder.add(run, index, text[run:index].translate(_QUOTES), verbatim=True)
        repeats = _REPEATED_MARK.match(text, index, end)
        if repeats:  # "+----------+": "plus 10 dash plus", as NVDA counts a run
            builder.add(index, repeats.end(), f" {repeats.end() - index} {name} ", verbatim=False)
            index = repeats.end()
        else:
            builder.add(index, index + 1, f" {name} ", verbatim=False)
            index += 1
        run = index
    if run < end:
        builder.add(run, end, text[run:end].translate(_QUOTES), verbatim=True)


_REPEATED_MARK = re.compile(r"([^\w\s]|_)\1{3,}")
"""A mark four times or more in a row (a rule, a box's edge): counted, not said each time."""


def _inside_word(text: str, index: int) -> bool:
    """An apostrophe in "isn't" is part of the word, not punctuation to announce."""
    return (
        text[index] in "'’"
        and 0 < index < len(text) - 1
        and text[index - 1].isalnum()
        and text[index + 1].isalnum()
    )


_PUNCTUATION_NAMES = {
    ".": "period", ",": "comma", ";": "semicolon", ":": "colon", "?": "question mark",
    "!": "exclamation mark", "'": "apostrophe", "’": "apostrophe", "‘": "quote", '"': "quote",
    "“": "quote", "”": "end quote", "(": "open paren", ")": "close paren", "[": "open bracket",
    "]": "close bracket", "{": "open brace", "}": "close brace", "-": "dash", "–": "dash",
    "—": "dash", "…": "ellipsis", "/": "slash", "\\": "backslash", "&": "and", "@": "at",
    "#": "number sign", "%": "percent", "*": "star", "_": "underscore", "+": "plus",
    "=": "equals", "<": "less than", ">": "greater than", "|": "bar", "~": "tilde", "^": "caret",
    "$": "dollar", "£": "pound", "€": "euro",
}  # fmt: skip
MARK_NAMES: Mapping[str, str] = _PUNCTUATION_NAMES
"""What each punctuation mark is called when it is said ("(": "open paren")."""
_SOME = set(';:()[]{}/\\&@#%*_+=<>|~^"“”')
_PUNCTUATION_SAID = {
    "all": _PUNCTUATION_NAMES,
    "some": {mark: name for mark, name in _PUNCTUATION_NAMES.items() if mark in _SOME},
}


def spell(word: str) -> str:
    """A word letter by letter, for checking a spelling: "Okafor" -> "capital O, k, a, f, o, r"."""
    letters = []
    for char in word:
        if char.isalpha():
            letters.append(f"capital {char}" if char.isupper() else char)
        elif char.isdigit():
            letters.append(char)
        elif not char.isspace():
            letters.append(_PUNCTUATION_NAMES.get(char, char))
    return ", ".join(letters)


# --- handlers: each returns the spoken words, or None to leave the match as written --


_DIGITS = "zero one two three four five six seven eight nine".split()


def _cardinal(number: str) -> str:
    """English words for "1,240" or "3.05" ("three point zero five": digits after the point)."""
    whole, _, fraction = number.replace(",", "").partition(".")
    if not whole.isdigit():
        return number
    words = cardinal(int(whole))
    if fraction.isdigit():
        words += " point " + " ".join(_DIGITS[int(d)] for d in fraction)
    return words


_UNIT_AFTER = re.compile(
    r"[-\s]?(?:bits?|bytes?|[kKMGT]i?B(?:/s)?|[kMG]b(?:ps|/s)?|px|pixels?|dpi|rpm|[kMG]?Hz"
    r"|km|cm|mm|kg|mg|ml|mAh|ms|ft|lbs?|items?|words?|lines?|pages?|rows?|files?|users?"
    r"|people|characters?|tokens?|samples?|points?)\b"
)
"""A unit or a count after a number: "2048-bit", "1500 kB" are not years."""


_VERSION_BEFORE = re.compile(r"(?i:\b(?:version|release|v))\s?$")


def _number(found: re.Match[str]) -> str:
    raw = found.group("number")
    value = raw.replace(",", "")
    if (
        "," not in raw
        and "." not in value
        and len(value) == 4
        and 1100 <= int(value) <= 2099
        and not _UNIT_AFTER.match(found.string, found.end())
    ):
        return year(int(value))
    whole, _, part = value.partition(".")
    if part and _VERSION_BEFORE.search(found.string, max(0, found.start() - 9), found.start()):
        return f"{_cardinal(whole)} point {_cardinal(part)}"  # "version 1.12": "one point twelve"
    return _cardinal(raw)


def _money(found: re.Match[str]) -> str:
    one, many, minor_one, minor_many = _CURRENCIES[found.group("currency")]
    amount = found.group("amount").replace(",", "")
    scale = found.group("scale")
    if scale:
        return f"{_cardinal(amount)} {_SCALES[scale.lower()]} {many}"
    whole, _, fraction = amount.partition(".")
    major = f"{_cardinal(whole)} {one if whole == '1' else many}"
    if not fraction or int(fraction) == 0:
        return major
    cents = int((fraction + "0")[:2])
    return f"{major} and {_cardinal(str(cents))} {minor_one if cents == 1 else minor_many}"


def _percent(found: re.Match[str]) -> str:
    return f"{_cardinal(found.group('percent').rstrip('% '))} percent"


def _clock(found: re.Match[str]) -> str:
    clock = found.group("clock")
    meridiem = re.search(r"([ap])\.?m", clock, re.I)
    suffix = f" {meridiem.group(1).lower()} m" if meridiem else ""
    hours, _, minutes = re.sub(r"\s?[ap]\.?m\b", "", clock, flags=re.I).partition(":")
    if not minutes:
        return f"{_cardinal(hours)}{suffix}"
    if minutes == "00":
        if suffix:
            return f"{_cardinal(hours)}{suffix}"
        return f"{_cardinal(hours)} o'clock" if int(hours) <= 12 else f"{_cardinal(hours)} hundred"
    spoken_minutes = (
        f"oh {_cardinal(minutes[1])}" if minutes.startswith("0") else _cardinal(minutes)
    )
    return f"{_cardinal(hours)} {spoken_minutes}{suffix}"


def _exponent(found: re.Match[str]) -> str:
    mantissa, _, power = re.split(r"([eE])", found.group("exponent"))
    sign = "minus " if power[0] in "−-" else ""
    return f"{_cardinal(mantissa)} times ten to the {sign}{_cardinal(power.lstrip('−+-'))}"


_FRACTION_NAMES = {"2": ("half", "halves"), "3": ("third", "thirds"), "4": ("quarter", "quarters"), "8": ("eighth", "eighths")}  # fmt: skip


def _fraction(found: re.Match[str]) -> str | None:
    numerator, denominator = found.group("numerator"), found.group("denominator")
    if int(numerator) >= int(denominator):
        return None  # "5/4" is a ratio or a score, not a part
    one, many = _FRACTION_NAMES[denominator]
    return f"{_cardinal(numerator)} {one if numerator == '1' else many}"


def _slash_date(found: re.Match[str]) -> str | None:
    first, second = int(found.group("first")), int(found.group("second"))
    if first > 12 >= second >= 1 and first <= 31:
        day, month = first, second
    elif second > 12 >= first >= 1 and second <= 31:
        month, day = first, second
    else:
        return None  # which is the month the figures do not say
    return f"{_MONTHS[month - 1]} {ordinal(day)} {year(int(found.group('year')))}"


def _ordinal(found: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", found.group("ordinal"))
    return ordinal(int(digits))


def _iso_date(found: re.Match[str]) -> str:
    year_digits, month, day = found.group("iso_date").split("-")
    return f"{_MONTHS[int(month) - 1]} {ordinal(int(day))} {year(int(year_digits))}"


def _years(found: re.Match[str]) -> str:
    first, last = re.split(r"[-–—]", found.group("years"))
    return f"{year(int(first))} to {year(int(last))}"


def _phone(found: re.Match[str]) -> str | None:
    raw = found.group("phone")
    main, extension = raw, ""
    marker = _EXTENSION.search(raw)
    if marker:
        main, extension = raw[: marker.start()], raw[marker.end() :]
    if re.search(r"\d{4}-\d\d-\d\d", main) or re.match(r"\d+\.\d+(?:\.\d+)*\s", main):
        return None  # a release's version and its date
    digits = re.sub(r"\D", "", main)
    groups = [g for g in re.split(r"[\s().-]+", main.lstrip("+")) if g]
    separators = len(groups) - 1
    if len(digits) < 7 or not (
        main.startswith(("+", "0", "(")) or separators >= 2 or len(digits) >= 10
    ):
        return None  # a plain number or a range, not a phone number
    spoken = ", ".join(" ".join(group) for group in groups)
    if main.startswith("+"):
        spoken = "plus " + spoken
    if extension:
        spoken += ", extension " + " ".join(re.sub(r"\D", "", extension))
    return spoken


def _email(found: re.Match[str]) -> str:
    local, domain = found.group("email").split("@", 1)
    return f"{_words_of(local)} at {_domain(domain)}"


def _url(found: re.Match[str]) -> str:
    url = re.sub(r"^(https?://)?(www\.)?", "", found.group("url"), flags=re.I)
    host, _, path = url.partition("/")
    host = host.rpartition("@")[2]  # "user:password@host": the host is the address
    path = path.split("?", 1)[0].split("#", 1)[0]
    parts = [p for p in path.split("/") if p]
    spoken = _domain(host.split(":", 1)[0])
    if parts and len(parts) <= 3:
        spoken += " slash " + " slash ".join(_words_of(re.sub(r"\.\w{2,5}$", "", p)) for p in parts)
    return spoken


def _domain(domain: str) -> str:
    return " dot ".join(_words_of(part) for part in domain.split("."))


def _words_of(token: str) -> str:
    return " ".join(part for part in re.split(r"[-_.+]+", token) if part)


def _abbreviation(found: re.Match[str]) -> str:
    word = found.group("abbreviation")
    if word == "No.":
        return "number"
    if word == "St.":
        return "Saint"
    return _ABBREVIATIONS[word]


def _term_mark(found: re.Match[str]) -> str:
    return " ".join(_PUNCTUATION_NAMES[mark] for mark in found.group())


def _pause(found: re.Match[str]) -> str:
    return ", " if found.group("pause").strip() in ("–", "—") else "... "


def _said(words: str) -> Callable[[re.Match[str]], str]:
    """A rule that says the same words wherever it matches ("to the power of")."""
    return lambda found: words


_HANDLERS: dict[str, Callable[[re.Match[str]], str | None]] = {
    "url": _url,
    "email": _email,
    "iso_date": _iso_date,
    "years": _years,
    "money": _money,
    "phone": _phone,
    "percent": _percent,
    "slash_date": _slash_date,
    "clock": _clock,
    "exponent": _exponent,
    "plus": _said(" plus"),
    "power": _said(" to the power of "),
    "times": _said(" times "),
    "fraction": _fraction,
    "ordinal": _ordinal,
    "range": _said(" to "),
    "number_sign": _said("number "),
    "minus": _said("minus "),
    "number": _number,
    "abbreviation": _abbreviation,
    "term_mark": _term_mark,
    "footnote": _said(""),
    "pause": _pause,
}
