"""Render scenes (each in its own worker process) into a cache keyed by everything they use.

A scene's folder under ``build/cache/scenes/<key>/`` holds ``scene.mp4`` (silent) and
``timing.json`` (frame-exact cue starts). It is written under a temporary name and renamed
into place only when complete, so an interrupted render never leaves a half scene behind.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from . import __version__
from .errors import SceneRenderError
from .hashing import digest, file_digest, manim_version, source_closure
from .module import SceneEntry
from .narrated_scene_env import PLAN_ENV
from .narration import CuePlan
from .paths import PROJECT_ROOT, cache_dir
from .quality import Quality


@dataclass
class RenderedScene:
    entry: SceneEntry
    key: str
    folder: Path
    cached: bool
    seconds: float = 0.0

    @property
    def video(self) -> Path:
        return self.folder / "scene.mp4"

    @property
    def timing(self) -> dict:
        return json.loads((self.folder / "timing.json").read_text())

    @property
    def warnings(self) -> list[str]:
        """Harmless faults worth a line: cues never played, animations longer than words."""
        timing = self.timing
        unplayed = [f"{self.entry.script_path}: cue [{c}] is in the script but the scene "
                    "never plays it" for c in timing["unplayed"]]
        overruns = [f"{self.entry.source}: the animations of cue [{c}] run {s:.2f} s longer "
                    "than its narration" for c, s in timing["overruns"].items()]
        return unplayed + overruns


def _work_folder(key: str) -> Path:
    """A render's private folder, named ``.<key>.<host>.<pid>.<ns>.tmp`` so that a sweep on a
    shared cache can tell this machine's dead renders from other machines' live ones."""
    name = f".{key}.{socket.gethostname()}.{os.getpid()}.{time.monotonic_ns()}.tmp"
    return cache_dir("scenes") / name


def sweep_stale_work() -> None:
    """Remove the half-done render folders of builds that were killed (their process is gone)."""
    host = socket.gethostname()
    for work in cache_dir("scenes").glob(".*.tmp"):
        parts = work.name[1:-len(".tmp")].split(".")
        try:
            if ".".join(parts[1:-2]) != host:
                continue
            os.kill(int(parts[-2]), 0)
        except ProcessLookupError:
            shutil.rmtree(work, ignore_errors=True)
        except (ValueError, IndexError, PermissionError):
            continue


def on_frames(plans: list[CuePlan], fps: int) -> list[CuePlan]:
    """The plans as the scene can use them: whole frames. A cue's duration is cut to a whole
    frame, as Manim's own waits cut it (the breath after the speech absorbs it); speech and
    marks go to the nearest frame. So a take within a frame of the last re-renders nothing."""
    def frame(seconds: float, down: bool = False) -> float:
        frames = math.floor(seconds * fps + 1e-6) if down else round(seconds * fps)
        return round(frames / fps, 6)

    return [replace(p, duration=frame(p.duration, down=True), speech=frame(p.speech),
                    marks={name: frame(t) for name, t in p.marks.items()}) for p in plans]


def _plan_fields(plan: CuePlan) -> dict:
    fields = asdict(plan)
    if not fields["marks"]:  # a cue without marks keys as it did before marks existed
        del fields["marks"]
    return fields


def scene_key(entry: SceneEntry, plans: list[CuePlan], quality: Quality) -> str:
    sources = {str(p.relative_to(PROJECT_ROOT)) if p.is_relative_to(PROJECT_ROOT) else str(p):
               file_digest(p) for p in source_closure(entry.source, entry.root)}
    return digest(sources, [_plan_fields(p) for p in plans], asdict(quality), entry.class_name,
                  manim_version(), __version__)


def cached_scene(entry: SceneEntry, plans: list[CuePlan], quality: Quality) -> RenderedScene | None:
    plans = on_frames(plans, quality.fps)
    key = scene_key(entry, plans, quality)
    folder = cache_dir("scenes") / key
    if (folder / "timing.json").exists() and (folder / "scene.mp4").exists():
        return RenderedScene(entry, key, folder, cached=True)
    return None


def _scene_error(entry: SceneEntry, stderr: str) -> SceneRenderError:
    """The cause, with the traceback lines that point into the scene's own file."""
    lines = stderr.strip().splitlines()
    cause = lines[-1] if lines else "the render process died without a message"
    own = []
    for i, line in enumerate(lines):
        if str(entry.source) in line or entry.source.name in line and "File" in line:
            code = lines[i + 1].strip() if i + 1 < len(lines) else ""
            own.append(f"  {line.strip()}\n      {code}")
    where = "\n".join(own[-3:]) or "  (no line of the scene's own file in the traceback)"
    cause = re.sub(r"^\w*\.?(NarrationError|PipelineError): ", "", cause)
    return SceneRenderError(f"scene {entry.id} ({entry.source}) failed: {cause}\n{where}")


def render_scene(entry: SceneEntry, plans: list[CuePlan], quality: Quality) -> RenderedScene:
    """Render the scene unless the cache has it; raise SceneRenderError naming the scene."""
    hit = cached_scene(entry, plans, quality)
    if hit is not None:
        return hit
    plans = on_frames(plans, quality.fps)
    key = scene_key(entry, plans, quality)
    final = cache_dir("scenes") / key
    work = _work_folder(key)
    work.mkdir(parents=True)
    try:
        plan_file = work / "plan.json"
        plan_file.write_text(json.dumps({"cues": [asdict(p) for p in plans]}, indent=1))
        job = {"source": str(entry.source), "root": str(entry.root),
               "class_name": entry.class_name,
               "width": quality.width, "height": quality.height, "fps": quality.fps,
               "out_dir": str(work)}
        job_file = work / "job.json"
        job_file.write_text(json.dumps(job))
        started = time.perf_counter()
        env = {**os.environ, PLAN_ENV: str(plan_file), "PYTHONPATH": str(PROJECT_ROOT)}
        result = subprocess.run([sys.executable, "-m", "explainer.render_worker", str(job_file)],
                                capture_output=True, text=True, env=env, cwd=PROJECT_ROOT)
        if result.returncode != 0:
            raise _scene_error(entry, result.stderr)
        seconds = time.perf_counter() - started
        for name in ("plan.json", "job.json"):
            (work / name).unlink()
        if final.exists():  # another build finished the same scene first
            shutil.rmtree(work)
        else:
            os.replace(work, final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return RenderedScene(entry, key, final, cached=False, seconds=seconds)
