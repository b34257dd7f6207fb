"""The matrices of the matrix scenes and what they do to vectors."""

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
