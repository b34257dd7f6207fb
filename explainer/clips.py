"""One audio clip per cue: a recorded take if the creator dropped one in, else synthesised.

Synthesised clips are cached under ``build/cache/voice/`` by a hash of the voice identity and
the text, so editing one cue re-voices one cue. Every clip is stored as 48 kHz mono with its
leading and trailing silence trimmed: its length is the length of the speech.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .audio import SAMPLE_RATE, read_wav, resample, trim_silence, write_wav
from .errors import NarrationError
from .paths import cache_dir
from .voices import Voice

CUE_GAP_S = 0.35  # a breath after each cue before the next may start


@dataclass(frozen=True)
class Clip:
    cue_id: str
    path: Path          # 48 kHz mono WAV
    samples: int
    recorded: bool      # True when a creator's take replaced the synthetic voice

    @property
    def speech_s(self) -> float:
        return self.samples / SAMPLE_RATE

    @property
    def duration_s(self) -> float:
        """The time the scene gives this cue: the speech plus a short breath."""
        return self.speech_s + CUE_GAP_S

    def load(self) -> np.ndarray:
        return read_wav(self.path)[0]


def _store(samples: np.ndarray, rate: int, dest: Path) -> int:
    clean = trim_silence(resample(samples, rate))
    write_wav(dest, clean)
    return len(clean)


def _clip_len(path: Path) -> int:
    import wave

    with wave.open(str(path), "rb") as wav:
        return wav.getnframes()


def synthesized_clip(voice: Voice, cue_id: str, text: str) -> Clip:
    """The cached clip for (voice, text), synthesising it on a miss."""
    key = hashlib.sha256(f"{voice.identity}\n{text}".encode()).hexdigest()[:24]
    dest = cache_dir("voice") / f"{key}.wav"
    if not dest.exists():
        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "raw.wav"
            voice.synthesize(text, raw)
            samples, rate = read_wav(raw)
            _store(samples, rate, dest)
    return Clip(cue_id, dest, _clip_len(dest), recorded=False)


def recorded_clip(take: Path, cue_id: str) -> Clip:
    """A creator's take, converted to 48 kHz mono and trimmed; cached by the file's bytes."""
    data = take.read_bytes()
    if not data:
        raise NarrationError(take, f"recorded take for cue [{cue_id}] is empty")
    key = hashlib.sha256(data).hexdigest()[:24]
    dest = cache_dir("takes") / f"{key}.wav"
    if not dest.exists():
        try:
            from pydub import AudioSegment

            segment = AudioSegment.from_file(take).set_channels(1)
        except Exception as err:  # pydub raises several types for undecodable input
            raise NarrationError(
                take, f"recorded take for cue [{cue_id}] cannot be decoded as audio: {err}"
            ) from None
        full_scale = float(1 << (8 * segment.sample_width - 1))
        samples = np.array(segment.get_array_of_samples(), dtype=np.float32) / full_scale
        if _store(samples, segment.frame_rate, dest) == 0:
            dest.unlink(missing_ok=True)
            raise NarrationError(take, f"recorded take for cue [{cue_id}] is silent")
    return Clip(cue_id, dest, _clip_len(dest), recorded=True)


def find_take(takes_dir: Path, cue_id: str) -> Path | None:
    path = takes_dir / f"{cue_id}.wav"
    return path if path.exists() else None
