"""Serving-aware allocation on a fit's page: the model to train for a target loss when it will
also serve T tokens, next to the training-only (compute-optimal) model reaching the same loss.

Training costs about 6·N·D FLOPs and serving T tokens about 2·N·T more, so when T is large a
smaller model trained on more tokens reaches the same loss for less in total. The research core
computes both allocations (`allocation.serving_optimal`, `allocation.compute_optimal`) and the
predicted losses with their extrapolation warnings (`prediction.predict`) from the stored fit's
parameters; this module rebuilds that fit from its stored summary, refuses what the law cannot
answer (a loss at or below its floor, a model outside the sizes the core searches) and says
where the answer lies beyond the runs, by how much. Point estimates: a stored fit keeps no
bootstrap draws, so there are no intervals here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _

from nairl.scaling.core import allocation as core_allocation
from nairl.scaling.core import prediction as core_prediction
from nairl.scaling.core.errors import ScalingInputError
from nairl.scaling.core.fitting import FitResult
from nairl.scaling.core.prediction import Extrapolation, predict
from nairl.scaling.core.registry import get_law

from .presenting import extrapolation_text

#: Laws in N and D, whose fits can split a budget between parameters and tokens.
ALLOCATION_LAWS = ("chinchilla", "overtraining", "kaplan", "data_constrained")
INFERENCE_FLOPS_PER_PARAM_TOKEN = core_allocation.INFERENCE_FLOPS_PER_PARAM_TOKEN
#: Model sizes (log N) and tokens the core considers for a loss target: an answer on their
#: edge is not an optimum.
LOG_N_RANGE = core_allocation.LOG_N_RANGE
EDGE = (LOG_N_RANGE[1] - LOG_N_RANGE[0]) / (core_allocation.GRID_POINTS - 1)
LOG_D_MAX = core_allocation.LOG_D_RANGE[1]  # the most tokens it considers


class PlanRefused(Exception):
    """The request cannot be answered under this fit; ``field`` is the input to change."""

    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field, self.message = field, message


@dataclass
class Model:
    """One way to reach the target: N parameters trained on D tokens, serving T tokens."""

    n: float
    d: float
    training_flops: float
    inference_flops: float
    loss: float  # predicted by the fitted law at (N, D)

    @property
    def total_flops(self) -> float:
        return self.training_flops + self.inference_flops

    @property
    def tokens_per_param(self) -> float:
        return self.d / self.n


@dataclass
class ServingPlan:
    target_loss: float
    inference_tokens: float
    compute: float | None  # the budget the target loss came from, when one was given
    serving: Model  # least total compute (training + inference) for the target loss
    training_only: Model  # compute-optimal for the target loss, ignoring inference
    extrapolations: list[Extrapolation] = field(default_factory=list)

    @property
    def extrapolation_notes(self) -> list[str]:
        return [extrapolation_text(**e.to_dict()) for e in self.extrapolations]

    @property
    def saving(self) -> float:
        """Share of the training-only model's total compute that the serving-aware one saves."""
        return max(0.0, 1.0 - self.serving.total_flops / self.training_only.total_flops)

    @property
    def saving_percent(self) -> float:
        return 100.0 * self.saving

    @property
    def size_ratio(self) -> float:
        """How many times smaller the serving-aware model is."""
        return self.training_only.n / self.serving.n

    @property
    def token_ratio(self) -> float:
        """How many times more tokens the serving-aware model is trained on."""
        return self.serving.d / self.training_only.d


def allocates(summary: dict | None) -> bool:
    """Whether a stored fit summary can answer allocation questions (a done fit of a law in N
    and D, with its parameters and input ranges)."""
    return (
        bool(summary)
        and summary.get("law") in ALLOCATION_LAWS
        and isinstance(summary.get("params"), list)
        and isinstance(summary.get("input_ranges"), dict)
    )


def stored_fit(summary: dict) -> FitResult:
    """The core's FitResult rebuilt from a stored summary (`analysis.fit_summary`): the law, its
    parameters and the ranges of the runs, which is what allocation and prediction read."""
    law = get_law(summary["law"])
    params = {row["name"]: float(row["value"]) for row in summary["params"]}
    theta = law.to_theta(law.params_array(params))
    return FitResult(
        law=law,
        params=params,
        theta=theta,
        objective=float(summary.get("objective", math.nan)),
        residuals=np.empty(0),
        n_points=int(summary.get("n_points", 0)),
        converged=bool(summary.get("converged", True)),
        flags=list(summary.get("flags", [])),
        settings=dict(summary.get("settings", {})),
        input_ranges={
            k: (float(lo), float(hi)) for k, (lo, hi) in summary.get("input_ranges", {}).items()
        },
    )


def loss_floor(fit: FitResult) -> float:
    """The loss no model reaches: E for Chinchilla-type laws, 0 for Kaplan's."""
    return float(fit.params.get("E", 0.0))


def compute_range(summary: dict) -> tuple[float | None, float | None]:
    """The smallest and largest compute among the fitted runs (only the largest for fits stored
    before the range was kept: the first prediction is at the largest run)."""
    if summary.get("axis") == "c" and summary.get("axis_range"):
        low, high = summary["axis_range"]
        return float(low), float(high)
    rows = summary.get("predictions") or []
    return None, (float(rows[0]["x"]) if rows and summary.get("axis") == "c" else None)


def serving_plan(
    summary: dict,
    *,
    inference_tokens: float,
    target_loss: float | None = None,
    compute: float | None = None,
) -> ServingPlan:
    """The serving-aware and training-only models reaching ``target_loss`` (or, given
    ``compute``, the loss that budget buys at the compute-optimal allocation)."""
    fit = stored_fit(summary)
    field_name = "target_loss" if compute is None else "compute"
    if compute is not None:
        optimum = core_allocation.compute_optimal(fit, compute)
        target_loss = float(optimum.loss[0])
    floor = loss_floor(fit)
    if target_loss <= floor:
        raise PlanRefused(
            "target_loss",
            _(
                "The target loss must be above this fit's irreducible loss E = %(floor)s: no model "
                "size or amount of data gets below it."
            )
            % {"floor": f"{floor:.4g}"},
        )
    try:
        served = core_allocation.serving_optimal(fit, float(target_loss), float(inference_tokens))
    except ScalingInputError:
        if compute is not None:
            raise PlanRefused(
                "compute",
                _(
                    "No model the allocation considers (up to 10¹⁶ parameters and 10²² tokens) "
                    "reaches the loss this budget buys under the fitted law. Choose a smaller "
                    "budget."
                ),
            ) from None
        raise PlanRefused(
            "target_loss",
            _(
                "No model the allocation considers (up to 10¹⁶ parameters and 10²² tokens) reaches "
                "this loss under the fitted law. Choose a higher target loss."
            ),
        ) from None
    if compute is None:
        optimum = served.compute_optimal
    if not (np.isfinite(optimum.compute[0]) and np.isfinite(served.training_flops)):
        raise PlanRefused(
            field_name,
            _(
                "The fitted law reaches this loss only with an unbounded budget. Choose a higher "
                "target loss."
            ),
        )
    inside = all(
        LOG_N_RANGE[0] + EDGE < math.log(n) < LOG_N_RANGE[1] - EDGE
        for n in (served.n, float(optimum.n[0]))
    )
    if not inside or math.log(served.d) > LOG_D_MAX - 1e-3:
        raise PlanRefused(
            field_name,
            _(
                "The answer lies at the edge of what the allocation considers (10³ to 10¹⁶ "
                "parameters, up to 10²² tokens), so it is not a real optimum. Ask for something "
                "closer to the runs."
            ),
        )
    sizes = np.array([served.n, float(optimum.n[0])])
    tokens = np.array([served.d, float(optimum.d[0])])
    prediction = predict(fit, n=sizes, d=tokens)
    serving = Model(
        n=served.n,
        d=served.d,
        training_flops=served.training_flops,
        inference_flops=served.inference_flops,
        loss=float(prediction.value[0]),
    )
    trained = float(compute if compute is not None else optimum.compute[0])
    training_only = Model(
        n=sizes[1],
        d=tokens[1],
        training_flops=trained,
        inference_flops=INFERENCE_FLOPS_PER_PARAM_TOKEN * sizes[1] * inference_tokens,
        loss=float(prediction.value[1]),
    )
    return ServingPlan(
        target_loss=float(target_loss),
        inference_tokens=float(inference_tokens),
        compute=compute,
        serving=serving,
        training_only=training_only,
        extrapolations=core_prediction.extrapolations(
            {
                "n": fit.input_ranges.get("n"),
                "d": fit.input_ranges.get("d"),
                "c": compute_range(summary),
            },
            {"n": sizes, "d": tokens, "c": np.array([trained])},
        ),
    )
