"""The voice stage: every cue of a scene gets its clip, so every duration is known."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .clips import Clip, find_take, recorded_clip, synthesized_clip
from .marks import mark_times
from .module import SceneEntry
from .narration import Cue, CuePlan, Script, join_marks, load_script, split_marks
from .placeholders import resolve
from .takes import scene_take, split_scene_take, stray_warning
from .voices import voice_from_spec


@dataclass(frozen=True)
class VoicedScene:
    entry: SceneEntry
    script: Script  # with every placeholder resolved: the words as spoken
    clips: dict[str, Clip]
    marks: dict[str, dict[str, float]] = field(default_factory=dict)  # cue -> mark -> s
    warnings: list[str] = field(default_factory=list)

    def plans(self) -> list[CuePlan]:
        return [CuePlan(c.id, round(self.clips[c.id].duration_s, 6),
                        round(self.clips[c.id].speech_s, 6), c.text,
                        self.marks.get(c.id, {})) for c in self.script.cues]

    def cue(self, cue_id: str) -> Cue:
        return self.script.cue(cue_id)


def _resolved(cue: Cue, entry: SceneEntry) -> Cue:
    """Placeholders filled in; marks kept before the same words (numbers may add words)."""
    text, marks = split_marks(resolve(join_marks(cue.text, cue.marks), entry, cue.line))
    return replace(cue, text=text, marks=marks)


def voice_scene(entry: SceneEntry, voice_spec: str) -> VoicedScene:
    """Parse the scene's script and produce (or find in the cache) one clip per cue.

    A cue's own take wins over a whole-scene take, which wins over the synthetic voice.
    """
    raw = load_script(entry.script_path)
    script = replace(raw, cues=tuple(_resolved(c, entry) for c in raw.cues))
    voice = voice_from_spec(entry.voice or voice_spec)
    whole = scene_take(entry)
    parts = split_scene_take(whole, script) if whole else {}
    clips: dict[str, Clip] = {}
    marks: dict[str, dict[str, float]] = {}
    warnings: list[str] = []
    for cue in script.cues:
        take = find_take(entry.takes_dir, cue.id) or parts.get(cue.id)
        if take:
            clip = recorded_clip(take, cue.id)
            where = whole if whole and take == parts.get(cue.id) else take
            stray = stray_warning(clip, cue.id, cue.text, where)
            if stray:
                warnings.append(stray)
        else:
            clip = synthesized_clip(voice, cue.id, cue.text)
        clips[cue.id] = clip
        marks[cue.id] = mark_times(clip, cue)
    return VoicedScene(entry, script, clips, marks, warnings)
