"""Two weights: the loss landscape from above, the gradient arrow, several valleys, backprop.

The map is ``models.descent.surface_loss`` drawn as a shaded image with rings of equal loss
(cheap to render, unlike a 3-D surface); every walk on it is ``descend`` from the same model.
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
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromCenter,
    ImageMobject,
    Indicate,
    LaggedStart,
    Line,
    Rectangle,
    ShowPassingFlash,
    ValueTracker,
    VGroup,
    VMobject,
    always_redraw,
    interpolate_color,
)

from scenes.math_for_ai.hill_drawing import BALL, SLOPE, STEP, label
from scenes.math_for_ai.models.descent import (
    DEEPEST_LOSS,
    START_COUNT,
    SURFACE_GRAD0,
    SURFACE_LOSS0,
    SURFACE_LOSS1,
    SURFACE_RATE,
    SURFACE_STEP0,
    SURFACE_STEPS,
    VALLEY_COUNT,
    VALLEYS,
    WALK,
    WALK_LOSS_FINAL,
    WALKS,
    History,
    surface_loss,
)
from scenes.shared.base import ModuleScene, section_title
from scenes.shared.math_widgets import fmt
from scenes.shared.palette import (
    BACKGROUND,
    LABEL_SIZE,
    LOSS,
    MUTED,
    SMALL_SIZE,
    TEXT,
)

EXTENT = 2.7  # the map shows both weights from -EXTENT to EXTENT
MAP_SIZE = 5.2
HIGH_GROUND = interpolate_color(BACKGROUND, LOSS, 0.45)
RINGS = 9
READOUT_X = 0.6  # left edge of the read-outs right of the map


def map_axes() -> Axes:
    """Weight 1 across, weight 2 up; used for placing things, its lines are not drawn."""
    axes = Axes(x_range=(-EXTENT, EXTENT, 1), y_range=(-EXTENT, EXTENT, 1), x_length=MAP_SIZE,
                y_length=MAP_SIZE, tips=False)
    return axes.move_to([-3.3, -0.25, 0])


def shaded_map(axes: Axes, pixels: int = 240) -> ImageMobject:
    """The loss as an image: low ground dark, high ground a dim red."""
    ticks = np.linspace(-EXTENT, EXTENT, pixels)
    x, y = np.meshgrid(ticks, ticks[::-1])  # image rows run top to bottom
    loss = surface_loss(np.stack([x, y], axis=-1))
    share = ((loss - loss.min()) / (loss.max() - loss.min()))[..., None]
    low, high = np.array(BACKGROUND.to_rgb()), np.array(HIGH_GROUND.to_rgb())
    rgb = (255 * (low + share * (high - low))).astype(np.uint8)
    image = ImageMobject(rgb)
    image.height = MAP_SIZE
    return image.move_to(axes.get_center())


def crossings(values: np.ndarray, ticks: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Marching squares: the segments where ``values`` (rows = y, columns = x) crosses 0."""
    below = (values < 0).astype(int)
    count = below[:-1, :-1] + below[:-1, 1:] + below[1:, :-1] + below[1:, 1:]
    segments = []
    for r, c in zip(*np.nonzero((count > 0) & (count < 4)), strict=True):
        corners = [(c, r), (c + 1, r), (c + 1, r + 1), (c, r + 1)]
        points = []
        for (c0, r0), (c1, r1) in zip(corners, corners[1:] + corners[:1], strict=True):
            v0, v1 = values[r0, c0], values[r1, c1]
            if (v0 < 0) != (v1 < 0):
                share = v0 / (v0 - v1)
                points.append(np.array([ticks[c0] + share * (ticks[c1] - ticks[c0]),
                                        ticks[r0] + share * (ticks[r1] - ticks[r0])]))
        segments += [(points[k], points[k + 1]) for k in range(0, len(points) - 1, 2)]
    return segments


def rings(axes: Axes, samples: int = 161) -> VGroup:
    """Curves of equal loss, at evenly spaced heights between the lowest and highest ground."""
    ticks = np.linspace(-EXTENT, EXTENT, samples)
    grid = surface_loss(np.stack(np.meshgrid(ticks, ticks), axis=-1))
    levels = np.linspace(grid.min(), grid.max(), RINGS + 2)[1:-1]
    group = VGroup()
    for level in levels:
        ring = VMobject(stroke_color=LOSS, stroke_width=1.5, stroke_opacity=0.55)
        for start, end in crossings(grid - level, ticks):
            ring.start_new_path(point(axes, start))
            ring.add_line_to(point(axes, end))
        group.add(ring)
    return group


def point(axes: Axes, w: np.ndarray) -> np.ndarray:
    """The screen point of the weight pair ``w`` on the map."""
    return axes.c2p(float(w[0]), float(w[1]))


def vector_text(v: np.ndarray) -> str:
    """A pair of weights as the read-outs write it."""
    return f"({fmt(v[0])}, {fmt(v[1])})"


def trail(axes: Axes, walk: History, t: float) -> VMobject:
    """The path of ``walk`` up to (fractional) step ``t``."""
    k = int(np.floor(t))
    points = [point(axes, w) for w in walk.weights[:k + 1]]
    if k < len(walk.weights) - 1:
        points.append(point(axes, position(walk, t)))
    path = VMobject(stroke_color=STEP, stroke_width=3)
    path.set_points_as_corners(points if len(points) > 1 else points * 2)
    return path


def position(walk: History, t: float) -> np.ndarray:
    """Where the ball of ``walk`` is at (fractional) step ``t``: between two steps."""
    k = min(int(np.floor(t)), len(walk.weights) - 2)
    share = t - k
    return (1 - share) * walk.weights[k] + share * walk.weights[k + 1]


def network() -> tuple[VGroup, VGroup]:
    """A small network (2 inputs, 3 hidden, 1 output): its layers of nodes and its edges."""
    layers = [VGroup(*(Circle(radius=0.2, color=TEXT, stroke_width=2) for _ in range(n)))
              .arrange(DOWN, buff=0.35) for n in (2, 3, 1)]
    nodes = VGroup(*layers).arrange(RIGHT, buff=1.3)
    edges = VGroup(*(Line(a.get_center(), b.get_center(), buff=0.2, color=MUTED,
                          stroke_width=2)
                     for left, right in zip(layers, layers[1:], strict=False)
                     for a in left for b in right))
    return nodes, edges


class LossSurface(ModuleScene):
    def construct(self) -> None:
        title = section_title("The loss landscape")
        axes = map_axes()
        image = shaded_map(axes)
        border = Rectangle(width=MAP_SIZE, height=MAP_SIZE, color=MUTED, stroke_width=2)
        border.move_to(axes.get_center())
        weight_1 = label("weight 1 →", SMALL_SIZE).next_to(border, DOWN, buff=0.12)
        weight_2 = label("weight 2 →", SMALL_SIZE).rotate(np.pi / 2)
        weight_2.next_to(border, LEFT, buff=0.12)
        contour = rings(axes)

        with self.narrate("map") as cue:
            self.play(FadeIn(title), FadeIn(image), Create(border), FadeIn(weight_1),
                      FadeIn(weight_2), run_time=1.5)
            self.play(Create(contour, lag_ratio=0.1), run_time=min(3.0, cue.remaining))

        start = WALK.weights[0]
        ball = Dot(point(axes, start), radius=0.08, color=BALL)
        grad = Arrow(point(axes, start), point(axes, start + SURFACE_GRAD0), buff=0,
                     color=SLOPE, stroke_width=6, max_tip_length_to_length_ratio=0.3)
        grad_text = label(f"gradient = {vector_text(SURFACE_GRAD0)}", LABEL_SIZE, SLOPE)
        uphill = label("points uphill", SMALL_SIZE, SLOPE)
        readouts = VGroup(grad_text, uphill).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        readouts.move_to(2.0 * UP).align_to([READOUT_X, 0, 0], LEFT)
        with self.narrate("gradient") as cue:
            self.play(GrowFromCenter(ball), run_time=0.6)
            self.play(GrowArrow(grad), FadeIn(grad_text), run_time=1.2)
            self.play(FadeIn(uphill), run_time=min(0.8, cue.remaining))

        step = Arrow(point(axes, start), point(axes, start + SURFACE_STEP0), buff=0,
                     color=STEP, stroke_width=6, max_tip_length_to_length_ratio=0.45)
        step_text = VGroup(
            label(f"step = −{fmt(SURFACE_RATE)} × gradient", LABEL_SIZE, STEP),
            label(f"= {vector_text(SURFACE_STEP0)}", LABEL_SIZE, STEP),
            label(f"loss {fmt(SURFACE_LOSS0)} → {fmt(SURFACE_LOSS1)}", LABEL_SIZE, LOSS),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        step_text.next_to(readouts, DOWN, buff=0.45, aligned_edge=LEFT)
        with self.narrate("step") as cue:
            self.play(GrowArrow(step), FadeIn(step_text[:2]), run_time=1.2)
            self.wait(max(0.1, cue.remaining - 2.2))
            self.play(ball.animate.move_to(point(axes, WALK.weights[1])), FadeIn(step_text[2]),
                      run_time=1.0)

        t = ValueTracker(1)
        path = always_redraw(lambda: trail(axes, WALK, t.get_value()))
        rolling = always_redraw(lambda: Dot(point(axes, position(WALK, t.get_value())),
                                            radius=0.08, color=BALL))
        end_text = label(f"flat ground: loss {fmt(WALK_LOSS_FINAL)}", LABEL_SIZE, LOSS)
        end_text.next_to(step_text, DOWN, buff=0.45, aligned_edge=LEFT)
        with self.narrate("walk") as cue:
            self.remove(ball)
            self.add(path, rolling)
            self.play(FadeOut(grad), FadeOut(step), t.animate.set_value(SURFACE_STEPS),
                      run_time=max(1.0, cue.remaining - 1.2))
            self.play(FadeIn(end_text), run_time=0.8)

        clock = ValueTracker(0)
        paths = [always_redraw(lambda w=w: trail(axes, w, clock.get_value())) for w in WALKS]
        balls = [always_redraw(lambda w=w: Dot(point(axes, position(w, clock.get_value())),
                                               radius=0.09, color=BALL)) for w in WALKS]
        valleys = VGroup(*(Circle(radius=0.22, color=TEXT, stroke_width=3)
                           .move_to(point(axes, v)) for v in VALLEYS))
        count = label(f"{START_COUNT} starts, {VALLEY_COUNT} valleys", LABEL_SIZE)
        deepest = label(f"deepest: loss {fmt(DEEPEST_LOSS)}", LABEL_SIZE, LOSS)
        VGroup(count, deepest).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        with self.narrate("valleys") as cue:
            self.play(FadeOut(VGroup(readouts, step_text)),
                      VGroup(end_text).animate.move_to(2.3 * UP).align_to([READOUT_X, 0, 0],
                                                                           LEFT),
                      run_time=0.8)
            VGroup(count, deepest).next_to(end_text, DOWN, buff=0.45, aligned_edge=LEFT)
            self.add(*paths, *balls)
            self.play(clock.animate.set_value(SURFACE_STEPS), run_time=4.0)
            self.play(LaggedStart(*(Create(v) for v in valleys), lag_ratio=0.3),
                      FadeIn(count), run_time=1.5)
            self.wait(max(0.1, cue.remaining - 1.0))
            self.play(FadeIn(deepest), run_time=min(0.8, cue.remaining))

        layers, edges = network()
        VGroup(layers, edges).move_to([3.6, -1.2, 0])
        error = label("error", SMALL_SIZE, LOSS).next_to(layers[2], UP, buff=0.15)
        heading = label("backpropagation", LABEL_SIZE, LOSS).next_to(layers, UP, buff=0.6)
        ends = VGroup(label("inputs", SMALL_SIZE, MUTED).next_to(layers[0], DOWN, buff=0.2),
                      label("output", SMALL_SIZE, MUTED).next_to(layers[2], DOWN, buff=0.2))
        backward = [Line(e.get_end(), e.get_start(), color=LOSS, stroke_width=5) for e in edges]
        with self.narrate("backprop") as cue:
            self.play(FadeOut(VGroup(count, deepest, end_text)), run_time=0.6)
            self.play(Create(edges), Create(layers), FadeIn(heading), FadeIn(ends), run_time=1.2)
            self.play(FadeIn(error), layers[2].animate.set_fill(LOSS, 0.8), run_time=0.6)
            flashes = max(1, int((cue.remaining - 0.3) // 2.0))
            for k in range(flashes):
                lit = [layers[1 - k].animate.set_fill(LOSS, 0.6)] if k < 2 else []
                self.play(LaggedStart(*(ShowPassingFlash(b.copy(), time_width=0.6)
                                        for b in reversed(backward)), lag_ratio=0.08),
                          *lit, run_time=1.5)

        with self.narrate("handoff") as cue:
            self.play(Indicate(layers[2], color=TEXT), run_time=min(1.2, cue.remaining))
