"""Offline alignment and recognition on real speech from the flite voice: no mocks.

Ground truth for word times: words synthesised one at a time, trimmed to their first and last
audible sample, and laid end to end with known silences, so each word's true start is exact.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest

from explainer.align import STRAY_WER, align_words, recognise, script_mismatch, spoken_words
from explainer.audio import SAMPLE_RATE, read_wav, resample, trim_silence
from explainer.errors import PipelineError
from explainer.voices import FliteVoice, speakable


def speech(text: str, rate: int = SAMPLE_RATE) -> np.ndarray:
    """``text`` spoken by the default voice, as mono float audio at ``rate``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "speech.wav"
        FliteVoice("slt").synthesize(text, path)
        samples, native = read_wav(path)
    return resample(samples, native, rate)


def spaced_words(tokens: list[str], seed: int = 9) -> tuple[np.ndarray, list[float]]:
    """The tokens spoken one by one with 0.15-0.4 s silences between; true start times."""
    rng = np.random.default_rng(seed)
    parts, starts, at = [np.zeros(int(0.25 * SAMPLE_RATE), np.float32)], [], 0.25
    for token in tokens:
        # keep_s=0: the word starts at its first audible sample, exactly where we put it
        word = trim_silence(speech(token), keep_s=0.0)
        gap = np.zeros(int(rng.uniform(0.15, 0.4) * SAMPLE_RATE), np.float32)
        starts.append(at)
        parts += [word, gap]
        at += (len(word) + len(gap)) / SAMPLE_RATE
    return np.concatenate(parts), starts


def test_word_starts_land_within_a_tenth_of_a_second_of_the_truth() -> None:
    # a number, out-of-dictionary jargon, a name flite spells out, punctuation and capitals
    tokens = ["The", "softmax", "of", "12", "scores", "is", "0.16,", "roughly.",
              "Backpropagation", "needs", "Nguyen's", "gradient?"]
    clip, truth = spaced_words(tokens)
    times = align_words(clip, SAMPLE_RATE, " ".join(tokens))
    assert [(t.index, t.word) for t in times] == list(enumerate(tokens))
    errors = [t.start - true for t, true in zip(times, truth, strict=True)]
    worst = max(abs(e) for e in errors)
    print(f"alignment error: max {worst * 1000:.0f} ms, "
          f"mean {np.mean(np.abs(errors)) * 1000:.0f} ms over {len(tokens)} words")
    assert worst < 0.1, [f"{t.word}: {e:+.3f}s" for t, e in zip(times, errors, strict=True)]
    # each word ends before the silence after it is over: no word swallows the next
    assert all(t.start < t.end <= nxt for t, nxt in zip(times, truth[1:], strict=False))


def test_a_continuous_sentence_aligns_in_order_and_covers_the_clip() -> None:
    text = speakable("In 1980 the 3rd layer's softmax gave 0.16 — about 12% of the mass.")
    clip = trim_silence(speech(text))
    duration = len(clip) / SAMPLE_RATE
    times = align_words(clip, SAMPLE_RATE, text)
    assert [t.word for t in times] == text.split()
    assert [t.index for t in times] == list(range(len(text.split())))
    starts = [t.start for t in times]
    assert starts == sorted(starts)
    assert all(a.end <= b.start + 1e-9 for a, b in zip(times, times[1:], strict=False))
    assert all(0.0 <= t.start <= t.end <= duration + 0.01 for t in times)
    assert times[0].start < 0.2 and times[-1].end > duration - 0.2
    # every token with something to say is heard for a while; the dash says nothing
    spoken = [t for t in times if t.word != "\u2014"]
    assert all(t.end - t.start >= 0.05 for t in spoken)


def test_recognised_speech_of_the_script_passes_and_of_another_sentence_strays() -> None:
    script = "If the learning rate is too large, the loss jumps around instead of settling."
    other = "The expected value is the average outcome if we repeated the experiment many times."
    own_wer = script_mismatch(script, recognise(speech(script), SAMPLE_RATE))
    other_wer = script_mismatch(script, recognise(speech(other), SAMPLE_RATE))
    print(f"WER own {own_wer:.2f}, other {other_wer:.2f}, threshold {STRAY_WER}")
    assert own_wer < STRAY_WER < other_wer


def test_script_mismatch_normalises_both_sides_alike() -> None:
    assert script_mismatch("About 12% of 1980's data, roughly.", "about twelve percent of "
                           "nineteen eighties data roughly") == 0.0
    assert script_mismatch("The gradient points uphill.", "the gradient points downhill") == 0.25
    assert script_mismatch("one two", "one two three four") == 1.0  # insertions count
    assert script_mismatch("", "") == 0.0
    assert spoken_words("0.16,") == ["zero", "point", "one", "six"]
    assert spoken_words("3.50") == ["three", "point", "five", "zero"]
    assert spoken_words("21st") == ["twenty", "first"]
    assert spoken_words("Soft-max's") == ["soft", "max's"]
    assert spoken_words("105") == ["one", "hundred", "five"]


@pytest.mark.parametrize("samples", [np.zeros(0, np.float32), np.zeros(SAMPLE_RATE, np.float32)],
                         ids=["empty", "silent"])
def test_no_speech_is_a_clear_error(samples: np.ndarray) -> None:
    with pytest.raises(PipelineError, match="empty|silent"):
        align_words(samples, SAMPLE_RATE, "hello there")
    with pytest.raises(PipelineError, match="empty|silent"):
        recognise(samples, SAMPLE_RATE)


def test_text_with_nothing_to_say_is_a_clear_error() -> None:
    with pytest.raises(PipelineError, match="no words"):
        align_words(speech("hello"), SAMPLE_RATE, "\u2014 ...")
    assert align_words(speech("hello"), SAMPLE_RATE, "   ") == []
