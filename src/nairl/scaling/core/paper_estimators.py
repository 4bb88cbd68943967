"""The M3 and M4 estimators of Alabdulmohsin et al. 2022, run as their paper runs them, on many
curves at once.

The Revisiting benchmark's reference table was made with these procedures, not with a global
least-squares optimum, and they extrapolate differently, so the benchmark reproduces them step
for step to compare like with like:

* M3 alternates a linear regression of log e on log(1/x + g) for (b, c), with c >= 0, and a
  choice of g among the values that make one point fit exactly (the best one that lowers the
  objective), until b moves by less than ``STOP``.
* M4 alternates a non-negative regression of log(e - e_inf) on (1, -log x, log(e_0 - e)) for
  (log b, -c, a), where the last column keeps e_0 at its *starting* value, with 100 rounds of
  1,000 gradient steps at rate 1e-8 and then rounds of 100 damped Newton steps on e_inf and
  e_0, projected into 0 <= e_inf <= min e - 1e-3 and max e + 1e-3 <= e_0 <= cap + 1e-3.

The workbench's own fits (``fitting.fit``) find the least-squares optimum of the same forms.
Curves of different lengths are padded and masked, so every curve takes each step together;
a curve stops moving once its own stopping rule holds, exactly as if it ran alone.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

MARGIN = 1e-3  # e_inf stays this far below, e_0 this far above every observed value
STOP = 1e-10  # a curve is done when b changes by less than this in a round
MAX_ROUNDS = 10_000
GRADIENT_ROUNDS, GRADIENT_STEPS, GRADIENT_RATE = 100, 1000, 1e-8
NEWTON_STEPS, NEWTON_RATE, FLAT = 100, 0.1, 1e-5

Curves = Sequence[tuple[np.ndarray, np.ndarray]]


class _Padded:
    """Curves as (K, M) arrays, each row padded with copies of its last point, weight 0."""

    def __init__(self, curves: Curves) -> None:
        width = max(len(x) for x, _ in curves)
        self.x, self.y = np.empty((len(curves), width)), np.empty((len(curves), width))
        self.w = np.zeros((len(curves), width))
        for i, (x, y) in enumerate(curves):
            order = np.argsort(x)
            self.x[i] = np.pad(np.asarray(x, float)[order], (0, width - len(x)), mode="edge")
            self.y[i] = np.pad(np.asarray(y, float)[order], (0, width - len(y)), mode="edge")
            self.w[i, : len(x)] = 1.0
        self.count = self.w.sum(axis=1)


def paper_m3(curves: Curves, max_rounds: int = MAX_ROUNDS) -> np.ndarray:
    """(b, c, g) of e = b (1/x + g)^c for each curve, by the paper's alternating search."""
    data = _Padded(curves)
    log_y = np.log(data.y)
    k = len(curves)
    log_b, c, g = np.zeros(k), np.zeros(k), np.zeros(k)

    def round_(rows, _):
        inner = np.log(1.0 / data.x[rows] + g[rows, None])
        log_b[rows], slope = _line(inner, log_y[rows], data.w[rows])
        c[rows] = np.maximum(slope, 0.0)
        g[rows] = _best_g(data, log_y, rows, log_b[rows], c[rows], g[rows])
        return np.exp(log_b[rows])

    _until_b_settles(round_, k, max_rounds)
    return np.column_stack([np.exp(log_b), c, g])


def _until_b_settles(round_, k: int, max_rounds: int, first_stop: int = 0) -> None:
    """Run ``round_(rows, number)``, which returns the new b of those curves, for every curve
    until its b moves by less than ``STOP`` in a round (from round ``first_stop`` on)."""
    previous_b = np.ones(k)  # both estimators start from b = 1
    active = np.arange(k)
    for number in range(max_rounds):
        if not active.size:
            break
        b = round_(active, number)
        settled = (np.abs(b - previous_b[active]) < STOP) & (number >= first_stop)
        previous_b[active] = b
        active = active[~settled]


def _line(u: np.ndarray, v: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weighted least-squares intercept and slope of v on u, row by row (centred, so exact)."""
    n = w.sum(axis=1)
    mu, mv = (w * u).sum(1) / n, (w * v).sum(1) / n
    du, dv = u - mu[:, None], v - mv[:, None]
    slope = (w * du * dv).sum(1) / (w * du * du).sum(1)
    return mv - slope * mu, slope


def _best_g(data, log_y, rows, log_b, c, g):
    """The candidate g (one per point, solving that point exactly) with the lowest objective,
    if it is lower than the current one; candidates below 0 are not allowed."""
    x, w = data.x[rows], data.w[rows]

    def objective(gs):  # gs (R, G) -> norm of log residuals (R, G)
        with np.errstate(all="ignore"):
            inner = np.log(1 / x[:, None, :] + gs[..., None])
            pred = log_b[:, None, None] + c[:, None, None] * inner
            return np.sqrt((w[:, None, :] * (log_y[rows][:, None, :] - pred) ** 2).sum(-1))

    current = objective(g[:, None])[:, 0]
    with np.errstate(all="ignore"):
        candidates = np.exp((log_y[rows] - log_b[:, None]) / c[:, None]) - 1.0 / x
    usable = (candidates >= 0) & (w > 0) & (c[:, None] > 0)
    scores = np.where(usable, objective(np.where(usable, candidates, 0.0)), np.inf)
    best = np.argmin(scores, axis=1)
    improves = scores[np.arange(len(rows)), best] < current
    return np.where(improves, candidates[np.arange(len(rows)), best], g)


def paper_m4(
    curves: Curves, e0_start: float = 1.0, e0_cap: float | None = None, max_rounds: int = MAX_ROUNDS
) -> np.ndarray:
    """(b, c, a, e_inf, e_0) of (e - e_inf)/(e_0 - e)^a = b x^c for each curve, by the paper's
    alternation of non-negative regression and gradient, then Newton, steps on e_inf and e_0."""
    data = _Padded(curves)
    y, log_x = data.y, np.log(data.x)
    k = len(curves)
    low = np.where(data.w > 0, y, np.inf).min(1) - MARGIN
    high = np.where(data.w > 0, y, -np.inf).max(1) + MARGIN
    cap = np.inf if e0_cap is None else e0_cap + MARGIN
    e_inf, e_0 = low.copy(), m4_e0_start(high - MARGIN, e0_start)
    design = np.stack([np.ones_like(y), -log_x, np.log(e_0[:, None] - y)], axis=2)
    design *= data.w[..., None]
    solver = _NonNegativeLeastSquares(design)
    coef = np.zeros((k, 3))

    def round_(rows, number):
        coef[rows] = solver.solve(rows, np.log(y[rows] - e_inf[rows, None]) * data.w[rows])
        steps = _Steps(data, rows, coef[rows], log_x[rows], low[rows], high[rows], cap)
        e_inf[rows], e_0[rows] = steps.run(e_inf[rows], e_0[rows], number >= GRADIENT_ROUNDS)
        return np.exp(coef[rows, 0])

    # The paper stops M4 only once it has been in the Newton rounds for two rounds.
    _until_b_settles(round_, k, max_rounds, first_stop=GRADIENT_ROUNDS + 2)
    return np.column_stack([np.exp(coef[:, 0]), -coef[:, 1], coef[:, 2], e_inf, e_0])


def m4_e0_start(largest: np.ndarray, e0_start: float) -> np.ndarray:
    """Where e_0 starts for curves whose largest values are ``largest``: the paper's
    ``e0_start`` when it lies above them, else twice the largest value (a loss above 1 would
    otherwise leave log(e_0 - e) undefined and every parameter NaN)."""
    return np.where(largest < e0_start, float(e0_start), 2.0 * largest)


class _Steps:
    """Gradient (or damped Newton) steps on (e_inf, e_0) of the mean squared log residual, with
    the regression's (b, c, a) held fixed, for the curves still moving."""

    def __init__(self, data, rows, coef, log_x, low, high, cap):
        self.y, self.w, self.count = data.y[rows], data.w[rows], data.count[rows]
        self.log_f = coef[:, :1] - coef[:, 1:2] * log_x
        self.a = coef[:, 2]
        self.low, self.high, self.cap = low, high, cap

    def _mean(self, values):
        return (self.w * values).sum(axis=1) / self.count

    def run(self, e_inf, e_0, newton):
        a = self.a
        for _ in range(NEWTON_STEPS if newton else GRADIENT_STEPS):
            excess, headroom = self.y - e_inf[:, None], e_0[:, None] - self.y
            r = np.log(excess) - a[:, None] * np.log(headroom) - self.log_f
            grad_inf, grad_0 = -self._mean(r / excess), -a * self._mean(r / headroom)
            if newton:
                curve_inf = self._mean((1 - r) / excess**2)
                curve_0 = a * self._mean((a[:, None] + r) / headroom**2)
                with np.errstate(divide="ignore", invalid="ignore"):
                    grad_inf = np.where(np.abs(curve_inf) > FLAT, grad_inf / curve_inf, 0.0)
                    grad_0 = np.where(np.abs(curve_0) > FLAT, grad_0 / curve_0, 0.0)
            rate = NEWTON_RATE if newton else GRADIENT_RATE
            e_inf = np.clip(e_inf - rate * grad_inf, 0.0, self.low)
            e_0 = np.minimum(np.maximum(e_0 - rate * grad_0, self.high), self.cap)
        return e_inf, e_0


class _NonNegativeLeastSquares:
    """min ||A z - t|| over z >= 0 for a fixed small design A per curve and changing t.

    The optimum is the least-squares solution on its own support, and every non-negative
    support solution is feasible, so the best non-negative one over all supports is exact.
    Each support's pseudo-inverse is computed once (QR), since only t changes between rounds.
    """

    def __init__(self, design: np.ndarray) -> None:
        self.design = design  # (K, M, P), masked rows are zero
        p = design.shape[2]
        self.supports = [
            list(s) for r in range(1, p + 1) for s in itertools.combinations(range(p), r)
        ]
        self.pinv = []
        for support in self.supports:
            q, r = np.linalg.qr(design[:, :, support])
            self.pinv.append(np.linalg.solve(r, np.swapaxes(q, 1, 2)))  # (K, |S|, M)

    def solve(self, rows: np.ndarray, target: np.ndarray) -> np.ndarray:
        design = self.design[rows]  # once per round, not once per support
        best = np.zeros((len(rows), design.shape[2]))
        best_norm = (target**2).sum(1)
        for support, pinv in zip(self.supports, self.pinv, strict=True):
            z = np.einsum("ksm,km->ks", pinv[rows], target)
            fit = np.einsum("kms,ks->km", design[:, :, support], z)
            norm = ((fit - target) ** 2).sum(1)
            better = (z >= 0).all(1) & (norm < best_norm)
            full = np.zeros_like(best)
            full[:, support] = z
            best = np.where(better[:, None], full, best)
            best_norm = np.where(better, norm, best_norm)
        return best
