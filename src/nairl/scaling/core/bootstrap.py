"""Bootstrap over runs: refit on resampled runs for percentile intervals.

Resamples are drawn up front from one seeded generator and cut into fixed-size chunks; chunks go
to worker processes, and each resample is fitted on its own (a row of the batched optimiser,
then polished if it did not converge there), so the result does not depend on the number of
workers. A resample is the full run set with integer weights (how often each run was drawn).
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from .errors import ScalingInputError
from .fitting import DEFAULT_HUBER_DELTA, FitResult, Objective, fit, polish, prepare
from .laws import Law
from .optimize import batched_lbfgs
from .runs import Runs

CHUNK = 50  # resamples per task; fixed so that results do not depend on the worker count


@dataclass
class BootstrapResult:
    """The full-data fit plus parameter draws from refits on resampled runs."""

    fit: FitResult
    samples: np.ndarray  # (B, P) natural parameters; rows of failed refits are NaN
    seed: int
    n_failed: int
    flags: list[str] = field(default_factory=list)

    @property
    def law(self) -> Law:
        return self.fit.law

    @property
    def valid(self) -> np.ndarray:
        return self.samples[np.isfinite(self.samples).all(axis=1)]

    def intervals(self, level: float = 0.95) -> dict[str, tuple[float, float]]:
        """Percentile interval of each parameter."""
        lo, hi = percentile_bounds(self.valid, level)
        return {
            name: (float(a), float(b))
            for name, a, b in zip(self.law.param_names, lo, hi, strict=True)
        }

    def to_dict(self, level: float = 0.95) -> dict:
        return {
            **self.fit.to_dict(),
            "bootstrap": {
                "resamples": len(self.samples),
                "failed": self.n_failed,
                "seed": self.seed,
                "level": level,
                "flags": self.flags,
            },
            "intervals": {k: list(v) for k, v in self.intervals(level).items()},
        }


def percentile_bounds(values: np.ndarray, level: float, axis: int = 0):
    """Lower and upper percentile bounds of a central ``level`` interval."""
    if not 0 < level < 1:
        raise ScalingInputError(f"interval level must be between 0 and 1, got {level}")
    tail = 50.0 * (1.0 - level)
    return np.percentile(values, tail, axis=axis), np.percentile(values, 100 - tail, axis=axis)


def percentile_interval(values: np.ndarray, level: float) -> tuple[float, float]:
    """``percentile_bounds`` of one sample (numpy's linear interpolation) by ``np.interp``,
    which keeps a bound next to an infinite value infinite where ``np.percentile`` gives NaN."""
    tail = 50.0 * (1.0 - level)
    position = np.array([tail, 100.0 - tail]) / 100.0 * (len(values) - 1)
    lo, hi = np.interp(position, np.arange(len(values)), np.sort(values))
    return float(lo), float(hi)


def resample_weights(n_runs: int, n_resamples: int, seed: int) -> np.ndarray:
    """(B, M) counts of each run in each resample, from one seeded generator."""
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n_runs, size=(n_resamples, n_runs))
    return np.stack([np.bincount(row, minlength=n_runs) for row in draws]).astype(float)


def bootstrap(
    law: Law,
    runs: Runs,
    n_resamples: int = 1000,
    *,
    seed: int = 0,
    workers: int = 1,
    huber_delta: float | None = DEFAULT_HUBER_DELTA,
    full_fit: FitResult | None = None,
) -> BootstrapResult:
    """Fit ``law`` on all runs (unless ``full_fit`` is given) and on ``n_resamples`` resamples."""
    if n_resamples < 1:
        raise ScalingInputError(f"need at least one bootstrap resample, got {n_resamples}")
    if workers < 1:
        raise ScalingInputError(f"workers must be at least 1, got {workers}")
    full = full_fit or fit(law, runs, huber_delta=huber_delta)
    weights = resample_weights(len(runs), n_resamples, seed)
    chunks = [weights[i : i + CHUNK] for i in range(0, n_resamples, CHUNK)]
    task = (law, runs, huber_delta, full.theta)
    if workers == 1 or len(chunks) == 1:
        parts = [refit_chunk(task, chunk) for chunk in chunks]
    else:
        with ProcessPoolExecutor(max_workers=min(workers, len(chunks))) as pool:
            parts = list(pool.map(refit_chunk, [task] * len(chunks), chunks))
    thetas = np.concatenate([p[0] for p in parts])
    ok = np.concatenate([p[1] for p in parts])
    samples = np.where(ok[:, None], law.to_params(thetas), np.nan)
    n_failed = int((~ok).sum())
    flags = []
    if n_failed:
        flags.append(
            f"{n_failed} of {n_resamples} bootstrap refits did not converge; "
            "intervals use the others"
        )
    return BootstrapResult(fit=full, samples=samples, seed=seed, n_failed=n_failed, flags=flags)


def refit_chunk(task, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Refit each weighted resample from the full-data optimum; (thetas, converged)."""
    law, runs, huber_delta, theta0 = task
    x, log_y = prepare(law, runs)
    objective = Objective(law, x, log_y, huber_delta, weights)
    lower, upper = law.bounds(x, log_y)
    start = np.repeat(theta0[None, :], len(weights), axis=0)
    batch = batched_lbfgs(objective, start, lower, upper, max_iter=300)
    thetas, ok = batch.x.copy(), batch.converged.copy()
    for row in np.flatnonzero(~ok):
        thetas[row], _, ok[row], _ = polish(objective, batch.x[row], lower, upper, problem=row)
    return thetas, ok
