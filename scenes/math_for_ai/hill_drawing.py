"""Drawing helpers shared by the hill scenes, so every one-weight picture looks the same.

Weight runs across, loss up; the loss curve is loss red, the ball white, the tangent (the
slope) yellow and the steps purple. Everything is placed from the course's loss in
``models.descent``, so the pictures and the read-outs come from the same numbers.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    RIGHT,
    UP,
    Axes,
    CurvedArrow,
    Dot,
    Line,
    ParametricFunction,
    Text,
    ValueTracker,
    VGroup,
    always_redraw,
    config,
)

from scenes.math_for_ai.models.descent import seed_gradient, seed_loss
from scenes.shared.palette import ACCENT, FONT, LABEL_SIZE, LOSS, MUTED, TEXT, VECTOR

BALL = TEXT
SLOPE = VECTOR
STEP = ACCENT


def label(text: str, size: int = LABEL_SIZE, color=TEXT, font: str = FONT) -> Text:
    """A word on screen, in the house font."""
    return Text(text, font=font, font_size=size, color=color)


def hill_axes(w_range: tuple[float, float, float], loss_range: tuple[float, float, float],
              width: float, height: float, number_size: int = LABEL_SIZE) -> Axes:
    """Weight across, loss up: the frame every one-weight picture is drawn in."""
    w_lo, w_hi, step = w_range
    ticks = list(np.arange(np.ceil(w_lo / step) * step, w_hi + 1e-9, step))
    return Axes(x_range=w_range, y_range=loss_range, x_length=width, y_length=height,
                tips=False, axis_config={"color": MUTED, "font_size": number_size},
                x_axis_config={"numbers_to_include": ticks})


def axis_labels(axes: Axes, size: int = LABEL_SIZE) -> VGroup:
    """'weight' under the right end of the x axis, 'loss' (red) over the y axis."""
    weight = label("weight", size).next_to(axes.x_axis.get_right(), DOWN, buff=0.45)
    weight.align_to(axes.x_axis.get_right(), RIGHT)
    loss = label("loss", size, LOSS).next_to(axes.y_axis.get_top(), UP, buff=0.15)
    return VGroup(weight, loss)


def on_curve(axes: Axes, w: float) -> np.ndarray:
    """The screen point of weight ``w`` on the loss curve."""
    return axes.c2p(w, seed_loss(w))


def loss_curve(axes: Axes, stroke_width: float = 5) -> ParametricFunction:
    """The course's loss over the axes' weight range (cut at the top of the axes)."""
    w_lo, w_hi = axes.x_range[:2]
    top = axes.y_range[1]
    inside = [w for w in np.linspace(w_lo, w_hi, 400) if seed_loss(w) <= top]
    return axes.plot(seed_loss, x_range=(min(inside), max(inside), 0.02), color=LOSS,
                     stroke_width=stroke_width)


def tangent(axes: Axes, w: float, length: float = 2.4) -> Line:
    """The slope under the ball: a line through the ball with slope ``seed_gradient(w)``."""
    centre = on_curve(axes, w)
    direction = axes.c2p(w + 1, seed_loss(w) + seed_gradient(w)) - axes.c2p(w, seed_loss(w))
    direction = direction / np.linalg.norm(direction)
    return Line(centre - direction * length / 2, centre + direction * length / 2,
                color=SLOPE, stroke_width=4)


def riding_ball(axes: Axes, weight: ValueTracker, radius: float = 0.13) -> Dot:
    """A ball that sits on the curve wherever the weight tracker is."""
    return always_redraw(lambda: Dot(on_curve(axes, weight.get_value()), radius=radius,
                                     color=BALL))


def riding_tangent(axes: Axes, weight: ValueTracker, length: float = 2.4) -> Line:
    """The tangent line, redrawn under the ball as it moves."""
    return always_redraw(lambda: tangent(axes, weight.get_value(), length))


def hop(axes: Axes, w_from: float, w_to: float, bend: float = 0.9,
        stroke_width: float = 4) -> CurvedArrow:
    """One step of the loop as an arc from the old weight to the new one, above the curve."""
    angle = bend if w_to < w_from else -bend  # counter-clockwise bends leftward hops upward
    return CurvedArrow(on_curve(axes, w_from), on_curve(axes, w_to), angle=angle, color=STEP,
                       stroke_width=stroke_width, tip_length=0.18)


def whole_frames(seconds: float, least: int = 2) -> float:
    """``seconds`` rounded down to whole frames: many short plays then never overrun a cue."""
    rate = config.frame_rate
    return max(least, int(seconds * rate)) / rate
