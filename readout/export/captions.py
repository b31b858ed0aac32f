"""Captions from the timing table: one cue per sentence, WebVTT or SRT."""

from __future__ import annotations

from readout.export.timeline import Timeline


def _stamp(seconds: float, separator: str) -> str:
    millis = max(0, round(seconds * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _cue_text(text: str) -> str:
    """A sentence can hold "-->", which would end a cue's timing line early."""
    return text.replace("-->", "->")


def to_vtt(timeline: Timeline) -> str:
    cues = [
        f"{_stamp(t.start_s, '.')} --> {_stamp(t.end_s, '.')}\n{_cue_text(t.text)}"
        for t in timeline.sentences
    ]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def to_srt(timeline: Timeline) -> str:
    cues = [
        f"{number}\n{_stamp(t.start_s, ',')} --> {_stamp(t.end_s, ',')}\n{_cue_text(t.text)}"
        for number, t in enumerate(timeline.sentences, 1)
    ]
    return "\n\n".join(cues) + "\n"
