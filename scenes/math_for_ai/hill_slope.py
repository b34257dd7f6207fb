"""Walking down the hill: the derivative is the slope under the ball, steps follow it.

After 3Blue1Brown's "Gradient descent, how neural networks learn": one ball on one loss
curve, a tangent line that rides along with it, and steps that shrink as the ground
flattens. The drawing helpers live in ``hill_drawing`` so the next scenes draw the course's
loop the same way.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromCenter,
    Line,
    Text,
    ValueTracker,
    VGroup,
    always_redraw,
)

from scenes.math_for_ai.hill_drawing import (
    SLOPE,
    STEP,
    axis_labels,
    hill_axes,
    hop,
    label,
    loss_curve,
    on_curve,
    riding_ball,
    riding_tangent,
    tangent,
    whole_frames,
)
from scenes.math_for_ai.models.descent import (
    LEARNING_RATE,
    LOOP,
    NUDGE,
    NUDGE_RATIO,
    NUDGE_RISE,
    STEPS,
    W0,
    W_BEST,
    W_LEFT,
    seed_gradient,
    seed_loss,
)
from scenes.shared.base import ModuleScene, section_title
from scenes.shared.math_widgets import fmt
from scenes.shared.palette import LABEL_SIZE, LOSS, MUTED, SMALL_SIZE, TEXT

READOUT_X = np.array([3.3, 0.0, 0.0])  # left edge of the read-outs right of the hill
READOUT_Y = 1.0
ARCS = 7  # steps drawn as arcs; the rest are too short to draw


def slope_text(w: float) -> str:
    """The read-out beside the tangent line."""
    return f"slope = {fmt(seed_gradient(w))}"


def slope_label(w: float) -> Text:
    """The slope read-out, in a fixed place right of the hill so it never sits on a line."""
    return label(slope_text(w), color=SLOPE).move_to(READOUT_Y * UP).align_to(READOUT_X, LEFT)


class HillSlope(ModuleScene):
    def construct(self) -> None:
        title = section_title("Walking down the hill")
        axes = hill_axes((-1.2, 5.2, 1), (0, 11, 3), width=8.2, height=4.9)
        axes.move_to([-1.6, -0.55, 0])
        curve = loss_curve(axes)
        weight = ValueTracker(W0)
        ball = riding_ball(axes, weight)

        with self.narrate("blindfold") as cue:
            self.play(FadeIn(title), run_time=0.8)
            self.play(Create(curve), run_time=2.2)
            self.play(GrowFromCenter(ball), run_time=min(0.8, cue.remaining))

        best = VGroup(label("best weight", SMALL_SIZE),
                      Line(UP * 0.25, DOWN * 0.25, color=TEXT, stroke_width=3))
        best.arrange(DOWN, buff=0.1).next_to(on_curve(axes, W_BEST), UP, buff=0.15)
        with self.narrate("axes") as cue:
            self.play(Create(axes), FadeIn(axis_labels(axes)), run_time=1.5)
            self.bring_to_front(curve, ball)
            self.wait(max(0.1, cue.remaining - 2.5))
            self.play(FadeIn(best, shift=DOWN * 0.2), run_time=1.0)

        nudge = VGroup(
            label("nudge the weight", LABEL_SIZE, MUTED),
            label(f"weight  {fmt(W0)} → {fmt(W0 + NUDGE)}"),
            label(f"loss  {fmt(seed_loss(W0))} → {fmt(seed_loss(W0 + NUDGE))}", color=LOSS),
            label(f"{fmt(NUDGE_RISE)} ÷ {fmt(NUDGE)} = {fmt(NUDGE_RATIO)}", color=SLOPE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25).move_to(1.6 * UP).align_to(READOUT_X, LEFT)
        with self.narrate("derivative") as cue:
            self.play(FadeOut(best), run_time=0.5)
            self.wait(max(0.1, cue.remaining - 5.0))
            self.play(FadeIn(nudge[:2]), weight.animate.set_value(W0 + NUDGE), run_time=1.2)
            self.play(FadeIn(nudge[2]), run_time=0.8)
            self.play(FadeIn(nudge[3]), weight.animate.set_value(W0), run_time=1.0)

        line = riding_tangent(axes, weight)
        slope = always_redraw(lambda: slope_label(weight.get_value()))
        with self.narrate("slope") as cue:
            self.play(FadeOut(nudge), run_time=0.6)
            still = tangent(axes, W0)
            self.play(Create(still), run_time=1.0)
            self.remove(still)
            self.add(line, ball)
            self.play(FadeIn(slope), run_time=min(0.8, cue.remaining))

        def downhill_arrow() -> VGroup:
            w = weight.get_value()
            way = -np.sign(seed_gradient(w))
            start = on_curve(axes, w) + UP * 0.7
            arrow = Arrow(start, start + RIGHT * way * 1.1, buff=0, color=STEP, stroke_width=5,
                          max_tip_length_to_length_ratio=0.2)
            return VGroup(arrow, label("downhill", SMALL_SIZE, STEP).next_to(arrow, UP, 0.1))

        with self.narrate("sign") as cue:
            first = downhill_arrow()
            self.play(GrowArrow(first[0]), FadeIn(first[1]), run_time=1.0)
            self.wait(max(0.1, cue.remaining - 6.0))
            self.play(FadeOut(first), run_time=0.5)
            self.play(weight.animate.set_value(W_LEFT), run_time=2.5)
            second = downhill_arrow()
            self.play(GrowArrow(second[0]), FadeIn(second[1]), run_time=1.0)

        hops = [hop(axes, LOOP.weights[k], LOOP.weights[k + 1]) for k in range(ARCS)]
        sizes = [label(fmt(LOOP.weights[k] - LOOP.weights[k + 1]), SMALL_SIZE, STEP)
                 .next_to(hops[k], LEFT, buff=0.1) for k in range(3)]
        rule = label(f"step = {fmt(LEARNING_RATE)} × slope", color=STEP)
        rule.move_to(2.3 * UP).align_to(READOUT_X, LEFT)
        with self.narrate("steps") as cue:
            self.play(FadeOut(second), weight.animate.set_value(W0), run_time=2.0)
            self.play(FadeIn(rule), run_time=0.8)
            self.play(Create(hops[0]), FadeIn(sizes[0]), run_time=1.0)
            self.play(weight.animate.set_value(LOOP.weights[1]), run_time=1.0)

        with self.narrate("shrink") as cue:
            for k in (1, 2):
                self.play(Create(hops[k]), FadeIn(sizes[k]), run_time=0.8)
                self.play(weight.animate.set_value(LOOP.weights[k + 1]), run_time=0.8)
            for k in range(3, ARCS):
                self.play(Create(hops[k]), run_time=0.4)
                self.play(weight.animate.set_value(LOOP.weights[k + 1]), run_time=0.4)

        repeat = label("slope, step, repeat", color=TEXT).next_to(rule, DOWN, 0.3)
        repeat.align_to(rule, LEFT)
        with self.narrate("handoff") as cue:
            self.play(FadeIn(repeat), run_time=0.8)
            per = whole_frames((cue.remaining - 0.5) / (STEPS - ARCS))
            for k in range(ARCS, STEPS):
                self.play(weight.animate.set_value(LOOP.weights[k + 1]), run_time=per)
