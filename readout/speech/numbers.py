"""English number words: cardinals, ordinals and years, as people read them aloud.

Small and exact for what articles contain; written here because the general library
(num2words) costs 20 ms to import, a fifth of readout's start-up.
"""

from __future__ import annotations

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = (
    (10**15, "quadrillion"),
    (10**12, "trillion"),
    (10**9, "billion"),
    (10**6, "million"),
    (10**3, "thousand"),
)
_ORDINAL_WORDS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
    "nine": "ninth", "twelve": "twelfth",
}  # fmt: skip


def _below_hundred(n: int) -> str:
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f" {_ONES[ones]}" if ones else "")


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        return _below_hundred(rest)
    words = f"{_ONES[hundreds]} hundred"
    return words + (f" and {_below_hundred(rest)}" if rest else "")


def cardinal(n: int) -> str:
    """1240 -> "one thousand two hundred and forty"."""
    if n < 0:
        return "minus " + cardinal(-n)
    if n < 1000:
        return _below_thousand(n)
    parts: list[str] = []
    for value, name in _SCALES:
        if n >= value:
            count, n = divmod(n, value)
            parts.append(f"{cardinal(count)} {name}")
    if n:
        parts.append(("and " if n < 100 else "") + _below_thousand(n))
    return " ".join(parts)


def ordinal(n: int) -> str:
    """23 -> "twenty third"."""
    words = cardinal(n).split()
    last = words[-1]
    if last in _ORDINAL_WORDS:
        words[-1] = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        words[-1] = last[:-1] + "ieth"
    else:
        words[-1] = last + "th"
    return " ".join(words)


def year(n: int) -> str:
    """1999 -> "nineteen ninety nine", 2005 -> "two thousand and five", 2022 -> "twenty twenty two"."""
    if not 1000 <= n <= 9999:
        return cardinal(n)
    high, low = divmod(n, 100)
    if low == 0:
        return cardinal(n) if high % 10 == 0 else f"{cardinal(high)} hundred"
    if 2000 <= n < 2010:
        return cardinal(n)
    return f"{cardinal(high)} {'oh ' + _ONES[low] if low < 10 else _below_hundred(low)}"
