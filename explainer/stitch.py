"""Assemble a module: join scene videos without re-encoding, lay one continuous narration
track under them sample-exactly, and write the MP4, captions, chapters and a manifest.

Sync by construction: every scene's video is a whole number of frames and 48000 / fps is a
whole number of samples, so a cue that starts on frame f of a scene starting at frame F is
placed at sample (F + f) * 48000 / fps of the track. Nothing can drift.
"""

from __future__ import annotations

import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .aac import encode_aac
from .audio import SAMPLE_RATE, place_clips
from .captions import Caption, cue_captions, to_srt, to_webvtt
from .chapters import Chapter, to_ffmetadata
from .errors import PipelineError
from .loudness import normalise_measured
from .media import ffmpeg, video_stream
from .module import Module
from .music import mix_music
from .quality import Quality
from .scene_render import RenderedScene
from .voicing import VoicedScene


@dataclass(frozen=True)
class Outputs:
    video: Path
    vtt: Path
    srt: Path
    manifest: Path


def outputs_for(module: Module, folder: Path) -> Outputs:
    return Outputs(folder / f"{module.id}.mp4", folder / f"{module.id}.vtt",
                   folder / f"{module.id}.srt", folder / "manifest.json")


def check_streams(rendered: list[RenderedScene]) -> None:
    """Joining without re-encoding needs identical codec parameters in every scene."""
    with ThreadPoolExecutor(max_workers=4) as pool:  # ffprobe waits on its file, not a core
        streams = list(pool.map(lambda r: video_stream(r.video), rendered))
    first = streams[0]
    for scene, stream in zip(rendered[1:], streams[1:], strict=True):
        diff = first.mismatch(stream)
        if diff:
            raise PipelineError(
                f"scene {scene.entry.id} cannot be joined to {rendered[0].entry.id} without "
                f"re-encoding: its {', '.join(diff)} differ"
            )


def assemble(module: Module, scenes: list[tuple[VoicedScene, RenderedScene]],
             quality: Quality, folder: Path, build_key: str = "") -> dict:
    rendered = [r for _, r in scenes]
    fps = quality.fps
    per_frame = SAMPLE_RATE // fps
    outputs = outputs_for(module, folder)
    for stale in folder.glob(".assemble-*"):  # left by a killed build (the module is locked)
        shutil.rmtree(stale, ignore_errors=True)
    work = folder / f".assemble-{os.getpid()}"
    work.mkdir()
    # the streams are probed while the narration is mixed; a mismatch still stops the
    # build before anything is written
    background = ThreadPoolExecutor(max_workers=1)
    streams_ok = background.submit(check_streams, rendered)
    try:
        tracks, chapters, cues, captions = [], [], [], []
        offset = 0  # frames
        for voiced, scene in scenes:
            timing = scene.timing
            if timing["fps"] != fps:
                raise PipelineError(f"scene {scene.entry.id} was rendered at {timing['fps']} fps")
            frames = timing["frames"]
            placed = []
            for cue in voiced.script.cues:
                if cue.id not in timing["cue_starts"]:
                    continue  # warned about at render time
                start_frame = timing["cue_starts"][cue.id]
                clip = voiced.clips[cue.id]
                placed.append((start_frame * per_frame, clip.load()))
                start = (offset + start_frame) / fps
                cues.append({"scene": scene.entry.id, "id": cue.id, "start": round(start, 4),
                             "end": round(start + clip.speech_s, 4), "text": cue.text,
                             "recorded": clip.recorded})
                captions += cue_captions(cue.text, start, clip.speech_s)
            tracks.append(place_clips(frames * per_frame, placed))
            chapters.append(Chapter(scene.entry.chapter, offset / fps, (offset + frames) / fps))
            offset += frames

        voice = np.concatenate(tracks)
        music = None
        if module.music is not None:
            # under the voice before normalising: the loudness targets hold for the mix
            voice, music = mix_music(voice, module.music, module.music_db)
        narration = normalise_measured(voice)
        # the narration encodes (a piece per core) while the captions are written
        encoding = background.submit(encode_aac, narration.samples, work / "narration.aac")
        (work / "chapters.txt").write_text(to_ffmetadata(module.title, chapters))
        vtt, srt = work / outputs.vtt.name, work / outputs.srt.name
        vtt.write_text(to_webvtt(captions), encoding="utf-8")
        srt.write_text(to_srt(captions), encoding="utf-8")
        concat = work / "scenes.txt"
        concat.write_text("".join(f"file '{r.video}'\n" for r in rendered))
        video = work / outputs.video.name
        streams_ok.result()
        aac = encoding.result()
        ffmpeg("-f", "concat", "-safe", "0", "-i", str(concat), "-i", str(aac.path),
               "-i", str(work / "chapters.txt"), "-i", str(srt),
               "-map", "0:v", "-map", "1:a", "-map", "3:s",
               "-map_metadata", "2", "-map_chapters", "2",
               "-c:v", "copy", *aac.mux_options(), "-c:s", "mov_text",
               "-metadata:s:a:0", "language=eng", "-metadata:s:s:0", "language=eng",
               "-metadata:s:s:0", "title=English", "-movflags", "+faststart", str(video))

        manifest = {
            "build_key": build_key, "module": module.id, "number": module.number,
            "title": module.title,
            "quality": quality.name, "width": quality.width, "height": quality.height,
            "fps": fps, "frames": offset, "duration": offset / fps,
            "video": outputs.video.name, "captions": {"vtt": outputs.vtt.name,
                                                      "srt": outputs.srt.name},
            "loudness_lufs": round(narration.loudness_lufs, 2),
            "true_peak_dbtp": round(narration.true_peak_dbtp, 2),
            "music": music,
            "chapters": [{"scene": r.entry.id, "title": c.title, "start": c.start,
                          "end": c.end, "key": r.key} for r, c in zip(rendered, chapters,
                                                                       strict=True)],
            "cues": cues,
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=1))
        # Complete: move into place, the manifest last (it vouches for the rest).
        for built, final in ((video, outputs.video), (vtt, outputs.vtt), (srt, outputs.srt),
                             (work / "manifest.json", outputs.manifest)):
            os.replace(built, final)
        return manifest
    finally:
        background.shutdown(wait=True)
        shutil.rmtree(work, ignore_errors=True)


def captions_of(manifest: dict) -> list[Caption]:
    """Rebuild the caption list from a manifest (the viewer page and checks use it)."""
    out: list[Caption] = []
    for cue in manifest["cues"]:
        out += cue_captions(cue["text"], cue["start"], cue["end"] - cue["start"])
    return out
