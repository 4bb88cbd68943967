"""The effective-compute multiplier of a method, defined on compute-optimal frontiers.

With L_b*(C) the baseline's compute-optimal loss at budget C (from its fitted law) and L_m*(C)
the method's, the multiplier at C is

    k(C) = C_b(L_m*(C)) / C,

where C_b(L) is the baseline budget whose frontier reaches loss L: how much more compute the
baseline needs to do as well as the method does with C, both spending it optimally. Unlike the
ratio of each method run's own compute (a run off its frontier, e.g. one point of an isoFLOP
sweep, has a worse loss than the method can reach with that compute, so its ratio is low by
construction), k(C) does not depend on how the method's runs were placed.

The method's frontier comes from one of two models:

- ``own_law``: the method's runs fitted with the baseline's law, when there are enough of them
  (``own_law_problem``); k(C) may then change with C.
- ``compute_shift``: the baseline's law with one more parameter, a compute multiplier k: the
  method's loss at (N, D) is the baseline's at (√k·N, √k·D) (at k·C for a law in C alone). Its
  frontier is the baseline's at k·C, so k(C) = k at every budget. Fitted by least squares on log
  loss with the baseline's parameters fixed at each of its bootstrap draws.

k(C) is reported on budgets spread over the compute range the method's runs cover; the summary
is its geometric mean over them. Intervals pair each baseline bootstrap draw with a resample of
the method's runs (a refit of the method's law, or of k), so both groups' noise counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .bootstrap import bootstrap, percentile_interval, resample_weights
from .errors import ScalingInputError
from .fitting import fit
from .frontier import compute_for_loss_many, optimal_many
from .frontier_search import loss_rows
from .laws import Law
from .optimize import golden
from .runs import Runs

BUDGETS = 9  # budgets k(C) is reported at, log-spaced over the method's compute range
MODELS = ("auto", "own_law", "compute_shift")
# The method's own law is fitted only with this many runs per parameter of the law, and with at
# least SPREAD_VALUES distinct values of each input spanning a factor of SPREAD_FACTOR: fewer,
# and the refits on resamples wander (an exponent or the floor is barely determined).
RUNS_PER_PARAMETER = 3
SPREAD_VALUES = 3
SPREAD_FACTOR = 4.0
LOG_K_SPAN = np.log(1e6)  # the compute shift is searched within 10^±6
SHIFT_GRID = 121


@dataclass
class FrontierMultiplier:
    """k(C) at ``budgets`` with its interval, and the summary (geometric mean over budgets)."""

    model: str
    budgets: np.ndarray
    values: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    summary: float
    interval: tuple[float, float]
    draws: int  # paired bootstrap draws behind the intervals
    reason: str | None = None  # why the method's own law was not fitted (compute_shift)
    flags: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "model": self.model,
            "reason": self.reason,
            "summary": self.summary,
            "interval": list(self.interval),
            "draws": self.draws,
            "budgets": [
                {"c": float(c), "multiplier": float(k), "low": float(lo), "high": float(hi)}
                for c, k, lo, hi in zip(
                    self.budgets, self.values, self.lower, self.upper, strict=True
                )
            ],
        }


def check_law(law: Law) -> None:
    if not (law.inputs == ("c",) or {"n", "d"} <= set(law.inputs)):
        raise ScalingInputError(
            f"law '{law.name}' is not in compute C nor in N and D: it has no compute-optimal "
            "frontier to measure a compute multiplier on"
        )


def frontier_loss(law: Law, draws: np.ndarray, budgets: np.ndarray) -> np.ndarray:
    """(S, K) compute-optimal loss of each parameter row at each budget."""
    if law.inputs == ("c",):
        return loss_rows(law, draws, c=np.broadcast_to(budgets, (len(draws), len(budgets))))
    return optimal_many(law, draws, budgets)[2]


def own_law_problem(law: Law, runs: Runs) -> str | None:
    """Why the method's runs are too few or too narrow to fit ``law`` alone (None: they are not)."""
    needed = RUNS_PER_PARAMETER * len(law.param_names)
    if len(runs) < needed:
        return f"{len(runs)} method runs, fewer than {needed} ({RUNS_PER_PARAMETER} per parameter)"
    for name in (k for k in law.inputs if k not in ("unique_n", "unique_d")):
        values = getattr(runs, name)
        if len(np.unique(values)) < SPREAD_VALUES or values.max() < SPREAD_FACTOR * values.min():
            return (
                f"the method runs' {name.upper()} takes fewer than {SPREAD_VALUES} values or "
                f"spans less than a factor of {SPREAD_FACTOR:g}"
            )
    if law.inputs != ("c",):
        # Runs along one line in (log C, log N), e.g. all on a frontier, cannot tell the effect
        # of N from that of D: the model sizes must differ at equal compute.
        log_c, log_n = np.log(runs.c), np.log(runs.n)
        trend = np.polyval(np.polyfit(log_c, log_n, 1), log_c)
        if np.ptp(log_n - trend) < np.log(SPREAD_FACTOR):
            return (
                "the method runs' model sizes at equal compute span less than a factor of "
                f"{SPREAD_FACTOR:g}"
            )
    return None


def frontier_multiplier(
    law: Law,
    baseline_params: np.ndarray,
    baseline_draws: np.ndarray,
    method_runs: Runs,
    *,
    model: str = "auto",
    seed: int = 0,
    level: float = 0.95,
    huber_delta: float | None = None,
    workers: int = 1,
) -> FrontierMultiplier:
    """k(C) over the method's compute range, against the baseline's fitted parameters and their
    bootstrap draws (rows of natural parameters)."""
    if model not in MODELS:
        raise ScalingInputError(f"method model must be one of {', '.join(MODELS)}, not '{model}'")
    check_law(law)
    budgets = np.geomspace(method_runs.c.min(), method_runs.c.max(), BUDGETS)
    flags, reason = [], None
    if model != "compute_shift":
        problem = own_law_problem(law, method_runs)
        if problem is None:
            own = _own_law(law, baseline_draws, method_runs, seed, huber_delta, workers)
            problem = own if isinstance(own, str) else None
        if problem is None:
            model, method_draws = "own_law", own
        elif model == "own_law":
            raise ScalingInputError(f"cannot fit the method's own law: {problem}")
        else:
            model, reason = "compute_shift", problem
    rows = np.vstack([baseline_params, baseline_draws])
    if model == "own_law":
        rows = rows[: len(method_draws)]
        table = compute_for_loss_many(law, rows, frontier_loss(law, method_draws, budgets))
        table = table / budgets
    else:
        weights = np.vstack(
            [np.ones(len(method_runs)), resample_weights(len(method_runs), len(rows) - 1, seed)]
        )
        log_k = fit_compute_shift(law, rows, method_runs, weights)
        if abs(log_k[0]) > LOG_K_SPAN - 2 * LOG_K_SPAN / (SHIFT_GRID - 1):
            flags.append(
                "the compute multiplier reached the edge of its search range (10^±6): no shift "
                "of the baseline's compute explains the method's runs, so the figure is a bound, "
                "not an estimate"
            )
        table = np.repeat(np.exp(log_k), BUDGETS).reshape(len(rows), BUDGETS)
    with np.errstate(all="ignore"):  # an infinite multiplier makes an infinite mean
        summaries = np.exp(np.mean(np.log(table), axis=1))
    bounds = np.array([percentile_interval(column, level) for column in table[1:].T])
    if not np.isfinite(table[0]).all():
        flags.append(
            "at some budgets the method's frontier is below the baseline law's floor: the "
            "baseline never reaches that loss, so the multiplier is infinite"
        )
    return FrontierMultiplier(
        model=model,
        budgets=budgets,
        values=table[0],
        lower=bounds[:, 0],
        upper=bounds[:, 1],
        summary=float(summaries[0]),
        interval=percentile_interval(summaries[1:], level),
        draws=len(table) - 1,
        reason=reason,
        flags=flags,
    )


def _own_law(law, baseline_draws, method_runs, seed, huber_delta, workers) -> np.ndarray | str:
    """The method's fitted parameters and bootstrap draws as rows, or why there are none."""
    try:
        own = fit(law, method_runs, huber_delta=huber_delta)
    except ScalingInputError as exc:
        return str(exc)
    if not own.converged:
        return "its fit did not converge"
    boot = bootstrap(
        law,
        method_runs,
        len(baseline_draws),
        seed=seed + 2,
        workers=workers,
        huber_delta=huber_delta,
        full_fit=own,
    )
    if len(boot.valid) < len(baseline_draws) / 2:
        return "most of its bootstrap refits did not converge"
    return np.vstack([law.params_array(own.params), boot.valid])


def fit_compute_shift(law: Law, rows: np.ndarray, runs: Runs, weights: np.ndarray) -> np.ndarray:
    """log k (S,) for each baseline parameter row: the weighted least-squares fit of the
    method's log losses by the baseline law at (√k·N, √k·D), or at k·C for a law in C; a grid
    over 10^±6 then a golden section around its best point, for all rows at once."""
    log_y = np.log(runs.value)

    def misfit(log_k: np.ndarray) -> np.ndarray:  # (S, G) -> (S, G)
        scale = np.exp(log_k)[..., None]
        if law.inputs == ("c",):
            inputs = {"c": runs.c * scale}
        else:
            root = np.sqrt(scale)
            inputs = {"n": runs.n * root, "d": runs.d * root}
        with np.errstate(all="ignore"):
            r = np.log(loss_rows(law, rows, **inputs)) - log_y
            value = np.sum(weights[:, None, :] * r * r, axis=-1)
        return np.where(np.isfinite(value), value, np.inf)

    grid = np.linspace(-LOG_K_SPAN, LOG_K_SPAN, SHIFT_GRID)
    best = np.argmin(misfit(np.broadcast_to(grid, (len(rows), SHIFT_GRID))), axis=1)
    step = grid[1] - grid[0]
    centre = grid[best][:, None]
    return golden(misfit, centre - step, centre + step)[:, 0]
