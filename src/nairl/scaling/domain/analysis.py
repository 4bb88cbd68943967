"""What a stored fit or comparison computes, on top of the research core.

The core (`nairl.scaling.core`) validates runs, knows the laws and fits them. This module adds
what the hub's pages show — bootstrap intervals, loss along the compute axis (the compute-optimal
frontier for laws in N and D), extrapolated predictions, compute-optimal allocation, and the
effective compute multiplier of a method over a baseline — as a small adapter, and returns plain
JSON-ready dictionaries. Nothing here imports Django.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from nairl.scaling.core.errors import ScalingInputError
from nairl.scaling.core.fitting import Objective, fit, prepare
from nairl.scaling.core.optimize import batched_lbfgs
from nairl.scaling.core.registry import get_law
from nairl.scaling.core.runs import FLOPS_PER_PARAM_TOKEN, Runs

EXTRAPOLATION_FACTORS = (1.0, 10.0, 100.0, 1000.0)
LOG_N_SPAN = 16.0  # the frontier searches N within e^±16 of sqrt(C/6)
SEED = 20240601


class FitFailed(Exception):
    """The fit ran but cannot be trusted; the message says why (in English, from the core)."""

    def __init__(self, message: str, detail: dict | None = None):
        super().__init__(message)
        self.detail = detail or {}


@dataclass
class Settings:
    law: str = "chinchilla"
    variable: str | None = None
    huber_delta: float = 1e-3
    drop_highest: int = 0
    bootstrap: int = 200


def axis_of(law) -> str:
    """The resource a law's curve runs along: compute for laws in N and D, else its variable."""
    return "c" if set(law.inputs) >= {"n", "d"} else law.inputs[0]


def is_two_variable(law) -> bool:
    return set(law.inputs) >= {"n", "d"}


def axis_values(law, runs: Runs) -> np.ndarray:
    axis = axis_of(law)
    values = getattr(runs, axis)
    if values is None:
        raise ScalingInputError(f"the runs have no {axis.upper()} values")
    return values


def frontier(law, params: np.ndarray, log_x: np.ndarray, points: int = 321) -> tuple:
    """Loss along the axis for each parameter row: (S, K) losses, and for two-variable laws the
    compute-optimal log N (S, K) — L*(C) = min over N of L(N, C / 6N)."""
    params = np.atleast_2d(params)
    if not is_two_variable(law):
        with np.errstate(all="ignore"):
            return law.evaluate_many(params, **{law.inputs[0]: np.exp(log_x)}), None
    offsets = np.linspace(-LOG_N_SPAN, LOG_N_SPAN, points)
    log_c6 = log_x - math.log(FLOPS_PER_PARAM_TOKEN)
    log_n = (0.5 * log_c6)[:, None] + offsets[None, :]  # (K, G)
    log_d = log_c6[:, None] - log_n
    inputs = {"n": np.exp(log_n).ravel(), "d": np.exp(log_d).ravel()}
    losses, best_n = [], []
    for start in range(0, len(params), 16):
        with np.errstate(all="ignore"):
            values = law.evaluate_many(params[start:start + 16], **inputs)
        values = np.where(np.isfinite(values), values, np.inf).reshape(-1, *log_n.shape)
        index = values.argmin(axis=2)
        losses.append(np.take_along_axis(values, index[..., None], axis=2)[..., 0])
        best_n.append(log_n[np.arange(log_n.shape[0])[None, :], index])
    return np.vstack(losses), np.vstack(best_n)


def crossing(log_x: np.ndarray, losses: np.ndarray, target: float) -> float | None:
    """log x where a decreasing loss curve first reaches ``target`` (None if it never does)."""
    below = np.flatnonzero(losses <= target)
    if below.size == 0:
        return None
    i = below[0]
    if i == 0:
        return None if losses[0] < target else float(log_x[0])
    x0, x1, y0, y1 = log_x[i - 1], log_x[i], losses[i - 1], losses[i]
    if not np.isfinite(y0) or y0 == y1:
        return float(x1)
    return float(x0 + (target - y0) * (x1 - x0) / (y1 - y0))


def fit_law(runs: Runs, settings: Settings):
    law = get_law(settings.law, settings.variable or None)
    if settings.drop_highest:
        runs = runs.drop_highest(settings.drop_highest)
    result = fit(law, runs, huber_delta=settings.huber_delta)
    if not result.converged:
        raise FitFailed("the fit did not converge: " + "; ".join(result.flags),
                        {"fit": result.to_dict()})
    return law, runs, result


def bootstrap(law, runs: Runs, result, count: int, huber_delta, seed: int = SEED) -> np.ndarray:
    """Natural parameters refitted on ``count`` resamples (rows of multinomial weights), all
    optimised together from the best fit; rows that end outside the law's domain are dropped."""
    if count <= 0:
        return np.empty((0, len(law.param_names)))
    x, log_y = prepare(law, runs)
    rng = np.random.default_rng(seed)
    weights = rng.multinomial(len(runs), np.full(len(runs), 1.0 / len(runs)), size=count)
    objective = Objective(law, x, log_y, huber_delta, weights.astype(float))
    lower, upper = law.bounds(x, log_y)
    batch = batched_lbfgs(objective, np.tile(result.theta, (count, 1)), lower, upper, max_iter=400)
    params = law.to_params(batch.x)
    keep = np.isfinite(batch.f) & np.isfinite(params).all(axis=1)
    return params[keep]


def interval(samples: np.ndarray, axis=0):
    if samples.size == 0:
        return None, None
    low, high = np.nanpercentile(samples, [2.5, 97.5], axis=axis)
    return low, high


def fit_summary(law, runs: Runs, result, samples: np.ndarray) -> dict:
    low, high = interval(samples)
    params = [
        {"name": name, "value": value,
         "low": None if low is None else float(low[i]),
         "high": None if high is None else float(high[i])}
        for i, (name, value) in enumerate(result.params.items())
    ]
    summary = result.to_dict()
    summary.update({
        "params": params, "bootstrap_kept": int(len(samples)), "axis": axis_of(law),
        "groups": runs.groups(),
    })
    summary["predictions"], summary["allocation"] = predictions(law, runs, result, samples)
    return summary


def predictions(law, runs: Runs, result, samples: np.ndarray) -> tuple[list, list]:
    """Loss at 1×, 10×, 100× and 1000× the largest observed axis value, with intervals; for laws
    in N and D, also the compute-optimal N and D there (the allocation)."""
    values = axis_values(law, runs)
    top = float(values.max())
    log_x = np.log(top * np.array(EXTRAPOLATION_FACTORS))
    point, best_n = frontier(law, np.array([list(result.params.values())]), log_x)
    low = high = None
    if len(samples):
        band, _n = frontier(law, samples, log_x)
        low, high = interval(band)
    ranges = result.input_ranges
    rows, allocation = [], []
    for k, factor in enumerate(EXTRAPOLATION_FACTORS):
        x = float(top * factor)
        row = {"factor": factor, "x": x, "loss": float(point[0, k]),
               "low": None if low is None else float(low[k]),
               "high": None if high is None else float(high[k]),
               "extrapolated": bool(factor > 1.0)}
        if best_n is not None:
            n_opt = float(math.exp(best_n[0, k]))
            d_opt = x / (FLOPS_PER_PARAM_TOKEN * n_opt)
            outside = [name for name, value in (("n", n_opt), ("d", d_opt))
                       if name in ranges and not ranges[name][0] <= value <= ranges[name][1]]
            row["extrapolated"] = row["extrapolated"] or bool(outside)
            allocation.append({"c": x, "n_opt": n_opt, "d_opt": d_opt,
                               "tokens_per_param": d_opt / n_opt, "outside_data": outside})
        rows.append(row)
    if allocation and len(allocation) > 1:
        slope = np.polyfit(np.log([a["c"] for a in allocation]),
                           np.log([a["n_opt"] for a in allocation]), 1)[0]
        for entry in allocation:
            entry["n_exponent"] = float(slope)
    return rows, allocation


def run_fit(runs: Runs, settings: Settings, group: str | None = None) -> tuple[dict, dict]:
    """Fit, intervals, predictions and plots for one group of runs: (result, plots)."""
    from .plots import fit_plots

    if group:
        runs = runs.of_group(group)
    law, used, result = fit_law(runs, settings)
    samples = bootstrap(law, used, result, settings.bootstrap, settings.huber_delta)
    summary = fit_summary(law, used, result, samples)
    return summary, fit_plots(law, used, result, samples, summary)


def run_comparison(runs: Runs, settings: Settings, baseline: str, method: str) -> tuple[dict, dict]:
    """The same law fitted to the baseline's and the method's runs; the effective compute
    multiplier is how much more of the axis (compute) the baseline needs to reach the loss the
    method reaches at its largest run, with a bootstrap interval over both groups."""
    from .plots import comparison_plots

    if baseline == method:
        raise ScalingInputError("the baseline and the method must be different groups")
    fitted, samples = {}, {}
    for role, label in (("baseline", baseline), ("method", method)):
        law, used, result = fit_law(runs.of_group(label), settings)
        fitted[role] = (used, result)
        samples[role] = bootstrap(law, used, result, settings.bootstrap, settings.huber_delta,
                                  seed=SEED + (role == "method"))
    top = float(axis_values(law, fitted["method"][0]).max())
    log_ref = math.log(top)
    log_x = log_ref + np.linspace(-6 * math.log(10), 6 * math.log(10), 1201)
    point = {role: np.array([list(fitted[role][1].params.values())]) for role in fitted}
    target = float(frontier(law, point["method"], np.array([log_ref]))[0][0, 0])
    base_curve = frontier(law, point["baseline"], log_x)[0][0]
    multiplier = ratio(crossing(log_x, base_curve, target), log_ref)
    low = high = None
    draws = min(len(samples["baseline"]), len(samples["method"]))
    if draws:
        targets = frontier(law, samples["method"][:draws], np.array([log_ref]))[0][:, 0]
        curves = frontier(law, samples["baseline"][:draws], log_x, points=161)[0]
        ratios = np.array([ratio(crossing(log_x, curves[s], targets[s]), log_ref) or np.inf
                           for s in range(draws)])
        low, high = (float(v) for v in np.percentile(ratios, [2.5, 97.5]))
    result = {
        "law": law.name, "formula": law.title, "axis": axis_of(law),
        "baseline_group": baseline, "method_group": method,
        "reference_x": top, "target_loss": target,
        "multiplier": multiplier, "low": finite_or_none(low), "high": finite_or_none(high),
        "beyond_range": multiplier is None,
        "fits": {role: fit_summary(law, *fitted[role], samples[role]) for role in fitted},
    }
    return result, comparison_plots(law, fitted, samples, result)


def ratio(log_baseline: float | None, log_ref: float) -> float | None:
    return None if log_baseline is None else float(math.exp(log_baseline - log_ref))


def finite_or_none(value):
    return None if value is None or not math.isfinite(value) else float(value)
