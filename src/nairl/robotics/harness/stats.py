"""Confidence intervals for success rates and their macro-averages.

Every figure the harness reports carries a 95% interval. Success rates use the Wilson score
interval, which stays inside [0, 1] and behaves at 0% and 100% where the normal approximation
collapses to a zero-width interval.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Z95 = 1.959963984540054  # two-sided 95% standard normal quantile


@dataclass(frozen=True)
class Estimate:
    """A mean in [0, 1] with its 95% interval and the (effective) number of trials behind it."""

    mean: float
    low: float
    high: float
    n: float

    def to_dict(self) -> dict[str, float]:
        return {"mean": self.mean, "low": self.low, "high": self.high, "n": self.n}


def wilson_interval(successes: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion of `successes` out of `n` trials.

    `successes` may be fractional: for a mean of scores bounded in [0, 1] the variance is at most
    p(1 - p), so the interval is conservative there and exact in form for binary outcomes.
    """
    if n <= 0:
        return 0.0, 1.0
    if not 0 <= successes <= n:
        raise ValueError(f"successes must lie in [0, n], got {successes} of {n}")
    p = successes / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    # At 0/n and n/n the bound is exactly 0 or 1; computing it would leave float round-off.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high


def proportion(successes: float, n: float) -> Estimate:
    """The mean of `n` scores in [0, 1] summing to `successes`, with its Wilson interval."""
    low, high = wilson_interval(successes, n)
    return Estimate(successes / n if n else 0.0, low, high, float(n))


def macro_average(parts: Sequence[Estimate]) -> Estimate:
    """Unweighted mean of several estimates (tasks of a capability, capabilities overall).

    The parts are independent, so the variance of their mean is sum(p(1-p)/n) / k². The interval
    is the Wilson interval at the effective sample size that gives this variance, capped at the
    real number of trials so that a macro-average never claims more evidence than it has.
    """
    if not parts:
        return Estimate(0.0, 0.0, 1.0, 0.0)
    k = len(parts)
    mean = sum(p.mean for p in parts) / k
    total_n = sum(p.n for p in parts)
    if any(p.n <= 0 for p in parts):
        return Estimate(mean, 0.0, 1.0, 0.0)
    variance = sum(p.mean * (1 - p.mean) / p.n for p in parts) / (k * k)
    n_eff = total_n
    if variance > 0 and 0 < mean < 1:
        n_eff = min(total_n, mean * (1 - mean) / variance)
    low, high = wilson_interval(mean * n_eff, n_eff)
    return Estimate(mean, low, high, n_eff)


def difference_interval(a: Estimate, b: Estimate) -> tuple[float, float]:
    """95% interval of a.mean - b.mean (Newcombe's hybrid score method, built on Wilson)."""
    d = a.mean - b.mean
    lower = d - math.sqrt((a.mean - a.low) ** 2 + (b.high - b.mean) ** 2)
    upper = d + math.sqrt((a.high - a.mean) ** 2 + (b.mean - b.low) ** 2)
    return max(-1.0, lower), min(1.0, upper)


def mean_interval(values: Sequence[float], z: float = Z95) -> tuple[float, float, float]:
    """Mean of unbounded values (e.g. position errors) with a normal-approximation interval."""
    n = len(values)
    if n == 0:
        return math.nan, math.nan, math.nan
    mean = sum(values) / n
    if n == 1:
        return mean, math.nan, math.nan
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    half = z * sd / math.sqrt(n)
    return mean, mean - half, mean + half
