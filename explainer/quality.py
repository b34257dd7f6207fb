"""Render presets. Timings are the same in every preset; only pixels and frame rate change."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import PipelineError


@dataclass(frozen=True)
class Quality:
    name: str
    width: int
    height: int
    fps: int  # 48000 / fps must be whole so every frame boundary falls on an audio sample


QUALITIES: dict[str, Quality] = {
    "preview": Quality("preview", 854, 480, 15),
    "production": Quality("production", 1920, 1080, 60),
    # for the tests: real renders, tiny and quick
    "tiny": Quality("tiny", 192, 108, 10),
}


def quality(name: str) -> Quality:
    try:
        return QUALITIES[name]
    except KeyError:
        raise PipelineError(f"unknown quality {name!r} (choose: {', '.join(QUALITIES)})") from None
