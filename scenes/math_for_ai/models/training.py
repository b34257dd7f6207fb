"""The training loop, run for real: a tiny network learns which points lie inside a circle.

Two inputs, one hidden layer of tanh units, one sigmoid output, cross-entropy loss, plain
gradient descent on the whole data set. Forward pass, loss, backward pass (the chain rule,
written out by hand) and update are the four steps the scene names. Fixed seeds make every
build train the same model and draw the same falling curve.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DATA_SEED = 1
INIT_SEED = 1
POINTS = 120
RADIUS = 0.67                # the true rule: a point is "inside" if it lies within this circle
HIDDEN = 8
LEARNING_RATE = 1.0
STEPS = 600
INIT_SCALE = 0.5


@dataclass
class Params:
    """Every number the network learns: two weight matrices and two bias vectors."""

    w1: np.ndarray  # (HIDDEN, 2)
    b1: np.ndarray  # (HIDDEN,)
    w2: np.ndarray  # (1, HIDDEN)
    b2: np.ndarray  # (1,)

    @property
    def count(self) -> int:
        return sum(a.size for a in (self.w1, self.b1, self.w2, self.b2))


def make_data(seed: int = DATA_SEED, n: int = POINTS) -> tuple[np.ndarray, np.ndarray]:
    """Points spread evenly over a square; the label says whether each is inside the circle."""
    points = np.random.default_rng(seed).uniform(-1, 1, (n, 2))
    labels = (np.sum(points**2, axis=1) < RADIUS**2).astype(float)
    return points, labels


def init_params(seed: int = INIT_SEED) -> Params:
    """Small random weights: the untrained network answers about 50-50 everywhere."""
    rng = np.random.default_rng(seed)
    return Params(rng.normal(0, INIT_SCALE, (HIDDEN, 2)), np.zeros(HIDDEN),
                  rng.normal(0, INIT_SCALE, (1, HIDDEN)), np.zeros(1))


def forward(p: Params, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Step 1, linear algebra: matrix products layer by layer; returns hidden and output."""
    hidden = np.tanh(x @ p.w1.T + p.b1)
    out = 1 / (1 + np.exp(-(hidden @ p.w2.T + p.b2)[:, 0]))
    return hidden, out


def loss(prob: np.ndarray, labels: np.ndarray) -> float:
    """Step 2: cross-entropy, the average surprise at the true answers (an expected value)."""
    prob = np.clip(prob, 1e-12, 1 - 1e-12)
    return float(-np.mean(labels * np.log(prob) + (1 - labels) * np.log(1 - prob)))


def backward(p: Params, x: np.ndarray, labels: np.ndarray, hidden: np.ndarray,
             prob: np.ndarray) -> Params:
    """Step 3, calculus: the chain rule from the loss back to every weight."""
    d_out = (prob - labels)[:, None] / len(labels)
    d_hidden = (d_out @ p.w2) * (1 - hidden**2)
    return Params(d_hidden.T @ x, d_hidden.sum(axis=0), d_out.T @ hidden, d_out.sum(axis=0))


def update(p: Params, grad: Params, rate: float = LEARNING_RATE) -> Params:
    """Step 4, gradient descent: every number moves a little against its gradient."""
    return Params(p.w1 - rate * grad.w1, p.b1 - rate * grad.b1,
                  p.w2 - rate * grad.w2, p.b2 - rate * grad.b2)


@dataclass(frozen=True)
class Run:
    """The whole training: loss and every point's prediction before each step, and after."""

    losses: np.ndarray       # (STEPS + 1,)
    probs: np.ndarray        # (STEPS + 1, POINTS)
    params: Params           # the trained network


def train(x: np.ndarray, labels: np.ndarray, steps: int = STEPS,
          rate: float = LEARNING_RATE) -> Run:
    """The loop: forward, loss, backward, update, ``steps`` times."""
    params = init_params()
    losses, probs = [], []
    for _ in range(steps):
        hidden, prob = forward(params, x)
        losses.append(loss(prob, labels))
        probs.append(prob)
        params = update(params, backward(params, x, labels, hidden, prob), rate)
    _, prob = forward(params, x)
    losses.append(loss(prob, labels))
    probs.append(prob)
    return Run(np.array(losses), np.array(probs), params)


def accuracy(prob: np.ndarray, labels: np.ndarray) -> float:
    """Share of points the network puts on the right side of 50%."""
    return float(np.mean((prob > 0.5) == (labels > 0.5)))


X, Y = make_data()
RUN = train(X, Y)
INSIDE = int(Y.sum())
PARAM_COUNT = init_params().count
LOSS_START = float(RUN.losses[0])
LOSS_END = float(RUN.losses[-1])
ACC_START = accuracy(RUN.probs[0], Y)
ACC_END = accuracy(RUN.probs[-1], Y)
RIGHT_END = round(ACC_END * POINTS)
