"""Where things live: the project's folders and the build's output and cache folders."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCENES_DIR = PROJECT_ROOT / "scenes"
NARRATION_DIR = PROJECT_ROOT / "narration"
ASSETS_DIR = PROJECT_ROOT / "assets"


def build_root() -> Path:
    """The build folder; ``EXPLAINER_BUILD_DIR`` moves it (tests use a temporary one)."""
    return Path(os.environ.get("EXPLAINER_BUILD_DIR", PROJECT_ROOT / "build")).resolve()


def cache_dir(kind: str) -> Path:
    """A content-addressed cache shared by every module and quality (voice clips, scenes)."""
    path = build_root() / "cache" / kind
    path.mkdir(parents=True, exist_ok=True)
    return path


def output_dir(module_id: str, quality: str) -> Path:
    """The finished outputs of one module at one quality."""
    path = build_root() / module_id / quality
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_atomic(path: Path, text: str) -> None:
    """Write a small cache or output file under a temporary name, then rename it into place:
    a killed build never leaves half a file under the final name."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
