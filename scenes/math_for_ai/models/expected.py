"""Expected value and correlation: a fair die, the accuracy trap, ice cream and drownings.

Every number the expected-value scene shows or says comes from here. The rolls and the year
of weather are simulated from fixed seeds, so every build draws the same picture.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# -- a fair die: the exact expected value, then a simulation that converges to it ------------
FACES = np.arange(1, 7)
FACE_COUNT = len(FACES)
FACE_MIN, FACE_MAX = int(FACES[0]), int(FACES[-1])
FACE_SUM = int(FACES.sum())
DIE_MEAN = FACE_SUM / FACE_COUNT  # every face has probability 1 / FACE_COUNT

ROLL_SEED = 2
ROLLS = 1000
CHECKPOINTS = (10, 100, ROLLS)  # the running average is read out after these many rolls


def running_average(values: np.ndarray) -> np.ndarray:
    """The average of the first n values, for every n: what 'the long run' converges from."""
    values = np.asarray(values, dtype=float)
    return np.cumsum(values) / np.arange(1, len(values) + 1)


ROLL_VALUES = np.random.default_rng(ROLL_SEED).integers(FACE_MIN, FACE_MAX + 1, size=ROLLS)
RUNNING = running_average(ROLL_VALUES)
AVERAGES = {n: float(RUNNING[n - 1]) for n in CHECKPOINTS}
ROLLS_FEW, ROLLS_SOME = CHECKPOINTS[0], CHECKPOINTS[1]
AVG_FEW, AVG_SOME, AVG_FINAL = (AVERAGES[n] for n in CHECKPOINTS)


# -- the accuracy trap: 1,000 emails, 9 in 10 of them not spam -------------------------------
@dataclass(frozen=True)
class Classifier:
    """How a spam filter does on the test emails, as counts of its four kinds of answer."""

    spam_caught: int
    spam_missed: int
    normal_passed: int
    false_alarms: int

    @property
    def total(self) -> int:
        return self.spam_caught + self.spam_missed + self.normal_passed + self.false_alarms

    @property
    def mistakes(self) -> int:
        return self.spam_missed + self.false_alarms

    @property
    def accuracy(self) -> float:
        return (self.spam_caught + self.normal_passed) / self.total

    @property
    def error_rate(self) -> float:
        return self.mistakes / self.total


EMAILS = 1000
SPAM = 100
NORMAL = EMAILS - SPAM
MAJORITY_SHARE = NORMAL / EMAILS

# Always answering "not spam" passes every normal email and misses every spam.
BASELINE = Classifier(spam_caught=0, spam_missed=SPAM, normal_passed=NORMAL, false_alarms=0)
# A trained filter: catches 70 of the 100 spam, wrongly flags 20 of the 900 normal emails.
MODEL = Classifier(spam_caught=70, spam_missed=SPAM - 70, normal_passed=NORMAL - 20,
                   false_alarms=20)

BASELINE_ACCURACY = BASELINE.accuracy
MODEL_ACCURACY = MODEL.accuracy
BASELINE_ERROR = BASELINE.error_rate
MODEL_ERROR = MODEL.error_rate
GAIN_POINTS = round(100 * (MODEL_ACCURACY - BASELINE_ACCURACY))  # percentage points
ERROR_CUT = 1 - MODEL_ERROR / BASELINE_ERROR  # share of the baseline's mistakes removed
BASELINE_MISTAKES, MODEL_MISTAKES = BASELINE.mistakes, MODEL.mistakes
SPAM_CAUGHT, FALSE_ALARMS = MODEL.spam_caught, MODEL.false_alarms


def guess_accuracy(say_spam: float) -> float:
    """Expected accuracy of a guesser that says "spam" with this probability, ignoring the email.

    A weighted average: right on spam with probability ``say_spam``, right on normal emails
    otherwise, each weighted by how common that kind of email is.
    """
    spam_share = SPAM / EMAILS
    return say_spam * spam_share + (1 - say_spam) * (1 - spam_share)


# The course calls the 90% "random guessing"; it is really always giving the common answer.
ALWAYS_NORMAL_ACCURACY = guess_accuracy(0.0)
COIN_ACCURACY = guess_accuracy(0.5)
MATCHED_GUESS_RATE = SPAM / EMAILS  # guess "spam" as often as spam occurs
MATCHED_ACCURACY = guess_accuracy(MATCHED_GUESS_RATE)


# -- correlation is not causation: a simulated year, week by week -----------------------------
WEATHER_SEED = 0
WEEKS = 52


@dataclass(frozen=True)
class Year:
    """One simulated year: temperature drives both ice-cream sales and drownings."""

    temperature: np.ndarray  # degrees Celsius, weekly average
    ice_cream: np.ndarray  # cones sold per week
    drownings: np.ndarray  # per week


def simulate_year(seed: int = WEATHER_SEED, weeks: int = WEEKS) -> Year:
    """Temperature follows the seasons; sales and drownings each follow temperature plus noise.

    Neither sales nor drownings appear in the other's formula: temperature is the only link.
    """
    rng = np.random.default_rng(seed)
    week = np.arange(weeks)
    temperature = 14 - 10 * np.cos(2 * np.pi * (week + 2) / weeks) + rng.normal(0, 2.0, weeks)
    ice_cream = np.clip(300 + 60 * temperature + rng.normal(0, 120, weeks), 50, None)
    drownings = np.clip(np.round(0.5 + 0.3 * temperature + rng.normal(0, 1.0, weeks)), 0, None)
    return Year(temperature, np.round(ice_cream), drownings)


def correlation(x: np.ndarray, y: np.ndarray) -> float:
    """Pearson's r: how closely the points follow a straight line, from -1 to 1."""
    return float(np.corrcoef(x, y)[0, 1])


def residual(values: np.ndarray, cause: np.ndarray) -> np.ndarray:
    """What is left of ``values`` after the best straight-line fit on ``cause`` is removed."""
    slope, intercept = np.polyfit(cause, values, 1)
    return values - (slope * cause + intercept)


def correlation_given(x: np.ndarray, y: np.ndarray, cause: np.ndarray) -> float:
    """The partial correlation: the link between x and y once ``cause`` is accounted for."""
    return correlation(residual(x, cause), residual(y, cause))


YEAR = simulate_year()
R = correlation(YEAR.ice_cream, YEAR.drownings)
R_TEMP_ICE = correlation(YEAR.temperature, YEAR.ice_cream)
R_TEMP_DROWN = correlation(YEAR.temperature, YEAR.drownings)
R_GIVEN_TEMP = correlation_given(YEAR.ice_cream, YEAR.drownings, YEAR.temperature)
TEMP_MIN, TEMP_MAX = float(YEAR.temperature.min()), float(YEAR.temperature.max())
