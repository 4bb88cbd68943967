"""The closed forms of the compute-optimal frontier against a direct scalar root-find and
against the numerical search they replace."""

import numpy as np
import pytest
from scipy.optimize import brentq, minimize_scalar

from nairl.scaling.core.frontier import compute_for_loss_many, optimal_many
from nairl.scaling.core.frontier_search import search_compute_for_loss, search_optimum
from nairl.scaling.core.registry import get_law

from .conftest import CHINCHILLA_TRUE, POWER_TRUE

TRUE = {
    "chinchilla": CHINCHILLA_TRUE,
    "data_constrained": {**CHINCHILLA_TRUE, "R_N": 5.0, "R_D": 15.0},
    "kaplan": {"Nc": 8.8e13, "Dc": 5.4e13, "alpha_N": 0.076, "alpha_D": 0.095},
    "power": POWER_TRUE,
    "pure_power": {"A": 30.0, "alpha": 0.05},
}


def draws_around(law, true, count=3, seed=0):
    """Parameter rows scattered by a few percent around ``true``, like bootstrap draws."""
    rng = np.random.default_rng(seed)
    centre = law.params_array(true)
    return centre * np.exp(0.05 * rng.standard_normal((count, len(centre))))


def scalar_compute_for_loss(law, params, loss: float) -> float:
    """The budget reaching ``loss``: brentq in log C on the frontier, itself found by a bounded
    scalar minimisation in log N along the budget line (or the law itself for a law in C)."""

    def frontier(log_c):
        if law.inputs == ("c",):
            return float(law.evaluate(params, c=np.exp(log_c)))
        log_c6 = log_c - np.log(6.0)

        def at(log_n):
            return float(law.evaluate(params, n=np.exp(log_n), d=np.exp(log_c6 - log_n)))

        centre = 0.5 * log_c6
        return minimize_scalar(
            at, bounds=(centre - 23, centre + 23), method="bounded", options={"xatol": 1e-9}
        ).fun

    return float(
        np.exp(
            brentq(lambda x: frontier(x) - loss, np.log(1e10), np.log(1e40), xtol=1e-13, rtol=1e-15)
        )
    )


@pytest.mark.parametrize("name", list(TRUE))
def test_closed_form_equals_a_scalar_root_find(name):
    law = get_law(name)
    draws = draws_around(law, TRUE[name])
    losses = np.array(
        [float(law.evaluate(draws[0], **_inputs(law, c))) for c in (1e18, 1e21, 1e24)]
    )
    ours = compute_for_loss_many(law, draws, losses)
    assert ours.shape == (3, 3)
    for row, params in enumerate(draws):
        expected = [scalar_compute_for_loss(law, params, loss) for loss in losses]
        np.testing.assert_allclose(ours[row], expected, rtol=1e-9)


def _inputs(law, compute):
    """Inputs at a budget (any split of C = 6ND), so that the losses lie in a realistic range."""
    if law.inputs == ("c",):
        return {"c": compute}
    n = np.sqrt(compute / 6.0 / 20.0)
    return {"n": n, "d": 20.0 * n}


def test_draws_without_a_closed_form_take_the_numerical_search():
    law = get_law("chinchilla")
    draws = draws_around(law, CHINCHILLA_TRUE, count=2)
    draws[1, 3] = -0.05  # alpha <= 0: bigger models are worse, no interior optimum
    losses = np.array([2.2, 2.5])
    ours = compute_for_loss_many(law, draws, losses)
    np.testing.assert_array_equal(ours[1:], search_compute_for_loss(law, draws[1:], losses))
    assert np.isfinite(ours[0]).all()


def test_laws_without_a_closed_form_take_the_numerical_search():
    law = get_law("power", "d")  # a law in D alone has no compute frontier of its own
    draws = law.params_array(POWER_TRUE)[None, :]
    losses = np.array([2.0, 2.4])
    np.testing.assert_array_equal(
        compute_for_loss_many(law, draws, losses), search_compute_for_loss(law, draws, losses)
    )


@pytest.mark.parametrize("name", ["chinchilla", "power"])
def test_losses_at_or_below_the_floor_are_unreachable(name):
    law = get_law(name)
    floor = TRUE[name]["E"]
    params = law.params_array(TRUE[name])[None, :]
    compute = compute_for_loss_many(law, params, np.array([floor - 0.1, floor, floor + 1e-9]))
    assert np.isinf(compute[0, :2]).all()
    assert np.isinf(compute[0, 2])  # reachable only beyond the searched 1e60 FLOPs
    np.testing.assert_array_equal(
        search_compute_for_loss(law, params, np.array([floor + 1e-9])), compute[:, 2:]
    )


def test_a_loss_reached_below_one_flop_costs_one():
    law = get_law("chinchilla")
    compute = compute_for_loss_many(law, law.params_array(CHINCHILLA_TRUE), np.array([1e6]))
    np.testing.assert_allclose(compute, [[1.0]])
    assert search_compute_for_loss(
        law, law.params_array(CHINCHILLA_TRUE)[None, :], np.array([1e6])
    )[0, 0] == pytest.approx(1.0)


BUDGETS = np.array([1e15, 1e19, 5.88e23, 1e28])


@pytest.mark.parametrize("name", ["chinchilla", "data_constrained", "kaplan"])
def test_closed_form_optimum_equals_the_numerical_search(name):
    law = get_law(name)
    draws = draws_around(law, TRUE[name], count=4)
    n, d, loss = optimal_many(law, draws, BUDGETS)
    assert n.shape == d.shape == loss.shape == (4, len(BUDGETS))
    n_found, d_found, loss_found = search_optimum(law, draws, BUDGETS)
    # the search finds N only to the flatness of the minimum; the loss there to rounding
    np.testing.assert_allclose(n, n_found, rtol=1e-5)
    np.testing.assert_allclose(d, d_found, rtol=1e-5)
    np.testing.assert_allclose(loss, loss_found, rtol=1e-13)
    np.testing.assert_allclose(6 * n * d, np.broadcast_to(BUDGETS, n.shape), rtol=1e-13)


def test_chinchilla_optimum_is_the_textbook_formula():
    p = CHINCHILLA_TRUE
    n = optimal_many(get_law("chinchilla"), get_law("chinchilla").params_array(p), BUDGETS)[0]
    g = (p["alpha"] * p["A"] / (p["beta"] * p["B"])) ** (1 / (p["alpha"] + p["beta"]))
    np.testing.assert_allclose(
        n[0], g * (BUDGETS / 6) ** (p["beta"] / (p["alpha"] + p["beta"])), rtol=1e-12
    )


def test_optimum_of_draws_without_a_closed_form_is_searched():
    law = get_law("kaplan")
    draws = draws_around(law, TRUE["kaplan"], count=3)
    draws[1, 2] = -0.02  # alpha_N <= 0: no interior optimum, the search's edge
    n, d, loss = optimal_many(law, draws, BUDGETS)
    searched = search_optimum(law, draws[1:2], BUDGETS)
    np.testing.assert_array_equal(n[1:2], searched[0])
    np.testing.assert_allclose(loss[1:2], searched[2], rtol=1e-15)
    np.testing.assert_allclose(n[[0, 2]], search_optimum(law, draws[[0, 2]], BUDGETS)[0], rtol=1e-5)
