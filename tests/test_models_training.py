"""The training model: gradients against finite differences, the run against its claims."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scenes.math_for_ai.models import training as t


def flat_loss(params: t.Params, x: np.ndarray, y: np.ndarray) -> float:
    """Cross-entropy written out directly, point by point."""
    total = 0.0
    for point, label in zip(x, y, strict=True):
        hidden = [math.tanh(float(w @ point) + b) for w, b in zip(params.w1, params.b1,
                                                                 strict=True)]
        z = sum(float(w) * h for w, h in zip(params.w2[0], hidden, strict=True)) + params.b2[0]
        p = 1 / (1 + math.exp(-z))
        total -= math.log(p) if label else math.log(1 - p)
    return total / len(y)


def test_loss_matches_a_direct_computation():
    params = t.init_params()
    _, prob = t.forward(params, t.X)
    assert t.loss(prob, t.Y) == pytest.approx(flat_loss(params, t.X, t.Y))
    assert t.LOSS_START == pytest.approx(flat_loss(params, t.X, t.Y))


def test_backward_matches_finite_differences():
    params = t.init_params(seed=7)
    hidden, prob = t.forward(params, t.X)
    grad = t.backward(params, t.X, t.Y, hidden, prob)
    eps = 1e-6
    for name in ("w1", "b1", "w2", "b2"):
        array, analytic = getattr(params, name), getattr(grad, name)
        for index in np.ndindex(array.shape):
            old = array[index]
            array[index] = old + eps
            up = flat_loss(params, t.X, t.Y)
            array[index] = old - eps
            down = flat_loss(params, t.X, t.Y)
            array[index] = old
            assert analytic[index] == pytest.approx((up - down) / (2 * eps), abs=1e-7)


def test_counts_and_labels():
    assert t.PARAM_COUNT == 2 * t.HIDDEN + t.HIDDEN + t.HIDDEN + 1 == 33
    inside = [x * x + y * y < t.RADIUS**2 for x, y in t.X]
    assert list(t.Y.astype(bool)) == inside
    assert t.INSIDE == sum(inside)


def test_the_run_falls_and_learns():
    losses = t.RUN.losses
    assert len(losses) == t.STEPS + 1
    assert np.all(np.diff(losses) <= 0)  # the curve only falls
    assert t.LOSS_START > 0.6 and t.LOSS_END < 0.2
    right = sum((p > 0.5) == bool(y) for p, y in zip(t.RUN.probs[-1], t.Y, strict=True))
    assert t.ACC_END == right / t.POINTS
    assert 0.4 < t.ACC_START < 0.6 and t.ACC_END >= 0.9
    _, prob = t.forward(t.RUN.params, t.X)
    assert list(prob) == pytest.approx(list(t.RUN.probs[-1]))
