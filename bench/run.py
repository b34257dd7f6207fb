#!/usr/bin/env python3
"""Benchmark the pipeline against the hand-made way, in one run on one machine.

Measures (a) a cold build at preview quality, (b) the same scenes rendered one by one with
the ``manim`` command and joined with moviepy, (c) a rebuild with nothing changed, (d) a
rebuild after one narration line changed, (e) the stitch stage alone; prints times, ratios
against the baseline and peak memory, and writes them to ``bench/results/``.

    .venv/bin/python bench/run.py                       # Module 2, about 15-25 minutes
    .venv/bin/python bench/run.py --root tests/fixtures/project --module tiny   # a smoke run
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

import click

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.baseline import join_with_moviepy, render_with_manim  # noqa: E402
from bench.memory import run_measured  # noqa: E402
from explainer.module import load_module  # noqa: E402
from explainer.narration import load_script  # noqa: E402


def machine() -> dict[str, object]:
    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines() if "model name" in line), "?")
    memory = next((int(line.split()[1]) // 1024 for line in
                   Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    return {"cpu": model, "cores": os.cpu_count(), "memory_mb": memory,
            "system": platform.platform(), "python": platform.python_version()}


def snapshot(root: Path, into: Path) -> Path:
    """A private copy of the engine and the module's content, which the whole run measures:
    edits to the checkout while the bench runs cannot change what is measured, and the
    one-line edit of (d) happens in the copy, never in the creator's narration."""
    project = into / "project"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("explainer", "render.py", "pyproject.toml", "assets"):
        source = BENCH.parent / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=skip, dirs_exist_ok=True)
        else:
            shutil.copy2(source, project / name)
    for name in ("scenes", "narration", "assets"):
        if (root / name).is_dir():
            shutil.copytree(root / name, project / name, ignore=skip, dirs_exist_ok=True)
    return project


def edit_one_line(script: Path) -> str:
    """Change the words of the script's first cue (a real edit: its length changes)."""
    original = script.read_text()
    first = load_script(script).cues[0]
    lines = original.splitlines(keepends=True)
    # the cue's text starts on the line after its [id] header
    lines[first.line] = lines[first.line].rstrip("\n") + " That is the idea.\n"
    script.write_text("".join(lines))
    return original


@click.command()
@click.option("--module", "module_id", default="math_for_ai", show_default=True)
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=BENCH.parent, help="Project root holding scenes/ and narration/.")
@click.option("--quality", default="preview", show_default=True)
@click.option("--edit-scene", default=None, help="Scene whose narration (d) edits "
              "(default: the median scene by render time).")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Results file (default: bench/results/<date>-<module>.json).")
def main(module_id: str, root: Path, quality: str, edit_scene: str | None,
         out: Path | None) -> None:
    work = Path(tempfile.mkdtemp(prefix="explainer-bench-"))
    root = snapshot(root.resolve(), work)
    module = load_module(module_id, root)
    # ours and the baseline share the voice clips (this process voices for the baseline)
    os.environ["EXPLAINER_BUILD_DIR"] = str(work / "ours")
    env = dict(os.environ, PYTHONPATH=str(root))  # the snapshot's engine, not the checkout's
    build_cmd = [sys.executable, str(root / "render.py"), "build", module_id,
                 "--quality", quality]
    results: dict[str, object] = {"machine": machine(), "module": module_id,
                                  "scenes": len(module.scenes), "quality": quality}
    try:
        click.echo("(a) cold build ...")
        cold = run_measured(build_cmd, env, str(root))
        manifest = json.loads((work / "ours" / module_id / quality / "manifest.json").read_text())
        results["video_s"] = manifest["duration"]

        click.echo("(b) baseline: manim one scene at a time, then moviepy ...")
        (work / "baseline").mkdir()
        started = time.perf_counter()
        per_scene = render_with_manim(module, work / "baseline", env)
        rendered = time.perf_counter()
        join_with_moviepy(module, work / "baseline", manifest, work / "baseline.mp4")
        baseline_s = time.perf_counter() - started
        moviepy_s = time.perf_counter() - rendered

        click.echo("(c) warm rebuild ...")
        warm = run_measured(build_cmd, env, str(root))

        by_time = sorted(module.scenes, key=lambda e: per_scene[e.id])
        scene = module.scene(edit_scene) if edit_scene else by_time[len(by_time) // 2]
        click.echo(f"(d) one narration line of {scene.id} changed ...")
        original = edit_one_line(scene.script_path)  # in the snapshot
        edited = run_measured(build_cmd, env, str(root))
        scene.script_path.write_text(original)

        click.echo("(e) stitch alone: every scene cached, the outputs removed ...")
        run_measured(build_cmd, env, str(root))  # back to the unedited state
        for name in ("manifest.json", f"{module_id}.mp4"):
            (work / "ours" / module_id / quality / name).unlink()
        stitch = run_measured(build_cmd, env, str(root))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    results["seconds"] = {
        "cold_build": round(cold.seconds, 2), "baseline_manim_moviepy": round(baseline_s, 2),
        "baseline_moviepy_join": round(moviepy_s, 2), "warm_rebuild": round(warm.seconds, 2),
        "one_line_rebuild": round(edited.seconds, 2),
        "edited_scene_alone_manim": round(per_scene[scene.id], 2),
        "stitch_alone": round(stitch.seconds, 2)}
    results["edited_scene"] = scene.id
    results["ratios"] = {
        "cold_vs_baseline": round(cold.seconds / baseline_s, 3),            # target <= 0.6
        "one_line_vs_scene_alone": round(edited.seconds / per_scene[scene.id], 3),  # <= 1.3
        "stitch_vs_cold": round(stitch.seconds / cold.seconds, 4)}          # < 0.05
    results["warm_rebuild_renders"] = _renders(warm.stdout)                  # 0, and < 3 s
    results["peak_memory_mb"] = {"cold_build": round(cold.peak_mb), "warm": round(warm.peak_mb),
                                 "one_line": round(edited.peak_mb)}         # < 2048
    out = out or BENCH / "results" / f"{time.strftime('%Y-%m-%d')}-{module_id}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n")
    click.echo(json.dumps(results, indent=1))
    click.echo(f"written to {out}")


def _renders(stdout: str) -> int:
    line = next(line for line in stdout.splitlines() if "scene(s) rendered" in line)
    return int(line.split()[0])


if __name__ == "__main__":
    main()
