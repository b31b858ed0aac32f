"""The command line: parse arguments, call the library, print, map errors to exit codes.

Nothing here knows how articles are found; it only turns requests into library calls
and :class:`~readout.errors.ReadoutError` into one line on stderr and an exit code.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn, TextIO

from readout.defaults import RATE_DEFAULT, RATE_MAX, RATE_MIN
from readout.errors import InputMissingError, ReadoutError, UsageError
from readout.sanitize import sanitize
from readout.version import __version__

if TYPE_CHECKING:
    from pathlib import Path

    from readout.article import Article
    from readout.audio.output import OutputDevice
    from readout.defaults import Preference
    from readout.export.audio import ExportOptions
    from readout.export.progress import ProgressDisplay
    from readout.keys import KeyBinding
    from readout.options import Listening, SessionOptions
    from readout.plain import PlainOutput
    from readout.reader import Reader, Relay
    from readout.settings import Settings
    from readout.sources import Source
    from readout.speech.engine import Voice
    from readout.speech.lexicon import Lexicon
    from readout.speech.script import Script
    from readout.speech.worker import SpeechWorker
    from readout.state import Store

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_UNAVAILABLE = 69
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line (plus a hint), exit code 2."""

    def error(self, message: str) -> NoReturn:
        _say(f"{message} (see '{self.prog} --help')")
        raise SystemExit(EXIT_USAGE)


if TYPE_CHECKING:
    from typing import TypeAlias

    _Subparsers: TypeAlias = "argparse._SubParsersAction[_Parser]"


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line; with ``command``, only that command's options are added.

    Every command is still listed, but adding the options of all of them is most of
    the parser's cost, and start-up time matters to a player.
    """
    parser = _Parser(
        prog="readout",
        description=(
            "An accessible, offline article player for the terminal. It finds the article "
            "in a web page, a saved HTML file, scraped text, Markdown or reStructuredText,"
            " and reads it aloud."
        ),
        epilog="INPUT is a file, an http(s) URL, or - for standard input. "
        "Without INPUT, the bundled sample article is used.",
    )
    parser.add_argument("--version", action="version", version=f"readout {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show a traceback when something goes wrong"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for add in (
        _add_text_command,
        _add_voices_command,
        _add_reading_commands,
        _add_marks_command,
        _add_diff_command,
        _add_export_command,
    ):
        add(commands, command)
    return parser


def _add_text_command(commands: _Subparsers, command: str | None) -> None:
    """``readout text``: print the article."""
    text = commands.add_parser(
        "text",
        help="print the extracted article (title, byline, body split into sentences)",
        description="Print the article found in INPUT: plain text, Markdown or JSON.",
    )
    if command in (None, "text"):
        text.add_argument("input", nargs="?", metavar="INPUT", help="file, http(s) URL, or -")
        text.add_argument(
            "--format",
            choices=("plain", "json", "markdown"),
            default="plain",
            help="plain: title and blocks separated by blank lines (default); json: the "
            "schema in the README, with sentence offsets; markdown: headings, lists, quotes",
        )
        text.add_argument(
            "--spoken",
            action="store_true",
            help="also show exactly what the speech engine will be given (json: a 'spoken' "
            "field on every sentence; plain: the spoken text instead of the shown text)",
        )
        text.add_argument(
            "--dropped",
            action="store_true",
            help="print what was left out of the article instead, each piece with the "
            "reason (before the article, repeated on the page, hidden, ...)",
        )
        _add_lexicon_option(text)
        _add_listening_options(text)
        _add_timeout_option(text, shown=True)
        text.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )


def _add_voices_command(commands: _Subparsers, command: str | None) -> None:
    """``readout voices``."""
    voices = commands.add_parser(
        "voices",
        help="list the speech voices",
        description="List the voices of the speech engine: id, language, gender, name.",
    )
    if command in (None, "voices"):
        voices.add_argument("--json", action="store_true", help="print a JSON list")
        _add_engine_option(voices)


def _add_reading_commands(commands: _Subparsers, command: str | None) -> None:
    """``readout play`` (the player) and ``readout read`` (plain mode)."""
    for name, summary in (
        ("play", "read the article aloud in the full-screen player (the default command)"),
        ("read", "read the article aloud in plain mode, for screen readers and braille"),
    ):
        reading = commands.add_parser(
            name,
            help=summary,
            description="Read the article in INPUT aloud. One line is printed as each "
            "paragraph starts and one per change of state (Paused, Volume 60%...). When "
            "standard input is a terminal, keys control the reading: press ? for the list. "
            "The position is saved as you go; the next run resumes there.",
        )
        if command in (None, name):
            reading.add_argument(
                "input", nargs="?", metavar="INPUT", help="file, http(s) URL, or -"
            )
            reading.add_argument(
                "--from",
                dest="start_block",
                metavar="N",
                default=None,
                help="start at paragraph N as the status line numbers it (hN: heading N)",
            )
            reading.add_argument(
                "--no-resume",
                action="store_true",
                help="start at the beginning, not where you stopped",
            )
            reading.add_argument(
                "--changed-since",
                metavar="OLD",
                default=None,
                help="read only the blocks that differ from OLD (an earlier version of the article)",
            )
            reading.add_argument(
                "--announce",
                choices=("speech", "text", "both", "none"),
                default=None,
                help="how changes of state (Paused, Volume 60%%...) are announced: spoken between "
                "sentences, shown as text, both, or not at all (default: text in plain mode, "
                "both in the player)",
            )
            reading.add_argument(
                "--plain",
                action="store_true",
                help="plain line mode, for screen readers and braille displays (as 'read')",
            )
            _add_speech_options(reading)
            reading.add_argument(
                "--volume",
                type=int,
                default=None,
                metavar="0..100",
                help="starting volume in percent",
            )
            reading.add_argument(
                "--audio-device",
                default=None,
                metavar="NAME",
                help="an output device (see 'readout devices'), or null for silence",
            )
            _add_timeout_option(reading)


def _add_marks_command(commands: _Subparsers, command: str | None) -> None:
    """``readout marks``: the proofreading report."""
    marks = commands.add_parser(
        "marks",
        help="list the sentences flagged while proofreading (f), as a report to hand on",
        description="Print the marks made on INPUT: paragraph and sentence numbers, the "
        "sentence, and the note. Marks follow their sentences when other paragraphs change.",
    )
    if command in (None, "marks"):
        marks.add_argument("input", nargs="?", metavar="INPUT", help="file, http(s) URL, or -")
        marks.add_argument("--format", choices=("markdown", "csv", "json"), default="markdown")
        change = marks.add_mutually_exclusive_group()
        change.add_argument(
            "--remove", type=int, metavar="N", help="remove mark N (its number in the report)"
        )
        change.add_argument("--note", nargs=2, metavar=("N", "TEXT"), help="set the note of mark N")
        _add_timeout_option(marks)


def _add_diff_command(commands: _Subparsers, command: str | None) -> None:
    """``readout diff``."""
    diff = commands.add_parser(
        "diff",
        help="list what changed between two versions of an article",
        description="Compare the articles in OLD and NEW: blocks added, removed and changed, "
        "with the changed sentences of each changed block.",
    )
    if command in (None, "diff"):
        diff.add_argument("old", metavar="OLD", help="the earlier version: file, URL, or -")
        diff.add_argument("new", metavar="NEW", help="the later version: file, URL, or -")
        diff.add_argument("--format", choices=("plain", "json"), default="plain")
        _add_timeout_option(diff)

    commands.add_parser(
        "devices",
        help="list the audio output devices",
        description="List audio output devices; 'null' plays silently.",
    )


def _add_export_command(commands: _Subparsers, command: str | None) -> None:
    """``readout export``: audio files."""
    export = commands.add_parser(
        "export",
        help="speak articles into audio files (WAV, MP3, Ogg, FLAC) with chapters and captions",
        description="Speak each INPUT into an audio file: the title, then the blocks in order, "
        "with pauses after sentences, paragraphs and headings. Files appear only when complete; "
        "a rerun skips outputs already complete for the same text and settings.",
    )
    if command in (None, "export"):
        export.add_argument("inputs", nargs="*", metavar="INPUT", help="files, http(s) URLs, or -")
        target = export.add_mutually_exclusive_group(required=True)
        target.add_argument("-o", "--output", metavar="FILE", help="one output file (one INPUT)")
        target.add_argument(
            "--out-dir", metavar="DIR", help="a folder; file names come from titles"
        )
        export.add_argument(
            "--from-list", metavar="FILE", help="read more inputs from FILE, one a line"
        )
        export.add_argument(
            "--format",
            choices=("wav", "mp3", "ogg", "flac"),
            help="default: from -o's suffix, else mp3",
        )
        export.add_argument(
            "--bitrate", type=int, default=64, metavar="KBPS", help="MP3 bitrate (default 64)"
        )
        export.add_argument(
            "--captions", choices=("vtt", "srt"), help="write sentence captions beside the audio"
        )
        export.add_argument(
            "--sync-map", action="store_true", help="write block, sentence and word times as JSON"
        )
        export.add_argument(
            "--chapters",
            choices=("heading", "paragraph"),
            default="heading",
            help="chapter at every heading (default) or paragraph",
        )
        for unit, default in (("sentence", 0.25), ("paragraph", 0.6), ("heading", 0.8)):
            export.add_argument(
                f"--pause-{unit}",
                type=float,
                default=default,
                metavar="SECONDS",
                help=f"silence after each {unit} (default {default})",
            )
        export.add_argument(
            "--jobs",
            type=int,
            default=None,
            metavar="N",
            help="cores to keep busy: worker processes, one core each (default: every core)",
        )
        export.add_argument(
            "--json",
            action="store_true",
            help="print a manifest (input, output, duration, status, error) on stdout",
        )
        export.add_argument(
            "--force", action="store_true", help="redo outputs that are already complete"
        )
        export.add_argument(
            "--quiet",
            action="store_true",
            help="no progress line on a terminal: only a line per finished output",
        )
        _add_speech_options(export)
        _add_timeout_option(export)


def _add_speech_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--voice",
        default=None,
        metavar="ID",
        help="a voice id, name or language tag (see 'readout voices'); default: a voice "
        "for the article's language",
    )
    parser.add_argument(
        "--rate",
        type=int,
        default=None,
        metavar="WPM",
        help=f"words per minute ({RATE_MIN}-{RATE_MAX}; default {RATE_DEFAULT}, or settings.toml's rate)",
    )
    _add_engine_option(parser)
    _add_lexicon_option(parser)
    _add_listening_options(parser)


def _add_listening_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--verbatim",
        action="store_true",
        help="say exactly what is shown: no number, date or abbreviation reading (for proofreading)",
    )
    parser.add_argument(
        "--punctuation",
        choices=("none", "some", "all"),
        default="none",
        help="say punctuation marks aloud (default none)",
    )


def _add_engine_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=("espeak", "pyttsx3"),
        default=None,
        help="speech engine (default: espeak on Linux, pyttsx3 on Windows and macOS)",
    )


def _add_timeout_option(parser: argparse.ArgumentParser, *, shown: bool = False) -> None:
    """``--timeout`` for URLs; every command that loads takes it, ``text`` lists it."""
    parser.add_argument(
        "--timeout",
        type=_positive_seconds,
        default=None,
        metavar="SECONDS",
        help="give up fetching a URL after this many seconds in all (default 30)"
        if shown
        else argparse.SUPPRESS,
    )


def _add_lexicon_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lexicon",
        default=None,
        metavar="FILE",
        help="a pronunciation lexicon (TOML) applied after the one in your config directory",
    )


_COMMANDS = ("text", "play", "read", "voices", "export", "marks", "diff", "devices")


def _with_default_command(argv: list[str]) -> list[str]:
    """``readout [OPTIONS] [INPUT]`` means ``readout play [OPTIONS] [INPUT]``, options
    before or after INPUT; ``--plain`` means ``read``.

    Raises:
        UsageError: the first word is no file, URL or command, but close to a command
            ("exprot": did you mean export?).
    """
    first = _first_word(argv)
    if first in _COMMANDS or any(arg in ("-h", "--help", "--version") for arg in argv):
        return argv
    if argv and not argv[0].startswith("-"):
        _refuse_mistyped_command(argv[0])
    command = "read" if "--plain" in argv else "play"
    rest = [arg for arg in argv if arg != "--debug"]
    return ["--debug"] * (len(rest) < len(argv)) + [command, *rest]


def _first_word(argv: list[str]) -> str | None:
    """The first word that is no option nor an option's value: "text" is the value in
    ``--announce text FILE``, not the command."""
    valued = _valued_options()
    after_valued = False
    for arg in argv:
        if after_valued:
            after_valued = False
        elif arg.startswith("-") and arg != "-":
            after_valued = "=" not in arg and arg in valued
        else:
            return arg
    return None


def _valued_options() -> set[str]:
    """The options that take a value (``--announce``, ``--from``...), as the player's
    parser knows them."""
    parser = build_parser("play")
    player = next(
        action.choices["play"]
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    return {
        option
        for each in (parser, player)
        for action in each._actions
        if action.nargs != 0
        for option in action.option_strings
    }


def _refuse_mistyped_command(word: str) -> None:
    import difflib
    import os

    if word == "-" or any(mark in word for mark in "./\\") or os.path.exists(word):
        return  # a path or URL: a missing one is reported as such
    close = difflib.get_close_matches(word, _COMMANDS, n=1, cutoff=0.7)
    if close:
        raise UsageError(
            f"{word!r} is neither a file nor a command; did you mean 'readout {close[0]}'?"
        )
    raise InputMissingError(  # a missing file still, by its exit code
        f"{word}: no such file, and not a command ({', '.join(_COMMANDS)})"
    )


def _positive_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not 0 < seconds <= 3600:
        raise argparse.ArgumentTypeError("must be between 0 and 3600 seconds")
    return seconds


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    try:
        arguments = _with_default_command(list(sys.argv[1:] if argv is None else argv))
    except ReadoutError as error:
        _say(str(error))
        return error.exit_code
    command = next((arg for arg in arguments if not arg.startswith("-")), None)
    parser = build_parser(command if command in _COMMANDS else None)
    args = parser.parse_args(arguments)
    debug = bool(getattr(args, "debug", False))
    try:
        if args.command == "text":
            return _run_text(args, sys.stdout)
        if args.command == "voices":
            return _run_voices(args, sys.stdout)
        if args.command == "export":
            return _run_export(args)
        if args.command == "read":
            return _run_read(args)
        if args.command == "play":
            return _run_read(args, full_screen=_full_screen_wanted(args))
        if args.command == "diff":
            return _run_diff(args, sys.stdout)
        if args.command == "marks":
            return _run_marks(args, sys.stdout)
        if args.command == "devices":
            return _run_devices(sys.stdout)
        parser.print_usage(sys.stderr)
        return EXIT_USAGE
    except ReadoutError as error:
        if debug:
            raise
        _say(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except Exception as error:  # the last line of defence: one line, never a traceback
        if debug:
            raise
        _say(f"unexpected error: {type(error).__name__}: {error} (run with --debug for details)")
        return EXIT_FAILURE


def _run_text(args: argparse.Namespace, out: TextIO) -> int:
    from readout import render

    if args.spoken and args.format == "markdown":
        _say("--spoken works with --format plain or json")
        return EXIT_USAGE
    if args.dropped:
        return _run_dropped(args, out)
    article = _load_input(args)
    units = _spoken_units(article, args) if args.spoken else None
    if args.format == "json":
        output = render.as_json(article, units)
    elif args.format == "markdown":
        output = render.as_markdown(article)
    elif units is not None:
        output = render.spoken_as_plain(units)
    else:
        output = render.as_plain(article)
    _reconfigure(out)
    out.write(output)
    out.flush()
    return EXIT_OK


def _run_dropped(args: argparse.Namespace, out: TextIO) -> int:
    from readout import render
    from readout.extract import NoArticleError, extract_with_dropped

    if args.spoken or args.format == "markdown":
        _say("--dropped works with --format plain or json, without --spoken")
        return EXIT_USAGE
    refused: NoArticleError | None = None
    try:
        _, dropped = extract_with_dropped(_load_source(args))
    except NoArticleError as error:  # what was there is worth seeing all the more
        refused, dropped = error, error.dropped
    _reconfigure(out)
    out.write(
        render.dropped_as_json(dropped)
        if args.format == "json"
        else render.dropped_as_plain(dropped)
    )
    out.flush()
    if refused is not None:
        raise refused
    return EXIT_OK


def _load_input(args: argparse.Namespace, spec: str | None = None) -> Article:
    """Load ``spec`` (default: INPUT, or the bundled sample) with the fetch options given."""
    from readout.extract import extract

    return extract(_load_source(args, spec))


def _load_source(args: argparse.Namespace, spec: str | None = None) -> Source:
    from readout.samples import sample_article_path
    from readout.sources import FetchLimits, load_source

    limits = FetchLimits(deadline_s=args.timeout) if args.timeout else None
    if spec is None:
        given = getattr(args, "input", None)
        spec = given if given is not None else str(sample_article_path())
    return load_source(spec, limits=limits)


def _spoken_units(article: Article, args: argparse.Namespace) -> Script:
    from readout.speech.script import spoken_units

    return spoken_units(
        article, _lexicon(args), verbatim=args.verbatim, punctuation=args.punctuation
    )


def _run_voices(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from readout.speech.engines import start_engine

    with start_engine(args.engine) as engine:
        voices = engine.voices()
    _reconfigure(out)
    if args.json:
        out.write(json.dumps([vars(v) for v in voices], indent=2, ensure_ascii=False) + "\n")
    else:
        out.write(voice_table(voices, for_terminal=out.isatty()))
    return EXIT_OK


_VOICE_COLUMNS = ("Voice", "Language", "Gender", "Name")


def voice_table(voices: list[Voice], *, for_terminal: bool) -> str:
    """The voices one a line. Piped, tab-separated fields and nothing else, for scripts;
    on a terminal, columns under a header and a last line that says how to use one."""
    rows = [(v.id, v.language, v.gender, v.name) for v in voices]
    if not for_terminal:
        return "".join("\t".join(row) + "\n" for row in rows)
    widths = [
        max(len(cell) for cell in column) for column in zip(_VOICE_COLUMNS, *rows, strict=True)
    ]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in (_VOICE_COLUMNS, *rows)
    ]
    count = f"{len(rows)} voice{'s' if len(rows) != 1 else ''}"
    lines.append(f"{count}; choose one with --voice VOICE (its first column).")
    return "\n".join(lines) + "\n"


def _run_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from readout.export.audio import ExportOptions
    from readout.export.sinks import format_for
    from readout.speech.script import Pauses

    specs = list(args.inputs)
    if args.from_list:
        specs += _read_list(Path(args.from_list))
    if args.output and len(specs) > 1:
        _say("-o names one file; for several inputs use --out-dir")
        return EXIT_USAGE
    if args.output and Path(args.output).is_dir():
        _say(f"{args.output} is a folder: -o names a file; to write into a folder use --out-dir")
        return EXIT_USAGE
    if any(
        p < 0 or p > 10 for p in (args.pause_sentence, args.pause_paragraph, args.pause_heading)
    ):
        _say("pauses are seconds from 0 to 10")
        return EXIT_USAGE
    if args.jobs is not None and args.jobs < 1:
        _say("--jobs is a number of cores, 1 or more")
        return EXIT_USAGE
    if not 8 <= args.bitrate <= 320:
        _say("--bitrate is kilobits per second, 8 to 320")
        return EXIT_USAGE
    speech = _session_options(args)
    fmt = format_for(Path(args.output), args.format) if args.output else (args.format or "mp3")
    options = ExportOptions(
        fmt=fmt, voice=speech.voice, rate=_export_rate(speech.rate), bitrate_kbps=args.bitrate,
        captions=args.captions, sync_map=args.sync_map, chapters_by=args.chapters,
        pauses=Pauses(args.pause_sentence, args.pause_paragraph, args.pause_heading),
        verbatim=speech.verbatim, punctuation=speech.punctuation,
    )  # fmt: skip
    _stop_on_hangup_and_terminate()
    if args.output:
        return _export_one(args, specs[0] if specs else None, Path(args.output), options, speech)
    return _export_batch(args, specs, Path(args.out_dir), options, speech)


def _stop_on_hangup_and_terminate() -> None:
    """The terminal going away (SIGHUP) or ``kill`` (SIGTERM) stops an export as Ctrl-C
    does: partial files removed, one line, exit 130 (a .part was left behind)."""
    import signal

    signal.signal(signal.SIGTERM, _interrupt)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, _interrupt)


def _export_rate(rate: int) -> int:
    clamped = max(RATE_MIN, min(RATE_MAX, rate))
    if clamped != rate:
        _say(f"rate {rate} is out of range; using {clamped} words per minute")
    return clamped


def _jobs(args: argparse.Namespace) -> int:
    """Cores an export may keep busy: ``--jobs``, or every core."""
    return int(args.jobs or os.cpu_count() or 1)


def _read_list(path: Path) -> list[str]:
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as error:
        raise InputMissingError(f"{path}: cannot read the list ({error.strerror})") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _export_one(
    args: argparse.Namespace,
    spec: str | None,
    out: Path,
    options: ExportOptions,
    speech: SessionOptions,
) -> int:
    from dataclasses import replace

    from readout.export.audio import check_target, export_article
    from readout.speech.engines import start_engine

    check_target(out, options, source=spec)
    display = _progress_display(args, None)
    engine = start_engine(speech.engine)
    try:
        article = _load_input(args, spec)
        voice = options.voice or engine.voice_for_language(article.language)
        result = export_article(
            article,
            engine,
            out,
            replace(options, voice=voice),
            lexicon=speech.lexicon,
            overlap=_jobs(args) >= 2,
            progress=(lambda progress: display.progressed(0, progress)) if display else None,
        )
    finally:
        engine.close()
        if display:
            display.close()
    if args.json:
        import json

        entry = {
            "input": spec or "-",
            "output": str(out),
            "duration": round(result.duration_s, 3),
            "status": "ok",
            "error": None,
        }
        sys.stdout.write(json.dumps([entry], ensure_ascii=False) + "\n")
    from readout.export.progress import duration_text

    _say(f"wrote {out} ({duration_text(result.duration_s)}, {result.sentences} sentences)")
    return EXIT_OK


def _export_batch(
    args: argparse.Namespace,
    specs: list[str],
    out_dir: Path,
    options: ExportOptions,
    speech: SessionOptions,
) -> int:
    import json

    from readout.export.audio import make_folder
    from readout.export.batch import ManifestEntry, run_batch

    if not specs:
        _say("no inputs: give files or URLs, or --from-list FILE")
        return EXIT_USAGE
    make_folder(out_dir)
    jobs = _jobs(args)
    display = _progress_display(args, len(specs))

    def on_done(index: int, entry: ManifestEntry, done: int, total: int) -> None:
        detail = entry.output if entry.status != "failed" else entry.error
        line = f"[{done}/{total}] {entry.status}: {entry.input} -> {detail}"
        if display is None:
            _say(line)
            return
        display.finished(index, made=entry.status == "ok")
        with display.cleared():  # the line goes above the progress line
            _say(line)

    def load(spec: str) -> Article:
        return _load_input(args, spec)

    try:
        manifest = run_batch(
            specs, out_dir, options, load=load, lexicon=speech.lexicon, engine_name=speech.engine,
            jobs=jobs, force=args.force, on_done=on_done,
            on_progress=display.progressed if display else None,
        )  # fmt: skip
    finally:
        if display:
            display.close()
    if args.json:
        sys.stdout.write(
            json.dumps([e.to_dict() for e in manifest], ensure_ascii=False, indent=1) + "\n"
        )
    return EXIT_FAILURE if any(e.status == "failed" for e in manifest) else EXIT_OK


def _progress_display(args: argparse.Namespace, files: int | None) -> ProgressDisplay | None:
    """The progress line on stderr, when it is a terminal and ``--quiet`` is not given."""
    from readout.export.progress import ProgressDisplay, progress_wanted

    if not progress_wanted(sys.stderr, quiet=args.quiet):
        return None
    return ProgressDisplay(sys.stderr, files)


def _run_diff(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from readout.diff import as_json, as_plain, diff_articles

    old, new = _load_input(args, args.old), _load_input(args, args.new)
    changes = diff_articles(old, new)
    _reconfigure(out)
    if args.format == "json":
        out.write(json.dumps(as_json(changes, old, new), ensure_ascii=False, indent=1) + "\n")
    else:
        out.write(as_plain(changes, old, new))
    return EXIT_OK


def _run_marks(args: argparse.Namespace, out: TextIO) -> int:
    from readout.marks import place_marks, report
    from readout.state import open_store

    article = _load_input(args)
    store = open_store(warn=_say)
    try:
        placed = place_marks(article, store.marks(article.source or ""))
        number = (
            args.remove if args.remove is not None else int(args.note[0]) if args.note else None
        )
        if number is not None:
            if not 1 <= number <= len(placed):
                raise UsageError(
                    f"there is no mark {number}; the report numbers them 1 to {len(placed)}"
                )
            chosen = placed[number - 1].mark
            if args.remove is not None:
                store.remove_mark(chosen.id)
                _say(f"removed mark {number}")
            else:
                store.set_mark_note(chosen.id, sanitize(args.note[1]).strip())
                _say(f"note of mark {number} saved")
            placed = place_marks(article, store.marks(article.source or ""))
    finally:
        store.close()
    _reconfigure(out)
    out.write(report(article, placed, args.format))
    return EXIT_OK


def _run_devices(out: TextIO) -> int:
    from readout.audio.output import NULL_DEVICE, list_devices

    for name in [*list_devices(), NULL_DEVICE]:
        out.write(name + "\n")
    return EXIT_OK


def _session_options(
    args: argparse.Namespace,
    settings: Settings | None = None,
    remembered: Callable[[Preference], int | None] | None = None,
) -> SessionOptions:
    """The one place settings.toml and the command line become how readout speaks;
    ``remembered`` gives the speed and volume last chosen in the player, which count
    where neither sets them."""
    from readout.options import SessionOptions
    from readout.paths import settings_path
    from readout.settings import load_settings

    settings = (settings or load_settings(settings_path())).overridden(
        voice=args.voice, rate=getattr(args, "rate", None), volume=getattr(args, "volume", None),
        engine=args.engine, audio_device=getattr(args, "audio_device", None),
    )  # fmt: skip
    if remembered is not None:
        settings = settings.with_remembered(remembered)
    return SessionOptions.build(
        settings, punctuation=args.punctuation, verbatim=args.verbatim, lexicon=_lexicon(args)
    )


def _run_read(args: argparse.Namespace, *, full_screen: bool = False) -> int:
    """Read aloud: plain mode, or the full-screen player when ``full_screen``."""
    import signal

    from readout.paths import settings_path
    from readout.settings import load_settings
    from readout.speech.engines import start_engine

    settings = load_settings(settings_path())
    options = _session_options(args, settings)
    signal.signal(signal.SIGTERM, _interrupt)
    if hasattr(signal, "SIGHUP"):  # the terminal went away: save the place and stop
        signal.signal(signal.SIGHUP, _interrupt)
    # The speech library loads in the background while the rest of readout is imported
    # and the article is read: that overlap is most of a fast start.
    engine = start_engine(options.engine)

    from dataclasses import replace

    from readout.audio.output import open_output
    from readout.keys import remapped
    from readout.options import Listening
    from readout.speech.engine import clamp_rate
    from readout.state import open_store

    store: Store | None = None
    try:
        source = _load_source(args)
        store = open_store(warn=_say)
        options = _session_options(args, settings, store.remembered)  # now it can tell
        article, whole = _article_to_start_with(args, source, store)
        rate, clamped = clamp_rate(options.rate, engine)
        voice = options.voice
        if voice is None and article.language:
            voice = engine.voice_for_language(article.language)
        options = replace(options, rate=rate, voice=voice)
        from readout.reader import Relay

        notes: Relay[str] = Relay()  # said when a face can say them, not lost before
        if clamped:
            notes(f"Speed {rate} words per minute (the engine's limit)")
        tell: Callable[[str], None] = notes

        def open_device(sample_rate: int) -> OutputDevice:
            opened = open_output(options.audio_device, sample_rate)
            if opened.note:
                tell(opened.note[0].upper() + opened.note[1:])
            return opened.device

        listening = Listening(announce=args.announce or ("both" if full_screen else "text"))
        if args.changed_since:
            from readout.diff import changed_blocks, diff_articles

            changes = diff_articles(_load_input(args, args.changed_since), article)
            only = changed_blocks(changes)
            if not only:
                _say("nothing changed: no block differs from the earlier version")
                return EXIT_OK
            added = frozenset(c.new for c in changes if c.kind == "added" and c.new is not None)
            listening = replace(listening, only_blocks=frozenset(only), added_blocks=added)
        session = _Session(
            article, engine, open_device, options, listening, store, notes,
            remapped(dict(settings.keys)), whole,
        )  # fmt: skip
        if full_screen:
            return _play_full_screen(args, session, settings.theme)
        return _play_plain(args, session)
    finally:
        engine.close()
        if store is not None:
            store.close()


@dataclass
class _Session:
    """Everything a face needs to read one run's first article."""

    article: Article
    engine: SpeechWorker
    open_device: Callable[[int], OutputDevice]
    options: SessionOptions
    listening: Listening
    store: Store
    notes: Relay[str]
    """What opening the device or clamping the rate taught, said before the article."""
    bindings: tuple[KeyBinding, ...]
    whole: Callable[[], Article] | None
    """The rest of a long article, when ``article`` is its first blocks."""


def _article_to_start_with(
    args: argparse.Namespace, source: Source, store: Store
) -> tuple[Article, Callable[[], Article] | None]:
    """The article to start reading, and how to get the whole of it if that is a start.

    A long text starting from the top is read from its first blocks while the rest is
    extracted; a saved place, ``--from`` or ``--changed-since`` need the whole first.
    """
    from readout.extract import extract
    from readout.loading import load_head

    head = None
    starts_at_top = args.start_block is None and not args.changed_since
    if starts_at_top:
        head = load_head(source)
        if head is not None and not args.no_resume and store.has_position(head.source or ""):
            head = None
    if head is None:
        return extract(source), None

    def whole() -> Article:
        try:
            return extract(source)
        except ReadoutError:
            return head  # what could be read is all there is

    return head, whole


def _play_plain(args: argparse.Namespace, session: _Session) -> int:
    from dataclasses import replace

    from readout.plain import PlainOutput, single_keys
    from readout.reader import Reader, words

    output = PlainOutput(sys.stdout, show_announcements=session.listening.shown)
    article, options, whole = session.article, session.options, session.whole
    listening = session.listening
    first = True

    session.notes.attach(output.line)  # "No audio device...": as opening the device
    # says it, before the first line of the article
    with single_keys(sys.stdin):
        while True:
            reader = Reader(
                article, session.engine, session.open_device, on_event=output.on_event,
                options=options, listening=listening, store=session.store, partial=bool(whole),
            )  # fmt: skip
            try:
                unit, announce = _starting_point(args, reader) if first else reader.resume_point()
                first = False
                if unit > 0:  # the title is not read: say which article this is
                    output.line(words.article_named(article.title))
                    if credits := words.credits(article):
                        output.line(credits)
                reader.start(unit, announce=announce)
                if whole is not None:
                    _complete_in_background(reader, whole)
                    whole = None
                if not sys.stdin.isatty():
                    while not reader.wait_finished(0.2):
                        if reader.device_lost:  # no one to press play: the line said why
                            return EXIT_UNAVAILABLE
                    return EXIT_OK
                following = _next_article(args, reader, output, session.store, session.bindings)
                if following is None:
                    return EXIT_OK
                article = following
                options = options.kept(rate=reader.rate, volume=reader.volume)
                listening = replace(listening, only_blocks=None)
            finally:
                reader.close()


def _next_article(
    args: argparse.Namespace,
    reader: Reader,
    output: PlainOutput,
    store: Store,
    bindings: tuple[KeyBinding, ...],
) -> Article | None:
    """Keys until the listener opens another article (returned) or quits (None).

    An article that cannot be opened is reported in one line and the current one goes
    on from where it is: it is never restarted.
    """
    from readout.plain import run_keys
    from readout.reader import words

    while True:
        spec = run_keys(reader, output, sys.stdin, bindings, store.history)
        if spec is None:
            return None
        try:
            return _load_input(args, spec)
        except ReadoutError as error:
            output.line(words.cannot_open(spec, error))


def _complete_in_background(reader: Reader, whole: Callable[[], Article]) -> None:
    import threading

    threading.Thread(
        target=reader.complete_from, args=(whole,), name="readout-whole", daemon=True
    ).start()


def _play_full_screen(args: argparse.Namespace, session: _Session, theme: str | None) -> int:
    from readout.reader import EventRelay, Reader

    theme = theme or session.store.preference("theme")  # settings.toml, then the last choice
    # Sound before screen: the reader starts speaking now, before Textual is imported
    # (~0.3 s); its events wait in the relay until the player's screen is up.
    relay = EventRelay()
    reader = Reader(
        session.article, session.engine, session.open_device, on_event=relay,
        options=session.options, listening=session.listening, store=session.store,
        partial=bool(session.whole),
    )  # fmt: skip
    unit, announce = _starting_point(args, reader)
    try:
        reader.start(unit, announce=announce)
    except BaseException:
        reader.close()
        raise

    from readout.tui.app import make_app

    app = make_app(
        session.article, session.engine, session.open_device, options=session.options,
        listening=session.listening, store=session.store, bindings=session.bindings,
        theme=theme, whole=session.whole, started=(reader, relay),
    )  # fmt: skip
    app.set_start(unit, announce)
    app.notes = session.notes
    import signal

    def leave(signum: int, frame: object) -> None:
        app.exit()  # saves the position on the way out (on_unmount closes the reader)

    signal.signal(signal.SIGTERM, leave)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, leave)
    app.run()
    return EXIT_OK


def _full_screen_wanted(args: argparse.Namespace) -> bool:
    """The player needs a terminal on both ends; screen readers and pipes get plain mode."""
    from readout.plain import plain_wanted

    return not args.plain and sys.stdin.isatty() and not plain_wanted()


def _starting_point(args: argparse.Namespace, reader: Reader) -> tuple[int, str | None]:
    if args.changed_since:
        return reader.first_allowed(0) or 0, None
    if args.start_block is not None:
        return reader.unit_for(reader.numbering.block_for(args.start_block), 0), None
    if args.no_resume:
        return 0, None
    return reader.resume_point()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _lexicon(args: argparse.Namespace) -> Lexicon | None:
    from pathlib import Path

    from readout.paths import user_lexicon_path
    from readout.speech.script import load_lexicon

    extra = Path(args.lexicon) if args.lexicon else None
    return load_lexicon(extra, user_file=user_lexicon_path())


def _reconfigure(stream: TextIO) -> None:
    """Never fail on a character the terminal's encoding lacks."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")


def _say(message: str) -> None:
    """One clean line on stderr: no control characters, no line breaks."""
    line = " ".join(sanitize(message).split())
    _reconfigure(sys.stderr)
    print(f"readout: {line}", file=sys.stderr)


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at devnull so the interpreter's flush is quiet."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
