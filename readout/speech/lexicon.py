"""The user's pronunciation lexicon: rules that change what is said, never what is shown.

A lexicon is a TOML file of ``[[rule]]`` tables::

    [[rule]]
    match = "Okafor"          # what to find in the shown text
    say = "oh KAH for"        # what to say instead ("" or kind = "skip" says nothing)
    kind = "word"             # word (whole words, default) | anywhere | regex | skip
    case_sensitive = false    # default false
    site = "valleycourier.example"   # optional: only for articles from this site

Rules from the user's config directory apply first, then any ``--lexicon`` file.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from readout.errors import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


class RuleKind(str, Enum):
    """How a rule's ``match`` is found."""

    WORD = "word"
    ANYWHERE = "anywhere"
    REGEX = "regex"
    SKIP = "skip"


@dataclass(frozen=True)
class LexiconRule:
    """One compiled rule."""

    kind: RuleKind
    match: str
    say: str
    pattern: re.Pattern[str]
    site: str | None = None

    def applies_to(self, sites: frozenset[str]) -> bool:
        return self.site is None or self.site.casefold() in sites

    def spoken_for(self, found: re.Match[str]) -> str:
        if self.kind is RuleKind.SKIP:
            return ""
        if self.kind is RuleKind.REGEX:
            try:
                return found.expand(self.say)
            except (re.error, IndexError):
                return self.say  # a group the pattern lacks: say the text as written
        return self.say


@dataclass(frozen=True)
class Lexicon:
    """An ordered list of rules; earlier rules win where two overlap."""

    rules: tuple[LexiconRule, ...] = ()

    def for_sites(self, *sites: str | None) -> tuple[LexiconRule, ...]:
        """The rules that apply to an article from any of ``sites`` (names or hosts)."""
        keys = frozenset(
            variant
            for site in sites
            if site
            for variant in (site.casefold(), site.casefold().removeprefix("www."))
        )
        return tuple(rule for rule in self.rules if rule.applies_to(keys))

    def __add__(self, other: Lexicon) -> Lexicon:
        return Lexicon(self.rules + other.rules)

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        """Read a lexicon file.

        Raises:
            UsageError: the file cannot be read or a rule is malformed.
        """
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except OSError as error:
            raise UsageError(f"{path}: cannot read lexicon ({error.strerror})") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise UsageError(f"{path}: not a valid TOML lexicon ({error})") from None
        raw_rules = data.get("rule", [])
        if not isinstance(raw_rules, list):
            raise UsageError(f"{path}: 'rule' must be a list of [[rule]] tables")
        return cls(tuple(_compile(path, number, raw) for number, raw in enumerate(raw_rules, 1)))


def _compile(path: Path, number: int, raw: Any) -> LexiconRule:
    where = f"{path}: rule {number}"
    if not isinstance(raw, dict) or not isinstance(raw.get("match"), str) or not raw["match"]:
        raise UsageError(f"{where}: needs a non-empty 'match'")
    try:
        kind = RuleKind(raw.get("kind", "word"))
    except ValueError:
        raise UsageError(f"{where}: kind must be word, anywhere, regex or skip") from None
    say = raw.get("say", "")
    if not isinstance(say, str):
        raise UsageError(f"{where}: 'say' must be text")
    site = raw.get("site")
    if site is not None and not isinstance(site, str):
        raise UsageError(f"{where}: 'site' must be text")
    flags = 0 if raw.get("case_sensitive", False) else re.IGNORECASE
    match = raw["match"]
    if kind is RuleKind.REGEX:
        source = match
    elif kind is RuleKind.ANYWHERE:
        source = re.escape(match)
    else:
        source = rf"(?<!\w){re.escape(match)}(?!\w)"
    try:
        pattern = re.compile(source, flags)
    except re.error as error:
        raise UsageError(f"{where}: bad regular expression ({error})") from None
    return LexiconRule(kind=kind, match=match, say=say, pattern=pattern, site=site)
