"""The default engine on Linux: libespeak-ng through our ctypes binding."""

from __future__ import annotations

from readout.defaults import RATE_MAX, RATE_MIN
from readout.speech.engine import Utterance, Voice, WordMark, pick_voice
from readout.speech.espeak import EspeakLibrary

DEFAULT_VOICE = "en"


class EspeakEngine:
    """Renders sentences with libespeak-ng, word marks with real audio times."""

    name = "espeak"
    rate_range = (RATE_MIN, RATE_MAX)

    def __init__(self) -> None:
        self._library = EspeakLibrary.get()
        self._resolved: dict[str, str] = {}

    def resolve_voice(self, spec: str | None) -> str:
        """Map a voice id ("gmw/en-US"), name ("English (America)") or language tag
        ("en-us", "en-GB") to the identifier libespeak-ng takes."""
        if spec is None:
            return DEFAULT_VOICE  # the library knows it: no need to list 141 voices first
        if spec not in self._resolved:
            wanted = spec.casefold().replace("_", "-")
            match = next(
                (
                    v.id
                    for v in self.voices()
                    if wanted in (v.id.casefold(), v.name.casefold(), v.language.casefold())
                ),
                spec,  # unknown here: let the library decide, and report it if it refuses
            )
            self._resolved[spec] = match
        return self._resolved[spec]

    def synthesize(self, text: str, voice: str | None, rate: int, pitch: int = 50) -> Utterance:
        pcm, raw_words = self._library.synthesize(text, self.resolve_voice(voice), rate, pitch)
        rate_hz = self._library.sample_rate
        words = tuple(WordMark(w.char_start, w.char_length, w.sample / rate_hz) for w in raw_words)
        return Utterance(pcm=pcm, sample_rate=rate_hz, words=words)

    def voices(self) -> list[Voice]:
        return [
            Voice(
                id=v.identifier,
                name=v.name,
                language=v.languages[0] if v.languages else "",
                gender=v.gender,
            )
            for v in self._library.voices()
        ]

    def voice_for_language(self, language: str | None) -> str | None:
        return pick_voice(self.voices(), language)
