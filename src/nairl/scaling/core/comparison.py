"""Does a method beat the baseline's scaling law, and by how much compute?

The baseline law is fitted with a bootstrap. The estimate is the effective-compute multiplier on
frontiers (``effective_compute``): k(C) = C_b(L_m*(C)) / C, the baseline compute that reaches the
loss the method reaches optimally with C, over C, on budgets over the method runs' compute range,
summarised by its geometric mean. The method beats the law when the whole interval of that
summary lies above 1.

Kept as a diagnostic, labelled so: each method run's own ratio, the baseline frontier's compute
for the run's loss over the compute the run used, with the geometric mean over runs and its
interval (each baseline bootstrap draw paired with a resample of the method runs). A run that is
not compute-optimal itself (a point of an isoFLOP sweep, a small model trained long) has a worse
loss than the method's frontier at its compute, so this ratio is biased low off the frontier.
The baseline's compute for each method loss is found for all draws at once
(``frontier.compute_for_loss_many``), so a resample is only an index into that (draws, runs)
table. A method loss at or below a draw's floor has no finite compute: its ratio is infinite, and
so are the resampled means that include it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .bootstrap import BootstrapResult, bootstrap, percentile_bounds, percentile_interval
from .effective_compute import FrontierMultiplier, check_law, frontier_multiplier
from .errors import ScalingInputError
from .frontier import compute_for_loss_many
from .laws import Law
from .runs import Runs


@dataclass
class Comparison:
    """Outcome of method-vs-baseline, with per-run detail and verdicts in English and Korean."""

    method: str
    frontier: FrontierMultiplier  # k(C) on budgets, and its summary
    level: float
    run_multipliers: np.ndarray  # diagnostic: each method run's own ratio (biased low off the
    run_interval: tuple[float, float]  # frontier), and the interval of their geometric mean
    run_gap: np.ndarray  # log(method loss) - log(baseline prediction) per method run
    runs_below_interval: int  # method runs below the baseline's prediction interval
    baseline: BootstrapResult
    flags: list[str] = field(default_factory=list)

    @property
    def multiplier(self) -> float:
        """> 1: the method needs less compute than the baseline law (summary of k(C))."""
        return self.frontier.summary

    @property
    def interval(self) -> tuple[float, float]:
        return self.frontier.interval

    @property
    def beats_baseline(self) -> bool:
        return bool(self.interval[0] > 1.0)

    @property
    def worse_than_baseline(self) -> bool:
        return bool(self.interval[1] < 1.0)

    @property
    def run_multiplier(self) -> float:
        """Diagnostic: the geometric mean of the per-run ratios."""
        return _geometric_mean(self.run_multipliers)

    @property
    def verdict_en(self) -> str:
        lo, hi = self.interval
        pct = f"{self.level:.0%}"
        if self.beats_baseline:
            return (
                f"method {self.method} reaches the baseline's loss with "
                f"{_x(self.multiplier)}× less compute, {pct} interval {_x(lo)}–{_x(hi)}×"
            )
        if self.worse_than_baseline:
            return (
                f"method {self.method} needs {_x(1 / self.multiplier)}× more compute than "
                f"the baseline for the same loss, {pct} interval {_x(1 / hi)}–{_x(1 / lo)}×"
            )
        return (
            f"method {self.method} is not distinguishable from the baseline law: compute "
            f"multiplier {_x(self.multiplier)}×, {pct} interval {_x(lo)}–{_x(hi)}× includes 1"
        )

    @property
    def verdict_ko(self) -> str:
        lo, hi = self.interval
        pct = f"{self.level:.0%}"
        if self.beats_baseline:
            return (
                f"방법 {self.method}은(는) 기준선의 손실에 {_x(self.multiplier)}배 "
                f"적은 연산량으로 도달합니다 ({pct} 구간 {_x(lo)}–{_x(hi)}배)"
            )
        if self.worse_than_baseline:
            return (
                f"방법 {self.method}은(는) 같은 손실에 기준선보다 "
                f"{_x(1 / self.multiplier)}배 많은 연산량이 필요합니다 "
                f"({pct} 구간 {_x(1 / hi)}–{_x(1 / lo)}배)"
            )
        return (
            f"방법 {self.method}은(는) 기준선 법칙과 구별되지 않습니다: 연산량 배수 "
            f"{_x(self.multiplier)}배, {pct} 구간 {_x(lo)}–{_x(hi)}배가 1을 포함합니다"
        )

    def verdict(self, lang: str = "en") -> str:
        return self.verdict_ko if lang == "ko" else self.verdict_en

    def to_dict(self) -> dict:
        return {
            "method": self.method,
            "multiplier": self.multiplier,
            "interval": list(self.interval),
            "level": self.level,
            "beats_baseline": self.beats_baseline,
            "worse_than_baseline": self.worse_than_baseline,
            "estimand": "frontier",
            "frontier": self.frontier.to_dict(),
            "per_run_diagnostic": {
                "multiplier": self.run_multiplier,
                "interval": list(self.run_interval),
                "run_multipliers": self.run_multipliers.tolist(),
                "note": "each method run's own ratio; biased low for runs off the method's "
                "compute-optimal frontier",
            },
            "run_log_gap": self.run_gap.tolist(),
            "runs_below_interval": self.runs_below_interval,
            "verdict_en": self.verdict_en,
            "verdict_ko": self.verdict_ko,
            "flags": self.flags,
            "baseline": self.baseline.to_dict(self.level),
        }


def _method_inputs(law: Law, runs: Runs) -> dict[str, np.ndarray]:
    needed = [k for k in law.inputs if k not in ("unique_n", "unique_d")]
    return runs.inputs(needed, law.name)


def compare(
    baseline_runs: Runs,
    method_runs: Runs,
    law: Law,
    *,
    method: str = "method",
    n_resamples: int = 1000,
    seed: int = 0,
    workers: int = 1,
    level: float = 0.95,
    baseline: BootstrapResult | None = None,
    method_model: str = "auto",
) -> Comparison:
    """Fit ``law`` to the baseline (with bootstrap) and measure the method against it;
    ``method_model`` is how the method's frontier is found (``effective_compute.MODELS``)."""
    if not method_runs.has("c"):
        raise ScalingInputError("method runs need compute C (or N and D) for a multiplier")
    check_law(law)
    boot = baseline or bootstrap(law, baseline_runs, n_resamples, seed=seed, workers=workers)
    draws = boot.valid
    if not len(draws):
        raise ScalingInputError("no bootstrap refit of the baseline converged: no interval")
    inputs = _method_inputs(law, method_runs)
    loss, compute = method_runs.value, method_runs.c
    params = law.params_array(boot.fit.params)
    needed = compute_for_loss_many(law, np.vstack([params, draws]), loss)
    run_mult = needed[0] / compute
    predicted = law.evaluate(params, **inputs)
    gap = np.log(loss) - np.log(predicted)

    lower_pred = percentile_bounds(law.evaluate_many(draws, **inputs), level)[0]
    # one row of run indices per draw, from the same stream as drawing them one draw at a time
    picks = np.random.default_rng(seed + 1).integers(0, len(loss), (len(draws), len(loss)))
    log_mult = np.log(needed[1:] / compute)
    summary = np.exp(np.take_along_axis(log_mult, picks, axis=1).mean(axis=1))
    frontier = frontier_multiplier(
        law,
        params,
        draws,
        method_runs,
        model=method_model,
        seed=seed,
        level=level,
        huber_delta=boot.fit.settings.get("huber_delta"),
        workers=workers,
    )
    flags = [*boot.flags, *frontier.flags]
    if np.isinf(run_mult).any():
        flags.append(
            "some method runs are below the baseline law's floor: the baseline never "
            "reaches their loss"
        )
    if np.isinf(summary).any():
        flags.append(
            f"{int(np.isinf(summary).sum())} of {len(summary)} resamples include a "
            "method run below that baseline draw's floor: their per-run multiplier is infinite"
        )
    return Comparison(
        method=method,
        frontier=frontier,
        level=level,
        run_multipliers=run_mult,
        run_interval=percentile_interval(summary, level),
        run_gap=gap,
        runs_below_interval=int((loss < lower_pred).sum()),
        baseline=boot,
        flags=flags,
    )


def _x(value: float) -> str:
    """A multiplier for a sentence: one decimal below 100 (3.1), three digits above (1.2e+03)."""
    return f"{value:.1f}" if value < 100 else f"{value:.3g}"


def _geometric_mean(values: np.ndarray) -> float:
    return float(np.exp(np.mean(np.log(values))))
