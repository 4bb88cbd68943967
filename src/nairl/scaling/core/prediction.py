"""Predictions at new inputs, with bootstrap intervals and extrapolation warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .bootstrap import BootstrapResult, percentile_bounds
from .errors import InvalidValueError, ScalingInputError

INPUT_WORDS = {"n": "model size N", "d": "data D", "c": "compute", "unique_n": "unique N",
               "unique_d": "unique data"}


@dataclass
class Prediction:
    """Predicted values at the given inputs; ``lower``/``upper`` when a bootstrap was run."""

    inputs: dict[str, np.ndarray]
    value: np.ndarray
    lower: np.ndarray | None = None
    upper: np.ndarray | None = None
    level: float | None = None
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        out = {"inputs": {k: v.tolist() for k, v in self.inputs.items()},
               "value": self.value.tolist(), "warnings": self.warnings}
        if self.lower is not None:
            out.update(lower=self.lower.tolist(), upper=self.upper.tolist(), level=self.level)
        return out


def predict(result, level: float = 0.95, **inputs) -> Prediction:
    """The law at new inputs (``n=, d=`` or ``c=``, or the curve variable).

    ``result`` is a FitResult, a BootstrapResult (adds percentile intervals) or a
    ``(law, params)`` pair for published parameters (no data range, so no warnings).
    """
    if isinstance(result, tuple):
        law, params, ranges = result[0], result[0].params_array(result[1]), {}
    else:
        fit = result.fit if isinstance(result, BootstrapResult) else result
        law, params, ranges = fit.law, fit.law.params_array(fit.params), fit.input_ranges
    needed = [k for k in law.inputs if k not in ("unique_n", "unique_d")]
    missing = [k for k in needed if inputs.get(k) is None]
    if missing:
        raise ScalingInputError(
            f"law '{law.name}' predicts from {', '.join(needed)}; missing {', '.join(missing)}"
        )
    arrays = {k: np.atleast_1d(np.asarray(v, dtype=float)) for k, v in inputs.items()
              if v is not None}
    _check_positive(arrays)
    shape = np.broadcast_shapes(*(a.shape for a in arrays.values()))
    arrays = {k: np.broadcast_to(a, shape).copy() for k, a in arrays.items()}
    value = law.evaluate(params, **arrays).reshape(shape)
    out = Prediction(inputs=arrays, value=value,
                     warnings=extrapolation_warnings(ranges, arrays))
    if isinstance(result, BootstrapResult):
        draws = law.evaluate_many(result.valid, **arrays)
        lower, upper = percentile_bounds(draws, level)
        out.lower, out.upper, out.level = lower.reshape(shape), upper.reshape(shape), level
    return out


def _check_positive(arrays: dict[str, np.ndarray]) -> None:
    for key, values in arrays.items():
        bad = ~np.isfinite(values) | (values <= 0)
        if bad.any():
            raise InvalidValueError(
                f"{INPUT_WORDS.get(key, key)} must be positive and finite; got {values[bad][0]!r}"
            )


def extrapolation_warnings(
    ranges: dict[str, tuple[float, float]], inputs: dict[str, np.ndarray]
) -> list[str]:
    """One line per input that leaves the fitted range, saying by how much."""
    warnings = []
    for key, values in inputs.items():
        if key not in ranges:
            continue
        lo, hi = ranges[key]
        word = INPUT_WORDS.get(key, key)
        top, bottom = float(values.max()), float(values.min())
        if top > hi * (1 + 1e-9):
            warnings.append(f"{word} {top:.3g} is {top / hi:.3g}× above the largest run "
                            f"({hi:.3g}): extrapolation")
        if bottom < lo * (1 - 1e-9):
            warnings.append(f"{word} {bottom:.3g} is {lo / bottom:.3g}× below the smallest run "
                            f"({lo:.3g}): extrapolation")
    return warnings
