"""Module definitions: a data file listing a module's scenes, in order, with chapter titles.

``scenes/<module>/module.toml``::

    id = "math_for_ai"
    number = 2
    title = "Mathematics for AI"
    voice = "flite:slt"          # optional; see explainer.voices
    scenes = [
      { id = "matrix_transforms", chapter = "Matrices move space" },
    ]

Scene ``id`` names both ``scenes/<module>/<id>.py`` and ``narration/<module>/<id>.txt``;
the scene class is the one NarratedScene subclass defined in that file (or ``class = ...``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import ModuleError
from .paths import PROJECT_ROOT

_ID = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class SceneEntry:
    module_id: str
    id: str
    chapter: str
    root: Path = PROJECT_ROOT  # the folder holding scenes/ and narration/
    class_name: str | None = None
    voice: str | None = None

    @property
    def source(self) -> Path:
        return self.root / "scenes" / self.module_id / f"{self.id}.py"

    @property
    def script_path(self) -> Path:
        return self.root / "narration" / self.module_id / f"{self.id}.txt"

    @property
    def takes_dir(self) -> Path:
        """Recorded takes: ``narration/<module>/<scene>/<cue-id>.wav`` replace synthesised clips."""
        return self.root / "narration" / self.module_id / self.id


@dataclass(frozen=True)
class Module:
    id: str
    number: int
    title: str
    voice: str
    scenes: tuple[SceneEntry, ...]
    path: Path

    def scene(self, scene_id: str) -> SceneEntry:
        for entry in self.scenes:
            if entry.id == scene_id:
                return entry
        known = ", ".join(e.id for e in self.scenes)
        raise ModuleError(f"{self.path}: no scene {scene_id!r} (scenes: {known})")


DEFAULT_VOICE = "flite:slt"


def module_file(module_id: str, root: Path = PROJECT_ROOT) -> Path:
    return root / "scenes" / module_id / "module.toml"


def list_modules(root: Path = PROJECT_ROOT) -> list[str]:
    return sorted(p.parent.name for p in (root / "scenes").glob("*/module.toml"))


def load_module(module_id: str, root: Path = PROJECT_ROOT) -> Module:
    """Load and check a module definition; every scene must have its code and its script."""
    path = module_file(module_id, root)
    if not path.exists():
        known = ", ".join(list_modules(root)) or "none"
        raise ModuleError(f"no module {module_id!r}: {path} does not exist (modules: {known})")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ModuleError(f"{path}: {err}") from None
    for key in ("title", "scenes"):
        if key not in data:
            raise ModuleError(f"{path}: missing key {key!r}")
    scenes = []
    seen: set[str] = set()
    for index, raw in enumerate(data["scenes"], start=1):
        if not isinstance(raw, dict) or "id" not in raw or "chapter" not in raw:
            raise ModuleError(f"{path}: scene {index} needs an id and a chapter title")
        scene_id = raw["id"]
        if not _ID.fullmatch(scene_id):
            raise ModuleError(f"{path}: scene id {scene_id!r} must be a Python module name")
        if scene_id in seen:
            raise ModuleError(f"{path}: scene {scene_id!r} listed twice")
        seen.add(scene_id)
        entry = SceneEntry(
            module_id=module_id,
            id=scene_id,
            chapter=raw["chapter"],
            root=root,
            class_name=raw.get("class"),
            voice=raw.get("voice"),
        )
        for needed, what in ((entry.source, "scene code"), (entry.script_path, "narration")):
            if not needed.exists():
                raise ModuleError(f"{path}: scene {scene_id!r} has no {what} at {needed}")
        scenes.append(entry)
    if not scenes:
        raise ModuleError(f"{path}: the scene list is empty")
    return Module(
        id=data.get("id", module_id),
        number=int(data.get("number", 0)),
        title=data["title"],
        voice=data.get("voice", DEFAULT_VOICE),
        scenes=tuple(scenes),
        path=path,
    )
