"""One-variable learning-curve laws: M1-M4 of Alabdulmohsin et al. 2022, the broken neural
scaling law of Caballero et al. 2022 and an exponential (for "steeper than a power law?").

M1-M4 are fitted by least squares on their linearised log form, as in the paper: M2 and M4 use
the residual log(e - e_inf) - log f(x) (M4 with the extra -a log(e_0 - e) term) rather than the
log of the prediction, which for M4 would need the implicit equation solved at every step.
Their fits are local, from the paper's initialisation (e_inf just below the smallest observed
value, e_0 at ``e0_start``, the rest by linear regression): the linearised objective often has
a better but useless optimum at e_inf = 0, which a global search would pick. The paper's own
alternating procedures for M3 and M4, which stop elsewhere, are in ``paper_estimators``.
"""

from __future__ import annotations

import itertools

import numpy as np

from .laws import Features, Law, _lse_terms, grid

ERR_MARGIN = 1e-3  # keeps e_inf below and e_0 above every observed value, as in the paper


def _margin(log_y: np.ndarray) -> float:
    return min(ERR_MARGIN, 0.5 * float(np.exp(log_y.min())))


def _regress(columns: list[np.ndarray], target: np.ndarray) -> np.ndarray:
    """Least-squares coefficients of ``target`` on ``columns`` (the linearised fit)."""
    design = np.column_stack([np.broadcast_to(c, target.shape) for c in columns])
    return np.linalg.lstsq(design, target, rcond=None)[0]


def _match_scale(log_y: np.ndarray, log_term: np.ndarray) -> float:
    """log b that makes b * term pass through the median point."""
    return float(np.median(log_y) - np.median(log_term))


class CurveLaw(Law):
    """A law in one run field (data size by default)."""

    def __init__(self, variable: str = "d") -> None:
        self.variable = variable
        self.inputs = (variable,)

    def _log_x(self, x: Features) -> np.ndarray:
        return np.log(x[self.variable])


class M1(CurveLaw):
    name, title = "m1", "e = b x^c (M1)"
    param_names, log_scaled = ("b", "c"), (True, False)

    def log_predict(self, theta, x):
        log_x = self._log_x(x)
        return theta[:, :1] + theta[:, 1:2] * log_x, [np.ones((1, 1)), log_x[None, :]]

    def starts(self, x, log_y):
        log_x = self._log_x(x)
        return np.array([[_match_scale(log_y, c * log_x), c] for c in (-1.0, -0.5, -0.2, -0.05)])


class M2(CurveLaw):
    name, title = "m2", "e - e_inf = b x^c (M2)"
    param_names, log_scaled = ("b", "c", "e_inf"), (True, False, False)

    def log_predict(self, theta, x):
        log_x = self._log_x(x)
        term = np.exp(theta[:, :1] + theta[:, 1:2] * log_x)
        pred = theta[:, 2:3] + term
        return np.log(pred), [term / pred, term * log_x / pred, 1.0 / pred]

    def residuals(self, theta, x, log_y):
        log_x, y = self._log_x(x), np.exp(log_y)
        excess = y - theta[:, 2:3]
        r = np.log(excess) - theta[:, :1] - theta[:, 1:2] * log_x
        return r, [-np.ones((1, 1)), -log_x[None, :], -1.0 / excess]

    def bounds(self, x, log_y):
        top = float(np.exp(log_y.min())) - _margin(log_y)
        return np.array([-np.inf, -np.inf, 0.0]), np.array([np.inf, np.inf, top])

    def starts(self, x, log_y):
        log_x, e_inf = self._log_x(x), self.bounds(x, log_y)[1][2]
        log_b, c = _regress([np.ones(1), log_x], np.log(np.exp(log_y) - e_inf))
        return np.array([[log_b, c, e_inf]])


class M3(CurveLaw):
    name, title = "m3", "e = b (x^-1 + g)^c (M3)"
    param_names, log_scaled = ("b", "c", "g"), (True, False, True)

    def log_predict(self, theta, x):
        log_x = self._log_x(x)
        c, log_g = theta[:, 1:2], theta[:, 2:3]
        inner = np.logaddexp(-log_x, log_g)
        share = np.exp(log_g - inner)  # g / (1/x + g)
        return theta[:, :1] + c * inner, [np.ones((1, 1)), inner, c * share]

    def bounds(self, x, log_y):
        # g far below 1/x is the same as g = 0; the floor keeps the optimiser out of a flat valley.
        floor = -self._log_x(x).max() - 25.0
        return np.array([-np.inf, 0.0, floor]), np.full(3, np.inf)

    def starts(self, x, log_y):
        log_x = self._log_x(x)
        # g from "never matters" (far below 1/x) to "dominates 1/x over most of the data"
        log_gs = [-log_x.max() - 10.0, *(-np.quantile(log_x, [1.0, 0.75, 0.5, 0.25, 0.0]))]
        rows = []
        for c, log_g in itertools.product((0.1, 0.3, 0.6, 1.0), log_gs):
            inner = np.logaddexp(-log_x, log_g)
            rows.append([_match_scale(log_y, c * inner), c, log_g])
        return np.array(rows)


class M4(CurveLaw):
    """(e - e_inf) / (e_0 - e)^a = b x^c, implicit in e.

    ``e0_max`` caps e_0 (1 for error rates, none for log-perplexity); ``e0_start`` is where the
    fit starts it (the paper's 1.0, or 1.001 for its BIG-bench curves).
    """

    name, title = "m4", "(e - e_inf)/(e_0 - e)^a = b x^c (M4)"
    param_names = ("b", "c", "a", "e_inf", "e_0")
    log_scaled = (True, False, False, False, False)
    BISECTIONS = 60

    def __init__(
        self,
        variable: str = "d",
        e0_max: float | None = None,
        e0_start: float = 1.0,
    ) -> None:
        super().__init__(variable)
        self.e0_max, self.e0_start = e0_max, e0_start

    def residuals(self, theta, x, log_y):
        log_x, y = self._log_x(x), np.exp(log_y)
        a, e_inf, e_0 = theta[:, 2:3], theta[:, 3:4], theta[:, 4:5]
        excess, headroom = y - e_inf, e_0 - y
        log_head = np.log(headroom)
        r = np.log(excess) - a * log_head - theta[:, :1] - theta[:, 1:2] * log_x
        return r, [-np.ones((1, 1)), -log_x[None, :], -log_head, -1.0 / excess, -a / headroom]

    def log_predict(self, theta, x):
        """Solve w = f (B - w)^a for w = e - e_inf in (0, B), B = e_0 - e_inf, by bisection."""
        log_x = self._log_x(x)
        log_b, c, a, e_inf, e_0 = (theta[:, i : i + 1] for i in range(5))
        log_f = log_b + c * log_x
        span = e_0 - e_inf

        def gap(w):
            return np.log(w) - a * np.log(span - w) - log_f

        lo, hi = np.zeros_like(log_f), np.broadcast_to(span, log_f.shape).copy()
        with np.errstate(divide="ignore", invalid="ignore"):
            for _ in range(self.BISECTIONS):
                mid = 0.5 * (lo + hi)
                above = gap(mid) > 0
                hi = np.where(above, mid, hi)
                lo = np.where(above, lo, mid)
        w = np.where(a > 0, 0.5 * (lo + hi), np.exp(log_f))  # a = 0 is M2, with no cap
        pred = e_inf + w
        slope = 1.0 / w + a / (span - w)  # d gap / d w, for implicit differentiation
        dw = [
            1.0 / slope,
            log_x / slope,
            np.log(span - w) / slope,
            -(a / (span - w)) / slope,
            (a / (span - w)) / slope,
        ]
        jac = [dw[0] / pred, dw[1] / pred, dw[2] / pred, (dw[3] + 1.0) / pred, dw[4] / pred]
        return np.log(pred), jac

    def bounds(self, x, log_y):
        margin = _margin(log_y)
        y_min, y_max = float(np.exp(log_y.min())), float(np.exp(log_y.max()))
        e0_hi = np.inf if self.e0_max is None else max(self.e0_max, y_max) + margin
        lower = np.array([-np.inf, -np.inf, 0.0, 0.0, y_max + margin])
        upper = np.array([np.inf, 0.0, np.inf, y_min - margin, e0_hi])
        return lower, upper

    def starts(self, x, log_y):
        lower, upper = self.bounds(x, log_y)
        log_x, y = self._log_x(x), np.exp(log_y)
        e_inf, e_0 = upper[3], float(np.clip(self.e0_start, lower[4], upper[4]))
        log_b, c, a = _regress([np.ones(1), log_x, np.log(e_0 - y)], np.log(y - e_inf))
        return np.array([[log_b, min(c, 0.0), max(a, 0.0), e_inf, e_0]])


class BrokenLaw(CurveLaw):
    """Caballero et al. 2022: y = a + b x^-c0 prod_i (1 + (x/d_i)^(1/f_i))^(-c_i f_i).

    c_i may have either sign, as in the paper: a break makes the curve steeper (c_i > 0) or
    flatter (c_i < 0). Breaks lie at most ``BREAK_MARGIN`` (in log x) outside the data.
    """

    BREAK_MARGIN = 1.0
    # Start grid: break places spread over the allowed range, sharpness from a kink to a bend
    # over decades, and a as a share of the smallest value: up to just above it, for curves
    # that reach their floor within the data and scatter around it.
    BREAK_PLACES = 10
    BREAK_SHARPNESS = (0.03, 0.1, 0.3, 1.0, 3.0)
    FLOOR_SHARES = (1e-3, 0.3, 0.6, 0.8, 0.9, 0.95, 0.98, 1.0, 1.005)
    N_STARTS = 24  # at most ``fit``'s keep, so all go straight to its full batch run
    CHUNK = 1_000_000  # grid rows x points per regression batch, to bound memory on long curves

    def __init__(self, variable: str = "d", breaks: int = 1) -> None:
        super().__init__(variable)
        self.breaks = breaks
        self.name = f"bnsl{breaks}"
        self.title = f"broken neural scaling law, {breaks} break{'s' * (breaks > 1)}"
        names = ["a", "b", "c0"]
        for i in range(1, breaks + 1):
            names += [f"c{i}", f"d{i}", f"f{i}"]
        self.param_names = tuple(names)
        self.log_scaled = (True, True, False) + (False, True, True) * breaks

    def log_predict(self, theta, x):
        log_x = self._log_x(x)
        term = theta[:, 1:2] - theta[:, 2:3] * log_x
        parts = [None, None, -log_x[None, :]]
        for i in range(self.breaks):
            c, log_d, log_f = (theta[:, 3 + 3 * i + k : 4 + 3 * i + k] for k in range(3))
            f = np.exp(log_f)
            z = (log_x - log_d) / f
            soft = np.logaddexp(0.0, z)
            sig = np.exp(z - soft)
            term = term - c * f * soft
            parts += [-f * soft, c * sig, -c * f * (soft - z * sig)]
        value, (w_a, w_t) = _lse_terms([theta[:, :1], term])
        jac = [w_a, w_t] + [w_t * p for p in parts[2:]]
        return value, jac

    def bounds(self, x, log_y):
        log_x = self._log_x(x)
        lower = np.full(len(self.param_names), -np.inf)
        upper = np.full(len(self.param_names), np.inf)
        # Breaks only where the data can place them: one far outside the observed range is
        # unidentified and bends the extrapolation arbitrarily.
        lower[4::3] = log_x.min() - self.BREAK_MARGIN
        upper[4::3] = log_x.max() + self.BREAK_MARGIN
        lower[5::3], upper[5::3] = np.log(0.01), np.log(20.0)  # break sharpness f_i
        return lower, upper

    def starts(self, x, log_y):
        """The best rows of a grid over a, d_i and f_i, each completed by the b, c0 and c_i
        that fit log(y - a) best: given the others these enter linearly, so one small
        weighted regression per grid row puts every start near the bottom of its valley, and
        a few dozen starts do what thousands of raw grid points did."""
        log_x = self._log_x(x)
        lower, upper = self.bounds(x, log_y)
        places = np.linspace(lower[4], upper[4], self.BREAK_PLACES)
        per_break = grid(places, np.log(self.BREAK_SHARPNESS))
        combos = np.array(list(itertools.product(per_break, repeat=self.breaks)))  # (G, B, 2)
        combos = combos[np.all(np.diff(combos[:, :, 0], axis=1) > 0, axis=1)]  # d_1 < d_2
        log_a = np.repeat(log_y.min() + np.log(self.FLOOR_SHARES), len(combos))
        combos = np.tile(combos, (len(self.FLOOR_SHARES), 1, 1))
        chunks = np.array_split(np.arange(len(log_a)), 1 + len(log_a) * len(log_x) // self.CHUNK)
        done = [self._complete(log_a[i], combos[i], log_x, log_y) for i in chunks]
        theta, sse = np.concatenate([t for t, _ in done]), np.concatenate([e for _, e in done])
        return theta[np.argsort(np.where(np.isfinite(sse), sse, np.inf))[: self.N_STARTS]]

    def _complete(self, log_a, breaks, log_x, log_y):
        """Theta and squared error for rows of log a (G,) and breaks (G, B, [log d, log f]):
        log b, c0 and c_i by weighted least squares on
        log(y - a) = log b - c0 log x - sum_i c_i f_i softplus((log x - log d_i) / f_i)."""
        f = np.exp(breaks[:, :, 1:])
        soft = f * np.logaddexp(0.0, (log_x - breaks[:, :, :1]) / f)  # (G, B, M)
        ones = np.ones((len(log_a), 1, len(log_x)))
        design = np.concatenate([ones, -log_x * ones, -soft], axis=1)  # (G, K, M)
        y = np.exp(log_y)
        # A log-y residual is about (y - a) / y times a log(y - a) one; values at or below a
        # (a plateau reached within the data) get almost no weight.
        gap = np.maximum(y - np.exp(log_a)[:, None], 1e-6 * y)
        weighted = design * ((gap / y) ** 2)[:, None, :]
        normal = weighted @ design.transpose(0, 2, 1)
        # A break below the data is collinear with c0; the ridge keeps the solve regular.
        normal += 1e-9 * np.trace(normal, axis1=1, axis2=2)[:, None, None] * np.eye(len(normal[0]))
        coef = np.linalg.solve(normal, (weighted @ np.log(gap)[:, :, None]))[:, :, 0]
        theta = np.empty((len(log_a), len(self.param_names)))
        theta[:, 0], theta[:, 1:3], theta[:, 3::3] = log_a, coef[:, :2], coef[:, 2:]
        theta[:, 4::3], theta[:, 5::3] = breaks[:, :, 0], breaks[:, :, 1]
        log_pred = np.logaddexp(log_a[:, None], np.einsum("gkm,gk->gm", design, coef))
        return theta, np.sum((log_pred - log_y) ** 2, axis=1)


class Exponential(CurveLaw):
    """e = E + B exp(-x / s): saturates faster than any power law."""

    name, title = "exponential", "e = E + B exp(-x/s)"
    param_names, log_scaled = ("B", "E", "s"), (True, True, True)

    def log_predict(self, theta, x):
        ratio = np.exp(self._log_x(x) - theta[:, 2:3])
        value, (w_b, w_e) = _lse_terms([theta[:, :1] - ratio, theta[:, 1:2]])
        return value, [w_b, w_e, w_b * ratio]

    def starts(self, x, log_y):
        log_x, floor = self._log_x(x), float(np.exp(log_y.min()))
        rows = []
        for frac, q in itertools.product((0.3, 0.7, 0.95), (0.25, 0.5, 0.75, 1.0)):
            log_s = float(np.quantile(log_x, q))
            excess = np.log(np.maximum(np.exp(log_y) - frac * floor, 1e-12)) + np.exp(log_x - log_s)
            rows.append([float(np.median(excess)), np.log(frac * floor), log_s])
        return np.array(rows)


CURVE_LAWS = {
    "m1": M1,
    "m2": M2,
    "m3": M3,
    "m4": M4,
    "bnsl1": lambda variable: BrokenLaw(variable, breaks=1),
    "bnsl2": lambda variable: BrokenLaw(variable, breaks=2),
    "exponential": Exponential,
}
