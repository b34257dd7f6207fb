"""The training loop: forward pass, loss, backward pass, update, and again.

The four steps form a cycle, each tagged with the branch of math it uses. Then a real
network (scenes/math_for_ai/models/training.py) trains while we watch: the loss curve and the
points' colours are read from the very run the model file performs. The branch colours are
shared with the closing map (takeaways).
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Axes,
    Brace,
    Circle,
    Create,
    DashedVMobject,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    MathTex,
    ReplacementTransform,
    RoundedRectangle,
    Square,
    SurroundingRectangle,
    Text,
    ValueTracker,
    VGroup,
    VMobject,
    always_redraw,
    interpolate_color,
    linear,
)

from scenes.math_for_ai.models import training as tr
from scenes.shared.base import ModuleScene, section_title
from scenes.shared.math_widgets import fmt
from scenes.shared.palette import (
    ACCENT,
    BODY_SIZE,
    FONT,
    GRID_MOVING,
    I_HAT,
    LABEL_SIZE,
    LOSS,
    MUTED,
    PROBABILITY,
    SMALL_SIZE,
    TEXT,
)

# The branches of math, one colour each (the closing map uses the same).
LINEAR_ALGEBRA, PROBABILITY_BRANCH, CALCULUS, DESCENT = GRID_MOVING, PROBABILITY, I_HAT, ACCENT
STEP_NAMES = ("forward pass", "loss", "backward pass", "update")
BRANCHES = (("linear algebra", LINEAR_ALGEBRA), ("probability", PROBABILITY_BRANCH),
            ("calculus", CALCULUS), ("gradient descent", DESCENT))
OUTSIDE, INSIDE = GRID_MOVING, PROBABILITY   # a point's colour: the network's probability
MARCH_LAPS = 8                               # laps of the step marker while training runs


def label(text: str, size: int = LABEL_SIZE, color=TEXT) -> Text:
    """A word or number on screen, in the house font."""
    return Text(text, font=FONT, font_size=size, color=color)


def step_box(name: str, branch: str, color, width: float) -> VGroup:
    """One step of the loop: its name, and the branch of math it uses."""
    box = RoundedRectangle(width=width, height=1.2, corner_radius=0.2, color=color,
                           stroke_width=3)
    words = VGroup(label(name, BODY_SIZE), label(branch, SMALL_SIZE, color))
    return VGroup(box, words.arrange(DOWN, buff=0.12).move_to(box))


def cycle() -> VGroup:
    """The four steps clockwise, with arrows from each to the next."""
    # one width for all four, with room for the longest name while it is indicated (x1.1)
    width = 1.1 * max(label(n, BODY_SIZE).width for n in STEP_NAMES) + 0.4
    x = width / 2 + 0.3
    spots = ((-x, 1.15), (x, 1.15), (x, -1.15), (-x, -1.15))
    boxes = VGroup(*(step_box(n, b, c, width).move_to([x, y, 0])
                     for n, (b, c), (x, y) in zip(STEP_NAMES, BRANCHES, spots, strict=True)))
    ends = ((RIGHT, LEFT), (DOWN, UP), (LEFT, RIGHT), (UP, DOWN))
    arrows = VGroup(*(Arrow(boxes[k].get_edge_center(a), boxes[(k + 1) % 4].get_edge_center(b),
                            buff=0.1, color=MUTED, stroke_width=4)
                      for k, (a, b) in enumerate(ends)))
    return VGroup(boxes, arrows)


def point_color(prob: float):
    """Blue for 'outside', yellow for 'inside', blended by the network's confidence."""
    return interpolate_color(OUTSIDE, INSIDE, float(prob))


class TrainingLoop(ModuleScene):
    def construct(self) -> None:
        title = section_title("The training loop")
        loop = cycle().align_to(title, LEFT).set_y(-0.3)  # the title's margin
        boxes = loop[0]
        with self.narrate("loop") as cue:
            self.play(FadeIn(title), run_time=1)
            for box, arrow in zip(boxes, loop[1], strict=True):
                self.play(FadeIn(box), Create(arrow), run_time=min(0.6, cue.remaining / 5))

        maths = (
            MathTex(r"\hat y = \sigma\big(W_2 \tanh(W_1 x + b_1) + b_2\big)", font_size=36),
            MathTex(r"L = -\frac{1}{N}\sum_{i} \log p_i(\text{true answer})", font_size=40),
            MathTex(r"\frac{\partial L}{\partial W_1},\ \frac{\partial L}{\partial b_1},\ "
                    r"\frac{\partial L}{\partial W_2},\ \frac{\partial L}{\partial b_2}",
                    font_size=36),
            MathTex(r"W \leftarrow W - " + fmt(tr.LEARNING_RATE)
                    + r"\cdot\frac{\partial L}{\partial W}", font_size=40),
        )
        notes = (f"hidden layer of {tr.HIDDEN} units", f"at the start  {tr.LOSS_START:.2f}",
                 f"{tr.PARAM_COUNT} numbers, {tr.PARAM_COUNT} gradients",
                 f"learning rate {fmt(tr.LEARNING_RATE)}")
        shown: VGroup | None = None
        for cue_id, box, math, note, (_, color) in zip(("forward", "loss", "backward", "update"),
                                                        boxes, maths, notes, BRANCHES,
                                                        strict=True):
            panel = VGroup(math.set_color(TEXT), label(note, LABEL_SIZE, color))
            panel.arrange(DOWN, buff=0.35)
            panel.set(width=min(panel.width, 4.9)).move_to([4.0, -0.3, 0])
            with self.narrate(cue_id) as cue:
                fades = [FadeOut(shown)] if shown is not None else []
                self.play(*fades, box[0].animate.set_stroke(width=8), run_time=0.6)
                self.play(FadeIn(panel), Indicate(box[1], color=color, scale_factor=1.1),
                          run_time=min(1.5, cue.remaining))
                self.wait(max(0.1, cue.remaining - 0.6))
                self.play(box[0].animate.set_stroke(width=3), run_time=0.5)
            shown = panel
        self.play(FadeOut(shown), run_time=0.4)
        self.train(loop)

    def train(self, loop: VGroup) -> None:
        """The real run: a row of steps, the data coloured by belief, the falling loss."""
        row = VGroup(*(label(n, LABEL_SIZE, c) for n, (_, c) in zip(STEP_NAMES, BRANCHES,
                                                                    strict=True)))
        row.arrange(RIGHT, buff=0.9).move_to([0, 2.35, 0])
        plane = Square(4.2, color=MUTED, stroke_width=2).move_to([3.5, -0.75, 0])
        half = plane.width / 2

        def spot(xy: np.ndarray) -> np.ndarray:
            return plane.get_center() + np.array([xy[0] * half, xy[1] * half, 0])

        truth = DashedVMobject(Circle(tr.RADIUS * half, color=TEXT, stroke_width=3),
                               num_dashes=40).move_to(plane.get_center())
        step = ValueTracker(0)
        dots = VGroup(*(Dot(spot(xy), radius=0.065) for xy in tr.X))

        def recolour(group: VGroup) -> None:
            probs = tr.RUN.probs[int(round(step.get_value()))]
            for dot, p in zip(group, probs, strict=True):
                dot.set_color(point_color(p))

        recolour(dots)
        right = always_redraw(lambda: label(
            f"right  {tr.accuracy(tr.RUN.probs[int(round(step.get_value()))], tr.Y):.0%}",
            LABEL_SIZE).next_to(plane, UP, buff=0.15))
        with self.narrate("data") as cue:
            self.play(ReplacementTransform(loop, row), run_time=1.2)
            self.play(Create(plane), FadeIn(dots, lag_ratio=0.01), run_time=1.5)
            self.play(Create(truth), run_time=1.0)
            self.play(FadeIn(right), run_time=min(1.0, cue.remaining))

        axes = Axes(x_range=(0, tr.STEPS, tr.STEPS // 3), y_range=(0, 0.8, 0.2), x_length=5.2,
                    y_length=3.6, tips=False, axis_config={"color": MUTED}).move_to([-3.3, -0.8, 0])
        axis_words = VGroup(label("steps", SMALL_SIZE, MUTED).next_to(axes, DOWN, buff=0.15),
                            label("loss", SMALL_SIZE, LOSS).next_to(axes, UP, buff=0.1)
                            .align_to(axes, LEFT),
                            label("0", SMALL_SIZE, MUTED).next_to(axes.c2p(0, 0), DOWN, 0.1),
                            label(str(tr.STEPS), SMALL_SIZE, MUTED)
                            .next_to(axes.c2p(tr.STEPS, 0), DOWN, 0.1))

        def curve() -> VMobject:
            upto = int(round(step.get_value()))
            pts = [axes.c2p(k, tr.RUN.losses[k]) for k in range(upto + 1)]
            if len(pts) < 2:
                pts = pts * 2
            return VMobject(color=LOSS, stroke_width=4).set_points_as_corners(pts)

        def readout() -> Text:
            upto = int(round(step.get_value()))
            words = label(f"step {upto}   loss {tr.RUN.losses[upto]:.2f}", LABEL_SIZE, LOSS)
            return words.move_to(axes.c2p(tr.STEPS, 0.72), aligned_edge=RIGHT)  # above the tail

        drawn, numbers = always_redraw(curve), always_redraw(readout)
        def march() -> SurroundingRectangle:
            # A readable pace: the box laps the four steps MARCH_LAPS times in the whole run.
            moves = int(step.get_value() / tr.STEPS * MARCH_LAPS * len(row))
            return SurroundingRectangle(row[moves % len(row)], color=TEXT, buff=0.12)

        marker = always_redraw(march)

        with self.narrate("train") as cue:
            self.play(Create(axes), FadeIn(axis_words), FadeIn(drawn), FadeIn(numbers),
                      FadeIn(marker), run_time=1.0)
            dots.add_updater(recolour)
            self.play(step.animate.set_value(tr.STEPS), run_time=max(1.0, cue.remaining - 0.6),
                      rate_func=linear)
            dots.remove_updater(recolour)
            self.play(FadeOut(marker), run_time=0.5)

        brace_you = Brace(row[:2], DOWN, color=MUTED, buff=0.1)
        brace_tool = Brace(row[2:], DOWN, color=MUTED, buff=0.1)
        you = label("we write", SMALL_SIZE, MUTED).next_to(brace_you, DOWN, buff=0.05)
        tool = label("the framework does", SMALL_SIZE, MUTED).next_to(brace_tool, DOWN, 0.05)
        with self.narrate("frameworks") as cue:
            self.play(FadeOut(right), FadeIn(brace_tool), FadeIn(tool), run_time=1.0)
            self.wait(max(0.1, cue.remaining - 1.5))
            self.play(FadeIn(brace_you), FadeIn(you), run_time=1.0)

        with self.narrate("next") as cue:
            self.play(Indicate(drawn, color=LOSS), run_time=min(1.5, cue.duration))
