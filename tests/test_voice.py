"""The real flite voice, the clip cache and recorded takes."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from explainer.audio import SAMPLE_RATE, read_wav, write_wav
from explainer.clips import find_take, recorded_clip, synthesized_clip
from explainer.errors import NarrationError, PipelineError
from explainer.media import ffmpeg
from explainer.voices import FliteVoice, speakable, voice_from_spec

TEXT = "A matrix moves every point of the plane."


def test_flite_speaks_at_48k_with_speech_length() -> None:
    clip = synthesized_clip(FliteVoice("slt"), "a", TEXT)
    samples, rate = read_wav(clip.path)
    assert rate == SAMPLE_RATE
    # about 2 to 4 words a second for eight words
    assert 1.5 < clip.speech_s < 5.0
    assert clip.duration_s > clip.speech_s
    # trimmed: speech starts within 50 ms and is not silence
    loud = np.flatnonzero(np.abs(samples) > 10 ** (-45 / 20))
    assert loud[0] < 0.05 * SAMPLE_RATE
    assert np.sqrt(np.mean(samples**2)) > 0.01


def test_cache_hits_and_keys() -> None:
    voice = FliteVoice("slt")
    first = synthesized_clip(voice, "a", TEXT + " Again.")
    stamp = first.path.stat().st_mtime_ns
    started = time.perf_counter()
    second = synthesized_clip(voice, "b", TEXT + " Again.")
    assert second.path == first.path and second.path.stat().st_mtime_ns == stamp
    assert time.perf_counter() - started < 0.05  # no synthesis on a hit
    # everything that changes the sound changes the key
    assert synthesized_clip(voice, "a", TEXT + " Other.").path != first.path
    faster = synthesized_clip(FliteVoice("slt", 1.3), "a", TEXT + " Again.")
    assert faster.path != first.path and faster.speech_s < first.speech_s
    assert synthesized_clip(FliteVoice("kal"), "a", TEXT + " Again.").path != first.path


def test_voice_spec_errors() -> None:
    assert voice_from_spec("flite:slt@1.2") == FliteVoice("slt", 1.2)
    with pytest.raises(PipelineError, match="unknown engine"):
        voice_from_spec("nonesuch:x")
    with pytest.raises(PipelineError, match="not a number"):
        voice_from_spec("flite:slt@fast")


def test_speakable_reads_symbols() -> None:
    spoken = "v = minus 1 and 16 percent of 1980 about x"
    assert speakable("v = -1 and 16% of 1,980 \u2248 x") == spoken
    assert speakable("rows 3-4") == "rows 3-4"


def test_recorded_take_replaces_synthesis(tmp_path: Path) -> None:
    # a take recorded at 22.05 kHz in stereo, with silence around the speech
    synth = synthesized_clip(FliteVoice("slt"), "a", TEXT)
    speech, _ = read_wav(synth.path)
    take = tmp_path / "intro.wav"
    padded = np.concatenate([np.zeros(SAMPLE_RATE // 2), speech, np.zeros(SAMPLE_RATE)])
    write_wav(tmp_path / "mono.wav", padded.astype(np.float32))
    ffmpeg("-i", str(tmp_path / "mono.wav"), "-ar", "22050", "-ac", "2", str(take))
    assert find_take(tmp_path, "intro") == take
    assert find_take(tmp_path, "other") is None
    clip = recorded_clip(take, "intro")
    assert clip.recorded
    assert read_wav(clip.path)[1] == SAMPLE_RATE
    # converted to 48 kHz and trimmed to its speech (within 0.1 s of the original)
    assert abs(clip.speech_s - synth.speech_s) < 0.1


def test_bad_takes_are_refused_clearly(tmp_path: Path) -> None:
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    with pytest.raises(NarrationError, match=r"empty.wav: recorded take for cue \[x\] is empty"):
        recorded_clip(empty, "x")
    text = tmp_path / "notes.wav"
    text.write_text("this is not audio")
    with pytest.raises(NarrationError, match="cannot be decoded as audio"):
        recorded_clip(text, "x")
    silent = tmp_path / "silent.wav"
    write_wav(silent, np.zeros(SAMPLE_RATE, dtype=np.float32))
    with pytest.raises(NarrationError, match="is silent"):
        recorded_clip(silent, "x")
