"""The descent model against closed forms, finite differences and hand-checked values."""

from __future__ import annotations

import numpy as np

from scenes.math_for_ai.models import descent


def closed_form(rate: float, k: int | np.ndarray) -> float | np.ndarray:
    """Weight after k steps on (w*x - t)^2: the distance to t/x shrinks by 1 - 2*rate*x^2."""
    x, t, w0 = descent.INPUT, descent.TARGET, descent.W0
    return t / x + (w0 - t / x) * (1 - 2 * rate * x**2) ** np.asarray(k)


def test_loop_matches_the_closed_form_at_every_step() -> None:
    k = np.arange(descent.STEPS + 1)
    assert np.allclose(descent.LOOP.weights, closed_form(0.1, k))
    for rate in descent.RATES:
        assert np.allclose(descent.RUNS[rate].weights, closed_form(rate, k))


def test_the_course_settings_and_first_steps_by_hand() -> None:
    assert (descent.W0, descent.LEARNING_RATE, descent.STEPS) == (5.0, 0.1, 20)
    # input 1, target 2: prediction 5, loss (5 - 2)^2 = 9, gradient 2 * 3 * 1 = 6
    assert descent.PREDICTION0 == 5.0
    assert descent.LOSS0 == 9.0 and descent.GRAD0 == 6.0
    assert np.isclose(descent.W1, 4.4) and np.isclose(descent.W2, 3.92)
    assert np.allclose(descent.STEP_SIZES[:3], [0.6, 0.48, 0.384])
    assert np.isclose(descent.FACTOR, 0.8)


def test_where_twenty_steps_end() -> None:
    assert np.isclose(descent.W_FINAL, 2 + 3 * 0.8**20)
    assert round(descent.W_FINAL, 3) == 2.035
    assert np.isclose(descent.LOSS_FINAL, (3 * 0.8**20) ** 2)
    assert np.isclose(descent.GRAD_FINAL, 2 * 3 * 0.8**20)


def test_learning_rates_too_small_and_too_large() -> None:
    assert round(descent.W_SMALL_FINAL, 1) == 4.0  # 2 + 3 * 0.98^20 barely moved
    bounce = descent.RUNS[descent.LR_BOUNCE].weights
    assert np.allclose(bounce[0::2], 5.0) and np.allclose(bounce[1::2], -1.0)
    assert np.isclose(descent.W_DIVERGE_FINAL, 2 + 3 * 1.2**20)
    assert descent.LOSS_DIVERGE_FINAL > 1e4


def test_nudge_by_hand() -> None:
    assert np.isclose(descent.NUDGE_RISE, 3.1**2 - 3**2)
    assert np.isclose(descent.SLOPE_START, 6.0) and np.isclose(descent.SLOPE_LEFT, -4.0)


def numeric_gradient(f, w: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Central differences: an independent check of an analytic gradient."""
    w = np.asarray(w, dtype=float)
    out = np.zeros_like(w)
    for i in range(w.size):
        e = np.zeros_like(w)
        e.flat[i] = h
        out.flat[i] = (f(w + e) - f(w - e)) / (2 * h)
    return out


def test_gradients_match_finite_differences() -> None:
    for w in (-1.0, 0.0, 2.0, 5.0):
        assert np.isclose(descent.seed_gradient(w), numeric_gradient(descent.seed_loss,
                                                                     np.array(w)))
    rng = np.random.default_rng(0)
    for w in rng.uniform(-3, 3, size=(20, 2)):
        assert np.allclose(descent.surface_gradient(w),
                           numeric_gradient(descent.surface_loss, w), atol=1e-6)


def test_surface_walks_find_several_true_valleys() -> None:
    assert descent.VALLEY_COUNT >= 2
    for walk in [descent.WALK, *descent.WALKS]:
        end = walk.final
        assert np.linalg.norm(descent.surface_gradient(end)) < 1e-6
        hessian = np.array([numeric_gradient(lambda w, i=i: descent.surface_gradient(w)[i],
                                             end, 1e-5) for i in range(2)])
        assert np.all(np.linalg.eigvalsh((hessian + hessian.T) / 2) > 0)
        assert np.all(np.diff(walk.losses) <= 1e-12)  # every step goes downhill
