"""When each ``[[mark:name]]`` of a cue is heard: from the engine's word timings, or by
forced alignment of the clip against its words (recorded takes, engines without timings).

A mark sits before word ``k`` of the written cue; the engine speaks ``speakable(text)``,
whose words can differ in number ("16%" is "16 percent"), so ``k`` is carried over by
speaking the words before the mark.
"""

from __future__ import annotations

import hashlib

from .clips import Clip
from .narration import Cue
from .paths import cache_dir
from .voices import speakable
from .words import WordTime, load_words, save_words


def spoken_index(text: str, written_index: int) -> int:
    """The index, among the spoken words, of written word ``written_index``."""
    return len(speakable(" ".join(text.split()[:written_index])).split())


def aligned_words(clip: Clip, text: str) -> tuple[WordTime, ...]:
    """Word timings of ``clip`` found by forced alignment; cached by the clip and the text."""
    key = hashlib.sha256(f"{clip.path.name}\n{text}".encode()).hexdigest()[:24]
    cached = cache_dir("align") / f"{key}.json"
    if cached.exists():
        return load_words(cached) or ()
    from .align import align_words  # PocketSphinx loads in a second or two: only when needed

    words = align_words(clip.load(), 48_000, text)
    save_words(cached, words)
    return tuple(words)


def mark_times(clip: Clip, cue: Cue) -> dict[str, float]:
    """Seconds from the start of the cue's speech to each of its marks."""
    if not cue.marks:
        return {}
    spoken = speakable(cue.text)
    words = clip.words if clip.words is not None else aligned_words(clip, spoken)
    times: dict[str, float] = {}
    for name, index in cue.marks:
        at = spoken_index(cue.text, index)
        seconds = words[at].start if at < len(words) else clip.speech_s
        times[name] = round(min(max(seconds, 0.0), clip.speech_s), 4)
    return times
