"""One audio clip per cue: a recorded take if the creator dropped one in, else synthesised.

Synthesised clips are cached under ``build/cache/voice/`` by a hash of the voice identity and
the text, so editing one cue re-voices one cue. Every clip is stored as 48 kHz mono with its
leading and trailing silence trimmed: its length is the length of the speech. Beside each
synthesised clip, ``<key>.words.json`` keeps the engine's word timings (or null when the
engine reports none). A creator's take is brought to the synthetic voice's loudness, so a
recorded cue sits level with its neighbours before the whole track is normalised.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .audio import SAMPLE_RATE, read_wav, resample, speech_bounds, write_wav
from .errors import NarrationError
from .loudness import integrated_loudness
from .paths import cache_dir
from .voices import Voice
from .words import WordTime, load_words, save_words

CUE_GAP_S = 0.35  # a breath after each cue before the next may start
TAKE_LUFS = -16.0  # the level flite's voices speak at (measured -15.8 to -16.1 LUFS per cue)


@dataclass(frozen=True)
class Clip:
    cue_id: str
    path: Path          # 48 kHz mono WAV
    samples: int
    recorded: bool      # True when a creator's take replaced the synthetic voice
    words: tuple[WordTime, ...] | None = None  # the engine's timings, seconds into the clip

    @property
    def speech_s(self) -> float:
        return self.samples / SAMPLE_RATE

    @property
    def duration_s(self) -> float:
        """The time the scene gives this cue: the speech plus a short breath."""
        return self.speech_s + CUE_GAP_S

    def load(self) -> np.ndarray:
        return read_wav(self.path)[0]


def _store(samples: np.ndarray, rate: int, dest: Path, gain_to_lufs: float | None = None
           ) -> tuple[int, float]:
    """Resample, trim and write a clip; return its length and the seconds cut from its start."""
    full = resample(samples, rate)
    if gain_to_lufs is not None:  # level first, so a quiet take trims like a loud one ...
        full = _gain_to(full, gain_to_lufs)
    start, stop = speech_bounds(full)
    clean = full[start:stop]
    if gain_to_lufs is not None:  # ... and again on the words alone, which is what is heard
        clean = _gain_to(clean, gain_to_lufs)
    write_wav(dest, clean)
    return len(clean), start / SAMPLE_RATE


def _gain_to(samples: np.ndarray, lufs: float) -> np.ndarray:
    level = integrated_loudness(samples) if len(samples) else float("-inf")
    if not np.isfinite(level):
        return samples
    return samples * np.float32(10 ** ((lufs - level) / 20))


def _clip_len(path: Path) -> int:
    import wave

    with wave.open(str(path), "rb") as wav:
        return wav.getnframes()


def synthesized_clip(voice: Voice, cue_id: str, text: str) -> Clip:
    """The cached clip for (voice, text), synthesising it on a miss."""
    key = hashlib.sha256(f"{voice.identity}\n{text}".encode()).hexdigest()[:24]
    dest = cache_dir("voice") / f"{key}.wav"
    words_file = dest.with_suffix(".words.json")
    if not (dest.exists() and words_file.exists()):
        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "raw.wav"
            words = voice.synthesize(text, raw)
            samples, rate = read_wav(raw)
            length, cut = _store(samples, rate, dest)
            if words is not None:  # times into the trimmed clip
                words = [w.shifted(-cut) for w in words]
            save_words(words_file, words)
    return Clip(cue_id, dest, _clip_len(dest), recorded=False, words=load_words(words_file))


def decode_take(take: Path, cue_id: str) -> tuple[np.ndarray, int]:
    """Any audio file ffmpeg can read, as mono float samples and their rate."""
    if take.stat().st_size == 0:
        raise NarrationError(take, f"recorded take for cue [{cue_id}] is empty")
    try:
        from pydub import AudioSegment

        segment = AudioSegment.from_file(take).set_channels(1)
    except Exception as err:  # pydub raises several types for undecodable input
        raise NarrationError(
            take, f"recorded take for cue [{cue_id}] cannot be decoded as audio: {err}"
        ) from None
    full_scale = float(1 << (8 * segment.sample_width - 1))
    samples = np.array(segment.get_array_of_samples(), dtype=np.float32) / full_scale
    return samples, segment.frame_rate


def recorded_clip(take: Path, cue_id: str) -> Clip:
    """A creator's take: 48 kHz mono, trimmed, at the voice's loudness; cached by its bytes."""
    data = take.read_bytes()
    if not data:
        raise NarrationError(take, f"recorded take for cue [{cue_id}] is empty")
    key = hashlib.sha256(b"take-v3\n" + data).hexdigest()[:24]  # v3: levelled, then trimmed
    dest = cache_dir("takes") / f"{key}.wav"
    if not dest.exists():
        samples, rate = decode_take(take, cue_id)
        if _store(samples, rate, dest, gain_to_lufs=TAKE_LUFS)[0] == 0:
            dest.unlink(missing_ok=True)
            raise NarrationError(take, f"recorded take for cue [{cue_id}] is silent")
    return Clip(cue_id, dest, _clip_len(dest), recorded=True)


def find_take(takes_dir: Path, cue_id: str) -> Path | None:
    path = takes_dir / f"{cue_id}.wav"
    return path if path.exists() else None
