"""What a stored fit or comparison computes, through the research core's public functions.

The core (`nairl.scaling.core`) validates runs, fits laws, bootstraps, predicts with
extrapolation warnings, allocates compute, compares a method with a baseline (by the baseline's
law, or by the steepness of their learning curves) and draws the figures. This module strings
those together for one stored job and returns JSON-ready dictionaries (and, through `plots`, the
core's figures as SVG). Nothing here imports Django.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nairl.scaling.core import allocation as core_allocation
from nairl.scaling.core.bootstrap import bootstrap as core_bootstrap
from nairl.scaling.core.comparison import compare as core_compare
from nairl.scaling.core.errors import ScalingInputError
from nairl.scaling.core.fitting import fit
from nairl.scaling.core.learning_curves import DEFAULT_MARGIN, compare_curves, curve_of
from nairl.scaling.core.prediction import predict
from nairl.scaling.core.registry import DEFAULT_BOOTSTRAP, DEFAULT_LAW, get_law
from nairl.scaling.core.runs import Runs

from .conventions import EXTRAPOLATION_FACTORS, LEVEL, SEED, is_two_variable
from .plots import comparison_plots, curve_plots, fit_plots

# The steps a fit and a comparison go through, in order; `reached(step)` is told each one, so
# that a job's page can show how far it is (the bootstrap is most of the time).
FIT_STEPS = ("fit", "bootstrap", "plots")
COMPARISON_STEPS = ("fit", "bootstrap", "compare", "plots")
Reached = Callable[[str], None]


def unreported(step: str) -> None:
    """For callers that show no progress (the command line)."""


class FitFailed(Exception):
    """The fit ran but cannot be trusted; the message says why (in English, from the core)."""

    def __init__(self, message: str, detail: dict | None = None):
        super().__init__(message)
        self.detail = detail or {}


@dataclass
class Settings:
    law: str = DEFAULT_LAW
    variable: str | None = None
    huber_delta: float = 1e-3
    drop_highest: int = 0
    bootstrap: int = DEFAULT_BOOTSTRAP


def axis_of(law) -> str:
    """The resource a law's curve runs along: compute for laws in N and D, else its variable."""
    return "c" if is_two_variable(law) else law.inputs[0]


def axis_values(law, runs: Runs) -> np.ndarray:
    axis = axis_of(law)
    values = getattr(runs, axis)
    if values is None:
        raise ScalingInputError(f"the runs have no {axis.upper()} values")
    return values


def fit_law(runs: Runs, settings: Settings, reached: Reached = unreported):
    law = get_law(settings.law, settings.variable or None)
    if settings.drop_highest:
        runs = runs.drop_highest(settings.drop_highest)
    reached("fit")
    result = fit(law, runs, huber_delta=settings.huber_delta)
    if not result.converged:
        raise FitFailed(
            "the fit did not converge: " + "; ".join(result.flags), {"fit": result.to_dict()}
        )
    boot = None
    if settings.bootstrap:
        reached("bootstrap")
        boot = core_bootstrap(
            law,
            runs,
            settings.bootstrap,
            seed=SEED,
            huber_delta=settings.huber_delta,
            full_fit=result,
        )
    return law, runs, result, boot


def fit_summary(law, runs: Runs, result, boot) -> dict:
    intervals = boot.intervals(LEVEL) if boot is not None and len(boot.valid) else {}
    summary = result.to_dict()
    summary["params"] = [
        {
            "name": name,
            "value": value,
            "low": intervals.get(name, (None, None))[0],
            "high": intervals.get(name, (None, None))[1],
        }
        for name, value in result.params.items()
    ]
    axis = axis_values(law, runs)
    summary.update(
        {
            "axis": axis_of(law),
            "axis_range": [float(axis.min()), float(axis.max())],
            "groups": runs.groups(),
            "level": LEVEL,
            "bootstrap": boot.to_dict(LEVEL)["bootstrap"] if boot is not None else None,
        }
    )
    if boot is not None:
        summary["flags"] = [*summary["flags"], *boot.flags]
    summary["predictions"], summary["allocation"] = predictions(law, runs, result, boot)
    return summary


def _interval(prediction, k):
    if prediction.lower is None:
        return None, None
    return float(prediction.lower.ravel()[k]), float(prediction.upper.ravel()[k])


def predictions(law, runs: Runs, result, boot) -> tuple[list, dict | None]:
    """Loss at 1×, 10×, 100× and 1000× the largest observed axis value (compute-optimal N and D
    for laws in N and D), with intervals and the core's extrapolation warnings."""
    source = boot if boot is not None and len(boot.valid) else result
    top = float(axis_values(law, runs).max())
    xs = top * np.array(EXTRAPOLATION_FACTORS)
    allocation = None
    if is_two_variable(law):
        plan = core_allocation.compute_optimal(source, xs, level=LEVEL)
        spread = plan.intervals or {}
        allocation = {
            "n_exponent": core_allocation.exponent(result, xs[0], xs[-1]),
            "rows": [
                {
                    "c": float(xs[k]),
                    "n_opt": float(plan.n[k]),
                    "d_opt": float(plan.d[k]),
                    "tokens_per_param": float(plan.tokens_per_param[k]),
                    "loss": float(plan.loss[k]),
                    "n_low": float(spread["n"][0][k]) if "n" in spread else None,
                    "n_high": float(spread["n"][1][k]) if "n" in spread else None,
                }
                for k in range(len(xs))
            ],
        }
        inputs = {"n": plan.n, "d": plan.d}
    else:
        inputs = {law.inputs[0]: xs}
    rows = []
    for k, factor in enumerate(EXTRAPOLATION_FACTORS):
        point = {name: values[k : k + 1] for name, values in inputs.items()}
        prediction = predict(source, level=LEVEL, **point)
        low, high = _interval(prediction, 0)
        rows.append(
            {
                "factor": factor,
                "x": float(xs[k]),
                "inputs": {name: float(v[0]) for name, v in point.items()},
                "loss": float(prediction.value.ravel()[0]),
                "low": low,
                "high": high,
                "extrapolations": [e.to_dict() for e in prediction.extrapolations],
                "extrapolated": bool(prediction.extrapolations) or factor > 1,
            }
        )
    for row, allocated in zip(rows, allocation["rows"] if allocation else [], strict=False):
        allocated.update(factor=row["factor"], extrapolated=row["extrapolated"])
    return rows, allocation


def run_fit(
    runs: Runs, settings: Settings, group: str | None = None, reached: Reached = unreported
) -> tuple[dict, dict]:
    """Fit, intervals, predictions and plots for one group of runs: (result, plots)."""
    if group:
        runs = runs.of_group(group)
    law, used, result, boot = fit_law(runs, settings, reached)
    summary = fit_summary(law, used, result, boot)
    reached("plots")
    return summary, fit_plots(law, used, result, boot)


def run_comparison(
    runs: Runs, settings: Settings, baseline: str, method: str, reached: Reached = unreported
) -> tuple[dict, dict]:
    """The core's comparison: the baseline's law (with bootstrap) against the method's runs; the
    effective compute multiplier says how much more compute the baseline needs for the method's
    losses."""
    if baseline == method:
        raise ScalingInputError("the baseline and the method must be different groups")
    if settings.bootstrap < 1:
        raise ScalingInputError("a comparison needs bootstrap resamples for its interval")
    method_runs = runs.of_group(method)
    law, used, result, boot = fit_law(runs.of_group(baseline), settings, reached)
    reached("compare")
    outcome = core_compare(
        used,
        method_runs,
        law,
        method=method,
        n_resamples=settings.bootstrap,
        seed=SEED,
        level=LEVEL,
        baseline=boot,
    )
    data = outcome.to_dict()
    data.pop("baseline", None)
    data.update(
        {
            "law": law.name,
            "formula": law.title,
            "axis": "c",
            "baseline_group": baseline,
            "method_group": method,
            "baseline_fit": fit_summary(law, used, result, boot),
        }
    )
    reached("plots")
    return data, comparison_plots(outcome, used, method_runs)


def run_steepness(
    baseline_runs: Runs, method_runs: Runs, baseline: str, method: str, holdout: int
) -> tuple[dict, dict]:
    """Each group's values against data size D as a learning curve: is each steeper than a
    power law (``holdout`` largest sizes held out), and how do their extrapolations compare?"""
    if baseline == method:
        raise ScalingInputError("the baseline and the method must be different groups")
    outcome = compare_curves(
        *curve_of(baseline_runs, f"group '{baseline}'"),
        *curve_of(method_runs, f"group '{method}'"),
        holdout=holdout,
        margin=DEFAULT_MARGIN,
        baseline=baseline,
        method=method,
        metric=baseline_runs.metric,
    )
    data = outcome.to_dict()
    data.update(
        {
            "kind": "steepness",
            "baseline_group": baseline,
            "method_group": method,
            "holdout": holdout,
            "margin": DEFAULT_MARGIN,
            "axis": "d",
        }
    )
    return data, curve_plots(outcome)
