"""Encode a long narration track to AAC on every core, sample-exactly.

One AAC encoder keeps one core busy, and on a long module the encode is most of the stitch.
So the track is cut into pieces at silences, each piece is encoded by its own ffmpeg at the
same time, and the pieces' ADTS frames are joined. An AAC frame is 1024 samples and its
window overlaps the frames either side; a cut on a multiple of 1024 with a few frames of
silence around it joins without a trace (the frames there encode nothing either way).

The joined stream then needs what one encoder would have told the MP4 muxer: skip the 1024
samples of priming at the start and cut the padding of the last frame. ``mux_options``
gives those as ffmpeg options, so the track decodes to exactly its input length, in sync.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .audio import SAMPLE_RATE, to_pcm16
from .errors import PipelineError
from .media import ffmpeg

FRAME = 1024  # samples per AAC frame, and the priming of ffmpeg's AAC encoder
QUIET_FRAMES = 3  # whole frames of silence wanted on each side of a cut
SILENT = 1.0 / 32768  # below one step of 16-bit PCM
MIN_PIECE_S = 60.0  # shorter pieces gain less than an extra ffmpeg costs
# AAC's "fast" coder encodes 2.5 times quicker than the default and is transparent for a
# voice at 160 kb/s.
ENCODER = ("-c:a", "aac", "-aac_coder", "fast", "-b:a", "160k")


@dataclass(frozen=True)
class AacTrack:
    """An ADTS file and what it holds: ``packets`` frames for ``samples`` input samples."""

    path: Path
    packets: int
    samples: int
    pieces: int

    def mux_options(self) -> list[str]:
        """ffmpeg output options (stream-copying this track as ``a``) that start it after
        the priming and end it on its last real sample, as one encoder's output would. The
        MP4's movie timescale becomes the sample rate, so its edit list counts whole samples
        (the default, milliseconds, would round the track's end)."""
        # past the priming, the frames decode to (packets - 1) * FRAME samples; the last
        # frame keeps only what the input had
        last = self.samples - (self.packets - 2) * FRAME
        if not 0 < last <= FRAME:
            raise PipelineError(f"{self.path}: {self.packets} AAC frames cannot hold "
                                f"{self.samples} samples")
        timing = (f"setts=ts=TS-{FRAME}:time_base=1/{SAMPLE_RATE}"
                  f":duration=if(eq(N\\,{self.packets - 1})\\,{last}\\,DURATION)")
        return ["-c:a", "copy", "-bsf:a", timing, "-movie_timescale", str(SAMPLE_RATE)]


def cut_points(samples: np.ndarray, pieces: int, min_piece_s: float = MIN_PIECE_S,
               rate: int = SAMPLE_RATE) -> list[int]:
    """Where to cut the track into at most ``pieces`` near-equal parts: frame boundaries
    inside silences, each nearest to an equal share; none if the track is too short."""
    total = len(samples) // FRAME
    pieces = min(pieces, int(len(samples) / (min_piece_s * rate)))
    if pieces < 2:
        return []
    silent = (np.abs(samples[: total * FRAME]) < SILENT).reshape(total, FRAME).all(axis=1)
    # a boundary b (between frames b-1 and b) is a cut point when frames b-q .. b+q-1 are
    # all silent: a moving sum over 2q frames
    window = 2 * QUIET_FRAMES
    runs = np.convolve(silent.astype(np.int32), np.ones(window, np.int32), mode="valid")
    candidates = np.flatnonzero(runs == window) + QUIET_FRAMES
    if not candidates.size:
        return []
    cuts: list[int] = []
    for k in range(1, pieces):
        nearest = int(candidates[np.abs(candidates - k * total // pieces).argmin()])
        if not cuts or nearest > cuts[-1]:
            cuts.append(nearest)
    return [c * FRAME for c in cuts]


def _encode_piece(pcm: np.ndarray, scratch: Path) -> list[bytes]:
    """One ffmpeg: 16-bit PCM in, ADTS frames out, through files (a pipe fed by Python
    costs a core's worth of small writes)."""
    raw, adts = scratch.with_suffix(".pcm"), scratch.with_suffix(".aac")
    pcm.tofile(raw)
    try:
        ffmpeg("-f", "s16le", "-ar", str(SAMPLE_RATE), "-ac", "1", "-i", str(raw),
               *ENCODER, "-f", "adts", str(adts))
        return adts_frames(adts.read_bytes())
    finally:
        raw.unlink(missing_ok=True)
        adts.unlink(missing_ok=True)


def adts_frames(stream: bytes) -> list[bytes]:
    """Split an ADTS stream into its frames (each carries its own length in its header)."""
    frames, at = [], 0
    while at < len(stream):
        header = stream[at:at + 7]
        if len(header) < 7 or header[0] != 0xFF or header[1] & 0xF6 != 0xF0:
            raise PipelineError(f"not an ADTS frame at byte {at} of the encoded narration")
        length = ((header[3] & 0x03) << 11) | (header[4] << 3) | (header[5] >> 5)
        if length < 7:
            raise PipelineError(f"a broken ADTS frame at byte {at} of the encoded narration")
        frames.append(stream[at:at + length])
        at += length
    return frames


def encode_aac(samples: np.ndarray, path: Path, pieces: int | None = None,
               min_piece_s: float = MIN_PIECE_S) -> AacTrack:
    """Encode mono float samples at 48 kHz to an ADTS file, on up to ``pieces`` cores."""
    pcm = to_pcm16(samples)
    cuts = cut_points(samples, pieces or os.cpu_count() or 1, min_piece_s)
    bounds = list(zip([0, *cuts], [*cuts, len(pcm)], strict=True))

    def encode(k: int) -> list[bytes]:
        lo, hi = bounds[k]
        return _encode_piece(pcm[lo:hi], path.with_name(f".{path.stem}-piece{k}"))

    with ThreadPoolExecutor(max_workers=len(bounds)) as pool:
        encoded = list(pool.map(encode, range(len(bounds))))
    frames: list[bytes] = []
    for piece in encoded[:-1]:
        # A piece of n * FRAME samples makes n + 1 frames: the last one decodes the
        # piece's final FRAME samples, silence, which the next piece's priming replaces.
        frames += piece[:-1]
    frames += encoded[-1]
    path.write_bytes(b"".join(frames))
    return AacTrack(path, len(frames), len(samples), len(bounds))
