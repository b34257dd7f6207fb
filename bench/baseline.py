"""What a creator would do without this tool: render each scene with the ``manim`` command,
one after another (Manim's own cache on, as it is by default), then join the clips and lay
the narration over them with moviepy, which re-encodes the whole video.

The narration is given for free: the same voice clips, placed at the cue times of our own
build, so the comparison is of rendering and assembling alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

from explainer.module import Module
from explainer.narrated_scene_env import PLAN_ENV
from explainer.voicing import voice_scene


def render_with_manim(module: Module, work: Path, env: dict[str, str]) -> dict[str, float]:
    """Seconds per scene for ``manim render -ql`` (854x480 at 15 fps, our preview preset)."""
    seconds = {}
    for entry in module.scenes:
        voiced = voice_scene(entry, module.voice)
        plan = work / f"{entry.id}.plan.json"
        plan.write_text(json.dumps({"cues": [asdict(p) for p in voiced.plans()]}))
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "manim", "render", "-ql", "--progress_bar", "none",
                        "--media_dir", str(work / "media"), "-o", entry.id,
                        str(entry.source), *([entry.class_name] if entry.class_name else [])],
                       check=True, capture_output=True, cwd=entry.root,
                       env={**env, PLAN_ENV: str(plan), "PYTHONPATH": str(entry.root)})
        seconds[entry.id] = time.perf_counter() - started
    return seconds


def join_with_moviepy(module: Module, work: Path, manifest: dict, out: Path) -> None:
    """Concatenate the scene videos and mix the cue clips in at their start times."""
    from moviepy import AudioFileClip, CompositeAudioClip, VideoFileClip, concatenate_videoclips

    videos = [VideoFileClip(str(next((work / "media").rglob(f"{e.id}.mp4"))))
              for e in module.scenes]
    starts = {(c["scene"], c["id"]): c["start"] for c in manifest["cues"]}
    voices = []
    for entry in module.scenes:
        for cue_id, clip in voice_scene(entry, module.voice).clips.items():
            voices.append(AudioFileClip(str(clip.path)).with_start(starts[entry.id, cue_id]))
    film = concatenate_videoclips(videos)
    film = film.with_audio(CompositeAudioClip(voices).with_duration(film.duration))
    film.write_videofile(str(out), codec="libx264", audio_codec="aac", logger=None,
                         threads=os.cpu_count())
    for clip in (*videos, *voices, film):
        clip.close()
