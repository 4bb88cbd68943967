"""The paper's M3/M4 estimators: exact non-negative regression, batching that changes nothing,
and the boxes the paper keeps its parameters in."""

import numpy as np
import pytest
from scipy.optimize import nnls

from nairl.scaling.core import paper_estimators
from nairl.scaling.core.curve_laws import M3, M4
from nairl.scaling.core.paper_estimators import (
    MARGIN,
    _NonNegativeLeastSquares,
    paper_m3,
    paper_m4,
)

X = np.logspace(3, 7, 14)
ROUNDS = 8  # with short_schedule: gradient rounds, then Newton rounds, not run to the end


@pytest.fixture
def short_schedule(monkeypatch):
    """The paper's schedule, shortened: 5 rounds of 200 gradient steps (at a rate raised to
    match), so tests reach the Newton rounds in a fraction of a second."""
    monkeypatch.setattr(paper_estimators, "GRADIENT_ROUNDS", 5)
    monkeypatch.setattr(paper_estimators, "GRADIENT_STEPS", 200)
    monkeypatch.setattr(paper_estimators, "GRADIENT_RATE", 1e-6)


def m4_curve(x, seed):
    """A noisy M4 curve: e_inf 0.2, e_0 1, a 0.6, c -0.3."""
    law, params = M4(), {"b": 40.0, "c": -0.3, "a": 0.6, "e_inf": 0.2, "e_0": 1.0}
    noise = np.random.default_rng(seed).normal(0, 0.004, len(x))
    return law.evaluate(params, d=x) * np.exp(noise)


def test_non_negative_regression_matches_scipy():
    rng = np.random.default_rng(0)
    design = rng.normal(size=(6, 12, 3))
    design[2, 9:] = 0.0  # a shorter, padded curve
    target = rng.normal(size=(6, 12))
    target[2, 9:] = 0.0
    solved = _NonNegativeLeastSquares(design).solve(np.arange(6), target)
    for k in range(6):
        expected = nnls(design[k], target[k])[0]
        np.testing.assert_allclose(solved[k], expected, atol=1e-10)
    assert (solved >= 0).all()


def test_m3_fits_a_curve_of_its_own_form():
    y = M3().evaluate({"b": 3.0, "c": 0.35, "g": 2e-6}, d=X)
    b, c, g = paper_m3([(X, y)])[0]
    fitted = M3().evaluate({"b": b, "c": c, "g": g}, d=X)
    assert np.max(np.abs(np.log(fitted / y))) < 0.02
    assert c > 0 and g >= 0


def test_m3_without_a_plateau_keeps_g_at_zero():
    y = 5.0 * X**-0.2  # a pure power law is M3 with g = 0
    b, c, g = paper_m3([(X, y)])[0]
    assert g == 0.0
    assert b == pytest.approx(5.0, rel=1e-9) and c == pytest.approx(0.2, rel=1e-9)


def test_curves_fitted_together_match_curves_fitted_alone(short_schedule):
    short, long = (X[:9], m4_curve(X[:9], 1)), (X, m4_curve(X, 2))
    together = paper_m3([short, long])
    np.testing.assert_allclose(
        together, np.vstack([paper_m3([short]), paper_m3([long])]), rtol=1e-12
    )
    together = paper_m4([short, long], max_rounds=ROUNDS)
    alone = np.vstack([paper_m4([short], max_rounds=ROUNDS), paper_m4([long], max_rounds=ROUNDS)])
    np.testing.assert_allclose(together, alone, rtol=1e-9)


def test_m4_keeps_the_paper_box(short_schedule):
    y = m4_curve(X, 3)
    b, c, a, e_inf, e_0 = paper_m4([(X, y)], e0_start=1.0, e0_cap=1.0, max_rounds=ROUNDS)[0]
    assert 0.0 <= e_inf <= y.min() - MARGIN + 1e-12
    assert y.max() + MARGIN - 1e-12 <= e_0 <= 1.0 + MARGIN + 1e-12
    assert b >= 1.0 and c <= 0.0 and a >= 0.0  # non-negative regression on (1, -log x, ...)
    fitted = M4().evaluate({"b": b, "c": c, "a": a, "e_inf": e_inf, "e_0": e_0}, d=X)
    assert np.sqrt(np.mean(np.log(fitted / y) ** 2)) < 0.05
