"""What changed between two versions of an article: blocks added, removed and changed,
with the sentences that changed inside changed blocks."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from readout.article import Article
from readout.numbering import Numbering


@dataclass(frozen=True)
class BlockChange:
    """One change. ``old``/``new`` are block indexes (None where absent)."""

    kind: str  # "added", "removed" or "changed"
    old: int | None
    new: int | None
    old_text: str | None
    new_text: str | None
    sentences: tuple[tuple[str, str | None, str | None], ...] = ()
    """For changed blocks: (kind, old sentence, new sentence) for each changed sentence."""


def diff_articles(old: Article, new: Article) -> list[BlockChange]:
    """Block-level changes in reading order of the new version."""
    old_texts = [b.text for b in old.blocks]
    new_texts = [b.text for b in new.blocks]
    changes: list[BlockChange] = []
    matcher = difflib.SequenceMatcher(a=old_texts, b=new_texts, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace":
            changes.extend(_pair_up(old, new, a1, a2, b1, b2))
        if op == "delete":
            changes.extend(
                BlockChange("removed", i, None, old_texts[i], None) for i in range(a1, a2)
            )
        if op == "insert":
            changes.extend(BlockChange("added", None, j, None, new_texts[j]) for j in range(b1, b2))
    return changes


def _pair_up(old: Article, new: Article, a1: int, a2: int, b1: int, b2: int) -> list[BlockChange]:
    """In a replaced range, a block similar enough to one in the other version is "changed";
    the rest were removed or added."""
    changes: list[BlockChange] = []
    used: set[int] = set()
    for j in range(b1, b2):
        best, score = None, 0.0
        for i in range(a1, a2):
            if i in used:
                continue
            ratio = difflib.SequenceMatcher(a=old.blocks[i].text, b=new.blocks[j].text).ratio()
            if ratio > score:
                best, score = i, ratio
        if best is not None and score >= 0.5:
            used.add(best)
            changes.append(
                BlockChange(
                    "changed",
                    best,
                    j,
                    old.blocks[best].text,
                    new.blocks[j].text,
                    _sentences(old, new, best, j),
                )
            )
        else:
            changes.append(BlockChange("added", None, j, None, new.blocks[j].text))
    changes.extend(
        BlockChange("removed", i, None, old.blocks[i].text, None)
        for i in range(a1, a2)
        if i not in used
    )
    return changes


def _sentences(
    old: Article, new: Article, i: int, j: int
) -> tuple[tuple[str, str | None, str | None], ...]:
    before = [s.text for s in old.blocks[i].sentences]
    after = [s.text for s in new.blocks[j].sentences]
    found: list[tuple[str, str | None, str | None]] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(
        a=before, b=after, autojunk=False
    ).get_opcodes():
        if op == "equal":
            continue
        olds, news = before[a1:a2], after[b1:b2]
        for k in range(max(len(olds), len(news))):
            o = olds[k] if k < len(olds) else None
            n = news[k] if k < len(news) else None
            found.append(("changed" if o and n else "removed" if o else "added", o, n))
    return tuple(found)


def changed_blocks(changes: list[BlockChange]) -> list[int]:
    """Blocks of the new version that were added or changed, in order."""
    return sorted(c.new for c in changes if c.new is not None)


def as_plain(changes: list[BlockChange], old: Article, new: Article) -> str:
    """The changes, each place named as a listener hears it in that version
    ("Changed paragraph 4 of 8 (now paragraph 5 of 9)")."""
    if not changes:
        return "No changes.\n"
    before_numbers, after_numbers = Numbering(old), Numbering(new)
    lines = []
    for change in changes:
        was = before_numbers.label(change.old) if change.old is not None else ""
        now = after_numbers.label(change.new) if change.new is not None else ""
        if change.kind == "added":
            lines.append(f"Added {_lower(now)}: {change.new_text}")
        elif change.kind == "removed":
            lines.append(f"Removed {_lower(was)}: {change.old_text}")
        else:
            lines.append(f"Changed {_lower(was)} (now {_lower(now)}):")
            for kind, before, after in change.sentences:
                if kind == "changed":
                    lines.append(f"  - {before}\n  + {after}")
                elif kind == "removed":
                    lines.append(f"  - {before}")
                else:
                    lines.append(f"  + {after}")
    return "\n".join(lines) + "\n"


def _lower(label: str) -> str:
    return label[:1].lower() + label[1:]


def as_json(changes: list[BlockChange], old: Article, new: Article) -> list[dict[str, object]]:
    """The changes; ``old_block``/``new_block`` are JSON indexes, ``*_place`` the
    listener's names."""
    before_numbers, after_numbers = Numbering(old), Numbering(new)
    return [
        {
            "kind": c.kind,
            "old_block": c.old,
            "new_block": c.new,
            "old_place": before_numbers.label(c.old) if c.old is not None else None,
            "new_place": after_numbers.label(c.new) if c.new is not None else None,
            "old_text": c.old_text,
            "new_text": c.new_text,
            "sentences": [{"kind": k, "old": o, "new": n} for k, o, n in c.sentences],
        }
        for c in changes
    ]
