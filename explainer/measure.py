"""Measure a finished video from the outside, as a viewer's player and meter would.

Independent of the code that built it: audio and frames are decoded back with ffmpeg, and
loudness is read from ffmpeg's own EBU R128 meter, not from the pyloudnorm used to set it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import numpy as np

from .media import tool


def decode_audio(path: Path, rate: int = 48_000) -> np.ndarray:
    """The first audio stream as mono float32."""
    out = subprocess.run([tool("ffmpeg"), "-v", "error", "-i", str(path), "-map", "0:a:0",
                          "-ac", "1", "-ar", str(rate), "-f", "f32le", "-"],
                         capture_output=True, check=True).stdout
    return np.frombuffer(out, dtype="<f4")


def decode_frames(path: Path, width: int, height: int) -> np.ndarray:
    """Every video frame as RGB, shape (frames, height, width, 3)."""
    out = subprocess.run([tool("ffmpeg"), "-v", "error", "-i", str(path), "-map", "0:v:0",
                          "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         capture_output=True, check=True).stdout
    return np.frombuffer(out, dtype=np.uint8).reshape(-1, height, width, 3)


def ebur128(path: Path) -> dict[str, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) by ffmpeg's ebur128 filter."""
    result = subprocess.run([tool("ffmpeg"), "-hide_banner", "-nostats", "-i", str(path),
                             "-map", "0:a:0", "-af", "ebur128=peak=true", "-f", "null", "-"],
                            capture_output=True, text=True, check=True)
    summary = result.stderr[result.stderr.rindex("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)[1])
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)[1])
    return {"integrated_lufs": integrated, "true_peak_dbtp": peak}


def speech_onsets(samples: np.ndarray, rate: int = 48_000, threshold_db: float = -40.0,
                  min_gap_s: float = 0.25, window_s: float = 0.005) -> list[float]:
    """Times where sound starts after at least ``min_gap_s`` of quiet."""
    window = int(window_s * rate)
    frames = len(samples) // window
    level = np.abs(samples[: frames * window]).reshape(frames, window).max(axis=1)
    loud = level > 10 ** (threshold_db / 20)
    onsets, quiet_run = [], min_gap_s  # the very start counts as after a gap
    for i, is_loud in enumerate(loud):
        if is_loud:
            if quiet_run >= min_gap_s:
                onsets.append(i * window / rate)
            quiet_run = 0.0
        else:
            quiet_run += window_s
    return onsets


def mp4_top_level_boxes(path: Path) -> list[str]:
    """The order of the top-level MP4 boxes (``moov`` before ``mdat`` = fast start)."""
    boxes = []
    with open(path, "rb") as handle:
        while header := handle.read(8):
            size, kind = int.from_bytes(header[:4], "big"), header[4:8].decode("latin-1")
            if size == 1:
                size = int.from_bytes(handle.read(8), "big")
                handle.seek(size - 16, 1)
            elif size == 0:
                boxes.append(kind)
                break
            else:
                handle.seek(size - 8, 1)
            boxes.append(kind)
    return boxes
