#!/usr/bin/env python3
"""Build narrated explainer videos from scenes/ and narration/.

\b
Examples:
  render.py list                                  modules and their scenes
  render.py build math_for_ai                     the whole module, preview quality
  render.py build math_for_ai -q production       1080p60
  render.py scene math_for_ai matrix_transforms   one scene as its own video
  render.py voice math_for_ai                     only the narration audio
  render.py view math_for_ai                      watch it: video, chapters, transcript, quiz
  render.py build math_for_ai --shard 2/4         one of 4 cluster jobs, then:
  render.py assemble math_for_ai                  join the shards' scenes
"""

from __future__ import annotations

import sys

import click

from explainer.build import BuildFailed, build
from explainer.errors import PipelineError
from explainer.module import list_modules, load_module

QUALITY = click.option("-q", "--quality", type=click.Choice(["preview", "production"]),
                       default="preview", show_default=True,
                       help="preview: 480p15, fast. production: 1080p60.")
JOBS = click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                    help="Scenes rendered at once (default: one per core).")


def executor_options(command):
    """--executor/--scheduler: where the scene renders run."""
    command = click.option("--scheduler", metavar="ADDRESS", default=None,
                           help="Dask scheduler (tcp://host:8786) for --executor dask; "
                                "without it a local Dask cluster is started.")(command)
    return click.option("--executor", type=click.Choice(["local", "dask"]), default="local",
                        show_default=True,
                        help="local: worker processes here. dask: tasks on a Dask cluster "
                             "(workers must see the project and build folder).")(command)


class Cli(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BuildFailed as err:
            click.secho(str(err), fg="red", err=True)
            sys.exit(1)
        except PipelineError as err:
            click.secho(f"error: {err}", fg="red", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.secho("interrupted: finished scenes are cached, finished files untouched; "
                        "run the same command again to resume", fg="yellow", err=True)
            sys.exit(130)


@click.group(cls=Cli, help=__doc__)
def cli() -> None:
    pass


@cli.command("list")
def list_command() -> None:
    """List the modules and their scenes (= chapters)."""
    for module_id in list_modules():
        module = load_module(module_id)
        click.secho(f"{module.id}  Module {module.number}: {module.title}", bold=True)
        for i, scene in enumerate(module.scenes, start=1):
            click.echo(f"  {i:>2}. {scene.id:<28} {scene.chapter}")


def _report(report) -> None:
    for warning in report.warnings:
        click.secho(f"warning: {warning}", fg="yellow", err=True)
    click.echo(f"{report.renders} scene(s) rendered, "
               f"{len(report.rendered) - report.renders} from cache -> {report.output}")


@cli.command("build")
@click.argument("module")
@QUALITY
@JOBS
@executor_options
@click.option("--shard", metavar="K/N", default=None,
              help="Render only share K of N (1-based) into the shared cache; "
                   "then run `render.py assemble`.")
def build_command(module: str, quality: str, jobs: int | None, executor: str,
                  scheduler: str | None, shard: str | None) -> None:
    """Render MODULE (only what changed) and write its video, captions and manifest."""
    from explainer.executors import make_executor
    from explainer.shards import parse_shard

    part = parse_shard(shard) if shard else None
    engine = make_executor(executor, jobs, scheduler)
    try:
        report = build(module, quality, jobs=jobs, executor=engine, shard=part)
    finally:
        engine.close()
    if part:
        click.echo(f"shard {part}: {report.renders} scene(s) rendered, "
                   f"{len(report.rendered) - report.renders} already cached")
    else:
        _report(report)


@cli.command("assemble")
@click.argument("module")
@QUALITY
def assemble_command(module: str, quality: str) -> None:
    """Join MODULE from rendered scenes only (after `build --shard`); renders nothing."""
    _report(build(module, quality, render=False))


@cli.command("scene")
@click.argument("module")
@click.argument("scenes", nargs=-1, required=True)
@QUALITY
def scene_command(module: str, scenes: tuple[str, ...], quality: str) -> None:
    """Render one or more SCENES of MODULE, each as its own narrated video."""
    _report(build(module, quality, scene_ids=list(scenes)))


@cli.command("voice")
@click.argument("module")
def voice_command(module: str) -> None:
    """Voice every cue of MODULE (no rendering): check the words and their lengths."""
    from explainer.build import voice_module
    from explainer.progress import Progress

    mod = load_module(module)
    voiced, failures = voice_module(mod, list(mod.scenes), Progress(len(mod.scenes)))
    total = 0.0
    for scene in voiced:
        seconds = sum(p.duration for p in scene.plans())
        total += seconds
        click.echo(f"{scene.entry.id:<28} {len(scene.plans()):>3} cues {seconds:7.1f}s")
    click.echo(f"{'total':<28} {'':>8} {total:7.1f}s  ({total / 60:.1f} min)")
    if failures:
        raise PipelineError("\n".join(failures.values()))


@cli.command("sheet")
@click.argument("module")
@QUALITY
@click.option("--scene", default=None, help="Only this scene's cues.")
@click.option("-o", "--out", type=click.Path(), default=None, help="PNG to write.")
def sheet_command(module: str, quality: str, scene: str | None, out: str | None) -> None:
    """Write a contact sheet of a finished build: one frame per cue, to look at."""
    from pathlib import Path

    from explainer.contact_sheet import contact_sheet
    from explainer.paths import output_dir

    folder = output_dir(module, quality)
    own = folder / "scenes" / (scene or "") / "manifest.json"
    newest = max((m for m in (own, folder / "manifest.json") if scene and m.exists()),
                 key=lambda m: m.stat().st_mtime, default=None)
    if newest is not None:
        folder = newest.parent  # the scene's own build if it is newer than the module's
    target = Path(out) if out else folder / f"contact-sheet{'-' + scene if scene else ''}.png"
    click.echo(contact_sheet(folder / "manifest.json", target, scene=scene))


@cli.command("check")
@click.argument("module")
@QUALITY
def check_command(module: str, quality: str) -> None:
    """Verify a finished build of MODULE from outside; print a pass/fail table."""
    from explainer.check import check_build, format_table
    from explainer.paths import output_dir

    folder = output_dir(module, quality)
    if not (folder / "manifest.json").exists():
        raise PipelineError(f"no finished build in {folder}: run `render.py build {module}`")
    results = check_build(folder)
    click.echo(format_table(results))
    if not all(r.passed for r in results):
        sys.exit(1)


@cli.command("view")
@click.argument("module")
@QUALITY
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free one).")
@click.option("--open/--no-open", "open_browser", default=True, show_default=True,
              help="Open the page in the default browser.")
def view_command(module: str, quality: str, port: int, open_browser: bool) -> None:
    """Serve MODULE's page (video, chapters, transcript, quiz) and open it; Ctrl-C stops."""
    from explainer.paths import output_dir
    from explainer.viewer import serve

    serve(output_dir(module, quality), port, open_browser)


@cli.command("new-scene")
@click.argument("module")
@click.argument("name")
@click.option("--chapter", default=None, help="Chapter title (default: from NAME).")
def new_scene_command(module: str, name: str, chapter: str | None) -> None:
    """Add scene NAME to MODULE: scene file, narration with two cues, scene-list line."""
    from explainer.scaffold import new_scene

    for path in new_scene(module, name, chapter):
        click.echo(f"wrote {path}")
    click.echo(f"preview it: .venv/bin/python render.py scene {module} {name}")


if __name__ == "__main__":
    cli()
