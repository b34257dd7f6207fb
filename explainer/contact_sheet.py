"""A contact sheet: one frame per cue of a finished build, tiled into one PNG to look at.

Each frame is taken near the end of its cue, when that cue's animations have settled (for a
scene's last cue, before the closing fade), and labelled with the scene and cue id.
"""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

from .media import ffmpeg
from .narrated_scene_env import END_FADE_S


def contact_sheet(manifest_path: Path, out: Path, columns: int = 4, scene: str | None = None,
                  width: int = 480) -> Path:
    manifest = json.loads(manifest_path.read_text())
    video = manifest_path.parent / manifest["video"]
    cues = [c for c in manifest["cues"] if scene is None or c["scene"] == scene]
    chapter_end = {c["scene"]: c["end"] for c in manifest["chapters"]}
    with tempfile.TemporaryDirectory() as tmp:
        for i, cue in enumerate(cues):
            following = [c["start"] for c in manifest["cues"] if c["start"] > cue["start"]]
            end = min(following[0] if following else chapter_end[cue["scene"]],
                      chapter_end[cue["scene"]] - END_FADE_S)
            at = max(cue["start"], end - 0.4)
            label = f"{cue['scene']} / {cue['id']}  {at:.1f}s".replace(":", r"\:")
            ffmpeg("-ss", f"{at:.3f}", "-i", str(video), "-frames:v", "1",
                   "-vf", f"scale={width}:-2,drawtext=text='{label}':x=6:y=h-th-6:"
                          "fontsize=13:fontcolor=white:box=1:boxcolor=black@0.6",
                   str(Path(tmp) / f"{i:04d}.png"))
        rows = math.ceil(len(cues) / columns)
        ffmpeg("-framerate", "1", "-i", str(Path(tmp) / "%04d.png"),
               "-vf", f"tile={columns}x{rows}:padding=4:color=white", "-frames:v", "1", str(out))
    return out
