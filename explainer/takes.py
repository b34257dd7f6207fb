"""A creator's recorded voice: one take per cue, or one take of a whole scene.

Per cue: ``narration/<module>/<scene>/<cue-id>.wav``. Whole scene:
``narration/<module>/<scene>.wav`` beside the script; it is cut into cues by aligning it
against the script, between the last word of one cue and the first of the next. A take
whose words stray from the script (measured by an offline recogniser) gets a warning.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from .audio import SAMPLE_RATE, read_wav, resample, write_wav
from .clips import Clip, decode_take
from .errors import NarrationError, PipelineError
from .module import SceneEntry
from .narration import Script
from .paths import cache_dir, write_atomic
from .voices import speakable


def scene_take(entry: SceneEntry) -> Path | None:
    path = entry.script_path.with_suffix(".wav")
    return path if path.exists() else None


def split_scene_take(take: Path, script: Script) -> dict[str, Path]:
    """Cut a whole-scene take into one WAV per cue; cached by the take and the script."""
    data = take.read_bytes()
    key = hashlib.sha256(data + "\n".join(c.text for c in script.cues).encode()).hexdigest()
    folder = cache_dir("scene-takes") / key[:24]
    parts = {cue.id: folder / f"{cue.id}.wav" for cue in script.cues}
    if all(p.exists() for p in parts.values()):
        return parts
    from .align import align_words

    samples = resample(*decode_take(take, "(whole scene)"))
    spoken = [speakable(cue.text).split() for cue in script.cues]
    try:
        words = align_words(samples, SAMPLE_RATE, " ".join(w for cue in spoken for w in cue))
    except PipelineError as err:
        raise NarrationError(take, f"cannot match this take to the script: {err}") from None
    # each cue's first and last word, then cut halfway through the pause between cues
    bounds, first = [], 0
    for cue_words in spoken:
        bounds.append((words[first].start, words[first + len(cue_words) - 1].end))
        first += len(cue_words)
    cuts = [0] + [round((end + nxt) / 2 * SAMPLE_RATE) for (_, end), (nxt, _)
                  in zip(bounds, bounds[1:], strict=False)] + [len(samples)]
    folder.mkdir(parents=True, exist_ok=True)
    for cue, start, stop in zip(script.cues, cuts, cuts[1:], strict=False):
        write_wav(parts[cue.id], samples[start:stop])
    return parts


# The recogniser misjudges short cues: on 5- and 6-word cues spoken by flite's voices it
# scored word error rates up to 0.8 with the right words, so those are not judged.
STRAY_MIN_WORDS = 8


def stray_warning(clip: Clip, cue_id: str, text: str, where: Path) -> str | None:
    """A warning when a recorded take's words differ from the script's by too much."""
    if len(text.split()) < STRAY_MIN_WORDS:
        return None
    key = hashlib.sha256(f"{clip.path.name}\n{text}".encode()).hexdigest()[:24]
    cached = cache_dir("takes") / f"{key}.heard.json"
    if cached.exists():
        heard, mismatch = json.loads(cached.read_text())
    else:
        from .align import recognise, script_mismatch

        samples, rate = read_wav(clip.path)
        heard = recognise(np.asarray(samples), rate)
        mismatch = script_mismatch(speakable(text), heard)
        write_atomic(cached, json.dumps([heard, mismatch]))
    from .align import STRAY_WER

    if mismatch <= STRAY_WER:
        return None
    return (f"{where}: the recorded take of cue [{cue_id}] strays from the script "
            f"({mismatch:.0%} of words differ; heard: {heard[:80]!r})")
