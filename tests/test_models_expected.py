"""The expected-value model against exact fractions and textbook formulas."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from scenes.math_for_ai.models import expected as e


def test_fair_die_expected_value_is_three_and_a_half():
    exact = sum(Fraction(face, 6) for face in range(1, 7))
    assert exact == Fraction(7, 2)
    assert e.DIE_MEAN == float(exact)
    assert e.FACE_SUM == 21


def test_running_average_by_a_plain_loop():
    total = 0
    for n, roll in enumerate(e.ROLL_VALUES, start=1):
        total += int(roll)
        assert e.RUNNING[n - 1] == pytest.approx(total / n)
    for n, average in e.AVERAGES.items():
        assert average == pytest.approx(e.ROLL_VALUES[:n].sum() / n)
    assert set(np.unique(e.ROLL_VALUES)) <= set(range(1, 7))
    assert abs(e.AVG_FINAL - 3.5) < 0.1  # the long run settles near the expected value


def test_accuracy_trap_in_exact_counts():
    assert e.BASELINE_ACCURACY == float(Fraction(900, 1000)) == 0.9
    assert e.MODEL_ACCURACY == float(Fraction(70 + 880, 1000)) == 0.95
    assert e.GAIN_POINTS == 5
    assert (e.BASELINE_MISTAKES, e.MODEL_MISTAKES) == (100, 30 + 20)
    assert e.ERROR_CUT == pytest.approx(0.5)
    assert e.MODEL.total == e.BASELINE.total == e.EMAILS


def test_guessing_baselines_as_weighted_averages():
    spam, normal = Fraction(1, 10), Fraction(9, 10)
    assert e.ALWAYS_NORMAL_ACCURACY == pytest.approx(float(normal))
    assert e.COIN_ACCURACY == pytest.approx(float(Fraction(1, 2) * spam + Fraction(1, 2) * normal))
    assert e.MATCHED_ACCURACY == pytest.approx(float(spam**2 + normal**2)) == 0.82
    # and by simulation: a guesser that ignores the email
    rng = np.random.default_rng(5)
    truth = rng.random(400_000) < 0.1
    guess = rng.random(truth.size) < e.MATCHED_GUESS_RATE
    assert np.mean(truth == guess) == pytest.approx(e.MATCHED_ACCURACY, abs=0.003)


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    """Pearson's r from its definition."""
    dx, dy = x - x.mean(), y - y.mean()
    return float((dx * dy).sum() / np.sqrt((dx**2).sum() * (dy**2).sum()))


def test_correlations_and_the_partial_correlation_formula():
    year = e.YEAR
    r_xy = pearson(year.ice_cream, year.drownings)
    r_xz = pearson(year.ice_cream, year.temperature)
    r_yz = pearson(year.drownings, year.temperature)
    assert e.R == pytest.approx(r_xy)
    assert e.R_TEMP_ICE == pytest.approx(r_xz)
    assert e.R_TEMP_DROWN == pytest.approx(r_yz)
    partial = (r_xy - r_xz * r_yz) / np.sqrt((1 - r_xz**2) * (1 - r_yz**2))
    assert e.R_GIVEN_TEMP == pytest.approx(partial)
    assert e.R > 0.8 and abs(e.R_GIVEN_TEMP) < 0.1  # what the narration says
