import numpy as np
import pytest

from nairl.scaling.core.errors import ScalingInputError, TooFewPointsError
from nairl.scaling.core.fitting import Objective, fit, prepare
from nairl.scaling.core.laws import ChinchillaLaw, KaplanLaw, PowerLaw
from nairl.scaling.core.optimize import batched_lbfgs
from nairl.scaling.core.synthetic import synthetic_runs

from .conftest import CHINCHILLA_TRUE, POWER_TRUE


def test_chinchilla_recovered(chinchilla_runs):
    result = fit(ChinchillaLaw(), chinchilla_runs)
    assert result.converged and not result.flags
    for name in ("E", "alpha", "beta"):
        assert result.params[name] == pytest.approx(CHINCHILLA_TRUE[name], rel=0.05)
    assert result.n_points == 60 and result.residuals.shape == (60,)
    assert result.settings["n_starts"] == 4500
    assert np.sqrt(np.mean(result.residuals**2)) < 0.01


def test_power_law_recovered_least_squares(power_runs):
    result = fit(PowerLaw("c"), power_runs, huber_delta=None)
    assert result.converged
    assert result.params["alpha"] == pytest.approx(POWER_TRUE["alpha"], rel=0.1)
    assert result.params["E"] == pytest.approx(POWER_TRUE["E"], rel=0.05)


def test_kaplan_recovered():
    truth = {"Nc": 8.8e13, "Dc": 5.4e13, "alpha_N": 0.076, "alpha_D": 0.095}
    runs = synthetic_runs(KaplanLaw(), truth, n_runs=50, noise=0.002, seed=2)
    result = fit(KaplanLaw(), runs)
    assert result.params["alpha_N"] == pytest.approx(0.076, rel=0.1)
    assert result.params["alpha_D"] == pytest.approx(0.095, rel=0.1)


def test_huber_is_robust_to_an_outlier(power_runs):
    spoiled = power_runs.subset(slice(None))
    values = spoiled.value.copy()
    values[0] *= 1.5
    object.__setattr__(spoiled, "value", values)
    robust = fit(PowerLaw("c"), spoiled, huber_delta=1e-3)
    squares = fit(PowerLaw("c"), spoiled, huber_delta=None)
    error = abs(robust.params["alpha"] - POWER_TRUE["alpha"])
    assert error < abs(squares.params["alpha"] - POWER_TRUE["alpha"])


def test_too_few_points(power_runs):
    with pytest.raises(TooFewPointsError, match="3 parameters and needs at least 4 runs; got 3"):
        fit(PowerLaw("c"), power_runs.subset(slice(0, 3)))


def test_bad_delta(power_runs):
    with pytest.raises(ScalingInputError, match="huber delta must be positive"):
        fit(PowerLaw("c"), power_runs, huber_delta=0)


def test_missing_input_for_law(power_runs):
    with pytest.raises(ScalingInputError, match="law 'chinchilla' needs model parameters N"):
        fit(ChinchillaLaw(), power_runs)


def test_objective_gradient_and_weights(power_runs):
    law = PowerLaw("c")
    x, log_y = prepare(law, power_runs)
    weights = np.ones((2, len(power_runs)))
    weights[1, :5] = 0
    objective = Objective(law, x, log_y, 1e-2, weights)
    theta = law.starts(x, log_y)[:2]
    f, g = objective(theta, np.array([0, 1]))
    step = 1e-7
    for k in range(3):
        shifted = theta.copy()
        shifted[:, k] += step
        numeric = (objective(shifted, np.array([0, 1]))[0] - f) / step
        np.testing.assert_allclose(g[:, k], numeric, rtol=1e-3, atol=1e-8)


def test_batched_lbfgs_rows_are_independent():
    def rosen(x, index):
        a, b = x[:, 0], x[:, 1]
        f = (1 - a) ** 2 + 100 * (b - a * a) ** 2
        g = np.column_stack([-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)])
        return f, g

    starts = np.array([[-1.2, 1.0], [2.0, 2.0], [0.0, 0.0]])
    together = batched_lbfgs(rosen, starts, max_iter=500)
    alone = batched_lbfgs(rosen, starts[1:2], max_iter=500)
    np.testing.assert_allclose(together.x, 1.0, atol=1e-4)
    np.testing.assert_array_equal(together.x[1], alone.x[0])
    assert together.converged.all()


def test_batched_lbfgs_respects_bounds():
    def bowl(x, index):
        return ((x - 3) ** 2).sum(1), 2 * (x - 3)

    result = batched_lbfgs(bowl, np.zeros((1, 2)), np.array([-1.0, -1.0]), np.array([1.0, 5.0]))
    np.testing.assert_allclose(result.x[0], [1.0, 3.0], atol=1e-6)


def test_result_to_dict(power_runs):
    out = fit(PowerLaw("c"), power_runs).to_dict()
    assert out["law"] == "power" and set(out["params"]) == {"A", "E", "alpha"}
    assert out["input_ranges"]["c"][0] < out["input_ranges"]["c"][1]
