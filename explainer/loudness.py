"""Loudness as a listener's meter reads it (ITU-R BS.1770-4), and the normaliser built on it.

Everything works on mono float32 at 48 kHz. The meter is split in two steps, K-weighted
energy per 100 ms hop and the gating over those hops, so the normaliser can re-measure a
track after its limiter touched a few stretches by re-filtering only those stretches: a
15-minute module is filtered once, not once per pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .audio import SAMPLE_RATE

# scipy.signal and scipy.ndimage are imported where they are used: together they take about
# a second to import, which a rebuild with nothing to do should not pay.

TARGET_LUFS = -16.0
# The ceiling the encoded AAC must respect is -1.5 dBTP; the encoder adds a few tenths of a dB
# of overshoot, so the PCM is limited a little lower.
TRUE_PEAK_CEILING_DBTP = -2.3
HOP = SAMPLE_RATE // 10  # 100 ms: a 400 ms gating block is four hops
# The K-weighting's slowest pole (the RLB high-pass, radius 0.995) forgets its past within
# a few thousand samples; a second of lead-in brings a restarted filter to the same state.
_FILTER_MEMORY = 10 * HOP

# BS.1770-4 K-weighting at 48 kHz (the standard's own coefficients): a high shelf for the
# head's acoustic effect, then the RLB high-pass. One second-order section each.
_K_WEIGHTING_48K = np.array([
    [1.53512485958697, -2.69169618940638, 1.19839281085285, 1.0, -1.69065929318241,
     0.73248077421585],
    [1.0, -2.0, 1.0, 1.0, -1.99004745483398, 0.99007225036621],
])


def k_weighted(samples: np.ndarray) -> np.ndarray:
    """The K-weighted signal (the meter's ear), in float32: ample for a meter read to 0.01 LU
    and half the time and memory of float64."""
    from scipy.signal import sosfilt

    return sosfilt(_K_WEIGHTING_48K.astype(np.float32), np.asarray(samples, np.float32))


def mean_squares(samples: np.ndarray, hop: int = HOP) -> np.ndarray:
    """Mean square per hop, in float64 (a last partial hop is padded with silence)."""
    whole = len(samples) // hop * hop
    frames = samples[:whole].reshape(-1, hop)
    energy = np.einsum("ij,ij->i", frames, frames, dtype=np.float64) / hop  # no squared copy
    if whole < len(samples):
        rest = samples[whole:].astype(np.float64)
        energy = np.append(energy, rest @ rest / hop)
    return energy


def hop_energies(samples: np.ndarray) -> np.ndarray:
    """K-weighted mean square of every whole 100 ms hop (the meter ignores a partial one)."""
    return mean_squares(k_weighted(samples))[: len(samples) // HOP]


def gated_loudness(energies: np.ndarray) -> float:
    """Integrated loudness in LUFS from per-hop mean squares: 400 ms blocks every 100 ms,
    absolute gate at -70 LUFS, relative gate 10 LU under the ungated level."""
    if len(energies) < 4:
        return float("-inf")
    power = np.convolve(energies, np.ones(4) / 4, mode="valid")
    with np.errstate(divide="ignore"):
        loudness = -0.691 + 10 * np.log10(power)
    gated = power[loudness > -70.0]
    if not gated.size:
        return float("-inf")
    relative = -0.691 + 10 * np.log10(gated.mean()) - 10.0
    return float(-0.691 + 10 * np.log10(power[(loudness > -70.0) & (loudness > relative)].mean()))


def integrated_loudness(samples: np.ndarray, rate: int = SAMPLE_RATE) -> float:
    """ITU-R BS.1770-4 integrated loudness in LUFS (gated, so silence does not count).

    Vectorised: the energy is summed per 100 ms hop and each 400 ms block is four hops, so
    a 15-minute track measures in half a second (pyloudnorm, which the tests use as the
    reference, loops over blocks in Python and takes several).
    """
    if rate != SAMPLE_RATE:
        from .audio import resample

        samples = resample(samples, rate)
    return gated_loudness(hop_energies(samples))


def _interpolator() -> np.ndarray:
    """The 4x interpolation filter of BS.1770-4 annex 2's kind: 49 taps (12 per phase), a
    quarter-band low-pass (windowed sinc, Kaiser beta 5) with unity gain per phase. Odd
    length: its delay is whole samples."""
    n = np.arange(49) - 24
    taps = np.sinc(0.25 * n) * np.kaiser(49, 5.0)
    return (taps / taps.sum() * 4).astype(np.float32)


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


def oversampled_peaks(samples: np.ndarray, index: np.ndarray,
                      chunk: int = 1 << 20) -> np.ndarray:
    """At each sample in ``index``, the largest magnitude among its four 4x-oversampled
    values (the stretch from that sample towards the next one)."""
    from numpy.lib.stride_tricks import sliding_window_view

    # row i of the windows is x[i - 6 .. i + 6]: the phase matrix's rows (d = -6..6) reversed
    matrix = _phase_matrix()[::-1]
    padded = np.concatenate([np.zeros(6, np.float32), np.asarray(samples, np.float32),
                             np.zeros(6, np.float32)])
    windows = sliding_window_view(padded, 13)
    out = np.empty(len(index), dtype=np.float32)
    for start in range(0, len(index), chunk):  # bounded memory: 13 neighbours per sample
        out[start:start + chunk] = np.abs(windows[index[start:start + chunk]] @ matrix).max(axis=1)
    return out


def _near(magnitude: np.ndarray, floor: float) -> np.ndarray:
    """Samples whose oversampled stretch could reach ``floor``: those at or above it and the
    sample before each (between two samples the signal cannot rise 6 dB above both)."""
    near = magnitude >= floor
    near[:-1] |= near[1:]
    return np.flatnonzero(near)


# Between samples a band-limited signal rises at most a few dB above its sample peak (3 dB
# for a sine at a quarter of the rate, sampled 45 degrees off its crest); 6 dB of margin
# keeps every sample that could reach the level in question.
_INTERSAMPLE_MARGIN = 10 ** (-6 / 20)


def true_peak_dbtp(samples: np.ndarray) -> float:
    """True peak per BS.1770-4 annex 2: the peak of the signal oversampled four times.

    Only samples within 6 dB of the sample peak are oversampled: nothing else can hold it.
    """
    if not len(samples):
        return -240.0
    magnitude = np.abs(samples)
    floor = float(magnitude.max()) * _INTERSAMPLE_MARGIN
    if floor <= 0:
        return -240.0
    index = _near(magnitude, floor)
    peak = max(float(magnitude[index].max()), float(oversampled_peaks(samples, index).max()))
    return 20 * np.log10(max(peak, 1e-12))


def limit_true_peak(samples: np.ndarray, ceiling_dbtp: float, rate: int = SAMPLE_RATE,
                    window_s: float = 0.004, release_s: float = 0.08) -> np.ndarray:
    """A look-ahead peak limiter: gain dips smoothly before a peak and recovers after it."""
    return _limit(samples, ceiling_dbtp, rate, window_s, release_s)[0]


def _limit(samples: np.ndarray, ceiling_dbtp: float, rate: int = SAMPLE_RATE,
           window_s: float = 0.004, release_s: float = 0.08,
           ) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """The limiter, and the stretches ``[lo, hi)`` it changed (everything else is as it was).

    The required gain per sample comes from the 4x-oversampled peaks; a sliding minimum over
    the look-ahead window followed by a moving average of the same width guarantees the gain
    is at or below the requirement at every sample, with no step in the gain curve.
    """
    ceiling = 10 ** (ceiling_dbtp / 20)
    candidates = _near(np.abs(samples), ceiling * _INTERSAMPLE_MARGIN)
    peaks = oversampled_peaks(samples, candidates)
    over = peaks > ceiling
    overs, needs = candidates[over], ceiling / peaks[over]
    if not overs.size:
        return samples, []
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    # Min over +-hold, then a moving average no wider than hold: the average at any sample only
    # sees minima that already include that sample's requirement, so gain <= need everywhere.
    # Farther than hold + smooth from every over the gain is exactly 1: only the stretches
    # around the overs (a few per minute of speech) are filtered, not the whole module.
    hold = max(3, int(release_s * rate))
    smooth = max(3, min(hold, int(window_s * rate)))
    out = samples.astype(np.float32)
    stretches = _stretches(overs, 2 * hold + smooth, len(samples))
    for lo, hi in stretches:
        need = np.ones(hi - lo, dtype=np.float32)
        inside = (overs >= lo) & (overs < hi)
        need[overs[inside] - lo] = needs[inside]
        gain = minimum_filter1d(need, size=2 * hold + 1, mode="nearest")
        gain = uniform_filter1d(gain, size=smooth, mode="nearest")
        out[lo:hi] *= np.minimum(gain, need)
    return out, stretches


def _stretches(points: np.ndarray, margin: int, length: int) -> list[tuple[int, int]]:
    """Merge ``[p - margin, p + margin)`` around sorted points into disjoint stretches."""
    stretches: list[tuple[int, int]] = []
    for point in points:
        lo, hi = max(0, int(point) - margin), min(length, int(point) + margin)
        if stretches and lo <= stretches[-1][1]:
            stretches[-1] = (stretches[-1][0], hi)
        else:
            stretches.append((lo, hi))
    return stretches


def _remeasure(samples: np.ndarray, energies: np.ndarray,
               stretches: list[tuple[int, int]]) -> np.ndarray:
    """Per-hop energies after ``stretches`` of the samples changed, re-filtering only there:
    from a second before each stretch (the filter's memory) to a second after it."""
    energies = energies.copy()
    for lo, hi in stretches:
        first = lo // HOP  # the first hop the change can reach (the filter is causal)
        start = max(0, first * HOP - _FILTER_MEMORY)
        stop = min(len(energies) * HOP, (hi // HOP + 1) * HOP + _FILTER_MEMORY)
        fresh = hop_energies(samples[start:stop])
        skip = first - start // HOP
        energies[first:first + len(fresh) - skip] = fresh[skip:]
    return energies


@dataclass(frozen=True)
class Normalised:
    """A normalised track and its levels as measured on it (the manifest reports them)."""

    samples: np.ndarray
    loudness_lufs: float
    true_peak_dbtp: float


def normalise_measured(samples: np.ndarray, target_lufs: float = TARGET_LUFS,
                       ceiling_dbtp: float = TRUE_PEAK_CEILING_DBTP) -> Normalised:
    """Bring a track to the target integrated loudness with its true peak under the ceiling,
    and say what it reached.

    Measured, not peak-normalised: gain to the target, limit the peaks, then correct the small
    loudness loss the limiter caused, and repeat until both hold. A gain scales every hop's
    energy by its square and the limiter changes a few stretches, so after the first
    measurement only those stretches are filtered again.
    """
    out = np.asarray(samples, np.float32)
    energies = hop_energies(out)
    loudness = gated_loudness(energies)
    for _ in range(4):
        if not np.isfinite(loudness):
            break  # silence: nothing to normalise
        gain = 10 ** ((target_lufs - loudness) / 20)
        out, energies = out * np.float32(gain), energies * gain**2
        out, changed = _limit(out, ceiling_dbtp)
        energies = _remeasure(out, energies, changed)
        loudness = gated_loudness(energies)
        if abs(loudness - target_lufs) < 0.2:
            break
    return Normalised(out, loudness, true_peak_dbtp(out))


def normalise(samples: np.ndarray, target_lufs: float = TARGET_LUFS,
              ceiling_dbtp: float = TRUE_PEAK_CEILING_DBTP) -> np.ndarray:
    """``normalise_measured``'s track alone."""
    return normalise_measured(samples, target_lufs, ceiling_dbtp).samples
