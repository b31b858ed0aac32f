"""Bylines and dates as pages write them, for every extractor.

A byline names people ("By Lena Marsh and Omar Haddad"); pages run it on into a date,
a time, a section or a comment count, and put navigation ("Previous Post") and teaser
titles in the same places. These rules find the names and say whether a string can
be one at all.
"""

from __future__ import annotations

import re

from readout.extract.raw import collapse

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DATE = re.compile(  # "11.03.17" needs its noughts: "3.11.17" is a version
    rf"(\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+{MONTH}\s+\d{{4}}|{MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
    r"|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.\d{1,2}\.\d{4}"
    r"|(?<![\w.])(?:0[1-9]|[12]\d|3[01])\.(?:0[1-9]|[12]\d|3[01])\.\d{2}(?![\w.]))",
    re.I,
)
BY = re.compile(r"^\s*(?:by|written by|words by|story by|posted by|von|par|por|di)[:\s]+", re.I)
_HANDLE = re.compile(r"@\w+|\s*[<‹][^<>‹›]*[>›]")
"""A handle ("@ada") or an address in brackets ("<ada at example dot org>")."""
_LINK = re.compile(r"\(?\s*(?:https?://|www\.)\S*")
"""A link after the names ("Ada Whitcombe (https://example.org/ada/)")."""
_ENDS = (
    DATE,
    re.compile(r"\bT?\d{1,2}:\d{2}"),
    re.compile(rf"\b{MONTH}\s+\d{{1,2}}\b", re.I),  # a date without its year: "March 18"
    re.compile(r"\s[|·—]\s|\s-\s"),
    re.compile(r"\b\d+\s+comments?\b", re.I),
    re.compile(rf"\s+on\s+(?:{MONTH}|mon|tue|wed|thu|fri|sat|sun|\d)", re.I),
    re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I),
)
_NOT_NAMES = frozenset(
    "updated published posted last share follow comments comment read more previous next "
    "print email subscribe login".split()
)
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
_JOINERS = frozenset("de da di du van von der den le la y e et and und & of bin al".split())


def clean_byline(text: str) -> str:
    """The names in a byline: what stands before its date, time, "| section" or
    comment count, without "By", handles or links ("By Lena Marsh, Omar Haddad T22:05:36Z
    Science" -> "Lena Marsh, Omar Haddad")."""
    text = _LINK.sub("", _HANDLE.sub("", BY.sub("", collapse(text))))
    cut = min((m.start() for p in _ENDS if (m := p.search(text))), default=len(text))
    return _said_once(collapse(text[:cut]).strip(" ,|·-—:"))


def _said_once(names: str) -> str:
    """Names said twice over, as a photo's alt text and the name beside it copy
    ("Sean Martin Sean Martin"), said once."""
    words = names.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return names


def is_person_name(text: str, *, shown: bool = False) -> bool:
    """Could ``text`` be an author's name (or a few)? Never a URL, a date or a version.

    With ``shown`` (a by-line found on the page, not in metadata) it must look like
    names too: capitalised words (or all capitals), joiners aside, none of them a
    control's word ("Last Updated", "Follow Author"), so a teaser title is not taken.
    """
    text = BY.sub("", collapse(text))
    if not text or len(text) > 100 or "://" in text or "@" in text:
        return False
    words = text.replace(",", " ").split()
    if len(words) > 12 or sum(ch.isdigit() for ch in text) > 2:
        return False
    letter_words = _LETTER_WORD.findall(text)
    if not letter_words or len(letter_words) < max(1, len(words) // 2):
        return False
    if not shown:
        return True
    if any(w.lower().strip(".,:") in _NOT_NAMES for w in words):
        return False
    cased = [w for w in words if w[:1].isalpha() and w.lower() not in _JOINERS]
    if any(w[:1].isalpha() and not w.isascii() and not w[:1].isupper() for w in cased):
        return True  # scripts without capitals (Chinese, Japanese, Arabic...)
    capitalised = sum(1 for w in cased if w[:1].isupper())
    return capitalised >= 0.75 * len(cased) if cased else False


def is_agency(text: str) -> bool:
    """A news agency's short capitalised name ("AFP", "AP", "DPA") rather than a person."""
    stripped = text.strip()
    return stripped.isupper() and len(stripped) <= 5 and " " not in stripped
