"""The base class of every narrated scene: timing comes from the narration.

Before rendering, the pipeline hands the scene each cue's duration (the spoken clip plus a
breath). Scene code says which animations go with which cue::

    class Shear(NarratedScene):
        def construct(self):
            with self.narrate("grid") as cue:
                self.play(Create(grid), run_time=cue.duration)
            with self.narrate("shear") as cue:
                self.play(grid.animate.apply_matrix(M), run_time=2)
                self.play(Write(label), run_time=cue.remaining)

A mark in the script (``... the [[mark:peak]]peak ...``) names the moment a word is spoken;
``cue.until("peak")`` is the time from now to that word, so an animation can land on it::

            with self.narrate("descend") as cue:
                self.play(ball.animate.move_to(top), run_time=cue.until("peak"))
                self.play(Flash(ball), run_time=0.5)

A ``narrate`` block lasts at least its cue (it waits out whatever the animations leave), and
records the frame its cue starts on; the voice is laid at exactly that frame later.

Run with the plain ``manim`` command, a scene still plays: durations are then estimated from
the script's word count (no audio), which is handy while sketching.
"""

from __future__ import annotations

import inspect
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from manim import FadeOut, Scene, config

from .errors import NarrationError
from .narrated_scene_env import END_FADE_S, PLAN_ENV
from .narration import CuePlan, load_script

WORDS_PER_SECOND_ESTIMATE = 2.6



@dataclass
class CueTiming:
    """What scene code sees inside ``with self.narrate(...) as cue``."""

    plan: CuePlan
    start_frame: int
    scene: NarratedScene = field(repr=False)

    @property
    def duration(self) -> float:
        return self.plan.duration

    @property
    def speech(self) -> float:
        return self.plan.speech

    @property
    def text(self) -> str:
        return self.plan.text

    @property
    def elapsed(self) -> float:
        return (self.scene.frames_written - self.start_frame) / config.frame_rate

    @property
    def remaining(self) -> float:
        """Seconds left in this cue (at least one frame, so it is always a valid run_time)."""
        return max(self.duration - self.elapsed, 1 / config.frame_rate)

    def mark(self, name: str) -> float:
        """Seconds from the start of the cue to the word after ``[[mark:name]]``."""
        if name not in self.plan.marks:
            known = ", ".join(self.plan.marks) or "none"
            raise NarrationError(self.scene.script_file, f"cue [{self.plan.id}] has no mark "
                                 f"[[mark:{name}]] (its marks: {known})")
        return self.plan.marks[name]

    def until(self, name: str) -> float:
        """Seconds from now to the mark (at least one frame: a valid run_time even if late)."""
        return max(self.mark(name) - self.elapsed, 1 / config.frame_rate)

    def wait_until(self, name: str) -> None:
        """Hold the picture until the mark's word is spoken (no wait if it already was)."""
        if self.mark(name) - self.elapsed >= 1 / config.frame_rate:
            self.scene.wait(self.mark(name) - self.elapsed)


class NarratedScene(Scene):
    """A Manim scene paced by its narration script."""

    def setup(self) -> None:
        super().setup()
        self.script_file = self.script_path()
        self.cue_plan: dict[str, CuePlan] = self._load_plan()
        self.cue_starts: dict[str, int] = {}
        self.cue_overruns: dict[str, float] = {}

    # -- timing -------------------------------------------------------------------------
    @property
    def frames_written(self) -> int:
        return round(self.renderer.time * config.frame_rate)

    @contextmanager
    def narrate(self, cue_id: str) -> Iterator[CueTiming]:
        """Play the block's animations while cue ``cue_id`` is spoken."""
        if cue_id not in self.cue_plan:
            raise NarrationError(
                self.script_file, f"the scene {type(self).__name__} plays cue [{cue_id}], "
                "which the script does not have"
            )
        if cue_id in self.cue_starts:
            raise NarrationError(
                self.script_file, f"the scene {type(self).__name__} plays cue [{cue_id}] twice"
            )
        timing = CueTiming(self.cue_plan[cue_id], self.frames_written, self)
        self.cue_starts[cue_id] = timing.start_frame
        yield timing
        left = timing.duration - timing.elapsed
        if left >= 1 / config.frame_rate:
            self.wait(left)
        elif left < -0.25:
            self.cue_overruns[cue_id] = -left

    def tear_down(self) -> None:
        visible = [m for m in self.mobjects if m not in self.foreground_mobjects] + list(
            self.foreground_mobjects
        )
        if visible:
            self.play(*(FadeOut(m) for m in visible), run_time=END_FADE_S)
        self.wait(1 / config.frame_rate)  # end on a clean empty frame
        super().tear_down()

    def timing_record(self) -> dict:
        """Frame-exact cue starts, for the stitcher (written by the render worker)."""
        return {
            "fps": config.frame_rate,
            "frames": self.frames_written,
            "cue_starts": self.cue_starts,
            "unplayed": [c for c in self.cue_plan if c not in self.cue_starts],
            "overruns": self.cue_overruns,
        }

    # -- the plan ------------------------------------------------------------------------
    @classmethod
    def script_path(cls) -> Path:
        """``scenes/<module>/<id>.py`` is narrated by ``narration/<module>/<id>.txt``."""
        src = Path(inspect.getfile(cls)).resolve()
        return src.parents[2] / "narration" / src.parent.name / f"{src.stem}.txt"

    def _load_plan(self) -> dict[str, CuePlan]:
        plan_file = os.environ.get(PLAN_ENV)
        if plan_file:
            raw = json.loads(Path(plan_file).read_text())
            return {c["id"]: CuePlan(**c) for c in raw["cues"]}
        # Sketch mode under the plain manim command: estimate from word counts.
        script = load_script(self.script_path())
        plans = {}
        for c in script.cues:
            speech = len(c.text.split()) / WORDS_PER_SECOND_ESTIMATE
            marks = {name: index / WORDS_PER_SECOND_ESTIMATE for name, index in c.marks}
            plans[c.id] = CuePlan(c.id, speech + 0.35, speech, c.text, marks)
        return plans
