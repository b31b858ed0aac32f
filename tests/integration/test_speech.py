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
    words_per_sentence = 10
    for i in range(200):
        rate = 120 + (i % 5) * 60  # 120..360 wpm, changing every sentence
        text = f"Sentence number {i} of the soak test says ten words aloud."
        utterance = engine.synthesize(text, None, rate, 50)
        assert utterance.pcm, i
        assert len(utterance.words) >= words_per_sentence - 1, i
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
