"""Tables drawn in characters (a grid of ``+---+``, ``| cell |``, or box-drawing
``│ cell │``), as plain text, terminal output and reStructuredText sources have them:
read row by row as "cell; cell", as an HTML table's rows are, never as one line of
bars and dashes."""

from __future__ import annotations

import itertools
import re

from readout.extract.raw import collapse

_BORDERS = "|│┃║"
_CELL_BORDER = re.compile(r"[|│┃║]")
_RULE = re.compile(r"^[+|│┃║├┤┼┌┐└┘┬┴╔╗╚╝╠╣╦╩╬╞╡╪╟╢╤╧╫\-─━═=:\s]+$")
_RULE_MARKS = "-─━═="


def _is_rule(line: str) -> bool:
    """A border or a rule between rows ("+====+====+", "|----|:---:|", "├──┼──┤")."""
    text = line.strip()
    return bool(_RULE.match(text)) and sum(text.count(mark) for mark in _RULE_MARKS) >= 3


def _is_row(line: str) -> bool:
    """A row of cells between borders ("| Seagull | North 3 |")."""
    text = line.strip()
    return (
        len(text) >= 3
        and text[0] in _BORDERS
        and text[-1] in _BORDERS
        and any(char.isalnum() for char in text)
    )


def is_drawn_table(lines: list[str]) -> bool:
    """Two lines or more, each a rule or a row, with a rule among them."""
    lines = [line for line in lines if line.strip()]
    return (
        len(lines) >= 2
        and all(_is_rule(line) or _is_row(line) for line in lines)
        and any(_is_rule(line) for line in lines)
        and any(_is_row(line) for line in lines)
    )


def drawn_table_rows(lines: list[str]) -> list[str]:
    """The table's rows as "cell; cell". Where rules stand between the body's rows (a
    grid table), the lines between two rules are one row, a cell's words wrapped over
    them ("Kestrel" over "(renamed)"); else each line is a row."""
    groups: list[list[list[str]]] = [[]]
    for line in lines:
        if not line.strip():
            continue
        if _is_rule(line):
            groups.append([])
        else:
            groups[-1].append([cell.strip() for cell in _CELL_BORDER.split(line.strip())[1:-1]])
    groups = [group for group in groups if group]
    ruled_apart = len(groups) >= 3
    rows = (
        [_merged(group) for group in groups]
        if ruled_apart
        else [cells for group in groups for cells in group]
    )
    return [text for cells in rows if (text := "; ".join(collapse(c) for c in cells if c))]


def _merged(lines: list[list[str]]) -> list[str]:
    columns = itertools.zip_longest(*lines, fillvalue="")
    return [" ".join(part for part in column if part) for column in columns]


def drawn_tables(lines: list[str]) -> dict[int, tuple[int, list[str]]]:
    """Where each drawn table in ``lines`` starts: its end and its rows."""
    found: dict[int, tuple[int, list[str]]] = {}
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and (_is_rule(lines[end]) or _is_row(lines[end])):
            end += 1
        if end > start and is_drawn_table(lines[start:end]):
            found[start] = (end, drawn_table_rows(lines[start:end]))
            start = end
        else:
            start = max(end, start + 1)
    return found
