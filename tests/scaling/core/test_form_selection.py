"""The automatic choice of a learning-curve form from a curve's own training rows."""

import math

import numpy as np
import pytest

from nairl.scaling.core.form_selection import (
    BLEND_RATIO,
    PREFERRED,
    SWITCH_RATIO,
    log_blend,
    other_share,
    select_form,
    validation_error,
)
from nairl.scaling.core.registry import get_law
from nairl.scaling.core.revisiting import Curve, FormFit, predict_form

X = np.geomspace(1e3, 1e6, 12)
X_TEST = X[-1] * np.array([2.0, 3.0, 4.0])
# Slope 0.1 up to a break at 3e4, then 0.5: a power law fitted before the break misses it.
ONE_BREAK = {"a": 0.05, "b": 3.0, "c0": 0.1, "c1": 0.4, "d1": 3e4, "f1": 0.3}


def broken_curve(noise=0.0, seed=0):
    law = get_law("bnsl1", "d")
    rng = np.random.default_rng(seed)
    sizes = np.concatenate([X, X_TEST])
    y = law.evaluate(ONE_BREAK, d=sizes) * np.exp(rng.normal(0, noise, sizes.size))
    return Curve("GEN|broken", "GEN", X, y[: X.size], X_TEST, y[X.size :])


def fixed_fit(curve, factor):
    """Predictions ``factor`` times the truth everywhere: log error |log factor|."""
    return FormFit(
        test=curve.y_test * factor, origins=[tail * factor for tail in curve.origin_tails()]
    )


def test_validation_error_is_the_mean_over_origins_and_nan_when_an_origin_failed():
    tails = [np.array([1.0]), np.array([1.0, 1.0])]
    assert validation_error([np.array([2.0]), np.array([1.0, 1.0])], tails) == (math.log(2.0) / 2)
    assert math.isnan(validation_error([np.array([2.0]), np.array([np.nan, 1.0])], tails))
    assert math.isnan(validation_error([], []))


def test_the_form_that_validates_best_extrapolates():
    curve = broken_curve()
    fits = {"near": fixed_fit(curve, 1.01), "far": fixed_fit(curve, 1.5)}
    choice = select_form(fits, curve)
    assert choice.label == "near"
    np.testing.assert_array_equal(choice.test, fits["near"].test)


def test_the_one_break_law_is_kept_unless_another_form_validates_far_better():
    """A narrower form that validates a little better does not displace the one-break law; one
    whose error is under SWITCH_RATIO times the law's does."""
    curve = broken_curve()
    assert PREFERRED == "bnsl1"
    close = {PREFERRED: fixed_fit(curve, 1.2), "m2": fixed_fit(curve, 1.15)}
    assert math.log(1.15) >= BLEND_RATIO * math.log(1.2)
    assert select_form(close, curve).label == PREFERRED
    far = {PREFERRED: fixed_fit(curve, 1.5), "m2": fixed_fit(curve, 1.1)}
    assert math.log(1.1) < SWITCH_RATIO * math.log(1.5)
    choice = select_form(far, curve)
    assert choice.label == "m2"
    np.testing.assert_array_equal(choice.test, far["m2"].test)


def test_the_one_break_law_is_not_kept_where_it_could_not_be_validated():
    curve = broken_curve()
    unfitted = fixed_fit(curve, 1.0)
    unfitted.origins = [np.full_like(tail, np.nan) for tail in unfitted.origins]
    choice = select_form({PREFERRED: unfitted, "m2": fixed_fit(curve, 1.3)}, curve)
    assert choice.label == "m2" and set(choice.errors) == {"m2"}


def test_a_form_fitted_at_too_few_origins_is_not_chosen():
    curve = broken_curve()
    assert len(curve.origin_tails()) == 4
    sparse = fixed_fit(curve, 1.0)
    for i in (1, 2, 3):
        sparse.origins[i] = np.full_like(sparse.origins[i], np.nan)
    choice = select_form({"sparse": sparse, "fair": fixed_fit(curve, 1.2)}, curve)
    assert choice.label == "fair" and set(choice.errors) == {"fair"}


def test_forms_are_compared_on_the_origins_they_share():
    """A form not fitted on the shortest prefix is not favoured by skipping it: the others'
    errors there do not count either."""
    curve = broken_curve()
    simple, flexible = fixed_fit(curve, 1.0), fixed_fit(curve, 1.1)
    simple.origins[3] = curve.origin_tails()[3] * 3.0  # poor from the shortest prefix only
    flexible.origins[3] = np.full_like(flexible.origins[3], np.nan)
    choice = select_form({"simple": simple, "flexible": flexible}, curve)
    assert choice.label == "simple"
    assert choice.errors["flexible"] == pytest.approx(math.log(1.1))


def test_auto_picks_the_broken_law_on_a_broken_curve():
    """Issue 11: on one-break curves auto took M1 where the broken law was right."""
    curve = broken_curve(noise=0.005, seed=3)
    fits = {f: predict_form(f, "GEN", [curve])[0] for f in ("m1", "m2", "bnsl1")}
    choice = select_form(fits, curve)
    assert choice.label == "bnsl1"
    errors = {f: np.abs(np.log(fit.test / curve.y_test)).max() for f, fit in fits.items()}
    assert errors["bnsl1"] < 0.1 < errors["m1"], errors


def test_between_the_two_ratios_the_extrapolations_are_blended_in_log_space():
    """Another form validating between SWITCH_RATIO and BLEND_RATIO times the one-break law's
    error: both extrapolate, the other's weight rising linearly as its error falls."""
    curve = broken_curve()
    preferred, other = fixed_fit(curve, 1.2), fixed_fit(curve, 1.0)
    ratio = (SWITCH_RATIO + BLEND_RATIO) / 2
    other.origins = [tail * 1.2**ratio for tail in curve.origin_tails()]
    choice = select_form({PREFERRED: preferred, "m2": other}, curve)
    assert choice.label == f"{PREFERRED}+m2"
    assert choice.errors["m2"] / choice.errors[PREFERRED] == pytest.approx(ratio)
    # half of each: the geometric mean of 1.2 and 1.0 times the truth
    np.testing.assert_allclose(choice.test, curve.y_test * 1.2**0.5)


def test_the_blend_weight_runs_from_the_preferred_form_to_the_other():
    assert other_share(BLEND_RATIO) == 0.0 and other_share(1.0) == 0.0
    assert other_share(SWITCH_RATIO) == 1.0 and other_share(0.1) == 1.0
    assert other_share((SWITCH_RATIO + BLEND_RATIO) / 2) == pytest.approx(0.5)


def test_a_tie_keeps_the_preferred_form():
    curve = broken_curve()
    exact = {"m2": fixed_fit(curve, 1.0), PREFERRED: fixed_fit(curve, 1.0)}
    assert select_form(exact, curve).label == PREFERRED


def test_a_missing_extrapolation_stays_missing_in_the_blend():
    preferred = np.array([1.0, np.nan, 2.0])
    blend = log_blend(preferred, np.array([4.0, 4.0, np.nan]), 0.5)
    np.testing.assert_allclose(blend[0], 2.0)
    assert np.isnan(blend[1:]).all()
