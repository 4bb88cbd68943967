"""Compute-optimal allocation of a budget between parameters N and tokens D.

Works for any law in (N, D) by a dense search in log N along the budget line followed by a
golden-section refinement, vectorised over budgets. ``serving_optimal`` adds inference: a model
serving T tokens over its life costs about 2·N·T more FLOPs, so the cheapest model that reaches
a target loss is smaller and trained longer than the compute-optimal one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .bootstrap import BootstrapResult, percentile_bounds
from .errors import ScalingInputError
from .fitting import FitResult
from .laws import Law
from .runs import FLOPS_PER_PARAM_TOKEN

INFERENCE_FLOPS_PER_PARAM_TOKEN = 2.0
GRID_POINTS = 801
GOLDEN_STEPS = 60
LOG_N_SPAN = 23.0  # search N within e^±23 of sqrt(C/6) along the budget line
LOG_N_RANGE = (np.log(1e3), np.log(1e16))  # models considered for a loss target
LOG_D_RANGE = (0.0, np.log(1e22))
LOG_C_RANGE = (0.0, np.log(1e60))  # budgets searched for a loss target; beyond: unreachable


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
        out = {"compute": self.compute.tolist(), "n_opt": self.n.tolist(),
               "d_opt": self.d.tolist(), "tokens_per_param": self.tokens_per_param.tolist(),
               "loss": self.loss.tolist()}
        if self.intervals:
            out["level"] = self.level
            out["intervals"] = {k: [lo.tolist(), hi.tolist()]
                                for k, (lo, hi) in self.intervals.items()}
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
        return {"target_loss": self.target_loss, "inference_tokens": self.inference_tokens,
                "n": self.n, "d": self.d, "tokens_per_param": self.d / self.n,
                "training_flops": self.training_flops, "inference_flops": self.inference_flops,
                "total_flops": self.total_flops,
                "compute_optimal": {"n": float(self.compute_optimal.n[0]),
                                    "d": float(self.compute_optimal.d[0]),
                                    "training_flops": float(self.compute_optimal.compute[0])}}


def _law_and_params(result) -> tuple[Law, np.ndarray]:
    fit = result.fit if isinstance(result, BootstrapResult) else result
    if isinstance(fit, FitResult):
        law, params = fit.law, fit.law.params_array(fit.params)
    else:
        law, params = fit[0], fit[0].params_array(fit[1])
    if not {"n", "d"} <= set(law.inputs):
        raise ScalingInputError(
            f"law '{law.name}' does not separate N and D; allocation needs a law in N and D "
            "(chinchilla, kaplan, data_constrained)"
        )
    return law, params


def optimal_for_params(law: Law, params: np.ndarray, compute: np.ndarray):
    """(n, d, loss) minimising L(N, C/(6N)) for each budget in ``compute``."""
    log_c6 = np.log(compute / FLOPS_PER_PARAM_TOKEN)[:, None]

    def loss_at(log_n):
        n = np.exp(log_n)
        d = np.exp(log_c6 - log_n)
        with np.errstate(all="ignore"):
            values = law.evaluate(params, n=n, d=d).reshape(n.shape)
        return np.where(np.isfinite(values), values, np.inf)

    offsets = np.linspace(-LOG_N_SPAN, LOG_N_SPAN, GRID_POINTS)
    log_n = 0.5 * log_c6 + offsets[None, :]
    best = np.argmin(loss_at(log_n), axis=1)
    step = offsets[1] - offsets[0]
    centre = np.take_along_axis(log_n, best[:, None], axis=1)
    log_n_opt = _golden(loss_at, centre - step, centre + step)
    n = np.exp(log_n_opt[:, 0])
    d = compute / (FLOPS_PER_PARAM_TOKEN * n)
    return n, d, loss_at(log_n_opt)[:, 0]


def _golden(fun, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Golden-section minimisation of ``fun`` on [lo, hi], elementwise."""
    ratio = (np.sqrt(5.0) - 1.0) / 2.0
    a, b = lo.copy(), hi.copy()
    for _ in range(GOLDEN_STEPS):
        x1, x2 = b - ratio * (b - a), a + ratio * (b - a)
        left = fun(x1) < fun(x2)
        b = np.where(left, x2, b)
        a = np.where(left, a, x1)
    return 0.5 * (a + b)


def compute_optimal(result, compute, level: float = 0.95) -> Allocation:
    """N_opt(C), D_opt(C) and loss for budgets ``compute`` (FLOPs).

    ``result`` is a FitResult, a BootstrapResult (adds percentile intervals) or a
    ``(law, params)`` pair for published parameters.
    """
    law, params = _law_and_params(result)
    compute = np.atleast_1d(np.asarray(compute, dtype=float))
    if not (np.isfinite(compute).all() and (compute > 0).all()):
        raise ScalingInputError("compute budgets must be positive, finite FLOP counts")
    n, d, loss = optimal_for_params(law, params, compute)
    out = Allocation(compute=compute, n=n, d=d, loss=loss)
    if isinstance(result, BootstrapResult):
        draws = [optimal_for_params(law, p, compute) for p in result.valid]
        stacked = {"n": np.array([x[0] for x in draws]), "d": np.array([x[1] for x in draws]),
                   "loss": np.array([x[2] for x in draws])}
        stacked["tokens_per_param"] = stacked["d"] / stacked["n"]
        out.intervals = {k: percentile_bounds(v, level) for k, v in stacked.items()}
        out.level = level
    return out


def exponent(result, compute_low: float = 1e20, compute_high: float = 1e24) -> float:
    """Local exponent a of N_opt ∝ C^a between two budgets."""
    law, params = _law_and_params(result)
    n, _, _ = optimal_for_params(law, params, np.array([compute_low, compute_high]))
    return float(np.log(n[1] / n[0]) / np.log(compute_high / compute_low))


def serving_optimal(result, target_loss: float, inference_tokens: float) -> ServingAllocation:
    """The (N, D) minimising 6ND + 2NT subject to L(N, D) = target_loss."""
    law, params = _law_and_params(result)
    if not (np.isfinite(target_loss) and target_loss > 0):
        raise ScalingInputError(f"target loss must be positive, got {target_loss}")
    if not (np.isfinite(inference_tokens) and inference_tokens >= 0):
        raise ScalingInputError(f"inference tokens must be >= 0, got {inference_tokens}")

    def cost(log_n):
        log_d = _tokens_for_loss(law, params, log_n, target_loss)
        n = np.exp(log_n)
        return FLOPS_PER_PARAM_TOKEN * n * np.exp(log_d) + (
            INFERENCE_FLOPS_PER_PARAM_TOKEN * n * inference_tokens)

    log_n = np.linspace(*LOG_N_RANGE, GRID_POINTS)
    costs = cost(log_n)
    if not np.isfinite(costs).any():
        raise ScalingInputError(
            f"no model size reaches loss {target_loss:g} under this law (its floor is higher)"
        )
    best = int(np.argmin(costs))
    step = log_n[1] - log_n[0]
    centre = np.array([log_n[best]])
    opt = _golden(cost, centre - step, centre + step)
    n = float(np.exp(opt[0]))
    d = float(np.exp(_tokens_for_loss(law, params, opt, target_loss)[0]))
    train_only = _compute_optimal_for_loss(law, params, target_loss)
    return ServingAllocation(
        target_loss=float(target_loss), inference_tokens=float(inference_tokens), n=n, d=d,
        training_flops=FLOPS_PER_PARAM_TOKEN * n * d,
        inference_flops=INFERENCE_FLOPS_PER_PARAM_TOKEN * n * inference_tokens,
        compute_optimal=train_only,
    )


def _tokens_for_loss(law: Law, params: np.ndarray, log_n: np.ndarray, target: float):
    """log D with L(N, D) = target for each log N (inf where unreachable), by bisection."""
    lo = np.full(log_n.shape, LOG_D_RANGE[0])
    hi = np.full(log_n.shape, LOG_D_RANGE[1])
    n = np.exp(log_n)

    def loss(log_d):
        with np.errstate(all="ignore"):
            return law.evaluate(params, n=n, d=np.exp(log_d)).reshape(log_n.shape)

    reachable = loss(hi) < target
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        above = loss(mid) > target
        lo = np.where(above, mid, lo)
        hi = np.where(above, hi, mid)
    return np.where(reachable, hi, np.inf)


def _compute_optimal_for_loss(law: Law, params: np.ndarray, target: float) -> Allocation:
    """The compute-optimal allocation whose loss is ``target`` (training cost only)."""
    budget = compute_for_loss(law, params, np.array([target]))
    n, d, loss = optimal_for_params(law, params, budget)
    return Allocation(compute=budget, n=n, d=d, loss=loss)


def loss_frontier(law: Law, params: np.ndarray, compute: np.ndarray) -> np.ndarray:
    """Best loss reachable with each budget: the law itself for a law in C, else the optimum."""
    if law.inputs == ("c",):
        return law.evaluate(params, c=compute)
    return optimal_for_params(law, params, compute)[2]


def compute_for_loss(law: Law, params: np.ndarray, loss: np.ndarray) -> np.ndarray:
    """Smallest budget whose frontier loss reaches ``loss`` (inf below the law's floor)."""
    lo = np.full(loss.shape, LOG_C_RANGE[0])
    hi = np.full(loss.shape, LOG_C_RANGE[1])
    reachable = loss_frontier(law, params, np.exp(hi)) < loss
    for _ in range(70):
        mid = 0.5 * (lo + hi)
        above = loss_frontier(law, params, np.exp(mid)) > loss
        lo = np.where(above, mid, lo)
        hi = np.where(above, hi, mid)
    return np.where(reachable, np.exp(hi), np.inf)
