"""Synthetic runs drawn from a known law, for tests, examples and coverage checks."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

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
