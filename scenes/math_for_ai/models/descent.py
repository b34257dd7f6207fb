"""Gradient descent: the course's loop, run for real, on one weight and on two.

One loop (``descend``) drives every calculus scene. The 1-D hill is the course's loss
``(weight * input - target) ** 2``; the 2-D landscape is a bowl with three wells dug into it,
so different starting points roll into different valleys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

# The course's loop: weight 5.0, learning rate 0.1, 20 steps. The course leaves the input and
# the target open; we choose input 1 and target 2, so the best weight is 2.
W0 = 5.0
LEARNING_RATE = 0.1
STEPS = 20
INPUT = 1.0
TARGET = 2.0
W_BEST = TARGET / INPUT

Vector = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class History:
    """Every state the loop visits: ``weights[k]`` is the weight before step k.

    ``losses`` and ``gradients`` are measured at those weights, so row ``STEPS`` is where the
    loop ends (its loss and gradient are what the next step would see).
    """

    weights: np.ndarray
    losses: np.ndarray
    gradients: np.ndarray

    @property
    def final(self) -> float | np.ndarray:
        return self.weights[-1]


def descend(loss: Vector, gradient: Vector, start: float | np.ndarray, learning_rate: float,
            steps: int) -> History:
    """The course's loop: measure the loss, take the gradient, step against it; repeat."""
    weight = np.asarray(start, dtype=float)
    weights, losses, gradients = [], [], []
    for _ in range(steps):
        weights.append(weight)
        losses.append(loss(weight))
        gradients.append(gradient(weight))
        weight = weight - learning_rate * gradients[-1]
    weights.append(weight)
    losses.append(loss(weight))
    gradients.append(gradient(weight))
    return History(np.array(weights), np.array(losses), np.array(gradients))


def seed_loss(weight: float | np.ndarray) -> float | np.ndarray:
    """How wrong the one-weight model is: (prediction - target) squared."""
    prediction = weight * INPUT
    return (prediction - TARGET) ** 2


def seed_gradient(weight: float | np.ndarray) -> float | np.ndarray:
    """The derivative of ``seed_loss``: 2 * (prediction - target) * input."""
    prediction = weight * INPUT
    return 2 * (prediction - TARGET) * INPUT


def seed_loop(learning_rate: float = LEARNING_RATE, steps: int = STEPS,
              start: float = W0) -> History:
    """The course's loop exactly as written, for a chosen learning rate."""
    return descend(seed_loss, seed_gradient, start, learning_rate, steps)


def shrink_factor(learning_rate: float) -> float:
    """Each step multiplies the distance to the best weight by this (for this loss)."""
    return 1 - 2 * learning_rate * INPUT**2


LOOP = seed_loop()
PREDICTION0 = W0 * INPUT
W1, W2 = float(LOOP.weights[1]), float(LOOP.weights[2])
LOSS0, GRAD0 = float(LOOP.losses[0]), float(LOOP.gradients[0])
LOSS1, GRAD1 = float(LOOP.losses[1]), float(LOOP.gradients[1])
W_FINAL = float(LOOP.final)
LOSS_FINAL = float(LOOP.losses[-1])
GRAD_FINAL = float(LOOP.gradients[-1])
FACTOR = shrink_factor(LEARNING_RATE)
STEP_SIZES = -np.diff(LOOP.weights)
FIRST_STEP, SECOND_STEP, THIRD_STEP = (float(s) for s in STEP_SIZES[:3])

# The hill: the slope at the start, a nudge to measure it, and a point on the other side.
NUDGE = 0.1
NUDGE_RISE = float(seed_loss(W0 + NUDGE) - seed_loss(W0))
NUDGE_RATIO = NUDGE_RISE / NUDGE
SLOPE_START = float(seed_gradient(W0))
W_LEFT = 0.0
SLOPE_LEFT = float(seed_gradient(W_LEFT))

# Learning rates side by side: too small, the course's, too large, and larger still.
LR_SMALL, LR_GOOD, LR_BOUNCE, LR_DIVERGE = 0.01, LEARNING_RATE, 1.0, 1.1
RATES = (LR_SMALL, LR_GOOD, LR_BOUNCE, LR_DIVERGE)
RUNS = {rate: seed_loop(rate) for rate in RATES}
W_SMALL_FINAL = float(RUNS[LR_SMALL].final)
W_BOUNCE_1 = float(RUNS[LR_BOUNCE].weights[1])
W_DIVERGE_FINAL = float(RUNS[LR_DIVERGE].final)
LOSS_DIVERGE_FINAL = float(RUNS[LR_DIVERGE].losses[-1])
FACTOR_SMALL = shrink_factor(LR_SMALL)
FACTOR_BOUNCE = shrink_factor(LR_BOUNCE)
FACTOR_DIVERGE = shrink_factor(LR_DIVERGE)

# -- two weights: a bowl with three wells (centre x, centre y, depth, width) ------------------
WELLS = np.array([[1.4, 0.7, 1.3, 0.9], [-1.5, -0.6, 1.0, 0.7], [-0.6, 1.6, 0.7, 0.5]])
BOWL = 0.12
LIFT = 1.2  # keeps the loss positive everywhere on the map
SURFACE_RATE = 0.6
SURFACE_STEPS = 40
SURFACE_START = np.array([-2.0, 1.2])
SURFACE_STARTS = np.array([[-2.5, 1.8], [2.5, -1.8], [-0.3, 2.4], [2.5, 1.9], [0.3, -2.2],
                           [-2.5, -0.4]])


def surface_loss(w: np.ndarray) -> np.ndarray:
    """Loss of a two-weight model: a wide bowl minus three Gaussian wells."""
    w = np.asarray(w, dtype=float)
    x, y = w[..., 0], w[..., 1]
    value = LIFT + BOWL * (x**2 + y**2)
    for cx, cy, depth, width in WELLS:
        value = value - depth * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * width**2))
    return value


def surface_gradient(w: np.ndarray) -> np.ndarray:
    """The gradient of ``surface_loss``: one slope per weight, pointing uphill."""
    w = np.asarray(w, dtype=float)
    x, y = w[..., 0], w[..., 1]
    gx, gy = 2 * BOWL * x, 2 * BOWL * y
    for cx, cy, depth, width in WELLS:
        pull = depth * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * width**2)) / width**2
        gx = gx + pull * (x - cx)
        gy = gy + pull * (y - cy)
    return np.stack([gx, gy], axis=-1)


def surface_walk(start: np.ndarray) -> History:
    """The same loop on two weights at once."""
    return descend(surface_loss, surface_gradient, start, SURFACE_RATE, SURFACE_STEPS)


WALK = surface_walk(SURFACE_START)
WALKS = [surface_walk(start) for start in SURFACE_STARTS]
VALLEYS = np.unique(np.round([walk.final for walk in WALKS], 2), axis=0)
VALLEY_COUNT = len(VALLEYS)
START_COUNT = len(SURFACE_STARTS)
DEEPEST_LOSS = float(min(walk.losses[-1] for walk in WALKS))
SURFACE_GRAD0 = WALK.gradients[0]
SURFACE_STEP0 = -SURFACE_RATE * SURFACE_GRAD0
SURFACE_LOSS0, SURFACE_LOSS1 = float(WALK.losses[0]), float(WALK.losses[1])
WALK_LOSS_FINAL = float(WALK.losses[-1])
