"""Render one scene in a process of its own: ``python -m explainer.render_worker JOB.json``.

A process per scene keeps Manim's global ``config`` from leaking between scenes and lets
scenes render in parallel. The job file says what to render and where; the worker writes
the silent video and a timing record (the frame each cue starts on) next to each other.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .paths import PROJECT_ROOT, cache_dir


def _import_scene_module(source: Path, root: Path = PROJECT_ROOT):
    """Import the scene as ``scenes.<module>.<file>`` of its project root.

    A root other than this project's (the tests' fixture project, a course kept in another
    folder) goes first on the path, and its ``scenes`` package falls back to ours, so its
    scenes can still use ``scenes.shared``. Hashing resolves imports the same way.
    """
    source, root = source.resolve(), root.resolve()
    if not source.is_relative_to(root / "scenes"):
        # a lone scene file: import it by path
        spec = importlib.util.spec_from_file_location(f"_scene_{source.stem}", source)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module
    if root != PROJECT_ROOT:
        sys.path.insert(0, str(root))
        scenes = importlib.import_module("scenes")
        scenes.__path__.append(str(PROJECT_ROOT / "scenes"))
    dotted = ".".join(source.relative_to(root).with_suffix("").parts)
    return importlib.import_module(dotted)


def find_scene_class(module, class_name: str | None):
    from .narrated_scene import NarratedScene

    if class_name:
        return getattr(module, class_name)
    own = [
        obj for obj in vars(module).values()
        if inspect.isclass(obj) and issubclass(obj, NarratedScene)
        and obj is not NarratedScene and obj.__module__ == module.__name__
    ]
    if len(own) != 1:
        names = ", ".join(c.__name__ for c in own) or "none"
        raise LookupError(
            f"{module.__file__}: expected one NarratedScene subclass, found {names}; "
            "name the class in module.toml with class = \"...\""
        )
    return own[0]


def _share_latex(shared: Path) -> None:
    """Reuse LaTeX output across scenes and builds without sharing Manim's working folder.

    Manim writes scratch files next to its SVGs (and deletes them), so two workers in one
    folder trip over each other. Each worker typesets in its own folder; an SVG another
    render already made is copied in from ``shared`` first, and a new one is published
    there under a temporary name and renamed, so readers only ever see whole files.
    """
    from manim import config
    from manim.mobject.text import tex_mobject
    from manim.utils.tex_file_writing import generate_tex_file

    compile_to_svg = tex_mobject.tex_to_svg_file

    def shared_svg(expression: str, environment: str | None = None, tex_template=None) -> Path:
        template = tex_template or config.tex_template
        own = generate_tex_file(expression, environment, template).with_suffix(".svg")
        cached = shared / own.name
        if cached.exists() and not own.exists():
            shutil.copyfile(cached, own)
        svg = compile_to_svg(expression, environment, template)
        if not cached.exists():
            scratch = shared / f".{own.name}.{os.getpid()}.tmp"
            shutil.copyfile(svg, scratch)
            os.replace(scratch, cached)
        return svg

    tex_mobject.tex_to_svg_file = shared_svg


def render(job: dict) -> dict:
    from manim import config

    out_dir = Path(job["out_dir"])
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".media-") as media:
        config.pixel_width = job["width"]
        config.pixel_height = job["height"]
        config.frame_rate = job["fps"]
        config.media_dir = media
        config.disable_caching = True  # the pipeline caches whole scenes by content hash
        config.verbosity = "WARNING"
        config.progress_bar = "none"
        config.output_file = "scene"
        # Manim's scratch folders are this render's own; LaTeX, the slow part of a first
        # render, is shared with every other scene through the cache.
        config.tex_dir = str(Path(media) / "tex")
        config.text_dir = str(Path(media) / "texts")
        _share_latex(cache_dir("manim-tex"))
        module = _import_scene_module(Path(job["source"]), Path(job.get("root", PROJECT_ROOT)))
        scene_class = find_scene_class(module, job.get("class_name"))
        scene = scene_class()
        scene.render()
        movie = Path(scene.renderer.file_writer.movie_file_path)
        record = scene.timing_record()
        record["scene_class"] = scene_class.__name__
        movie.replace(out_dir / "scene.mp4")
    (out_dir / "timing.json").write_text(json.dumps(record, indent=1))
    return record


def main() -> None:
    job = json.loads(Path(sys.argv[1]).read_text())
    sys.path.insert(0, str(PROJECT_ROOT))
    render(job)


if __name__ == "__main__":
    main()
