"""The matrices of the matrix scenes and what they do to vectors, layers and shapes.

Pure NumPy: every number the four matrix scenes show or say is computed here.
"""

from __future__ import annotations

import numpy as np

STRETCH = np.array([[2.0, 1.0], [1.0, 2.0]])
FOLLOW = np.array([[1.0, 3.0], [-2.0, 0.0]])  # columns: where i-hat and j-hat land
V = np.array([-1.0, 2.0])


def landing(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """Where ``vector`` lands: the same combination of the moved basis vectors."""
    return vector[0] * matrix[:, 0] + vector[1] * matrix[:, 1]


V_LANDS = landing(FOLLOW, V)
V_X, V_Y = (int(c) for c in V)


# -- named examples (matrix_examples) ---------------------------------------------------

def rotation(degrees: float) -> np.ndarray:
    """The matrix that turns the plane counter-clockwise by ``degrees``."""
    t = np.radians(degrees)
    return np.round(np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]]), 12) + 0.0


TURN_DEGREES = 90
ROTATE = rotation(TURN_DEGREES)
SHEAR = np.array([[1.0, 1.0], [0.0, 1.0]])
SQUASH = np.array([[1.0, 2.0], [1.0, 2.0]])  # both columns on the line y = x
EXAMPLES = {"rotate": ROTATE, "shear": SHEAR, "squash": SQUASH}


def determinant(matrix: np.ndarray) -> float:
    """The factor by which the matrix scales areas (rounded so 0 reads as 0)."""
    return float(np.round(np.linalg.det(matrix), 9)) + 0.0


DETS = {name: determinant(m) for name, m in EXAMPLES.items()}
LANDS = {name: m @ V for name, m in EXAMPLES.items()}
SQUASH_DET = int(DETS["squash"])
SHEAR_DET = int(DETS["shear"])

# Composition: rotate first, then shear. Read right to left: SHEAR @ ROTATE.
ROTATE_THEN_SHEAR = SHEAR @ ROTATE
SHEAR_THEN_ROTATE = ROTATE @ SHEAR
ORDER_MATTERS = not np.allclose(ROTATE_THEN_SHEAR, SHEAR_THEN_ROTATE)
V_ROTATE_THEN_SHEAR = ROTATE_THEN_SHEAR @ V
V_SHEAR_THEN_ROTATE = SHEAR_THEN_ROTATE @ V


# -- a layer (matrix_layer): the seed's weights --------------------------------------------

# The seed prints a 4x3 table; as W @ x it maps 3 inputs to 4 outputs (one row per output).
WEIGHTS = np.array([
    [0.2, -0.5, 0.8],
    [0.1, 0.3, -0.2],
    [-0.4, 0.7, 0.1],
    [0.6, -0.1, 0.4],
])
LAYER_INPUT = np.array([1.0, 2.0, 3.0])
N_OUTPUTS, N_INPUTS = WEIGHTS.shape


def row_products(row: int) -> np.ndarray:
    """The terms of one output: each weight of the row times its input."""
    return WEIGHTS[row] * LAYER_INPUT


def running_sums(row: int) -> np.ndarray:
    """The sum as it is counted up, term by term (what the scene shows live)."""
    return np.round(np.cumsum(row_products(row)), 10) + 0.0


LAYER_OUTPUT = np.round(WEIGHTS @ LAYER_INPUT, 10) + 0.0
FIRST_OUTPUT = float(LAYER_OUTPUT[0])


# -- the point cloud the right rotation makes readable -----------------------------------

CLOUD_SIZE = 120
CLOUD_GAP = 1.6  # the two groups sit this far apart in depth, hidden from the front


def point_cloud(seed: int = 3) -> np.ndarray:
    """Two groups of 3-D points, one in front of the other: from the front they overlap."""
    rng = np.random.default_rng(seed)
    half = CLOUD_SIZE // 2
    spread = rng.normal(0.0, [0.9, 0.55, 0.35], size=(CLOUD_SIZE, 3))
    depth = np.repeat([CLOUD_GAP, -CLOUD_GAP], half)
    return spread + np.column_stack([np.zeros(CLOUD_SIZE), np.zeros(CLOUD_SIZE), depth])


CLOUD = point_cloud()
CLOUD_GROUP = np.repeat([0, 1], CLOUD_SIZE // 2)


def tilt(degrees: float) -> np.ndarray:
    """A rotation about the x-axis: it tips the far side of the cloud up into view."""
    t = np.radians(degrees)
    c, s = np.cos(t), np.sin(t)
    return np.round(np.array([[1.0, 0.0, 0.0], [0.0, c, -s], [0.0, s, c]]), 12) + 0.0


CLOUD_TURN_DEGREES = 90
CLOUD_TURN = tilt(CLOUD_TURN_DEGREES)


def view(points: np.ndarray, degrees: float) -> np.ndarray:
    """What we see: rotate every point, then drop depth (look straight down the z-axis)."""
    return (points @ tilt(degrees).T)[:, :2]


def separating_height() -> float:
    """A horizontal line between the two groups once they are turned into view."""
    turned = view(CLOUD, CLOUD_TURN_DEGREES)[:, 1]
    low, high = sorted([turned[CLOUD_GROUP == 0].mean(), turned[CLOUD_GROUP == 1].mean()])
    return float((turned[turned < (low + high) / 2].max() + turned[turned > (low + high) / 2]
                  .min()) / 2)


# -- shapes (matrix_shapes) ----------------------------------------------------------------

SHAPE_A = (3, 4)
SHAPE_B = (4, 5)
SHAPE_D = (3, 2)
A_ROWS, A_COLS = SHAPE_A
B_ROWS, B_COLS = SHAPE_B
D_ROWS, D_COLS = SHAPE_D


def product_shape(left: tuple[int, int], right: tuple[int, int]) -> tuple[int, int]:
    """The shape NumPy gives ``left @ right`` (it raises if the inner sizes differ)."""
    return (np.ones(left) @ np.ones(right)).shape


def matmul_error(left: tuple[int, int], right: tuple[int, int]) -> str:
    """The exact error NumPy raises for ``left @ right``, captured when the scene is built."""
    try:
        np.ones(left) @ np.ones(right)
    except ValueError as err:
        return f"{type(err).__name__}: {err}"
    return ""


SHAPE_C = product_shape(SHAPE_A, SHAPE_B)
C_ROWS, C_COLS = SHAPE_C
MISMATCH_ERROR = matmul_error(SHAPE_A, SHAPE_D)
SHAPE_AT = np.ones(SHAPE_A).T.shape  # the usual fix: turn A on its side
FIX_SHAPE = product_shape(SHAPE_AT, SHAPE_D)
FIX_ROWS, FIX_COLS = FIX_SHAPE
AT_ROWS, AT_COLS = SHAPE_AT
