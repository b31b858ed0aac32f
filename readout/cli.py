"""The command line: parse arguments, call the library, print, map errors to exit codes.

Nothing here knows how articles are found; it only turns requests into library calls
and :class:`~readout.errors.ReadoutError` into one line on stderr and an exit code.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn, TextIO

from readout.errors import ReadoutError
from readout.sanitize import sanitize
from readout.version import __version__

if TYPE_CHECKING:
    from readout.article import Article
    from readout.speech.script import SpokenUnit

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line (plus a hint), exit code 2."""

    def error(self, message: str) -> NoReturn:
        _say(f"{message} (see '{self.prog} --help')")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="readout",
        description=(
            "An accessible, offline article player for the terminal. It finds the article "
            "in a web page, a saved HTML file, scraped text or Markdown, and reads it aloud."
        ),
        epilog="INPUT is a file, an http(s) URL, or - for standard input. "
        "Without INPUT, the bundled sample article is used.",
    )
    parser.add_argument("--version", action="version", version=f"readout {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show a traceback when something goes wrong"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    text = commands.add_parser(
        "text",
        help="print the extracted article (title, byline, body split into sentences)",
        description="Print the article found in INPUT: plain text, Markdown or JSON.",
    )
    text.add_argument("input", nargs="?", metavar="INPUT", help="file, http(s) URL, or -")
    text.add_argument(
        "--format",
        choices=("plain", "json", "markdown"),
        default="plain",
        help="plain: title and blocks separated by blank lines (default); json: the "
        "schema in DESIGN.md with sentence offsets; markdown: headings, lists, quotes",
    )
    text.add_argument(
        "--spoken",
        action="store_true",
        help="also show exactly what the speech engine will be given (json: a 'spoken' "
        "field on every sentence; plain: the spoken text instead of the shown text)",
    )
    _add_lexicon_option(text)
    text.add_argument(
        "--timeout",
        type=_positive_seconds,
        default=None,
        metavar="SECONDS",
        help="give up fetching a URL after this many seconds in all (default 30)",
    )
    text.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    voices = commands.add_parser(
        "voices",
        help="list the speech voices",
        description="List the voices of the speech engine: id, language, gender, name.",
    )
    voices.add_argument("--json", action="store_true", help="print a JSON list")
    _add_engine_option(voices)

    export = commands.add_parser(
        "export",
        help="speak an article into a WAV file",
        description="Speak the article in INPUT into one WAV file: the title, then the "
        "blocks in order, with short pauses after sentences and longer ones after "
        "paragraphs and headings. The file appears only when complete.",
    )
    export.add_argument("input", nargs="?", metavar="INPUT", help="file, http(s) URL, or -")
    export.add_argument("-o", "--output", required=True, metavar="FILE.wav", help="where to write")
    export.add_argument(
        "--voice",
        default=None,
        metavar="ID",
        help="a voice id, name or language tag (see 'readout voices'); default: a voice "
        "for the article's language",
    )
    _add_engine_option(export)
    _add_lexicon_option(export)
    export.add_argument(
        "--rate",
        type=int,
        default=175,
        metavar="WPM",
        help="words per minute (80-450, default 175)",
    )
    export.add_argument(
        "--timeout", type=_positive_seconds, default=None, metavar="SECONDS", help=argparse.SUPPRESS
    )
    return parser


def _add_engine_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=("espeak", "pyttsx3"),
        default=None,
        help="speech engine (default: espeak on Linux, pyttsx3 on Windows and macOS)",
    )


def _add_lexicon_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lexicon",
        default=None,
        metavar="FILE",
        help="a pronunciation lexicon (TOML) applied after the one in your config directory",
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
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = bool(getattr(args, "debug", False))
    try:
        if args.command == "text":
            return _run_text(args, sys.stdout)
        if args.command == "voices":
            return _run_voices(args, sys.stdout)
        if args.command == "export":
            return _run_export(args)
        parser.print_usage(sys.stderr)
        _say(
            "the player is not built yet: try 'readout text [INPUT]' to print the "
            "article readout finds"
        )
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


def _load_input(args: argparse.Namespace) -> Article:
    from readout.loading import load
    from readout.samples import sample_article_path
    from readout.sources import FetchLimits

    limits = FetchLimits(deadline_s=args.timeout) if args.timeout else None
    spec = args.input if args.input is not None else str(sample_article_path())
    return load(spec, limits=limits)


def _spoken_units(article: Article, args: argparse.Namespace) -> list[SpokenUnit]:
    from pathlib import Path

    from readout.paths import user_lexicon_path
    from readout.speech.script import load_lexicon, spoken_units

    extra = Path(args.lexicon) if args.lexicon else None
    return spoken_units(article, load_lexicon(extra, user_file=user_lexicon_path()))


def _run_voices(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from readout.speech.engines import start_engine

    with start_engine(args.engine) as engine:
        voices = engine.voices()
    _reconfigure(out)
    if args.json:
        out.write(json.dumps([vars(v) for v in voices], indent=2, ensure_ascii=False) + "\n")
    else:
        for voice in voices:
            out.write(f"{voice.id}\t{voice.language}\t{voice.gender}\t{voice.name}\n")
    return EXIT_OK


def _run_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from readout.export.wav import export_wav
    from readout.speech.engine import clamp_rate
    from readout.speech.engines import start_engine

    out = Path(args.output)
    if out.suffix.lower() != ".wav":
        _say(f"{out}: only WAV export exists so far; name the file .wav")
        return EXIT_USAGE
    article = _load_input(args)
    units = _spoken_units(article, args)
    with start_engine(args.engine) as engine:
        rate, clamped = clamp_rate(args.rate, engine)
        if clamped:
            _say(f"rate {args.rate} is out of range; using {rate} words per minute")
        voice = args.voice or engine.voice_for_language(article.language)
        result = export_wav(units, engine, out, voice=voice, rate=rate)
    minutes, seconds = divmod(round(result.duration_s), 60)
    _say(f"wrote {out} ({minutes} min {seconds:02d} s, {result.sentences} sentences)")
    return EXIT_OK


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
