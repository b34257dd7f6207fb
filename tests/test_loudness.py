"""Loudness and true peak, measured as a listener's meter would, and the normaliser."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from explainer.audio import SAMPLE_RATE, write_wav
from explainer.clips import synthesized_clip
from explainer.loudness import (
    TARGET_LUFS,
    integrated_loudness,
    limit_true_peak,
    normalise,
    normalise_measured,
    true_peak_dbtp,
)
from explainer.measure import ebur128
from explainer.voices import FliteVoice


def speech() -> np.ndarray:
    clip = synthesized_clip(FliteVoice("slt"), "x",
                            "Loudness is measured over the whole track, silence excluded.")
    return clip.load()


def test_normalise_hits_loudness_and_true_peak() -> None:
    voice = speech()
    quiet = np.concatenate([np.zeros(SAMPLE_RATE), voice * 0.05, np.zeros(SAMPLE_RATE),
                            voice * 0.05])
    out = normalise(quiet)
    assert len(out) == len(quiet)
    assert abs(integrated_loudness(out) - TARGET_LUFS) < 0.3
    assert true_peak_dbtp(out) <= -2.0


def test_limiter_catches_peaks_without_changing_length() -> None:
    # a loud voice with one near-full-scale click: gain alone would overshoot the ceiling
    voice = speech()
    voice[len(voice) // 2] = 0.99
    out = normalise(voice)
    assert true_peak_dbtp(out) <= -2.0
    assert abs(integrated_loudness(out) - TARGET_LUFS) < 0.5


def test_true_peak_sees_intersample_peaks() -> None:
    # a full-scale sine at fs/4 sampled 45 degrees off its peaks: samples at 0.707, true 1.0
    n = np.arange(4800)
    sine = np.sin(2 * np.pi * n / 4 + np.pi / 4).astype(np.float32)
    assert abs(20 * np.log10(np.max(np.abs(sine))) - (-3.01)) < 0.05
    assert abs(true_peak_dbtp(sine)) < 0.3


@pytest.mark.parametrize("gain", [1.0, 0.05, 0.5])
def test_loudness_agrees_with_ffmpeg_and_pyloudnorm(gain: float, tmp_path: Path) -> None:
    import pyloudnorm

    voice = speech()
    track = np.concatenate([voice * gain, np.zeros(SAMPLE_RATE // 3), voice * gain * 0.3])
    write_wav(tmp_path / "track.wav", track)
    ours = integrated_loudness(track)
    # ffmpeg prints one decimal; pyloudnorm derives its K-weighting from filter parameters
    # rather than the standard's 48 kHz coefficients, which moves it by about 0.04 LU
    assert abs(ours - ebur128(tmp_path / "track.wav")["integrated_lufs"]) <= 0.051
    reference = pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(track.astype(np.float64))
    assert abs(ours - reference) < 0.06


def test_silence_has_no_loudness() -> None:
    assert integrated_loudness(np.zeros(SAMPLE_RATE, dtype=np.float32)) == float("-inf")


def test_limiter_touches_only_the_neighbourhood_of_overs() -> None:
    voice = speech()
    track = np.concatenate([voice * 0.2, voice * 0.2]).astype(np.float32)
    over = len(voice) + len(voice) // 2
    track[over] = 0.99  # one click in the second half
    out = limit_true_peak(track, -2.3)
    changed = np.flatnonzero(out != track)
    assert changed.min() > over - SAMPLE_RATE // 2 and changed.max() < over + SAMPLE_RATE // 2
    assert true_peak_dbtp(out) <= -2.29


def test_interpolator_is_the_kaiser_windowed_sinc_of_firwin() -> None:
    from scipy.signal import firwin

    from explainer.loudness import _interpolator

    reference = firwin(49, 0.25, window=("kaiser", 5.0)) * 4
    assert np.allclose(_interpolator(), reference, atol=1e-6)


def test_true_peak_equals_oversampling_everything() -> None:
    # the shortcut (oversample only near the peak) against upsampling the whole track
    from scipy.signal import upfirdn

    from explainer.loudness import _interpolator

    rng = np.random.default_rng(7)
    track = (speech() * 0.7 + rng.normal(0, 0.01, len(speech()))).astype(np.float32)
    everything = np.abs(upfirdn(_interpolator(), track, up=4)).max()
    assert abs(true_peak_dbtp(track) - 20 * np.log10(everything)) < 0.01


def test_normalise_reports_the_levels_a_fresh_measurement_finds() -> None:
    # the normaliser re-filters only what its limiter changed; the result must be exact
    voice = speech()
    loud = np.concatenate([voice * 0.9, np.zeros(SAMPLE_RATE), voice * 0.1, voice * 0.9])
    loud[len(voice) // 3] = 0.999  # makes the limiter act
    result = normalise_measured(loud)
    assert not np.array_equal(result.samples, loud * (result.samples[1000] / loud[1000]))
    assert abs(result.loudness_lufs - integrated_loudness(result.samples)) < 0.005
    assert abs(result.true_peak_dbtp - true_peak_dbtp(result.samples)) < 1e-6
    assert abs(result.loudness_lufs - TARGET_LUFS) < 0.2
    assert result.true_peak_dbtp <= -2.29
