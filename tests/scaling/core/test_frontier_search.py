"""The numerical search of the compute-optimal frontier: vectorised over draws without changing
any draw's answer, and in agreement with the closed forms where those exist."""

import numpy as np
import pytest

from nairl.scaling.core import frontier_search
from nairl.scaling.core.frontier import compute_for_loss_many
from nairl.scaling.core.frontier_search import (
    loss_rows,
    search_compute_for_loss,
    search_optimum,
)
from nairl.scaling.core.registry import get_law

from .test_frontier import TRUE, draws_around

BUDGETS = np.array([1e17, 1e21, 1e25])


def test_all_draws_at_once_equal_one_draw_at_a_time(monkeypatch):
    law = get_law("chinchilla")
    draws = draws_around(law, TRUE["chinchilla"], count=5)
    together = search_optimum(law, draws, BUDGETS)
    # blocks of two draws, as many draws × budgets would be cut to bound memory
    monkeypatch.setattr(frontier_search, "BLOCK_POINTS", 2 * len(BUDGETS) * 801)
    in_blocks = search_optimum(law, draws, BUDGETS)
    for row, params in enumerate(draws):
        alone = search_optimum(law, params[None, :], BUDGETS)
        for mine, theirs, blocked in zip(together, alone, in_blocks, strict=True):
            np.testing.assert_allclose(mine[row], theirs[0], rtol=1e-14)
            np.testing.assert_allclose(blocked[row], theirs[0], rtol=1e-14)


def test_each_draw_may_have_its_own_budgets():
    law = get_law("kaplan")
    draws = draws_around(law, TRUE["kaplan"], count=2)
    own = np.array([BUDGETS, BUDGETS[::-1]])
    n = search_optimum(law, draws, own)[0]
    np.testing.assert_allclose(n[0], search_optimum(law, draws[:1], BUDGETS)[0][0], rtol=1e-14)
    np.testing.assert_allclose(
        n[1], search_optimum(law, draws[1:], BUDGETS[::-1])[0][0], rtol=1e-14
    )


def test_loss_rows_pairs_each_draw_with_its_own_inputs():
    law = get_law("data_constrained")
    draws = draws_around(law, TRUE["data_constrained"], count=3)
    n = np.array([[1e8, 1e9], [2e8, 2e9], [3e8, 3e9]])
    d = 20 * n
    expected = [law.evaluate(params, n=n[row], d=d[row]) for row, params in enumerate(draws)]
    np.testing.assert_allclose(loss_rows(law, draws, n=n, d=d), expected, rtol=1e-14)


@pytest.mark.parametrize("name", ["chinchilla", "kaplan", "power"])
def test_search_finds_the_closed_form_budget_for_a_loss(name):
    law = get_law(name)
    draws = draws_around(law, TRUE[name], count=2)
    losses = np.array([1.5, 2.3, 3.0]) if name == "kaplan" else np.array([1.95, 2.3, 3.0])
    np.testing.assert_allclose(
        search_compute_for_loss(law, draws, losses),
        compute_for_loss_many(law, draws, losses),
        rtol=1e-9,
    )
