"""Known laws, noisy synthetic runs: the parameters come back, and bootstrap intervals hold the
truth about as often as their level says."""

import numpy as np

from nairl.scaling.core import Runs, bootstrap, fit, get_law
from nairl.scaling.core.laws import grid
from nairl.scaling.core.synthetic import synthetic_runs

from .conftest import CHINCHILLA_TRUE

# A coarse grid around plausible values is enough on clean synthetic data, and keeps 16 trials
# fast; the full 4,500-start grid is what the benchmark and the real data use.
COARSE_STARTS = grid(
    np.log([100.0, 1000.0]), np.log([300.0, 3000.0]), np.log([1.0, 2.0]), (0.2, 0.5), (0.2, 0.5)
)


def test_chinchilla_intervals_hold_the_truth_at_their_level():
    law, level, trials = get_law("chinchilla"), 0.8, 16
    hits = []
    for trial in range(trials):
        runs = synthetic_runs(law, CHINCHILLA_TRUE, n_runs=40, noise=0.01, seed=200 + trial)
        full = fit(law, runs, starts=COARSE_STARTS)
        intervals = bootstrap(law, runs, 60, seed=trial, full_fit=full).intervals(level)
        hits.append([lo <= CHINCHILLA_TRUE[k] <= hi for k, (lo, hi) in intervals.items()])
    rate = np.mean(hits, axis=0)
    # 0.55 is about 2.5 binomial standard errors below 0.8 with 16 trials
    assert (rate >= 0.55).all(), dict(zip(CHINCHILLA_TRUE, rate, strict=True))


def test_data_constrained_law_recovers_the_value_of_repeated_data():
    law = get_law("data_constrained")
    true = {"A": 400.0, "B": 1500.0, "E": 1.8, "alpha": 0.34, "beta": 0.36, "R_N": 5.0, "R_D": 15.0}
    rng = np.random.default_rng(7)
    n = np.exp(rng.uniform(np.log(1e7), np.log(1e10), 80))
    unique_d = np.exp(rng.uniform(np.log(1e8), np.log(1e11), 80))
    d = unique_d * np.exp(rng.uniform(0, np.log(60), 80))  # up to 60 epochs
    clean = law.evaluate(true, n=n, d=d, unique_n=n, unique_d=unique_d)
    runs = Runs(value=clean * np.exp(0.005 * rng.standard_normal(80)), n=n, d=d, unique_d=unique_d)
    result = fit(law, runs)
    assert result.converged, result.flags
    tolerance = {"A": 0.1, "B": 0.1, "E": 0.01, "alpha": 0.03, "beta": 0.03, "R_D": 0.2}
    for name, rel in tolerance.items():
        assert abs(result.params[name] / true[name] - 1) < rel, (name, result.params[name])
    # Chinchilla, which counts every repeated token as new, explains these runs worse.
    assert fit(get_law("chinchilla"), runs).objective > 2 * result.objective
