"""Broken neural scaling law (Caballero et al. 2022): fits on synthetic curves from the law."""

import numpy as np
import pytest

from nairl.scaling.core import fit, get_law
from nairl.scaling.core.errors import TooFewPointsError
from nairl.scaling.core.synthetic import synthetic_runs

# One break a decade into a learning curve over 1e4..1e9 examples: slope 0.1, then 0.5.
ONE_BREAK = {"a": 0.1, "b": 3.0, "c0": 0.1, "c1": 0.4, "d1": 1e6, "f1": 0.5}
RANGE = {"d": (np.log(1e4), np.log(1e9))}


def test_bnsl1_recovers_a_one_break_curve():
    law = get_law("bnsl1")
    runs = synthetic_runs(law, ONE_BREAK, n_runs=40, noise=0.002, seed=4, log_range=RANGE)
    result = fit(law, runs, huber_delta=None)
    assert np.sqrt(np.mean(result.residuals**2)) < 0.003  # down to the noise
    for name in ("c0", "c1", "f1"):
        assert result.params[name] == pytest.approx(ONE_BREAK[name], abs=0.05), name
    assert result.params["a"] == pytest.approx(ONE_BREAK["a"], rel=0.1)
    assert np.log(result.params["d1"]) == pytest.approx(np.log(1e6), abs=0.3)
    x = np.logspace(9, 10, 5)  # beyond the data
    np.testing.assert_allclose(result.predict(d=x), law.evaluate(ONE_BREAK, d=x), rtol=0.03)


@pytest.mark.parametrize("seed", [1, 2])
def test_bnsl2_fits_at_least_as_well_as_bnsl1(seed):
    """bnsl2 with c2 = 0 is bnsl1, so its optimum cannot be worse on the same runs."""
    runs = synthetic_runs(
        get_law("bnsl1"), ONE_BREAK, n_runs=30, noise=0.01, seed=seed, log_range=RANGE
    )
    one = fit(get_law("bnsl1"), runs, huber_delta=None)
    two = fit(get_law("bnsl2"), runs, huber_delta=None)
    assert two.objective <= one.objective * (1 + 1e-6)


def test_bnsl2_needs_ten_points():
    law = get_law("bnsl2")
    runs = synthetic_runs(law, {**ONE_BREAK, "c2": 0.0, "d2": 1e8, "f2": 1.0}, n_runs=9)
    with pytest.raises(TooFewPointsError, match="9 parameters and needs at least 10 runs"):
        fit(law, runs)
