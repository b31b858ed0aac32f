"""Split block text into sentences, with character offsets, losing nothing.

espeak-ng's own splitter ends sentences at "Ill." and "K."; ours knows common
abbreviations, initials, "U.S."-style acronyms, "No. 5", decimals, ellipses and
closing quotes. The sentences cover the whole text: only whitespace between them is
left out, so ``text[start:end]`` is always the sentence.
"""

from __future__ import annotations

import re

from readout.article import Block, BlockKind, Sentence

# Words that end in a full stop without ending a sentence. Case-sensitive: "Ill." the
# state is an abbreviation, "ill." the adjective ends a sentence.
_ABBREVIATIONS = frozenset(
    """
    Mr Mrs Ms Mx Dr Prof Sr Jr St Rev Hon Gov Sen Rep Gen Col Lt Sgt Capt Cmdr Adm Maj
    Pres Supt Insp Det Fr Msgr Sra Srta
    Inc Ltd Co Corp Bros Assn Dept Univ Inst Mfg
    vs etc al approx est dept fig figs vol vols pp ed eds cf ca viz op ch sec
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Mon Tue Tues Wed Thu Thurs Fri Sat Sun
    Ave Blvd Rd Ln Mt Ft Hwy Pl Sq
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn
    Miss Mo Mont Neb Nev Okla Ore Pa Penn Tenn Tex Va Vt Wash Wis Wyo
    No Nos Nr Art Arts Para Ref Tel Ext Ph
    e.g i.e a.m p.m
    """.split()
)

# Abbreviations that are usually followed by a number ("No. 5", "Vol. 2", "pp. 10").
_NUMBER_ABBREVIATIONS = frozenset({"No", "Nos", "Nr", "Vol", "vol", "pp", "Art", "Ref", "Ext"})

# Words that start a new sentence after an ambiguous acronym such as "U.S.".
_SENTENCE_STARTERS = frozenset(
    """
    The A An This That These Those It Its He She They We I You His Her Their Our My
    But And So Yet Or In On At For If When While After Before Since Although Though
    There Here What Why How Who Where Some Many Most All Both Each No Not One Two
    Meanwhile However Still Then Now Also Instead Later
    """.split()
)

# A candidate boundary: terminal punctuation (with any closing quotes or brackets, and
# a citation's mark: "...the board.[12] It was"), then whitespace.
_BOUNDARY = re.compile(r"""([.!?…]+|[。！？]+)(["'”’»)\]」』）]*(?:\[\d{1,3}\])*)(\s*)""")
_CJK_STOPS = "。！？"
_WORD_BEFORE = re.compile(r"""(?:.*[^\w.'’-])?([\w.'’-]+)""", re.S)
"""The word that ends a stretch of text, found from its end (with ``fullmatch``): a
search for it from each position of the stretch in turn costs ten times more."""
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_NEXT_START = re.compile(r"""\s*(["'“‘«(\[]*)(\S+)""")


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences with offsets into it.

    Whitespace between sentences belongs to no sentence; every other character
    belongs to exactly one.
    """
    sentences: list[Sentence] = []
    start = _skip_space(text, 0)
    for match in _BOUNDARY.finditer(text):
        end = match.end(2)
        spaced = bool(match.group(3))
        if not spaced and (match.group(1)[0] not in _CJK_STOPS or end == len(text)):
            continue  # Latin punctuation ends a sentence only before a space
        if end <= start or not _ends_sentence(text, match):
            continue
        sentences.append(Sentence(text[start:end], start, end))
        start = _skip_space(text, match.end())
    end = len(text.rstrip())
    if start < end:
        sentences.append(Sentence(text[start:end], start, end))
    return tuple(sentences)


def segment_block(kind: BlockKind, text: str, level: int | None = None) -> Block:
    """Build a :class:`Block`.

    A heading is always one sentence, punctuation or not. A code block is read line by
    line: each non-blank line is one unit, so a listener can step through it and repeat
    a line, and nothing is split at a full stop inside an expression.
    """
    if kind is BlockKind.CODE:
        return Block(kind, text, split_lines(text), level)
    if kind is BlockKind.HEADING:
        stripped = text.strip()
        offset = text.find(stripped) if stripped else 0
        sentences = (Sentence(stripped, offset, offset + len(stripped)),) if stripped else ()
        return Block(kind, text, sentences, level)
    return Block(kind, text, split_sentences(text), level)


def split_lines(text: str) -> tuple[Sentence, ...]:
    """One unit per non-blank line, leading indentation left out of it."""
    units: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped)
            units.append(Sentence(stripped, start, start + len(stripped)))
        offset += len(line) + 1
    return tuple(units)


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    """Decide whether the punctuation in ``match`` ends a sentence."""
    punctuation = match.group(1)
    if punctuation[0] in _CJK_STOPS:
        return True
    following = _NEXT_START.match(text, match.end(3) - len(match.group(3)))
    if following is None:
        return True
    opener, next_word = following.group(1), following.group(2)
    first = next_word[0]
    # A sentence starts with a capital, a digit or an opening quote; lower case after
    # "?", "!" or "..." means the sentence goes on ("'Why?' she asked.").
    starts_like_sentence = first.isupper() or first.isdigit() or bool(opener) or not first.isalpha()
    if not starts_like_sentence:
        return False
    if punctuation != ".":
        return True
    # Only the word just before matters: look back a little, not across the whole text.
    before = _WORD_BEFORE.fullmatch(text, max(0, match.start(1) - 64), match.start(1))
    if before is None:
        return True
    word = before.group(1).lstrip("'’(-")
    bare = word.rstrip(".")
    if bare.isdigit() and before.start(1) == 0:
        return False  # an ordered list's item number: "2. Press the red button."
    if bare in _NUMBER_ABBREVIATIONS:
        return not first.isdigit()
    if bare in _ABBREVIATIONS or bare.lower() in {"e.g", "i.e"}:
        return False
    if len(bare) == 1 and bare.isalpha() and bare.isupper():
        return False  # an initial: "J. R. R. Tolkien", "Harry S. Truman"
    if _ACRONYM.fullmatch(bare):
        # "U.S." or "a.m." ends a sentence only when a typical sentence opener follows.
        return next_word.strip("\"'“”‘’,") in _SENTENCE_STARTERS
    return True
