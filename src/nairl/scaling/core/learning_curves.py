"""Learning curves (error or loss against data size): extrapolation benchmark and tests.

``revisiting_benchmark`` runs the protocol of Alabdulmohsin et al. 2022 on their benchmark
files: each curve is fitted on its ``Training == 1`` rows and scored by the RMSE of log-loss on
its ``Training == 0`` rows, for every form plus an automatic choice made from the training rows
alone. ``steeper_than_power_law`` asks whether a curve bends down faster than a power law.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .curve_laws import M4
from .errors import ScalingInputError
from .fitting import FitResult, fit
from .laws import Law
from .registry import CURVE_FORMS, get_law
from .runs import Runs

AUTO = "auto"
DOMAIN_NAMES = {"IC": "image classification", "NMT": "translation",
                "LM": "language modelling", "BB": "BIG-bench"}
ERROR_RATE_DOMAINS = ("IC", "BB")  # bounded by 1, so M4's e_0 is capped at 1


@dataclass
class Curve:
    key: str
    domain: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def curve_law(form: str, domain: str | None = None) -> Law:
    """The law for ``form``; M4 is set up as in the paper for the benchmark's domains: e_0
    starts at 1 (1.001 for BIG-bench), capped at 1 for error rates. The paper's regression
    keeps e_0 at its start while its gradient step moves it within the cap; fitting e_0 only
    for image classification, where the cap leaves it a narrow range, reproduces the re-run of
    the paper's estimators best (see benchmarks/scaling/revisiting.py)."""
    if form != "m4" or domain is None:
        return get_law(form, "d")
    return M4("d", e0_max=1.0 if domain in ERROR_RATE_DOMAINS else None,
              e0_start=1.001 if domain == "BB" else 1.0, fit_e0=domain == "IC")


def fit_curve(law: Law, x: np.ndarray, y: np.ndarray) -> FitResult:
    """Least squares in log space, as in the paper's estimators."""
    return fit(law, Runs(value=np.asarray(y, float), d=np.asarray(x, float)), huber_delta=None)


def log_rmse(law: Law, params: Mapping[str, float], x: np.ndarray, y: np.ndarray
             ) -> tuple[float, float]:
    """RMSE of log values of ``law`` with ``params`` at (x, y) and the paper's standard error
    of it."""
    with np.errstate(all="ignore"):
        squared = (np.log(law.evaluate(params, d=x)) - np.log(y)) ** 2
    mean = float(np.mean(squared))
    spread = float(np.std(squared)) / math.sqrt(len(squared))
    return math.sqrt(mean), math.sqrt(mean + spread) - math.sqrt(mean)


def choose_form(x: np.ndarray, y: np.ndarray, forms: Sequence[str], domain: str | None = None,
                holdout: float = 0.2) -> str:
    """The form with the lowest error on the last ``holdout`` share of the points when fitted
    on the others; forms with too many parameters for the remaining points sit out."""
    k = max(1, int(round(holdout * len(x))))
    order = np.argsort(x)
    fit_part, held = order[:-k], order[-k:]
    best, best_err = None, np.inf
    for form in forms:
        law = curve_law(form, domain)
        if len(fit_part) < law.min_points:
            continue
        try:
            result = fit_curve(law, x[fit_part], y[fit_part])
        except ScalingInputError:
            continue
        err = log_rmse(law, result.params, x[held], y[held])[0]
        if err < best_err:
            best, best_err = form, err
    if best is None:
        raise ScalingInputError(f"too few points ({len(x)}) to choose a form")
    return best


def read_benchmark(data_dir: str | Path) -> list[Curve]:
    """The curves of ``revisiting_benchmark_*.csv`` keyed as in the paper."""
    files = sorted(Path(data_dir).glob("revisiting_benchmark_*.csv"))
    if not files:
        raise ScalingInputError(f"no revisiting_benchmark_*.csv files in {data_dir}")
    frame = pd.concat([pd.read_csv(f) for f in files], ignore_index=True)
    needed = {"Domain", "Task", "Model", "Seen Examples", "Loss", "Training"}
    if needed - set(frame.columns):
        missing = sorted(needed - set(frame.columns))
        raise ScalingInputError(f"benchmark files lack columns {missing}")
    curves = []
    for key, rows in frame.groupby(frame.apply(_curve_key, axis=1), sort=True):
        train, test = rows[rows["Training"] == 1], rows[rows["Training"] == 0]
        # Repeated sizes keep their last value, as the paper's {x: y} dictionaries do.
        last = train.drop_duplicates("Seen Examples", keep="last").sort_values("Seen Examples")
        curves.append(Curve(key=key, domain=rows["Domain"].iloc[0],
                            x_train=last["Seen Examples"].to_numpy(float),
                            y_train=last["Loss"].to_numpy(float),
                            x_test=test["Seen Examples"].to_numpy(float),
                            y_test=test["Loss"].to_numpy(float)))
    return curves


def _curve_key(row: pd.Series) -> str:
    if row["Domain"] == "IC":
        return f"IC|{row['Model']}|{row['Task']}"
    if row["Domain"] in ("NMT", "LM"):
        return f"{row['Domain']}|{row['Model']}"
    return f"{row['Domain']}|{row['Task']}"


@dataclass
class BenchmarkResult:
    """Per-curve extrapolation RMSE for each form (``auto`` included) and per-domain summaries."""

    forms: list[str]
    scores: pd.DataFrame  # index: curve key; columns: domain, one per form, auto_form
    errors: pd.DataFrame  # standard errors, same layout

    def medians(self) -> pd.DataFrame:
        return self.scores.groupby("domain")[self.forms].median()

    def win_shares(self, forms: Sequence[str] | None = None) -> pd.DataFrame:
        """Share of curves where each form is best, comparing to 3 decimals, ties split."""
        forms = list(forms or self.forms)
        rounded = np.floor(self.scores[forms].fillna(1.0).to_numpy() * 1000) / 1000
        wins = rounded == rounded.min(axis=1, keepdims=True)
        wins = wins / wins.sum(axis=1, keepdims=True)
        table = pd.DataFrame(wins, columns=forms, index=self.scores.index)
        table["domain"] = self.scores["domain"]
        return table.groupby("domain")[forms].mean()

    def table(self) -> str:
        """The per-domain table: median RMSE per form, share of tasks where each is best."""
        medians, shares = self.medians(), self.win_shares()
        width = max(len(f) for f in self.forms) + 2
        lines = [f"{'domain (curves)':<28}" + "".join(f"{f:>{width + 6}}" for f in self.forms)]
        counts = self.scores.groupby("domain").size()
        for domain in medians.index:
            label = f"{DOMAIN_NAMES.get(domain, domain)} ({counts[domain]})"
            cells = "".join(f"{medians.loc[domain, f]:>{width}.4f}/{shares.loc[domain, f]:<5.2f}"
                            for f in self.forms)
            lines.append(f"{label:<28}{cells}")
        lines.append("cells: median RMSE of log-loss on the extrapolation rows / share of curves "
                     "where the form is best")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"forms": self.forms, "medians": self.medians().to_dict(orient="index"),
                "win_shares": self.win_shares().to_dict(orient="index"),
                "curves": self.scores.to_dict(orient="index")}


def revisiting_benchmark(
    data_dir: str | Path,
    forms: Sequence[str] = CURVE_FORMS,
    *,
    auto_from: Sequence[str] | None = None,
    domains: Sequence[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> BenchmarkResult:
    """Score every form (and the automatic choice among ``auto_from``) on every curve."""
    auto_from = list(auto_from or forms)
    curves = [c for c in read_benchmark(data_dir) if domains is None or c.domain in domains]
    names = [*forms, AUTO]
    scores, errors = [], []
    for curve in curves:
        row, err = {"domain": curve.domain}, {"domain": curve.domain}
        for form in forms:
            row[form], err[form] = _score(form, curve)
        chosen = choose_form(curve.x_train, curve.y_train, auto_from, curve.domain)
        row[AUTO], err[AUTO] = (row[chosen], err[chosen]) if chosen in forms else _score(
            chosen, curve)
        row["auto_form"] = chosen
        scores.append(row)
        errors.append(err)
        if progress:
            progress(f"{curve.key}: " + ", ".join(f"{f}={row[f]:.4f}" for f in names))
    keys = [c.key for c in curves]
    return BenchmarkResult(forms=names, scores=pd.DataFrame(scores, index=keys),
                           errors=pd.DataFrame(errors, index=keys))


def _score(form: str, curve: Curve) -> tuple[float, float]:
    law = curve_law(form, curve.domain)
    if len(curve.x_train) < law.min_points:
        return math.nan, math.nan
    return log_rmse(law, fit_curve(law, curve.x_train, curve.y_train).params, curve.x_test,
                    curve.y_test)


@dataclass
class SteepnessTest:
    """Held-out extrapolation error of a power law and of faster-bending alternatives."""

    errors: dict[str, float]
    holdout: int
    steeper: bool
    flags: list[str] = field(default_factory=list)

    @property
    def verdict_en(self) -> str:
        best = min(self.errors, key=self.errors.get)
        if self.steeper:
            return (f"the curve falls faster than a power law: {best} extrapolates the last "
                    f"{self.holdout} points with RMSE {self.errors[best]:.3g} against "
                    f"{self.errors['power']:.3g} for the power law")
        return (f"no evidence that the curve beats a power law: the power law's held-out RMSE "
                f"is {self.errors['power']:.3g}, the best alternative's "
                f"{min(v for k, v in self.errors.items() if k != 'power'):.3g}")

    @property
    def verdict_ko(self) -> str:
        best = min(self.errors, key=self.errors.get)
        if self.steeper:
            return (f"곡선이 멱법칙보다 빠르게 감소합니다: 마지막 {self.holdout}개 점의 "
                    f"외삽 RMSE가 "
                    f"{best} {self.errors[best]:.3g}, 멱법칙 {self.errors['power']:.3g}입니다")
        return (f"곡선이 멱법칙보다 낫다는 근거가 없습니다: 멱법칙의 외삽 RMSE "
                f"{self.errors['power']:.3g}, 최선의 대안 "
                f"{min(v for k, v in self.errors.items() if k != 'power'):.3g}")


def steeper_than_power_law(
    x: np.ndarray, y: np.ndarray, holdout: int = 3, margin: float = 0.5
) -> SteepnessTest:
    """Fit on all but the ``holdout`` largest sizes; the curve is called steeper when an
    exponential or broken law extrapolates them with less than ``margin`` times the power
    law's (M2's) error."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    order = np.argsort(x)
    if len(x) - holdout < 5:
        raise ScalingInputError(
            f"need at least {holdout + 5} points to hold out {holdout}; got {len(x)}"
        )
    fit_idx, held = order[:-holdout], order[-holdout:]
    errors = {}
    for label, form in (("power", "m2"), ("exponential", "exponential"), ("broken", "bnsl1")):
        law = get_law(form, "d")
        if len(fit_idx) < law.min_points:
            continue
        result = fit_curve(law, x[fit_idx], y[fit_idx])
        errors[label] = log_rmse(law, result.params, x[held], y[held])[0]
    alternative = min(v for k, v in errors.items() if k != "power")
    return SteepnessTest(errors=errors, holdout=holdout,
                         steeper=bool(alternative < margin * errors["power"]))
