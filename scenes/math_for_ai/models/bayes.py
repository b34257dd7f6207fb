"""The medical test of the Bayes scenes: one function gives every count, odds and posterior.

The seed's example: a disease affects 1% of people, a test is 95% accurate (sensitivity and
specificity both 95%), and a positive result means about 16%. With 2,000 people every count
is whole (20 sick, 19 of them test positive, 99 healthy people test positive), so the counted
share 19/118 and Bayes' formula agree exactly: 0.161.

Counts are rounded to whole people; the posterior is always the exact probability, so a
scene may show counts only where ``counts_whole`` says no rounding happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

_WHOLE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class BayesOutcome:
    """Everything a scene shows about one population and one test."""

    population: int
    prevalence: float
    sensitivity: float
    specificity: float
    sick: int
    healthy: int
    true_positives: int
    false_negatives: int
    false_positives: int
    true_negatives: int
    positives: int
    counts_whole: bool         # every count above came out whole, without rounding
    posterior: float           # P(sick | positive), exact
    posterior_percent: float
    prior_odds: float          # sick : healthy before the test, as one number
    bayes_factor: float        # P(+ | sick) / P(+ | healthy)
    posterior_odds: float      # sick : healthy among the positives

    @property
    def healthy_share(self) -> float:
        """P(healthy): the prior of the other group."""
        return 1.0 - self.prevalence

    @property
    def false_positive_rate(self) -> float:
        """P(+ | healthy): how often the test raises a false alarm."""
        return 1.0 - self.specificity


def _whole(value: float) -> tuple[int, bool]:
    """``value`` rounded half up to whole people, and whether it was whole already."""
    rounded = int(np.floor(value + 0.5))
    return rounded, abs(value - rounded) < _WHOLE_TOLERANCE


def bayes_test(population: int, prevalence: float, sensitivity: float,
               specificity: float) -> BayesOutcome:
    """Test ``population`` people of whom ``prevalence`` are sick: the counts and Bayes' rule."""
    sick, whole_sick = _whole(population * prevalence)
    healthy = population - sick
    true_positives, whole_tp = _whole(sick * sensitivity)
    true_negatives, whole_tn = _whole(healthy * specificity)
    false_positive_rate = 1.0 - specificity
    evidence = prevalence * sensitivity + (1.0 - prevalence) * false_positive_rate
    posterior = prevalence * sensitivity / evidence
    prior_odds = prevalence / (1.0 - prevalence)
    bayes_factor = sensitivity / false_positive_rate
    return BayesOutcome(
        population=population, prevalence=prevalence, sensitivity=sensitivity,
        specificity=specificity, sick=sick, healthy=healthy,
        true_positives=true_positives, false_negatives=sick - true_positives,
        false_positives=healthy - true_negatives, true_negatives=true_negatives,
        positives=true_positives + healthy - true_negatives,
        counts_whole=whole_sick and whole_tp and whole_tn,
        posterior=posterior, posterior_percent=100.0 * posterior,
        prior_odds=prior_odds, bayes_factor=bayes_factor,
        posterior_odds=prior_odds * bayes_factor,
    )


def snap(value: float, stops: tuple[float, ...]) -> float:
    """The stop nearest ``value``: a slider rests only where its numbers are worth showing."""
    return min(stops, key=lambda stop: abs(stop - value))


def odds_pair(odds: float) -> tuple[int, int]:
    """Odds as the whole-number ratio a viewer reads, e.g. 19/99 -> (19, 99)."""
    ratio = Fraction(odds).limit_denominator(10_000)
    return ratio.numerator, ratio.denominator


POPULATION = 2000
PREVALENCE = 0.01
SENSITIVITY = 0.95
SPECIFICITY = 0.95
SLIDER_END = 0.10  # the prevalence the slider moves to
# The slider rests on whole percents: with 2,000 people and this test every count stays whole.
SLIDER_STOPS = tuple(k / 100 for k in range(1, round(SLIDER_END * 100) + 1))
SLIDER_MAX = 0.20  # the slider's right end, past the second test's prior

SEED = bayes_test(POPULATION, PREVALENCE, SENSITIVITY, SPECIFICITY)
TENFOLD = bayes_test(POPULATION, SLIDER_END, SENSITIVITY, SPECIFICITY)
# A second, independent positive test: the first posterior is the new prior. Its counts
# among the 118 positives are not whole, so the scenes show its odds and posterior only.
SECOND = bayes_test(SEED.positives, SEED.posterior, SENSITIVITY, SPECIFICITY)
SECOND_STOPS = (PREVALENCE, SEED.posterior)  # before any test, and after the first positive

# Names for the narration's placeholders, e.g. {bayes.SICK} or {bayes.POSTERIOR:.0%}.
FALSE_POSITIVE_RATE = SEED.false_positive_rate
HEALTHY_SHARE = SEED.healthy_share
SICK = SEED.sick
HEALTHY = SEED.healthy
TRUE_POSITIVES = SEED.true_positives
FALSE_NEGATIVES = SEED.false_negatives
FALSE_POSITIVES = SEED.false_positives
TRUE_NEGATIVES = SEED.true_negatives
POSITIVES = SEED.positives
POSTERIOR = SEED.posterior
BAYES_FACTOR = SEED.bayes_factor
PRIOR_ODDS_SICK, PRIOR_ODDS_HEALTHY = odds_pair(SEED.prior_odds)
POSTERIOR_ODDS_SICK, POSTERIOR_ODDS_HEALTHY = odds_pair(SEED.posterior_odds)
HEALTHY_PER_SICK = HEALTHY // SICK
TENFOLD_POSTERIOR = TENFOLD.posterior
TENFOLD_PRIOR_SICK, TENFOLD_PRIOR_HEALTHY = odds_pair(TENFOLD.prior_odds)
TENFOLD_ODDS_SICK, TENFOLD_ODDS_HEALTHY = odds_pair(TENFOLD.posterior_odds)
SECOND_POSTERIOR = SECOND.posterior
SECOND_ODDS_SICK, SECOND_ODDS_HEALTHY = odds_pair(SECOND.posterior_odds)
