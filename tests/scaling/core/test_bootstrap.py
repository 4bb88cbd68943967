import numpy as np
import pytest

from nairl.scaling.core.bootstrap import bootstrap, resample_weights
from nairl.scaling.core.errors import ScalingInputError
from nairl.scaling.core.fitting import fit
from nairl.scaling.core.laws import PowerLaw
from nairl.scaling.core.synthetic import synthetic_runs

from .conftest import POWER_TRUE


def test_resamples_are_seeded():
    a, b = resample_weights(10, 5, 7), resample_weights(10, 5, 7)
    np.testing.assert_array_equal(a, b)
    assert (a.sum(1) == 10).all()
    assert not np.array_equal(a, resample_weights(10, 5, 8))


def test_same_result_for_any_worker_count(power_runs):
    law = PowerLaw("c")
    full = fit(law, power_runs)
    one = bootstrap(law, power_runs, 120, seed=3, workers=1, full_fit=full)
    two = bootstrap(law, power_runs, 120, seed=3, workers=2, full_fit=full)
    np.testing.assert_array_equal(one.samples, two.samples)
    assert one.n_failed == 0 and one.intervals() == two.intervals()


def test_intervals_contain_estimate(power_runs):
    result = bootstrap(PowerLaw("c"), power_runs, 100, seed=1)
    for name, (lo, hi) in result.intervals(0.9).items():
        assert lo <= result.fit.params[name] <= hi
    out = result.to_dict()
    assert out["bootstrap"]["resamples"] == 100 and "alpha" in out["intervals"]


def test_bad_arguments(power_runs):
    with pytest.raises(ScalingInputError, match="at least one bootstrap resample"):
        bootstrap(PowerLaw("c"), power_runs, 0)
    with pytest.raises(ScalingInputError, match="workers must be at least 1"):
        bootstrap(PowerLaw("c"), power_runs, 10, workers=0)
    with pytest.raises(ScalingInputError, match="level must be between 0 and 1"):
        bootstrap(PowerLaw("c"), power_runs, 10).intervals(95)


def test_coverage_of_percentile_intervals():
    """Over many seeded synthetic data sets, 80% intervals hold the truth about 80% of the time."""
    law, level, trials = PowerLaw("c"), 0.8, 20
    hits = []
    for trial in range(trials):
        runs = synthetic_runs(law, POWER_TRUE, n_runs=25, noise=0.01, seed=100 + trial)
        intervals = bootstrap(law, runs, 60, seed=trial, huber_delta=None).intervals(level)
        hits.append([lo <= POWER_TRUE[k] <= hi for k, (lo, hi) in intervals.items()])
    rate = np.mean(hits, axis=0)
    assert (rate >= 0.6).all(), rate  # 0.6 is two binomial standard errors below 0.8
