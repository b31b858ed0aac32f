"""The full-screen player through Textual's Pilot: real synthesis, the null device."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

from readout.audio.output import NullDevice
from readout.loading import load
from readout.reader import ReaderState
from readout.speech.engines import start_engine
from readout.speech.worker import SpeechWorker
from readout.state import Store
from readout.tui.app import ReadoutApp, make_app
from readout.tui.widgets import ArticleView, BlockView
from tests.conftest import ASSETS, FIXTURES

SAMPLE = load(str(ASSETS / "sample-article.txt"))


@pytest.fixture(scope="module")
def engine() -> Iterator[SpeechWorker]:
    worker = start_engine("espeak")
    yield worker
    worker.close()


def build(engine: SpeechWorker, store: Store | None = None, article=SAMPLE) -> ReadoutApp:  # type: ignore[no-untyped-def]
    return make_app(article, engine, lambda rate: NullDevice(rate, speed=2.0), store=store)


def status(app: ReadoutApp) -> str:
    """The status line, then the announcement line below it."""
    lines = [str(app.query_one("#status", Static).render())]
    lines += [str(line.render()) for line in app.query("#announcement")]
    return "\n".join(lines)


async def wait_for(pilot, predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(timeout / 0.05)):
        await pilot.pause()
        if predicate():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition never met")


async def test_status_bar_says_the_state_in_words(engine: SpeechWorker) -> None:
    app = build(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: status(app).startswith("Playing"))
        assert "Volume 100%" in status(app) and "words per minute" in status(app)
        await pilot.press("space")
        await wait_for(pilot, lambda: status(app).startswith("Paused"))
        await pilot.press("m")
        await wait_for(pilot, lambda: "Muted" in status(app))
        await pilot.press("m")
        await pilot.press("minus")
        await wait_for(pilot, lambda: "Volume 90%" in status(app))
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: f"{round(175 * 1.1)} words per minute" in status(app))


async def test_highlight_follows_the_voice(engine: SpeechWorker) -> None:
    app = build(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: bool(app.query(".current")))
        first = app.query_one(".current", BlockView)
        assert str(first.render()).startswith("▶ ")
        await pilot.press("down")
        await wait_for(pilot, lambda: app.query_one(".current", BlockView).index == first.index + 1)
        assert len(app.query(".current")) == 1


async def test_controls_mirror_the_widget_buttons(engine: SpeechWorker) -> None:
    app = build(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.reader.state is ReaderState.PLAYING)
        labels = lambda: [str(b.label) for b in app.query("#controls Button")]  # noqa: E731
        # Playing: the toggle says what pressing it does, as the web widget's icon does.
        await wait_for(pilot, lambda: labels()[1] == "Pause Space")
        assert labels()[:6] == [
            "Previous ←",
            "Pause Space",
            "Next →",
            "Quieter -",
            "Louder +",
            "Mute m",
        ]
        await pilot.click("#control-toggle_mute")
        await wait_for(pilot, lambda: "Muted" in status(app))
        await wait_for(pilot, lambda: labels()[5] == "Unmute m")
        await pilot.click("#control-toggle")
        await wait_for(pilot, lambda: app.reader.state is ReaderState.PAUSED)
        await wait_for(pilot, lambda: labels()[1] == "Play Space")


async def test_q_saves_the_position_and_quits(engine: SpeechWorker, tmp_path: Path) -> None:
    store = Store(tmp_path / "state.sqlite3")
    app = build(engine, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down")
        await wait_for(pilot, lambda: app.reader.units.positions[app.reader.unit][0] >= 1)
        await pilot.press("q")
    saved = store.load_position(SAMPLE.content_hash, SAMPLE.source or "")
    assert saved is not None and saved.block >= 1
    store.close()


async def test_hostile_text_is_shown_literally(engine: SpeechWorker) -> None:
    article = load(str(FIXTURES / "hostile.html"))
    app = build(engine, article=article)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = " ".join(str(v.render()) for v in app.query(BlockView))
        assert "[@click=app.quit]quit[/]" in shown and "[bold]not bold[/]" in shown
        assert "\x1b" not in shown
        assert str(app.query_one("#title", Static).render()).startswith("Hostile title [bold]x[/]")


async def test_small_terminal_keeps_the_essentials(engine: SpeechWorker) -> None:
    app = build(engine)
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_for(pilot, lambda: status(app).startswith("Playing"))
        assert app.query_one("#status").region.height >= 1
        assert app.query_one("#controls").region.height >= 1


async def test_remapped_keys_apply_in_the_player(engine: SpeechWorker) -> None:
    from readout.keys import remapped

    app = make_app(
        SAMPLE,
        engine,
        lambda rate: NullDevice(rate, speed=2.0),
        bindings=remapped({"mute": "ctrl+t"}),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: status(app).startswith("Playing"))
        await pilot.press("m")
        await pilot.pause()
        assert not app.reader.muted
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: "Muted" in status(app))


async def test_open_another_article_in_the_player(engine: SpeechWorker, tmp_path: Path) -> None:
    from textual.widgets import Input

    store = Store(tmp_path / "state.sqlite3")
    app = build(engine, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: status(app).startswith("Playing"))
        await pilot.press("minus", "right_square_bracket")
        await wait_for(pilot, lambda: "Volume 90%" in status(app))
        rate = app.reader.rate
        await pilot.press("o")
        await wait_for(pilot, lambda: bool(app.screen.query("#spec")))
        app.screen.query_one("#spec", Input).value = str(FIXTURES / "scraped-harbour.txt")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.article.title == "Harbour wall repairs finish early")
        await wait_for(
            pilot, lambda: str(app.query_one("#title", Static).render()).startswith("Harbour")
        )
        assert len(app.query(BlockView)) == len(app.article.blocks)
        assert app.reader.volume == 90 and app.reader.rate == rate  # kept across the open
        await pilot.press("h")
        await wait_for(pilot, lambda: bool(app.screen.query("#history")))
        await pilot.press("escape")
        await pilot.press("o")
        await wait_for(pilot, lambda: bool(app.screen.query("#spec")))
        app.screen.query_one("#spec", Input).value = str(tmp_path / "missing.txt")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Cannot open missing.txt: no such file" in status(app))
        assert app.article.title == "Harbour wall repairs finish early"  # still reading it
    store.close()


async def test_another_article_opens_at_its_top_not_where_the_last_was_scrolled(
    engine: SpeechWorker,
) -> None:
    from textual.widgets import Input

    app = build(engine)
    async with app.run_test(size=(60, 14)) as pilot:
        await wait_for(pilot, lambda: app.reader.state is ReaderState.PLAYING)
        await pilot.press("space", "end")
        view = app.query_one("#article", ArticleView)
        await wait_for(pilot, lambda: view.scroll_y > 0)
        await pilot.press("o")
        await wait_for(pilot, lambda: bool(app.screen.query("#spec")))
        app.screen.query_one("#spec", Input).value = str(FIXTURES / "scraped-harbour.txt")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.article.title == "Harbour wall repairs finish early")
        await pilot.pause(0.3)
        assert view.scroll_y == 0


async def test_the_terminal_cursor_sits_on_the_sentence_being_read(engine: SpeechWorker) -> None:
    app = build(engine)
    async with app.run_test(size=(80, 30)) as pilot:
        await wait_for(pilot, lambda: bool(app.query(".current")))
        await pilot.pause(0.2)
        view = app.query_one(".current", BlockView)
        region = view.content_region
        cursor = app.cursor_position
        assert region.x <= cursor.x < region.right and region.y <= cursor.y < region.bottom


def test_no_color_never_gives_black_on_black(monkeypatch: pytest.MonkeyPatch) -> None:
    from readout.tui.app import choose_theme
    from readout.tui.themes import DEFAULT_THEME

    themes = {"ansi-dark": 1, "ansi-light": 1, "nord": 1, DEFAULT_THEME: 1}
    assert choose_theme("ansi-dark", themes) == "ansi-dark"
    monkeypatch.setenv("NO_COLOR", "1")
    assert choose_theme("ansi-dark", themes) == DEFAULT_THEME
    assert choose_theme(None, themes) == DEFAULT_THEME
    assert choose_theme("nord", themes) == "nord"


async def test_a_theme_chosen_in_the_app_is_remembered(
    engine: SpeechWorker, tmp_path: Path
) -> None:
    store = Store(tmp_path / "state.sqlite3")
    app = make_app(SAMPLE, engine, lambda rate: NullDevice(rate), store=store, autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert store.preference("theme") is None  # the starting theme is not a choice
        app.theme = "ansi-light"
        await pilot.pause()
    assert store.preference("theme") == "ansi-light"
    store.close()


async def test_every_key_reaches_its_action(engine: SpeechWorker) -> None:
    """Each binding's keys, pressed in the real app, run that binding's action."""
    from readout.keys import BINDINGS
    from readout.tui.app import _TEXTUAL_KEYS

    app = make_app(SAMPLE, engine, lambda rate: NullDevice(rate), autoplay=False)
    ran: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.reader.perform = lambda action: ran.append(action) or True  # type: ignore[method-assign]
        expected: list[str] = []
        for binding in BINDINGS:
            if binding.action in {
                "quit",
                "help",
                "open",
                "history",
                "follow",
                "flag",
                "marks",
                "numbers",
            }:
                continue  # the app's own: tested on their own
            for key in binding.keys:
                await pilot.press(_TEXTUAL_KEYS.get(key, key))
                expected.append(binding.action)
        await pilot.pause()
        assert ran == expected
        await pilot.press("v")
        assert not app.following


async def test_clicking_a_paragraph_reads_from_there(engine: SpeechWorker) -> None:
    app = build(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: status(app).startswith("Playing"))
        target = list(app.query(BlockView))[4]
        await pilot.click(target)
        await wait_for(pilot, lambda: app.reader.units.positions[app.reader.unit][0] == 4)
        target.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.reader.units.positions[app.reader.unit] == (4, 0))


async def test_numbers_toggle_and_marks_report_saved_from_the_player(
    engine: SpeechWorker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    store = Store(tmp_path / "state.sqlite3")
    app = make_app(SAMPLE, engine, lambda rate: NullDevice(rate, speed=2.0), store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: bool(app.query(".current")))
        await pilot.press("number_sign")
        await pilot.pause()
        first = next(iter(app.query(BlockView)))
        assert "[1] " in str(first.render())
        await pilot.press("f")
        await wait_for(pilot, lambda: bool(app.screen.query("#answer")))
        await pilot.press("escape")  # no note
        await pilot.press("l")
        await wait_for(pilot, lambda: bool(app.screen.query("#marks")))
        await pilot.press("s")
        await pilot.pause()
    saved = tmp_path / "Night reading room opens for shift workers marks.md"
    assert saved.read_text("utf-8").startswith(
        "# Marks: Night reading room opens for shift workers"
    )
    assert "1. Paragraph" in saved.read_text("utf-8")
    store.close()


async def test_no_escape_or_control_reaches_the_screen_strips(engine: SpeechWorker) -> None:
    """The hostile article's rendered lines hold no ESC, C0 (but none at all), C1 or bidi."""
    import re

    from textual.geometry import Region

    article = load(str(FIXTURES / "hostile.html"))
    app = make_app(article, engine, lambda rate: NullDevice(rate), autoplay=False)
    controls = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for widget in [*app.query(BlockView), app.query_one("#title"), app.query_one("#meta")]:
            for strip in widget.render_lines(Region(0, 0, widget.size.width, widget.size.height)):
                for segment in strip:
                    assert not controls.search(segment.text), repr(segment.text)


async def test_a_long_article_plays_from_its_first_blocks_and_shows_the_rest(
    engine: SpeechWorker, tmp_path: Path
) -> None:
    from readout.extract import extract
    from readout.loading import load_head
    from readout.sources import load_source
    from readout.speech.duration import remaining
    from tests.long_inputs import long_scraped_text

    source = load_source(str(long_scraped_text(tmp_path, chars=300_000)))
    head, whole = load_head(source), extract(source)
    assert head is not None and len(whole.blocks) > 1000
    app = make_app(head, engine, lambda rate: NullDevice(rate, speed=2.0), whole=lambda: whole)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: status(app).startswith("Playing"))
        await wait_for(pilot, lambda: app.article is whole and not app.reader.partial)
        minutes = round(remaining(whole.blocks, whole.title).minutes(0, 175))
        shown = f"about {minutes} min to hear"
        await wait_for(pilot, lambda: shown in str(app.query_one("#meta").render()))
        mounted = [view.index for view in app.query(BlockView)]
        assert mounted == list(range(len(mounted))) and len(mounted) < 500  # not thousands
        await pilot.press("end")  # the last block is mounted when reading gets there
        last = len(whole.blocks) - 1
        await wait_for(pilot, lambda: app.query_one(".current", BlockView).index == last, 30)
        assert [view.index for view in app.query(BlockView)] == list(range(len(whole.blocks)))
        await pilot.press("home")
        await wait_for(pilot, lambda: status(app).split(" · ")[2] == "Title")


def _styled_spans(view: BlockView) -> dict[str, tuple[int, int]]:
    """Where the rendered block is reversed (the sentence) and underlined (the word),
    each from its first character to its last (a wrapped line splits a style's span)."""
    content = view.render()
    found: dict[str, tuple[int, int]] = {}
    for span in getattr(content, "spans", []):
        style = str(span.style)
        for name in ("reverse", "underline"):
            if name in style:
                start, end = found.get(name, (span.start, span.end))
                found[name] = (min(start, span.start), max(end, span.end))
    return found


async def test_the_underlined_word_is_inside_the_highlighted_sentence(engine: SpeechWorker) -> None:
    """Sampled while reading multi-sentence paragraphs: every word mark lies in its sentence."""
    app = build(engine)
    later_sentences = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.reader.state is ReaderState.PLAYING)
        for _ in range(160):
            await asyncio.sleep(0.04)
            await pilot.pause()
            current = app.query(".current")
            if not current:
                continue
            view = current.first(BlockView)
            spans = _styled_spans(view)
            if "underline" not in spans or "reverse" not in spans:
                continue
            (s_start, s_end), (w_start, w_end) = spans["reverse"], spans["underline"]
            assert s_start <= w_start and w_end <= s_end, (view.text, spans)
            shown = app.query_one("#article", ArticleView).current
            if shown is not None and shown[1] > 0:
                later_sentences += 1
    assert later_sentences > 0, "never sampled a sentence after a paragraph's first"


async def test_moving_while_paused_moves_the_highlight_at_once(engine: SpeechWorker) -> None:
    """Paused, then down, down, up: the marked block follows every key, before resuming."""
    app = build(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.reader.state is ReaderState.PLAYING)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.reader.state is ReaderState.PAUSED)
        current = lambda: app.query_one(".current", BlockView).index  # noqa: E731
        start = current() if app.query(".current") else -1
        await pilot.press("down")
        await wait_for(pilot, lambda: bool(app.query(".current")) and current() == start + 1)
        await pilot.press("down")
        await wait_for(pilot, lambda: current() == start + 2)
        await pilot.press("up")
        await wait_for(pilot, lambda: current() == start + 1)
        assert app.reader.state is ReaderState.PAUSED
        assert len(app.query(".current")) == 1
        # ...and says where it landed on the announcement line, in words, not only by
        # moving the highlight (a listener without sound, or with a braille display).
        # The line says what the block says too, as plain mode does: it is the one row
        # a screen reader's review or a braille display is sure to find.
        landed = SAMPLE.blocks[start + 1]
        assert app.last_announcement.startswith(f"Paragraph {start + 2} of "), app.last_announcement
        assert app.last_announcement.endswith(f": {landed.text}"), app.last_announcement


async def test_where_am_i_answers_at_once_while_paused_and_a_move_clears_it(
    engine: SpeechWorker,
) -> None:
    """The answer is on the announcement line at once (it once showed only when reading
    resumed), and a move to another block takes away what no longer applies: the line
    says where the move landed."""
    app = build(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.reader.state is ReaderState.PLAYING)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.reader.state is ReaderState.PAUSED)
        where = app.reader.describe_position()
        await pilot.press("t")
        await wait_for(pilot, lambda: status(app).endswith(where))
        await pilot.press("down")
        # The answer goes; the line says where the move landed instead.
        landed = app.reader.describe_position
        await wait_for(pilot, lambda: not status(app).endswith(where))
        await wait_for(
            pilot,
            lambda: app.last_announcement.startswith(f"{landed().split(',')[0]}: "),
        )
        assert app.reader.state is ReaderState.PAUSED


async def test_paused_moves_on_a_small_screen_keep_the_sentence_and_cursor_in_view(
    engine: SpeechWorker,
) -> None:
    """At 60x14 a move scrolls: the cursor must be where the sentence is after the
    scroll (it was set before it, one row off or on another paragraph)."""
    app = build(engine)
    async with app.run_test(size=(60, 14)) as pilot:
        await wait_for(pilot, lambda: app.reader.state is ReaderState.PLAYING)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.reader.state is ReaderState.PAUSED)
        view = app.query_one("#article", ArticleView)
        for key in ("right", "right", "right", "down", "down", "down"):
            before = view.current
            await pilot.press(key)
            await wait_for(pilot, lambda: view.current != before)  # noqa: B023
            await pilot.pause(0.3)
            block, sentence = view.current or (0, 0)
            shown = app.query_one(".current", BlockView)
            start = SAMPLE.blocks[block].sentences[sentence].start
            assert app.cursor_position == shown.screen_offset_of(start), key
            assert view.region.contains_point(app.cursor_position), key


def test_the_player_carries_out_exactly_the_face_commands() -> None:
    from readout.keys import FACE_COMMANDS
    from readout.tui.app import _FACE_COMMANDS

    assert set(_FACE_COMMANDS) == FACE_COMMANDS


async def test_a_note_the_device_gives_after_the_screen_is_up_is_shown(
    engine: SpeechWorker,
) -> None:
    """Opening the device says "no audio device: playing silently" when speech starts,
    which may be after the screen is up: the note reaches the announcement line (it
    was held in a list the player had already read, and lost)."""
    app: ReadoutApp

    def silent(rate: int) -> NullDevice:
        import threading

        threading.Timer(
            0.3, app.notes, ("No audio device could be opened; playing silently",)
        ).start()
        return NullDevice(rate, speed=2.0)

    app = make_app(SAMPLE, engine, silent)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: "playing silently" in status(app))
        # It stands while reading goes on to other paragraphs (it went with the first),
        for _ in range(2):
            await pilot.press("down")
        await wait_for(pilot, lambda: app.reader.units.positions[app.reader.unit][0] >= 2)
        await pilot.pause(0.2)
        assert "playing silently" in status(app)
        # until the next announcement takes its place.
        await pilot.press("]")
        await wait_for(pilot, lambda: "words per minute" in status(app).splitlines()[-1])
        assert "playing silently" not in status(app)


async def test_home_while_paused_brings_the_title_back_into_view(engine: SpeechWorker) -> None:
    """Paused at the end, Home goes to the title, and the view goes with it (it stayed
    on the last paragraph until reading moved on)."""
    from readout.tui.widgets import ArticleView

    app = make_app(SAMPLE, engine, lambda rate: NullDevice(rate, speed=2.0))
    async with app.run_test(size=(80, 14)) as pilot:
        await wait_for(pilot, lambda: status(app).startswith("Playing"))
        await pilot.press("space", "end")
        last = len(SAMPLE.blocks) - 1
        await wait_for(pilot, lambda: app.reader.units.positions[app.reader.unit][0] == last)
        view = app.query_one("#article", ArticleView)
        await wait_for(pilot, lambda: view.scroll_y > 0)
        await pilot.press("home")
        await wait_for(pilot, lambda: status(app).split(" · ")[2] == "Title")
        await wait_for(pilot, lambda: view.scroll_y == 0)
        assert status(app).startswith("Paused")


async def test_a_wrapped_list_item_hangs_under_its_text_not_its_bullet(
    engine: SpeechWorker, tmp_path: Path
) -> None:
    """An item too long for one line goes on under its first word, so the bullet stands
    alone at the left and the eye finds where each item begins; the reading cursor is
    put on the right cell of a wrapped line."""
    item = "a long item " * 8 + "that ends here."
    page = tmp_path / "items.md"
    page.write_text(
        "# Items\n\nThe tool reads these items, in the order they are given here.\n\n"
        f"- {item}\n- short\n\nThat is all that the tool reads, whatever the file says.\n",
        "utf-8",
    )
    app = build(engine, article=load(str(page)))
    async with app.run_test(size=(40, 30)) as pilot:
        await pilot.pause()
        view = next(v for v in app.query(BlockView) if v.text == item)
        lines = str(view.render()).split("\n")
        assert len(lines) >= 3 and lines[0].startswith("• a long item")
        assert all(line.startswith("  ") and line[2] != " " for line in lines[1:]), lines
        assert " ".join(line.strip("• ") for line in lines) == item
        where = item.index("ends")
        row, column = view.place_of(where)
        assert lines[row][column : column + 4] == "ends"


async def test_a_list_item_shows_a_bullet_and_an_item_in_an_item_is_indented(
    engine: SpeechWorker, tmp_path: Path
) -> None:
    """Nesting in words and space, not colour: "• " before each item (not before "3. "),
    two more columns for an item of a list inside an item."""
    page = tmp_path / "options.md"
    page.write_text(
        "# Options\n\nThe tool reads these options, in the order they are given here.\n\n"
        "- options\n  - encoding, the text's encoding\n- callback\n\n1. Open the lid.\n\n"
        "That is all that the tool reads, whatever else the file may say.\n",
        "utf-8",
    )
    app = build(engine, article=load(str(page)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        views = {view.text: view for view in app.query(BlockView)}
        assert str(views["options"].render()).endswith("• options")
        assert str(views["1. Open the lid."].render()).endswith("1. Open the lid.")
        top, inner = views["options"], views["encoding, the text's encoding"]
        assert inner.content_region.x == top.content_region.x + 2


async def test_the_help_pauses_reading_and_closing_it_plays_on(engine: SpeechWorker) -> None:
    """A listener reading the keys (a screen reader's voice among them) does not hear
    the article over them; a reading paused before stays paused after."""
    app = build(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.reader.state is ReaderState.PLAYING)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: app.reader.state is ReaderState.PAUSED)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.reader.state is ReaderState.PLAYING)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.reader.state is ReaderState.PAUSED)
        await pilot.press("question_mark", "escape")
        await pilot.pause(0.3)
        assert app.reader.state is ReaderState.PAUSED
