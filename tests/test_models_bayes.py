"""The Bayes model against Bayes' formula and counts worked out independently."""

from __future__ import annotations

from fractions import Fraction

import pytest

from scenes.math_for_ai.models.bayes import (
    POPULATION,
    SECOND,
    SECOND_STOPS,
    SEED,
    SLIDER_STOPS,
    TENFOLD,
    bayes_test,
    odds_pair,
    snap,
)


def exact_posterior(prevalence: Fraction, sensitivity: Fraction,
                    specificity: Fraction) -> Fraction:
    """Bayes' formula in exact rational arithmetic."""
    sick_and_positive = prevalence * sensitivity
    healthy_and_positive = (1 - prevalence) * (1 - specificity)
    return sick_and_positive / (sick_and_positive + healthy_and_positive)


CASES = [  # population, prevalence, sensitivity, specificity (as exact fractions)
    (2000, Fraction(1, 100), Fraction(95, 100), Fraction(95, 100)),
    (2000, Fraction(10, 100), Fraction(95, 100), Fraction(95, 100)),
    (1000, Fraction(2, 100), Fraction(90, 100), Fraction(80, 100)),
    (20000, Fraction(5, 1000), Fraction(99, 100), Fraction(98, 100)),
    (500, Fraction(50, 100), Fraction(60, 100), Fraction(70, 100)),
]


@pytest.mark.parametrize("population, prevalence, sensitivity, specificity", CASES)
def test_posterior_matches_bayes_formula(population, prevalence, sensitivity, specificity):
    result = bayes_test(population, float(prevalence), float(sensitivity), float(specificity))
    expected = exact_posterior(prevalence, sensitivity, specificity)
    assert result.posterior == pytest.approx(float(expected), rel=1e-12)
    assert result.posterior_percent == pytest.approx(100 * float(expected), rel=1e-12)


@pytest.mark.parametrize("population, prevalence, sensitivity, specificity", CASES)
def test_whole_counts_match_hand_counting(population, prevalence, sensitivity, specificity):
    """These cases all give whole counts, so counting people gives Bayes' answer too."""
    result = bayes_test(population, float(prevalence), float(sensitivity), float(specificity))
    sick = population * prevalence
    healthy = population - sick
    assert result.counts_whole
    assert result.sick == sick and result.healthy == healthy
    assert result.true_positives == sick * sensitivity
    assert result.false_negatives == sick * (1 - sensitivity)
    assert result.true_negatives == healthy * specificity
    assert result.false_positives == healthy * (1 - specificity)
    assert result.positives == sick * sensitivity + healthy * (1 - specificity)
    assert result.sick + result.healthy == population
    assert result.true_positives / result.positives == pytest.approx(result.posterior)


@pytest.mark.parametrize("population, prevalence, sensitivity, specificity", CASES)
def test_odds_form_gives_the_same_posterior(population, prevalence, sensitivity, specificity):
    result = bayes_test(population, float(prevalence), float(sensitivity), float(specificity))
    prior_odds = prevalence / (1 - prevalence)
    factor = sensitivity / (1 - specificity)
    assert result.prior_odds == pytest.approx(float(prior_odds))
    assert result.bayes_factor == pytest.approx(float(factor))
    assert result.posterior_odds == pytest.approx(float(prior_odds * factor))
    odds = result.posterior_odds
    assert odds / (1 + odds) == pytest.approx(result.posterior)


def test_the_seed_example():
    """1% sick, a 95% / 95% test: 20 sick, 19 true and 99 false positives, 19/118 = 0.161."""
    assert (SEED.population, SEED.sick, SEED.healthy) == (2000, 20, 1980)
    assert (SEED.true_positives, SEED.false_negatives) == (19, 1)
    assert (SEED.false_positives, SEED.true_negatives) == (99, 1881)
    assert SEED.positives == 118
    assert SEED.posterior == pytest.approx(19 / 118)
    assert round(SEED.posterior, 3) == 0.161
    assert round(SEED.posterior_percent) == 16  # the seed's "about 16%"
    assert odds_pair(SEED.prior_odds) == (1, 99)
    assert round(SEED.bayes_factor, 9) == 19
    assert odds_pair(SEED.posterior_odds) == (19, 99)


def test_the_slider_end_and_the_second_test():
    assert (TENFOLD.sick, TENFOLD.true_positives, TENFOLD.false_positives) == (200, 190, 90)
    assert TENFOLD.posterior == pytest.approx(190 / 280)
    assert odds_pair(TENFOLD.posterior_odds) == (19, 9)
    # Second positive test: prior odds 19:99 times 19 = 361:99, so 361/460.
    assert odds_pair(SECOND.prior_odds) == (19, 99)
    assert odds_pair(SECOND.posterior_odds) == (361, 99)
    assert SECOND.posterior == pytest.approx(361 / 460)
    assert not SECOND.counts_whole  # 19 x 0.95 is not a whole number of people


def test_rounded_counts_still_add_up():
    result = bayes_test(2000, 0.037, 0.95, 0.95)
    assert not result.counts_whole
    assert result.sick == 74  # 2000 x 0.037
    assert result.true_positives + result.false_negatives == result.sick
    assert result.false_positives + result.true_negatives == result.healthy
    assert result.posterior == pytest.approx(
        float(exact_posterior(Fraction(37, 1000), Fraction(95, 100), Fraction(95, 100))))


def test_every_slider_stop_keeps_the_counts_whole():
    """At k% of 2,000: 20k sick, 19k true positives, 100 - k false positives, all whole."""
    for k, stop in enumerate(SLIDER_STOPS, start=1):
        result = bayes_test(POPULATION, stop, 0.95, 0.95)
        assert result.counts_whole
        assert (result.sick, result.true_positives, result.false_positives) == (
            20 * k, 19 * k, 100 - k)
        assert result.posterior == pytest.approx(19 * k / (19 * k + 100 - k))
    assert SLIDER_STOPS[0] == 0.01 and SLIDER_STOPS[-1] == 0.10


def test_snap_picks_the_nearest_stop():
    assert snap(0.034, SLIDER_STOPS) == SLIDER_STOPS[2]
    assert snap(0.5, SLIDER_STOPS) == SLIDER_STOPS[-1]
    assert snap(0.08, SECOND_STOPS) == 0.01
    assert snap(0.1, SECOND_STOPS) == pytest.approx(19 / 118)


def test_the_names_the_narration_reads():
    """The spoken numbers, worked out by hand from 1%, 95% and 95%."""
    from scenes.math_for_ai.models import bayes

    assert bayes.FALSE_POSITIVE_RATE == pytest.approx(0.05)
    assert bayes.HEALTHY_SHARE == pytest.approx(0.99)
    assert bayes.HEALTHY_PER_SICK == 99  # 1,980 healthy / 20 sick
    assert (bayes.PRIOR_ODDS_SICK, bayes.PRIOR_ODDS_HEALTHY) == (1, 99)
    assert (bayes.POSTERIOR_ODDS_SICK, bayes.POSTERIOR_ODDS_HEALTHY) == (19, 99)
    assert (bayes.TENFOLD_PRIOR_SICK, bayes.TENFOLD_PRIOR_HEALTHY) == (1, 9)
    assert (bayes.TENFOLD_ODDS_SICK, bayes.TENFOLD_ODDS_HEALTHY) == (19, 9)
    assert f"{bayes.TENFOLD_POSTERIOR:.0%}" == "68%"  # 190 / 280 = 0.679
    assert (bayes.SECOND_ODDS_SICK, bayes.SECOND_ODDS_HEALTHY) == (361, 99)
    assert f"{bayes.SECOND_POSTERIOR:.0%}" == "78%"  # 361 / 460 = 0.785
    assert f"{bayes.POSTERIOR:.3f}" == "0.161" and f"{bayes.POSTERIOR:.0%}" == "16%"


def test_two_tests_in_a_row_equal_one_test_of_both():
    """Counting instead: of 40,000 people, 400 sick, 361 positive twice; 99 healthy likewise."""
    both = bayes_test(40_000, 0.01, 0.95 * 0.95, 1 - 0.05 * 0.05)
    assert both.counts_whole
    assert (both.true_positives, both.false_positives) == (361, 99)
    assert SECOND.posterior == pytest.approx(both.posterior)
