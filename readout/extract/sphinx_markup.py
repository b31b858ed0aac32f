"""Sphinx's markup, which docutils does not know, registered with docutils so a Sphinx
source reads as its built page does: roles as their text (``:func:`~tool.run``` is
"run()"), directives that organise a project not read, those that hold text read."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import Directive, directives, roles
from docutils.parsers.rst.directives.body import CodeBlock

_SPHINX_ROLES = (
    "ref doc term numref keyword option envvar token any download abbr "
    "func meth class mod attr data const obj exc type member var macro enum "
    "file samp kbd command program makevar mailheader mimetype newsgroup guilabel menuselection "
    "issue pr user gh commit"
).split()
_DOMAINS = ("py", "c", "cpp", "js", "rst", "std")
_TARGET = re.compile(r"\s*<[^<>]*>\s*$")


def _sphinx_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Any,
    options: Any = None,
    content: Any = None,
) -> tuple[list[Any], list[Any]]:
    """``:ref:`the guide <guide>``` reads "the guide"; ``:func:`~tool.run``` reads "run"."""
    shown = _TARGET.sub("", text) or text
    if shown.startswith("~"):
        shown = shown[1:].rsplit(".", 1)[-1]
    shown = shown.lstrip("!")
    if name.endswith(("func", "meth")) and not shown.endswith(")"):
        shown += "()"  # as Sphinx shows a function: "month()"
    code = name.split(":")[-1] not in ("ref", "doc", "term", "numref", "any", "download", "abbr")
    return [nodes.literal(rawtext, shown) if code else nodes.Text(shown)], []


class _Silent(Directive):
    """A directive that organises a project and has nothing to read (``toctree``)."""

    optional_arguments = 10
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {}

    def run(self) -> list[nodes.Node]:
        return []


class _Labelled(Directive):
    """A directive whose text is read under a label ("New in version 2.1: ...")."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {}
    labels: ClassVar[dict[str, str]] = {
        "versionadded": "New in version {}",
        "versionchanged": "Changed in version {}",
        "deprecated": "Deprecated since version {}",
        "seealso": "See also",
        "todo": "To do",
    }

    def run(self) -> list[nodes.Node]:
        label = self.labels.get(self.name, self.name)
        text = " ".join(self.arguments)
        if "{}" in label:  # ".. versionadded:: 2.1 The --month option."
            version, _, text = text.strip().replace("\n", " ").partition(" ")
            label = label.format(version)
        note = nodes.admonition()
        note += nodes.title(text=label)
        if text.strip():
            said, _ = self.state.inline_text(text, self.lineno)
            note += nodes.paragraph(text, "", *said)
        self.state.nested_parse(self.content, self.content_offset, note)
        return [note]


class _AnyOption(dict[str, Callable[[str], Any]]):
    """Sphinx's directives take options docutils has never heard of (``:maxdepth: 2``)."""

    def __bool__(self) -> bool:
        return True  # docutils reads options only when a directive has some

    def __contains__(self, key: object) -> bool:
        return True

    def __missing__(self, key: str) -> Callable[[str], Any]:
        return directives.unchanged


_SILENT = (
    "toctree index highlight currentmodule module automodule autoclass autofunction "
    "automethod autodata autoattribute autoexception autosummary literalinclude "
    "tabularcolumns only ifconfig graphviz plot program sectionauthor codeauthor"
).split()


@functools.cache
def register_sphinx_markup() -> None:
    for name in _SPHINX_ROLES:
        for qualified in (name, *(f"{domain}:{name}" for domain in _DOMAINS)):
            roles.register_local_role(qualified, _sphinx_role)
    for name in _SILENT:
        directives.register_directive(name, type(name, (_Silent,), {"option_spec": _AnyOption()}))
    for name in _Labelled.labels:
        directives.register_directive(name, type(name, (_Labelled,), {"option_spec": _AnyOption()}))
    for name in ("code-block", "sourcecode"):
        directives.register_directive(name, type(name, (CodeBlock,), {"option_spec": _AnyOption()}))
