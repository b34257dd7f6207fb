"""The music bed: real flite speech, the real asset, levels measured as a meter would."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

from explainer.audio import SAMPLE_RATE, place_clips, write_wav
from explainer.clips import synthesized_clip
from explainer.errors import ModuleError
from explainer.loudness import TARGET_LUFS, integrated_loudness, normalise, true_peak_dbtp
from explainer.measure import ebur128
from explainer.module import load_module
from explainer.music import (
    ATTACK_S,
    DEFAULT_LEVEL_DB,
    DUCK_DB,
    FADE_IN_S,
    FADE_OUT_S,
    HOLD_S,
    LEVEL_RANGE_DB,
    LOOP_CROSSFADE_S,
    RELEASE_S,
    duck_curve,
    fit_length,
    load_music,
    music_bed,
    speech_margin,
)
from explainer.paths import PROJECT_ROOT
from explainer.voices import FliteVoice

from .conftest import FIXTURE_ROOT

ASSET = PROJECT_ROOT / "assets" / "music" / "calm_pad.ogg"
CUES = [
    "A matrix moves every point of the plane at once.",
    "Gradient descent walks downhill, one small step at a time.",
    "The slope tells us which way is down, and how steep it is.",
    "A positive test result is still more likely to be wrong than right.",
    "Probabilities of all the outcomes add up to exactly one.",
    "That is the whole idea, in one picture.",
]
# the silence before each cue: the breath between cues, a pause for an animation, a long one
GAPS_S = [1.0, 0.35, 0.35, 2.5, 0.6, 4.0]
TAIL_S = 3.5
LONG_GAP = 5  # the cue after the 4 s pause


@pytest.fixture(scope="module")
def narration() -> tuple[np.ndarray, list[tuple[int, int]]]:
    """A real voice track: six flite cues laid with gaps, and each cue's (start, end) sample."""
    voice = FliteVoice("slt")
    placed, spans, at = [], [], 0
    for n, (text, gap) in enumerate(zip(CUES, GAPS_S, strict=True)):
        clip = synthesized_clip(voice, f"cue{n}", text).load()
        at += int(gap * SAMPLE_RATE)
        placed.append((at, clip))
        spans.append((at, at + len(clip)))
        at += len(clip)
    return place_clips(at + int(TAIL_S * SAMPLE_RATE), placed), spans


@pytest.fixture(scope="module")
def music() -> np.ndarray:
    return load_music(ASSET)


def lufs(samples: np.ndarray) -> float:
    """An independent meter: pyloudnorm (BS.1770 from its own filter design)."""
    import pyloudnorm

    return pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(samples.astype(np.float64))


def test_the_asset_is_small_and_longer_than_a_few_seconds(music: np.ndarray) -> None:
    assert ASSET.stat().st_size < 1_000_000
    assert 20 <= len(music) / SAMPLE_RATE <= 40
    assert (ASSET.parent / "make_pad.py").exists()


@pytest.mark.parametrize("level", [DEFAULT_LEVEL_DB, LEVEL_RANGE_DB[1]])
def test_music_is_at_least_8_db_under_the_voice_while_speaking(narration, music,
                                                                level: float) -> None:
    voice, spans = narration
    assert len(voice) > len(music) + 2 * SAMPLE_RATE  # the bed has to loop
    bed = music_bed(voice, music, level)
    mix = normalise(voice + bed.samples)
    # Measured on the finished mix: the voice's share of it (a least-squares fit; the bed is
    # uncorrelated with the voice) and what is left, the music, cue by cue.
    gain = float(mix @ voice) / float(voice @ voice)
    music_in_mix = mix - gain * voice
    margins = [lufs(gain * voice[a:b]) - lufs(music_in_mix[a:b]) for a, b in spans]
    assert min(margins) >= 8.0, margins  # even at the loudest level allowed
    if level == DEFAULT_LEVEL_DB:
        assert min(margins) >= 12.0, margins  # by default, well clear of the limit
    # the same, from the separate components before normalising
    separate = [lufs(voice[a:b]) - lufs(bed.samples[a:b]) for a, b in spans]
    assert np.allclose(margins, separate, atol=0.3)
    # what the manifest reports: over all the speech, and the closest stretch of it
    assert bed.margin is not None
    assert bed.margin.low_db >= 8.0
    assert abs(bed.margin.low_db - min(separate)) < 1.0
    assert abs(bed.margin.mean_db - (lufs(np.concatenate([voice[a:b] for a, b in spans]))
                                     - lufs(np.concatenate([bed.samples[a:b]
                                                            for a, b in spans])))) < 1.0


def test_the_margin_estimate_matches_a_full_measurement(narration, music) -> None:
    from explainer.loudness import k_weighted, mean_squares
    from explainer.music import _HOP

    voice, _ = narration
    bed = music_bed(voice, music)
    exact = speech_margin(mean_squares(k_weighted(voice), _HOP),
                          mean_squares(k_weighted(bed.samples), _HOP))
    assert abs(exact.mean_db - bed.margin.mean_db) < 0.2
    assert abs(exact.low_db - bed.margin.low_db) < 0.2


def test_the_bed_swells_between_cues_and_ducks_under_them(narration, music) -> None:
    voice, spans = narration
    bed = music_bed(voice, music).samples
    # the middle of the 4 s pause, past the hold and release
    quiet_from = spans[LONG_GAP - 1][1] + int((HOLD_S + RELEASE_S + 0.2) * SAMPLE_RATE)
    quiet_to = spans[LONG_GAP][0] - int((ATTACK_S + 0.2) * SAMPLE_RATE)
    assert quiet_to - quiet_from > 2 * SAMPLE_RATE
    # the gain applied to the music: the bed over the plain loop (the pad's own swells and
    # chord changes cancel out)
    plain = fit_length(music, len(voice))
    audible = np.abs(plain) > 1e-2

    def gain_db(a: int, b: int) -> float:
        return float(np.median(20 * np.log10(np.abs(bed[a:b][audible[a:b]]
                                                    / plain[a:b][audible[a:b]]))))

    under = [gain_db(a, b) for a, b in spans]
    assert max(under) - min(under) < 0.1  # fully ducked under every cue
    assert abs(gain_db(quiet_from, quiet_to) - under[0] - DUCK_DB) < 0.1
    # audible between cues, at about its level relative to the voice (the pad itself
    # swells by a few dB from chord to chord)
    between = lufs(bed[quiet_from:quiet_to])
    assert abs(between - integrated_loudness(voice) - DEFAULT_LEVEL_DB) < 3.0


def test_mix_meets_the_loudness_targets(narration, music, tmp_path: Path) -> None:
    voice, _ = narration
    mix = normalise(voice + music_bed(voice, music, measure=False).samples)
    assert abs(integrated_loudness(mix) - TARGET_LUFS) < 1.0
    assert abs(lufs(mix) - TARGET_LUFS) < 1.0
    assert true_peak_dbtp(mix) <= -1.5
    write_wav(tmp_path / "mix.wav", mix)
    meter = ebur128(tmp_path / "mix.wav")  # ffmpeg's own meter
    assert abs(meter["integrated_lufs"] - TARGET_LUFS) <= 1.0
    assert meter["true_peak_dbtp"] <= -1.5


def test_duck_attack_looks_ahead_and_release_is_slow_and_smooth() -> None:
    hop_s = 0.01
    present = np.zeros(600, dtype=bool)
    present[100:300] = True
    duck = duck_curve(present, hop_s)
    assert duck[100] == 1.0 and duck[:300].argmax() <= 100  # fully down as the voice starts
    assert duck[100 - int(ATTACK_S / hop_s) - 1] == 0.0  # and no earlier than the attack
    hold_end = 299 + int(HOLD_S / hop_s)
    assert np.all(duck[100:hold_end + 1] == 1.0)  # held through short gaps
    assert duck[hold_end + int(RELEASE_S / hop_s) + 1] == 0.0
    steps = np.abs(np.diff(duck))
    assert steps[:100].max() <= 1.5 * hop_s / ATTACK_S + 1e-9  # S-curves: no jumps
    assert steps[300:].max() <= 1.5 * hop_s / RELEASE_S + 1e-9
    # a gap shorter than hold + attack between words does not let the bed up at all
    words = np.zeros(300, dtype=bool)
    words[50:100] = words[140:200] = True
    assert np.all(duck_curve(words, hop_s)[50:200] == 1.0)


def test_the_loop_covers_a_long_track_without_seams(music: np.ndarray) -> None:
    length = int(2.6 * len(music))
    looped = fit_length(music, length)
    assert len(looped) == length
    window = SAMPLE_RATE // 10
    rms = np.sqrt(np.mean(looped[: length // window * window].reshape(-1, window) ** 2, axis=1))
    level = 20 * np.log10(rms)
    assert level.min() > np.median(level) - 10  # never drops out, at the seams or elsewhere
    # no click at a seam: the sample-to-sample steps there are like the file's own
    seam = len(music) - int(LOOP_CROSSFADE_S * SAMPLE_RATE)
    steps = np.abs(np.diff(looped))
    assert steps[seam - 100: seam + 100].max() <= 1.2 * np.abs(np.diff(music)).max()
    assert np.array_equal(fit_length(music, 1000), music[:1000])  # shorter: cut


def test_a_seamless_file_loops_exactly_and_others_keep_their_level() -> None:
    rng = np.random.default_rng(1)
    x = int(LOOP_CROSSFADE_S * SAMPLE_RATE)
    period = 5 * SAMPLE_RATE
    # made as make_pad.py does: one period of a periodic signal plus its first second again
    t = np.arange(period + x)
    tone = (np.sin(2 * np.pi * 3 * t / period) + 0.5 * np.sin(2 * np.pi * 440 * t / SAMPLE_RATE)
            ).astype(np.float32)
    ideal = np.sin(2 * np.pi * 3 * np.arange(3 * period) / period) + 0.5 * np.sin(
        2 * np.pi * 440 * np.arange(3 * period) / SAMPLE_RATE)
    assert np.max(np.abs(fit_length(tone, 3 * period) - ideal)) < 1e-4
    # noise has no correlation across the seam: an equal-power crossfade, no dip in level
    noise = rng.standard_normal(period + x).astype(np.float32)
    looped = fit_length(noise, 3 * period)
    seam = slice(period + x // 4, period + 3 * x // 4)  # the middle of the second crossfade
    ratio = np.sqrt(np.mean(looped[seam] ** 2) / np.mean(noise ** 2))
    assert abs(20 * np.log10(ratio)) < 0.5


def test_fades_at_both_ends(music: np.ndarray) -> None:
    # no voice: no ducking, so the bed over the plain loop is exactly the fade curve
    length = 40 * SAMPLE_RATE
    bed = music_bed(np.zeros(length, dtype=np.float32), music, measure=False).samples
    plain = fit_length(music, length)
    audible = np.abs(plain) > 1e-3
    time_s = np.flatnonzero(audible) / SAMPLE_RATE
    curve = bed[audible] / plain[audible]
    curve /= np.median(curve[np.abs(time_s - 20.0) < 1.0])
    assert bed[0] == 0.0 and abs(bed[-1]) < 1e-4
    assert np.all(curve[time_s < 0.01] < 0.001) and np.all(curve[time_s > 39.99] < 0.001)
    assert np.allclose(curve[(time_s > FADE_IN_S) & (time_s < 40 - FADE_OUT_S)], 1.0,
                       atol=1e-4)
    rising, falling = curve[time_s < FADE_IN_S], curve[time_s > 40 - FADE_OUT_S]
    assert np.all(np.diff(rising) >= -1e-4) and np.all(np.diff(falling) <= 1e-4)
    assert abs(curve[np.argmin(np.abs(time_s - FADE_IN_S / 2))] - 0.5) < 0.01  # raised cosine
    # with no voice at all, the bed still sits at its level under the loudness target
    middle = bed[int(FADE_IN_S * SAMPLE_RATE): length - int(FADE_OUT_S * SAMPLE_RATE)]
    assert abs(integrated_loudness(middle) - (TARGET_LUFS + DEFAULT_LEVEL_DB)) < 0.5


def test_mixing_a_twenty_minute_module_is_quick(narration, music) -> None:
    voice, _ = narration
    long = np.tile(voice, -(-20 * 60 * SAMPLE_RATE // len(voice)))[: 20 * 60 * SAMPLE_RATE]
    started = time.perf_counter()
    bed = music_bed(long, music)
    elapsed = time.perf_counter() - started
    assert len(bed.samples) == len(long) and bed.margin.low_db >= 8.0
    # about a second on one core; a per-sample Python loop would take minutes
    assert elapsed < 8.0, f"{elapsed:.1f} s"


# -- the module definition --------------------------------------------------------------

@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the tiny module, with the music asset in its assets/music/."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_ROOT, root)
    (root / "assets" / "music").mkdir(parents=True)
    shutil.copy(ASSET, root / "assets" / "music" / ASSET.name)
    return root


def set_music(root: Path, lines: str) -> None:
    toml = root / "scenes" / "tiny" / "module.toml"
    toml.write_text(toml.read_text() + "\n" + lines + "\n")


def test_module_reads_music_and_its_level(project: Path) -> None:
    assert load_module("tiny", project).music is None
    set_music(project, 'music = "assets/music/calm_pad.ogg"\nmusic_db = -14')
    module = load_module("tiny", project)
    assert module.music == project / "assets" / "music" / "calm_pad.ogg"
    assert module.music_db == -14.0


def test_missing_music_file_is_a_clear_module_error(project: Path) -> None:
    set_music(project, 'music = "assets/music/nowhere.ogg"')
    with pytest.raises(ModuleError, match=r"module\.toml: the music file "
                                          r"'assets/music/nowhere\.ogg' does not exist"):
        load_module("tiny", project)


@pytest.mark.parametrize(("lines", "complaint"), [
    ('music = "assets/music/calm_pad.ogg"\nmusic_db = -3', "out of range"),
    ('music = "assets/music/calm_pad.ogg"\nmusic_db = "loud"', "must be a number"),
    ("music_db = -12", "no music"),
    ("music = 5", "must be a file path"),
])
def test_bad_music_settings_are_module_errors(project: Path, lines: str, complaint: str) -> None:
    set_music(project, lines)
    with pytest.raises(ModuleError, match=complaint):
        load_module("tiny", project)


# -- end to end ---------------------------------------------------------------------------

def test_a_module_with_music_builds_and_a_new_bed_only_reassembles(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from explainer.build import build

    monkeypatch.setenv("EXPLAINER_BUILD_DIR", str(tmp_path / "build"))
    set_music(project, 'music = "assets/music/calm_pad.ogg"')
    first = build("tiny", "tiny", root=project, quiet=True)
    manifest = first.manifest
    assert manifest["music"]["file"] == "calm_pad.ogg"
    assert manifest["music"]["voice_over_music_db"] >= 8.0
    meter = ebur128(first.output)  # the encoded AAC in the MP4
    assert abs(meter["integrated_lufs"] - TARGET_LUFS) <= 1.0
    assert meter["true_peak_dbtp"] <= -1.5

    toml = project / "scenes" / "tiny" / "module.toml"
    toml.write_text(toml.read_text() + "music_db = -16\n")
    quieter = build("tiny", "tiny", root=project, quiet=True)
    assert quieter.renders == 0
    assert quieter.manifest["build_key"] != manifest["build_key"]
    assert quieter.manifest["music"]["level_db"] == -16.0

    # new bytes under the same name: re-assembled, nothing rendered
    asset = project / "assets" / "music" / "calm_pad.ogg"
    write_wav(asset, load_music(ASSET)[::-1].copy())
    reversed_bed = build("tiny", "tiny", root=project, quiet=True)
    assert reversed_bed.renders == 0
    assert reversed_bed.manifest["build_key"] != quieter.manifest["build_key"]

    written = reversed_bed.output.stat().st_mtime_ns
    unchanged = build("tiny", "tiny", root=project, quiet=True)
    assert unchanged.renders == 0 and unchanged.output.stat().st_mtime_ns == written
    saved = json.loads((unchanged.output.parent / "manifest.json").read_text())
    assert saved["build_key"] == reversed_bed.manifest["build_key"]
