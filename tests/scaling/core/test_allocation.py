"""Compute-optimal and serving-aware allocation: the closed forms against the numerical paths
they replace, and the serving answer against its own definition."""

import numpy as np
import pytest

from nairl.scaling.core.allocation import (
    compute_optimal,
    search_tokens_for_loss,
    serving_optimal,
    tokens_for_loss,
)
from nairl.scaling.core.bootstrap import BootstrapResult, percentile_bounds
from nairl.scaling.core.fitting import FitResult
from nairl.scaling.core.frontier_search import Numerical
from nairl.scaling.core.registry import get_law

from .test_frontier import TRUE, draws_around

LAWS = ["chinchilla", "data_constrained", "kaplan"]
TARGETS = {"chinchilla": 2.3, "data_constrained": 2.3, "kaplan": 2.5}
LOG_N = np.linspace(np.log(1e3), np.log(1e16), 60)


@pytest.mark.parametrize("name", LAWS)
def test_closed_form_tokens_equal_the_bisection(name):
    law = get_law(name)
    params = law.params_array(TRUE[name])
    for target in (TARGETS[name], 1.05 * TARGETS[name], 4.0):
        closed = tokens_for_loss(law, params, LOG_N, target)
        searched = search_tokens_for_loss(law, params, LOG_N, target)
        reachable = np.isfinite(searched)
        assert reachable.any() and not reachable.all()  # small models fall short of the target
        np.testing.assert_array_equal(np.isfinite(closed), reachable)
        np.testing.assert_allclose(closed[reachable], searched[reachable], rtol=1e-9)


def test_tokens_unreachable_below_the_floor_and_beyond_the_largest_d():
    law = get_law("chinchilla")
    params = law.params_array(TRUE["chinchilla"])
    assert np.isinf(tokens_for_loss(law, params, LOG_N, TRUE["chinchilla"]["E"])).all()
    # just above the floor, D beyond 1e22 tokens would be needed
    assert np.isinf(tokens_for_loss(law, params, LOG_N, TRUE["chinchilla"]["E"] + 1e-6)).all()


@pytest.mark.parametrize("name", LAWS)
@pytest.mark.parametrize("tokens", [0.0, 1e11, 1e14])
def test_serving_answer_reaches_the_target_for_less_than_its_neighbours(name, tokens):
    law = get_law(name)
    params = law.params_array(TRUE[name])
    target = TARGETS[name]
    answer = serving_optimal((law, TRUE[name]), target, tokens)
    assert law.evaluate(params, n=answer.n, d=answer.d) == pytest.approx(target, rel=1e-12)
    assert answer.training_flops == pytest.approx(6 * answer.n * answer.d, rel=1e-14)
    assert answer.inference_flops == pytest.approx(2 * answer.n * tokens, rel=1e-14)

    def total(log_n):  # cost of the model of that size that just reaches the target
        log_n = np.atleast_1d(log_n)
        d = np.exp(tokens_for_loss(law, params, log_n, target))
        return 6 * np.exp(log_n) * d + 2 * np.exp(log_n) * tokens

    steps = np.array([1e-3, 1e-2, 0.1, 1.0])
    near = np.log(answer.n) + np.concatenate([-steps, steps])
    assert (total(near) > answer.total_flops).all()
    assert total(np.log(answer.n))[0] == pytest.approx(answer.total_flops, rel=1e-12)


@pytest.mark.parametrize("name", LAWS)
def test_serving_answer_equals_the_numerical_path(name):
    law = get_law(name)
    closed = serving_optimal((law, TRUE[name]), TARGETS[name], 1e13)
    searched = serving_optimal((Numerical(law), TRUE[name]), TARGETS[name], 1e13)
    assert closed.n == pytest.approx(searched.n, rel=1e-6)
    assert closed.d == pytest.approx(searched.d, rel=1e-6)
    assert closed.total_flops == pytest.approx(searched.total_flops, rel=1e-12)
    train, train_searched = closed.compute_optimal, searched.compute_optimal
    np.testing.assert_allclose(train.compute, train_searched.compute, rtol=1e-12)
    np.testing.assert_allclose(train.n, train_searched.n, rtol=1e-5)
    np.testing.assert_allclose(train.loss, TARGETS[name], rtol=1e-12)


def boot_of(law, name, count=30):
    """A BootstrapResult whose draws are scattered around the true parameters (one failed)."""
    params = law.params_array(TRUE[name])
    fit = FitResult(
        law=law,
        params=dict(TRUE[name]),
        theta=law.to_theta(params),
        objective=0.0,
        residuals=np.empty(0),
        n_points=0,
        converged=True,
        flags=[],
        settings={},
        input_ranges={},
    )
    samples = draws_around(law, TRUE[name], count=count, seed=3)
    samples[4] = np.nan
    return BootstrapResult(fit=fit, samples=samples, seed=0, n_failed=1)


@pytest.mark.parametrize("name", LAWS)
def test_bootstrap_allocation_equals_the_numerical_path_draw_by_draw(name):
    law = get_law(name)
    budgets = np.array([1e19, 5.88e23])
    ours = compute_optimal(boot_of(law, name), budgets, level=0.9)
    hidden = Numerical(law)
    per_draw = [
        compute_optimal((hidden, law.params_dict(p)), budgets) for p in boot_of(law, name).valid
    ]
    for key in ("n", "d", "loss", "tokens_per_param"):
        values = np.array([getattr(a, key) for a in per_draw])
        for mine, theirs in zip(ours.intervals[key], percentile_bounds(values, 0.9), strict=True):
            np.testing.assert_allclose(mine, theirs, rtol=1e-5)
    np.testing.assert_allclose(ours.n, compute_optimal((hidden, TRUE[name]), budgets).n, rtol=1e-5)
    assert ours.level == 0.9
