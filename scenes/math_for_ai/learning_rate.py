"""The learning rate, side by side: too small, the course's, too large.

Three copies of the same hill; each ball replays ``models.descent.RUNS[rate]``, the course's
loop with only the rate changed, so the three stories differ by that one number.
"""

from __future__ import annotations

from dataclasses import dataclass

from manim import (
    RIGHT,
    UP,
    Axes,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    Indicate,
    ParametricFunction,
    Text,
    Transform,
    ValueTracker,
    VGroup,
)

from scenes.math_for_ai.hill_drawing import (
    STEP,
    axis_labels,
    hill_axes,
    hop,
    label,
    loss_curve,
    on_curve,
    riding_ball,
    whole_frames,
)
from scenes.math_for_ai.models.descent import (
    LR_BOUNCE,
    LR_DIVERGE,
    LR_GOOD,
    LR_SMALL,
    RUNS,
    STEPS,
    W_BEST,
    shrink_factor,
)
from scenes.shared.base import ModuleScene, section_title
from scenes.shared.math_widgets import fmt
from scenes.shared.palette import LABEL_SIZE, MUTED, SMALL_SIZE, TEXT

PANEL_X = (-4.4, 0.0, 4.4)
W_RANGE = (-2.5, 6.5, 2)
LOSS_RANGE = (0, 20, 5)
ARC_MIN = 0.45  # steps shorter than this (in weight) get no arc: it would be all tip
BOUNCES = 4  # hops shown at the rate that bounces forever
ON_CHART = 2  # hops shown at the rate that diverges before the ball leaves the chart


@dataclass
class Panel:
    """One small hill with its own ball, replaying one learning rate's run."""

    axes: Axes
    curve: ParametricFunction
    weight: ValueTracker
    ball: Dot
    header: Text

    def frame(self) -> VGroup:
        """Everything drawn before the ball moves."""
        return VGroup(self.axes, axis_labels(self.axes, SMALL_SIZE), self.curve, self.header)


def rate_header(rate: float) -> Text:
    return label(f"learning rate {fmt(rate)}", LABEL_SIZE, STEP)


def make_panel(x: float, rate: float) -> Panel:
    axes = hill_axes(W_RANGE, LOSS_RANGE, width=3.7, height=2.7, number_size=SMALL_SIZE)
    axes.move_to([x, 0.1, 0])
    weight = ValueTracker(float(RUNS[rate].weights[0]))
    header = rate_header(rate).move_to([x, 2.4, 0])
    return Panel(axes, loss_curve(axes, stroke_width=4), weight,
                 riding_ball(axes, weight, radius=0.1), header)


def below(panel: Panel, text: str, row: int, color=TEXT) -> Text:
    """A read-out line under a panel (row 0 first)."""
    return label(text, SMALL_SIZE, color).move_to([panel.axes.get_x(), -2.35 - 0.5 * row, 0])


class LearningRate(ModuleScene):
    def walk(self, panel: Panel, rate: float, steps: int, per_step: float) -> VGroup:
        """Replay the first ``steps`` steps of the run at ``rate``; returns the marks left."""
        weights = RUNS[rate].weights
        marks = VGroup()
        for k in range(steps):
            footprint = Dot(on_curve(panel.axes, weights[k]), radius=0.04, color=STEP)
            moves = [panel.weight.animate.set_value(weights[k + 1]), FadeIn(footprint)]
            marks.add(footprint)
            if abs(weights[k + 1] - weights[k]) > ARC_MIN:
                arc = hop(panel.axes, weights[k], weights[k + 1], stroke_width=3)
                moves.append(Create(arc))
                marks.add(arc)
            self.play(*moves, run_time=per_step)
        return marks

    def construct(self) -> None:
        title = section_title("The learning rate")
        rates = (LR_SMALL, LR_GOOD, LR_BOUNCE)
        small, good, large = (make_panel(x, rate) for x, rate in zip(PANEL_X, rates,
                                                                      strict=True))
        panels = (small, good, large)

        with self.narrate("three") as cue:
            self.play(FadeIn(title), run_time=0.8)
            self.play(*(Create(p.frame()) for p in panels), run_time=2.0)
            self.play(*(GrowFromCenter(p.ball) for p in panels), run_time=min(0.8, cue.remaining))

        def final_text(rate: float, digits: int) -> str:
            return f"after {STEPS} steps: {RUNS[rate].final:.{digits}f}"

        with self.narrate("small") as cue:
            self.walk(small, LR_SMALL, STEPS, per_step=whole_frames((cue.remaining - 2.0) / STEPS))
            self.play(FadeIn(below(small, final_text(LR_SMALL, 2), 0), shift=UP * 0.2),
                      run_time=0.8)

        with self.narrate("good") as cue:
            self.walk(good, LR_GOOD, STEPS, per_step=whole_frames((cue.remaining - 1.2) / STEPS))
            self.play(FadeIn(below(good, final_text(LR_GOOD, 2), 0), shift=UP * 0.2),
                      run_time=0.8)

        with self.narrate("bounce") as cue:
            self.wait(max(0.1, cue.remaining - 1.1 * BOUNCES - 0.3))
            marks = self.walk(large, LR_BOUNCE, BOUNCES, per_step=1.1)

        with self.narrate("diverge") as cue:
            large.weight.set_value(float(RUNS[LR_DIVERGE].weights[0]))
            self.play(FadeOut(marks), Transform(large.header, rate_header(LR_DIVERGE)
                                                 .move_to(large.header)), run_time=0.8)
            self.walk(large, LR_DIVERGE, ON_CHART, per_step=1.1)
            self.play(FadeOut(large.ball, shift=UP * 1.2), run_time=0.8)
            self.play(FadeIn(below(large, final_text(LR_DIVERGE, 0), 0), shift=UP * 0.2),
                      run_time=0.8)

        factors = [below(p, f"× {fmt(shrink_factor(rate))} per step", 1, MUTED)
                   for p, rate in zip(panels, (LR_SMALL, LR_GOOD, LR_DIVERGE), strict=True)]
        rule = label(f"distance to {fmt(W_BEST)}: × (1 − 2 × rate) per step", LABEL_SIZE)
        rule.to_corner(UP + RIGHT, buff=0.45)
        with self.narrate("factor") as cue:
            self.play(FadeIn(rule), run_time=0.8)
            per = max(0.3, (cue.remaining - 0.5) / 3 - 0.5)
            for text in factors:
                self.play(FadeIn(text), run_time=0.5)
                self.play(Indicate(text, color=STEP, scale_factor=1.0), run_time=per)

        with self.narrate("handoff") as cue:
            self.play(*(Indicate(p.curve, color=TEXT, scale_factor=1.0) for p in panels),
                      run_time=min(1.5, cue.remaining))
