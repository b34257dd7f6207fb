"""Word timings: where each word of a clip is spoken, from the voice engine or an aligner."""

from __future__ import annotations

from dataclasses import dataclass


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
