"""Rules that recognise site boilerplate, shared by the HTML and scraped-text extractors.

These are shape rules about what pages put around articles (teasers that lead to other
articles, calls to subscribe or follow, contact details, icon labels, placeholders),
not phrases from any one site. Each function looks at one line or block of text.
"""

from __future__ import annotations

import functools
import re

# A short line that introduces other content: "Related:", "Read more: ...",
# "You might also be interested in…".
_LEAD_IN = re.compile(
    r"""^\s*(related|read\ more|see\ more|more\ (from|on|stories|articles)|also\ on\ \S+
    |don'?t\ miss|recommended|further\ reading|trending|most\ (read|popular)|popular
    |you\ (might|may)\ also\ (like|enjoy|be\ interested)|sponsored|advertisement)\b""",
    re.I | re.X,
)
# A line that is nothing but a section label of the page furniture, or the label a
# player or a picture carries for a screen reader ("Image", "Video", "Listen").
_LABEL = re.compile(
    r"""^\s*(don'?t\ miss|related(\ (articles|stories|posts|content|coverage|links))?
    |advertisement|sponsored(\ content)?|tags?|share(\ this)?(\ (article|story|page|post))?
    |comments?|\d+\ comments?|tell\ us\ what\ you\ think.*|like\ this\ (story|article)\?.*
    |read\ more|more\ stories|recommended(\ for\ you)?|trending(\ now)?|print|email|skip\ to
    (\ main)?\ content|back\ to\ top|learn\ more|find\ out\ more|donate(\ now)?|subscribe(\ now)?
    |sign\ up|log\ ?in|sign\ in|menu|search|close
    |image|photo|video|audio|gallery|listen(\ to\ this\ (article|story))?)\s*[.!:…]*\s*$""",
    re.I | re.X,
)
# Calls to action: only at the start of a line, or as a whole phrase, so that an article
# sentence that merely mentions signing up is kept.
_CALL_TO_ACTION = re.compile(
    r"""(^(sign\ up|subscribe|click\ here\ (for|to)\ (more|read|learn|subscribe)|get\ the\ (latest|day's)
    |follow\ (us|him|her|them|me)\ on|download\ (the|our)\ app|support\ (our|us|this)\b|donate\ (to|now|today)
    |make\ a\ (gift|donation)|give\ (today|now)|join\ (us|our)\b)
    |\b(delivered\ (to|through)\ your\ (inbox|letterbox)|share\ (it|this)\ with\ a\ friend
    |follow\ (us|him|her|them|me)\ on\ (twitter|x|facebook|instagram|linkedin|mastodon|bluesky)
    |sign\ up\ for\ (our|the)\b.*newsletter))""",
    re.I | re.X,
)
# "[VIDEO]", "[INSIGHT]" at the end of a teaser headline.
_TEASER_TAG = re.compile(
    r"\[(INSIGHT|VIDEO|PICTURES|PICS|REVEALED|ANALYSIS|REACTION|POLL|LIVE)\]\s*\|?\s*$"
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b")
_PHONE = re.compile(r"(?<![\w/])(\+?\d[\d ().-]{6,}\d)(?![\w/])")
_PHONE_LABEL = re.compile(r"^\s*(tel|phone|mobile|mob|fax|t|m|e|email|e-mail)\b\.?\s*:?", re.I)
_PLACEHOLDER = re.compile(
    r"^\s*(test(ing)?( \d+)?|lorem ipsum.*|placeholder|tbd|tbc|todo|xxx+|asdf|sample text|\.{3}|-+)\s*[.!]?\s*$",
    re.I,
)
_VERSION = re.compile(r"\b\d+\.\d+(\.\d+)+\b|\bv\d+(\.\d+)+\b")
_STAMP_WORD = re.compile(
    r"^(?:const:|since|unstable|source|src|\[src\]|\[source\]|·|\[[−+-]\]|v?\d+(?:\.\d+){1,3})$",
    re.I,
)
"""What API documentation stamps beside an item: "1.0.0 · source · [−]"."""
# A reference page's link to its own source file: "Source code: Lib/json/__init__.py".
_SOURCE_LINK = re.compile(r"^source code:\s*\S+\.[a-z]{1,4}$", re.I)
# Icon names as they appear in scraped text: "arrow-left", "speaker-up", "chevron_down".
_ICON_TOKEN = re.compile(r"^[a-z]+(?:[-_][a-z0-9]+)+$")
_ICON_WORDS = frozenset(
    """play pause stop search menu close share print email facebook twitter linkedin
    instagram youtube whatsapp mute unmute volume speaker arrow chevron caret hamburger
    home user account cart bell rss download upload expand collapse plus minus x""".split()
)


_FIRST_UNSPACED = "\u3040"


@functools.cache
def _unspaced_script() -> re.Pattern[str]:
    # Compiled on first need: this class alone takes 2-6 ms to compile.
    return re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def word_count(text: str) -> int:
    """Words; Chinese and Japanese, written without spaces, count two characters a word."""
    words = len(text.split())
    if text.isascii() or max(text) < _FIRST_UNSPACED:
        return words
    return words + len(_unspaced_script().findall(text)) // 2


def is_unspaced(text: str) -> bool:
    """Mostly Chinese or Japanese: a sentence there ends in 。！？, never in a space."""
    if text.isascii() or max(text) < _FIRST_UNSPACED:
        return False
    return len(_unspaced_script().findall(text)) * 2 >= len(text.replace(" ", ""))


def is_boilerplate(text: str) -> bool:
    """True when a block of text is page furniture rather than article text."""
    stripped = text.strip()
    if not stripped:
        return True
    words = word_count(stripped)
    if _LABEL.match(stripped) or is_placeholder(stripped) or _SOURCE_LINK.match(stripped):
        return True
    if stripped.endswith(("]", "|")) and _TEASER_TAG.search(stripped):
        return True
    if (
        words <= 40
        and _LEAD_IN.match(stripped)
        and (":" in stripped or stripped.endswith(("…", "...")))
    ):
        return True
    return words <= 30 and bool(_CALL_TO_ACTION.search(stripped))


def has_version(text: str) -> bool:
    """A version number ("1.57.0", "v2.1.3") is in ``text``."""
    return _VERSION.search(text) is not None


def is_stamp_line(text: str) -> bool:
    """A line of stamps, no text: "const: unstable · source", "1.0.0 · source · [−]"."""
    words = text.split()
    return 0 < len(words) <= 8 and all(_STAMP_WORD.match(word) for word in words)


def introduces_list(text: str) -> bool:
    """True for a "Related:"-style line whose following list items are links, not article."""
    return bool(_LEAD_IN.match(text)) and text.rstrip().endswith((":", "…", "..."))


def is_lead_in(text: str) -> bool:
    """A short line that hands over to other content: ends in a colon or an ellipsis."""
    stripped = text.strip()
    return word_count(stripped) <= 12 and stripped.endswith((":", "…", "..."))


def is_placeholder(text: str) -> bool:
    """Short lines left by a CMS or an editor: "Test", "Lorem ipsum", "TBD".

    A long run of lorem ipsum is a page's body (test pages are made of it), not a
    placeholder line, so only lines of a few words count.
    """
    return len(text.split()) <= 6 and bool(_PLACEHOLDER.match(text))


def is_contact_detail(text: str) -> bool:
    """An e-mail address or a phone number standing as (most of) a short line."""
    stripped = text.strip()
    if word_count(stripped) > 8:
        return False
    if _EMAIL.search(stripped):
        return True
    phone = _PHONE.search(stripped)
    if phone and sum(ch.isdigit() for ch in phone.group(1)) >= 7:
        rest = stripped.replace(phone.group(1), "")
        return word_count(rest) <= 3 or bool(_PHONE_LABEL.match(stripped))
    return False


def is_icon_token(token: str) -> bool:
    """An icon's name: kebab- or snake-case lower-case words, or a known icon word."""
    return bool(_ICON_TOKEN.match(token)) or token in _ICON_WORDS


def strip_icon_run(line: str) -> tuple[str, int]:
    """Remove a trailing run of icon names from ``line``; return it and how many went.

    A run counts only when it has at least two icon names, so a title ending in an
    ordinary word such as "play" keeps it.
    """
    tokens = line.split()
    count = 0
    while count < len(tokens) and is_icon_token(tokens[len(tokens) - 1 - count]):
        count += 1
    if count < 2:
        return line.strip(), 0
    return " ".join(tokens[: len(tokens) - count]), count


def is_icon_line(line: str) -> bool:
    """A line made only of icon names."""
    tokens = line.split()
    return (
        bool(tokens)
        and all(is_icon_token(t) for t in tokens)
        and any("-" in t or "_" in t for t in tokens)
    )
