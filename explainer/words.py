"""Word timings: where each word of a clip is spoken, from the voice engine or an aligner."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .paths import write_atomic


@dataclass(frozen=True)
class WordTime:
    """One whitespace-separated token of the spoken text and when it is heard.

    ``index`` counts tokens of the text given to the engine or aligner (``text.split()``),
    so a mark placed before token ``k`` of that text falls at ``start`` of the entry with
    ``index == k``. Times are seconds from the start of the audio they were measured on.
    """

    index: int
    word: str
    start: float
    end: float

    def shifted(self, seconds: float) -> WordTime:
        return WordTime(self.index, self.word, self.start + seconds, self.end + seconds)


def save_words(path: Path, words: list[WordTime] | tuple[WordTime, ...] | None) -> None:
    """Store word timings (None: the engine reported none), atomically."""
    write_atomic(path, json.dumps(None if words is None else [
        [w.index, w.word, round(w.start, 4), round(w.end, 4)] for w in words]))


def load_words(path: Path) -> tuple[WordTime, ...] | None:
    raw = json.loads(path.read_text())
    return None if raw is None else tuple(WordTime(*entry) for entry in raw)
