"""Method against the baseline law: a known compute multiplier is found, equality is not a win,
losses below the baseline's floor are flagged."""

import warnings

import numpy as np
import pytest

from nairl.scaling.core import compare, compute_optimal
from nairl.scaling.core.bootstrap import bootstrap, percentile_bounds
from nairl.scaling.core.errors import ScalingInputError
from nairl.scaling.core.frontier import compute_for_loss_many
from nairl.scaling.core.laws import ChinchillaLaw
from nairl.scaling.core.runs import Runs

from .conftest import CHINCHILLA_TRUE

LAW = ChinchillaLaw()


@pytest.fixture(scope="module")
def baseline(chinchilla_runs):
    return bootstrap(LAW, chinchilla_runs, 100, seed=0)


def method_runs(k: float, count: int = 20, noise: float = 0.003, seed: int = 5) -> Runs:
    """Runs that each reach the true baseline's frontier loss at k times their compute."""
    rng = np.random.default_rng(seed)
    compute = np.geomspace(1e19, 1e22, count)
    own = compute_optimal((LAW, CHINCHILLA_TRUE), compute)
    loss = compute_optimal((LAW, CHINCHILLA_TRUE), k * compute).loss
    return Runs(
        value=loss * np.exp(noise * rng.standard_normal(count)), n=own.n, d=own.d, c=compute
    )


def test_method_needing_k_times_less_compute(chinchilla_runs, baseline):
    result = compare(chinchilla_runs, method_runs(4.0), LAW, method="X", baseline=baseline)
    assert result.interval[0] < 4.0 < result.interval[1]
    assert result.multiplier == pytest.approx(4.0, rel=0.15)
    assert result.beats_baseline and not result.worse_than_baseline and not result.flags
    assert result.verdict_en.startswith("method X reaches the baseline's loss with")


def test_method_equal_to_the_baseline_is_not_distinguishable(chinchilla_runs, baseline):
    result = compare(chinchilla_runs, method_runs(1.0), LAW, baseline=baseline)
    assert result.interval[0] < 1.0 < result.interval[1]
    assert not result.beats_baseline and not result.worse_than_baseline
    assert "not distinguishable" in result.verdict_en and "구별되지 않습니다" in result.verdict_ko


def test_per_run_interval_pairs_each_draw_with_a_resample_of_the_method_runs(
    chinchilla_runs, baseline
):
    """The per-run diagnostic's table-indexing summary equals the one-draw-at-a-time loop for
    the same seed."""
    method = method_runs(2.0, count=7)
    result = compare(chinchilla_runs, method, LAW, baseline=baseline, seed=3)
    rng = np.random.default_rng(3 + 1)
    summary = []
    for params in baseline.valid:
        pick = rng.integers(0, 7, 7)
        needed = compute_for_loss_many(LAW, params, method.value[pick])[0]
        summary.append(np.exp(np.mean(np.log(needed / method.c[pick]))))
    np.testing.assert_allclose(
        result.run_interval, percentile_bounds(np.array(summary), 0.95), rtol=1e-12
    )


def test_losses_below_the_baseline_floor_are_flagged(chinchilla_runs, baseline):
    method = method_runs(2.0, count=10)
    method.value[3] = 0.9 * CHINCHILLA_TRUE["E"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no NaN from interpolating next to an infinite resample
        result = compare(chinchilla_runs, method, LAW, baseline=baseline)
    assert np.isinf(result.run_multipliers[3]) and np.isfinite(result.run_multipliers).sum() == 9
    assert np.isinf(result.run_multiplier) and np.isinf(result.run_interval[1])
    assert 1.0 < result.run_interval[0] < np.inf
    # the frontier estimate fits all runs at once: one outlier moves it, without making it infinite
    assert 1.0 < result.interval[0] < result.multiplier < result.interval[1] < np.inf
    assert any("below the baseline law's floor" in flag for flag in result.flags)
    assert any("resamples include a method run below" in flag for flag in result.flags)
    assert result.to_dict()["per_run_diagnostic"]["interval"][1] == np.inf


def test_a_baseline_without_converged_refits_is_refused(chinchilla_runs, baseline):
    failed = type(baseline)(
        fit=baseline.fit,
        samples=np.full_like(baseline.samples, np.nan),
        seed=0,
        n_failed=len(baseline.samples),
    )
    with pytest.raises(ScalingInputError, match="no bootstrap refit"):
        compare(chinchilla_runs, method_runs(2.0), LAW, baseline=failed)
