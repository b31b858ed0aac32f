"""Real espeak-ng synthesis: word marks, rates, a soak, and WAV export through the CLI."""

from __future__ import annotations

import array
import json
import wave
from pathlib import Path

import pytest

from readout.speech.engine import clamp_rate
from readout.speech.espeak_engine import EspeakEngine
from tests.conftest import ASSETS, run_cli


@pytest.fixture(scope="module")
def engine() -> EspeakEngine:
    return EspeakEngine()


def test_word_marks_point_at_the_words_spoken(engine: EspeakEngine) -> None:
    text = "Libraries open late on Mondays."
    utterance = engine.synthesize(text, None, 175, 50)
    words = [text[w.start : w.start + w.length] for w in utterance.words]
    assert words == ["Libraries", "open", "late", "on", "Mondays"]
    times = [w.time_s for w in utterance.words]
    assert times == sorted(times) and times[-1] < utterance.duration_s


def test_faster_rate_gives_shorter_audio(engine: EspeakEngine) -> None:
    text = "The council approved the trial by seven votes to two on Tuesday evening."
    slow = engine.synthesize(text, None, 120, 50).duration_s
    fast = engine.synthesize(text, None, 360, 50).duration_s
    assert fast < slow * 0.5


def test_rate_is_clamped_to_the_engine_range(engine: EspeakEngine) -> None:
    assert clamp_rate(1000, engine) == (450, True)
    assert clamp_rate(10, engine) == (80, True)
    assert clamp_rate(200, engine) == (200, False)


def test_voices_resolve_by_language_and_name(engine: EspeakEngine) -> None:
    assert engine.resolve_voice("en-us") == engine.resolve_voice("English (America)")
    assert any(v.language == "fr-fr" or v.language == "fr" for v in engine.voices())


def test_soak_200_sentences_none_missing_empty_or_wrong_rate(engine: EspeakEngine) -> None:
    words_per_sentence = 11
    for i in range(200):
        rate = 120 + (i % 5) * 60  # 120..360 wpm, changing every sentence
        text = f"Sentence number {i} of the soak test says ten words aloud."
        utterance = engine.synthesize(text, None, rate, 50)
        assert utterance.pcm, i
        assert len(utterance.words) >= words_per_sentence - 1, i  # espeak merges "of the"
        expected = words_per_sentence / rate * 60
        # espeak's own pacing: within a factor of two of the nominal rate, never the default
        assert 0.5 * expected < utterance.duration_s < 2.0 * expected, (
            i,
            rate,
            utterance.duration_s,
        )


def _longest_silence_s(path: Path) -> float:
    with wave.open(str(path)) as wav:
        rate = wav.getframerate()
        samples = array.array("h", wav.readframes(wav.getnframes()))
    window = rate // 20
    longest = run = 0
    for start in range(0, len(samples), window):
        chunk = samples[start : start + window]
        quiet = max((abs(s) for s in chunk), default=0) < 300
        run = run + 1 if quiet else 0
        longest = max(longest, run)
    return longest * window / rate


def test_export_wav_of_the_sample(tmp_path: Path) -> None:
    out = tmp_path / "sample.wav"
    result = run_cli("export", str(ASSETS / "sample-article.txt"), "-o", str(out), "--rate", "175")
    assert result.code == 0, result.stderr
    assert result.stdout == ""  # no "Audio saved to" noise, nothing at all on stdout
    assert not list(tmp_path.glob("*.part"))
    text = json.loads(
        run_cli("text", str(ASSETS / "sample-article.txt"), "--format", "json").stdout
    )
    words = len(text["title"].split()) + sum(len(b["text"].split()) for b in text["blocks"])
    with wave.open(str(out)) as wav:
        duration = wav.getnframes() / wav.getframerate()
    expected = words / 175 * 60
    assert 0.8 * expected <= duration <= 1.2 * expected, (duration, expected)
    assert _longest_silence_s(out) < 2.0


def test_export_to_an_unwritable_place_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "missing-dir" / "x.wav"
    result = run_cli("export", "-o", str(out))
    assert result.code == 74
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not out.parent.exists()


def test_unknown_voice_is_a_usage_error_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "x.wav"
    result = run_cli("export", "-o", str(out), "--voice", "no-such-voice")
    assert result.code == 2
    assert not list(tmp_path.iterdir())


def test_voices_json() -> None:
    result = run_cli("voices", "--json")
    voices = json.loads(result.stdout)
    assert {"id", "name", "language", "gender"} <= set(voices[0])
    assert any(v["language"].startswith("en") for v in voices)


def test_word_marks_land_on_the_shown_words(engine: EspeakEngine) -> None:
    """Real espeak word marks on the spoken form, mapped back to the shown sentence."""
    from readout.speech.normalize import speakable

    cases = {
        "It cost $18,500 in all.": ["It", "cost", "$18,500", "in", "all"],
        "Call +44 20 7946 0321 today.": ["Call", "+44 20 7946 0321", "today"],
        "Read example.org/news first.": ["Read", "example.org/news", "first"],
        "Mona* called twice.": ["Mona", "called", "twice"],
    }
    for shown, expected in cases.items():
        spoken = speakable(shown)
        utterance = engine.synthesize(spoken.text, None, 175, 50)
        spans = []
        for mark in utterance.words:
            start, length = spoken.to_shown(mark.start, mark.length)
            text = shown[start : start + length].rstrip(".")
            if not spans or spans[-1] != text:  # many spoken words, one shown number
                spans.append(text)
        assert spans == expected, (shown, spans)


PYTTSX3_SOAK = r"""
import json, sys, wave
from readout.speech.engines import start_engine
engine = start_engine("pyttsx3")
results = []
for i in range(200):
    rate = 120 + (i % 5) * 60
    u = engine.synthesize(f"Sentence number {i} of the soak test says ten words aloud.", None, rate)
    results.append([rate, u.duration_s, len(u.pcm), len(u.words), u.timings_estimated])
long_text = "The quick brown fox jumps over the lazy dog again. " * 800
u = engine.synthesize(long_text, None, 300)
retries = engine.call(lambda e: e.retries).result()
engine.close()
sys.stderr.write(json.dumps({"results": results, "long": [len(long_text), u.duration_s], "retries": retries}))
"""


def test_pyttsx3_soak_200_sentences_and_a_40kb_text() -> None:
    """In its own process: pyttsx3 and our espeak binding must not share libespeak state."""
    import subprocess
    import sys

    completed = subprocess.run(
        [sys.executable, "-c", PYTTSX3_SOAK],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert completed.stdout == ""  # no "Audio saved to" noise
    report = json.loads(completed.stderr)
    results = report["results"]
    assert len(results) == 200
    for rate, duration, pcm_bytes, words, estimated in results:
        expected = 11 / rate * 60  # "Sentence number N of the soak test says ten words aloud."
        assert pcm_bytes > 0 and words == 11 and estimated
        assert 0.5 * expected < duration < 2.0 * expected, (rate, duration)
    length, duration = report["long"]
    assert length >= 40_000
    expected = 10 * 800 / 300 * 60  # 8,000 words at 300 words per minute
    assert 0.5 * expected < duration < 2.0 * expected


def test_worker_runs_the_engine_in_one_thread_and_closes_quickly() -> None:
    import threading
    import time

    from readout.speech.engines import start_engine

    worker = start_engine("espeak")
    futures = [worker.submit(f"Queued sentence {i}.", None, 200) for i in range(5)]
    assert all(f.result().pcm for f in futures)
    thread_names = {
        worker.call(lambda e: threading.current_thread().name).result() for _ in range(3)
    }
    assert thread_names == {"readout-espeak"}
    started = time.monotonic()
    worker.close()
    assert time.monotonic() - started < 2.5


def test_text_spoken_shows_the_normalised_form() -> None:
    result = run_cli("text", str(ASSETS / "sample-article.txt"), "--format", "json", "--spoken")
    data = json.loads(result.stdout)
    sentences = [s for b in data["blocks"] for s in b["sentences"]]
    assert all("spoken" in s for s in sentences)
    by_text = {s["text"]: s["spoken"] for s in sentences}
    cost = next(t for t in by_text if "$18,500" in t)
    assert "eighteen thousand five hundred dollars" in by_text[cost]
    mona = next(t for t in by_text if "Mona*" in t)
    assert "Mona*" not in by_text[mona] and "Mona," in by_text[mona]


def test_lexicon_changes_what_is_spoken_not_what_is_shown(tmp_path: Path) -> None:
    lexicon = tmp_path / "lexicon.toml"
    lexicon.write_text('[[rule]]\nmatch = "Okafor"\nsay = "oh KAH for"\n', "utf-8")
    sample = str(ASSETS / "sample-article.txt")
    spoken = json.loads(
        run_cli("text", sample, "--format", "json", "--spoken", "--lexicon", str(lexicon)).stdout
    )
    plain = run_cli("text", sample, "--lexicon", str(lexicon)).stdout
    sentence = next(s for b in spoken["blocks"] for s in b["sentences"] if "Okafor" in s["text"])
    assert "oh KAH for" in sentence["spoken"] and "Okafor" not in sentence["spoken"]
    assert "Okafor" in plain and "oh KAH for" not in plain


def test_user_lexicon_from_the_config_dir(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "lexicon.toml").write_text(
        '[[rule]]\nmatch = "Riverside"\nsay = "River side"\n', "utf-8"
    )
    result = run_cli("text", "--spoken", env={"READOUT_HOME": str(tmp_path)})
    assert "River side branch" in result.stdout


def test_bad_lexicon_is_one_line_exit_2(tmp_path: Path) -> None:
    lexicon = tmp_path / "lexicon.toml"
    lexicon.write_text("[[rule]]\nkind = 'word'\n", "utf-8")
    result = run_cli("text", "--spoken", "--lexicon", str(lexicon))
    assert result.code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_article_language_picks_the_voice(engine: EspeakEngine) -> None:
    assert engine.voice_for_language("de") == "gmw/de"
    assert engine.voice_for_language("en-US") == "gmw/en-US"
    assert engine.voice_for_language(None) is None


def test_export_with_pyttsx3_engine(tmp_path: Path) -> None:
    out = tmp_path / "p.wav"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    result = run_cli("export", "-o", str(out), "--engine", "pyttsx3", env={"TMPDIR": str(scratch)})
    assert not list(scratch.iterdir())  # its scratch files are cleaned up
    assert result.code == 0, result.stderr
    assert result.stdout == ""
    with wave.open(str(out)) as wav:
        assert wav.getnframes() / wav.getframerate() > 60
