"""reStructuredText (a Python project's README, a Sphinx source) read through docutils'
document tree. Before, a .rst file was read as plain text: a badge directive was the
title, ".. _pytest:" was spoken, "``pluggy``" kept its backticks."""

from __future__ import annotations

from pathlib import Path

from readout.article import Article, BlockKind
from readout.extract import extract, extract_with_dropped
from readout.extract.dropped import DropReason
from readout.sources import MediaType, Source, load_source, sniff_media_type

GUIDE = """\
.. image:: https://img.shields.io/pypi/v/tidepool.svg
   :target: https://pypi.example/tidepool

.. _guide:

================
Tidepool's guide
================

:Author: Ada Whitcombe
:Date: 2026-03-01

.. contents:: On this page

.. toctree::
   :maxdepth: 2

   install

Tidepool prints the tide tables of a harbour. Call :func:`~tidepool.tables.month` with
a harbour's name, as :ref:`the usage notes <usage>` show [#office]_.

.. note::

   The tables are in local time.

Install
=======

.. code-block:: console
   :caption: From the package index

   $ pip install tidepool
   $ tidepool --month 3

.. versionadded:: 2.1
   The ``--month`` option.

Options
-------

--month N     Print month N.

+-----------+---------+
| Option    | Default |
+===========+=========+
| --month   | this    |
+-----------+---------+

berth
   A place at the quay where a boat is tied up.

.. include:: /etc/passwd

.. raw:: html

   <script>alert(1)</script>

.. A comment the author left for themselves.

.. [#office] The harbour office prints them each spring.
"""


def _read(text: str, name: str = "/home/ada/tidepool/guide.rst") -> Article:
    return extract(Source(text, MediaType.RST, name))


def test_a_sphinx_source_reads_as_its_reader_sees_it() -> None:
    article = _read(GUIDE)
    assert (article.title, article.byline, article.published) == (
        "Tidepool's guide",
        "Ada Whitcombe",
        "2026-03-01",
    )
    assert [(b.kind, b.text, b.level) for b in article.blocks] == [
        (
            BlockKind.PARAGRAPH,
            "Tidepool prints the tide tables of a harbour. Call month() with a harbour's "
            "name, as the usage notes show [1].",
            None,
        ),
        (BlockKind.PARAGRAPH, "Note: The tables are in local time.", None),
        (BlockKind.HEADING, "Install", 2),
        (BlockKind.CODE, "$ pip install tidepool\n$ tidepool --month 3", None),
        (BlockKind.PARAGRAPH, "New in version 2.1: The --month option.", None),
        (BlockKind.HEADING, "Options", 3),
        (BlockKind.PARAGRAPH, "--month N: Print month N.", None),
        (BlockKind.PARAGRAPH, "Option; Default", None),
        (BlockKind.PARAGRAPH, "--month; this", None),
        (BlockKind.PARAGRAPH, "berth: A place at the quay where a boat is tied up.", None),
        (BlockKind.LIST_ITEM, "1. The harbour office prints them each spring.", 1),
    ]


def test_what_is_left_out_is_markup_and_contents_and_nothing_is_read_from_elsewhere() -> None:
    article, dropped = extract_with_dropped(Source(GUIDE, MediaType.RST, "guide.rst"))
    reasons = {(d.reason, d.text.split()[0]) for d in dropped}
    assert reasons == {
        (DropReason.CONTENTS, "On"),
        (DropReason.MARKUP, ".."),  # the include and the raw HTML, refused, not run
        (DropReason.MARKUP, "A"),  # the comment
        (DropReason.IMAGE_TEXT, "image:"),  # the badge, listed by its address
    }
    text = " ".join(b.text for b in article.blocks)
    assert "root:" not in text and "script" not in text


def test_a_readme_with_its_change_log_after_it_is_named_by_its_opening_section() -> None:
    """PyPI joins a README and its change log: two top-level sections. The first, which
    holds sections of its own, names the text; an opening section that holds none is a
    section ("Introduction"), and the file's folder names the text."""
    readme = (
        "Tidepool\n========\n\nTidepool prints tide tables.\n\n"
        "Install\n-------\n\nUse pip.\n\n"
        "Changes\n=======\n\n2.1 (2026-03-01)\n----------------\n\nThe month option.\n"
    )
    article = _read(readme, "/src/tidepool/README.rst")
    assert article.title == "Tidepool"
    headings = [(b.level, b.text) for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings == [(2, "Install"), (1, "Changes"), (2, "2.1 (2026-03-01)")]
    flat = "Introduction\n============\n\nIt reads.\n\nUse\n===\n\nRun it.\n"
    article = _read(flat, "/src/tidepool/README.rst")
    assert article.title == "tidepool README"
    assert [b.text for b in article.blocks][:2] == ["Introduction", "It reads."]


def test_lists_keep_their_numbers_and_depth_and_badges_are_not_captions() -> None:
    text = (
        "Steps\n=====\n\n.. image:: https://ci.example/badge.svg\n   :alt: Build status of main\n\n"
        "#. Open the lid.\n\n   * Gently.\n\n#. Close it.\n\n"
        ".. figure:: tide.png\n\n   The tide at the north quay, in March.\n"
    )
    article = _read(text)
    assert [(b.kind, b.text, b.level) for b in article.blocks] == [
        (BlockKind.LIST_ITEM, "1. Open the lid.", 1),
        (BlockKind.LIST_ITEM, "Gently.", 2),
        (BlockKind.LIST_ITEM, "2. Close it.", 1),
        (BlockKind.CAPTION, "The tide at the north quay, in March.", None),
    ]


def test_restructuredtext_is_known_by_its_name_and_its_marks() -> None:
    assert sniff_media_type(GUIDE) is MediaType.RST
    assert sniff_media_type("# Title\n\nSome ``code`` and :func:`run`.\n") is MediaType.MARKDOWN
    assert sniff_media_type("Title | Site\nHeadline\nBody text.\n") is MediaType.TEXT


def test_a_rst_file_is_read_as_restructuredtext(tmp_path: Path) -> None:
    path = tmp_path / "guide.rst"
    path.write_text(GUIDE, encoding="utf-8")
    source = load_source(str(path))
    assert source.media_type is MediaType.RST
    assert extract(source).title == "Tidepool's guide"


def test_restructuredtext_named_plain_text_is_read_as_restructuredtext(tmp_path: Path) -> None:
    """setuptools ships its README as README.txt: its badges were read out."""
    path = tmp_path / "README.txt"
    path.write_text(GUIDE, encoding="utf-8")
    assert load_source(str(path)).media_type is MediaType.RST
    underlined = "Tool\n~~~~\n\n.. image:: b.svg\n\n.. _a:\n\nIt reads.\n\nUse\n~~~\n\nRun it.\n"
    assert sniff_media_type(underlined) is MediaType.RST  # "~~~~" is an underline, not a fence


def test_an_outline_is_plain_text_not_markdown() -> None:
    """A GNU NEWS file piped in was Markdown: its "* Release" lines list items."""
    news = (
        "TOOL NEWS    -*- outline -*-\n\n* Noteworthy changes in release 1.2\n\n"
        "** Bug fixes\n\n  It no longer stops.\n\n* Noteworthy changes in release 1.1\n"
    )
    assert sniff_media_type(news) is MediaType.TEXT


def test_an_items_second_paragraph_and_indented_line_go_on_with_the_item() -> None:
    text = (
        "Steps\n=====\n\n#. Install it with pip::\n\n       pip install tidepool\n\n"
        "   See the notes below for other ways.\n\n       py -m pip install tidepool\n\n"
        "#. Run it.\n"
    )
    assert [(b.kind, b.text) for b in _read(text).blocks] == [
        (BlockKind.LIST_ITEM, "1. Install it with pip:"),
        (BlockKind.CODE, "pip install tidepool"),
        (BlockKind.PARAGRAPH, "See the notes below for other ways."),
        (BlockKind.PARAGRAPH, "py -m pip install tidepool"),
        (BlockKind.LIST_ITEM, "2. Run it."),
    ]


def test_an_inline_targets_text_is_read() -> None:
    """docutils' README's "a working copy of the _`repository`" was read "a working copy
    of the", the word lost."""
    text = "Tool\n====\n\nUse a current snapshot or a working copy of the _`repository`.\n"
    assert (
        _read(text).blocks[0].text == "Use a current snapshot or a working copy of the repository."
    )


def test_restructuredtext_with_few_directives_is_known_by_its_other_marks(tmp_path: Path) -> None:
    """certifi's README.txt (one target, then literals and links) was read as plain text,
    its backticks and link targets said; Babel's README piped in, too."""
    readme = (
        "Certifi\n=======\n\n``certifi`` provides root certificates, from the `Requests`_ "
        "project.\nInstall it with ``pip``, see `the guide <https://example.org/guide>`_.\n\n"
        ".. _`Requests`: https://example.org/requests\n"
    )
    path = tmp_path / "README.txt"
    path.write_text(readme, encoding="utf-8")
    assert load_source(str(path)).media_type is MediaType.RST
    assert sniff_media_type(
        "About\n=====\n\nSee ``docs`` and `the guide <https://x.org>`__.\n"
    ) is (MediaType.RST)


def test_from_standard_input_an_opening_section_names_the_text() -> None:
    """With no file name to name it, the opening section's title is the title, said once."""
    text = "About Tidepool\n==============\n\nIt prints tide tables.\n\nHelp\n====\n\nAsk.\n"
    article = extract(Source(text, MediaType.RST, "-"))
    assert article.title == "About Tidepool"
    assert [b.text for b in article.blocks] == ["It prints tide tables.", "Help", "Ask."]
