"""Chapters as an FFMETADATA file (millisecond timebase), one per scene."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Chapter:
    title: str
    start: float
    end: float


def _escape(value: str) -> str:
    return re.sub(r"([=;#\\\n])", r"\\\1", value)


def to_ffmetadata(title: str, chapters: list[Chapter]) -> str:
    lines = [";FFMETADATA1", f"title={_escape(title)}", ""]
    for chapter in chapters:
        lines += ["[CHAPTER]", "TIMEBASE=1/1000",
                  f"START={round(chapter.start * 1000)}", f"END={round(chapter.end * 1000)}",
                  f"title={_escape(chapter.title)}", ""]
    return "\n".join(lines)
