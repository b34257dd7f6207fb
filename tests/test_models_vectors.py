"""The opening's and the vectors chapter's numbers, checked by hand and by other formulas."""

from __future__ import annotations

import math

import numpy as np

from scenes.math_for_ai.models import vectors as v


def test_weighted_sum_by_hand() -> None:
    # 0.2 * 3 + (-0.5) * 1 + 0.8 * 2 = 0.6 - 0.5 + 1.6
    assert math.isclose(v.INTRO_SUM, 1.7)
    assert np.allclose(v.INTRO_PRODUCTS, [0.6, -0.5, 1.6])


def test_picture_is_black_and_white_cat() -> None:
    assert v.PICTURE_SIZE == 25
    assert set(np.unique(v.PICTURE)) == {0, 1}
    assert v.PICTURE[0, 0] == v.PICTURE[0, 4] == 1  # the ears
    assert v.PICTURE[0, 1:4].sum() == 0


def test_descent_path_matches_closed_form() -> None:
    # For (w - t)^2 each step multiplies the gap to the target by (1 - 2 * rate).
    n = np.arange(v.LEARN_STEPS + 1)
    gap = (v.LEARN_START - v.LEARN_TARGET) * (1 - 2 * v.LEARN_RATE) ** n
    assert np.allclose(v.LEARN_PATH, v.LEARN_TARGET + gap)
    assert np.all(np.diff(v.bowl_loss(v.LEARN_PATH)) < 0)  # every step is downhill


def test_slope_is_the_numerical_derivative() -> None:
    h = 1e-6
    for w in (-1.0, 0.5, 3.3):
        numeric = (v.bowl_loss(w + h) - v.bowl_loss(w - h)) / (2 * h)
        assert math.isclose(v.bowl_slope(w), numeric, rel_tol=1e-6)


def test_seed_lists() -> None:
    assert (v.POSITION_X, v.POSITION_Y) == (3, 5)
    assert v.ORANGE_HEX == "#FF8000"
    assert v.ORANGE_SPOKEN == "255, 128 and 0"
    assert v.EMBEDDING_DIM == 5
    assert v.KNOWN_MODEL_DIM == 1536
    assert v.KNOWN_MODEL_STAND_IN.shape == (1536,)
    assert v.INTRO_LAYER.shape == (6, 6)


def test_addition_is_the_seeds() -> None:
    assert list(v.ADD_SUM) == [4, 6]  # [1, 2] + [3, 4] = [4, 6]
    assert v.ADD_SPOKEN == "1 and 2 plus 3 and 4 is 4 and 6"


def test_distances_by_pythagoras() -> None:
    # king (3, 4), queen (4.2, 3.1): dx = 1.2, dy = -0.9, a 3-4-5 triangle scaled by 0.3
    assert math.isclose(v.KING_QUEEN_DISTANCE, 1.5)
    # king to pizza (3.5, -2.5): dx = 0.5, dy = -6.5
    assert math.isclose(v.KING_PIZZA_DISTANCE, math.sqrt(0.25 + 42.25))
    assert f"{v.KING_PIZZA_DISTANCE:.1f}" == "6.5"


def test_cosines_from_the_angles_of_each_arrow() -> None:
    def heading(p: np.ndarray) -> float:
        return math.atan2(p[1], p[0])

    kq = math.cos(heading(v.KING) - heading(v.QUEEN))
    kp = math.cos(heading(v.KING) - heading(v.PIZZA))
    assert math.isclose(v.KING_QUEEN_COSINE, kq)
    assert math.isclose(v.KING_PIZZA_COSINE, kp)
    assert f"{v.KING_QUEEN_COSINE:.2f}" == "0.96"
    assert f"{v.KING_PIZZA_COSINE:.2f}" == "0.02"
    assert 85 < v.KING_PIZZA_ANGLE < 90  # "almost a right angle"
    assert math.isclose(v.KING_QUEEN_ANGLE, math.degrees(abs(heading(v.KING) - heading(v.QUEEN))))


def test_cosine_ignores_length() -> None:
    assert math.isclose(v.cosine(v.KING, 10 * v.QUEEN), v.KING_QUEEN_COSINE)


def test_king_minus_man_plus_woman_lands_near_queen() -> None:
    # (3, 4) - (1, 2) + (2, 1) = (4, 3)
    assert list(v.ANALOGY) == [4, 3]
    by_distance = sorted(v.WORDS, key=lambda w: math.dist(v.WORDS[w], (4, 3)))
    assert by_distance[0] == v.ANALOGY_NEAREST == "queen"
    assert math.isclose(v.ANALOGY_GAP, math.hypot(0.2, 0.1))
    assert v.ANALOGY_GAP > 0  # near queen, not on it
    assert v.ANALOGY_SPOKEN == "4 and 3"


def test_spoken_list_fixed_digits() -> None:
    assert v.spoken_list([0.5, 0.25], 2) == "0.50 and 0.25"
