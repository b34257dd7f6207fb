"""One build: plan, voice, render (in parallel, cached), assemble. Failures are per scene."""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import PipelineError
from .executors import LocalPool, RenderExecutor
from .hashing import digest, file_digest
from .module import Module, SceneEntry, load_module
from .paths import PROJECT_ROOT, build_root, cache_dir, output_dir
from .preflight import require_tools
from .progress import Progress
from .quality import Quality, quality
from .scene_render import RenderedScene, cached_scene, sweep_stale_work
from .shards import Shard, shard_scenes
from .stitch import assemble
from .viewer import read_quiz, write_page
from .voicing import VoicedScene, voice_scene


@dataclass
class BuildReport:
    module: Module
    quality: Quality
    rendered: list[RenderedScene] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    manifest: dict | None = None
    output: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def renders(self) -> int:
        return sum(not r.cached for r in self.rendered)


class BuildFailed(PipelineError):
    def __init__(self, report: BuildReport) -> None:
        lines = [f"{len(report.failures)} of {len(report.module.scenes)} scenes failed; "
                 "the previous module video (if any) is untouched:"]
        lines += [f"- {msg}" for msg in report.failures.values()]
        super().__init__("\n".join(lines))
        self.report = report


@contextmanager
def module_lock(module_id: str) -> Iterator[None]:
    """One build per module at a time; a second one refuses at once with a clear message."""
    path = build_root() / module_id / ".lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise PipelineError(
                f"module {module_id} is already being built by {holder}; "
                "wait for it to finish, then build again"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)


def scene_output_dir(module_id: str, quality_name: str, scene_id: str) -> Path:
    folder = output_dir(module_id, quality_name) / "scenes" / scene_id
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _timings_file(module_id: str, quality_name: str) -> Path:
    return cache_dir("timings") / f"{module_id}-{quality_name}.json"


def voice_module(module: Module, entries: list[SceneEntry],
                 progress: Progress) -> tuple[list[VoicedScene], dict[str, str]]:
    voiced, failures = [], {}
    for entry in entries:
        progress.update(entry.id, "voicing")
        try:
            voiced.append(voice_scene(entry, module.voice))
        except PipelineError as err:
            failures[entry.id] = str(err)
            progress.update(entry.id, "failed", str(err).splitlines()[0])
    return voiced, failures


def build(module_id: str, quality_name: str = "preview", scene_ids: list[str] | None = None,
          jobs: int | None = None, root: Path = PROJECT_ROOT, quiet: bool = False,
          executor: RenderExecutor | None = None, shard: Shard | None = None,
          render: bool = True) -> BuildReport:
    """Build a module (or some of its scenes, each as its own short video).

    ``shard`` renders only that share of the scenes into the shared cache and assembles
    nothing; ``render=False`` assembles from the cache alone (after the shards are done).
    """
    require_tools()
    module = load_module(module_id, root)
    preset = quality(quality_name)
    entries = [module.scene(s) for s in scene_ids] if scene_ids else list(module.scenes)
    report = BuildReport(module, preset)
    progress = Progress(len(entries), quiet)
    executor = executor or LocalPool(jobs)
    if shard is not None:
        # no module lock: shards run at once on other machines; each scene lands atomically
        voiced, report.failures = voice_module(module, entries, progress)
        mine = shard_scenes(voiced, shard)
        progress.total = len(mine)
        _render_all(module, mine, preset, executor, progress, report)
        if report.failures:
            raise BuildFailed(report)
        return report
    quiz = root / "narration" / module.id / "quiz.toml"
    if not scene_ids and quiz.exists():
        read_quiz(quiz, [s.id for s in module.scenes], root)  # a bad quiz fails before rendering
    with module_lock(module.id):
        sweep_stale_work()
        voiced, report.failures = voice_module(module, entries, progress)
        rendered = _render_all(module, voiced, preset, executor if render else None,
                               progress, report)
        if report.failures:
            raise BuildFailed(report)
        pairs = [(v, rendered[v.entry.id]) for v in voiced]
        for voiced_scene, scene in pairs:
            report.warnings += voiced_scene.warnings + scene.warnings
        if not scene_ids and _up_to_date(module, pairs, preset):
            report.output = output_dir(module.id, preset.name) / f"{module.id}.mp4"
            report.manifest = json.loads((report.output.parent / "manifest.json").read_text())
            write_page(report.manifest, report.output.parent, quiz)  # its own inputs may change
            progress.update(module.id, "cached", str(report.output))
            return report
        if scene_ids:
            # a scene on its own: build/<module>/<quality>/scenes/<scene>/<scene>.mp4 etc.
            for pair in pairs:
                entry = pair[0].entry
                alone = replace(module, id=entry.id, title=entry.chapter, scenes=(entry,))
                folder = scene_output_dir(module.id, preset.name, entry.id)
                progress.update(entry.id, "assembling")
                report.manifest = assemble(alone, [pair], preset, folder)
                write_page(report.manifest, folder)
                report.output = folder / f"{entry.id}.mp4"
        else:
            progress.update(module.id, "assembling")
            report.manifest = assemble(module, pairs, preset, output_dir(module.id, preset.name),
                                       build_key=assembly_key(module, pairs))
            report.output = output_dir(module.id, preset.name) / f"{module.id}.mp4"
            write_page(report.manifest, report.output.parent, quiz)
        progress.update(module.id if not scene_ids else entries[-1].id, "written",
                        str(report.output))
    return report


def assembly_key(module: Module, pairs: list[tuple[VoicedScene, RenderedScene]]) -> str:
    """Everything the finished files depend on: the scenes, their clips, titles, the music
    bed (its bytes and level: a new bed re-assembles, it renders nothing), the code."""
    music = (file_digest(module.music), module.music_db) if module.music else None
    return digest(module.title, [(v.entry.chapter, r.key, [(c.cue_id, c.path.name)
                                                           for c in v.clips.values()])
                                 for v, r in pairs], music,
                  [file_digest(p) for p in sorted(Path(__file__).parent.glob("*.py"))])


def _up_to_date(module: Module, pairs: list, preset: Quality) -> bool:
    folder = output_dir(module.id, preset.name)
    manifest = folder / "manifest.json"
    if not (manifest.exists() and (folder / f"{module.id}.mp4").exists()):
        return False
    return json.loads(manifest.read_text()).get("build_key") == assembly_key(module, pairs)


def _render_all(module: Module, voiced: list[VoicedScene], preset: Quality,
                executor: RenderExecutor | None, progress: Progress,
                report: BuildReport) -> dict[str, RenderedScene]:
    """Render what the cache lacks (``executor=None``: render nothing, report it missing)."""
    rendered: dict[str, RenderedScene] = {}
    todo = []
    for v in voiced:
        hit = cached_scene(v.entry, v.plans(), preset)
        if hit is not None:
            rendered[v.entry.id] = hit
            progress.update(v.entry.id, "cached")
        elif executor is None:
            report.failures[v.entry.id] = (f"scene {v.entry.id} is not rendered at this version "
                                           "yet: run its shard (or a full build) first")
            progress.update(v.entry.id, "failed", "not rendered yet")
        else:
            todo.append(v)
    if todo:
        _render_missing(module, todo, preset, executor, progress, report, rendered)
    report.rendered = list(rendered.values())
    return rendered


def _render_missing(module: Module, todo: list[VoicedScene], preset: Quality,
                    executor: RenderExecutor, progress: Progress, report: BuildReport,
                    rendered: dict[str, RenderedScene]) -> None:
    # longest first, by the last build's render times, so the workers finish together
    timings_path = _timings_file(module.id, preset.name)
    last = json.loads(timings_path.read_text()) if timings_path.exists() else {}
    todo.sort(key=lambda v: -last.get(v.entry.id, sum(p.duration for p in v.plans())))
    with ThreadPoolExecutor(max_workers=executor.slots(len(todo))) as pool:
        futures = {}
        def render(v: VoicedScene, priority: int) -> RenderedScene:
            progress.update(v.entry.id, "rendering", executor.name)
            return executor.render(v.entry, v.plans(), preset, priority)

        for rank, v in enumerate(todo):
            progress.update(v.entry.id, "queued")
            futures[pool.submit(render, v, len(todo) - rank)] = v
        for future in as_completed(futures):
            entry = futures[future].entry
            try:
                scene = future.result()
            except PipelineError as err:
                report.failures[entry.id] = str(err)
                progress.update(entry.id, "failed", str(err).splitlines()[0])
                continue
            rendered[entry.id] = scene
            last[entry.id] = round(scene.seconds, 2)
            progress.update(entry.id, "done", f"{scene.seconds:.1f}s")
    timings_path.write_text(json.dumps(last, indent=1))
