"""The probability chapter's numbers: softmax, the normal and uniform shapes, dice sums.

Dice-sum distributions are exact (repeated convolution), not sampled, so every bar is the
true probability.
"""

from __future__ import annotations

from math import erf, sqrt

import numpy as np

from .vectors import spoken_list

# -- softmax ---------------------------------------------------------------------------
LOGITS = np.array([2.0, 1.0, 0.1])                     # the seed's example input
SEED_QUOTED = np.array([0.65, 0.24, 0.11])             # what the seed prints as the output

# A made-up classifier output, for "a model says cat": the logits are invented.
CLASSES = ("cat", "dog", "fox")
CLASS_LOGITS = np.array([4.0, 0.8, 0.1])


def softmax(logits: np.ndarray) -> np.ndarray:
    """Turn any scores into positive numbers that add to 1 (shifted by the max for safety)."""
    exps = np.exp(logits - np.max(logits))
    return exps / exps.sum()


EXPS = np.exp(LOGITS)
EXP_SUM = float(EXPS.sum())
PROBS = EXPS / EXP_SUM
PROB_SUM = float(PROBS.sum())
PROBS_2DP = np.round(PROBS, 2)                        # what two decimals should read
SEED_WRONG = tuple(int(i) for i in np.flatnonzero(~np.isclose(PROBS_2DP, SEED_QUOTED)))
CLASS_PROBS = softmax(CLASS_LOGITS)
CAT_PROB = float(CLASS_PROBS[0])

LOGITS_SPOKEN = spoken_list(LOGITS)
EXPS_SPOKEN = spoken_list(EXPS, 2)
PROBS_SPOKEN = spoken_list(PROBS, 3)
PROBS_2DP_SPOKEN = spoken_list(PROBS_2DP, 2)
SEED_SPOKEN = spoken_list(SEED_QUOTED, 2)

# -- the normal distribution ---------------------------------------------------------------
NORMAL_MEAN = 0.0
NORMAL_SD = 1.0
NORMAL_WIDE_SD = 2.0
NORMAL_SHIFTED_MEAN = 1.5


def normal_pdf(x: np.ndarray, mean: float, sd: float) -> np.ndarray:
    """The bell curve's height: the density of a normal distribution."""
    return np.exp(-0.5 * ((x - mean) / sd) ** 2) / (sd * sqrt(2 * np.pi))


WITHIN_ONE_SD = erf(1 / sqrt(2))                       # share within one sd of the mean

# -- the uniform distribution: a fair die ------------------------------------------------
DIE_SIDES = 6
DIE_FACES = np.arange(1, DIE_SIDES + 1)
DIE_PROBS = np.full(DIE_SIDES, 1 / DIE_SIDES)


def dice_sum(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Every possible total of ``n`` fair dice and its exact probability (convolution)."""
    probs = np.array([1.0])
    for _ in range(n):
        probs = np.convolve(probs, DIE_PROBS)
    return np.arange(n, DIE_SIDES * n + 1), probs


def dice_mean_sd(n: int) -> tuple[float, float]:
    """Mean and standard deviation of the total of ``n`` dice: the matching bell."""
    face_mean = float(DIE_FACES @ DIE_PROBS)
    face_var = float(((DIE_FACES - face_mean) ** 2) @ DIE_PROBS)
    return n * face_mean, sqrt(n * face_var)


DICE_COUNTS = (1, 2, 3, 5, 10)                         # the bar charts, in order
MORE_DICE_SPOKEN = spoken_list(DICE_COUNTS[2:])
TWO_DICE_WAYS = DIE_SIDES ** 2                   # 36 equally likely pairs
_TOTALS, _PROBS = dice_sum(2)
COMMON_TOTAL = int(_TOTALS[np.argmax(_PROBS)])         # 7
RARE_TOTAL = int(_TOTALS[0])                           # 2
COMMON_WAYS = round(float(_PROBS.max()) * TWO_DICE_WAYS)
RARE_WAYS = round(float(_PROBS[0]) * TWO_DICE_WAYS)
