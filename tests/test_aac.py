"""The narration encoded in pieces on every core decodes as one encoder's output would:
the same length to the sample, no offset, no trace at the cuts. Real flite speech, real
ffmpeg."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from explainer.aac import FRAME, QUIET_FRAMES, adts_frames, cut_points, encode_aac
from explainer.audio import SAMPLE_RATE, read_wav
from explainer.clips import synthesized_clip
from explainer.errors import PipelineError
from explainer.media import ffmpeg, ffprobe_json, stream_durations
from explainer.voices import FliteVoice

SENTENCES = [
    "A matrix moves every point of the plane at once.",
    "The gradient points uphill, so we step the other way.",
    "A positive test is not a diagnosis: the base rate matters.",
    "Expected value weighs each outcome by its chance.",
]


@pytest.fixture(scope="module")
def narration() -> np.ndarray:
    """About 70 seconds of speech with pauses of varied length between the sentences."""
    clips = [synthesized_clip(FliteVoice("slt"), "x", s).load() for s in SENTENCES]
    parts = []
    for i in range(16):
        parts += [clips[i % len(clips)], np.zeros(int(SAMPLE_RATE * (0.3 + 0.1 * (i % 3))))]
    return (np.concatenate(parts) * 0.5).astype(np.float32)


def decoded(samples: np.ndarray, folder: Path, pieces: int) -> tuple[np.ndarray, object, dict]:
    track = encode_aac(samples, folder / f"n{pieces}.aac", pieces=pieces, min_piece_s=10)
    mp4 = folder / f"n{pieces}.m4a"
    ffmpeg("-i", str(track.path), *track.mux_options(), str(mp4))
    ffmpeg("-i", str(mp4), str(folder / f"n{pieces}.wav"))
    audio, rate = read_wav(folder / f"n{pieces}.wav")
    assert rate == SAMPLE_RATE
    return audio, track, stream_durations(mp4)


def snr(decoded: np.ndarray, original: np.ndarray) -> float:
    return float(10 * np.log10(np.sum(original**2) / np.sum((decoded - original) ** 2)))


def test_pieces_decode_like_one_encode(narration: np.ndarray, tmp_path: Path) -> None:
    whole, one, _ = decoded(narration, tmp_path, 1)
    joined, three, durations = decoded(narration, tmp_path, 3)
    packets = ffprobe_json(tmp_path / "n3.m4a", "-show_packets")["packets"]
    assert one.pieces == 1 and three.pieces == 3
    # the container's edit list skips the priming and cuts the padding: the input's length
    # to the sample
    first, last = packets[0], packets[-1]
    assert first["pts"] == -FRAME
    assert last["pts"] + last["duration"] == len(narration)
    assert abs(durations["audio"] - len(narration) / SAMPLE_RATE) < 1 / SAMPLE_RATE
    assert len(joined) >= len(narration)
    joined, whole = joined[: len(narration)], whole[: len(narration)]
    # no offset in any piece: each decodes with the error of a good encode (speech moved by
    # one sample would leave a difference only about 10 dB under the signal)
    cuts = cut_points(narration, 3, min_piece_s=10)
    for lo, hi in zip([0, *cuts], [*cuts, len(narration)], strict=True):
        assert snr(joined[lo:hi], narration[lo:hi]) > 40
    assert snr(whole, narration) > 40
    # each cut sits in silence and stays silent
    for cut in cuts:
        assert cut % FRAME == 0
        around = slice(cut - QUIET_FRAMES * FRAME, cut + QUIET_FRAMES * FRAME)
        assert not narration[around].any()
        assert np.abs(joined[around]).max() < 1e-3


def test_cuts_need_length_and_silence(narration: np.ndarray) -> None:
    assert cut_points(narration, 2, min_piece_s=60) == []  # 70 s: one piece is enough
    cuts = cut_points(narration, 4, min_piece_s=10)
    assert len(cuts) == 3 and cuts == sorted(cuts)
    shares = np.diff([0, *cuts, len(narration)]) / len(narration)
    assert shares.min() > 0.15 and shares.max() < 0.35  # near-equal pieces
    hum = narration + np.float32(0.01)  # a bed under the voice: no silence anywhere
    assert cut_points(hum, 4, min_piece_s=10) == []


def test_a_broken_encoder_output_is_named_not_joined() -> None:
    with pytest.raises(PipelineError, match="not an ADTS frame at byte 0"):
        adts_frames(b"RIFF" + bytes(20))
    with pytest.raises(PipelineError, match="broken ADTS frame at byte 0"):
        adts_frames(bytes([0xFF, 0xF1, 0x4C, 0x40, 0x00, 0x1F, 0xFC]))  # claims length 0
