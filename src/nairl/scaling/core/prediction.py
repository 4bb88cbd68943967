"""Predictions at new inputs, with bootstrap intervals and extrapolation warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .bootstrap import BootstrapResult, percentile_bounds
from .errors import InvalidValueError, ScalingInputError

INPUT_WORDS = {
    "n": "model size N",
    "d": "data D",
    "c": "compute",
    "unique_n": "unique N",
    "unique_d": "unique data",
}


@dataclass(frozen=True)
class Extrapolation:
    """An input outside the fitted runs: ``value`` is ``factor``× beyond ``limit``. Kept as
    numbers, so that an interface can word it in its reader's language."""

    quantity: str  # a run field: n, d, c, unique_n, unique_d
    value: float
    limit: float
    above: bool  # above the largest run, else below the smallest

    @property
    def factor(self) -> float:
        return self.value / self.limit if self.above else self.limit / self.value

    @property
    def text(self) -> str:
        word = INPUT_WORDS.get(self.quantity, self.quantity)
        side = "above the largest" if self.above else "below the smallest"
        return (
            f"{word} {self.value:.3g} is {self.factor:.3g}× {side} run ({self.limit:.3g}): "
            "extrapolation"
        )

    def to_dict(self) -> dict:
        return {
            "quantity": self.quantity,
            "value": self.value,
            "limit": self.limit,
            "above": self.above,
        }


@dataclass
class Prediction:
    """Predicted values at the given inputs; ``lower``/``upper`` when a bootstrap was run."""

    inputs: dict[str, np.ndarray]
    value: np.ndarray
    lower: np.ndarray | None = None
    upper: np.ndarray | None = None
    level: float | None = None
    extrapolations: list[Extrapolation] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """The extrapolations in English, one line each."""
        return [e.text for e in self.extrapolations]

    def to_dict(self) -> dict:
        out = {
            "inputs": {k: v.tolist() for k, v in self.inputs.items()},
            "value": self.value.tolist(),
            "warnings": self.warnings,
            "extrapolations": [e.to_dict() for e in self.extrapolations],
        }
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
    arrays = {
        k: np.atleast_1d(np.asarray(v, dtype=float)) for k, v in inputs.items() if v is not None
    }
    _check_positive(arrays)
    shape = np.broadcast_shapes(*(a.shape for a in arrays.values()))
    arrays = {k: np.broadcast_to(a, shape).copy() for k, a in arrays.items()}
    value = law.evaluate(params, **arrays).reshape(shape)
    out = Prediction(inputs=arrays, value=value, extrapolations=extrapolations(ranges, arrays))
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


def extrapolations(
    ranges: dict[str, tuple[float | None, float | None] | None], inputs: dict[str, np.ndarray]
) -> list[Extrapolation]:
    """Each input that leaves the fitted range (``(low, high)`` per field; None for a side or a
    field not known), and by how much."""
    found = []
    for key, values in inputs.items():
        low, high = ranges.get(key) or (None, None)
        top, bottom = float(np.max(values)), float(np.min(values))
        if high is not None and top > high * (1 + 1e-9):
            found.append(Extrapolation(key, top, high, above=True))
        if low is not None and bottom < low * (1 - 1e-9):
            found.append(Extrapolation(key, bottom, low, above=False))
    return found
