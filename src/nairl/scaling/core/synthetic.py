"""Synthetic runs drawn from a known law, for tests, examples and coverage checks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .allocation import compute_optimal
from .laws import Law
from .runs import FLOPS_PER_PARAM_TOKEN, Runs


def synthetic_runs(
    law: Law,
    params: Mapping[str, float],
    *,
    n_runs: int = 40,
    noise: float = 0.01,
    seed: int = 0,
    log_range: Mapping[str, tuple[float, float]] | None = None,
    group: str | None = None,
) -> Runs:
    """Runs at log-uniform inputs with multiplicative log-normal noise of size ``noise``.

    Inputs default to N in [1e7, 1e10] and D in [1e9, 1e12] (C = 6ND), or the curve variable in
    [1e4, 1e8]; ``log_range`` overrides them with natural-log bounds per field.
    """
    rng = np.random.default_rng(seed)
    defaults = {
        "n": (np.log(1e7), np.log(1e10)),
        "d": (np.log(1e9), np.log(1e12)),
        "c": (np.log(1e18), np.log(1e23)),
    }
    if law.inputs in (("d",), ("n",)):
        defaults[law.inputs[0]] = (np.log(1e4), np.log(1e8))
    ranges = {**defaults, **(log_range or {})}
    fields = [k for k in law.inputs if k not in ("unique_n", "unique_d")]
    arrays = {k: np.exp(rng.uniform(*ranges[k], size=n_runs)) for k in fields}
    clean = law.evaluate(params, **arrays)
    value = clean * np.exp(noise * rng.standard_normal(n_runs))
    if "n" in arrays and "d" in arrays:
        arrays["c"] = FLOPS_PER_PARAM_TOKEN * arrays["n"] * arrays["d"]
    labels = None if group is None else np.full(n_runs, group, dtype=object)
    return Runs(value=value, group=labels, **arrays)


def off_frontier_runs(
    law: Law,
    params: Mapping[str, float],
    budgets: Sequence[float],
    *,
    multiplier: float = 1.0,
    sweep: int = 5,
    span: float = 16.0,
    overtrained: Sequence[float] = (4.0, 16.0),
    noise: float = 0.01,
    seed: int = 0,
) -> Runs:
    """Runs that are mostly not compute-optimal, as real ones are, from a law in N and D.

    At each budget: an isoFLOP sweep of ``sweep`` model sizes from the optimal N / ``span`` to
    N · ``span`` (tokens D = C / 6N), and the optimal size trained on ``overtrained`` times its
    optimal tokens (more compute than the budget). A method with ``multiplier`` k is the law
    with k times the compute: each run's loss is the law's at √k·N and √k·D.
    """
    rng = np.random.default_rng(seed)
    best = compute_optimal((law, params), np.asarray(budgets, dtype=float))
    sizes = np.geomspace(1 / span, span, sweep)
    n = np.concatenate(
        [np.concatenate([n_opt * sizes, np.full(len(overtrained), n_opt)]) for n_opt in best.n]
    )
    d = np.concatenate(
        [
            np.concatenate(
                [c / (FLOPS_PER_PARAM_TOKEN * n_opt * sizes), d_opt * np.array(overtrained)]
            )
            for c, n_opt, d_opt in zip(budgets, best.n, best.d, strict=True)
        ]
    )
    root = np.sqrt(multiplier)
    clean = law.evaluate(params, n=root * n, d=root * d)
    value = clean * np.exp(noise * rng.standard_normal(len(n)))
    return Runs(value=value, n=n, d=d, c=FLOPS_PER_PARAM_TOKEN * n * d)
