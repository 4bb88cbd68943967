"""The effective-compute multiplier on frontiers, on generated runs that are mostly OFF the
frontier (isoFLOP sweeps and over-trained fixed sizes, 1 % loss noise): the method is the
baseline with k times the compute. The estimate is within TOLERANCE of k and its interval holds
k, for k = 1, 2, 4 and 10, with either model of the method's frontier; the per-run ratio on the
same runs is biased low, which is why it is only a diagnostic."""

import numpy as np
import pytest

from nairl.scaling.core import compare
from nairl.scaling.core.bootstrap import bootstrap
from nairl.scaling.core.effective_compute import (
    BUDGETS,
    fit_compute_shift,
    frontier_multiplier,
    own_law_problem,
)
from nairl.scaling.core.errors import ScalingInputError
from nairl.scaling.core.laws import ChinchillaLaw, PowerLaw
from nairl.scaling.core.registry import get_law
from nairl.scaling.core.runs import Runs
from nairl.scaling.core.synthetic import off_frontier_runs

from .conftest import CHINCHILLA_TRUE, POWER_TRUE

LAW = ChinchillaLaw()
DRAWS = 40
NOISE = 0.01
TOLERANCE = 0.15  # relative error of the summary multiplier
METHOD_BUDGETS = np.geomspace(1e18, 1e21, 4)


@pytest.fixture(scope="module")
def baseline_runs():
    return off_frontier_runs(LAW, CHINCHILLA_TRUE, np.geomspace(1e17, 1e22, 6), noise=NOISE, seed=1)


@pytest.fixture(scope="module")
def baseline(baseline_runs):
    return bootstrap(LAW, baseline_runs, DRAWS, seed=0)


def method(k: float, seed: int = 7) -> Runs:
    return off_frontier_runs(
        LAW, CHINCHILLA_TRUE, METHOD_BUDGETS, multiplier=k, noise=NOISE, seed=seed
    )


@pytest.mark.parametrize("model", ["own_law", "compute_shift"])
@pytest.mark.parametrize("k", [1.0, 2.0, 4.0, 10.0])
def test_a_known_multiplier_is_found_off_the_frontier(baseline_runs, baseline, k, model):
    result = compare(baseline_runs, method(k), LAW, baseline=baseline, method_model=model, seed=1)
    assert result.frontier.model == model
    assert result.multiplier == pytest.approx(k, rel=TOLERANCE)
    assert result.interval[0] < k < result.interval[1]
    assert len(result.frontier.budgets) == BUDGETS
    assert (result.frontier.lower <= result.frontier.values).all()
    assert (result.frontier.values <= result.frontier.upper).all()
    # the budgets span the compute the method's runs cover, no more
    runs = method(k)
    assert result.frontier.budgets[[0, -1]] == pytest.approx([runs.c.min(), runs.c.max()])
    if k == 1.0:  # no gain: not a win, not a loss
        assert not result.beats_baseline and not result.worse_than_baseline
    else:
        assert result.beats_baseline


def test_the_per_run_ratio_is_biased_low_off_the_frontier(baseline_runs, baseline):
    """The reason for the change: each run's own ratio compares a run that is not
    compute-optimal with the baseline's frontier."""
    for k in (2.0, 4.0, 10.0):
        result = compare(baseline_runs, method(k), LAW, baseline=baseline, seed=1)
        assert result.run_multiplier < 0.6 * k and result.run_interval[1] < k
        assert result.interval[0] < k < result.interval[1]
        diagnostic = result.to_dict()["per_run_diagnostic"]
        assert diagnostic["multiplier"] == pytest.approx(result.run_multiplier)
        assert "biased low" in diagnostic["note"]


def test_auto_fits_the_methods_own_law_only_with_enough_well_spread_runs():
    assert own_law_problem(LAW, method(2.0)) is None  # 28 runs: sweeps and over-trained sizes
    few = method(2.0).subset(slice(0, 12))
    assert "fewer than 15 (3 per parameter)" in own_law_problem(LAW, few)
    on_one_line = Runs(
        value=np.linspace(3, 2.5, 20),
        n=np.geomspace(1e8, 1e10, 20),
        d=20 * np.geomspace(1e8, 1e10, 20),
        c=120 * np.geomspace(1e8, 1e10, 20) ** 2,
    )
    assert "at equal compute" in own_law_problem(LAW, on_one_line)


def test_with_few_method_runs_the_baseline_law_is_shifted_in_compute(baseline_runs, baseline):
    few = method(4.0).subset(slice(0, 12))
    result = compare(baseline_runs, few, LAW, baseline=baseline, seed=1)
    assert result.frontier.model == "compute_shift" and "fewer than 15" in result.frontier.reason
    assert result.interval[0] < 4.0 < result.interval[1]
    # the shifted law's frontier is the baseline's at k·C: the same k at every budget
    assert np.ptp(result.frontier.values) == 0
    with pytest.raises(ScalingInputError, match="cannot fit the method's own law"):
        compare(baseline_runs, few, LAW, baseline=baseline, method_model="own_law")


def test_the_compute_shift_of_exact_runs_is_exact():
    rows = LAW.params_array(CHINCHILLA_TRUE)[None, :]
    noisy = method(10.0)
    exact = LAW.evaluate(CHINCHILLA_TRUE, n=np.sqrt(10) * noisy.n, d=np.sqrt(10) * noisy.d)
    runs = Runs(value=exact, n=noisy.n, d=noisy.d, c=noisy.c)
    log_k = fit_compute_shift(LAW, rows, runs, np.ones((1, len(runs))))
    assert np.exp(log_k[0]) == pytest.approx(10.0, rel=1e-6)


def shifted_in_compute(power_runs, k: float):
    """A law in C alone: the method's runs are the baseline's at k times their compute."""
    law = PowerLaw("c")
    c = np.geomspace(1e19, 1e22, 6)
    method = Runs(value=law.evaluate(POWER_TRUE, c=k * c), c=c)
    boot = bootstrap(law, power_runs, DRAWS, seed=0)
    return compare(power_runs, method, law, baseline=boot, seed=1)


def test_a_law_in_compute_alone_is_its_own_frontier(power_runs):
    result = shifted_in_compute(power_runs, 3.0)
    assert result.frontier.model == "compute_shift"  # 6 runs < 9 for 3 parameters
    assert result.multiplier == pytest.approx(3.0, rel=0.1)
    assert result.interval[0] < 3.0 < result.interval[1]
    assert result.frontier.flags == []


def test_a_shift_beyond_the_search_range_is_flagged_as_a_bound(power_runs):
    result = shifted_in_compute(power_runs, 1e9)
    assert result.frontier.model == "compute_shift"
    assert result.multiplier >= 1e6  # the edge, not the true 1e9
    assert any("edge of its search range" in flag for flag in result.frontier.flags)


def test_bad_settings_are_refused(baseline_runs, baseline):
    params = LAW.params_array(baseline.fit.params)
    with pytest.raises(ScalingInputError, match="method model must be one of"):
        frontier_multiplier(LAW, params, baseline.valid, method(2.0), model="guess")
    with pytest.raises(ScalingInputError, match="no compute-optimal frontier"):
        compare(baseline_runs, method(2.0), get_law("m2"), baseline=baseline)
