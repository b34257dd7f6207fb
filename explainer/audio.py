"""Sample-exact audio in NumPy: mono float32 at 48 kHz, from clip to finished narration track.

Why NumPy and not pydub for the mix: clips must land on exact sample offsets that come from
frame numbers, and the whole module is one continuous track; an array is the simplest exact
representation. pydub is used where its strength is, decoding whatever a creator recorded.
"""

from __future__ import annotations

import os
import wave
from math import gcd
from pathlib import Path

import numpy as np

# scipy.signal is imported where it is used: it takes most of a second to import, which a
# rebuild with nothing to do should not pay.

SAMPLE_RATE = 48_000
EDGE_FADE_S = 0.008  # clicks at clip edges are inaudible below ~10 ms fades


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """Read a PCM WAV as mono float32 in [-1, 1] and its sample rate."""
    with wave.open(str(path), "rb") as wav:
        rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
        raw = wav.readframes(wav.getnframes())
    if width == 2:
        data = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    elif width == 4:
        data = np.frombuffer(raw, dtype="<i4").astype(np.float32) / 2147483648.0
    elif width == 1:
        data = (np.frombuffer(raw, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    else:
        raise ValueError(f"{path}: unsupported sample width {width} bytes")
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1)
    return data, rate


def to_pcm16(samples: np.ndarray) -> np.ndarray:
    """Float samples in [-1, 1] as little-endian 16-bit PCM (rounded, clipped)."""
    return np.clip(np.round(samples * 32767.0), -32768, 32767).astype("<i2")


def write_wav(path: Path, samples: np.ndarray, rate: int = SAMPLE_RATE) -> None:
    """Write mono 16-bit PCM, atomically (temporary name, then rename)."""
    pcm = to_pcm16(samples)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with wave.open(str(tmp), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(pcm.tobytes())
    os.replace(tmp, path)


def resample(samples: np.ndarray, rate: int, target: int = SAMPLE_RATE) -> np.ndarray:
    if rate == target:
        return samples.astype(np.float32)
    g = gcd(rate, target)
    from scipy.signal import resample_poly

    return resample_poly(samples, target // g, rate // g).astype(np.float32)


def speech_bounds(samples: np.ndarray, threshold_db: float = -45.0, keep_s: float = 0.03,
                  rate: int = SAMPLE_RATE) -> tuple[int, int]:
    """First and one-past-last sample worth keeping (a few ms kept around the speech)."""
    level = 10 ** (threshold_db / 20)
    loud = np.flatnonzero(np.abs(samples) > level)
    if loud.size == 0:
        return 0, 0
    keep = int(keep_s * rate)
    return max(0, int(loud[0]) - keep), min(len(samples), int(loud[-1]) + keep + 1)


def trim_silence(samples: np.ndarray, threshold_db: float = -45.0, keep_s: float = 0.03,
                 rate: int = SAMPLE_RATE) -> np.ndarray:
    """Cut leading and trailing silence (keeping a few ms), so a cue's timing is its speech."""
    start, stop = speech_bounds(samples, threshold_db, keep_s, rate)
    return samples[start:stop]


def fade_edges(samples: np.ndarray, fade_s: float = EDGE_FADE_S,
               rate: int = SAMPLE_RATE) -> np.ndarray:
    """Short linear fades at both ends so a clip never starts or stops with a click."""
    out = samples.astype(np.float32, copy=True)
    n = min(int(fade_s * rate), len(out) // 2)
    if n > 0:
        ramp = np.linspace(0.0, 1.0, n, dtype=np.float32)
        out[:n] *= ramp
        out[-n:] *= ramp[::-1]
    return out


def place_clips(length: int, clips: list[tuple[int, np.ndarray]]) -> np.ndarray:
    """A silent track of exactly ``length`` samples with each clip laid in at its offset.

    A clip that would run past the end is cut there (the scene is the authority on length).
    """
    track = np.zeros(length, dtype=np.float32)
    for offset, clip in clips:
        if offset >= length:
            continue
        end = min(length, offset + len(clip))
        track[offset:end] += fade_edges(clip[: end - offset])
    return track
