"""The player's "about N min to hear" against what real synthesis takes to say it."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from readout.defaults import RATE_DEFAULT
from readout.loading import load
from readout.speech.duration import remaining
from tests.conftest import ASSETS, run_cli

_GUIDE = """# Reading a settings file

The loader reads the file once, when the program starts, and keeps what it found.
Each setting has a name and a value; a name that the program does not know is kept
too, so that a newer file still loads in an older program.

```python
def load_settings(path: str) -> dict[str, str]:
    settings = {}
    for line in open(path, encoding="utf-8"):
        name, _, value = line.partition("=")
        settings[name.strip()] = value.strip()
    return settings
```

A value is always text. The program turns it into a number or a flag where it needs
one, and says which line was wrong when that fails.

```python
width = int(settings.get("width", "80"))
colour = settings.get("colour", "auto") in ("yes", "always")
```
"""


def wav_minutes(path: Path) -> float:
    with wave.open(str(path)) as wav:
        return float(wav.getnframes() / wav.getframerate() / 60)


@pytest.mark.parametrize("kind", ["news", "code"])
def test_the_estimate_is_near_what_is_said_and_nearer_than_words_at_the_rate(
    kind: str, tmp_path: Path
) -> None:
    source = ASSETS / "sample-article.txt"
    if kind == "code":
        source = tmp_path / "guide.md"
        source.write_text(_GUIDE, encoding="utf-8")
    out = tmp_path / "out.wav"
    assert run_cli("export", str(source), "-o", str(out)).code == 0
    said = wav_minutes(out)
    article = load(str(source))
    estimate = remaining(article.blocks, article.title).minutes(0, RATE_DEFAULT)
    words_at_rate = article.word_count / RATE_DEFAULT
    assert abs(estimate - said) <= 0.12 * said, (estimate, said)
    if kind == "code":  # code is read mark by mark: shown words fall far short
        assert abs(estimate - said) < abs(words_at_rate - said), (estimate, words_at_rate, said)
