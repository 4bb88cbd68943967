"""The compute-optimal frontier by numerical search, for laws (or parameter draws) that have no
closed form in ``frontier``; vectorised over draws and budgets.

The best split of a budget C = 6ND comes from a dense grid in log N along the budget line,
within e^±23 of sqrt(C/6), refined by golden section around the best grid point. The budget
that reaches a loss is a bisection in log C within LOG_C_RANGE on that optimum's loss.
"""

from __future__ import annotations

import numpy as np

from .laws import Law
from .optimize import golden
from .runs import FLOPS_PER_PARAM_TOKEN

GRID_POINTS = 801  # splits of each budget tried before the golden-section refinement
LOG_N_SPAN = 23.0
LOG_C_RANGE = (0.0, np.log(1e60))  # budgets searched for a loss target; beyond: unreachable
BISECTION_STEPS = 70  # narrows LOG_C_RANGE below rounding of log C
BLOCK_POINTS = 2_000_000  # law evaluations per block of draws, to bound memory


class Numerical(Law):
    """The same law hidden from the closed forms, so allocation takes the numerical search:
    what the closed forms are checked and benchmarked against."""

    def __init__(self, law: Law) -> None:
        self.law = law
        self.name, self.param_names = law.name, law.param_names
        self.log_scaled, self.inputs = law.log_scaled, law.inputs

    def features(self, inputs):
        return self.law.features(inputs)

    def log_predict(self, theta, x):
        return self.law.log_predict(theta, x)

    def starts(self, x, log_y):
        return self.law.starts(x, log_y)


def loss_rows(law: Law, draws: np.ndarray, **inputs: np.ndarray) -> np.ndarray:
    """L for each natural parameter row of ``draws`` (S, P) at its own inputs (S, ...): row s of
    every input goes with row s of ``draws``. Relies on the law broadcasting its parameter
    columns (S, 1) against inputs (S, M), as the laws' elementwise formulas do."""
    shape = np.broadcast_shapes(*(np.shape(v) for v in inputs.values()))
    features = {k: v.reshape(len(draws), -1) for k, v in law.features(inputs).items()}
    with np.errstate(all="ignore"):
        log_loss = law.log_predict(law.to_theta(draws), features)[0]
    return np.exp(log_loss).reshape(shape)


def search_optimum(law: Law, draws: np.ndarray, compute: np.ndarray):
    """(n, d, loss), each (S, K), minimising L(N, C/(6N)) for each draw (S, P) and budget:
    ``compute`` is (K,) for budgets shared by all draws or (S, K) for each draw's own."""
    compute = np.broadcast_to(compute, (len(draws), np.shape(compute)[-1]))
    rows = max(1, BLOCK_POINTS // (compute.shape[1] * GRID_POINTS))
    parts = [
        _search_block(law, draws[i : i + rows], compute[i : i + rows])
        for i in range(0, len(draws), rows)
    ]
    return tuple(np.concatenate(part) for part in zip(*parts, strict=True))


def _search_block(law: Law, draws: np.ndarray, compute: np.ndarray):
    log_c6 = np.log(compute / FLOPS_PER_PARAM_TOKEN)[..., None]  # (S, K, 1)

    def loss_at(log_n):
        values = loss_rows(law, draws, n=np.exp(log_n), d=np.exp(log_c6 - log_n))
        return np.where(np.isfinite(values), values, np.inf)

    offsets = np.linspace(-LOG_N_SPAN, LOG_N_SPAN, GRID_POINTS)
    log_n = 0.5 * log_c6 + offsets
    best = np.argmin(loss_at(log_n), axis=-1)[..., None]
    step = offsets[1] - offsets[0]
    centre = np.take_along_axis(log_n, best, axis=-1)
    log_n_opt = golden(loss_at, centre - step, centre + step)
    n = np.exp(log_n_opt[..., 0])
    return n, compute / (FLOPS_PER_PARAM_TOKEN * n), loss_at(log_n_opt)[..., 0]


def search_compute_for_loss(law: Law, draws: np.ndarray, loss: np.ndarray) -> np.ndarray:
    """(S, M) smallest budgets whose frontier loss reaches each of ``loss`` (M,), or row s of
    ``loss`` (S, M), for each draw (S, P); inf where the loss needs more than LOG_C_RANGE
    allows."""
    shape = np.broadcast_shapes((len(draws), 1), np.atleast_2d(loss).shape)
    lo, hi = np.full(shape, LOG_C_RANGE[0]), np.full(shape, LOG_C_RANGE[1])
    reachable = _frontier_loss(law, draws, hi) < loss
    for _ in range(BISECTION_STEPS):
        mid = 0.5 * (lo + hi)
        above = _frontier_loss(law, draws, mid) > loss
        lo = np.where(above, mid, lo)
        hi = np.where(above, hi, mid)
    return np.where(reachable, np.exp(hi), np.inf)


def _frontier_loss(law: Law, draws: np.ndarray, log_c: np.ndarray) -> np.ndarray:
    """Best loss of each draw at its budgets (S, M): a law in C is its own frontier."""
    if law.inputs == ("c",):
        return loss_rows(law, draws, c=np.exp(log_c))
    return search_optimum(law, draws, np.exp(log_c))[2]
