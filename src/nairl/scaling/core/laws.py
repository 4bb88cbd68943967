"""Scaling-law forms: evaluation in log space with analytic Jacobians, for many parameter sets.

Every law works on a batch of internal parameter vectors ``theta`` of shape (S, P) at once and
returns log-predictions (S, M) and their Jacobian (S, M, P); the fitter uses this to run many
starting points together. Positive parameters are fitted as logarithms (``log_scaled``), so the
optimiser never leaves the valid region; ``to_params`` / ``to_theta`` convert.
"""

from __future__ import annotations

import itertools
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence

import numpy as np

from .errors import ScalingInputError

Features = dict[str, np.ndarray]


class Law(ABC):
    """A functional form L(inputs; params) with log-space evaluation for batches of params."""

    name: str = ""
    title: str = ""
    param_names: tuple[str, ...] = ()
    log_scaled: tuple[bool, ...] = ()  # natural parameter = exp(theta) where True
    inputs: tuple[str, ...] = ()  # run fields the law reads

    @property
    def min_points(self) -> int:
        """Fewest runs that leave at least one degree of freedom for the fit."""
        return len(self.param_names) + 1

    # --- evaluation -------------------------------------------------------------------------
    @abstractmethod
    def log_predict(self, theta: np.ndarray, x: Features) -> tuple[np.ndarray, list[np.ndarray]]:
        """log L for each parameter row: values (S, M) and the Jacobian as a list of P arrays
        broadcastable to (S, M), one per theta component (a list, so that no (S, M, P) block
        is copied together on every evaluation)."""

    def residuals(
        self, theta: np.ndarray, x: Features, log_y: np.ndarray
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Fitting residuals (S, M) and their Jacobian; by default log L - log y."""
        log_pred, jac = self.log_predict(theta, x)
        return log_pred - log_y, jac

    def evaluate(self, params: Mapping[str, float] | Sequence[float], **inputs) -> np.ndarray:
        """L at the given inputs (broadcast arrays) for one set of natural parameters."""
        theta = self.to_theta(self.params_array(params))[None, :]
        shape = np.broadcast_shapes(*(np.shape(v) for v in inputs.values() if v is not None))
        return np.exp(self.log_predict(theta, self.features(inputs))[0][0]).reshape(shape)

    def evaluate_many(self, params: np.ndarray, **inputs) -> np.ndarray:
        """L for many natural parameter rows (S, P) at the same inputs: shape (S, M)."""
        return np.exp(self.log_predict(self.to_theta(params), self.features(inputs))[0])

    def features(self, inputs: Mapping[str, np.ndarray]) -> Features:
        arrays = np.broadcast_arrays(*(np.asarray(inputs[k], dtype=float) for k in self.inputs))
        return {k: a.ravel() for k, a in zip(self.inputs, arrays, strict=True)}

    # --- parameters -------------------------------------------------------------------------
    def to_params(self, theta: np.ndarray) -> np.ndarray:
        mask = np.array(self.log_scaled)
        return np.where(mask, np.exp(np.where(mask, theta, 0.0)), theta)

    def to_theta(self, params: np.ndarray) -> np.ndarray:
        mask = np.array(self.log_scaled)
        with np.errstate(divide="ignore"):
            return np.where(mask, np.log(np.where(mask, params, 1.0)), params)

    def params_array(self, params: Mapping[str, float] | Sequence[float]) -> np.ndarray:
        if isinstance(params, Mapping):
            missing = [p for p in self.param_names if p not in params]
            if missing:
                raise ScalingInputError(
                    f"law '{self.name}' needs parameters {', '.join(self.param_names)}; "
                    f"missing {', '.join(missing)}"
                )
            return np.array([float(params[p]) for p in self.param_names])
        return np.asarray(params, dtype=float)

    def params_dict(self, params: np.ndarray) -> dict[str, float]:
        return {name: float(v) for name, v in zip(self.param_names, params, strict=True)}

    # --- fitting hints ----------------------------------------------------------------------
    @abstractmethod
    def starts(self, x: Features, log_y: np.ndarray) -> np.ndarray:
        """Starting points (S, P) in theta space covering plausible parameter values."""

    def bounds(self, x: Features, log_y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Box (lower, upper) in theta space; unbounded by default."""
        p = len(self.param_names)
        return np.full(p, -np.inf), np.full(p, np.inf)

    def describe(self) -> str:
        return self.title

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


def grid(*axes: Sequence[float]) -> np.ndarray:
    """Cartesian product of axis values as an (S, P) array."""
    return np.array(list(itertools.product(*axes)), dtype=float)


def _lse_terms(terms: list[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
    """log(sum exp(terms)) and the softmax weights, stable for any magnitudes."""
    shape = np.broadcast_shapes(*(np.shape(t) for t in terms))
    top = np.broadcast_to(terms[0], shape).copy()
    for term in terms[1:]:
        np.maximum(top, term, out=top)
    exps = [np.exp(term - top) for term in terms]
    total = exps[0].copy()
    for e in exps[1:]:
        total += e
    inverse = 1.0 / total
    for e in exps:
        e *= inverse
    return top + np.log(total), exps


class ChinchillaLaw(Law):
    """Hoffmann et al. 2022 approach 3: L = E + A / N^alpha + B / D^beta."""

    name = "chinchilla"
    title = "L = E + A/N^alpha + B/D^beta (Hoffmann et al. 2022)"
    param_names = ("A", "B", "E", "alpha", "beta")
    log_scaled = (True, True, True, False, False)
    inputs = ("n", "d")

    def log_predict(self, theta, x):
        a, b, e, alpha, beta = (theta[:, i : i + 1] for i in range(5))
        log_n, log_d = np.log(x["n"]), np.log(x["d"])
        value, (wn, wd, we) = _lse_terms([a - alpha * log_n, b - beta * log_d, e])
        return value, [wn, wd, we, -wn * log_n, -wd * log_d]

    def starts(self, x, log_y):
        # The grid of Hoffmann et al. App. D.2, in (a, b, e, alpha, beta) order.
        return grid(
            np.arange(0, 26, 5.0),
            np.arange(0, 26, 5.0),
            np.arange(-1, 1.01, 0.5),
            np.arange(0, 2.01, 0.5),
            np.arange(0, 2.01, 0.5),
        )


class OvertrainingLaw(Law):
    """Gadre et al. 2024: Chinchilla's form with one exponent shared by N and D.

    L = E + A/N^eta + B/D^eta. With compute C = 6ND and tokens per parameter M = D/N this is
    the paper's L(C, M) = E + (a·M^(eta/2) + b·M^(-eta/2))·C^(-eta/2), a = A·6^(eta/2),
    b = B·6^(eta/2): at a fixed M the loss is a power law in C whose exponent does not
    depend on M, which is what lets small over-trained runs predict big ones. Four
    parameters, so five runs can be fitted (the paper's five-run set).
    """

    name = "overtraining"
    title = "L = E + A/N^eta + B/D^eta, one exponent for N and D (Gadre et al. 2024)"
    param_names = ("A", "B", "E", "eta")
    log_scaled = (True, True, True, False)
    inputs = ("n", "d")

    def log_predict(self, theta, x):
        # Chinchilla with alpha = beta = eta; eta moves both exponents at once.
        value, jac = ChinchillaLaw().log_predict(theta[:, [0, 1, 2, 3, 3]], x)
        return value, [*jac[:3], jac[3] + jac[4]]

    def starts(self, x, log_y):
        # Chinchilla's grid (Hoffmann et al. App. D.2), one exponent in place of two.
        return grid(
            np.arange(0, 26, 5.0),
            np.arange(0, 26, 5.0),
            np.arange(-1, 1.01, 0.5),
            np.arange(0.1, 1.01, 0.15),
        )

    @staticmethod
    def paper_params(params: Mapping[str, float]) -> dict[str, float]:
        """The paper's (a, b, E, eta) of L(C, M) from this law's (A, B, E, eta)."""
        half = params["eta"] / 2
        return {
            "a": params["A"] * 6**half,
            "b": params["B"] * 6**half,
            "E": params["E"],
            "eta": half,
        }


class KaplanLaw(Law):
    """Kaplan et al. 2020: L(N, D) = [(Nc/N)^(alpha_N/alpha_D) + Dc/D]^alpha_D."""

    name = "kaplan"
    title = "L = [(Nc/N)^(alpha_N/alpha_D) + Dc/D]^alpha_D (Kaplan et al. 2020)"
    param_names = ("Nc", "Dc", "alpha_N", "alpha_D")
    log_scaled = (True, True, False, False)
    inputs = ("n", "d")

    def log_predict(self, theta, x):
        log_nc, log_dc, a_n, a_d = (theta[:, i : i + 1] for i in range(4))
        log_n, log_d = np.log(x["n"]), np.log(x["d"])
        u_n = (a_n / a_d) * (log_nc - log_n)
        total, (w_n, w_d) = _lse_terms([u_n, log_dc - log_d])
        return a_d * total, [a_n * w_n, a_d * w_d, w_n * (log_nc - log_n), total - w_n * u_n]

    def starts(self, x, log_y):
        top_n, top_d = np.log(x["n"]).max(), np.log(x["d"]).max()
        return grid(
            top_n + np.arange(0, 21, 5.0),
            top_d + np.arange(0, 21, 5.0),
            [0.03, 0.07, 0.15, 0.3],
            [0.03, 0.07, 0.15, 0.3],
        )

    def bounds(self, x, log_y):
        lower = np.array([-np.inf, -np.inf, 1e-4, 1e-4])
        return lower, np.full(4, np.inf)


class DataConstrainedLaw(Law):
    """Muennighoff et al. 2023: Chinchilla law in effective data D' and parameters N'.

    D' = U_D + U_D R_D* (1 - exp(-R_D / R_D*)) with R_D = D / U_D - 1 repeated epochs, and the
    same for N' with U_N and R_N*. Runs without U_D (or U_N) count as not repeated.
    """

    name = "data_constrained"
    title = "L = E + A/N'^alpha + B/D'^beta with repeated-data decay (Muennighoff et al. 2023)"
    param_names = ("A", "B", "E", "alpha", "beta", "R_N", "R_D")
    log_scaled = (True, True, True, False, False, True, True)
    inputs = ("n", "d", "unique_n", "unique_d")

    def features(self, inputs):
        filled = dict(inputs)
        filled.setdefault("unique_n", None)
        filled.setdefault("unique_d", None)
        if filled["unique_n"] is None:
            filled["unique_n"] = filled["n"]
        if filled["unique_d"] is None:
            filled["unique_d"] = filled["d"]
        return super().features(filled)

    @staticmethod
    def _effective(log_star: np.ndarray, total: np.ndarray, unique: np.ndarray):
        """log of the effective amount and its derivative in log R*."""
        star = np.exp(log_star)
        repeats = np.maximum(total / unique - 1.0, 0.0)
        decay = np.exp(-repeats / star)
        gain = star * (1.0 - decay)
        log_eff = np.log(unique) + np.log1p(gain)
        d_log_star = (gain - repeats * decay) / (1.0 + gain)
        return log_eff, d_log_star

    def log_predict(self, theta, x):
        a, b, e, alpha, beta, log_rn, log_rd = (theta[:, i : i + 1] for i in range(7))
        log_n, dn = self._effective(log_rn, x["n"], x["unique_n"])
        log_d, dd = self._effective(log_rd, x["d"], x["unique_d"])
        value, (wn, wd, we) = _lse_terms([a - alpha * log_n, b - beta * log_d, e])
        return value, [wn, wd, we, -wn * log_n, -wd * log_d, -wn * alpha * dn, -wd * beta * dd]

    def starts(self, x, log_y):
        return grid(
            [0, 10, 20],
            [0, 10, 20],
            [-1, 0, 1],
            [0.25, 0.5, 1.0],
            [0.25, 0.5, 1.0],
            np.log([5.0, 15.0, 50.0]),
            np.log([5.0, 15.0, 50.0]),
        )


class PowerLaw(Law):
    """L = E + A / x^alpha in one variable (compute by default); ``offset=False``: L = A/x^alpha."""

    def __init__(self, variable: str = "c", offset: bool = True) -> None:
        self.variable, self.offset = variable, offset
        self.inputs = (variable,)
        self.name = "power" if offset else "pure_power"
        self.param_names = ("A", "E", "alpha") if offset else ("A", "alpha")
        self.log_scaled = (True, True, False) if offset else (True, False)
        symbol = variable.upper()
        self.title = f"L = E + A/{symbol}^alpha" if offset else f"L = A/{symbol}^alpha"

    def log_predict(self, theta, x):
        log_x = np.log(x[self.variable])
        if not self.offset:
            a, alpha = theta[:, :1], theta[:, 1:2]
            return a - alpha * log_x, [np.ones((1, 1)), -log_x[None, :]]
        a, e, alpha = (theta[:, i : i + 1] for i in range(3))
        value, (wa, we) = _lse_terms([a - alpha * log_x, e])
        return value, [wa, we, -wa * log_x]

    def starts(self, x, log_y):
        log_x = np.log(x[self.variable])
        alphas = np.array([0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.8, 1.2])
        mid_x, mid_y = np.median(log_x), np.median(log_y)
        if not self.offset:
            return np.column_stack([mid_y + alphas * mid_x, alphas])
        floor = np.exp(log_y.min())
        rows = []
        for frac, alpha in itertools.product([0.01, 0.3, 0.6, 0.9], alphas):
            e = floor * frac
            rows.append([np.log(max(np.exp(mid_y) - e, 1e-12)) + alpha * mid_x, np.log(e), alpha])
        return np.array(rows)
