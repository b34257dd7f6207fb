"""A music bed under the narration: looped or trimmed to the track, ducked under the voice.

The bed is laid under the voice track before loudness normalisation, so the finished mix
still meets the targets in :mod:`explainer.audio`. Its level is set relative to the voice:
``level_db`` is the bed's loudness between cues, in dB (LU) against the voice's integrated
loudness (the voice ends at -16 LUFS, so the default -10 puts the bed near -26 LUFS). While
speech is present the bed is ducked a further ``DUCK_DB``, so it sits about 16 dB under the
words and swells back in the pauses.

Ducking is a side-chain taken from the voice track itself. The track is known in advance,
so the gain can look ahead: it starts to dip ``ATTACK_S`` before each word is heard and is
fully down when the voice starts (no first syllable over full music), holds through the short
gaps between words, and recovers over ``RELEASE_S`` once the voice has been quiet for
``HOLD_S``. Everything works on 10 ms hops with array operations, so a 20-minute module
mixes in about a second, half of it the one pass of the loudness filter over the voice.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .audio import SAMPLE_RATE
from .errors import PipelineError
from .loudness import TARGET_LUFS, gated_loudness, integrated_loudness, k_weighted, mean_squares
from .media import tool

DEFAULT_LEVEL_DB = -10.0  # the bed between cues, relative to the voice's loudness
LEVEL_RANGE_DB = (-40.0, -6.0)  # louder, the ducked bed comes within 8 dB of the words
DUCK_DB = 6.0          # the extra dip while speech is present
ATTACK_S = 0.15        # the dip starts this long before the voice (look-ahead)
HOLD_S = 0.4           # bridges the gaps between words and sentences: no pumping
RELEASE_S = 0.6        # the swell back after the voice has stopped
FADE_IN_S = 2.0
FADE_OUT_S = 3.0
LOOP_CROSSFADE_S = 1.0  # at the seam where the file starts again
SPEECH_BELOW_PEAK_DB = 30.0  # hops this far under the voice's loud level count as quiet
_HOP = SAMPLE_RATE // 100  # 10 ms control rate for the side-chain


def load_music(path: Path) -> np.ndarray:
    """Decode any file ffmpeg reads (ogg, mp3, flac, wav, ...) to 48 kHz mono float32."""
    result = subprocess.run([tool("ffmpeg"), "-v", "error", "-nostdin", "-i", str(path),
                             "-map", "0:a:0", "-ac", "1", "-ar", str(SAMPLE_RATE),
                             "-f", "f32le", "-"], capture_output=True)
    if result.returncode != 0:
        raise PipelineError(f"cannot decode the music file {path}: "
                            f"{result.stderr.decode(errors='replace').strip()[-500:]}")
    samples = np.frombuffer(result.stdout, dtype="<f4").astype(np.float32)
    if len(samples) < 4 * LOOP_CROSSFADE_S * SAMPLE_RATE:
        raise PipelineError(f"the music file {path} is too short to loop "
                            f"({len(samples) / SAMPLE_RATE:.1f} s; at least "
                            f"{4 * LOOP_CROSSFADE_S:g} s are needed)")
    if not np.isfinite(integrated_loudness(samples)):
        raise PipelineError(f"the music file {path} is silent")
    return samples


def _seam_gains(correlation: float, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Fade-out and fade-in curves for a crossfade whose two sides correlate this much.

    Uncorrelated material needs equal power (a^2 + b^2 = 1) and identical material equal gain
    (a + b = 1); the general rule a^2 + b^2 + 2*rho*a*b = 1 keeps the level steady for both,
    so a file made as a seamless loop stays seamless and any other file does not dip.
    """
    rho = float(np.clip(correlation, 0.0, 1.0))
    b = (0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, n))).astype(np.float64)
    a = -rho * b + np.sqrt(np.maximum(0.0, 1.0 - b * b * (1.0 - rho * rho)))
    return a.astype(np.float32), b.astype(np.float32)


def _loop_unit(music: np.ndarray, crossfade_s: float = LOOP_CROSSFADE_S,
               rate: int = SAMPLE_RATE) -> np.ndarray:
    """One period of the loop: the file without its last ``x`` samples, whose first ``x``
    samples already carry the file's end crossfaded into its start. Tiled, it is the loop."""
    x = min(int(crossfade_s * rate), len(music) // 4)
    period = len(music) - x
    tail, head = music[period:].astype(np.float64), music[:x].astype(np.float64)
    rho = float(tail @ head / max(np.sqrt((tail @ tail) * (head @ head)), 1e-12))
    fade_out, fade_in = _seam_gains(rho, x)
    unit = music[:period].astype(np.float32, copy=True)
    unit[:x] = fade_out * music[period:] + fade_in * music[:x]
    return unit


def fit_length(music: np.ndarray, length: int) -> np.ndarray:
    """The music looped (crossfading its end into its start) or cut to ``length`` samples."""
    if length <= len(music):
        return music[:length].astype(np.float32, copy=True)  # the fade-out hides the cut
    unit = _loop_unit(music)
    out = np.tile(unit, -(-length // len(unit)))[:length]
    out[: len(music) - len(unit)] = music[: len(music) - len(unit)]  # the first pass: plain
    return out


def _gated_loudness(hop_energy: np.ndarray) -> float:
    """Integrated loudness from the K-weighted mean squares per 10 ms hop that this module
    has already computed (a long voice track is filtered once, not twice)."""
    return gated_loudness(hop_energy[: len(hop_energy) // 10 * 10].reshape(-1, 10).mean(axis=1))


def speech_presence(voice_energy: np.ndarray) -> np.ndarray:
    """Per hop, whether the voice speaks: a 30 ms envelope of its (K-weighted) energy above a
    threshold taken from the voice's own loud level, so it works at any recording level."""
    energy = np.convolve(voice_energy, np.ones(3) / 3, mode="same")
    with np.errstate(divide="ignore"):
        level = 10 * np.log10(energy)
    audible = level[level > -80.0]
    if not audible.size:
        return np.zeros(len(energy), dtype=bool)
    return level > np.percentile(audible, 95) - SPEECH_BELOW_PEAK_DB


def _smoothstep(x: np.ndarray) -> np.ndarray:
    x = np.clip(x, 0.0, 1.0)
    return x * x * (3.0 - 2.0 * x)


def duck_curve(present: np.ndarray, hop_s: float = _HOP / SAMPLE_RATE) -> np.ndarray:
    """Per hop, how far the bed is ducked: 0 (full bed) to 1 (fully ducked).

    From each hop, the time since the voice was last present and until it is next present:
    the dip ramps down over ATTACK_S before speech and back up over RELEASE_S after HOLD_S
    of quiet, both with S-shaped ramps (no corner in the gain). Being computed from both
    directions at once, it needs no per-sample loop (an envelope follower would).
    """
    n = len(present)
    if not present.any():
        return np.zeros(n)
    index = np.arange(n)
    # the last speaking hop at or before each hop, and the next at or after it
    last = np.maximum.accumulate(np.where(present, index, -10 * n))
    following = np.minimum.accumulate(np.where(present, index, 10 * n)[::-1])[::-1]
    since, until = (index - last) * hop_s, (following - index) * hop_s
    release = _smoothstep(1.0 - (since - HOLD_S) / RELEASE_S)
    attack = _smoothstep(1.0 - until / ATTACK_S)
    return np.maximum(release, attack)


def _edge_fades(length: int, hop: int = _HOP) -> np.ndarray:
    """At each hop boundary, raised-cosine fades in and out at the ends of a track of
    ``length`` samples: exactly 0 at its first and last sample (short tracks: shorter fades)."""
    total = length / SAMPLE_RATE
    t = np.minimum(np.arange(-(-length // hop) + 1) * hop / SAMPLE_RATE, total)
    fade_in, fade_out = min(FADE_IN_S, total / 2), min(FADE_OUT_S, total / 2)
    rise = np.clip(t / max(fade_in, 1e-3), 0.0, 1.0)
    fall = np.clip((total - t) / max(fade_out, 1e-3), 0.0, 1.0)
    return (0.5 - 0.5 * np.cos(np.pi * rise)) * (0.5 - 0.5 * np.cos(np.pi * fall))


def _apply_gain(samples: np.ndarray, at_bounds: np.ndarray, hop: int = _HOP) -> None:
    """Multiply in place by a gain given at the hop boundaries (one more value than hops),
    interpolated linearly in between: no 10 ms steps, so no zipper noise. In blocks of hops,
    so the temporaries stay small and in cache."""
    gain = at_bounds.astype(np.float32)
    ramp = (np.arange(hop, dtype=np.float32) / hop)[None, :]
    whole = len(samples) // hop
    frames = samples[: whole * hop].reshape(whole, hop)
    step = 2048
    curve = np.empty((step, hop), dtype=np.float32)
    for lo in range(0, whole, step):
        hi = min(whole, lo + step)
        part = curve[: hi - lo]
        np.multiply(gain[lo + 1: hi + 1, None] - gain[lo:hi, None], ramp, out=part)
        part += gain[lo:hi, None]
        frames[lo:hi] *= part
    rest = len(samples) - whole * hop
    if rest:
        samples[whole * hop:] *= gain[whole] + (gain[whole + 1] - gain[whole]) * ramp[0, :rest]


def _fitted_energy(music: np.ndarray, length: int, hop: int = _HOP) -> np.ndarray:
    """K-weighted mean square per hop of ``fit_length(music, length)``, without building
    (or filtering) the long track: one period of the loop is filtered and the energy of
    each hop is read off its running sum."""
    if length <= 2 * len(music):
        return mean_squares(k_weighted(fit_length(music, length)), hop)
    unit = _loop_unit(music)
    period, x = len(unit), len(music) - len(unit)
    # the period as the filter hears it in the middle of the loop (its state settled)
    weighted = k_weighted(np.tile(unit, 2))[period:]
    square = np.square(weighted, dtype=np.float64)
    running = np.concatenate([[0.0], np.cumsum(np.concatenate([square, square[:hop]]))])
    starts = np.arange(0, length, hop)
    offsets = starts % period
    energy = (running[offsets + np.minimum(hop, length - starts)] - running[offsets]) / hop
    # the first pass starts on the file's plain head, not on the crossfade
    first = -(-x // hop) + 1
    energy[:first] = mean_squares(k_weighted(fit_length(music, first * hop)), hop)
    return energy


@dataclass(frozen=True)
class Margin:
    """How far the music sits under the voice while the voice speaks, in dB (K-weighted)."""

    mean_db: float  # over all the speech in the track
    low_db: float   # over the stretch of speech (a cue, say) where the music is closest

    def as_dict(self) -> dict[str, float]:
        return {"voice_over_music_db": round(self.mean_db, 1),
                "voice_over_music_low_db": round(self.low_db, 1)}


def speech_margin(voice_energy: np.ndarray, bed_energy: np.ndarray,
                  hop_s: float = _HOP / SAMPLE_RATE) -> Margin:
    """The voice's level minus the bed's while the voice speaks, from K-weighted mean squares
    per hop: over every hop where speech is present, and per stretch of speech (speech
    bridged over pauses up to ``HOLD_S``, at least 0.4 s of it), the lowest stretch."""
    present = speech_presence(voice_energy)
    if not present.any():
        return Margin(float("inf"), float("inf"))
    floor = 1e-20
    voice, bed = voice_energy * present, bed_energy * present
    mean = 10 * np.log10(voice.sum() / max(bed.sum(), floor))
    index = np.arange(len(present))
    last = np.maximum.accumulate(np.where(present, index, -len(present)))
    bridged = (index - last) * hop_s <= HOLD_S
    stretch = np.cumsum(np.diff(bridged.astype(np.int8), prepend=0) == 1) * bridged
    hops = np.bincount(stretch, weights=present)
    long_enough = hops >= 0.4 / hop_s
    long_enough[0] = False  # label 0: outside every stretch
    if not long_enough.any():
        return Margin(float(mean), float(mean))
    per_stretch = (np.bincount(stretch, weights=voice)[long_enough]
                   / np.maximum(np.bincount(stretch, weights=bed)[long_enough], floor))
    return Margin(float(mean), float(10 * np.log10(per_stretch.min())))


@dataclass(frozen=True)
class Bed:
    """The bed, ready to add to the voice track, and how far under the voice it sits."""

    samples: np.ndarray  # to add to the voice track, sample for sample
    margin: Margin | None  # measured under the voice (None when not asked for)


def music_bed(voice: np.ndarray, music: np.ndarray, level_db: float = DEFAULT_LEVEL_DB,
              duck_db: float = DUCK_DB, measure: bool = True) -> Bed:
    """The bed for a 48 kHz ``voice`` track: fitted to its length, levelled, ducked, faded.

    ``level_db`` is the bed's loudness between cues relative to the voice's integrated
    loudness; while the voice speaks it is ``duck_db`` lower still. With ``measure``, the
    margin of the voice over the bed while it speaks is measured as well.
    """
    voice_energy = mean_squares(k_weighted(voice), _HOP)
    reference = _gated_loudness(voice_energy)
    if not np.isfinite(reference):
        reference = TARGET_LUFS  # no speech at all: the bed alone, at its level
    # levelled on the file itself: short, and its loop has the same loudness
    gain_db = reference + level_db - integrated_loudness(music)
    duck = duck_curve(speech_presence(voice_energy))
    duck = np.append(duck, duck[-1:])  # per hop -> at the hop boundaries (5 ms early)
    gain = 10 ** ((gain_db - duck_db * duck) / 20) * _edge_fades(len(voice))
    bed = fit_length(music, len(voice))
    _apply_gain(bed, gain)
    margin = None
    if measure:
        # the gain is slow next to the K-weighting filter's memory (milliseconds), so the
        # bed's weighted energy is the looped file's times the gain squared
        mean_square = ((gain[:-1] + gain[1:]) / 2) ** 2
        margin = speech_margin(voice_energy, _fitted_energy(music, len(voice)) * mean_square)
    return Bed(bed, margin)


def mix_music(voice: np.ndarray, path: Path, level_db: float = DEFAULT_LEVEL_DB,
              measure: bool = True) -> tuple[np.ndarray, dict]:
    """The voice track with the bed from ``path`` under it (not yet normalised), and what the
    manifest records: the file, the levels and the measured margin under the voice."""
    bed = music_bed(voice, load_music(path), level_db, measure=measure)
    info: dict = {"file": path.name, "level_db": level_db, "duck_db": DUCK_DB}
    if bed.margin is not None:
        info.update(bed.margin.as_dict())
    mixed = bed.samples
    mixed += voice
    return mixed, info
