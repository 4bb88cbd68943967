import math

import pytest

from nairl.robotics.harness.stats import (
    Estimate,
    difference_interval,
    macro_average,
    mean_interval,
    proportion,
    wilson_interval,
)


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    [
        (5, 10, 0.2366, 0.7634),  # textbook values (Newcombe 1998)
        (0, 10, 0.0, 0.2775),
        (10, 10, 0.7225, 1.0),
        (81, 263, 0.2553, 0.3662),
        (47, 50, 0.8378, 0.9794),  # checked by solving the score equation numerically
    ],
)
def test_wilson_matches_reference_values(successes, n, low, high):
    got_low, got_high = wilson_interval(successes, n)
    assert got_low == pytest.approx(low, abs=1e-4)
    assert got_high == pytest.approx(high, abs=1e-4)


def test_wilson_edges_are_exact_and_empty_sample_is_uninformative():
    assert wilson_interval(0, 50)[0] == 0.0
    assert wilson_interval(50, 50)[1] == 1.0
    assert wilson_interval(0, 0) == (0.0, 1.0)
    with pytest.raises(ValueError):
        wilson_interval(11, 10)


def test_wilson_narrows_with_more_trials():
    widths = [
        wilson_interval(n // 2, n)[1] - wilson_interval(n // 2, n)[0] for n in (10, 100, 1000)
    ]
    assert widths == sorted(widths, reverse=True)


def test_macro_average_of_equal_tasks_keeps_the_mean_and_all_trials():
    parts = [proportion(40, 50), proportion(40, 50)]
    macro = macro_average(parts)
    assert macro.mean == pytest.approx(0.8)
    assert macro.n == pytest.approx(100)  # same variance as pooling
    assert (macro.low, macro.high) == pytest.approx(wilson_interval(80, 100))


def test_macro_average_never_claims_more_trials_than_it_has():
    macro = macro_average([proportion(50, 50), proportion(0, 50)])
    assert macro.mean == 0.5
    assert macro.n == 100
    assert 0 < macro.low < 0.5 < macro.high < 1


def test_macro_average_of_perfect_tasks_and_of_nothing():
    perfect = macro_average([proportion(50, 50)] * 3)
    assert (perfect.mean, perfect.high, perfect.n) == (1.0, 1.0, 150)
    assert macro_average([]) == Estimate(0.0, 0.0, 1.0, 0.0)


def test_difference_interval_contains_difference_and_zero_when_equal():
    a, b = proportion(45, 50), proportion(30, 50)
    low, high = difference_interval(a, b)
    assert low < 0.3 < high and low > 0
    low, high = difference_interval(a, a)
    assert low < 0 < high


def test_mean_interval():
    mean, low, high = mean_interval([1.0, 2.0, 3.0])
    assert mean == 2.0 and low < 2.0 < high
    assert math.isnan(mean_interval([])[0])
    assert math.isnan(mean_interval([1.0])[1])
