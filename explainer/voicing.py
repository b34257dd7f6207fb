"""The voice stage: every cue of a scene gets its clip, so every duration is known."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .clips import Clip, find_take, recorded_clip, synthesized_clip
from .module import SceneEntry
from .narration import Cue, CuePlan, Script, load_script
from .placeholders import resolve
from .voices import voice_from_spec


@dataclass(frozen=True)
class VoicedScene:
    entry: SceneEntry
    script: Script  # with every placeholder resolved: the words as spoken
    clips: dict[str, Clip]

    def plans(self) -> list[CuePlan]:
        return [CuePlan(c.id, round(self.clips[c.id].duration_s, 6),
                        round(self.clips[c.id].speech_s, 6), c.text) for c in self.script.cues]

    def cue(self, cue_id: str) -> Cue:
        return self.script.cue(cue_id)


def voice_scene(entry: SceneEntry, voice_spec: str) -> VoicedScene:
    """Parse the scene's script and produce (or find in the cache) one clip per cue."""
    raw = load_script(entry.script_path)
    script = replace(raw, cues=tuple(replace(c, text=resolve(c.text, entry, c.line))
                                     for c in raw.cues))
    voice = voice_from_spec(entry.voice or voice_spec)
    clips: dict[str, Clip] = {}
    for cue in script.cues:
        take = find_take(entry.takes_dir, cue.id)
        clips[cue.id] = (recorded_clip(take, cue.id) if take
                         else synthesized_clip(voice, cue.id, cue.text))
    return VoicedScene(entry, script, clips)
