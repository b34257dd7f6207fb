"""The opening's and the vectors chapter's numbers: lists, a colour, an embedding, toy words.

The five word vectors are made up (two dimensions, so they can be drawn) and the scene says
so; real embeddings are learned from text and have far more dimensions. The tiny picture,
the weighted sum and the little loss curve of the opening are illustrations too.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

# -- the opening -----------------------------------------------------------------------
# "Multiply and add": one row of weights times one input, the step a layer repeats.
INTRO_WEIGHTS = np.array([0.2, -0.5, 0.8])
INTRO_INPUT = np.array([3.0, 1.0, 2.0])
INTRO_PRODUCTS = INTRO_WEIGHTS * INTRO_INPUT
INTRO_SUM = float(INTRO_PRODUCTS.sum())

# A 5 by 5 black-and-white picture of a cat's face (ears on top); 1 is a lit pixel.
PICTURE = np.array([
    [1, 0, 0, 0, 1],
    [1, 1, 1, 1, 1],
    [1, 0, 1, 0, 1],
    [1, 1, 1, 1, 1],
    [0, 1, 1, 1, 0],
])
PICTURE_SIZE = PICTURE.size
# Stand-in weights for the picture of a layer: only their signs and sizes are drawn.
INTRO_LAYER = np.random.default_rng(3).normal(size=(6, 6))

# "The slope says which way to nudge": a bowl-shaped error over one weight.
LEARN_TARGET = 1.0
LEARN_START = 4.2
LEARN_RATE = 0.3
LEARN_STEPS = 4


def bowl_loss(w: float | np.ndarray) -> float | np.ndarray:
    """The opening's error curve: zero at the target weight, growing on both sides."""
    return (w - LEARN_TARGET) ** 2


def bowl_slope(w: float) -> float:
    """The slope of ``bowl_loss`` at ``w``: its sign says which way is downhill."""
    return 2 * (w - LEARN_TARGET)


def descent_path(w0: float, rate: float, steps: int) -> np.ndarray:
    """The weights visited when each step moves against the slope, ``rate`` times its size."""
    path = [w0]
    for _ in range(steps):
        path.append(path[-1] - rate * bowl_slope(path[-1]))
    return np.array(path)


LEARN_PATH = descent_path(LEARN_START, LEARN_RATE, LEARN_STEPS)

# -- lists of numbers ------------------------------------------------------------------
POSITION = np.array([3.0, 5.0])                        # the seed's 2-D point
ORANGE = np.array([255, 128, 0])                       # the seed's RGB orange
EMBEDDING = np.array([0.2, -0.5, 0.8, 0.1, -0.3])      # the seed's toy embedding
EMBEDDING_DIM = EMBEDDING.size
# Output size of OpenAI's embedding models text-embedding-ada-002 and text-embedding-3-small.
KNOWN_MODEL_DIM = 1536
KNOWN_MODEL_NAME = "text-embedding-3-small"
# Random stand-ins for such an embedding's numbers: only how many there are is shown.
KNOWN_MODEL_STAND_IN = np.random.default_rng(7).normal(size=KNOWN_MODEL_DIM)

ADD_A = np.array([1.0, 2.0])                           # the seed's addition example
ADD_B = np.array([3.0, 4.0])
ADD_SUM = ADD_A + ADD_B

# -- toy word vectors (made up for the picture) ----------------------------------------
WORDS: dict[str, np.ndarray] = {
    "king": np.array([3.0, 4.0]),
    "queen": np.array([4.2, 3.1]),
    "man": np.array([1.0, 2.0]),
    "woman": np.array([2.0, 1.0]),
    "pizza": np.array([3.5, -2.5]),
}


def spoken_list(values: Iterable[float], digits: int | None = None) -> str:
    """A list as the narrator reads it: '255, 128 and 0' (``digits``: fixed decimals)."""
    words = [f"{v:g}" if digits is None else f"{v:.{digits}f}" for v in values]
    return ", ".join(words[:-1]) + " and " + words[-1]


def hex_colour(rgb: np.ndarray) -> str:
    """The screen colour a list of three 0-255 numbers stands for."""
    return "#" + "".join(f"{int(c):02X}" for c in rgb)


def distance(a: np.ndarray, b: np.ndarray) -> float:
    """Straight-line (Euclidean) distance between two vectors' tips."""
    return float(np.linalg.norm(a - b))


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine similarity: compares directions only, ignores lengths."""
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def angle_deg(a: np.ndarray, b: np.ndarray) -> float:
    """The angle between two vectors, in degrees (what the cosine is the cosine of)."""
    return float(np.degrees(np.arccos(np.clip(cosine(a, b), -1.0, 1.0))))


def nearest_word(point: np.ndarray) -> str:
    """The vocabulary word whose vector lies closest to ``point`` (all five words compete)."""
    return min(WORDS, key=lambda w: distance(WORDS[w], point))


POSITION_X, POSITION_Y = (int(c) for c in POSITION)
ORANGE_HEX = hex_colour(ORANGE)
ORANGE_SPOKEN = spoken_list(ORANGE)
EMBEDDING_SPOKEN = spoken_list(EMBEDDING)
ADD_SPOKEN = f"{spoken_list(ADD_A)} plus {spoken_list(ADD_B)} is {spoken_list(ADD_SUM)}"

KING, QUEEN, MAN, WOMAN, PIZZA = (WORDS[w] for w in ("king", "queen", "man", "woman", "pizza"))
KING_QUEEN_DISTANCE = distance(KING, QUEEN)
KING_PIZZA_DISTANCE = distance(KING, PIZZA)
KING_QUEEN_COSINE = cosine(KING, QUEEN)
KING_PIZZA_COSINE = cosine(KING, PIZZA)
KING_QUEEN_ANGLE = angle_deg(KING, QUEEN)
KING_PIZZA_ANGLE = angle_deg(KING, PIZZA)

KING_MINUS_MAN = KING - MAN
ANALOGY = KING_MINUS_MAN + WOMAN                       # king - man + woman
ANALOGY_NEAREST = nearest_word(ANALOGY)
ANALOGY_GAP = distance(ANALOGY, WORDS[ANALOGY_NEAREST])
ANALOGY_SPOKEN = spoken_list(ANALOGY)

# The hand-over to matrices: the word plane is sheared, the first hint of a matrix at work.
HANDOFF_SHEAR = np.array([[1.0, 0.5], [0.0, 1.0]])
