"""Minimise many independent problems at once with numpy: batched L-BFGS, and golden-section
search for problems in one variable.

For L-BFGS, each row of ``x0`` is its own problem (a starting point, or a bootstrap resample);
rows share nothing but the vectorised evaluation, so a row's path does not depend on which other
rows are in the batch. Rows stop on their own when they converge, and later evaluations skip them.
A box is handled by projection (directions that push out of the box are cut), which is enough to
bring every row near a minimum; the fitter then polishes the best rows with SciPy's L-BFGS-B.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

# fun(x_rows, row_index) -> (f (k,), grad (k, P)); row_index says which problems the rows are.
BatchObjective = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]

ARMIJO = 1e-4
MAX_HALVINGS = 30
# Shrinks a bracket by 0.618^40 ≈ 4e-9: from a grid step to below the ~1e-8 (square root of
# machine epsilon) within which rounding, not the function, decides where a smooth minimum is.
GOLDEN_STEPS = 40


@dataclass
class BatchResult:
    x: np.ndarray  # (S, P) final points
    f: np.ndarray  # (S,) final objectives
    iterations: np.ndarray  # (S,) iterations taken
    converged: np.ndarray  # (S,) bool: stopped by a tolerance, not by the iteration limit


def _projected_gradient(x, g, lower, upper):
    blocked = ((x <= lower) & (g > 0)) | ((x >= upper) & (g < 0))
    return np.where(blocked, 0.0, g)


def batched_lbfgs(
    fun: BatchObjective,
    x0: np.ndarray,
    lower: np.ndarray | None = None,
    upper: np.ndarray | None = None,
    *,
    max_iter: int = 300,
    memory: int = 8,
    ftol: float = 1e-11,
    gtol: float = 1e-9,
) -> BatchResult:
    """Run L-BFGS with backtracking (Armijo) line search on every row of ``x0``."""
    s_count, p = x0.shape
    lower = np.full(p, -np.inf) if lower is None else lower
    upper = np.full(p, np.inf) if upper is None else upper
    x = np.clip(x0.astype(float), lower, upper)
    f, g = fun(x, np.arange(s_count))
    f = np.where(np.isfinite(f), f, np.inf)
    g = np.where(np.isfinite(g), g, 0.0)
    s_hist = np.zeros((memory, s_count, p))
    y_hist = np.zeros((memory, s_count, p))
    rho = np.zeros((memory, s_count))
    stored = np.zeros(s_count, dtype=int)  # usable history length per row
    iterations = np.zeros(s_count, dtype=int)
    converged = ~np.isfinite(f)  # rows that start outside the domain are dropped at once
    done = converged.copy()

    for _ in range(max_iter):
        active = np.flatnonzero(~done)
        if active.size == 0:
            break
        xa, fa, ga = x[active], f[active], g[active]
        direction = -_two_loop(
            ga, s_hist[:, active], y_hist[:, active], rho[:, active], stored[active]
        )
        pg = _projected_gradient(xa, ga, lower, upper)
        direction = np.where(_projected_gradient(xa, -direction, lower, upper) == 0, 0.0, direction)
        slope = np.einsum("sp,sp->s", direction, ga)
        bad = slope >= 0  # not a descent direction: restart from steepest descent
        direction[bad] = -pg[bad]
        stored[active[bad]] = 0
        first = stored[active] == 0
        step = np.where(first, np.minimum(1.0, 1.0 / np.maximum(np.abs(pg).max(1), 1e-300)), 1.0)

        x_new, f_new, g_new, accepted = _backtrack(
            fun, active, xa, fa, ga, direction, step, lower, upper
        )
        iterations[active] += 1
        ds, dg = x_new - xa, g_new - ga
        curvature = np.einsum("sp,sp->s", ds, dg)
        keep = accepted & (curvature > 1e-12 * np.einsum("sp,sp->s", dg, dg))
        rows = active[keep]
        s_hist[:, rows] = np.roll(s_hist[:, rows], 1, axis=0)
        y_hist[:, rows] = np.roll(y_hist[:, rows], 1, axis=0)
        rho[:, rows] = np.roll(rho[:, rows], 1, axis=0)
        s_hist[0, rows], y_hist[0, rows], rho[0, rows] = ds[keep], dg[keep], 1.0 / curvature[keep]
        stored[rows] = np.minimum(stored[rows] + 1, memory)

        decrease = fa - f_new
        scale = np.maximum(np.abs(fa), np.abs(f_new))
        small_step = accepted & (decrease <= ftol * np.maximum(scale, 1e-300))
        flat = np.abs(_projected_gradient(x_new, g_new, lower, upper)).max(1) <= gtol
        stalled = ~accepted
        x[active], f[active], g[active] = x_new, f_new, g_new
        newly = small_step | flat
        converged[active[newly]] = True
        done[active[newly | stalled]] = True
        # A failed line search after a quasi-Newton step is retried once as steepest descent.
        retry = stalled & ~first
        done[active[retry]] = False
        stored[active[retry]] = 0
        done[active[stalled & first]] = True
        converged[active[stalled & first & flat]] = True
    return BatchResult(x=x, f=f, iterations=iterations, converged=converged)


def _two_loop(g, s_hist, y_hist, rho, stored):
    """L-BFGS two-loop recursion for every row; rows use only their own stored pairs."""
    q = g.copy()
    memory = s_hist.shape[0]
    alphas = np.zeros((memory, g.shape[0]))
    for i in range(memory):
        use = stored > i
        alphas[i] = np.where(use, rho[i] * np.einsum("sp,sp->s", s_hist[i], q), 0.0)
        q -= alphas[i][:, None] * y_hist[i]
    has = stored > 0
    yy = np.einsum("sp,sp->s", y_hist[0], y_hist[0])
    gamma = np.where(has, 1.0 / np.maximum(rho[0] * np.where(has, yy, 1.0), 1e-300), 1.0)
    r = gamma[:, None] * q
    for i in reversed(range(memory)):
        use = stored > i
        beta = np.where(use, rho[i] * np.einsum("sp,sp->s", y_hist[i], r), 0.0)
        r += (alphas[i] - beta)[:, None] * s_hist[i]
    return r


def _backtrack(fun, index, x, f, g, direction, step, lower, upper):
    """Armijo backtracking for all rows; only rows still searching are re-evaluated."""
    x_new, f_new, g_new = x.copy(), f.copy(), g.copy()
    accepted = np.zeros(len(x), dtype=bool)
    pending = np.arange(len(x))
    for _ in range(MAX_HALVINGS):
        trial = np.clip(x[pending] + step[pending, None] * direction[pending], lower, upper)
        ft, gt = fun(trial, index[pending])
        decrease = np.einsum("sp,sp->s", g[pending], trial - x[pending])
        ok = np.isfinite(ft) & (ft <= f[pending] + ARMIJO * decrease) & np.isfinite(gt).all(1)
        ok &= np.any(trial != x[pending], axis=1)
        good = pending[ok]
        x_new[good], f_new[good], g_new[good] = trial[ok], ft[ok], gt[ok]
        accepted[good] = True
        pending = pending[~ok]
        if pending.size == 0:
            break
        step[pending] *= 0.5
    return x_new, f_new, g_new, accepted


def golden(
    fun: Callable[[np.ndarray], np.ndarray],
    lo: np.ndarray,
    hi: np.ndarray,
    steps: int = GOLDEN_STEPS,
) -> np.ndarray:
    """Golden-section minimisation of ``fun`` on [lo, hi], elementwise (a minimum per element
    of ``fun``'s output, which has the shape of its input)."""
    ratio = (np.sqrt(5.0) - 1.0) / 2.0
    a, b = lo.copy(), hi.copy()
    for _ in range(steps):
        x1, x2 = b - ratio * (b - a), a + ratio * (b - a)
        left = fun(x1) < fun(x2)
        b = np.where(left, x2, b)
        a = np.where(left, a, x1)
    return 0.5 * (a + b)
