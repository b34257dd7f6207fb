"""Thin wrappers over ffmpeg and ffprobe: run them, read stream facts, fail clearly."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from .errors import MissingToolError, PipelineError


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise MissingToolError(
            f"{name} is not installed. Install it with:\n    sudo apt-get install ffmpeg\n"
            "or run `make setup`."
        )
    return path


def ffmpeg(*args: str) -> None:
    command = [tool("ffmpeg"), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *args]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise PipelineError(f"ffmpeg failed: {result.stderr.strip()[-2000:]}")


def ffprobe_json(path: Path, *args: str) -> dict:
    command = [tool("ffprobe"), "-v", "error", "-of", "json", *args, str(path)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise PipelineError(f"ffprobe cannot read {path}: {result.stderr.strip()}")
    return json.loads(result.stdout)


@dataclass(frozen=True)
class VideoStream:
    codec: str
    width: int
    height: int
    pix_fmt: str
    fps: Fraction
    time_base: str
    profile: str

    def mismatch(self, other: VideoStream) -> list[str]:
        """Fields that would break a join without re-encoding."""
        return [f for f in self.__dataclass_fields__ if getattr(self, f) != getattr(other, f)]


def video_stream(path: Path) -> VideoStream:
    data = ffprobe_json(path, "-select_streams", "v:0", "-show_streams")
    if not data.get("streams"):
        raise PipelineError(f"{path} has no video stream")
    s = data["streams"][0]
    return VideoStream(s["codec_name"], s["width"], s["height"], s["pix_fmt"],
                       Fraction(s["r_frame_rate"]), s["time_base"], s.get("profile", ""))


def stream_durations(path: Path) -> dict[str, float]:
    """Duration of each stream type ('video', 'audio', 'subtitle') in seconds."""
    data = ffprobe_json(path, "-show_streams")
    out: dict[str, float] = {}
    for s in data["streams"]:
        if "duration" in s:
            out.setdefault(s["codec_type"], float(s["duration"]))
    return out


def chapters(path: Path) -> list[dict]:
    data = ffprobe_json(path, "-show_chapters")
    return [{"start": float(c["start_time"]), "end": float(c["end_time"]),
             "title": c.get("tags", {}).get("title", "")} for c in data["chapters"]]


def count_frames(path: Path) -> int:
    data = ffprobe_json(path, "-select_streams", "v:0", "-count_packets",
                        "-show_entries", "stream=nb_read_packets")
    return int(data["streams"][0]["nb_read_packets"])
