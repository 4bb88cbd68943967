"""Compute-optimal allocation of a budget between parameters N and tokens D.

``compute_optimal`` reads the compute-optimal frontier (``frontier``: closed forms, numerical
search otherwise) for the fit and every bootstrap draw at once. ``serving_optimal`` adds
inference: a model serving T tokens over its life costs about 2·N·T more FLOPs, so the cheapest
model that reaches a target loss is smaller and trained longer than the compute-optimal one. It
searches log N on a grid refined by golden section; the tokens each size needs for the target
come in closed form where the law has one, else by bisection.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .bootstrap import BootstrapResult, percentile_bounds
from .errors import ScalingInputError
from .fitting import FitResult
from .frontier import compute_for_loss_many, optimal_many
from .laws import ChinchillaLaw, DataConstrainedLaw, KaplanLaw, Law
from .optimize import golden
from .runs import FLOPS_PER_PARAM_TOKEN

INFERENCE_FLOPS_PER_PARAM_TOKEN = 2.0
GRID_POINTS = 801  # model sizes tried for a loss target before the golden-section refinement
LOG_N_RANGE = (np.log(1e3), np.log(1e16))  # models considered for a loss target
LOG_D_RANGE = (0.0, np.log(1e22))
BISECTION_STEPS = 80  # narrows LOG_D_RANGE below rounding of log D


@dataclass
class Allocation:
    """Compute-optimal N, D and the loss reached, per budget; intervals from a bootstrap."""

    compute: np.ndarray
    n: np.ndarray
    d: np.ndarray
    loss: np.ndarray
    intervals: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    level: float | None = None

    @property
    def tokens_per_param(self) -> np.ndarray:
        return self.d / self.n

    def to_dict(self) -> dict:
        out = {
            "compute": self.compute.tolist(),
            "n_opt": self.n.tolist(),
            "d_opt": self.d.tolist(),
            "tokens_per_param": self.tokens_per_param.tolist(),
            "loss": self.loss.tolist(),
        }
        if self.intervals:
            out["level"] = self.level
            out["intervals"] = {
                k: [lo.tolist(), hi.tolist()] for k, (lo, hi) in self.intervals.items()
            }
        return out


@dataclass
class ServingAllocation:
    """The cheapest (N, D) reaching ``target_loss`` when the model also serves T tokens."""

    target_loss: float
    inference_tokens: float
    n: float
    d: float
    training_flops: float
    inference_flops: float
    compute_optimal: Allocation  # the training-only optimum reaching the same loss

    @property
    def total_flops(self) -> float:
        return self.training_flops + self.inference_flops

    def to_dict(self) -> dict:
        return {
            "target_loss": self.target_loss,
            "inference_tokens": self.inference_tokens,
            "n": self.n,
            "d": self.d,
            "tokens_per_param": self.d / self.n,
            "training_flops": self.training_flops,
            "inference_flops": self.inference_flops,
            "total_flops": self.total_flops,
            "compute_optimal": {
                "n": float(self.compute_optimal.n[0]),
                "d": float(self.compute_optimal.d[0]),
                "training_flops": float(self.compute_optimal.compute[0]),
            },
        }


def _law_and_params(result) -> tuple[Law, np.ndarray]:
    fit = result.fit if isinstance(result, BootstrapResult) else result
    if isinstance(fit, FitResult):
        law, params = fit.law, fit.law.params_array(fit.params)
    else:
        law, params = fit[0], fit[0].params_array(fit[1])
    if not {"n", "d"} <= set(law.inputs):
        raise ScalingInputError(
            f"law '{law.name}' does not separate N and D; allocation needs a law in N and D "
            "(chinchilla, overtraining, kaplan, data_constrained)"
        )
    return law, params


def compute_optimal(result, compute, level: float = 0.95) -> Allocation:
    """N_opt(C), D_opt(C) and loss for budgets ``compute`` (FLOPs).

    ``result`` is a FitResult, a BootstrapResult (adds percentile intervals) or a
    ``(law, params)`` pair for published parameters.
    """
    law, params = _law_and_params(result)
    compute = np.atleast_1d(np.asarray(compute, dtype=float))
    if not (np.isfinite(compute).all() and (compute > 0).all()):
        raise ScalingInputError("compute budgets must be positive, finite FLOP counts")
    draws = result.valid if isinstance(result, BootstrapResult) else np.empty((0, len(params)))
    # the fit in row 0, then the draws
    n, d, loss = optimal_many(law, np.vstack([params, draws]), compute)
    out = Allocation(compute=compute, n=n[0], d=d[0], loss=loss[0])
    if isinstance(result, BootstrapResult):
        stacked = {"n": n[1:], "d": d[1:], "loss": loss[1:], "tokens_per_param": d[1:] / n[1:]}
        out.intervals = {k: percentile_bounds(v, level) for k, v in stacked.items()}
        out.level = level
    return out


def exponent(result, compute_low: float = 1e20, compute_high: float = 1e24) -> float:
    """Local exponent a of N_opt ∝ C^a between two budgets."""
    law, params = _law_and_params(result)
    n = optimal_many(law, params, np.array([compute_low, compute_high]))[0][0]
    return float(np.log(n[1] / n[0]) / np.log(compute_high / compute_low))


def serving_optimal(result, target_loss: float, inference_tokens: float) -> ServingAllocation:
    """The (N, D) minimising 6ND + 2NT subject to L(N, D) = target_loss."""
    law, params = _law_and_params(result)
    if not (np.isfinite(target_loss) and target_loss > 0):
        raise ScalingInputError(f"target loss must be positive, got {target_loss}")
    if not (np.isfinite(inference_tokens) and inference_tokens >= 0):
        raise ScalingInputError(f"inference tokens must be >= 0, got {inference_tokens}")

    def cost(log_n):
        log_d = tokens_for_loss(law, params, log_n, target_loss)
        n = np.exp(log_n)
        return FLOPS_PER_PARAM_TOKEN * n * np.exp(log_d) + (
            INFERENCE_FLOPS_PER_PARAM_TOKEN * n * inference_tokens
        )

    log_n = np.linspace(*LOG_N_RANGE, GRID_POINTS)
    costs = cost(log_n)
    if not np.isfinite(costs).any():
        raise ScalingInputError(
            f"no model size reaches loss {target_loss:g} under this law (its floor is higher)"
        )
    best = int(np.argmin(costs))
    step = log_n[1] - log_n[0]
    centre = np.array([log_n[best]])
    opt = golden(cost, centre - step, centre + step)
    n = float(np.exp(opt[0]))
    d = float(np.exp(tokens_for_loss(law, params, opt, target_loss)[0]))
    budget = compute_for_loss_many(law, params, np.array([target_loss]))[0]
    train_n, train_d, train_loss = optimal_many(law, params, budget)
    return ServingAllocation(
        target_loss=float(target_loss),
        inference_tokens=float(inference_tokens),
        n=n,
        d=d,
        training_flops=FLOPS_PER_PARAM_TOKEN * n * d,
        inference_flops=INFERENCE_FLOPS_PER_PARAM_TOKEN * n * inference_tokens,
        compute_optimal=Allocation(compute=budget, n=train_n[0], d=train_d[0], loss=train_loss[0]),
    )


def tokens_for_loss(law: Law, params: np.ndarray, log_n: np.ndarray, target: float):
    """log D with L(N, D) = target for each log N; inf where no D in LOG_D_RANGE reaches it.

    In closed form where the law decreases in D: Chinchilla's B/D^β is what is left of the
    target after E + A/N^α, Kaplan's Dc/D what is left of target^(1/αD) after (Nc/N)^p.
    """
    with np.errstate(all="ignore"):  # no gap left: NaN or inf, unreachable below
        if isinstance(law, ChinchillaLaw | DataConstrainedLaw) and params[4] > 0:
            a, b, e, alpha, beta = params[:5]
            gap = _log_difference(np.log(target - e), np.log(a) - alpha * log_n)
            log_d = (np.log(b) - gap) / beta
        elif isinstance(law, KaplanLaw) and params[3] > 0:
            nc, dc, alpha_n, alpha_d = params
            left = (alpha_n / alpha_d) * (np.log(nc) - log_n)
            log_d = np.log(dc) - _log_difference(np.log(target) / alpha_d, left)
        else:
            return search_tokens_for_loss(law, params, log_n, target)
    # as the bisection: at least one token, and unreachable past the largest D considered
    log_d = np.maximum(log_d, LOG_D_RANGE[0])
    return np.where(log_d <= LOG_D_RANGE[1], log_d, np.inf)


def _log_difference(log_x: np.ndarray, log_y: np.ndarray) -> np.ndarray:
    """log(x - y) from log x and log y, without overflow; NaN or -inf where y >= x."""
    return log_x + np.log(-np.expm1(log_y - log_x))


def search_tokens_for_loss(law: Law, params: np.ndarray, log_n: np.ndarray, target: float):
    """``tokens_for_loss`` by bisection in log D, for any law that decreases in D."""
    lo = np.full(log_n.shape, LOG_D_RANGE[0])
    hi = np.full(log_n.shape, LOG_D_RANGE[1])
    n = np.exp(log_n)

    def loss(log_d):
        with np.errstate(all="ignore"):
            return law.evaluate(params, n=n, d=np.exp(log_d)).reshape(log_n.shape)

    reachable = loss(hi) < target
    for _ in range(BISECTION_STEPS):
        mid = 0.5 * (lo + hi)
        above = loss(mid) > target
        lo = np.where(above, mid, lo)
        hi = np.where(above, hi, mid)
    return np.where(reachable, hi, np.inf)
