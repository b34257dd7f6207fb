"""The matrix scenes' numbers, checked against hand-worked values and other formulas."""

from __future__ import annotations

import numpy as np
import pytest

from scenes.math_for_ai.models import matrices as m


def cross_det(matrix: np.ndarray) -> float:
    """ad - bc, written out by hand (not np.linalg.det)."""
    (a, b), (c, d) = matrix
    return a * d - b * c


def by_hand_product(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Row times column with plain loops, the way the scene explains it."""
    rows, inner = len(left), len(right)
    cols = len(right[0])
    return np.array([[sum(left[i][k] * right[k][j] for k in range(inner)) for j in range(cols)]
                     for i in range(rows)])


def test_follow_vector_lands_where_the_beat_sheet_says() -> None:
    assert list(m.V_LANDS) == [5.0, 2.0]
    assert (m.V_X, m.V_Y) == (-1, 2)


def test_quarter_turn_sends_i_hat_up_and_j_hat_left() -> None:
    assert m.ROTATE[:, 0].tolist() == [0.0, 1.0]
    assert m.ROTATE[:, 1].tolist() == [-1.0, 0.0]
    # turning (-1, 2) a quarter turn counter-clockwise: (x, y) -> (-y, x)
    assert m.LANDS["rotate"].tolist() == [-2.0, -1.0]


def test_shear_and_squash_landings() -> None:
    assert m.LANDS["shear"].tolist() == [-1.0 + 2.0, 2.0]
    assert m.LANDS["squash"].tolist() == [3.0, 3.0]  # on the line y = x


@pytest.mark.parametrize("name, expected", [("rotate", 1), ("shear", 1), ("squash", 0)])
def test_determinants_are_the_area_factors(name: str, expected: int) -> None:
    assert m.DETS[name] == expected == cross_det(m.EXAMPLES[name])
    assert m.SQUASH_DET == 0 and m.SHEAR_DET == 1


def test_squash_sends_every_point_onto_one_line() -> None:
    points = np.random.default_rng(0).normal(size=(50, 2))
    landed = points @ m.SQUASH.T
    assert np.allclose(landed[:, 0], landed[:, 1])


def test_composition_entries_and_order() -> None:
    assert by_hand_product(m.SHEAR, m.ROTATE).tolist() == [[1, -1], [1, 0]]
    assert m.ROTATE_THEN_SHEAR.tolist() == [[1, -1], [1, 0]]
    assert m.SHEAR_THEN_ROTATE.tolist() == [[0, -1], [1, 1]]
    assert m.ORDER_MATTERS
    # one step at a time gives the same point as the composed matrix
    step = m.SHEAR @ (m.ROTATE @ m.V)
    assert step.tolist() == m.V_ROTATE_THEN_SHEAR.tolist() == [-3.0, -1.0]
    assert m.V_SHEAR_THEN_ROTATE.tolist() == [-2.0, 1.0]


def test_layer_outputs_are_row_times_input_sums() -> None:
    assert m.WEIGHTS.shape == (4, 3) and (m.N_OUTPUTS, m.N_INPUTS) == (4, 3)
    by_hand = [0.2 * 1 - 0.5 * 2 + 0.8 * 3, 0.1 * 1 + 0.3 * 2 - 0.2 * 3,
               -0.4 * 1 + 0.7 * 2 + 0.1 * 3, 0.6 * 1 - 0.1 * 2 + 0.4 * 3]
    assert np.allclose(m.LAYER_OUTPUT, by_hand)
    assert np.allclose(m.LAYER_OUTPUT, [1.6, 0.1, 1.3, 1.6])
    assert m.FIRST_OUTPUT == pytest.approx(1.6)
    for row in range(4):
        assert m.running_sums(row)[-1] == pytest.approx(m.LAYER_OUTPUT[row])
    assert np.allclose(m.running_sums(0), [0.2, -0.8, 1.6])


def test_cloud_overlaps_from_the_front_and_separates_when_turned() -> None:
    front, turned = m.view(m.CLOUD, 0), m.view(m.CLOUD, m.CLOUD_TURN_DEGREES)
    groups = [m.CLOUD_GROUP == 0, m.CLOUD_GROUP == 1]
    # from the front the two groups' centres are close together...
    assert np.linalg.norm(front[groups[0]].mean(0) - front[groups[1]].mean(0)) < 0.5
    # ...turned a quarter turn about x, (x, y, z) -> (x, -z, y): a line splits them
    assert np.allclose(turned, np.column_stack([m.CLOUD[:, 0], -m.CLOUD[:, 2]]))
    cut = m.separating_height()
    assert (turned[groups[0], 1] < cut).all() and (turned[groups[1], 1] > cut).all()


def test_cloud_turn_is_a_rotation() -> None:
    assert np.allclose(m.CLOUD_TURN @ m.CLOUD_TURN.T, np.eye(3))
    assert np.linalg.det(m.CLOUD_TURN) == pytest.approx(1.0)


def test_shapes_inner_sizes_and_the_real_error() -> None:
    assert m.SHAPE_C == (3, 5) == (m.A_ROWS, m.B_COLS)
    assert m.SHAPE_AT == (m.AT_ROWS, m.AT_COLS) == (4, 3)
    assert m.FIX_SHAPE == (m.FIX_ROWS, m.FIX_COLS) == (4, 2)
    assert m.MISMATCH_ERROR.startswith("ValueError: matmul")
    assert "size 3 is different from 4" in m.MISMATCH_ERROR
    with pytest.raises(ValueError) as raised:
        np.zeros((3, 4)).dot(np.zeros((3, 2)))  # a different route to the same mismatch
    assert "not aligned" in str(raised.value)
    assert m.matmul_error(m.SHAPE_A, m.SHAPE_B) == ""
