"""The distributions model against hand computation, enumeration and closed forms."""

from __future__ import annotations

import itertools
import math
from collections import Counter

import numpy as np
import pytest

from scenes.math_for_ai.models import distributions as d


def test_softmax_of_the_seed_example_by_hand():
    exps = [math.exp(2.0), math.exp(1.0), math.exp(0.1)]
    total = sum(exps)
    assert d.EXP_SUM == pytest.approx(total)
    assert list(d.PROBS) == pytest.approx([e / total for e in exps])
    assert [round(p, 3) for p in d.PROBS] == [0.659, 0.242, 0.099]  # the beat sheet's values
    assert d.PROB_SUM == pytest.approx(1.0)


def test_the_seed_quote_is_wrong_in_its_first_and_last_entry():
    assert list(d.PROBS_2DP) == [0.66, 0.24, 0.10]
    assert d.SEED_WRONG == (0, 2)


def test_softmax_ignores_a_common_shift_and_matches_the_cat_example():
    shifted = d.softmax(d.CLASS_LOGITS + 100.0)
    assert list(shifted) == pytest.approx(list(d.CLASS_PROBS))
    cat = math.exp(4.0) / (math.exp(4.0) + math.exp(0.8) + math.exp(0.1))
    assert d.CAT_PROB == pytest.approx(cat)
    assert round(100 * d.CAT_PROB) == 94  # the course's "94% cat"


def test_one_standard_deviation_holds_about_68_percent():
    xs = np.linspace(-1, 1, 20001)
    area = np.trapezoid(d.normal_pdf(xs, 0.0, 1.0), xs)
    assert d.WITHIN_ONE_SD == pytest.approx(area, abs=1e-8)
    assert d.WITHIN_ONE_SD == pytest.approx(0.682689492, abs=1e-9)
    wide = np.linspace(-1, 3, 40001)  # mean 1, sd 2: the same share within one sd
    assert np.trapezoid(d.normal_pdf(wide, 1.0, 2.0), wide) == pytest.approx(d.WITHIN_ONE_SD)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_dice_sums_match_enumeration(n):
    counts = Counter(sum(roll) for roll in itertools.product(range(1, 7), repeat=n))
    totals, probs = d.dice_sum(n)
    assert list(totals) == sorted(counts)
    assert list(probs) == pytest.approx([counts[t] / 6**n for t in totals])


@pytest.mark.parametrize("n", [1, 2, 5, 10])
def test_dice_mean_and_spread_closed_form(n):
    mean, sd = d.dice_mean_sd(n)
    assert mean == pytest.approx(3.5 * n)
    assert sd == pytest.approx(math.sqrt(n * 35 / 12))


def test_two_dice_ways():
    pairs = list(itertools.product(range(1, 7), repeat=2))
    assert d.TWO_DICE_WAYS == len(pairs) == 36
    assert (d.COMMON_TOTAL, d.COMMON_WAYS) == (7, sum(a + b == 7 for a, b in pairs))
    assert (d.RARE_TOTAL, d.RARE_WAYS) == (2, sum(a + b == 2 for a, b in pairs))
