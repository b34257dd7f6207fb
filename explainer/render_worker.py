"""Render one scene in a process of its own: ``python -m explainer.render_worker JOB.json``.

A process per scene keeps Manim's global ``config`` from leaking between scenes and lets
scenes render in parallel. The job file says what to render and where; the worker writes
the silent video and a timing record (the frame each cue starts on) next to each other.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib
import importlib.util
import inspect
import json
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


def _lock_tex_compiles(tex_dir: Path) -> None:
    """Give each LaTeX expression a lock of its own in the shared tex folder.

    Two workers typesetting the same expression at once would write the same .tex, .dvi and
    .svg files over each other; with the lock the second one waits and then finds the SVG.
    """
    from manim.mobject.text import tex_mobject

    compile_to_svg = tex_mobject.tex_to_svg_file
    locks = tex_dir / "locks"
    locks.mkdir(exist_ok=True)

    def locked(expression: str, environment: str | None = None, tex_template=None) -> Path:
        key = hashlib.sha256(f"{expression}\0{environment}".encode()).hexdigest()[:20]
        with open(locks / f"{key}.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            return compile_to_svg(expression, environment, tex_template)

    tex_mobject.tex_to_svg_file = locked


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
        # LaTeX and text glyphs are the slow part of a first render; share them across scenes.
        config.tex_dir = str(cache_dir("manim-tex"))
        config.text_dir = str(cache_dir("manim-text"))
        # Manim's LaTeX clean-up deletes every non-SVG file in the tex folder, including the
        # DVI another worker is converting at that moment; keep them (it is a cache).
        config.no_latex_cleanup = True
        _lock_tex_compiles(Path(config.tex_dir))
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
