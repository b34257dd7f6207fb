"""Captions from the narration text and the real cue times: WebVTT and SRT.

A cue's words are split into captions of at most two lines of 42 characters (the common
broadcast limit), breaking at sentence ends first. Each caption's time within its cue is
proportional to its share of the cue's characters, a close fit for even-paced speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_LINE = 42
MAX_LINES = 2


@dataclass(frozen=True)
class Caption:
    start: float
    end: float
    lines: tuple[str, ...]


def wrap(words: list[str], width: int = MAX_LINE) -> list[str]:
    """Greedy word wrap; a single word longer than the width gets a line of its own."""
    lines: list[str] = []
    line = ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def _balanced(words: list[str]) -> tuple[str, ...]:
    """Two lines of similar length read better than one full line and a stub."""
    lines = wrap(words)
    if len(lines) != 2:
        return tuple(lines)
    best = tuple(lines)
    best_cost = abs(len(lines[0]) - len(lines[1]))
    for cut in range(1, len(words)):
        a, b = " ".join(words[:cut]), " ".join(words[cut:])
        if len(a) <= MAX_LINE and len(b) <= MAX_LINE and abs(len(a) - len(b)) < best_cost:
            best, best_cost = (a, b), abs(len(a) - len(b))
    return best


def split_text(text: str) -> list[tuple[str, ...]]:
    """Split a cue's text into caption blocks of at most MAX_LINES lines of MAX_LINE chars."""
    blocks: list[tuple[str, ...]] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        words = sentence.split()
        while words:
            lines = wrap(words)
            if len(lines) <= MAX_LINES:
                blocks.append(_balanced(words))
                break
            # take as many words as fill two lines, preferring a break after a comma
            take = len(" ".join(lines[:MAX_LINES]).split())
            for i in range(take, max(take // 2, 1), -1):
                if words[i - 1].endswith((",", ";", ":")):
                    take = i
                    break
            blocks.append(_balanced(words[:take]))
            words = words[take:]
    return blocks


def cue_captions(text: str, start: float, speech: float) -> list[Caption]:
    """Captions for one cue spoken from ``start`` for ``speech`` seconds."""
    blocks = split_text(text)
    weights = [sum(len(line) for line in block) for block in blocks]
    total = sum(weights) or 1
    captions, t = [], start
    for block, weight in zip(blocks, weights, strict=True):
        length = speech * weight / total
        captions.append(Caption(round(t, 3), round(t + length, 3), block))
        t += length
    return captions


def _stamp(seconds: float, sep: str) -> str:
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def to_webvtt(captions: list[Caption]) -> str:
    parts = ["WEBVTT", ""]
    for c in captions:
        parts += [f"{_stamp(c.start, '.')} --> {_stamp(c.end, '.')}", *c.lines, ""]
    return "\n".join(parts)


def to_srt(captions: list[Caption]) -> str:
    parts = []
    for i, c in enumerate(captions, start=1):
        parts += [str(i), f"{_stamp(c.start, ',')} --> {_stamp(c.end, ',')}", *c.lines, ""]
    return "\n".join(parts)
