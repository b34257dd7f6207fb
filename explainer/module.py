"""Module definitions: a data file listing a module's scenes, in order, with chapter titles.

``scenes/<module>/module.toml``::

    id = "math_for_ai"
    number = 2
    title = "Mathematics for AI"
    voice = "flite:slt"          # optional; see explainer.voices
    music = "assets/music/calm_pad.ogg"  # optional: a music bed under the narration
    music_db = -10               # optional: the bed's level between cues, dB against the voice
    scenes = [
      { id = "matrix_transforms", chapter = "Matrices move space" },
    ]

Scene ``id`` names both ``scenes/<module>/<id>.py`` and ``narration/<module>/<id>.txt``;
the scene class is the one NarratedScene subclass defined in that file (or ``class = ...``).

``music`` is a path relative to the project root (the folder holding ``scenes/``), to any
file ffmpeg decodes; it is looped or cut to the module's length, ducked under the voice and
faded at the ends (see :mod:`explainer.music`). ``music_db`` (default -10, from -40 to -6)
sets how loud the bed is when nobody speaks, relative to the voice; while the voice speaks
it is 6 dB lower still. The module's loudness targets hold for the mix.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import ModuleError
from .music import DEFAULT_LEVEL_DB, LEVEL_RANGE_DB
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
    music: Path | None = None  # the bed under the narration, if any
    music_db: float = DEFAULT_LEVEL_DB

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
    music, music_db = _music(data, path, root)
    return Module(
        id=data.get("id", module_id),
        number=int(data.get("number", 0)),
        title=data["title"],
        voice=data.get("voice", DEFAULT_VOICE),
        scenes=tuple(scenes),
        path=path,
        music=music,
        music_db=music_db,
    )


def _music(data: dict, path: Path, root: Path) -> tuple[Path | None, float]:
    """The optional ``music`` file (checked to exist) and its ``music_db`` level."""
    raw = data.get("music")
    level = data.get("music_db", DEFAULT_LEVEL_DB)
    if raw is None:
        if "music_db" in data:
            raise ModuleError(f"{path}: music_db is set but there is no music; add a line "
                              'such as music = "assets/music/calm_pad.ogg"')
        return None, DEFAULT_LEVEL_DB
    if not isinstance(raw, str) or not raw.strip():
        raise ModuleError(f"{path}: music must be a file path relative to {root}, such as "
                          '"assets/music/calm_pad.ogg"')
    music = root / raw
    if not music.is_file():
        raise ModuleError(f"{path}: the music file {raw!r} does not exist (looked for {music})")
    low, high = LEVEL_RANGE_DB
    if isinstance(level, bool) or not isinstance(level, int | float):
        raise ModuleError(f"{path}: music_db must be a number of dB, such as -10")
    if not low <= level <= high:
        raise ModuleError(f"{path}: music_db = {level} is out of range: from {low:g} (barely "
                          f"audible) to {high:g} (as loud as a bed can be under a voice)")
    return music, float(level)
