"""``render.py new-scene``: a new scene that renders at once, from a template.

Writes the scene file, a narration script with two example cues, and adds the scene to the
end of the module's scene list (the one line a contributor would otherwise add by hand).
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import ModuleError
from .module import _ID, load_module, module_file
from .paths import PROJECT_ROOT

SCENE_TEMPLATE = '''"""{chapter}: what this scene shows, in one sentence."""

from __future__ import annotations

from manim import DOWN, Circle, Create, FadeIn, Write

from scenes.shared.base import ModuleScene, body_text, section_title
from scenes.shared.palette import ACCENT, BODY_SIZE


class {class_name}(ModuleScene):
    def construct(self) -> None:
        title = section_title("{chapter}")
        with self.narrate("opening") as cue:
            self.play(FadeIn(title), run_time=1)
            self.play(Create(Circle(radius=1.5, color=ACCENT)), run_time=cue.remaining)

        with self.narrate("point") as cue:
            words = body_text("One idea per cue.", size=BODY_SIZE).to_edge(DOWN, buff=1.2)
            self.play(Write(words), run_time=min(2.0, cue.duration))
'''

NARRATION_TEMPLATE = """# {chapter}: one cue per [id], animated by the scene while it is spoken.
# Numbers come from code: {{model.NAME}} reads NAME from scenes/<module>/models/model.py.

[opening]
This is the opening cue of the new scene. Replace these words with your own.

[point]
A second cue, with its own animation.
"""


def class_name_for(scene_id: str) -> str:
    return "".join(part.capitalize() for part in scene_id.split("_"))


def new_scene(module_id: str, scene_id: str, chapter: str | None = None,
              root: Path = PROJECT_ROOT) -> list[Path]:
    """Create the scene, its narration and its line in module.toml; return the files."""
    module = load_module(module_id, root)
    if not _ID.fullmatch(scene_id):
        raise ModuleError(f"scene id {scene_id!r}: use lower-case letters, digits and '_', "
                          "starting with a letter")
    if any(s.id == scene_id for s in module.scenes):
        raise ModuleError(f"module {module_id} already has a scene {scene_id!r}")
    chapter = chapter or scene_id.replace("_", " ").capitalize()
    scene_file = root / "scenes" / module_id / f"{scene_id}.py"
    script = root / "narration" / module_id / f"{scene_id}.txt"
    for path in (scene_file, script):
        if path.exists():
            raise ModuleError(f"{path} already exists")
    scene_file.write_text(SCENE_TEMPLATE.format(chapter=chapter,
                                                class_name=class_name_for(scene_id)))
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(NARRATION_TEMPLATE.format(chapter=chapter))
    toml = module_file(module_id, root)
    text = toml.read_text()
    line = f'  {{ id = "{scene_id}", chapter = "{chapter}" }},\n'
    closing = list(re.finditer(r"^\]\s*$", text, re.MULTILINE))
    if not closing:
        raise ModuleError(f"{toml}: cannot find the end of the scenes list to add {scene_id}")
    at = closing[-1].start()
    toml.write_text(text[:at] + line + text[at:])
    load_module(module_id, root)  # the result must load
    return [scene_file, script, toml]
