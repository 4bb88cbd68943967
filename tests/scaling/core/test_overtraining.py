"""The over-training law of Gadre et al. 2024 on generated runs: five runs are enough, the
parameters come back, the paper's (C, M) form is the same law, and M is accepted for D."""

import numpy as np
import pandas as pd
import pytest

from nairl.scaling.core import compute_optimal, fit, get_law, load_runs
from nairl.scaling.core.errors import MissingColumnError, ScalingInputError, TooFewPointsError
from nairl.scaling.core.laws import OvertrainingLaw

TRUE = {"A": 300.0, "B": 900.0, "E": 1.9, "eta": 0.3}
SIZES = np.array([1e7, 8e7, 1.5e8, 4e8])


def five_runs(noise=0.0, seed=0):
    """The paper's five-run set: four sizes at M = 20, the smallest at M = 320."""
    n = np.append(SIZES, SIZES[0])
    m = np.array([20, 20, 20, 20, 320.0])
    loss = OvertrainingLaw().evaluate(TRUE, n=n, d=m * n)
    loss *= np.exp(np.random.default_rng(seed).normal(0, noise, len(n)))
    return load_runs(pd.DataFrame({"n": n, "m": m, "loss": loss}), "n=n,m=m,loss=loss")


def test_five_runs_are_enough_and_recover_the_law():
    runs = five_runs()
    assert get_law("overtraining").min_points == 5
    result = fit(get_law("overtraining"), runs, huber_delta=None)
    for name, value in TRUE.items():
        assert result.params[name] == pytest.approx(value, rel=1e-3)
    with pytest.raises(TooFewPointsError, match="needs at least 6 runs; got 5"):
        fit(get_law("chinchilla"), runs)


def test_noisy_runs_predict_a_model_twenty_times_larger():
    result = fit(get_law("overtraining"), five_runs(noise=0.002, seed=1))
    n = 7e9
    truth = OvertrainingLaw().evaluate(TRUE, n=n, d=20 * n)
    assert abs(result.predict(n=n, d=20 * n) / truth - 1) < 0.02


def test_the_papers_compute_and_multiplier_form_is_the_same_law():
    paper = OvertrainingLaw.paper_params(TRUE)
    n, m = np.array([1e8, 3e9]), np.array([20.0, 640.0])
    c = 6 * n * (m * n)
    in_c_and_m = paper["E"] + (paper["a"] * m ** paper["eta"] + paper["b"] * m ** -paper["eta"]) * (
        c ** -paper["eta"]
    )
    np.testing.assert_allclose(OvertrainingLaw().evaluate(TRUE, n=n, d=m * n), in_c_and_m)


def test_compute_optimal_allocation_matches_the_closed_form():
    allocation = compute_optimal((OvertrainingLaw(), TRUE), [1e20, 1e22])
    # One exponent: at a fixed C = 6ND the optimum has A N^-eta = B D^-eta, so every budget
    # gets the same D/N = (B/A)^(1/eta).
    ratio = (TRUE["B"] / TRUE["A"]) ** (1 / TRUE["eta"])
    np.testing.assert_allclose(allocation.tokens_per_param, ratio, rtol=1e-4)


def test_tokens_per_parameter_replace_the_token_column():
    runs = five_runs()
    np.testing.assert_allclose(runs.d, np.append(SIZES, SIZES[0]) * [20, 20, 20, 20, 320])
    np.testing.assert_allclose(runs.c, 6 * runs.n * runs.d)
    frame = pd.DataFrame({"n": [1e7, 2e7], "d": [2e8, 4e8], "m": [20, 20], "loss": [3.0, 2.9]})
    with pytest.raises(ScalingInputError, match="not both") as refused:
        load_runs(frame, "n=n,d=d,m=m,loss=loss")
    assert refused.value.reason == "m_and_d"
    with pytest.raises(MissingColumnError, match="needs model parameters N") as refused:
        load_runs(frame, "c=d,m=m,loss=loss")
    assert refused.value.reason == "m_without_n"
    frame.loc[1, "m"] = -3
    with pytest.raises(ScalingInputError, match="tokens per parameter M"):
        load_runs(frame, "n=n,m=m,loss=loss")
