"""Two real scenes stitched into one narrated video, measured from the outside."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from explainer.audio import SAMPLE_RATE
from explainer.build import build
from explainer.captions import MAX_LINE, MAX_LINES
from explainer.measure import (
    decode_audio,
    decode_frames,
    ebur128,
    mp4_top_level_boxes,
    speech_onsets,
)
from explainer.media import chapters, ffprobe_json, stream_durations, tool
from explainer.paths import cache_dir

from .av_helpers import first_frame_of, frame_colour_index
from .conftest import FIXTURE_ROOT

FPS = 10


@pytest.fixture(scope="module")
def manifest(tiny_build: Path) -> dict:
    return json.loads((tiny_build / "manifest.json").read_text())


def test_outputs_are_complete(tiny_build: Path, manifest: dict) -> None:
    names = {p.name for p in tiny_build.iterdir()}
    assert {"tiny.mp4", "tiny.vtt", "tiny.srt", "manifest.json", "index.html"} <= names
    assert not [n for n in names if n.startswith(".") and n != ".lock"]  # no temporaries left
    kinds = [s["codec_type"] for s in ffprobe_json(tiny_build / "tiny.mp4",
                                                   "-show_streams")["streams"]]
    assert kinds.count("video") == 1 and kinds.count("audio") == 1
    assert kinds.count("subtitle") == 1
    boxes = mp4_top_level_boxes(tiny_build / "tiny.mp4")
    assert boxes.index("moov") < boxes.index("mdat")  # +faststart


def test_audio_and_video_durations_within_one_frame(tiny_build: Path, manifest: dict) -> None:
    durations = stream_durations(tiny_build / "tiny.mp4")
    assert abs(durations["audio"] - durations["video"]) < 1 / FPS
    # the narration is exactly as long as the pictures: its edit list counts whole samples
    assert abs(durations["audio"] - manifest["frames"] / FPS) < 1 / SAMPLE_RATE


def test_scene_videos_are_joined_without_re_encoding(tiny_build: Path, manifest: dict) -> None:
    """Every video packet of the module is a packet of a rendered scene, byte for byte."""
    def packets(video: Path) -> list[str]:
        listing = subprocess.run([tool("ffmpeg"), "-v", "error", "-i", str(video), "-map", "0:v",
                                  "-c", "copy", "-f", "framemd5", "-"],
                                 capture_output=True, text=True, check=True).stdout
        return [line.rsplit(",", 1)[1].strip() for line in listing.splitlines()
                if line and not line.startswith("#")]

    scenes = [packet for chapter in manifest["chapters"]
              for packet in packets(cache_dir("scenes") / chapter["key"] / "scene.mp4")]
    assert len(scenes) == manifest["frames"]
    assert packets(tiny_build / "tiny.mp4") == scenes


def test_each_cue_is_heard_on_the_frame_it_is_seen(tiny_build: Path, manifest: dict) -> None:
    """The voice of every cue starts within one frame of its picture, in the final file."""
    video = tiny_build / "tiny.mp4"
    index = frame_colour_index(decode_frames(video, manifest["width"], manifest["height"]))
    onsets = speech_onsets(decode_audio(video))
    assert len(onsets) == len(manifest["cues"]) == 4
    after = 0
    for n, (cue, onset) in enumerate(zip(manifest["cues"], onsets, strict=True)):
        seen = first_frame_of(index, n % 2, after)  # each scene's cues: red, then green
        assert abs(seen - round(cue["start"] * FPS)) == 0
        assert abs(onset - seen / FPS) <= 1 / FPS, f"cue {cue['id']}: heard {onset:.3f}s"
        after = seen + 1


def test_chapters_start_at_scene_starts(tiny_build: Path, manifest: dict) -> None:
    found = chapters(tiny_build / "tiny.mp4")
    assert [c["title"] for c in found] == ["First flash", "Second flash"]
    assert found[0]["start"] == 0
    for chapter, listed in zip(found, manifest["chapters"], strict=True):
        assert abs(chapter["start"] - listed["start"]) < 0.001
    # the second chapter starts on the frame where the second scene's first cue is seen
    second_scene_first_cue = next(c for c in manifest["cues"] if c["scene"] == "flash_two")
    assert abs(found[1]["start"] - second_scene_first_cue["start"]) < 1 / FPS
    assert abs(found[-1]["end"] - stream_durations(tiny_build / "tiny.mp4")["video"]) < 0.01


def test_loudness_meets_the_target(tiny_build: Path) -> None:
    meter = ebur128(tiny_build / "tiny.mp4")
    assert abs(meter["integrated_lufs"] - (-16.0)) <= 1.0
    assert meter["true_peak_dbtp"] <= -1.5


def test_captions_cover_cues_and_fit(tiny_build: Path, manifest: dict) -> None:
    vtt = (tiny_build / "tiny.vtt").read_text()
    blocks = [b.splitlines() for b in vtt.split("\n\n")[1:] if b.strip()]
    assert len(blocks) >= len(manifest["cues"])
    for block in blocks:
        timing, *lines = block
        assert " --> " in timing and 1 <= len(lines) <= MAX_LINES
        assert all(len(line) <= MAX_LINE for line in lines)
    spoken = " ".join(c["text"] for c in manifest["cues"]).split()
    shown = " ".join(line for b in blocks for line in b[1:]).split()
    assert shown == spoken
    first = manifest["cues"][0]
    assert blocks[0][0].startswith("00:00:00.000 --> ")
    srt = (tiny_build / "tiny.srt").read_text()
    assert srt.count(" --> ") == len(blocks) and first["text"].split()[0] in srt


def test_second_build_renders_nothing(tiny_report) -> None:
    started = time.perf_counter()
    again = build("tiny", "tiny", root=FIXTURE_ROOT, quiet=True)
    assert again.renders == 0 and again.ok
    assert time.perf_counter() - started < 5
    assert again.manifest["build_key"] == tiny_report.manifest["build_key"]
