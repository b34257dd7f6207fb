"""``render.py check``: verify a finished build from the outside and say what fails.

Everything is measured on the files as a viewer gets them: streams and durations by ffprobe,
loudness by ffmpeg's EBU R128 meter, chapters from the MP4, captions from the WebVTT file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .captions import MAX_LINE, MAX_LINES
from .loudness import TARGET_LUFS
from .measure import ebur128, mp4_top_level_boxes
from .media import chapters, count_frames, ffprobe_json, stream_durations

TRUE_PEAK_LIMIT_DBTP = -1.5


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str


def _vtt_blocks(text: str) -> list[tuple[float, float, list[str]]]:
    def seconds(stamp: str) -> float:
        h, m, s = stamp.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)

    blocks = []
    for block in text.split("\n\n")[1:]:
        lines = block.strip().splitlines()
        if lines and " --> " in lines[0]:
            start, end = lines[0].split(" --> ")
            blocks.append((seconds(start), seconds(end.split()[0]), lines[1:]))
    return blocks


def check_build(folder: Path) -> list[Check]:
    manifest = json.loads((folder / "manifest.json").read_text())
    video = folder / manifest["video"]
    fps, frame = manifest["fps"], 1 / manifest["fps"]
    results: list[Check] = []

    kinds = [s["codec_type"] for s in ffprobe_json(video, "-show_streams")["streams"]]
    results.append(Check("streams", kinds.count("video") == 1 and kinds.count("audio") == 1
                         and kinds.count("subtitle") == 1, ", ".join(kinds)))
    frames = count_frames(video)
    results.append(Check("video frames", frames == manifest["frames"],
                         f"{frames} frames, manifest says {manifest['frames']}"))
    durations = stream_durations(video)
    gap = abs(durations["audio"] - durations["video"])
    results.append(Check("A/V durations", gap < frame,
                         f"video {durations['video']:.3f}s, audio {durations['audio']:.3f}s, "
                         f"differ by {gap * 1000:.1f} ms (one frame = {frame * 1000:.1f} ms)"))
    meter = ebur128(video)
    lufs, peak = meter["integrated_lufs"], meter["true_peak_dbtp"]
    results.append(Check("loudness", abs(lufs - TARGET_LUFS) <= 1.0,
                         f"{lufs:.1f} LUFS integrated (target {TARGET_LUFS:.0f} +- 1)"))
    results.append(Check("true peak", peak <= TRUE_PEAK_LIMIT_DBTP,
                         f"{peak:.1f} dBTP (at most {TRUE_PEAK_LIMIT_DBTP})"))
    boxes = mp4_top_level_boxes(video)
    results.append(Check("fast start", "moov" in boxes and "mdat" in boxes
                         and boxes.index("moov") < boxes.index("mdat"), " ".join(boxes)))

    found = chapters(video)
    listed = manifest["chapters"]
    aligned = len(found) == len(listed) and all(
        f["title"] == c["title"] and abs(f["start"] - c["start"]) < 0.001
        and abs(round(c["start"] * fps) - c["start"] * fps) < 1e-6  # on a frame boundary
        for f, c in zip(found, listed, strict=False))
    contiguous = all(abs(a["end"] - b["start"]) < 0.001
                     for a, b in zip(found, found[1:], strict=False))
    ends = bool(found) and abs(found[-1]["end"] - durations["video"]) < frame
    results.append(Check("chapters", aligned and contiguous and ends,
                         f"{len(found)} chapters for {len(listed)} scenes"))

    blocks = _vtt_blocks((folder / manifest["captions"]["vtt"]).read_text(encoding="utf-8"))
    spoken = " ".join(c["text"] for c in manifest["cues"]).split()
    shown = " ".join(" ".join(lines) for _, _, lines in blocks).split()
    results.append(Check("captions coverage", shown == spoken and all(
        s < e <= durations["video"] + frame for s, e, _ in blocks),
        f"{len(blocks)} captions for {len(manifest['cues'])} cues"))
    longest = max((len(line) for _, _, lines in blocks for line in lines), default=0)
    most = max((len(lines) for _, _, lines in blocks), default=0)
    results.append(Check("caption lines", longest <= MAX_LINE and most <= MAX_LINES,
                         f"longest line {longest} chars (max {MAX_LINE}), "
                         f"most lines {most} (max {MAX_LINES})"))
    cue_starts_ok = all(
        any(abs(s - c["start"]) < 0.002 for s, _, _ in blocks) for c in manifest["cues"])
    results.append(Check("captions at cue times", cue_starts_ok,
                         "every cue starts a caption at its recorded time"))
    return results


def format_table(results: list[Check]) -> str:
    width = max(len(r.name) for r in results)
    rows = [f"{'PASS' if r.passed else 'FAIL'}  {r.name:<{width}}  {r.detail}" for r in results]
    return "\n".join(rows)


