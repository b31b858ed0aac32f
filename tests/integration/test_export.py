"""Export: real synthesis into real files in every format, captions, chapters, batches."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import wave
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from readout.export.batch import unique_names
from readout.filenames import safe_name
from readout.loading import load
from tests.conftest import ASSETS, FIXTURES, ROOT, run_cli
from tests.long_inputs import numbered_articles

SAMPLE = str(ASSETS / "sample-article.txt")


def wav_seconds(path: Path) -> float:
    with wave.open(str(path)) as wav:
        return wav.getnframes() / wav.getframerate()


def test_mp3_with_chapters_and_tags_matches_the_wav(tmp_path: Path) -> None:
    from mutagen.id3 import ID3
    from mutagen.mp3 import MP3

    assert run_cli("export", SAMPLE, "-o", str(tmp_path / "s.wav")).code == 0
    result = run_cli("export", SAMPLE, "-o", str(tmp_path / "s.mp3"))
    assert result.code == 0, result.stderr
    mp3 = tmp_path / "s.mp3"
    assert abs(MP3(str(mp3)).info.length - wav_seconds(tmp_path / "s.wav")) <= 0.02 * wav_seconds(
        tmp_path / "s.wav"
    )
    tags = ID3(str(mp3))
    assert str(tags["TIT2"]) == "Night reading room opens for shift workers"
    assert str(tags["TPE1"]) == "Ada Whitcombe" and str(tags["TALB"]) == "The Valley Courier"
    chapters = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    titles = [str(c.sub_frames["TIT2"]) for c in chapters]
    headings = [b.text for b in load(SAMPLE).blocks if b.kind.value == "heading"]
    assert titles == [
        "Night reading room opens for shift workers",
        *headings,
    ]  # the title, then one a heading
    assert chapters[0].start_time == 0 and all(
        a.end_time == b.start_time for a, b in itertools.pairwise(chapters)
    )
    assert tags.getall("CTOC")[0].child_element_ids == [c.element_id for c in chapters]
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize("fmt", ["ogg", "flac"])
def test_ogg_and_flac_are_readable_with_vorbis_chapters(tmp_path: Path, fmt: str) -> None:
    import soundfile

    out = tmp_path / f"s.{fmt}"
    assert run_cli("export", SAMPLE, "-o", str(out)).code == 0
    info = soundfile.info(str(out))
    assert info.channels == 1 and info.duration > 60
    chapters = (tmp_path / "s.chapters.txt").read_text("utf-8").splitlines()
    assert chapters[0] == "00:00:00.000 Night reading room opens for shift workers"
    if fmt == "flac":
        from mutagen.flac import FLAC

        assert FLAC(str(out))["CHAPTER002NAME"] == ["What the room will offer"]


def _cues(text: str, separator: str) -> list[tuple[float, float, str]]:
    pattern = rf"(\d\d):(\d\d):(\d\d){separator}(\d\d\d) --> (\d\d):(\d\d):(\d\d){separator}(\d\d\d)\n(.+)"
    cues = []
    for m in re.finditer(pattern, text):
        g = [int(x) for x in m.groups()[:8]]
        start = g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000
        end = g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000
        cues.append((start, end, m.group(9)))
    return cues


@pytest.mark.parametrize(("captions", "separator"), [("vtt", r"\."), ("srt", ",")])
def test_captions_are_sentences_in_order_covering_the_audio(
    tmp_path: Path, captions: str, separator: str
) -> None:
    out = tmp_path / "s.wav"
    assert run_cli("export", SAMPLE, "-o", str(out), "--captions", captions, "--sync-map").code == 0
    text = (tmp_path / f"s.{captions}").read_text("utf-8")
    if captions == "vtt":
        assert text.startswith("WEBVTT\n")
    cues = _cues(text, separator)
    article = load(SAMPLE)
    sentences = [article.title] + [s.text for b in article.blocks for s in b.sentences]
    assert [c[2] for c in cues] == sentences
    for (start, end, _), (next_start, _, _) in itertools.pairwise(cues):
        assert start < end <= next_start
    assert (
        cues[0][0] == 0.0 and wav_seconds(out) - cues[-1][1] < 1.5
    )  # the audio ends with the last pause
    sync = json.loads((tmp_path / "s.sync.json").read_text("utf-8"))
    assert [s["text"] for s in sync["sentences"]] == sentences
    word = sync["sentences"][2]["words"][0]
    assert word["text"] == "The" and word["start"] >= sync["sentences"][2]["start"]


def test_names_from_titles_are_safe_unique_and_stable() -> None:
    assert safe_name('A/B: "C"? <d> | e*') == "A B C d e"
    assert safe_name("\x1b]0;evil\x07 title") == "]0;evil title"
    assert safe_name("CON") == "article CON"
    assert safe_name("...") == "article"
    assert len(safe_name("é" * 200).encode()) <= 80
    assert unique_names(["Same", "same", "Other", "Same"], "mp3") == [
        "Same.mp3",
        "same (2).mp3",
        "Other.mp3",
        "Same (3).mp3",
    ]


def _batch_inputs(tmp_path: Path) -> list[str]:
    inputs = []
    for number in range(8):
        path = tmp_path / "in" / f"article-{number}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(
            f"# Article number {number}\n\nThis short article number {number} has one paragraph of ordinary words.\n",
            "utf-8",
        )
        inputs.append(str(path))
    inputs.insert(3, str(tmp_path / "in" / "missing.md"))
    inputs.insert(6, "http://127.0.0.1:9/unreachable")
    return inputs


def test_batch_reports_failures_goes_on_and_reruns_only_what_is_missing(tmp_path: Path) -> None:
    inputs = _batch_inputs(tmp_path)
    out = tmp_path / "out"
    result = run_cli(
        "export", *inputs, "--out-dir", str(out), "--format", "mp3", "--json", "--jobs", "2"
    )
    assert result.code == 1
    manifest = json.loads(result.stdout)
    assert [e["status"] for e in manifest].count("ok") == 8
    failed = [e for e in manifest if e["status"] == "failed"]
    assert [e["input"] for e in failed] == [inputs[3], inputs[6]] and all(
        e["error"] for e in failed
    )
    assert len(list(out.glob("*.mp3"))) == 8
    assert not list(out.glob("*.part"))
    (out / "Article number 5.mp3").unlink()
    again = run_cli(
        "export", *inputs, "--out-dir", str(out), "--format", "mp3", "--json", "--jobs", "2"
    )
    statuses = {e["output"]: e["status"] for e in json.loads(again.stdout) if e["output"]}
    assert statuses.pop(str(out / "Article number 5.mp3")) == "ok"
    assert set(statuses.values()) == {"skipped"}


def test_skipped_outputs_carry_their_duration_from_the_record_or_the_file(
    tmp_path: Path,
) -> None:
    """A rerun's manifest gives each skipped output its duration (it said null); an
    output recorded before durations were kept is measured from the file itself."""
    inputs = _batch_inputs(tmp_path)[:3]
    out = tmp_path / "out"
    args = ("--out-dir", str(out), "--format", "mp3", "--json")
    made = {
        e["output"]: e["duration"] for e in json.loads(run_cli("export", *inputs, *args).stdout)
    }
    older = out / ".Article number 1.mp3.readout"
    older.write_text("".join(older.read_text("utf-8").splitlines(keepends=True)[:2]), "utf-8")
    again = json.loads(run_cli("export", *inputs, *args).stdout)
    assert [e["status"] for e in again] == ["skipped"] * 3
    for entry in again:
        assert entry["duration"] == pytest.approx(made[entry["output"]], abs=0.2), entry


def test_sigint_stops_cleanly_and_leaves_no_partial_file(tmp_path: Path) -> None:
    inputs = numbered_articles(tmp_path, 3, "A long article")
    out = tmp_path / "out"
    child = subprocess.Popen(
        [sys.executable, "-m", "readout", "export", *inputs, "--out-dir", str(out), "--format", "flac", "--jobs", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not list(out.glob("*.part")) and time.monotonic() < deadline:
        time.sleep(0.01)
    child.send_signal(signal.SIGINT)
    _, stderr = child.communicate(timeout=30)
    assert child.returncode == 130, stderr
    assert not list(out.glob("*.part"))
    for audio in out.glob("*.flac"):  # anything under a final name is whole
        import soundfile

        assert soundfile.info(str(audio)).duration > 60
    rerun = run_cli("export", *inputs, "--out-dir", str(out), "--format", "flac", "--json")
    assert rerun.code == 0 and len(list(out.glob("*.flac"))) == 3


@pytest.mark.parametrize(
    "module", ["readout.article", "readout.errors", "readout.cli", "readout.sanitize", "argparse"]
)
def test_ctrl_c_while_readout_is_still_starting_is_one_line(tmp_path: Path, module: str) -> None:
    """A real SIGINT the moment readout first imports ``module``: the one line and exit
    130 (it was a traceback from the import)."""
    harness = ROOT / "tests" / "integration" / "interrupt_harness.py"
    done = subprocess.run(
        [sys.executable, str(harness), module, "export", SAMPLE, "-o", str(tmp_path / "x.mp3")],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60,
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (130, "readout: interrupted\n")
    assert not list(tmp_path.iterdir())


def test_export_usage_errors(tmp_path: Path) -> None:
    assert run_cli("export", SAMPLE, "-o", str(tmp_path / "x.aiff")).code == 2
    assert run_cli("export", SAMPLE, SAMPLE, "-o", str(tmp_path / "x.mp3")).code == 2
    assert run_cli("export", "--out-dir", str(tmp_path)).code == 2
    assert run_cli("export", SAMPLE, "-o", str(tmp_path / "x.mp3"), "--bitrate", "5").code == 2
    missing = run_cli("export", str(FIXTURES / "nope.txt"), "-o", str(tmp_path / "x.mp3"))
    assert missing.code == 66 and not list(tmp_path.iterdir())
    assert run_cli("export", SAMPLE, "-o", str(tmp_path / "x.mp3"), "--jobs", "0").code == 2
    assert not list(tmp_path.iterdir())


def test_outputs_that_cannot_be_written_are_refused_before_the_input_is_loaded(
    tmp_path: Path,
) -> None:
    """Each was found only after all the speaking (or, for the input itself, never: it
    was replaced by the audio); now each is one line before anything is loaded, so a
    missing input is not what is reported."""
    missing = str(tmp_path / "missing.md")
    (tmp_path / "taken").mkdir()
    (tmp_path / "story.vtt").mkdir()
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\nA paragraph of notes that audio must never replace.\n")
    cases = [
        ([missing, "-o", str(tmp_path / "taken"), "--format", "mp3"], 2, "is a folder"),
        (
            [missing, "-o", str(tmp_path / "story.mp3"), "--captions", "vtt"],
            2,
            "story.vtt is a folder",
        ),
        ([missing, "-o", str(tmp_path / "no" / "x.mp3")], 74, "cannot write files there"),
        ([str(notes), "-o", str(notes), "--format", "wav"], 2, "is the input itself"),
    ]
    for args, code, message in cases:
        refused = run_cli("export", *args)
        assert (refused.code, refused.stderr.count("\n")) == (code, 1), refused.stderr
        assert message in refused.stderr
    assert notes.read_text().startswith("# Notes")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md", "story.vtt", "taken"]


def test_more_chapters_than_an_mp3_indexes_are_refused_before_rendering(tmp_path: Path) -> None:
    """65,102 paragraph chapters: refused at once (it rendered them all, for minutes)."""
    lines = [
        "# Many paragraphs",
        "",
        "The first paragraph has enough words to read as an article.",
        "",
    ]
    lines += [f"Line {number} is short.\n" for number in range(65_100)]
    source = tmp_path / "many.md"
    source.write_text("\n".join(lines), "utf-8")
    out = tmp_path / "many.mp3"
    refused = run_cli("export", str(source), "-o", str(out), "--chapters", "paragraph")
    assert refused.code == 2 and "65,102 chapters" in refused.stderr, refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["many.md"]


def test_one_core_and_two_cores_write_the_same_audio(tmp_path: Path) -> None:
    """``--jobs 1`` speaks then encodes in turn; ``--jobs 2`` overlaps them: same bytes."""
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.wav"
        result = run_cli("export", SAMPLE, "-o", str(out), "--jobs", jobs, "--sync-map")
        assert result.code == 0, result.stderr
    one, two = (tmp_path / "jobs1.wav").read_bytes(), (tmp_path / "jobs2.wav").read_bytes()
    assert len(one) > 1_000_000 and one == two
    sync_one = json.loads((tmp_path / "jobs1.sync.json").read_text("utf-8"))
    assert sync_one == json.loads((tmp_path / "jobs2.sync.json").read_text("utf-8"))


def test_export_takes_the_rate_from_settings_toml(tmp_path: Path) -> None:
    """settings.toml's rate applies to export as to reading; --rate still wins."""
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.toml").write_text("rate = 350\n", "utf-8")
    env = {"READOUT_HOME": str(home)}
    seconds = {}
    for name, extra in (("settings", []), ("flag", ["--rate", "175"])):
        out = tmp_path / f"{name}.wav"
        done = run_cli(
            "export", str(ASSETS / "sample-article.txt"), "-o", str(out), *extra, env=env
        )
        assert done.code == 0, done.stderr
        with wave.open(str(out)) as audio:
            seconds[name] = audio.getnframes() / audio.getframerate()
    assert seconds["settings"] < 0.7 * seconds["flag"]  # 350 wpm against 175


@pytest.mark.parametrize("fmt", ["mp3", "ogg", "flac"])
def test_three_hundred_chapters_are_all_written_and_read_back(tmp_path: Path, fmt: str) -> None:
    """An ID3 CTOC counts entries in one byte: more than 255 chapters crashed the MP3
    export after all the rendering. Now nested tables of contents index them all."""
    lines = ["# Many chapters", ""]
    for number in range(1, 301):
        lines += [f"## Section {number}", "", f"This is section number {number} of the test.", ""]
    source = tmp_path / "many.md"
    source.write_text("\n".join(lines), "utf-8")
    out = tmp_path / f"many.{fmt}"
    done = run_cli("export", str(source), "-o", str(out), env={"READOUT_HOME": str(tmp_path)})
    assert done.code == 0, done.stderr
    if fmt == "mp3":
        from mutagen.id3 import ID3

        tags = ID3(str(out))
        chapters = tags.getall("CHAP")
        tocs = {toc.element_id: list(toc.child_element_ids) for toc in tags.getall("CTOC")}
        indexed = [child for toc in tocs["toc"] for child in tocs.get(toc, [toc])]
        assert len(chapters) == 301 and sorted(indexed) == sorted(c.element_id for c in chapters)
    else:
        import mutagen

        audio = mutagen.File(str(out))
        keys = set(audio.tags.keys())  # Vorbis comments iterate as (key, value) pairs
        names = [key for key in keys if key.upper().endswith("NAME")]
        assert len(names) == 301


def test_a_chapter_at_each_of_600_paragraphs_is_written_and_read_back(tmp_path: Path) -> None:
    """--chapters paragraph on a 600-paragraph page: 601 chapters, the title's too."""
    lines = ["# Six hundred paragraphs", ""]
    lines += [
        f"Paragraph {number} tells what the harbour office saw that day."
        for number in range(1, 601)
    ]
    source = tmp_path / "paragraphs.md"
    source.write_text("\n\n".join(lines), "utf-8")
    out = tmp_path / "paragraphs.mp3"
    done = run_cli(
        "export", str(source), "-o", str(out), "--chapters", "paragraph", "--rate", "450",
        "--pause-sentence", "0", "--pause-paragraph", "0",
        env={"READOUT_HOME": str(tmp_path)},
    )  # fmt: skip
    assert done.code == 0, done.stderr
    from mutagen.id3 import ID3

    chapters = ID3(str(out)).getall("CHAP")
    assert len(chapters) == 601
    titles = {str(chapter.sub_frames["TIT2"]) for chapter in chapters}
    assert any(title.startswith("Paragraph 600 tells") for title in titles)


def test_articles_with_the_same_title_never_replace_one_another(tmp_path: Path) -> None:
    """ "Letters" from two sources: both kept, in one run and across runs, each output
    named in the manifest with its source; a rerun of the same sources skips both."""
    first, second = tmp_path / "monday.md", tmp_path / "tuesday.md"
    for path, day in ((first, "Monday"), (second, "Tuesday")):
        path.write_text(
            f"# Letters\n\nThe letters page for {day}, with a dozen readers writing in.\n"
        )
    out = tmp_path / "out"
    args = ("--out-dir", str(out), "--format", "wav", "--json")
    one = json.loads(run_cli("export", str(first), *args).stdout)
    assert [Path(e["output"]).name for e in one] == ["Letters.wav"]
    two = json.loads(run_cli("export", str(second), *args).stdout)  # a later run
    assert [Path(e["output"]).name for e in two] == ["Letters (2).wav"]
    both = json.loads(run_cli("export", str(first), str(second), *args).stdout)
    assert {e["input"]: (Path(e["output"]).name, e["status"]) for e in both} == {
        str(first): ("Letters.wav", "skipped"),
        str(second): ("Letters (2).wav", "skipped"),
    }
    assert sorted(p.name for p in out.glob("*.wav")) == ["Letters (2).wav", "Letters.wav"]


def _interrupted_batch(
    inputs: list[str], out: Path, ready: Callable[[], bool], sent: int = signal.SIGINT
) -> tuple[int, str]:
    """A FLAC batch on two workers sent ``sent`` to its whole process group, as a terminal
    sends Ctrl-C (or its hang-up), once ``ready()``; its exit code and stderr."""
    command = [sys.executable, "-m", "readout", "export", *inputs, "--out-dir", str(out)]
    child = subprocess.Popen(
        [*command, "--format", "flac", "--jobs", "2"], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)}, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not ready() and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(child.pid, sent)
    _, stderr = child.communicate(timeout=60)
    return child.returncode, stderr.decode()


def test_ctrl_c_in_a_batch_of_workers_leaves_one_line_and_no_partial_file(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group: the workers stop quietly, the CLI says
    one line, nothing half-written stays, and a rerun completes only the rest."""
    inputs = numbered_articles(tmp_path, 10, "Long")
    out = tmp_path / "out"
    code, said = _interrupted_batch(inputs, out, lambda: len(list(out.glob("*.flac"))) >= 2)
    assert code == 130
    assert "Traceback" not in said and "KeyboardInterrupt" not in said, said
    assert said.splitlines()[-1] == "readout: interrupted", said
    for line in said.splitlines()[:-1]:  # the only others: one per file finished before
        assert re.fullmatch(r"readout: \[\d+/10\] ok: .* -> (.*)", line), said
        assert Path(line.split(" -> ")[1]).is_file()
    assert not list(out.glob("*.part"))
    done_before = {p.name for p in out.glob("*.flac")}
    rerun = run_cli("export", *inputs, "--out-dir", str(out), "--format", "flac", "--json")
    assert rerun.code == 0
    manifest = json.loads(rerun.stdout)
    skipped = {Path(e["output"]).name for e in manifest if e["status"] == "skipped"}
    assert skipped == done_before and len(list(out.glob("*.flac"))) == 10


def test_a_hang_up_or_kill_stops_an_export_as_ctrl_c_does(tmp_path: Path) -> None:
    """SIGTERM to one export, and SIGHUP to a batch's whole group (the terminal went
    away): one line, exit 130, no partial file (the .part files stayed behind)."""
    (source,) = numbered_articles(tmp_path, 1, "Killed", paragraphs=600)
    out = tmp_path / "one" / "killed.flac"
    out.parent.mkdir()
    child = subprocess.Popen(
        [sys.executable, "-m", "readout", "export", source, "-o", str(out)],
        stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not out.with_name("killed.flac.part").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    child.terminate()
    _, stderr = child.communicate(timeout=60)
    assert (child.returncode, stderr.decode()) == (130, "readout: interrupted\n")
    assert not list(out.parent.iterdir())
    inputs = numbered_articles(tmp_path, 4, "Hung up")
    batch = tmp_path / "batch"
    code, said = _interrupted_batch(
        inputs, batch, lambda: bool(list(batch.glob("*.part"))), signal.SIGHUP
    )
    assert code == 130 and said.splitlines()[-1] == "readout: interrupted", said
    assert "Traceback" not in said and not list(batch.glob("*.part"))


def test_kill_to_a_batch_alone_stops_its_workers_exports_too(tmp_path: Path) -> None:
    """SIGTERM reaches the batch's own process only: it stops the workers' exports at
    their next sentence (they went on to finish every file they had)."""
    inputs = numbered_articles(tmp_path, 2, "Stopped", paragraphs=600)
    out = tmp_path / "out"
    child = subprocess.Popen(
        [sys.executable, "-m", "readout", "export", *inputs, "--out-dir", str(out), "--format",
         "flac", "--jobs", "2"],
        stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while len(list(out.glob("*.part"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    child.terminate()
    _, stderr = child.communicate(timeout=60)
    assert (child.returncode, stderr.decode()) == (130, "readout: interrupted\n")
    assert not list(out.glob("*.flac*"))


def test_kill_to_a_batchs_whole_group_leaves_no_partial_file(tmp_path: Path) -> None:
    """SIGTERM to the whole group (``timeout`` and ``kill 0`` send it so) ends the
    workers mid-file, before they can clean up: the batch removes what they left."""
    inputs = numbered_articles(tmp_path, 2, "Timed out", paragraphs=600)
    out = tmp_path / "out"
    code, said = _interrupted_batch(
        inputs, out, lambda: len(list(out.glob("*.part"))) >= 2, signal.SIGTERM
    )
    assert code == 130 and said.splitlines()[-1] == "readout: interrupted", said
    assert "Traceback" not in said, said
    assert not list(out.glob("*.part"))


@pytest.fixture
def held_page() -> Iterator[tuple[str, threading.Event]]:
    """A local article page answered only when the test releases it: a batch waits on it."""
    release = threading.Event()
    body = (ASSETS / "sample-article.html").read_bytes()

    class Held(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            release.wait(60)
            with contextlib.suppress(OSError):  # the interrupted batch has gone
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Held)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/held", release
    release.set()
    httpd.shutdown()
    httpd.server_close()


def test_ctrl_c_with_a_worker_waiting_for_input_leaves_one_line_and_no_partial_file(
    tmp_path: Path, held_page: tuple[str, threading.Event]
) -> None:
    """One worker renders a long article while the other waits for the next input (a page
    still loading): Ctrl-C to the process group stops both quietly. The waiting worker
    printed a traceback and died, and the broken pool killed the busy one, whose .part
    stayed behind."""
    url, release = held_page
    (long,) = numbered_articles(tmp_path, 1, "Very long", paragraphs=600)
    short = numbered_articles(tmp_path, 8, "Short", paragraphs=3)
    inputs = [long, short[0], url, *short[1:]]
    out = tmp_path / "out"
    waiting = [out / "Short 0.flac", out / "Very long 0.flac.part"]
    code, said = _interrupted_batch(inputs, out, lambda: all(path.exists() for path in waiting))
    assert code == 130, said
    assert said.splitlines() == ["readout: interrupted"], said  # no file was reported
    assert not list(out.glob("*.part"))
    assert sorted(p.name for p in out.glob("*.flac")) == ["Short 0.flac"]
    release.set()
    rerun = run_cli("export", *inputs, "--out-dir", str(out), "--format", "flac", "--json")
    assert rerun.code == 0, rerun.stderr
    statuses = [e["status"] for e in json.loads(rerun.stdout)]
    assert statuses == ["ok", "skipped", *["ok"] * 8] and len(list(out.glob("*.flac"))) == 10


def _children(pid: int) -> list[tuple[int, bytes]]:
    """The (pid, command line) of each process whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append((int(entry.name), (entry / "cmdline").read_bytes()))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to see processes")
def test_a_batchs_workers_are_never_forks_of_the_batch_process(tmp_path: Path) -> None:
    """By the time the pool starts, the batch process has threads (inputs load ahead,
    progress is relayed), and a fork of it inherits whatever lock they held: in CI a
    worker forked mid-import hung before its first export, deaf to Ctrl-C, and the batch
    with it. Workers start from a fork server instead, which ignores Ctrl-C."""
    inputs = numbered_articles(tmp_path, 3, "Pooled", paragraphs=300)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "readout", "export", *inputs, "--out-dir", str(out)]
    child = subprocess.Popen(
        [*command, "--format", "flac", "--jobs", "2"], stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not list(out.glob("*.part")) and time.monotonic() < deadline:
        time.sleep(0.02)
    own_command = Path(f"/proc/{child.pid}/cmdline").read_bytes()
    children = _children(child.pid)
    _, stderr = child.communicate(timeout=120)
    assert child.returncode == 0, stderr.decode()
    assert children, "the batch started no helper process"
    assert [c for c in children if c[1] == own_command] == []  # no fork of itself
    assert any(b"forkserver" in c[1] for c in children)


def test_a_batch_started_in_a_folder_of_python_packages_imports_none_of_them(
    tmp_path: Path,
) -> None:
    """The workers' helpers start as ``python -c``, which imports from the current
    folder first: run from a folder holding a ``json/`` or an old ``readout/``
    checkout, every worker died on start-up and the batch ended in "EOFError"."""
    inputs = numbered_articles(tmp_path, 2, "Shadowed", paragraphs=3)
    folder = tmp_path / "work"
    for package in ("json", "readout"):
        (folder / package).mkdir(parents=True)
        (folder / package / "__init__.py").write_text(f'raise SystemExit("the wrong {package}")\n')
    run = subprocess.run(
        [str(Path(sys.executable).parent / "readout"), "export", *inputs, "--out-dir", "out",
         "--format", "wav", "--jobs", "2"],
        cwd=folder, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "wrong" not in run.stderr
    assert sorted(p.name for p in (folder / "out").glob("*.wav")) == [
        "Shadowed 0.wav",
        "Shadowed 1.wav",
    ]
