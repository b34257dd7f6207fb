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

# pyloudnorm and scipy.signal are imported where they are used: together they take a
# couple of seconds to import, which a rebuild with nothing to do should not pay.

SAMPLE_RATE = 48_000
TARGET_LUFS = -16.0
# The ceiling the encoded AAC must respect is -1.5 dBTP; the encoder adds a few tenths of a dB
# of overshoot, so the PCM is limited a little lower.
TRUE_PEAK_CEILING_DBTP = -2.3
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


def write_wav(path: Path, samples: np.ndarray, rate: int = SAMPLE_RATE) -> None:
    """Write mono 16-bit PCM, atomically (temporary name, then rename)."""
    pcm = np.clip(np.round(samples * 32767.0), -32768, 32767).astype("<i2")
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


# BS.1770-4 K-weighting at 48 kHz (the standard's own coefficients): a high shelf for the
# head's acoustic effect, then the RLB high-pass. One second-order section each.
_K_WEIGHTING_48K = np.array([
    [1.53512485958697, -2.69169618940638, 1.19839281085285, 1.0, -1.69065929318241,
     0.73248077421585],
    [1.0, -2.0, 1.0, 1.0, -1.99004745483398, 0.99007225036621],
])


def integrated_loudness(samples: np.ndarray, rate: int = SAMPLE_RATE) -> float:
    """ITU-R BS.1770-4 integrated loudness in LUFS (gated, so silence does not count).

    Vectorised: the K-weighted energy is summed per 100 ms hop and each 400 ms block is four
    hops, so a 15-minute track measures in about a second (pyloudnorm, which the
    tests use as the reference, loops over blocks in Python and takes several).
    """
    from scipy.signal import sosfilt

    if rate != SAMPLE_RATE:
        samples, rate = resample(samples, rate), SAMPLE_RATE
    block, hop = int(0.4 * rate), int(0.1 * rate)
    if len(samples) < block:
        return float("-inf")
    # float32 is ample for a meter read to 0.01 LU and halves the time and memory of a long
    # module; the sums are taken in float64
    weighted = sosfilt(_K_WEIGHTING_48K.astype(np.float32), samples.astype(np.float32))
    hops = weighted[: len(samples) // hop * hop].reshape(-1, hop)
    per_hop = np.square(hops).sum(axis=1, dtype=np.float64)
    # a block is four consecutive hops
    power = np.convolve(per_hop, np.ones(block // hop), mode="valid") / block
    with np.errstate(divide="ignore"):
        loudness = -0.691 + 10 * np.log10(power)
    gated = power[loudness > -70.0]  # absolute gate
    if not len(gated):
        return float("-inf")
    relative = -0.691 + 10 * np.log10(gated.mean()) - 10.0
    gated = power[(loudness > -70.0) & (loudness > relative)]
    return float(-0.691 + 10 * np.log10(gated.mean()))


def _interpolator() -> np.ndarray:
    """The 4x interpolation filter of BS.1770-4 annex 2's kind: 49 taps (12 per phase), a
    quarter-band low-pass with unity gain per phase. Odd length: its delay is whole samples."""
    from scipy.signal import firwin

    return (firwin(49, 0.25, window=("kaiser", 5.0)) * 4).astype(np.float32)


def _phase_matrix() -> np.ndarray:
    """The interpolator as four 13-tap filters, one per oversampled phase: the value at
    4i + p (after the filter's delay) is ``sum_d H[d + 6, p] * x[i - d]`` for d in -6..6."""
    taps = _interpolator()
    matrix = np.zeros((13, 4), dtype=np.float32)
    for p in range(4):
        for d in range(-6, 7):
            k = 4 * d + p + 24
            if 0 <= k < len(taps):
                matrix[d + 6, p] = taps[k]
    return matrix


def oversampled_envelope(samples: np.ndarray, floor: float = 0.0,
                         chunk: int = 1 << 20) -> np.ndarray:
    """Per input sample, the largest magnitude among its four 4x-oversampled values.

    Only where a sample or its successor reaches ``floor`` is the signal oversampled (the
    values between samples i and i+1 cannot rise 6 dB above both); elsewhere the sample's own
    magnitude stands. Speech near a ceiling is a few percent of a module, so this takes a
    fraction of a second where oversampling everything took many.
    """
    out = np.abs(samples).astype(np.float32)
    loud = out >= floor
    loud[:-1] |= loud[1:]
    where = np.flatnonzero(loud)
    if not where.size:
        return out
    matrix = _phase_matrix()
    padded = np.concatenate([np.zeros(6, np.float32), samples.astype(np.float32),
                             np.zeros(6, np.float32)])
    offsets = 6 - np.arange(-6, 7)  # x[i - d] sits at padded[i + 6 - d]
    for start in range(0, where.size, chunk):  # bounded memory: 13 neighbours per sample
        index = where[start:start + chunk]
        phases = padded[index[:, None] + offsets[None, :]] @ matrix
        out[index] = np.abs(phases).max(axis=1)
    return out


# Between samples a band-limited signal rises at most a few dB above its sample peak (3 dB
# for a sine at a quarter of the rate, sampled 45 degrees off its crest); 6 dB of margin
# keeps every block that could reach the level in question.
_INTERSAMPLE_MARGIN = 10 ** (-6 / 20)


def true_peak_dbtp(samples: np.ndarray) -> float:
    """True peak per BS.1770-4 annex 2: the peak of the signal oversampled four times."""
    if not len(samples):
        return -240.0
    floor = float(np.abs(samples).max()) * _INTERSAMPLE_MARGIN
    peak = float(oversampled_envelope(samples, floor).max())
    return 20 * np.log10(max(peak, 1e-12))


def limit_true_peak(samples: np.ndarray, ceiling_dbtp: float, rate: int = SAMPLE_RATE,
                    window_s: float = 0.004, release_s: float = 0.08) -> np.ndarray:
    """A look-ahead peak limiter: gain dips smoothly before a peak and recovers after it.

    The required gain per sample comes from the 4x-oversampled envelope; a sliding minimum over
    the look-ahead window followed by a moving average of the same width guarantees the gain
    is at or below the requirement at every sample, with no step in the gain curve.
    """
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    ceiling = 10 ** (ceiling_dbtp / 20)
    over = oversampled_envelope(samples, ceiling * _INTERSAMPLE_MARGIN)
    need = np.minimum(1.0, ceiling / np.maximum(over, 1e-12))
    if need.min() >= 1.0:
        return samples
    # Min over +-hold, then a moving average no wider than hold: the average at any sample only
    # sees minima that already include that sample's requirement, so gain <= need everywhere.
    hold = max(3, int(release_s * rate))
    smooth = max(3, min(hold, int(window_s * rate)))
    out = samples.astype(np.float32)
    # Farther than hold + smooth from every over the gain is exactly 1: filter only the
    # stretches around the overs (a few per minute of speech), not the whole module.
    for lo, hi in _stretches(np.flatnonzero(need < 1.0), 2 * hold + smooth, len(samples)):
        gain = minimum_filter1d(need[lo:hi], size=2 * hold + 1, mode="nearest")
        gain = uniform_filter1d(gain, size=smooth, mode="nearest")
        out[lo:hi] *= np.minimum(gain, need[lo:hi])
    return out


def _stretches(points: np.ndarray, margin: int, length: int) -> list[tuple[int, int]]:
    """Merge ``[p - margin, p + margin)`` around sorted points into disjoint stretches."""
    stretches: list[tuple[int, int]] = []
    for point in points:
        lo, hi = max(0, point - margin), min(length, point + margin)
        if stretches and lo <= stretches[-1][1]:
            stretches[-1] = (stretches[-1][0], hi)
        else:
            stretches.append((lo, hi))
    return stretches


def normalise(samples: np.ndarray, target_lufs: float = TARGET_LUFS,
              ceiling_dbtp: float = TRUE_PEAK_CEILING_DBTP,
              rate: int = SAMPLE_RATE) -> np.ndarray:
    """Bring a track to the target integrated loudness with its true peak under the ceiling.

    Measured, not peak-normalised: gain to the target, limit the peaks, then correct the small
    loudness loss the limiter caused, and repeat until both hold.
    """
    out = samples.astype(np.float32)
    for _ in range(4):
        loudness = integrated_loudness(out, rate)
        if not np.isfinite(loudness):
            return out  # silence: nothing to normalise
        out = (out * 10 ** ((target_lufs - loudness) / 20)).astype(np.float32)
        out = limit_true_peak(out, ceiling_dbtp, rate)
        if abs(integrated_loudness(out, rate) - target_lufs) < 0.2:
            break
    return out
